"""The benchmark harness still drives the app and prints its table. Times are not checked: benchmarks are not tests."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (
    "start-up to the library, 12 workshops",
    "start-up to the library, 36 workshops",
    "search '",
    "peak memory",
    "note add, 30-note workshop",
    "note add, 12 other workshops in the library",
    "note add growth, 60 notes",
    "keys while saving",
    "step switch (PgDn)",
    "step switch, a step's first visit",
    "step switch shown again, against kept screens",
    "library open",
    "library filter",
    "search a word people wrote",
    "search, the same (",
    "export md + html + svg",
    "sync after one change",
    "sync first time",
)


def test_a_tiny_benchmark_run_measures_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # 1 only says a target was missed, which at these toy sizes means nothing; a crash prints no table.
    assert done.returncode in (0, 1), done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and not line.startswith("| figure")]
    for figure in FIGURES:
        (row,) = [row for row in rows if row.startswith(f"| {figure}")]
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[1].endswith(")") and cells[-2] in ("pass", "MISS", "report"), row


def test_a_tiny_room_of_phones_is_played_and_measured() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "phones_load.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: a target missed, meaningless at toy sizes; a crash is not
    figures = json.loads(done.stdout.splitlines()[-1])
    assert figures["live"] == figures["phones"] == 20  # every phone held its live connection
    assert figures["notes received"] > 0 and figures["notes lost"] == 0
    assert "dots taken" in figures and "dot p95 ms" in figures
    # The app's own keys were measured idle and while the room took part.
    assert set(figures["keys"]) == {"letter_idle", "letter_loaded", "enter_idle", "enter_loaded"}
    rows = [line for line in done.stdout.splitlines() if line.startswith("| key to frame")]
    assert len(rows) == 2 and all(row.split("|")[-3].strip() in ("pass", "MISS") for row in rows), rows
