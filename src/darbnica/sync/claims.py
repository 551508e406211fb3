"""Workshops made before sharing name no laptop. The first sync that shares one records this laptop as its owner
(an owner event, :mod:`darbnica.store.events`), so that from then on every laptop agrees who writes it, as for a
workshop made after sharing. Its file is not rewritten: it may be open in the app meanwhile.
"""

from __future__ import annotations

from darbnica.errors import DarbnicaError
from darbnica.paths import Paths
from darbnica.store.catalog import workshop_ids
from darbnica.store.events import Events, Kind
from darbnica.store.workshop import load_workshop


def claim_unowned(paths: Paths, device: str, shared: set[str]) -> list[str]:
    """Record ``device`` as the owner of each workshop not yet ``shared`` (ids already in the sync's history) that
    names no laptop; return their ids. Only files new to the history are read, once each."""
    events = Events(paths.events)
    names: dict[str, tuple[str, ...]] | None = None
    claimed = []
    for workshop_id in workshop_ids(paths.workshops):
        if workshop_id in shared:
            continue
        try:
            workshop = load_workshop(paths.workshops / f"{workshop_id}.json")
        except (DarbnicaError, OSError):
            continue  # damaged or gone: the library reports it; the sync shares it as it is
        if workshop.device:
            continue
        names = events.names() if names is None else names
        if any(event.kind is Kind.OWNER for event in events.of(workshop_id, names)):
            continue
        events.record_owner(workshop_id, device)
        claimed.append(workshop_id)
    return claimed
