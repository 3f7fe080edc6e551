"""Request, response and storage models.{% if features.database %} Importing this package registers every table.{% endif %}
"""

from app.models.${{ resource.singular }} import ${{ resource.className }}
{% if features.auth %}
from app.models.user import User
{% endif %}

__all__ = ["${{ resource.className }}"{% if features.auth %}, "User"{% endif %}]
