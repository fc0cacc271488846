"""Preference fine-tuning (DPO) with trl's ``DPOTrainer``: the trainer for ``chirogate train --method dpo``.

:func:`training.lora.train` does everything around it the same way for SFT and DPO (base and dataset
checks, the run record, adapter registration); this module only builds the trainer, on the preference
split ``data prepare`` writes for DPO records (``preference_<split>.jsonl``: prompt messages, chosen
and rejected assistant turns). With a LoRA adapter the reference model is the base with the adapter
switched off, so no second copy of the model is loaded.
"""

from __future__ import annotations

from pathlib import Path

from registry.errors import InputError

from .profiles import TrainConfig

DPO_BETA = 0.1
"""Strength of the pull towards the reference model (trl's default; higher stays closer to the base)."""


def build_trainer(model, tok, cfg: TrainConfig, train_pairs: list[dict], eval_pairs: list[dict], out: Path,
                  use_qlora: bool, progress: bool, callbacks):
    """A ``DPOTrainer`` with the same schedule, LoRA and checkpoint settings as SFT (``cfg``)."""
    import torch
    from datasets import Dataset
    from peft import LoraConfig, prepare_model_for_kbit_training
    from transformers.trainer_callback import PrinterCallback, ProgressCallback
    from trl import DPOConfig, DPOTrainer

    from .lora import _bar_without_log_dicts, _first_line

    cuda = torch.cuda.is_available()
    bf16 = cfg.bf16 == "on" or (cfg.bf16 == "auto" and cuda and torch.cuda.is_bf16_supported())
    optim = cfg.optim if cfg.optim != "auto" else ("adamw_8bit" if cuda else "adamw_torch")
    if use_qlora:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=cfg.gradient_checkpointing)
    strategy = "steps" if cfg.max_steps > 0 else "epoch"
    every = cfg.eval_steps if cfg.max_steps > 0 and cfg.eval_steps > 0 else max(cfg.max_steps, 1)
    has_eval = bool(eval_pairs)
    log_every = min(cfg.logging_steps, cfg.max_steps) if cfg.max_steps > 0 else cfg.logging_steps
    args = DPOConfig(
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
        disable_tqdm=not progress, use_cpu=not cuda, max_length=cfg.max_length, beta=DPO_BETA,
        include_num_input_tokens_seen="non_padding", dataloader_num_workers=0, save_only_model=False,
    )
    peft_cfg = LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                          target_modules=list(cfg.target_modules), bias="none", task_type="CAUSAL_LM")
    keep = ("prompt", "chosen", "rejected")
    try:
        trainer = DPOTrainer(model=model, args=args,
                             train_dataset=Dataset.from_list([{k: p[k] for k in keep} for p in train_pairs]),
                             eval_dataset=Dataset.from_list([{k: p[k] for k in keep} for p in eval_pairs])
                             if has_eval else None,
                             processing_class=tok, peft_config=peft_cfg, callbacks=callbacks)
    except ValueError as exc:  # trl's checks of the template and data
        raise InputError(f"cannot train DPO on this base/dataset: {_first_line(exc)}") from None
    trainer.remove_callback(PrinterCallback)
    if progress:
        trainer.remove_callback(ProgressCallback)
        trainer.add_callback(_bar_without_log_dicts())
    return trainer
