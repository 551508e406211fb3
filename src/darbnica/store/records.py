"""Workshop files as data: the TinyDB tables of a workshop file, turned into model objects and back.

A workshop file holds four tables: ``meta`` (one document: the workshop's fields, its schema version and a copy of
its plan), ``notes``, ``actions`` and ``groups``. A TinyDB document id is the note's, action's or group's id, so
ids stay stable through export and import. Everything read is checked, so a hand-edited file with a wrong type is
reported by field rather than failing somewhere in the interface later. Text read is cleaned as it is for the
terminal (:func:`~darbnica.text.display`): an escape sequence typed into the file by hand never reaches the screen,
an export or a terminal through ``darbnica list``, whichever widget shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date as Date
from pathlib import Path
from typing import Any, TypeVar

from darbnica.errors import CorruptFile, DarbnicaError, PlanError
from darbnica.i18n import DEFAULT_LANG, LANGS, Phrase
from darbnica.model import (
    RATING_RANGE,
    SCHEMA_VERSION,
    Action,
    Group,
    Headcount,
    Note,
    Plan,
    RoomStep,
    Status,
    Workshop,
)
from darbnica.plan import MAX_CHOICES, plan_from_dict, plan_to_dict
from darbnica.rules import MAX_BUDGET, MAX_HEADCOUNT, MAX_VOTES, REF_LIMIT
from darbnica.text import LINE_LIMIT, NOTE_LIMIT, STATEMENT_LIMIT, display

META, NOTES, ACTIONS, GROUPS = "meta", "notes", "actions", "groups"
META_ID = "1"

T = TypeVar("T")

Tables = dict[str, dict[str, Any]]


KEY = 60
"""Characters of a key a plan gives (a step's, a tag's, a level's): ``darbnica.plan.KEY_LIMIT``."""

MAX_SECONDS = 10**9
"""The time a step may have taken, in seconds (31 years): a bound, not a plausible value."""

STAMP = 40
"""Characters of a time stamp (``2026-03-14T10:00:00+02:00``) or of an id."""


class _Fields:
    """One document's fields, each checked for its type and for the range typing allows (a note's length, a
    head-count's size): a value darbnica never writes is damage, reported by field and limit, whether the file
    was edited by hand or comes from an import. It also keeps a hand-edited 50 MB note or a head-count of
    -10^50 from reaching the screens, which took minutes to lay such a workshop out."""

    def __init__(self, doc: Mapping[str, Any], where: str, path: Path) -> None:
        self.doc, self.where, self.path = doc, where, path

    def bad(self, name: str) -> CorruptFile:
        return CorruptFile("error.corrupt_field", path=str(self.path), field=f"{self.where}.{name}")

    def get(self, name: str, kind: type[T], default: T | None = None) -> T:
        value = self.doc.get(name, default)
        if kind is int and isinstance(value, bool):
            raise self.bad(name)
        if not isinstance(value, kind):
            raise self.bad(name)
        return value

    def optional(self, name: str, kind: type[T]) -> T | None:
        value = self.doc.get(name)
        if value is None:
            return None
        return self.get(name, kind)

    def limited(self, name: str, value: str, limit: int) -> str:
        if len(value) > limit:
            raise self.too_long(name, value, limit)
        return value

    def too_long(self, name: str, value: str, limit: int) -> CorruptFile:
        return CorruptFile(
            "error.corrupt_too_long", path=str(self.path), field=f"{self.where}.{name}", length=len(value), limit=limit
        )

    def in_range(self, name: str, value: int, low: int, high: int) -> int:
        if not low <= value <= high:
            raise CorruptFile(
                "error.corrupt_range",
                path=str(self.path),
                field=f"{self.where}.{name}",
                value=value,
                low=low,
                high=high,
            )
        return value

    def text(self, name: str, limit: int, *, required: bool = False, multiline: bool = False) -> str:
        value = display(self.get(name, str, None if required else ""), multiline=multiline)
        if len(value) > limit:  # checked here, not through limited(): this runs for every field of every note
            raise self.too_long(name, value, limit)
        return value

    def optional_text(self, name: str, limit: int) -> str | None:
        value = self.optional(name, str)
        return None if value is None else self.limited(name, display(value), limit)

    def date(self, name: str) -> str:
        """An ISO date (YYYY-MM-DD) or empty, as typing takes it."""
        value = self.text(name, STAMP).strip()
        try:
            if not value or (len(value) == 10 and Date.fromisoformat(value)):
                return value
        except ValueError:
            pass
        raise CorruptFile("error.corrupt_date", path=str(self.path), field=f"{self.where}.{name}", value=value)

    def number(self, name: str, low: int, high: int, default: int | None = None) -> int:
        return self.in_range(name, self.get(name, int, default), low, high)

    def numbers(self, name: str, low: int, high: int) -> dict[str, int]:
        value = self.get(name, dict, {})
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
            raise self.bad(name)
        return {
            self.limited(name, display(key), KEY): self.in_range(f"{name}.{key}", number, low, high)
            for key, number in value.items()
        }


def note_from_doc(doc_id: str, doc: Mapping[str, Any], path: Path) -> Note:
    f = _Fields(doc, f"notes[{doc_id}]", path)

    return Note(
        id=int(doc_id),
        step=f.text("step", KEY, required=True),
        text=f.text("text", NOTE_LIMIT, required=True),
        tag=f.optional_text("tag", KEY),
        author=f.optional_text("author", LINE_LIMIT),
        votes=f.number("votes", 0, MAX_VOTES, 0),
        group=f.optional("group", int),
        created=f.text("created", STAMP),
        phone_votes=f.number("phone_votes", 0, MAX_VOTES, 0),
        source=f.optional_text("source", KEY),
        ref=f.optional_text("ref", REF_LIMIT),
        hidden=f.get("hidden", bool, False),
        merged_into=f.optional("merged_into", int),
    )


def action_from_doc(doc_id: str, doc: Mapping[str, Any], path: Path) -> Action:
    f = _Fields(doc, f"actions[{doc_id}]", path)
    try:
        status = Status(f.get("status", str, Status.PLANNED.value))
    except ValueError:
        raise f.bad("status") from None
    return Action(
        id=int(doc_id),
        what=f.text("what", LINE_LIMIT, required=True),
        who=f.text("who", LINE_LIMIT),
        due=f.text("due", LINE_LIMIT),
        first_step=f.text("first_step", LINE_LIMIT),
        status=status,
        origin=f.optional_text("origin", LINE_LIMIT),
        created=f.text("created", STAMP),
        updated=f.text("updated", STAMP),
    )


def group_from_doc(doc_id: str, doc: Mapping[str, Any], path: Path) -> Group:
    f = _Fields(doc, f"groups[{doc_id}]", path)
    return Group(
        id=int(doc_id), step=f.text("step", KEY, required=True), title=f.text("title", LINE_LIMIT, required=True)
    )


def _headcounts(f: _Fields) -> tuple[Headcount, ...]:
    items = f.get("headcounts", list, [])

    out = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise f.bad("headcounts")
        g = _Fields(item, f"{f.where}.headcounts[{index}]", f.path)
        out.append(
            Headcount(group=g.text("group", LINE_LIMIT, required=True), count=g.number("count", 0, MAX_HEADCOUNT))
        )
    return tuple(out)


def _plan(f: _Fields) -> Plan:
    data = f.get("plan", dict)
    try:
        return plan_from_dict(data, name=f.text("plan_name", LINE_LIMIT, required=True), file=f"{f.path} (plan copy)")
    except PlanError as error:
        raise CorruptFile("error.corrupt_plan_copy", path=str(f.path), detail=Phrase.of(error)) from None


def schema_of(tables: Tables) -> int:
    meta = tables.get(META, {}).get(META_ID, {})
    schema = meta.get("schema") if isinstance(meta, dict) else None
    return schema if isinstance(schema, int) else 0


def check_schema(tables: Tables, path: Path) -> None:
    schema = schema_of(tables)
    if schema > SCHEMA_VERSION:
        # Written by a newer darbnica: not damaged, so it is neither moved aside nor touched.
        raise DarbnicaError("error.newer_schema", path=str(path), schema=schema, supported=SCHEMA_VERSION)
    if schema < 1:
        raise CorruptFile("error.corrupt_field", path=str(path), field="meta.schema")


def workshop_from_tables(tables: Tables, path: Path) -> Workshop:
    """Build and check the whole workshop from its file's tables."""
    check_schema(tables, path)
    meta = tables[META][META_ID]  # present: check_schema read the schema from it
    f = _Fields(meta, "meta", path)
    checks = f.get("vision_checks", list, [])
    if not all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < MAX_CHOICES for i in checks):
        raise f.bad("vision_checks")
    drafts = f.get("drafts", dict, {})
    if not all(isinstance(v, str) for v in drafts.values()):
        raise f.bad("drafts")
    return Workshop(
        id=f.text("id", LINE_LIMIT, required=True),
        title=f.text("title", LINE_LIMIT, required=True),
        plan=_plan(f),
        lang=_lang(f),
        place=f.text("place", LINE_LIMIT),
        date=f.date("date"),
        facilitator=f.text("facilitator", LINE_LIMIT),
        device=f.text("device", LINE_LIMIT),
        created=f.text("created", STAMP),
        current_step=f.text("current_step", KEY),
        engagement=f.optional_text("engagement", KEY),
        headcounts=_headcounts(f),
        vision=f.text("vision", STATEMENT_LIMIT, multiline=True),
        vision_checks=tuple(checks),
        ratings=f.numbers("ratings", RATING_RANGE.start, RATING_RANGE.stop - 1),
        step_seconds=f.numbers("step_seconds", 0, MAX_SECONDS),
        drafts={
            f.limited("drafts", display(step), KEY): f.limited(f"drafts.{step}", display(text), NOTE_LIMIT)
            for step, text in drafts.items()
        },
        follows=f.optional_text("follows", LINE_LIMIT),
        room=_room(f),
        notes=tuple(note_from_doc(i, d, path) for i, d in _by_id(tables.get(NOTES, {}), path)),
        actions=tuple(action_from_doc(i, d, path) for i, d in _by_id(tables.get(ACTIONS, {}), path)),
        groups=tuple(group_from_doc(i, d, path) for i, d in _by_id(tables.get(GROUPS, {}), path)),
    )


