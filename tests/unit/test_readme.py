"""The README's quick start must stay true: CI runs its test command word for word."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick_start)


def test_quick_start_is_two_commands() -> None:
    install, test = _commands()
    assert "pip install ." in install and install.endswith("darbnica")
    assert "'.[test]'" in test and test.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, test = _commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert any(line == test or line.startswith(f"{test} || exit") for line in ci)
