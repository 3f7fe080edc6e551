{% set C = resource.className %}
{% set s = resource.singular %}
"""${{ resource.title }} in the database: create, list, read, update, delete."""

from sqlmodel import Session, col, func, select

from app.errors import NotFoundError
from app.models.${{ s }} import (
    ${{ C }},
    ${{ C }}Create,
    ${{ C }}Page,
    ${{ C }}Public,
    ${{ C }}Update,
)


def to_public(row: ${{ C }}) -> ${{ C }}Public:
    return ${{ C }}Public.model_validate(row, from_attributes=True)


class ${{ C }}Service:
    def __init__(self, session: Session) -> None:
        self.session = session

    def create(
        self,
        ${{ s }}_in: ${{ C }}Create,
    ) -> ${{ C }}Public:
        row = ${{ C }}.model_validate(${{ s }}_in)
        self.session.add(row)
        self.session.commit()
        self.session.refresh(row)
        return to_public(row)

    def list_page(self, *, offset: int, limit: int) -> ${{ C }}Page:
        ordered = select(${{ C }}).order_by(col(${{ C }}.id))
        count_all = select(func.count()).select_from(${{ C }})
        rows = self.session.exec(ordered.offset(offset).limit(limit)).all()
        total = self.session.exec(count_all).one()
        return ${{ C }}Page(data=[to_public(row) for row in rows], count=total)

    def get(self, ${{ s }}_id: int) -> ${{ C }}Public:
        return to_public(self._get_row(${{ s }}_id))

    def update(
        self,
        ${{ s }}_id: int,
        ${{ s }}_in: ${{ C }}Update,
    ) -> ${{ C }}Public:
        row = self._get_row(${{ s }}_id)
        row.sqlmodel_update(${{ s }}_in.model_dump(exclude_unset=True))
        self.session.add(row)
        self.session.commit()
        self.session.refresh(row)
        return to_public(row)

    def delete(self, ${{ s }}_id: int) -> None:
        self.session.delete(self._get_row(${{ s }}_id))
        self.session.commit()

    def _get_row(self, ${{ s }}_id: int) -> ${{ C }}:
        row = self.session.get(${{ C }}, ${{ s }}_id)
        if row is None:
            raise NotFoundError(${{ resource.singularTitle | py }}, ${{ s }}_id)
        return row
