"""How big the stress and property tests are: small in every test run, full with ``DARBNICA_STRESS=full``.

    DARBNICA_STRESS=full .venv/bin/pytest tests/stress

``DARBNICA_STRESS_SEED=<n>`` repeats a crash run exactly as far as the random kill moments go (the figures print
the seed of each run).
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    kills: int
    """Writer processes killed with SIGKILL in the crash test."""
    examples: int
    """Examples each property test tries."""
    flood: int = 400
    """Idle connections opened against the share server in the flood test (a tenth more trickle a request)."""
    flood_descriptors: int = 256
    """The descriptor limit of the sharing process in the flood test: the flood is larger."""
    loads: int = 100
    """Simultaneous loads of the share page."""
    load_notes: int = 200
    """Notes in the workshop those loads get."""


FULL = Size("full", kills=400, examples=2000, flood=1100, flood_descriptors=1024, loads=500, load_notes=1000)
CI = Size("ci", kills=40, examples=150)

SIZE = FULL if os.environ.get("DARBNICA_STRESS") == "full" else CI
SEED = int(os.environ.get("DARBNICA_STRESS_SEED") or random.randrange(1_000_000))
