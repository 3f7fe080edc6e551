"""Users in the in-memory store: sign-up, look-up, login and account deletion."""

from app.errors import ConflictError
from app.models.user import User, UserCreate
from app.services.auth import check_password, hash_password
from app.store import Store


class UserService:
    def __init__(self, store: Store) -> None:
        self.users = store.users

    def get_by_id(self, user_id: int) -> User | None:
        return self.users.get(user_id)

    def get_by_email(self, email: str) -> User | None:
        return self.users.find(lambda user: user.email == email)

    def create(self, user_in: UserCreate) -> User:
        if self.get_by_email(user_in.email) is not None:
            raise ConflictError("A user with this email already exists")
        hashed_password = hash_password(user_in.password)
        return self.users.insert(
            lambda user_id: User(
                id=user_id,
                email=user_in.email,
                full_name=user_in.full_name,
                hashed_password=hashed_password,
            )
        )

    def authenticate(self, email: str, password: str) -> User | None:
        """The user these credentials belong to, or None (same cost either way)."""
        user = self.get_by_email(email)
        if not check_password(password, user.hashed_password if user else None):
            return None
        return user

    def delete(self, user: User) -> None:
        self.users.delete(user.id)
