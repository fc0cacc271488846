"""LoRA / QLoRA fine-tuning with peft + trl, recorded in the registry as a training run.

``train`` resolves the base and dataset, checks them before any training (chat template,
tokenizer/model match, architecture, LoRA target modules), trains with trl's ``SFTTrainer`` on the
assistant tokens only (or, ``method="dpo"``, with ``DPOTrainer`` on the preference split, see
:mod:`training.dpo`), and registers the adapter as an artifact of a new candidate model in the
same transaction that closes the run. Nothing is registered for a run that fails.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from registry import Registry
from registry.core import check_name
from registry.datasets import get_dataset, has_dataset
from registry.errors import DuplicateError, InputError, NotFoundError
from registry.jsonl import read_jsonl
from registry.training import close_dead_runs, finish_run, process_marker, start_run

from .chat_template import has_generation_tags
from .distributed import broadcast_from_main, dist_info, rank_loss_recorder, same_effective_batch
from .profiles import TrainConfig, train_config

SUPPORTED_ARCHS = ("llama", "mistral", "qwen2")


@dataclass(frozen=True)
class TrainResult:
    """What a finished training run produced."""

    model: str
    """Name of the registered candidate model."""
    run_id: int
    adapter_dir: Path
    """The adapter as written in the run's output directory (the registry holds its own copy)."""
    adapter_sha256: str
    final_step: int
    train_loss: float | None
    eval_loss: float | None
    tokens_per_s: float | None
    wall_s: float
    qlora: bool


@dataclass(frozen=True)
class DatasetRef:
    """A resolved dataset: its directory and fingerprint (None if not in the registry)."""

    path: Path
    fingerprint: str | None
    card_fingerprint: str | None


def resolve_dataset(reg: Registry, dataset: str | Path) -> DatasetRef:
    """A dataset directory, or a registered dataset's fingerprint, as a :class:`DatasetRef`."""
    p = Path(dataset)
    if p.is_dir():
        if not (p / "train.jsonl").is_file():
            raise InputError(f"{p}: not a prepared dataset directory (no train.jsonl; see: chirogate data prepare)")
        card_fp = None
        if (p / "card.json").is_file():
            try:
                card_fp = json.loads((p / "card.json").read_text("utf-8")).get("fingerprint")
            except json.JSONDecodeError as exc:
                raise InputError.at(p / "card.json", f"invalid JSON: {exc.msg}", line=exc.lineno) from None
        registered = card_fp if card_fp and has_dataset(reg, card_fp) else None
        return DatasetRef(p, registered, card_fp)
    try:
        rec = get_dataset(reg, str(dataset))
    except NotFoundError:
        rec = None
    if rec is not None:
        return DatasetRef(Path(rec.path), rec.fingerprint, rec.fingerprint)
    raise NotFoundError(f"dataset '{dataset}' is neither a dataset directory nor a fingerprint in the registry "
                        "(see: chirogate data list)")


def load_messages(path: Path, split: str) -> list[dict]:
    """``[{"messages": [...]}, ...]`` from ``split.jsonl`` of a prepared dataset directory."""
    f = path / f"{split}.jsonl"
    if not f.is_file():
        return []
    rows = []
    for i, rec in read_jsonl(f):
        msgs = rec.get("messages")
        if not isinstance(msgs, list) or not any(m.get("role") == "assistant" for m in msgs if isinstance(m, dict)):
            raise InputError.at(f, "needs a list of messages with an assistant turn", line=i, field="messages")
        rows.append({"messages": [{"role": m["role"], "content": m["content"]} for m in msgs]})
    return rows


