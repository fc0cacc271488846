"""Benchmark: ``data prepare`` on 10,000 synthetic records (target <= 60 s), records/s.

Runs the whole pipeline as ``chirogate data prepare`` does (read + detect, quality checks, PII
scrubbing with Presidio, ChatML, MinHash dedupe, grouped stratified split, leakage check, card,
registration in a temporary registry). Baseline, same run, same records: a plain JSON round trip
(``json.loads`` each line, ``json.dumps`` it back to a file), the floor any preparation pays.
Wall-clock time (the pipeline is single-process).

    python bench/bench_prepare.py [--n 10000] [--pii-rate 0.1]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--pii-rate", type=float, default=0.1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["CHIROGATE_HOME"] = str(Path(tmp) / "home")
        from gate.pii import analyze
        from training.data.prepare import prepare
        from training.data.synth import generate_records, write_jsonl

        raw = write_jsonl(generate_records(args.n, 1, pii_rate=args.pii_rate, canary_rate=0.005),
                          Path(tmp) / "raw.jsonl")
        t = time.perf_counter()
        analyze("Kari Nordmann")  # engine start-up, reported apart
        startup = time.perf_counter() - t

        t = time.perf_counter()
        rows = [json.loads(line) for line in raw.read_text("utf-8").splitlines()]
        (Path(tmp) / "copy.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        base = time.perf_counter() - t

        t = time.perf_counter()
        res = prepare([raw], Path(tmp) / "ds", register=True, progress=False)
        took = time.perf_counter() - t
    c = res.card
    print(f"{args.n} records (pii_rate {args.pii_rate}): train {c['n_train']}, validation {c['n_validation']}, "
          f"test {c['n_test']}, duplicates removed {c['duplicates_removed']}, scrubbed {sum(c['scrubbed'].values())}")
    print(f"Presidio engine start-up: {startup:.1f} s (once per process)")
    print(f"data prepare:          {took:7.1f} s  {args.n / took:9.0f} records/s")
    print(f"baseline JSON r/w:     {base:7.2f} s  {args.n / base:9.0f} records/s")
    print(f"prepare is {took / base:.0f}x the plain JSON round trip; target <= 60 s: "
          f"{'met' if took + startup <= 60 else 'NOT met'} ({took + startup:.1f} s with start-up)")


if __name__ == "__main__":
    main()
