"""Training on several processes (``accelerate launch --num_processes N``, or ``torchrun``): the rules
that keep one run one run.

Every process trains (the trainer wraps the model in DDP by itself, gloo on CPU, NCCL on GPUs), but
only the main process writes to the registry: one training run, one adapter, one candidate model.
The effective batch (per-device batch x gradient accumulation x processes) stays the single-process
one, so a run on N processes is comparable with a run on one. Each process's losses are gathered
to the main process and kept in the run record.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

from registry.errors import InputError


@dataclass(frozen=True)
class DistInfo:
    """Where this process stands in a multi-process launch (1 process, rank 0 without one)."""

    world_size: int = 1
    rank: int = 0

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def dist_info() -> DistInfo:
    """The launch as ``accelerate launch``/``torchrun`` describe it in the environment."""
    try:
        return DistInfo(int(os.environ.get("WORLD_SIZE", "1")), int(os.environ.get("RANK", "0")))
    except ValueError:
        raise InputError("WORLD_SIZE/RANK in the environment are not integers (set by accelerate/torchrun)") from None


def same_effective_batch(cfg, world_size: int):
    """``cfg`` with gradient accumulation (else the per-device batch) divided over ``world_size``
    processes, so batch x accumulation x processes equals the single-process effective batch."""
    if world_size <= 1:
        return cfg
    if cfg.grad_accum % world_size == 0:
        return dataclasses.replace(cfg, grad_accum=cfg.grad_accum // world_size)
    if cfg.batch_size % world_size == 0:
        return dataclasses.replace(cfg, batch_size=cfg.batch_size // world_size)
    raise InputError(f"the effective batch {cfg.batch_size} x {cfg.grad_accum} cannot be split over {world_size} "
                     "processes (config [train]: fields 'batch_size'/'grad_accum' must let one of them divide by it)")


def broadcast_from_main(value: Any) -> Any:
    """``value`` as the main process has it, on every process (a no-op on one process)."""
    import torch.distributed as td

    if not (td.is_available() and td.is_initialized()):
        return value
    box = [value]
    td.broadcast_object_list(box, src=0)
    return box[0]


def rank_loss_recorder(trainer):
    """Record each process's own training loss and gather them at every logging step.

    Wraps ``trainer.training_step`` of this trainer instance to keep the loss it returns on this
    process; at each log with a ``loss``, all processes gather their mean since the previous log.
    Returns the callback; its ``history`` (``[{"step", "loss_per_rank"}]``) is complete on the main process.
    """
    import torch.distributed as td
    from transformers import TrainerCallback

    class RankLosses(TrainerCallback):
        def __init__(self):
            self.pending: list[float] = []
            self.history: list[dict[str, Any]] = []

        def on_log(self, args, state, control, logs=None, **kwargs):
            if not logs or "loss" not in logs:
                return
            mine = sum(self.pending) / len(self.pending) if self.pending else None
            self.pending = []
            if td.is_available() and td.is_initialized():
                every: list[Any] = [None] * td.get_world_size()
                td.all_gather_object(every, mine)  # every process logs the same steps, so all reach this
            else:
                every = [mine]
            self.history.append({"step": state.global_step,
                                 "loss_per_rank": [None if v is None else round(float(v), 5) for v in every]})

    cb = RankLosses()
    inner = trainer.training_step

    def training_step(*args, **kwargs):
        loss = inner(*args, **kwargs)
        cb.pending.append(float(loss.detach().float().mean()))
        return loss

    trainer.training_step = training_step  # this instance only: the trainer class is untouched
    trainer.add_callback(cb)
    return cb
