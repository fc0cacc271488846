"""Cases per second through 1 and 2 OpenAI-compatible servers, and the runner's overhead.

Real ``python -m llama_cpp.server`` processes on loopback serve the tiny GGUF, one thread each
(``n_threads = 1``, ``OMP_WAIT_POLICY=PASSIVE``). Measured in the same run:

(a) the runner (openai backend, endpoint pool, concurrency 1 per server) through 1 server vs
    through 2 servers: cases/s of each and the 2-vs-1 ratio (ideal 2.0 on >= 2 free cores);
(b) the runner through 1 server vs a loop of direct ``openai`` client calls to the same server
    (same requests, streamed): the runner's overhead ratio (identity check, cache key, one
    committed transaction per answer, pool bookkeeping). Each runner round starts on an empty cache.

The system load (1-minute load average) before and after is printed: on a shared machine the
ratio measures the neighbours too.

    python bench/bench_endpoints.py [--gguf PATH] [--cases 24] [--max-tokens 32] [--repeats 2]
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
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from _common import add_repeats_option, best_of_alternating
    from bench_cache import find_gguf

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gguf")
    ap.add_argument("--cases", type=int, default=24)
    ap.add_argument("--max-tokens", type=int, default=32)
    add_repeats_option(ap)
    args = ap.parse_args()
    gguf = find_gguf(args.gguf)
    work = Path(tempfile.mkdtemp(prefix="bench-endpoints-"))
    os.environ["CHIROGATE_HOME"] = str(work / "home")

    import openai
    from llama_server_fixture import LlamaServer, served_gguf

    from gate.backends.base import DecodingParams
    from gate.backends.openai_backend import OpenAIBackend
    from gate.cases import Case
    from gate.endpoints import EndpointPool
    from gate.generation import run_generations
    from registry import Registry, hash_file

    served = served_gguf(gguf, work)
    sha = hash_file(served)
    cases = [Case(id=f"c{i}", messages=({"role": "user", "content": f"Skriv journalnotat {i} om nakkesmerter."},))
             for i in range(args.cases)]
    params = DecodingParams(max_tokens=args.max_tokens)
    load_before = os.getloadavg()[0]
    servers = [LlamaServer(served, workdir=work / f"s{i}").start() for i in range(2)]
    try:
        def pool(n: int) -> EndpointPool:
            return EndpointPool([OpenAIBackend(s.url, gguf_sha256=sha, served_model=str(served), model_name="bench")
                                 for s in servers[:n]], concurrency=1)

        rounds = iter(range(1_000_000))

        def runner(n: int) -> dict:
            reg = Registry(work / f"home-{next(rounds)}")  # an empty cache every round
            be = pool(n)
            be.digest  # identity check outside the timed part (once per run in real use)
            t0 = time.perf_counter()
            run_generations(reg, be, cases, params, concurrency=be.concurrency, progress=False)
            dt = time.perf_counter() - t0
            be.close()
            reg.close()
            return {"cases_per_s": len(cases) / dt, "s": dt}

        def direct() -> dict:
            client = openai.OpenAI(base_url=servers[0].url, api_key="no-key", max_retries=0)
            t0 = time.perf_counter()
            for c in cases:
                stream = client.chat.completions.create(
                    model=str(served), messages=list(c.messages), stream=True, max_tokens=params.max_tokens,
                    temperature=0.0, top_p=1.0, seed=0, extra_body={"top_k": 1},
                    stream_options={"include_usage": True})
                "".join(ch.choices[0].delta.content or "" for ch in stream if ch.choices)
            dt = time.perf_counter() - t0
            client.close()
            return {"cases_per_s": len(cases) / dt, "s": dt}

        runner(1)  # warm both servers' first-request paths before anything is timed
        runner(2)
        one, two = best_of_alternating(args.repeats, lambda: runner(1), lambda: runner(2), "cases_per_s")
        base, ours = best_of_alternating(args.repeats, direct, lambda: runner(1), "cases_per_s")
    finally:
        for s in servers:
            s.stop()
    load_after = os.getloadavg()[0]
    print(f"GGUF {gguf.name}, {len(cases)} cases, max_tokens {args.max_tokens}, 1 thread per server, "
          f"{os.cpu_count()} CPUs, load average {load_before:.2f} before / {load_after:.2f} after")
    print(f"(a) 1 server : {one['cases_per_s']:.2f} cases/s")
    print(f"    2 servers: {two['cases_per_s']:.2f} cases/s   ratio 2-vs-1 = {two['cases_per_s'] / one['cases_per_s']:.2f}x")
    print(f"(b) direct openai client loop: {base['s']:.2f} s; runner through the pool: {ours['s']:.2f} s   "
          f"overhead ratio = {ours['s'] / base['s']:.3f}x")


if __name__ == "__main__":
    main()
