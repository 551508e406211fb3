"""Keeping the share server's connections few and brief, so that no one without the link can stop the room.

The server and the app share one process, so they share its file descriptors: every open connection is one the
app can no longer use to save a note. :class:`ConnectionGuard` accepts connections itself (rather than leaving that
to ``loop.create_server``, which accepts whatever arrives), so it never holds more than its cap:

- a connection has :data:`REQUEST_SECONDS` to deliver a complete request after it opens or after its last reply,
  so an idle connection, a keep-alive no browser uses and a header trickled byte by byte (slow loris) are closed;
- a reply a phone reads too slowly is dropped after :data:`SEND_SECONDS`;
- at the cap, a newcomer takes the place of the connection that has waited longest for a request; when every
  connection is busy with a request, accepting pauses and newcomers wait in the system's queue;
- the first time the cap is reached, one line is logged, not one per connection.

It knows how many connections each address holds (for the log line now; for per-phone limits later). An aiohttp
middleware (:attr:`ConnectionGuard.middleware`) tells it when a connection's request is being handled.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import time
from collections import Counter
from collections.abc import Callable

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

log = logging.getLogger(__name__)

REQUEST_SECONDS = 5.0
"""How long a connection may wait for its next complete request: a phone sends its request at once, on a hall's
Wi-Fi in well under a second; a browser opens a new connection when it finds an idle one closed."""
SEND_SECONDS = 30.0
"""How long a reply may take to leave once it is made: a 1,000-note page is about 10 KB gzipped."""
SWEEP_SECONDS = 1.0
"""How often the connections are checked against those limits."""
MAX_CONNECTIONS = 1024
"""The most connections kept open at once, however many descriptors the process may have: room for several
browser connections from each of a few hundred phones."""
BACKLOG = 1024
"""Connections the system keeps waiting to be accepted (it costs the process no descriptor): a whole room that
connects at once waits there instead of being dropped, which a phone would retry only after a second, then three
(Linux allows up to ``net.core.somaxconn``, 4,096 by default)."""
ACCEPT_BATCH = 4
"""Connections accepted in one turn of the event loop: a few, so that the requests of those already accepted are
answered in between when a whole room arrives at once."""
RETRY_SECONDS = 1.0
"""The pause before accepting again after the system refused a descriptor."""


def raise_descriptor_limit() -> int | None:
    """Raise this process's soft limit on open files to its hard limit, and return the soft limit now.

    Linux usually starts programs at 1,024 (soft) with a far higher hard limit, which a process may raise itself
    to. ``None`` when there is no limit to read (Windows).
    """
    try:
        import resource
    except ImportError:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass  # macOS refuses an unlimited soft limit; what we had still holds
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return None if soft == resource.RLIM_INFINITY else int(soft)


def connection_cap(descriptors: int | None) -> int:
    """The connections to allow with this many descriptors: at most half of them, so the app keeps the other half
    for its own files (the workshop, its lock, temporary files, the terminal)."""
    if descriptors is None:
        return MAX_CONNECTIONS
    return max(1, min(MAX_CONNECTIONS, descriptors // 2))


class Sparse(logging.Filter):
    """Lets one record through per ``seconds``: a flood of bad requests is one line in the log, not a thousand."""

    def __init__(self, seconds: float = 60.0) -> None:
        super().__init__()
        self.seconds = seconds
        self._last = -seconds

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self._last < self.seconds:
            return False
        self._last = now
        return True


class _Guarded(asyncio.Protocol):
    """One connection: the server's own protocol (``inner``), with what the guard needs to know about it."""

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self.guard = guard
        self.inner = inner
        self.transport: asyncio.Transport | None = None
        self.address = "?"
        self.waiting_since = 0.0
        """When it last began to wait for a request (opened, or replied)."""
        self.admitted = False
        """Whether the server's protocol was given the connection (and so must hear that it ended)."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.address = str(peer[0]) if isinstance(peer, tuple) else "?"
        self.admitted = self.guard._admit(self)
        if self.admitted:
            self.inner.connection_made(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard._forget(self)
        if self.admitted:
            self.inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def close(self) -> None:
        if self.transport is not None:
            self.transport.abort()  # at once, dropping anything unsent: the descriptor is what we need back


class ConnectionGuard:
    """Accepts connections on a listening socket and keeps them within the limits above."""

    def __init__(
        self, cap: int, *, request_seconds: float = REQUEST_SECONDS, send_seconds: float = SEND_SECONDS
    ) -> None:
        self.cap = cap
        self.request_seconds = request_seconds
        self.send_seconds = send_seconds
        self._connections: dict[asyncio.BaseTransport, _Guarded] = {}
        self._waiting: dict[_Guarded, None] = {}
        """The connections waiting for a request, the longest waiting first (a dict keeps insertion order)."""
        self._serving: set[_Guarded] = set()
        self._per_address: Counter[str] = Counter()
        self._pending = 0
        """Accepted sockets whose connection is not made yet."""
        self._flooded = False
        """Whether the cap was reached (and said so) since the connections were last below half of it."""
        self._starved = False
        """Whether the system refused a descriptor at the last try (and said so)."""
        self._listener: socket.socket | None = None
        self._factory: Callable[[], asyncio.Protocol] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reading = False
        self._own_accept = True
        self._fallback: asyncio.AbstractServer | None = None
        self._sweeper: asyncio.TimerHandle | None = None
        self._retry: asyncio.TimerHandle | None = None

    # -- what it knows --------------------------------------------------------------------------------------

    @property
    def open(self) -> int:
        return len(self._connections)

    @property
    def serving(self) -> int:
        """Connections whose request is being handled now."""
        return len(self._serving)

    def open_from(self, address: str) -> int:
        return self._per_address[address]

    # -- serving ----------------------------------------------------------------------------------------------

    async def serve(self, listener: socket.socket, factory: Callable[[], asyncio.Protocol]) -> None:
        """Accept connections on ``listener`` (bound and listening), each served by a protocol from ``factory``."""
        self._loop = asyncio.get_running_loop()
        self._listener = listener
        self._factory = factory
        listener.setblocking(False)
        try:
            self._resume()
        except NotImplementedError:
            # An event loop that cannot watch a socket (Windows' proactor) accepts by itself; the cap then holds
            # by closing the longest waiting connection, or the newcomer, as soon as a connection is made.
            self._own_accept = False
            self._fallback = await self._loop.create_server(self._protocol, sock=listener, backlog=BACKLOG)
        self._sweeper = self._loop.call_later(SWEEP_SECONDS, self._sweep)

    def stop_accepting(self) -> None:
        self._pause()
        if self._retry is not None:
            self._retry.cancel()
        if self._fallback is not None:
            self._fallback.close()
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def close(self) -> None:
        """Stop accepting and close every connection still open."""
        self.stop_accepting()
        if self._sweeper is not None:
            self._sweeper.cancel()
            self._sweeper = None
        for connection in list(self._connections.values()):
            connection.close()

    @property
    def middleware(self) -> Middleware:
        """For the aiohttp application: marks a connection busy while its request is handled."""

        @web.middleware
        async def guarded(request: web.Request, handler: Handler) -> web.StreamResponse:
            connection = self._connections.get(request.transport) if request.transport else None
            if connection is None:
                return await handler(request)
            self._waiting.pop(connection, None)
            self._serving.add(connection)
            try:
                return await handler(request)
            finally:
                self._serving.discard(connection)
                if connection.transport is not None and not connection.transport.is_closing():
                    connection.waiting_since = time.monotonic()
                    self._waiting[connection] = None
                    self._resume()

        return guarded

    # -- accepting ------------------------------------------------------------------------------------------

    def _protocol(self) -> _Guarded:
        assert self._factory is not None
        return _Guarded(self, self._factory())

    def _full(self) -> bool:
        return len(self._connections) + self._pending >= self.cap

    def _resume(self) -> None:
        if self._own_accept and not self._reading and self._listener is not None and self._loop is not None:
            self._loop.add_reader(self._listener, self._accept)
            self._reading = True

    def _pause(self) -> None:
        if self._reading and self._listener is not None and self._loop is not None:
            self._loop.remove_reader(self._listener)
        self._reading = False

    def _accept(self) -> None:
        assert self._listener is not None and self._loop is not None
        for _ in range(ACCEPT_BATCH):
            if self._full() and not self._waiting:
                self._pause()  # every place is busy with a request: newcomers wait in the system's queue
                self._flood_once()
                return
            try:
                sock, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:
                if error.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                    # The process (the app with it) is out of descriptors: give it a moment to close some.
                    if not self._starved:
                        log.warning("share: could not accept a connection (%s); trying again each second", error)
                    self._starved = True
                    self._pause()
                    self._retry = self._loop.call_later(RETRY_SECONDS, self._resume)
                    return
                continue  # that client is gone already
            self._starved = False
            self._pending += 1
            self._loop.create_task(self._connect(sock))

    async def _connect(self, sock: socket.socket) -> None:
        assert self._loop is not None
        try:
            await self._loop.connect_accepted_socket(self._protocol, sock)
        except OSError:
            sock.close()
        finally:
            self._pending -= 1

    def _admit(self, connection: _Guarded) -> bool:
        """Count a new connection in; at the cap, close the longest waiting one for it, or refuse it."""
        if len(self._connections) >= self.cap:
            oldest = next(iter(self._waiting), None)
            self._flood_once()
            if oldest is None:
                connection.close()
                return False
            oldest.close()
            self._forget(oldest)  # now: its descriptor goes at the next turn of the loop, its place at once
        assert connection.transport is not None
        connection.waiting_since = time.monotonic()
        self._connections[connection.transport] = connection
        self._waiting[connection] = None
        self._per_address[connection.address] += 1
        return True

    def _forget(self, connection: _Guarded) -> None:
        """Count a closed connection out (once: an evicted one is counted out before its end is heard)."""
        if connection.transport is None or self._connections.get(connection.transport) is not connection:
            return
        del self._connections[connection.transport]
        self._waiting.pop(connection, None)
        self._per_address[connection.address] -= 1
        if not self._per_address[connection.address]:
            del self._per_address[connection.address]
        if self._flooded and len(self._connections) < self.cap // 2:
            self._flooded = False
        self._resume()

    def _flood_once(self) -> None:
        if self._flooded:
            return
        self._flooded = True
        address, count = self._per_address.most_common(1)[0] if self._per_address else ("?", 0)
        log.warning(
            "share: %d connections open, the most this server keeps; closing the longest idle ones "
            "(%d of them from %s)",
            len(self._connections),
            count,
            address,
        )

    def _sweep(self) -> None:
        assert self._loop is not None
        now = time.monotonic()
        for connection in list(self._waiting):
            transport = connection.transport
            sending = transport is not None and transport.get_write_buffer_size() > 0
            if now - connection.waiting_since > (self.send_seconds if sending else self.request_seconds):
                connection.close()
        self._sweeper = self._loop.call_later(SWEEP_SECONDS, self._sweep)