def load_base(base: str | Path, *, qlora: bool = False, for_training: bool = True):
    """Load ``(model, tokenizer)`` of a base (local dir or hub id) and check they fit together."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    where = str(base)
    try:
        mcfg = AutoConfig.from_pretrained(where)
    except (OSError, ValueError) as exc:
        raise InputError(f"{where}: cannot load the base model config ({_first_line(exc)})") from None
    if mcfg.model_type not in SUPPORTED_ARCHS:
        raise InputError(f"{where}: unsupported architecture '{mcfg.model_type}' "
                         f"(supported: {', '.join(SUPPORTED_ARCHS)})")
    try:
        tok = AutoTokenizer.from_pretrained(where)
    except (OSError, ValueError) as exc:
        raise InputError(f"{where}: cannot load the tokenizer ({_first_line(exc)})") from None
    if not tok.chat_template:
        raise InputError(f"{where}: the base's tokenizer has no chat template (tokenizer_config.json: "
                         "field 'chat_template')")
    if len(tok) > mcfg.vocab_size:
        raise InputError(f"{where}: tokenizer does not match the model: {len(tok)} tokens but the model's "
                         f"embedding has {mcfg.vocab_size} rows (config.json: field 'vocab_size')")
    kwargs: dict[str, Any] = {}
    if qlora:
        from transformers import BitsAndBytesConfig

        compute = torch.bfloat16
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=compute)
        kwargs["dtype"] = compute
    else:
        kwargs["dtype"] = torch.float32
    model = AutoModelForCausalLM.from_pretrained(where, **kwargs)
    return model, tok


def quiet_libraries(progress: bool) -> None:
    """Keep stderr for chirogate's own messages: bitsandbytes warns at import that an optional CPU
    kernel package is missing (it falls back by itself), and transformers/datasets draw progress
    bars for every load unless told not to."""
    import logging

    logging.getLogger("bitsandbytes.backends.cpu.ops").setLevel(logging.ERROR)
    if not progress:
        import datasets
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        datasets.disable_progress_bars()


def resolve_qlora(setting: str) -> bool:
    """``on`` -> True, ``off`` -> False, ``auto`` -> True only where CUDA is available."""
    if setting == "on":
        return True
    if setting == "off":
        return False
    import torch

    return torch.cuda.is_available()


def train(reg: Registry, *, base: str | Path, dataset: str | Path, name: str, config: TrainConfig | None = None,
          resume: bool = False, progress: bool = True, family: str | None = None,
          output_dir: str | Path | None = None, callbacks: list | None = None, method: str = "sft") -> TrainResult:
    """Fine-tune ``base`` on ``dataset`` with LoRA (QLoRA per ``config.qlora``) and register the
    adapter as candidate model ``name``.

    Checkpoints go to ``output_dir`` (default ``$CHIROGATE_HOME/training/<name>``); ``resume``
    continues from the last one there. The run is recorded (config, library versions, code version,
    dataset fingerprint, loss curve, eval metrics, wall time, tokens/s). A bad base, dataset or name
    raises before any training; a failed run is recorded as failed and registers nothing.
    Under ``accelerate launch --num_processes N`` every process trains, with the single-process
    effective batch, and only the main process writes to the registry (see :mod:`training.distributed`).
    ``method``: ``sft`` (the answers) or ``dpo`` (chosen vs rejected pairs of the preference split).
    """

    quiet_libraries(progress)
    cfg = config or train_config()
    dist = dist_info()
    cfg = same_effective_batch(cfg, dist.world_size)
    check_name(name, "model name")
    family = family or _family_of(name)
    check_name(family, "family")
    close_dead_runs(reg)  # a run whose process was killed is marked interrupted, not left running
    if reg.has_model(name):
        raise DuplicateError(f"model '{name}' is already registered")
    if method not in ("sft", "dpo"):
        raise InputError(f"unknown training method {method!r}: expected sft or dpo")
    ds = resolve_dataset(reg, dataset)
    if method == "dpo":
        from .data.preference import load_preference

        train_rows, eval_rows = load_preference(ds.path, "train"), load_preference(ds.path, "validation")
    else:
        train_rows, eval_rows = load_messages(ds.path, "train"), load_messages(ds.path, "validation")
    if not train_rows:
        raise InputError(f"{ds.path / 'train.jsonl'}: the training split is empty")
    use_qlora = resolve_qlora(cfg.qlora)
    model, tok = load_base(base, qlora=use_qlora)
    _check_targets(model, cfg, base)
    out = Path(output_dir) if output_dir else reg.home / "training" / name
    last_ckpt = _last_checkpoint(out)
    if resume and last_ckpt is None:
        raise InputError(f"{out}: --resume given but there is no checkpoint to resume from")
    if not resume and out.exists() and dist.is_main:
        _clear_checkpoints(out)  # a fresh run must not pick up an old run's checkpoints
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(".adapter-tmp-*") if dist.is_main else ():  # left by a run killed while saving its adapter
        shutil.rmtree(stale, ignore_errors=True)

    versions = library_versions()
    run_config = {**dataclasses.asdict(cfg), "method": method, "qlora_resolved": use_qlora, "base": str(base),
                  "dataset_path": str(ds.path), "dataset_card_fingerprint": ds.card_fingerprint,
                  "resumed_from": str(last_ckpt) if resume else None,
                  "n_train": len(train_rows), "n_validation": len(eval_rows),
                  "system_prompt": _common_system(train_rows, "prompt" if method == "dpo" else "messages"),
                  "process": process_marker(),
                  "world_size": dist.world_size, "effective_batch": cfg.batch_size * cfg.grad_accum * dist.world_size}
    # One run per launch: only the main process records it (the others learn its id at the end).
    run_id = start_run(reg, model_name=name, base_model=str(base), dataset_fingerprint=ds.fingerprint,
                       config=run_config, versions=versions, code_version=code_version()) if dist.is_main else None
    t0 = time.perf_counter()
    trained = False
    try:
        if method == "dpo":
            from .dpo import build_trainer as build_dpo

            trainer = build_dpo(model, tok, cfg, train_rows, eval_rows, out, use_qlora, progress, callbacks)
        else:
            trainer = _build_trainer(model, tok, cfg, train_rows, eval_rows, out, use_qlora, progress, callbacks)
        ranks = rank_loss_recorder(trainer) if dist.world_size > 1 else None
        result = trainer.train(resume_from_checkpoint=str(last_ckpt) if resume else None)
        trained = True
        wall = time.perf_counter() - t0
        if not dist.is_main:
            run_id, sha = broadcast_from_main(None)  # the main process registers; this one only trained
            if sha is None:
                raise InputError(f"training run {run_id}: the main process failed to register the adapter")
            return TrainResult(name, run_id, out / "adapter", sha, trainer.state.global_step,
                               result.metrics.get("train_loss"), None, None, round(wall, 2), use_qlora)
        adapter_dir = out / "adapter"
        tmp = Path(tempfile.mkdtemp(dir=out, prefix=".adapter-tmp-"))
        trainer.model.save_pretrained(tmp)
        tok.save_pretrained(tmp)
        if adapter_dir.exists():
            shutil.rmtree(adapter_dir)
        tmp.rename(adapter_dir)
        curve, evals = _curves(trainer.state.log_history)
        tokens = float(getattr(trainer.state, "num_input_tokens_seen", 0) or 0)
        runtime = float(result.metrics.get("train_runtime") or wall)
        tps = round(tokens / runtime, 1) if tokens and runtime else None
        metrics = {"train_loss": result.metrics.get("train_loss"), "evals": evals,
                   "eval_loss": evals[-1]["eval_loss"] if evals else None,
                   "best_eval_loss": trainer.state.best_metric, "global_step": trainer.state.global_step,
                   "tokens_seen": tokens}
        if ranks is not None:
            metrics["loss_per_rank"] = ranks.history
        with reg.transaction():
            reg.register_model(name, family=family, kind="candidate", base_model=str(base),
                               system_prompt=run_config["system_prompt"],
                               notes=f"LoRA {'DPO ' if method == 'dpo' else ''}fine-tune, training run {run_id}")
            art = reg.add_artifact(name, "adapter", adapter_dir, meta={
                "training_run": run_id, "base_model": str(base), "dataset": ds.fingerprint or ds.card_fingerprint,
                "qlora": use_qlora, "lora_r": cfg.lora_r, "lora_alpha": cfg.lora_alpha})
            finish_run(reg, run_id, status="succeeded", loss_curve=curve, metrics=metrics, wall_s=round(wall, 2),
                       tokens_per_s=tps, adapter_sha256=art.sha256)
        if dist.world_size > 1:
            broadcast_from_main((run_id, art.sha256))
    except BaseException as exc:
        if trained and dist.world_size > 1 and dist.is_main:
            broadcast_from_main((run_id, None))  # release the other processes waiting for the result
        if run_id is not None:
            _fail(reg, run_id, exc, time.perf_counter() - t0)
        raise
    return TrainResult(name, run_id, adapter_dir, art.sha256, trainer.state.global_step,
                       metrics["train_loss"], metrics["eval_loss"], tps, round(wall, 2), use_qlora)


def _build_trainer(model, tok, cfg: TrainConfig, train_rows, eval_rows, out: Path, use_qlora: bool,
                   progress: bool, callbacks):
    import torch
    from datasets import Dataset
    from peft import LoraConfig, prepare_model_for_kbit_training
    from trl import SFTConfig, SFTTrainer

    cuda = torch.cuda.is_available()
    bf16 = cfg.bf16 == "on" or (cfg.bf16 == "auto" and cuda and torch.cuda.is_bf16_supported())
    optim = cfg.optim if cfg.optim != "auto" else ("adamw_8bit" if cuda else "adamw_torch")
    if use_qlora:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=cfg.gradient_checkpointing)
    strategy = "steps" if cfg.max_steps > 0 else "epoch"
    every = cfg.eval_steps if cfg.max_steps > 0 and cfg.eval_steps > 0 else max(cfg.max_steps, 1)
    has_eval = bool(eval_rows)
    # a short fixed-step run still logs its loss (at least once, at the last step)
    log_every = min(cfg.logging_steps, cfg.max_steps) if cfg.max_steps > 0 else cfg.logging_steps
    args = SFTConfig(
        output_dir=str(out), per_device_train_batch_size=cfg.batch_size, per_device_eval_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.grad_accum, learning_rate=cfg.learning_rate,
        lr_scheduler_type=cfg.lr_scheduler, warmup_steps=cfg.warmup_steps, num_train_epochs=cfg.epochs,
        max_steps=cfg.max_steps, weight_decay=cfg.weight_decay, max_grad_norm=cfg.max_grad_norm,
        gradient_checkpointing=cfg.gradient_checkpointing, bf16=bf16, optim=optim,
        eval_strategy=strategy if has_eval else "no", eval_steps=every if strategy == "steps" else None,
        save_strategy=strategy, save_steps=every if strategy == "steps" else None,
        load_best_model_at_end=has_eval, metric_for_best_model="eval_loss" if has_eval else None,
        greater_is_better=False if has_eval else None, save_total_limit=cfg.save_total_limit,
        logging_steps=log_every, report_to="none", seed=cfg.seed, data_seed=cfg.seed,
        disable_tqdm=not progress, use_cpu=not cuda, assistant_only_loss=True, max_length=cfg.max_length,
        include_num_input_tokens_seen="non_padding", dataloader_num_workers=0, save_only_model=False,
    )
    peft_cfg = LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                          target_modules=list(cfg.target_modules), bias="none", task_type="CAUSAL_LM")
    if not has_generation_tags(tok.chat_template):
        from trl.chat_template_utils import get_training_chat_template

        try:
            patched = get_training_chat_template(tok)
        except Exception:  # trl raises a bare ValueError for templates it does not know
            patched = None
        if patched is None:
            raise InputError("the base's chat template has no {% generation %} markers and trl has no training "
                             "variant for it; add the markers around assistant turns (tokenizer_config.json: "
                             "field 'chat_template')")
    try:
        trainer = SFTTrainer(model=model, args=args, train_dataset=Dataset.from_list(train_rows),
                             eval_dataset=Dataset.from_list(eval_rows) if has_eval else None,
                             processing_class=tok, peft_config=peft_cfg, callbacks=callbacks)
    except ValueError as exc:  # trl's checks of the template and data, e.g. no assistant tokens
        raise InputError(f"cannot train on this base/dataset: {_first_line(exc)}") from None
    if len(trainer.train_dataset) == 0:  # trl drops examples whose answer was cut off by max_length
        raise InputError(f"no training example keeps any assistant tokens within max_length {cfg.max_length} "
                         "(config [train]: field 'max_length')")
    from transformers.trainer_callback import PrinterCallback, ProgressCallback

    # The trainer prints every log dict (under its bar, or bare without one). The loss curve goes to
    # the run record instead; a person sees the bar and the summary line.
    trainer.remove_callback(PrinterCallback)
    if progress:
        trainer.remove_callback(ProgressCallback)
        trainer.add_callback(_bar_without_log_dicts())
    return trainer


def _bar_without_log_dicts():
    from transformers.trainer_callback import ProgressCallback

    class BarWithoutLogDicts(ProgressCallback):
        """The trainer's progress bar, without the log dict it writes under the bar at every log step."""

        def on_log(self, args, state, control, logs=None, **kwargs):
            if state.is_world_process_zero and self.training_bar is not None and logs and "loss" in logs:
                self.training_bar.set_postfix(loss=f"{float(logs['loss']):.3f}")

    return BarWithoutLogDicts


