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

ENTITY_NAME = ${{ resource.singularTitle | py }}


def to_public(
    row: ${{ C }},
) -> ${{ C }}Public:
    return ${{ C }}Public.model_validate(row, from_attributes=True)


class ${{ C }}Service:
    def __init__(self, session: Session) -> None:
        self.session = session

    def create(
        self,
        data: ${{ C }}Create,
    ) -> ${{ C }}Public:
        row = ${{ C }}.model_validate(data)
        self.session.add(row)
        self.session.commit()
        self.session.refresh(row)
        return to_public(row)

    def list_page(
        self,
        *,
        offset: int,
        limit: int,
    ) -> ${{ C }}Page:
        by_id = col(${{ C }}.id)
        ordered = select(${{ C }}).order_by(by_id)
        count_all = select(func.count()).select_from(${{ C }})
        rows = self.session.exec(ordered.offset(offset).limit(limit)).all()
        total = self.session.exec(count_all).one()
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
        row = self._get_row(row_id)
        row.sqlmodel_update(changes.model_dump(exclude_unset=True))
        self.session.add(row)
        self.session.commit()
        self.session.refresh(row)
        return to_public(row)

    def delete(self, row_id: int) -> None:
        self.session.delete(self._get_row(row_id))
        self.session.commit()

    def _get_row(self, row_id: int) -> ${{ C }}:
        row = self.session.get(${{ C }}, row_id)
        if row is None:
            raise NotFoundError(ENTITY_NAME, row_id)
        return row
