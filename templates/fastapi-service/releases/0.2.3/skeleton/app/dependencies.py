{% set C = resource.className %}
"""Dependencies shared by the routers, as `Annotated` aliases: a parameter typed
with one of these is provided by FastAPI (and can be overridden in tests).
"""

from typing import Annotated

from fastapi import Depends, Path
{% if features.database %}
from sqlmodel import Session
{% endif %}

{% set imports = [
  "from app.config import Settings, settings_dependency",
  "from app.database import get_session" if features.database,
  "from app.models.user import User" if features.auth,
  "from app.services.auth import decode_access_token, oauth2_scheme, unauthorized" if features.auth,
  "from app.services." + resource.plural + " import " + C + "Service",
  "from app.services.users import UserService" if features.auth,
  "from app.services.websocket import ConnectionManager, get_connection_manager" if features.websockets,
  "from app.store import Store, get_store" if not features.database
] %}
{% for line in imports | select | sort %}
{% if line | length <= 88 %}
${{ line }}
{% else %}
${{ line | replace(" import ", " import (\n    ") }},
)
{% endif %}
{% endfor %}

# Ids are 32-bit integers in every database the service supports (PostgreSQL's
# `integer`): larger ones are refused with a 422 instead of overflowing into a 500.
MAX_ID = 2_147_483_647
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]

SettingsDep = Annotated[Settings, Depends(settings_dependency)]
{% if features.database %}
SessionDep = Annotated[Session, Depends(get_session)]
{% else %}
StoreDep = Annotated[Store, Depends(get_store)]
{% endif %}
{% if features.websockets %}
ConnectionManagerDep = Annotated[ConnectionManager, Depends(get_connection_manager)]
{% endif %}


def get_${{ resource.singular }}_service(
    ${{ "session: SessionDep" if features.database else "store: StoreDep" }},
) -> ${{ C }}Service:
    return ${{ C }}Service(${{ "session" if features.database else "store" }})


${{ C }}ServiceDep = Annotated[
    ${{ C }}Service,
    Depends(get_${{ resource.singular }}_service),
]
{% if features.auth %}


def get_user_service(${{ "session: SessionDep" if features.database else "store: StoreDep" }}) -> UserService:
    return UserService(${{ "session" if features.database else "store" }})


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
TokenDep = Annotated[str, Depends(oauth2_scheme)]


def get_current_user(
    token: TokenDep, settings: SettingsDep, users: UserServiceDep
) -> User:
    """The user the bearer token belongs to; 401 for a bad token or a deleted user."""
    user_id = decode_access_token(token, settings)
    user = users.get_by_id(user_id) if user_id is not None else None
    if user is None:
        raise unauthorized()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
{% endif %}
