"""A responsibility's status changed on any laptop of a shared archive.

The laptop that owns the workshop writes the change into the workshop file, as before sharing; any other laptop
records it as an event beside the file (:mod:`darbnica.store.events`), which every laptop folds in the same way
after a sync. The app's responsibilities view and ``darbnica status`` both come here, so they cannot differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from darbnica.editing import Editor
from darbnica.model import Status
from darbnica.store.library import Library


@dataclass(frozen=True)
class StatusChange:
    workshop: str
    task: int
    status: Status
    owner: str
    """The laptop that owns the workshop."""
    as_event: bool
    """Recorded beside another laptop's workshop, not written into it."""


def set_status(library: Library, ref: str, task: int, status: Status, *, wait: float = 0.0) -> StatusChange:
    """Give task ``task`` of the workshop ``ref`` the status ``status``, in the file or as an event."""
    workshop = library.read(ref)
    if library.owns(workshop):
        with Editor.open(library, workshop.id, wait=wait) as editor:
            editor.update_action(editor.action(task), status=status.value)
        return StatusChange(workshop.id, task, status, workshop.device, as_event=False)
    library.record_status(workshop, task, status)
    return StatusChange(workshop.id, task, status, workshop.device, as_event=True)
