"""The trash: deleted workshops, kept whole in ``<data>/trash/<id>.json`` until it is emptied.

Deleting moves the workshop file there with one rename (same disk, so it is atomic: the workshop is in one folder
or the other, never in both or neither); restoring moves it back. Only emptying the trash removes files for good.
A file's modification time in the trash is the moment it was deleted.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from darbnica.errors import DarbnicaError
from darbnica.model import Workshop
from darbnica.store.catalog import workshop_ids
from darbnica.store.storage import sync_folder, write_failed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Trashed:
    """A workshop in the trash, as the trash list shows it."""

    id: str
    title: str
    place: str
    date: str
    deleted: str
    """When it was deleted (ISO date and time)."""


def journal_path(workshop_path: Path) -> Path:
    """The journal of what phones sent, beside a workshop file (``<id>.json`` → ``<id>.phones.jsonl``): it goes
    wherever the workshop goes (see :mod:`darbnica.room`)."""
    return workshop_path.with_name(f"{workshop_path.stem}{JOURNAL_SUFFIX}")


JOURNAL_SUFFIX = ".phones.jsonl"


def _move(source: Path, target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        sync_folder(target.parent)
        sync_folder(source.parent)
    except OSError as error:
        raise write_failed(error, target) from error


def _move_journal(source: Path, target: Path) -> None:
    """Move the journal of the workshop just moved from ``source`` to ``target`` along with it. (Should this move
    fail, the workshop is where it was going and its journal where it was: both kept, and moving the workshop
    back finds the journal in its place.)"""
    if journal_path(source).exists():
        _move(journal_path(source), journal_path(target))


class Trash:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_of(self, workshop_id: str) -> Path:
        return self.folder / f"{workshop_id}.json"

    def ids(self) -> list[str]:
        return workshop_ids(self.folder)

    def put(self, path: Path) -> None:
        """Move the workshop file at ``path`` into the trash. The caller holds the workshop's lock."""
        target = self.path_of(path.stem)
        if target.exists():
            # Never replace a deleted workshop with another of the same id: that would lose it for good.
            raise DarbnicaError("error.trash_taken", id=path.stem)
        _move(path, target)
        _move_journal(path, target)
        try:
            os.utime(target)  # its time in the trash is when it was deleted
        except OSError as error:
            log.warning("could not note when %s was deleted: %s", target.name, error)  # the file itself is safe

    def take(self, workshop_id: str, target: Path) -> None:
        """Move a trashed workshop back to ``target``, which must not exist."""
        if target.exists():
            raise DarbnicaError("error.restore_taken", id=workshop_id)
        _move(self.path_of(workshop_id), target)
        _move_journal(self.path_of(workshop_id), target)

    def items(self, read: Callable[[Path], Workshop]) -> list[Trashed]:
        """What is in the trash, most recently deleted first. A file that cannot be read is listed by its id."""
        items = []
        for workshop_id in self.ids():
            path = self.path_of(workshop_id)
            try:
                deleted = datetime.fromtimestamp(path.stat().st_mtime).isoformat(sep=" ", timespec="minutes")
                workshop = read(path)
            except (DarbnicaError, OSError):
                items.append(Trashed(workshop_id, workshop_id, "", "", ""))
                continue
            items.append(Trashed(workshop_id, workshop.title, workshop.place, workshop.date, deleted))
        return sorted(items, key=lambda item: item.deleted, reverse=True)

    def empty(self) -> int:
        """Remove every workshop in the trash for good; return how many were removed."""
        removed = 0
        for workshop_id in self.ids():
            try:
                journal_path(self.path_of(workshop_id)).unlink(missing_ok=True)
                self.path_of(workshop_id).unlink()
            except OSError as error:
                raise write_failed(error, self.path_of(workshop_id)) from error
            removed += 1
        return removed
