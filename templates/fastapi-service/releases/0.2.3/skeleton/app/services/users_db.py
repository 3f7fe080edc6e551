"""Users in the database: sign-up, look-up, login and account deletion."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.errors import ConflictError
from app.models.user import User, UserCreate
from app.services.auth import check_password, hash_password


class UserService:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get_by_id(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def get_by_email(self, email: str) -> User | None:
        return self.session.exec(select(User).where(User.email == email)).first()

    def create(self, user_in: UserCreate) -> User:
        user = User.model_validate(
            user_in, update={"hashed_password": hash_password(user_in.password)}
        )
        self.session.add(user)
        try:
            self.session.commit()
        except IntegrityError:
            # The unique index on email decides, even between concurrent sign-ups.
            self.session.rollback()
            raise ConflictError("A user with this email already exists") from None
        self.session.refresh(user)
        return user

    def authenticate(self, email: str, password: str) -> User | None:
        """The user these credentials belong to, or None (same cost either way)."""
        user = self.get_by_email(email)
        if not check_password(password, user.hashed_password if user else None):
            return None
        return user

    def delete(self, user: User) -> None:
        self.session.delete(user)
        self.session.commit()
