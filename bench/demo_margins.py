"""The demo's margins across data seeds and torch thread counts (different reduction orders, as on
different CPUs): runs ``chirogate demo`` once per (seed, threads) in its own registry and prints what
the gates measured for the good candidate and the flawed one, plus CPU and wall time per run.

    .venv/bin/python bench/demo_margins.py --seeds 7 8 9 --threads 1 2 [--parallel 2] [--out DIR]

Not a pytest test: each run is a whole demo (minutes). README's margin table comes from its output.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_one(seed: int, threads: int, out: Path) -> dict:
    """One demo run with torch (and BLAS) limited to ``threads``; its log goes to ``out/log.txt``."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "CHIROGATE_HOME": str(out / "home"), "OMP_NUM_THREADS": str(threads),
           "MKL_NUM_THREADS": str(threads), "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    with open(out / "log.txt", "w") as log:
        p = subprocess.Popen([sys.executable, "-m", "gate", "demo", "--seed", str(seed), "--out", str(out / "demo"),
                              "--no-ollama"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=out)
        # wait4: this run's own CPU time (with its waited-for subprocesses), exact even with runs in parallel
        _, status, ru = os.wait4(p.pid, 0)
    row = {"seed": seed, "threads": threads, "rc": os.waitstatus_to_exitcode(status),
           "wall_s": round(time.perf_counter() - t0, 1), "cpu_s": round(ru.ru_utime + ru.ru_stime, 1)}
    row.update(measured(out / "home"))
    row["steps"] = step_times(out / "log.txt")
    return row


def step_times(log: Path) -> dict[str, list[float]]:
    """``{step title: [wall s, CPU-s]}`` from the demo's own "done in" lines."""
    import re

    out, title = {}, None
    for line in log.read_text("utf-8", errors="replace").splitlines():
        m = re.match(r"\[\d+/\d+\] (.*) \.\.\.$", line)
        if m:
            title = m.group(1)
        m = re.match(r"\s+done in ([\d.]+) s, ([\d.]+) CPU-s", line)
        if m and title:
            out[title] = [float(m.group(1)), float(m.group(2))]
    return out


def measured(home: Path) -> dict:
    """Gate values of the good and the flawed candidate and both decisions, read from the registry."""
    from registry import Registry
    from registry.comparisons import list_comparisons
    from registry.evals import eval_runs

    out: dict = {}
    with Registry(home) as reg:
        for key, name in (("good", "chiro-demo-v1"), ("flawed", "chiro-demo-unscrubbed-v1")):
            runs = eval_runs(reg, name)
            gates = runs[-1].gates if runs else {}
            for g in ("hallucination", "terminology", "rouge", "pii"):
                v = gates.get(g, {})
                out[f"{key}_{g}"] = v.get("measured") if isinstance(v, dict) else None
                if key == "flawed" and isinstance(v, dict):
                    out[f"{key}_{g}_passed"] = v.get("passed")
        prod = reg.alias_target("chiro-demo", "production")
        out["production"] = prod.name if prod else None
        comp = list_comparisons(reg)
        out["ab_verdict"] = comp[-1].verdict if comp else None
        out["ab_n_paired"] = comp[-1].stats.get("n_paired") if comp else None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[7, 8, 9])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--parallel", type=int, default=1, help="Runs at once (wall times then include waiting).")
    ap.add_argument("--out", type=Path, default=Path("demo-margins"))
    ap.add_argument("--collect", action="store_true",
                    help="Run nothing: read the finished runs under --out (gate values and step times).")
    a = ap.parse_args()
    jobs = [(s, t) for t in a.threads for s in a.seeds]
    if a.collect:
        rows = []
        for s, t in jobs:
            d = (a.out / f"seed{s}-t{t}").resolve()
            if (d / "home").is_dir():
                rows.append({"seed": s, "threads": t, **measured(d / "home"), "steps": step_times(d / "log.txt")})
    else:
        with ThreadPoolExecutor(a.parallel) as ex:
            rows = list(ex.map(lambda j: run_one(j[0], j[1], (a.out / f"seed{j[0]}-t{j[1]}").resolve()), jobs))
    for r in rows:
        print(json.dumps(r))
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "margins.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")


if __name__ == "__main__":
    main()
