{% set C = resource.className %}
{% set s = resource.singular %}
"""`${{ resource.path }}`: ${{ resource.title | lower }} CRUD with a paginated list.{% if features.auth %} Changes need a bearer token.{% endif %}"""

from typing import Annotated

from fastapi import APIRouter, {% if features.backgroundTasks %}BackgroundTasks, {% endif %}Query, status

from app.dependencies import (
    MAX_ID,
{% for name in ["IdPath", C + "ServiceDep", "CurrentUser" if features.auth] | select | sort %}
    ${{ name }},
{% endfor %}
)
from app.models.${{ s }} import (
    ${{ C }}Create,
    ${{ C }}Page,
    ${{ C }}Public,
    ${{ C }}Update,
)
{% if features.backgroundTasks %}
from app.services.notifications import notify_created
{% endif %}

router = APIRouter(
    prefix="${{ resource.path }}",
    tags=[${{ resource.path | replace("/", "") | py }}],
)


@router.get("")
def list_${{ resource.plural }}(
    service: ${{ C }}ServiceDep,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ${{ C }}Page:
    return service.list_page(offset=offset, limit=limit)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_${{ s }}(
    body: ${{ C }}Create,
    service: ${{ C }}ServiceDep,
{% if features.auth %}
    current_user: CurrentUser,
{% endif %}
{% if features.backgroundTasks %}
    background_tasks: BackgroundTasks,
{% endif %}
) -> ${{ C }}Public:
{% if features.backgroundTasks %}
    ${{ s }} = service.create(body)
    background_tasks.add_task(
        notify_created,
        ${{ s | py }},
        ${{ s }}.id,
    )
    return ${{ s }}
{% else %}
    return service.create(body)
{% endif %}


@router.get("/{${{ s }}_id}")
def read_${{ s }}(
    ${{ s }}_id: IdPath,
    service: ${{ C }}ServiceDep,
) -> ${{ C }}Public:
    return service.get(${{ s }}_id)


@router.patch("/{${{ s }}_id}")
def update_${{ s }}(
    ${{ s }}_id: IdPath,
    changes: ${{ C }}Update,
    service: ${{ C }}ServiceDep,
{% if features.auth %}
    current_user: CurrentUser,
{% endif %}
) -> ${{ C }}Public:
    return service.update(${{ s }}_id, changes)


@router.delete(
    "/{${{ s }}_id}",
    status_code=status.HTTP_204_NO_CONTENT,
)
def delete_${{ s }}(
    ${{ s }}_id: IdPath,
    service: ${{ C }}ServiceDep,
{% if features.auth %}
    current_user: CurrentUser,
{% endif %}
) -> None:
    service.delete(${{ s }}_id)
