"""Writing a workshop out: the summary as Markdown or HTML, the QR code of its link as SVG, or the full JSON copy."""

from __future__ import annotations

from pathlib import Path

from darbnica.errors import InvalidInput, WriteFailed
from darbnica.model import Workshop
from darbnica.paths import Paths
from darbnica.room import unapproved
from darbnica.share.links import this_computer_only
from darbnica.store.library import export_json
from darbnica.store.storage import atomic_write, ensure_folder
from darbnica.summary.build import Earlier, build_summary
from darbnica.summary.markdown import to_markdown
from darbnica.summary.model import Summary
from darbnica.summary.qr import qr_svg

FORMATS = ("md", "html", "svg", "json")


def render(
    workshop: Workshop,
    fmt: str,
    link: str | None = None,
    earlier: Earlier | None = None,
    journal: Path | None = None,
) -> str:
    """``workshop`` in format ``fmt``; the SVG is the QR code of ``link``, so it needs one. ``earlier``: the
    workshop a follow-up follows (see :func:`~darbnica.summary.build.earlier_of`). ``journal``: the phones'
    journal (:meth:`~darbnica.store.Library.journal_of`), whose notes not on the wall the JSON copy keeps."""
    if fmt == "json":
        return export_json(workshop, _not_on_the_wall(journal, workshop) if journal is not None else ())
    if fmt == "svg":
        if not link:
            raise InvalidInput("error.no_link")
        return qr_svg(link)
    if link and this_computer_only(link):
        link = None  # shared with no network but the laptop's own: a file read elsewhere offers no link to it
    summary = _summary(workshop, link, earlier)
    if fmt == "md":
        return to_markdown(summary)
    from darbnica.summary.html import to_html  # only a page needs it (see darbnica.summary)

    return to_html(summary)


_latest: tuple[Workshop, str | None, Earlier | None, Summary] | None = None
"""The workshop, link and earlier workshop last built, with their summary (one tuple, replaced whole: safe to
read and replace from the worker threads exports run in)."""


def _summary(workshop: Workshop, link: str | None, earlier: Earlier | None) -> Summary:
    """The summary of ``workshop``, built once for the workshop as it is now.

    A facilitator exports the same workshop as Markdown and as a page one after the other. A workshop is never
    changed in place: every change makes a new object, so the one last built is the same object (``is``) exactly
    while nothing has changed.
    """
    global _latest
    latest = _latest
    if latest is not None and latest[0] is workshop and latest[1:3] == (link, earlier):
        return latest[3]
    summary = build_summary(workshop, link, earlier)
    _latest = (workshop, link, earlier, summary)
    return summary


def _not_on_the_wall(journal: Path, workshop: Workshop) -> list[dict[str, str]]:
    """Every note a phone was told was received that the workshop does not have, marked waiting (for the
    facilitator) or blocked (its phone was); no phone's id (those stay in the journal)."""
    return [
        {"ref": note.ref, "step": note.step, "text": note.text, "received": note.received,
         "status": "blocked" if blocked else "waiting"}
        for note, blocked in unapproved(journal, workshop)
    ]  # fmt: skip


def default_path(paths: Paths, workshop_id: str, fmt: str) -> Path:
    """Where the app offers to save: the data folder's ``exports/``, named after the workshop."""
    suffix = "-qr.svg" if fmt == "svg" else f".{fmt}"
    return paths.exports / f"{workshop_id}{suffix}"


def write(path: Path, text: str, *, exports: Path | None = None) -> Path:
    """Write ``text`` to ``path`` whole or not at all; return the absolute path.

    The data folder's ``exports`` is made if missing; any other folder must be there already. A path typed for a
    stick that is not plugged in (``/media/usb/…``) is refused, not made into a folder on the laptop's own disk,
    where the file would be said saved and then not be on the stick."""
    path = path.expanduser().absolute()
    if exports is not None and path.parent == exports.expanduser().absolute():
        ensure_folder(path.parent)
    elif not path.parent.is_dir():
        raise WriteFailed("error.no_folder", path=str(path), folder=str(path.parent))
    atomic_write(path, text.encode("utf-8"))
    return path
