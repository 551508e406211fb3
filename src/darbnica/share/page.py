"""The summary page, made once per version of the workshop and served from memory.

A :class:`~darbnica.model.Workshop` never changes: every change makes a new one. So the object itself says which
version a page shows, and a room that reloads at once gets one page made, not one per phone. The page is made in
a thread, never on the event loop that the app's keys and the other requests go through, and requests that
arrive while it is being made wait for that one. (Making a page depends on nothing but the workshop, so a version
whose page fails to be made fails the same way until the next change.)
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from darbnica.model import Workshop


@dataclass(frozen=True)
class Page:
    body: bytes
    """The HTML, UTF-8."""
    gzipped: bytes
    """The same, compressed once for every phone that accepts gzip (a 1,000-note page: 95 KB → 10 KB)."""
    etag: str
    """A hash of the body (unquoted): a phone that already has this version gets a 304."""


def make_page(html: str) -> Page:
    body = html.encode("utf-8")
    digest = hashlib.blake2b(body, digest_size=16).hexdigest()
    return Page(body=body, gzipped=gzip.compress(body, compresslevel=6, mtime=0), etag=digest)


class PageCache:
    """The page of the workshop version asked for last, made by ``render`` in a thread."""

    def __init__(self, render: Callable[[Workshop], str]) -> None:
        self._render = render
        self._version: Workshop | None = None
        self._page: asyncio.Future[Page] | None = None

    async def page(self, workshop: Workshop) -> Page:
        if self._page is None or workshop is not self._version:
            self._version = workshop  # kept, so its identity cannot pass to a new object
            self._page = asyncio.ensure_future(asyncio.to_thread(lambda: make_page(self._render(workshop))))
        # Shielded: a phone that goes away stops waiting, but the page is still made for the others.
        return await asyncio.shield(self._page)

    def clear(self) -> None:
        self._version = self._page = None
