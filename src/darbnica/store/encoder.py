"""A workshop's file as bytes, encoding again only what changed since the last write.

Every change writes the whole file (one atomic replacement), but between two changes nearly every note is the very
same object: workshops are immutable, so a note that is still there unchanged is the object encoded last time.
Keeping each note's, group's and action's JSON with the object it came from makes a change cost the one document
it touched plus joining bytes, whatever the workshop's size. The result is byte for byte what encoding the whole
workshop again gives (:func:`~darbnica.store.records.workshop_tables` through
:func:`~darbnica.store.storage.dump_json`); a test holds it to that.
"""

from __future__ import annotations

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
        self._members: dict[tuple[str, int], tuple[Item, bytes]] = {}
        self._plan: tuple[Plan, bytes] | None = None

    def encode(self, workshop: Workshop) -> bytes:
        members: dict[tuple[str, int], tuple[Item, bytes]] = {}
        tables = [
            self._table(NOTES, workshop.notes, note_doc, members),
            self._table(ACTIONS, workshop.actions, action_doc, members),
            self._table(GROUPS, workshop.groups, group_doc, members),
        ]
        self._members = members  # only what the workshop still has: a deleted note's JSON is let go
        meta = dump_json(META) + b":{" + dump_json(META_ID) + b":" + self._meta(workshop) + b"}"
        return b"{" + b",".join([meta, *tables]) + b"}"

    def _table(
        self,
        name: str,
        items: Sequence[Item],
        doc: Callable[[Any], dict[str, Any]],
        members: dict[tuple[str, int], tuple[Item, bytes]],
    ) -> bytes:
        parts = []
        for item in items:
            key = (name, item.id)
            kept = self._members.get(key)
            if kept is None or kept[0] is not item:
                # As dump_json of the whole file has it: ``"id":{...}`` (UTF-8 carries nothing across members).
                kept = (item, dump_json({str(item.id): doc(item)})[1:-1])
            members[key] = kept
            parts.append(kept[1])
        return dump_json(name) + b":{" + b",".join(parts) + b"}"

    def _meta(self, workshop: Workshop) -> bytes:
        # The plan's copy is most of the meta document and never changes while the workshop is open: its JSON is
        # kept, and spliced in last, where meta_doc puts it.
        if self._plan is None or self._plan[0] is not workshop.plan:
            self._plan = (workshop.plan, dump_json(plan_to_dict(workshop.plan)))
        doc = meta_doc(workshop, with_plan=False)
        return dump_json(doc)[:-1] + b',"plan":' + self._plan[1] + b"}"