def _lang(f: _Fields) -> str:
    lang = display(f.get("lang", str, DEFAULT_LANG))
    if lang not in LANGS:
        raise f.bad("lang")
    return lang


def _by_id(table: Mapping[str, Any], path: Path) -> list[tuple[str, Any]]:
    try:
        return sorted(table.items(), key=lambda item: int(item[0]))
    except ValueError:
        raise CorruptFile("error.corrupt_layout", path=str(path)) from None


def meta_doc(workshop: Workshop, *, with_plan: bool = True) -> dict[str, Any]:
    """The ``meta`` document of a workshop (everything but its notes, actions and groups); the copy of its plan
    comes last, and is left out ``with_plan=False`` (for a writer that keeps its JSON)."""
    doc = {
        "schema": SCHEMA_VERSION,
        "id": workshop.id,
        "title": workshop.title,
        "lang": workshop.lang,
        "place": workshop.place,
        "date": workshop.date,
        "facilitator": workshop.facilitator,
        "created": workshop.created,
        "current_step": workshop.current_step,
        "engagement": workshop.engagement,
        "headcounts": [asdict(h) for h in workshop.headcounts],
        "vision": workshop.vision,
        "vision_checks": list(workshop.vision_checks),
        "ratings": dict(workshop.ratings),
        "step_seconds": dict(workshop.step_seconds),
        "drafts": dict(workshop.drafts),
        "follows": workshop.follows,
        "plan_name": workshop.plan.name,
    }
    if workshop.device:  # a workshop made before sharing is written as it was
        doc["device"] = workshop.device
    if workshop.room:  # only once phones took part, so a workshop without them is written as before
        doc["room"] = {step: asdict(settings) for step, settings in workshop.room.items()}
    if with_plan:
        doc["plan"] = plan_to_dict(workshop.plan)
    return doc


