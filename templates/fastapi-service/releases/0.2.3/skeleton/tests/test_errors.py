from app.errors import status_code_name


def test_status_code_names_are_snake_case_phrases() -> None:
    assert status_code_name(404) == "not_found"
    assert status_code_name(503) == "service_unavailable"


def test_unknown_status_codes_get_a_generic_name() -> None:
    assert status_code_name(599) == "http_error"
