"""In-memory storage, used because this service has no database.

Data lives in the worker process: it is lost on restart and not shared between
workers (`--workers N` gives each worker its own copy). Choose a database
before relying on it; the services keep the same interface either way.
"""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel

{% set imports = [
  "from app.models." + resource.singular + " import " + resource.className,
  "from app.models.user import User" if features.auth
] %}
{% for line in imports | select | sort %}
{% if line | length <= 88 %}
${{ line }}
{% else %}
${{ line | replace(" import ", " import (\n    ") }},
)
{% endif %}
{% endfor %}

RowT = TypeVar("RowT", bound=BaseModel)


class Table(Generic[RowT]):
    """Rows keyed by an auto-incremented id; safe to use from request threads."""

    def __init__(self) -> None:
        self._rows: dict[int, RowT] = {}
        self._last_id = 0
        self._lock = threading.Lock()

    def insert(self, build: Callable[[int], RowT]) -> RowT:
        """Store the row that `build` makes for the next free id."""
        with self._lock:
            self._last_id += 1
            row = build(self._last_id)
            self._rows[self._last_id] = row
            return row

    def get(self, row_id: int) -> RowT | None:
        with self._lock:
            return self._rows.get(row_id)

    def replace(self, row_id: int, row: RowT) -> None:
        with self._lock:
            self._rows[row_id] = row

    def delete(self, row_id: int) -> None:
        with self._lock:
            self._rows.pop(row_id, None)

    def find(self, predicate: Callable[[RowT], bool]) -> RowT | None:
        with self._lock:
            return next((row for row in self._rows.values() if predicate(row)), None)

    def page(self, *, offset: int, limit: int) -> tuple[list[RowT], int]:
        """Rows in id order from `offset`, at most `limit` of them, and the total."""
        with self._lock:
            rows = list(self._rows.values())
        return rows[offset : offset + limit], len(rows)


class Store:
    """Every table of the service."""

    def __init__(self) -> None:
        self.${{ resource.plural }} = Table[${{ resource.className }}]()
{% if features.auth %}
        self.users = Table[User]()
{% endif %}


_store = Store()


def get_store() -> Store:
    """The process-wide store (tests override this dependency with a fresh one)."""
    return _store
