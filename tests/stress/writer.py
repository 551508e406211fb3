"""The writer the crash test kills: adds notes through the real store and reports each one once ``add_note`` returns.

Run as ``python writer.py DATA_DIR WORKSHOP_ID RUN``. It prints "ready" once the workshop is open, then, for every
note, ``<note id> <number>`` after ``add_note`` has returned (flushed at once, so the parent knows of every note
the store said it saved), until it is killed.
"""

from __future__ import annotations

import sys
from itertools import count

from darbnica.editing import Editor
from darbnica.paths import resolve_paths
from darbnica.store import Library


def note_text(run: int, number: int) -> str:
    # Latvian letters and an emoji: multi-byte characters, so a half-written file cannot pass for a whole one.
    return f"run {run} note {number}: ā č ē ģ ī ķ ļ ņ š ū ž 🙂"


def main(data_dir: str, workshop_id: str, run: int) -> None:
    with Editor.open(Library(resolve_paths(data_dir)), workshop_id) as file:
        print("ready", flush=True)
        for number in count():
            note = file.add_note("problem", note_text(run, number))
            print(note.id, number, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
