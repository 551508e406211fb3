"""Keeping workshops on disk: one TinyDB file per workshop, written atomically on every change."""

from darbnica.store.library import Library, Listing
from darbnica.store.workshop import WorkshopFile

__all__ = ["Library", "Listing", "WorkshopFile"]
