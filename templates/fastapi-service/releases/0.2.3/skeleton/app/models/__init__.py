"""Request, response and storage models.{% if features.database %} Importing this package registers every table.{% endif %}
"""

{% set imports = [
  "from app.models." + resource.singular + " import " + resource.className,
  "from app.models.user import User" if features.auth
] %}
{% for line in imports | select | sort %}
{% if line | length <= 88 %}
${{ line }}
{% else %}
${{ line | replace(" import ", " import (\n    ") }},
)
{% endif %}
{% endfor %}

__all__ = [
{% for name in [resource.className, "User" if features.auth] | select | sort %}
    "${{ name }}",
{% endfor %}
]