_NOTE_DEFAULTS = {"phone_votes": 0, "source": None, "ref": None, "hidden": False, "merged_into": None}
"""Fields a note has only when it came from a phone or was hidden: left out of the file while they are these, so
a workshop without phones is written as before."""


def note_doc(note: Note) -> dict[str, Any]:
    doc = asdict(note)
    del doc["id"]
    for name, default in _NOTE_DEFAULTS.items():
        if doc[name] == default:
            del doc[name]
    return doc


def _room(f: _Fields) -> dict[str, RoomStep]:
    data = f.get("room", dict, {})
    room: dict[str, RoomStep] = {}
    for step, value in data.items():
        if not isinstance(value, dict):
            raise f.bad(f"room.{step}")
        g = _Fields(value, f"{f.where}.room.{step}", f.path)
        room[f.limited("room", display(step), KEY)] = RoomStep(
            show_at_once=g.get("show_at_once", bool, False),
            voting=g.get("voting", bool, False),
            budget=g.number("budget", 1, MAX_BUDGET, 3),
            revealed=g.get("revealed", bool, False),
        )
    return room


def action_doc(action: Action) -> dict[str, Any]:
    doc = asdict(action)
    del doc["id"]
    doc["status"] = action.status.value
    return doc


def group_doc(group: Group) -> dict[str, Any]:
    return {"step": group.step, "title": group.title}


def workshop_tables(workshop: Workshop) -> Tables:
    """The complete file content of a workshop."""
    return {
        META: {META_ID: meta_doc(workshop)},
        NOTES: {str(n.id): note_doc(n) for n in workshop.notes},
        ACTIONS: {str(a.id): action_doc(a) for a in workshop.actions},
        GROUPS: {str(g.id): group_doc(g) for g in workshop.groups},
    }
