"""A workshop's file as bytes, encoding again only what changed since the last write.

Every change writes the whole file (one atomic replacement), but between two changes nearly every note is the very
same object: workshops are immutable, so a note that is still there unchanged is the object encoded last time.
Keeping each note's, group's and action's JSON with the object it came from makes a change cost the one document
it touched plus joining bytes, whatever the workshop's size. The result is byte for byte what encoding the whole
workshop again gives (:func:`~darbnica.store.records.workshop_tables` through
:func:`~darbnica.store.storage.dump_json`); a test holds it to that.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

from darbnica.model import Action, Group, Note, Plan, Workshop
from darbnica.plan import plan_to_dict
from darbnica.store.records import ACTIONS, GROUPS, META, META_ID, NOTES, action_doc, group_doc, meta_doc, note_doc
from darbnica.store.storage import dump_json

Item = Note | Group | Action


class FileEncoder:
    """Encodes successive states of one workshop (used by its single writer, one thread at a time)."""

    def __init__(self) -> None:
        self._tables: dict[str, tuple[Sequence[Item], list[bytes], dict[int, tuple[Item, bytes]]]] = {}
        """Each table as last encoded: its items, their JSON in that order, and each one's by its id."""
        self._plan: tuple[Plan, bytes] | None = None

    def encode(self, workshop: Workshop) -> bytes:
        tables = [
            self._table(NOTES, workshop.notes, note_doc),
            self._table(ACTIONS, workshop.actions, action_doc),
            self._table(GROUPS, workshop.groups, group_doc),
        ]
        meta = dump_json(META) + b":{" + dump_json(META_ID) + b":" + self._meta(workshop) + b"}"
        return b"{" + b",".join([meta, *tables]) + b"}"

    def _table(self, name: str, items: Sequence[Item], doc: Callable[[Any], dict[str, Any]]) -> bytes:
        last = self._tables.get(name)
        if last is not None and len(items) >= len(last[0]) and all(map(operator.is_, last[0], items)):
            # The same items with some added at the end (a note typed, a phone's note let in): only those are
            # looked at, whatever the workshop's size.
            _, parts, by_id = last
            parts = parts + [self._encoded(item, doc, by_id) for item in items[len(last[0]) :]]
        else:
            kept = last[2] if last is not None else {}
            by_id = {}
            parts = [self._encoded(item, doc, kept, by_id) for item in items]
        self._tables[name] = (items, parts, by_id)  # only what the workshop still has: a deleted note's JSON goes
        return dump_json(name) + b":{" + b",".join(parts) + b"}"

    @staticmethod
    def _encoded(
        item: Item,
        doc: Callable[[Any], dict[str, Any]],
        kept: dict[int, tuple[Item, bytes]],
        into: dict[int, tuple[Item, bytes]] | None = None,
    ) -> bytes:
        """The item's JSON, kept from the last time if it is the same object; recorded in ``into`` (or ``kept``)."""
        found = kept.get(item.id)
        if found is None or found[0] is not item:
            # As dump_json of the whole file has it: ``"id":{...}`` (UTF-8 carries nothing across members).
            found = (item, dump_json({str(item.id): doc(item)})[1:-1])
        (kept if into is None else into)[item.id] = found
        return found[1]

    def _meta(self, workshop: Workshop) -> bytes:
        # The plan's copy is most of the meta document and never changes while the workshop is open: its JSON is
        # kept, and spliced in last, where meta_doc puts it.
        if self._plan is None or self._plan[0] is not workshop.plan:
            self._plan = (workshop.plan, dump_json(plan_to_dict(workshop.plan)))
        doc = meta_doc(workshop, with_plan=False)
        return dump_json(doc)[:-1] + b',"plan":' + self._plan[1] + b"}"
