from datetime import timedelta

import pytest
from argon2 import extract_parameters
from argon2.profiles import RFC_9106_LOW_MEMORY

from app.config import Settings
from app.services.auth import (
    check_password,
    create_access_token,
    decode_access_token,
    hash_password,
)


@pytest.mark.production_password_hashing
def test_hash_password_uses_argon2id_with_the_rfc_9106_parameters() -> None:
    # The other tests hash with cheap parameters (see tests/conftest.py).
    hashed = hash_password("correct horse battery")

    assert hashed.startswith("$argon2id$")
    assert extract_parameters(hashed) == RFC_9106_LOW_MEMORY


def test_check_password_accepts_only_the_hashed_password() -> None:
    hashed = hash_password("correct horse battery")

    assert check_password("correct horse battery", hashed)
    assert not check_password("wrong password", hashed)


def test_check_password_of_an_unknown_user_is_false() -> None:
    assert not check_password("correct horse battery", None)


def test_access_token_round_trip(settings: Settings) -> None:
    token = create_access_token(42, settings)

    assert decode_access_token(token, settings) == 42


def test_decode_rejects_an_expired_token(settings: Settings) -> None:
    token = create_access_token(42, settings, expires_delta=timedelta(seconds=-1))

    assert decode_access_token(token, settings) is None


def test_decode_rejects_garbage(settings: Settings) -> None:
    assert decode_access_token("not.a.token", settings) is None