def _common_system(rows: list[dict], key: str = "messages") -> str | None:
    """The system message most training examples carry (the candidate is served with it)."""
    from collections import Counter

    seen = Counter(m["content"] for r in rows for m in r[key][:1] if m["role"] == "system")
    return seen.most_common(1)[0][0] if seen else None


def _check_targets(model, cfg: TrainConfig, base) -> None:
    names = {n.rsplit(".", 1)[-1] for n, _ in model.named_modules()}
    missing = [t for t in cfg.target_modules if t not in names]
    if missing:
        raise InputError(f"{base}: LoRA target modules not in the model: {', '.join(missing)} "
                         "(config [train]: field 'target_modules')")


def _clear_checkpoints(out: Path) -> None:
    """Remove an earlier run's checkpoints, refusing a directory that holds anything else (a
    mistyped ``--out`` must never delete someone's files)."""
    if not out.is_dir():
        raise InputError(f"{out}: checkpoint path exists and is not a directory")
    foreign = [p.name for p in out.iterdir()
               if not (p.name.startswith(("checkpoint-", ".adapter-tmp-")) or p.name in ("adapter", "README.md"))]
    if foreign:
        raise InputError(f"{out}: not a chirogate checkpoint directory (holds {foreign[0]!r}); choose another --out")
    for p in out.iterdir():
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def _last_checkpoint(out: Path) -> Path | None:
    if not out.is_dir():
        return None
    ckpts = [p for p in out.glob("checkpoint-*") if p.is_dir() and (p / "trainer_state.json").is_file()]
    return max(ckpts, key=lambda p: int(p.name.split("-")[-1])) if ckpts else None


