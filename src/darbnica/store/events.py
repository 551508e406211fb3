"""What a laptop records about a workshop it does not own: a responsibility's new status, or taking it over.

In a shared archive (:mod:`darbnica.sync`) each workshop file has one writer, the laptop that made it or took it
over (:mod:`.device`). Another laptop (the municipality marking a promise done, a follow-up in the village) never
rewrites that file: it writes a small event file of its own, once, atomically, and never changes it again::

    <data>/events/<workshop id>.<UTC time, to the microsecond>-<laptop>-<random>.json

Every event has a name no other laptop makes, so a sync only ever adds files here and a merge never meets two
versions of one. The folder is flat, like ``workshops/``: the sync shares it the same way, and one listing tells
the catalog which workshops have new events.

What every view shows is the workshop file with its events folded in (:func:`fold`):

- the owner is the laptop of the latest take-over, else the one the file names;
- a responsibility's status is the latest of the file's own (as of its ``updated`` time) and its events'. Events
  are ordered by their names, which begin with the time, so two laptops order them alike; at the same
  microsecond the laptop's name decides, then the random part. The file and an event of the same second: the
  event wins (it was recorded about that file). An event names its task by number and by when the task was made,
  so a number the owner freed and gave to a new task is not taken for the old one.

When the owner opens the workshop for writing, it starts from the folded workshop, so its next save writes the
folded statuses into the file; the events stay, as the record of who changed what, and fold to the same result.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any

from darbnica.errors import DarbnicaError
from darbnica.model import Action, Status, Workshop
from darbnica.store.conflicts import CONFLICT
from darbnica.store.device import DEVICE_PATTERN
from darbnica.store.storage import atomic_write, dump_json, ensure_folder, load_json

log = logging.getLogger(__name__)

EVENT_FORMAT = "darbnica-event"
EVENT_LIMIT = 4096
"""Bytes an event file may have: a few short fields; anything larger is not one of ours and is not read."""
_NAME = re.compile(r"^(?P<workshop>[a-z0-9-]+)\.(?P<stamp>\d{8}T\d{12}Z)-(?P<device>[a-z0-9-]+)-[0-9a-f]{8}\.json$")


class Kind(StrEnum):
    STATUS = "status"
    """A responsibility's status changed."""
    OWNER = "owner"
    """The laptop that recorded it took the workshop over: from now on only it writes the file."""


@dataclass(frozen=True)
class Event:
    name: str
    """The file's name: the order events are folded in."""
    workshop: str
    kind: Kind
    device: str
    """The laptop that recorded it."""
    time: str
    """When, as a task's times are kept: local ISO 8601 to the second, with its offset."""
    action: int | None = None
    status: Status | None = None
    task_created: str = ""
    """When the task was made, as its workshop has it: a number the owner freed (deleting its last task) and gave
    to a new task is not that task, and the event does not apply to it."""


def _instant(stamp: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.astimezone()  # a time without an offset was this laptop's


def fold(workshop: Workshop, events: Iterable[Event]) -> Workshop:
    """The workshop as every view shows it: its file with the events recorded about it (see the module's notes)."""
    owner = workshop.device
    latest: dict[int, Event] = {}
    for event in sorted(events, key=lambda e: e.name):
        if event.kind is Kind.OWNER:
            owner = event.device
        elif event.action is not None:
            latest[event.action] = event
    actions = []
    for action in workshop.actions:
        changed = latest.get(action.id)
        if changed is not None and changed.task_created not in ("", action.created):
            changed = None  # about a task of that number that is no longer there
        if changed is not None and changed.status is not None and changed.status != action.status:
            theirs, ours = _instant(changed.time), _instant(action.updated)
            if theirs is not None and (ours is None or theirs >= ours):
                action = replace(action, status=changed.status, updated=changed.time)
        actions.append(action)
    if owner == workshop.device and all(a is b for a, b in zip(actions, workshop.actions, strict=True)):
        return workshop
    return replace(workshop, device=owner, actions=tuple(actions))


def owner_of(workshop: Workshop, events: Iterable[Event]) -> str:
    return fold(workshop, events).device


class Events:
    """The event files of one data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def names(self) -> dict[str, tuple[str, ...]]:
        """Each workshop's event file names, sorted: one look at the folder, no file read."""
        found: dict[str, list[str]] = {}
        try:
            with os.scandir(self.folder) as items:
                for item in items:
                    match = _NAME.match(item.name)
                    if match is not None and CONFLICT not in item.name:
                        found.setdefault(match["workshop"], []).append(item.name)
        except FileNotFoundError:
            return {}
        return {workshop: tuple(sorted(names)) for workshop, names in found.items()}

    def of(self, workshop_id: str, names: Mapping[str, tuple[str, ...]] | None = None) -> list[Event]:
        """The events recorded about one workshop (``names``: from :meth:`names`, if already looked up)."""
        listed = (names if names is not None else self.names()).get(workshop_id, ())
        return [event for name in listed if (event := self._read(name)) is not None]

    def _read(self, name: str) -> Event | None:
        path = self.folder / name
        try:
            if path.stat().st_size > EVENT_LIMIT:
                raise ValueError("too large")
            event = _event(name, load_json(path))
        except (OSError, DarbnicaError, ValueError, TypeError, KeyError) as error:
            # A file someone copied or edited by hand: the workshop is shown without it; the file is left alone.
            log.warning("an event file that cannot be used is left out: %s (%s)", path, error)
            return None
        return event

    def record(self, workshop_id: str, device: str, kind: Kind, **fields: Any) -> Event:
        """Write a new event file (atomically: a crash leaves it whole or not there) and return the event."""
        moment = datetime.now(timezone.utc)
        name = f"{workshop_id}.{moment:%Y%m%dT%H%M%S%f}Z-{device}-{secrets.token_hex(4)}.json"
        time = moment.astimezone().isoformat(timespec="seconds")
        data = {"format": EVENT_FORMAT, "workshop": workshop_id, "kind": kind.value, "device": device, "time": time}
        data.update(fields)
        ensure_folder(self.folder)
        atomic_write(self.folder / name, dump_json(data))
        return _event(name, data)

    def record_status(self, workshop_id: str, device: str, action: Action, status: Status) -> Event:
        fields = {"action": action.id, "status": status.value, "task_created": action.created}
        return self.record(workshop_id, device, Kind.STATUS, **fields)

    def record_owner(self, workshop_id: str, device: str) -> Event:
        return self.record(workshop_id, device, Kind.OWNER)


def _event(name: str, data: Any) -> Event:
    """An event as its file says, checked against its name: anything else raises ``ValueError``."""
    match = _NAME.match(name)
    if match is None or not isinstance(data, dict) or data.get("format") != EVENT_FORMAT:
        raise ValueError("not an event file")
    workshop, device, time = data.get("workshop"), data.get("device"), data.get("time")
    if workshop != match["workshop"] or device != match["device"] or not DEVICE_PATTERN.match(str(device)):
        raise ValueError("the file's name and its contents disagree")
    if not isinstance(time, str) or len(time) > 40 or _instant(time) is None:
        raise ValueError("no time")
    kind = Kind(data["kind"])
    if kind is Kind.OWNER:
        return Event(name, workshop, kind, device, time)
    action = data.get("action")
    if isinstance(action, bool) or not isinstance(action, int) or action < 1:
        raise ValueError("no task number")
    created = data.get("task_created", "")
    if not isinstance(created, str) or len(created) > 40:
        raise ValueError("no task time")
    return Event(name, workshop, kind, device, time, action, Status(data["status"]), created)
