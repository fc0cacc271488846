"""Eight real processes registering into one registry at once."""

from __future__ import annotations

import multiprocessing as mp
import os
from pathlib import Path

from registry import Registry

N_PROC = 8
PER_PROC = 5


def _worker(home: str, idx: int, barrier) -> None:
    os.environ["CHIROGATE_HOME"] = home
    barrier.wait()
    reg = Registry()
    for j in range(PER_PROC):
        p = Path(home).parent / f"art-{idx}-{j}.gguf"
        p.write_bytes(f"GGUF {idx} {j}".encode() * 1000)
        reg.register_model(f"m-{idx}-{j}", family="f", kind="candidate", base_model="b", artifacts=[("gguf", p)])
        reg.add_artifact(f"m-{idx}-{j}", "modelfile", p, meta={"i": idx})
    reg.close()


def test_eight_processes_register_at_once(chirogate_home):
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(N_PROC)
    procs = [ctx.Process(target=_worker, args=(str(chirogate_home), i, barrier)) for i in range(N_PROC)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0] * N_PROC
    with Registry() as reg:
        assert len(reg.list_models()) == N_PROC * PER_PROC
        assert len(reg.artifacts()) == 2 * N_PROC * PER_PROC
        assert len(reg.events(action="model.register")) == N_PROC * PER_PROC
        assert len(reg.events(action="artifact.add")) == 2 * N_PROC * PER_PROC
        assert reg.verify() == []
