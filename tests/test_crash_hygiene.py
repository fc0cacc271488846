"""What a killed process leaves behind: stale temp folders and a training run left ``running``."""

from __future__ import annotations

import json
import subprocess
import sys

from registry import Registry
from registry.training import close_dead_runs, get_run, process_marker, start_run


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()  # reaped: the pid no longer names a process
    return p.pid


def test_a_run_whose_process_died_is_marked_interrupted_on_the_next_start(chirogate_home):
    here = process_marker()
    with Registry() as reg:
        dead = start_run(reg, model_name="m-v1", base_model="b", dataset_fingerprint=None,
                         config={"process": {**here, "pid": _dead_pid()}}, versions={}, code_version=None)
        alive = start_run(reg, model_name="m-v2", base_model="b", dataset_fingerprint=None,
                          config={"process": here}, versions={}, code_version=None)
        elsewhere = start_run(reg, model_name="m-v3", base_model="b", dataset_fingerprint=None,
                              config={"process": {"host": "another-host", "pid": _dead_pid()}}, versions={},
                              code_version=None)
        assert close_dead_runs(reg) == [dead]
        run = get_run(reg, dead)
        assert run.status == "interrupted" and "died" in run.error
        assert get_run(reg, alive).status == "running" and get_run(reg, elsewhere).status == "running"
        assert reg.events(action="training.fail")[-1].payload["run_id"] == dead
        assert close_dead_runs(reg) == []  # once


def test_verify_lists_stale_temp_and_fix_removes_it(cli, chirogate_home):
    with Registry() as reg:
        pass
    leftovers = [chirogate_home / "artifacts" / "objects" / "ab" / ".tmp-k9x", chirogate_home / ".tmp-registry-1.db",
                 chirogate_home / "training" / "m-v1" / ".adapter-tmp-2" / "adapter_model.safetensors",
                 chirogate_home / "artifacts" / "dirs" / ".tmp-dir-7" / "test.jsonl"]
    for p in leftovers:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"half")
    r = cli("registry", "verify", "--json")
    assert r.code == 0, r.err  # leftovers are not tampering
    assert len(json.loads(r.out)["stale_temp"]) == 4
    r = cli("registry", "verify", "--fix")
    assert r.code == 0 and r.err.count("removed temp:") == 4
    assert not any(p.exists() for p in leftovers[:2])
    assert not (chirogate_home / "training" / "m-v1" / ".adapter-tmp-2").exists()
    assert not (chirogate_home / "artifacts" / "dirs" / ".tmp-dir-7").exists()
    assert json.loads(cli("registry", "verify", "--json").out)["stale_temp"] == []
