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


def to_public(row: ${{ C }}) -> ${{ C }}Public:
    return ${{ C }}Public.model_validate(row, from_attributes=True)


class ${{ C }}Service:
    def __init__(self, store: Store) -> None:
        self.rows = store.${{ resource.plural }}

    def create(
        self,
        ${{ s }}_in: ${{ C }}Create,
    ) -> ${{ C }}Public:
        fields = ${{ s }}_in.model_dump()
        row = self.rows.insert(lambda new_id: ${{ C }}(id=new_id, **fields))
        return to_public(row)

    def list_page(self, *, offset: int, limit: int) -> ${{ C }}Page:
        rows, total = self.rows.page(offset=offset, limit=limit)
        return ${{ C }}Page(data=[to_public(row) for row in rows], count=total)

    def get(self, ${{ s }}_id: int) -> ${{ C }}Public:
        return to_public(self._get_row(${{ s }}_id))

    def update(
        self,
        ${{ s }}_id: int,
        ${{ s }}_in: ${{ C }}Update,
    ) -> ${{ C }}Public:
        changes = ${{ s }}_in.model_dump(exclude_unset=True)
        row = self._get_row(${{ s }}_id).model_copy(update=changes)
        self.rows.replace(${{ s }}_id, row)
        return to_public(row)

    def delete(self, ${{ s }}_id: int) -> None:
        self._get_row(${{ s }}_id)
        self.rows.delete(${{ s }}_id)

    def _get_row(self, ${{ s }}_id: int) -> ${{ C }}:
        row = self.rows.get(${{ s }}_id)
        if row is None:
            raise NotFoundError(${{ resource.singularTitle | py }}, ${{ s }}_id)
        return row
