{% set C = resource.className %}
{% set s = resource.singular %}
{% set P = resource.path %}
{% if features.backgroundTasks %}
import logging

{% endif %}
import pytest
from fastapi.testclient import TestClient
{% if features.auth %}

Headers = dict[str, str]
{% endif %}


def create_one(
    client: TestClient,
{% if features.auth %}
    headers: Headers,
{% endif %}
    name: str = "First",
) -> dict[str, object]:
    response = client.post(
        "${{ P }}",
        json={"name": name, "description": "An example"},
{% if features.auth %}
        headers=headers,
{% endif %}
    )
    assert response.status_code == 201, response.text
    body: dict[str, object] = response.json()
    return body


def test_create_returns_the_new_${{ s }}(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    body = create_one(client{% if features.auth %}, auth_headers{% endif %})

    assert body["name"] == "First"
    assert body["description"] == "An example"
    assert isinstance(body["id"], int)
    assert "created_at" in body


def test_create_rejects_an_invalid_body(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    response = client.post(
        "${{ P }}",
        json={"name": ""},
{% if features.auth %}
        headers=auth_headers,
{% endif %}
    )

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"][0]["loc"] == ["body", "name"]
    # The offending input is not echoed back.
    assert "input" not in body["errors"][0]
{% if features.auth %}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "${{ P }}"),
        ("PATCH", "${{ P }}/1"),
        ("DELETE", "${{ P }}/1"),
    ],
)
def test_changes_require_a_bearer_token(
    client: TestClient, method: str, path: str
) -> None:
    response = client.request(method, path, json={"name": "Nope"})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["code"] == "unauthorized"
{% endif %}


def test_list_paginates_with_offset_and_limit(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    for name in ("A", "B", "C"):
        create_one(client{% if features.auth %}, auth_headers{% endif %}, name=name)

    response = client.get(
        "${{ P }}",
        params={"offset": 1, "limit": 1},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["name"] for item in body["data"]] == ["B"]


@pytest.mark.parametrize(
    "params",
    [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 2_147_483_648}],
)
def test_list_rejects_out_of_bounds_paging(
    client: TestClient, params: dict[str, int]
) -> None:
    response = client.get("${{ P }}", params=params)

    assert response.status_code == 422


def test_read_returns_the_${{ s }}(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    created = create_one(client{% if features.auth %}, auth_headers{% endif %})

    response = client.get(f"${{ P }}/{created['id']}")

    assert response.status_code == 200
    assert response.json() == created


@pytest.mark.parametrize("bad_id", ["0", "2147483648", "612337038646153667044966400"])
def test_ids_out_of_the_database_range_are_422(client: TestClient, bad_id: str) -> None:
    response = client.get(f"${{ P }}/{bad_id}")

    assert response.status_code == 422


def test_read_of_a_missing_id_is_404(client: TestClient) -> None:
    response = client.get("${{ P }}/999")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "detail": ${{ (resource.singularTitle + " 999 not found") | py }},
    }


def test_update_changes_only_the_fields_sent(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    created = create_one(client{% if features.auth %}, auth_headers{% endif %})

    response = client.patch(
        f"${{ P }}/{created['id']}",
        json={"name": "Renamed"},
{% if features.auth %}
        headers=auth_headers,
{% endif %}
    )

    assert response.status_code == 200
    assert response.json() == {**created, "name": "Renamed"}


def test_update_rejects_a_null_name(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    created = create_one(client{% if features.auth %}, auth_headers{% endif %})

    response = client.patch(
        f"${{ P }}/{created['id']}",
        json={"name": None},
{% if features.auth %}
        headers=auth_headers,
{% endif %}
    )

    assert response.status_code == 422


def test_update_of_a_missing_id_is_404(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    response = client.patch(
        "${{ P }}/999",
        json={"name": "Renamed"},
{% if features.auth %}
        headers=auth_headers,
{% endif %}
    )

    assert response.status_code == 404


def test_delete_removes_the_${{ s }}(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
) -> None:
    created = create_one(client{% if features.auth %}, auth_headers{% endif %})
    url = f"${{ P }}/{created['id']}"

    assert client.delete(url{% if features.auth %}, headers=auth_headers{% endif %}).status_code == 204
    assert client.get(url).status_code == 404
    assert client.delete(url{% if features.auth %}, headers=auth_headers{% endif %}).status_code == 404
{% if features.backgroundTasks %}


def test_create_announces_the_new_${{ s }}_in_the_background(
    client: TestClient,
{% if features.auth %}
    auth_headers: Headers,
{% endif %}
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="app.services.notifications"):
        created = create_one(client{% if features.auth %}, auth_headers{% endif %})

    assert f"${{ s }} {created['id']} created" in caplog.messages
{% endif %}
