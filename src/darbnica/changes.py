"""Changes to a workshop as values: applied to a :class:`~darbnica.model.Workshop`, each gives the changed workshop
and the change that puts it back.

There are few kinds: put a note, a group or an action (add it, or replace the one with its id), drop one by its
id, set some of the workshop's own fields, and a batch of these applied in order. Every change the app, the
command line or a phone makes is one of them, built and checked by the :class:`~darbnica.editing.Editor`. The
inverse is exact: applying it gives back the very objects that were there, so an undone change leaves the file as
it was, byte for byte, and the inverse of the inverse redoes it.

Nothing here checks text or does I/O; workshops are immutable, so a change never alters the one it is applied to.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from darbnica.errors import no_item
from darbnica.model import Action, Group, Note, Workshop


class Change(ABC):
    @abstractmethod
    def apply(self, workshop: Workshop) -> tuple[Workshop, Change]:
        """The changed workshop, and the change that turns it back into ``workshop``."""


Item = Note | Group | Action
Kind = type[Note] | type[Group] | type[Action]

# Which of the workshop's tuples holds each kind of item, and the word its NotFound error uses.
_TABLES: dict[type, tuple[str, str]] = {
    Note: ("notes", "note"),
    Group: ("groups", "group"),
    Action: ("actions", "action"),
}


def _items(workshop: Workshop, kind: type) -> tuple[Any, ...]:
    items: tuple[Any, ...] = getattr(workshop, _TABLES[kind][0])
    return items


def _with_items(workshop: Workshop, kind: type, items: tuple[Any, ...]) -> Workshop:
    if kind is Note:
        return replace(workshop, notes=items)
    if kind is Group:
        return replace(workshop, groups=items)
    return replace(workshop, actions=items)


def _position(items: tuple[Any, ...], item_id: int) -> int:
    """Where ``item_id`` is or would go: items are kept in the order of their ids, as the file lists them."""
    if items and items[-1].id < item_id:  # the usual case, a new item: no search
        return len(items)
    return bisect_left([item.id for item in items], item_id)


@dataclass(frozen=True)
class Put(Change):
    """Add ``item``, or replace the item of its kind that has its id."""

    item: Item

    def apply(self, workshop: Workshop) -> tuple[Workshop, Change]:
        kind = type(self.item)
        items: tuple[Item, ...] = _items(workshop, kind)
        at: int = _position(items, self.item.id)
        inverse: Change
        if at < len(items) and items[at].id == self.item.id:
            inverse = Put(items[at])
            changed = (*items[:at], self.item, *items[at + 1 :])
        else:
            inverse = Drop(kind, self.item.id)
            changed = (*items[:at], self.item, *items[at:])
        return _with_items(workshop, kind, changed), inverse


@dataclass(frozen=True)
class Drop(Change):
    """Remove the note, group or action with this id."""

    kind: Kind
    id: int

    def apply(self, workshop: Workshop) -> tuple[Workshop, Change]:
        items: tuple[Item, ...] = _items(workshop, self.kind)
        at: int = _position(items, self.id)
        if at == len(items) or items[at].id != self.id:
            raise no_item(_TABLES[self.kind][1], self.id)
        changed = (*items[:at], *items[at + 1 :])
        return _with_items(workshop, self.kind, changed), Put(items[at])


# The workshop's own fields a change may set; its id, plan, language and the rest are fixed when it is created.
SETTABLE = frozenset(
    {
        "title",
        "place",
        "date",
        "facilitator",
        "current_step",
        "engagement",
        "headcounts",
        "vision",
        "vision_checks",
        "ratings",
        "step_seconds",
        "drafts",
        "room",
    }
)


@dataclass(frozen=True)
class Set(Change):
    """Give some of the workshop's own fields new values."""

    values: Mapping[str, Any]

    def __post_init__(self) -> None:
        unknown = set(self.values) - SETTABLE
        if unknown:
            raise TypeError(f"not a settable workshop field: {', '.join(sorted(unknown))}")

    def apply(self, workshop: Workshop) -> tuple[Workshop, Change]:
        before = {name: getattr(workshop, name) for name in self.values}
        return replace(workshop, **self.values), Set(before)


@dataclass(frozen=True)
class Batch(Change):
    """Several changes as one: applied in order, undone in reverse order."""

    changes: Sequence[Change]

    def apply(self, workshop: Workshop) -> tuple[Workshop, Change]:
        inverses: list[Change] = []
        for change in self.changes:
            workshop, inverse = change.apply(workshop)
            inverses.append(inverse)
        return workshop, Batch(tuple(reversed(inverses)))


def next_id(items: Sequence[Note | Group | Action]) -> int:
    """The id a new item gets: one more than the highest (ids are kept in order)."""
    return items[-1].id + 1 if items else 1
