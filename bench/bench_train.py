"""Training throughput of the tiny model: chirogate's LoRA SFT (trl SFTTrainer, tiny profile) in
tokens/s, against the named baseline "plain torch loop": the same LoRA model, the same batches
(same examples, same order, same padding), a bare forward/backward/AdamW step with no trainer.

The ratio says what the trainer machinery (collation, masking, logging, scheduling) costs.

    python bench/bench_train.py [--base DIR --dataset DIR] [--steps 40]

Without --base/--dataset it uses the tiny bundle the tests cached in $CHIROGATE_TEST_CACHE
(default .pytest-models/; run the tests once first).
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

from _common import add_repeats_option, best_of_alternating  # noqa: E402


def _cached_bundle() -> tuple[Path, Path]:
    cache = Path(os.environ.get("CHIROGATE_TEST_CACHE") or ROOT / ".pytest-models")
    bundles = sorted((p for p in cache.glob("bundle-*") if (p / "bundle.json").is_file()),
                     key=lambda p: p.stat().st_mtime)
    if not bundles:
        sys.exit(f"no tiny bundle in {cache}: run the tests once, or pass --base and --dataset")
    return bundles[-1] / "base", bundles[-1] / "dataset"


def bench_trainer(base: Path, dataset: Path, steps: int) -> dict:
    """tokens/s of ``training.lora.train`` (tiny profile, no evaluation in the timed part)."""
    from registry import Registry
    from training.lora import train
    from training.profiles import train_config

    with tempfile.TemporaryDirectory() as home:
        reg = Registry(home)
        res = train(reg, base=base, dataset=dataset, name="bench-v1", progress=False,
                    config=train_config("tiny", max_steps=steps, eval_steps=steps))
        reg.close()
    return {"tokens_per_s": res.tokens_per_s, "steps": res.final_step}


def bench_plain_torch(base: Path, dataset: Path, steps: int) -> dict:
    """tokens/s of a bare loop over the same LoRA model and the same padded batches."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from training.lora import load_messages
    from training.profiles import train_config

    cfg = train_config("tiny")
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    model = get_peft_model(model, LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                                             target_modules=cfg.target_modules, task_type="CAUSAL_LM"))
    rows = load_messages(dataset, "train")
    encoded = [tok.apply_chat_template(r["messages"], tokenize=True, return_dict=True,
                                       return_assistant_tokens_mask=True) for r in rows]
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg.learning_rate)
    model.train()
    tokens, t0 = 0, time.perf_counter()
    for step in range(steps):
        batch = [encoded[(step * cfg.batch_size + i) % len(encoded)] for i in range(cfg.batch_size)]
        width = min(max(len(b["input_ids"]) for b in batch), cfg.max_length)
        ids = torch.full((len(batch), width), tok.pad_token_id)
        labels = torch.full((len(batch), width), -100)
        attn = torch.zeros((len(batch), width), dtype=torch.long)
        for i, b in enumerate(batch):
            n = min(len(b["input_ids"]), width)
            ids[i, :n] = torch.tensor(b["input_ids"][:n])
            attn[i, :n] = 1
            mask = torch.tensor(b["assistant_masks"][:n], dtype=torch.bool)
            labels[i, :n] = torch.where(mask, ids[i, :n], torch.tensor(-100))
            tokens += n
        loss = model(input_ids=ids, attention_mask=attn, labels=labels).loss
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
    wall = time.perf_counter() - t0
    return {"tokens_per_s": round(tokens / wall, 1), "steps": steps}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path)
    ap.add_argument("--dataset", type=Path)
    ap.add_argument("--steps", type=int, default=40)
    add_repeats_option(ap)
    args = ap.parse_args()
    base, dataset = (args.base, args.dataset) if args.base and args.dataset else _cached_bundle()
    plain, ours = best_of_alternating(args.repeats, lambda: bench_plain_torch(base, dataset, args.steps),
                                      lambda: bench_trainer(base, dataset, args.steps), "tokens_per_s")
    ratio = ours["tokens_per_s"] / plain["tokens_per_s"]
    print(json.dumps({"chirogate_train": ours, "baseline_plain_torch_loop": plain,
                      "ratio_vs_plain_torch": round(ratio, 3)}, indent=2))
    print(f"chirogate train: {ours['tokens_per_s']:.0f} tokens/s; plain torch loop: "
          f"{plain['tokens_per_s']:.0f} tokens/s; ratio {ratio:.2f}x")


if __name__ == "__main__":
    main()
