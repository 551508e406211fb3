"""The core must not import Textual: the CLI, the share server and the tests use it without a terminal."""

import subprocess
import sys

CORE = [
    "darbnica.model",
    "darbnica.plan",
    "darbnica.i18n",
    "darbnica.text",
    "darbnica.editing",
    "darbnica.store",
    "darbnica.cli",
    "darbnica.summary",
    "darbnica.share.server",
]


def test_core_does_not_import_textual() -> None:
    code = "import sys\n" + "".join(f"import {m}\n" for m in CORE) + "print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