def _curves(history: list[dict]) -> tuple[list[list[float]], list[dict]]:
    curve = [[h["step"], round(h["loss"], 5)] for h in history if "loss" in h and "step" in h]
    evals = [{"step": h["step"], "eval_loss": round(h["eval_loss"], 5)} for h in history if "eval_loss" in h]
    return curve, evals


def _fail(reg: Registry, run_id: int, exc: BaseException, wall: float) -> None:
    reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else f"{type(exc).__name__}: {_first_line(exc)}"
    try:
        finish_run(reg, run_id, status="failed", wall_s=round(wall, 2), error=reason[:500])
    except Exception:  # recording the failure must not hide the original error
        pass


def _family_of(name: str) -> str:
    m = re.match(r"^(.*?)-v\d+(\.\d+)*$", name)
    return m.group(1) if m else name


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def library_versions() -> dict[str, str]:
    """Versions of the libraries that shape a training result."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("torch", "transformers", "peft", "trl", "accelerate", "datasets", "bitsandbytes", "tokenizers"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            pass
    return out


def code_version() -> str | None:
    """``<git commit>[+dirty]`` of the chirogate checkout (dirty: training/ or registry/ changed), or the
    package version (:func:`registry.provenance.code_provenance`, as eval runs record it)."""
    from registry.provenance import code_provenance
    from registry.provenance import code_version as one_line

    return one_line(code_provenance(("training", "registry"), untracked=True))
