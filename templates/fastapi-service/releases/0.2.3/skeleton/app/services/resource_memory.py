{% set C = resource.className %}
{% set s = resource.singular %}
"""${{ resource.title }} in the in-memory store: create, list, read, update, delete."""

from app.errors import NotFoundError
from app.models.${{ s }} import (
    ${{ C }},
    ${{ C }}Create,
    ${{ C }}Page,
    ${{ C }}Public,
    ${{ C }}Update,
)
from app.store import Store

ENTITY_NAME = ${{ resource.singularTitle | py }}


def to_public(
    row: ${{ C }},
) -> ${{ C }}Public:
    return ${{ C }}Public.model_validate(row, from_attributes=True)


class ${{ C }}Service:
    def __init__(self, store: Store) -> None:
        self.rows = store.${{ resource.plural }}

    def create(
        self,
        data: ${{ C }}Create,
    ) -> ${{ C }}Public:
        fields = data.model_dump()
        row = self.rows.insert(
            lambda new_id: ${{ C }}(id=new_id, **fields),
        )
        return to_public(row)

    def list_page(
        self,
        *,
        offset: int,
        limit: int,
    ) -> ${{ C }}Page:
        rows, total = self.rows.page(offset=offset, limit=limit)
        return ${{ C }}Page(
            data=[to_public(row) for row in rows],
            count=total,
        )

    def get(self, row_id: int) -> ${{ C }}Public:
        return to_public(self._get_row(row_id))

    def update(
        self,
        row_id: int,
        changes: ${{ C }}Update,
    ) -> ${{ C }}Public:
        row = self._get_row(row_id).model_copy(
            update=changes.model_dump(exclude_unset=True),
        )
        self.rows.replace(row_id, row)
        return to_public(row)

    def delete(self, row_id: int) -> None:
        self._get_row(row_id)
        self.rows.delete(row_id)

    def _get_row(self, row_id: int) -> ${{ C }}:
        row = self.rows.get(row_id)
        if row is None:
            raise NotFoundError(ENTITY_NAME, row_id)
        return row
