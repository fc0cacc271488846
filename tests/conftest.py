"""Shared fixtures: every test gets its own CHIROGATE_HOME (a real registry in a temp dir)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Session fixtures with the real tiny models (built once per session, cached on disk).
pytest_plugins = ["models_fixture"]

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def chirogate_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("CHIROGATE_HOME", str(home))
    monkeypatch.setenv("CHIROGATE_ACTOR", "tester")
    monkeypatch.delenv("CHIROGATE_CONFIG", raising=False)
    return home


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(tmp_path):
    """Run ``chirogate ARGS`` as a real subprocess (real exit codes, real stderr)."""

    def run(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 600) -> CliResult:
        full_env = dict(os.environ)
        full_env.update(env or {})
        p = subprocess.run([sys.executable, "-m", "gate", *map(str, args)], capture_output=True, text=True,
                           cwd=cwd or tmp_path, env=full_env, timeout=timeout)
        return CliResult(p.returncode, p.stdout, p.stderr)

    return run
