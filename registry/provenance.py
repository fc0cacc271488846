"""Where a recorded run's code came from: one function for eval runs and training runs.

Git commit and dirty flag of the chirogate checkout (when it is one), the installed package
version and the machine. No personal data: no user name, no host name, no paths.
"""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _git(*args: str) -> str | None:
    try:
        p = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return p.stdout.strip() if p.returncode == 0 else None


def code_provenance(dirty_paths: Sequence[str] = (), *, untracked: bool = False) -> dict[str, Any]:
    """``{"git_commit", "git_dirty", "package_version", "machine"}``. ``git_dirty`` looks under
    ``dirty_paths`` when given (a training run cares about training/ and registry/), at tracked files
    only unless ``untracked``."""
    from importlib import metadata

    commit = _git("rev-parse", "HEAD")
    args = ["status", "--porcelain"] + ([] if untracked else ["--untracked-files=no"])
    status = _git(*args, *(("--", *dirty_paths) if dirty_paths else ())) if commit else None
    try:
        version = metadata.version("chirogate")
    except metadata.PackageNotFoundError:
        version = None
    return {"git_commit": commit, "git_dirty": None if status is None else bool(status), "package_version": version,
            "machine": {"platform": platform.platform(), "machine": platform.machine(),
                        "python": platform.python_version(), "cpus": os.cpu_count()}}


def code_version(prov: dict[str, Any]) -> str | None:
    """The one-line form of :func:`code_provenance`: ``<commit>[+dirty]``, else ``chirogate <version>``."""
    if prov.get("git_commit"):
        return prov["git_commit"] + ("+dirty" if prov.get("git_dirty") else "")
    return f"chirogate {prov['package_version']}" if prov.get("package_version") else None
