"""`/users`: the signed-in user's account, and looking up other users."""

from fastapi import APIRouter, status

from app.dependencies import CurrentUser, IdPath, UserServiceDep
from app.errors import NotFoundError
from app.models.user import UserPublic

router = APIRouter(prefix="/users", tags=["users"])


# `/me` is declared before `/{user_id}`, which would otherwise try to parse "me".
@router.get("/me")
def read_me(current_user: CurrentUser) -> UserPublic:
    return UserPublic.model_validate(current_user, from_attributes=True)


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
def delete_me(current_user: CurrentUser, users: UserServiceDep) -> None:
    users.delete(current_user)


@router.get("/{user_id}")
def read_user(
    user_id: IdPath, users: UserServiceDep, current_user: CurrentUser
) -> UserPublic:
    user = users.get_by_id(user_id)
    if user is None:
        raise NotFoundError("User", user_id)
    return UserPublic.model_validate(user, from_attributes=True)
