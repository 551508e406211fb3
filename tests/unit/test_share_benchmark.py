"""The share-mode load benchmark still loads the page, drives the app and prints its tables. Times are not checked."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_tiny_share_load_run_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "share_load.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # 1 only says a target was missed, which at these toy sizes means nothing; a crash prints no table.
    assert done.returncode in (0, 1), done.stderr
    rows = [line.strip("|").split("|") for line in done.stdout.splitlines() if line.startswith("| ")]
    loads = {
        cells[0].split(",")[0].strip(): cells for cells in rows if cells[0].strip().startswith(("darbnica", "the"))
    }
    for server in ("darbnica share", "the app in share mode"):
        cells = [cell.strip() for cell in loads[server]]
        assert int(cells[1].replace(",", "")) > 0 and cells[2] == cells[1], cells  # every load served
        assert cells[3].endswith(" ms") and cells[-1] == "pass", cells
    keys = [cells for cells in rows if cells[0].strip().startswith("key to frame")]
    assert len(keys) == 2 and all(cells[-2].strip() in ("pass", "MISS") for cells in keys), keys
