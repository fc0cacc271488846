"""``chirogate train`` under ``accelerate launch --num_processes 2`` (DDP, gloo on CPU) on the tiny model.

Two real processes train; the registry must hold exactly one training run, one candidate and one
adapter (written by the main process only), the single-process effective batch, and both
processes' losses in the run record.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from registry import Registry
from registry.training import runs_for_model
from training.profiles import train_config

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_two_processes_record_one_run_and_one_adapter(tiny_base_dir, tiny_dataset_dir, chirogate_home, tmp_path):
    # One thread per process: two processes on a shared 2-core machine must not oversubscribe it.
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu", "--num_processes", "2",
           "--num_machines", "1", "--mixed_precision", "no", "--dynamo_backend", "no",
           "--main_process_port", str(_free_port()), "-m", "gate", "train", "--base", str(tiny_base_dir),
           "--dataset", str(tiny_dataset_dir), "--name", "ddp-cand", "--profile", "tiny", "--max-steps", "2",
           "--no-progress", "--json"]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=900)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-5000:]
    with Registry() as reg:
        runs = runs_for_model(reg, "ddp-cand")
        assert len(runs) == 1 and runs[0].status == "succeeded"
        assert reg.db["training_runs"].count == 1
        assert len(reg.artifacts("ddp-cand", "adapter")) == 1 and reg.db["models"].count == 1
        run = runs[0]
        single = train_config("tiny")
        assert run.config["world_size"] == 2
        assert run.config["effective_batch"] == single.batch_size * single.grad_accum
        assert run.config["batch_size"] * run.config["grad_accum"] * 2 == single.batch_size * single.grad_accum
        per_rank = run.metrics["loss_per_rank"]
        assert per_rank and all(len(e["loss_per_rank"]) == 2 and None not in e["loss_per_rank"] for e in per_rank)
        assert runs[0].adapter_sha256 == reg.artifacts("ddp-cand", "adapter")[0].sha256
    # Both processes print the summary with the same run and adapter (the others learn it by broadcast).
    ids = re.findall(r'"run_id": (\d+)', p.stdout)
    assert len(ids) == 2 and {int(i) for i in ids} == {run.id}, p.stdout[-2000:]
