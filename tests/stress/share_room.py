"""The app's side of the connection flood: a workshop open for writing, its summary shared, and a note saved
every 50 ms as a facilitator types, in one process whose descriptors are limited as a default Linux session's are.

Run as ``python share_room.py DATA_DIR WORKSHOP_ID DESCRIPTORS``. It prints the summary's address, saves notes
until its standard input closes, and then prints one JSON line: the notes saved, the saves that failed (with their
errors) and the most descriptors it had open at once (``null`` where ``/proc`` cannot say).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
from pathlib import Path

from darbnica.editing import Editor
from darbnica.paths import resolve_paths
from darbnica.share.server import SummaryServer
from darbnica.store import Library

SAVE_EVERY = 0.05


def descriptors_open() -> int | None:
    fds = Path("/proc/self/fd")
    return len(os.listdir(fds)) if fds.is_dir() else None


async def main(data_dir: str, workshop_id: str, descriptors: int) -> None:
    # Soft and hard alike, so that sharing cannot raise it: the flood is larger than this.
    resource.setrlimit(resource.RLIMIT_NOFILE, (descriptors, descriptors))
    saved, failed, most = 0, [], 0
    with Editor.open(Library(resolve_paths(data_dir)), workshop_id) as file:
        server = SummaryServer(lambda: file.workshop, host="127.0.0.1", port=0)
        print(await server.start(), flush=True)
        until_closed = asyncio.ensure_future(asyncio.to_thread(sys.stdin.read))
        while not until_closed.done():
            try:
                file.add_note("problem", f"Saglabāta piezīme {saved}")  # on the loop, as the app saves today
                saved += 1
                most = max(most, descriptors_open() or 0)
            except Exception as error:  # what the facilitator would see: a note not saved
                failed.append(f"{type(error).__name__}: {error}"[:300])
            await asyncio.sleep(SAVE_EVERY)
        await server.stop()
    print(json.dumps({"saved": saved, "failed": failed, "most_descriptors": most or None}), flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
