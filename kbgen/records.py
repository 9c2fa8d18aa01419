"""Quicker unpickling for kbgen's frozen, slotted records.

Python gives such a dataclass a ``__setstate__`` that calls ``dataclasses.fields()`` for every object it restores.
A warm ``kbgen check`` restores every article and link from the load memo (kbgen.loading.load_memo), and
that lookup was a quarter of the restoring. The state stays what the dataclass pickles: its field values, in order.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

Record = TypeVar("Record", bound=type)


def quick_unpickling(cls: Record) -> Record:
    """Restore ``cls`` from its field values with the field names looked up once; apply above ``@dataclass``."""
    names = tuple(field.name for field in fields(cls))
    set_attribute = object.__setattr__  # the records are frozen

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):  # another shape raises: the memo entry is reloaded
            set_attribute(self, name, value)

    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls
