"""Benchmark (a): a warm-cache re-run of a suite vs its first run (target: >= 50x faster).

Both runs go through ``gate.generation.run_generations`` with the llama.cpp backend on the same
cases (the 38 latency probes, fields + soap) in a fresh temporary registry. The first run loads
the model and generates everything; the warm run uses a new backend object, which never loads
the model because every answer is in the cache. Printed: both wall times and their ratio.

    python bench/bench_cache.py [--gguf PATH] [--max-tokens 64]

Without ``--gguf`` the newest q8_0 (else any) GGUF under $CHIROGATE_TEST_CACHE or .pytest-models/
(the test fixtures' cache) is used.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def find_gguf(explicit: str | None) -> Path:
    """The GGUF to benchmark: ``--gguf``, else the newest one in the test model cache."""
    if explicit:
        return Path(explicit)
    cache = Path(os.environ.get("CHIROGATE_TEST_CACHE") or ROOT / ".pytest-models")
    found = sorted(cache.rglob("*.gguf"), key=lambda p: ("q8_0" in p.name, p.stat().st_mtime))
    if not found:
        sys.exit(f"no GGUF under {cache}: run the tests once (they build the tiny models) or pass --gguf PATH")
    return found[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gguf")
    ap.add_argument("--max-tokens", type=int, default=64)
    args = ap.parse_args()
    gguf = find_gguf(args.gguf)
    os.environ["CHIROGATE_HOME"] = tempfile.mkdtemp(prefix="bench-cache-")

    from gate.backends.base import DecodingParams
    from gate.backends.llamacpp_backend import LlamaCppBackend
    from gate.generation import run_generations
    from gate.latency import load_probes
    from registry import Registry, hash_file

    import dataclasses

    # The probes' own max_tokens (256 for SOAP) would not fit a tiny model's context: one limit for all.
    cases = [dataclasses.replace(c, max_tokens=args.max_tokens) for c in load_probes("fields") + load_probes("soap")]
    params = DecodingParams(max_tokens=args.max_tokens)
    digest = hash_file(gguf)
    with Registry() as reg:
        cold_backend = LlamaCppBackend(gguf, digest=digest, n_threads=1)
        t0 = time.perf_counter()
        first = run_generations(reg, cold_backend, cases, params, progress=False)
        t_first = time.perf_counter() - t0
        cold_backend.close()
        warm_backend = LlamaCppBackend(gguf, digest=digest, n_threads=1)
        t0 = time.perf_counter()
        warm = run_generations(reg, warm_backend, cases, params, progress=False)
        t_warm = time.perf_counter() - t0
        assert warm_backend._llm is None, "the warm run loaded the model"
        assert {k: g.text for k, g in warm.items()} == {k: g.text for k, g in first.items()}
    print(f"model: {gguf.name}  cases: {len(cases)}  max_tokens: {args.max_tokens}")
    print(f"first run (load + generate + cache writes): {t_first:.3f} s")
    print(f"warm re-run (cache only, model never loaded): {t_warm:.4f} s")
    ratio = t_first / t_warm
    print(f"ratio first/warm: {ratio:.0f}x  (target >= 50x: {'met' if ratio >= 50 else 'NOT met'})")


if __name__ == "__main__":
    main()
