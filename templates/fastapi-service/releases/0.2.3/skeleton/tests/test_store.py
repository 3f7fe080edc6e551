from app.store import get_store


def test_the_default_store_is_shared_by_the_process() -> None:
    assert get_store() is get_store()
