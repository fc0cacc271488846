"""Running ``pytest suites`` in a subprocess (what ``chirogate compare`` does when a run is missing)."""

from __future__ import annotations

from pathlib import Path

from .errors import ChirogateError, NotFoundError


def suites_dir() -> "Path":
    """The gate's suites directory (``suites/`` beside the ``gate`` package in a checkout)."""
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "suites"


def run_suites(model: str, *, baseline: str | None = None, backend: str | None = None, config_path=None,
               cases=None, junit=None, progress: bool = True, echo=None) -> int:
    """Run ``pytest suites --model MODEL [--baseline B]`` in a subprocess; return pytest's exit code.

    The session records an eval run for the model (and, with ``baseline``, one for the baseline
    on the very same cases). A run whose gates fail (exit 1) is still a recorded run; any other
    non-zero exit (usage error, crash, no tests) is an error quoting pytest's last lines. pytest
    runs from the suites' parent directory, so paths are passed absolute and the caller's registry
    is pinned (a relative ``./.chirogate`` would otherwise name another one there). pytest's last
    line goes to ``echo`` if given, else to stderr when ``progress``.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path

    from registry import default_home

    d = suites_dir()
    if not d.is_dir():
        raise NotFoundError(f"{d}: the suites directory is missing (run from a chirogate checkout)")
    cmd = [sys.executable, "-m", "pytest", str(d), "--model", model, "-q", "-p", "no:cacheprovider",
           "-o", "console_output_style=classic"]
    if baseline:
        cmd += ["--baseline", baseline]
    if backend:
        cmd += ["--backend", backend]
    for flag, path in (("--config", config_path), ("--cases", cases), ("--junitxml", junit)):
        if path:
            cmd += [flag, str(Path(path).resolve())]
    env = {**os.environ, "CHIROGATE_HOME": str(default_home().resolve())}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(d.parent))
    if proc.returncode not in (0, 1):
        tail = " | ".join(((proc.stdout or "") + (proc.stderr or "")).strip().splitlines()[-5:])
        raise ChirogateError(f"pytest suites --model {model} failed with exit code {proc.returncode}: {tail}")
    last = [ln for ln in (proc.stdout or "").strip().splitlines() if ln.strip()][-1:]
    line = (f"pytest suites --model {model}" + (f" --baseline {baseline}" if baseline else "")
            + f": {last[0] if last else '(no output)'}")
    if echo is not None:
        echo(line)
    elif progress:
        print(line, file=sys.stderr)
    return proc.returncode

