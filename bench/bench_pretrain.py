"""Pre-training step time of the embedded tiny base: chirogate's loss (output layer at scored
positions only, ``training.tiny._loss``) against the named baseline "transformers labels= loss":
the same model, the same packed blocks, the same optimizer step, with the loss transformers
computes from ``labels=`` (vocabulary-wide logits at every position, facts and padding included).

The ratio says what skipping the unscored logits saves per step.

    python bench/bench_pretrain.py [--steps 20] [--records 300] [--repeats 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _common import add_repeats_option, best_of_alternating  # noqa: E402


def _setup(records: int):
    """The small profile's shape, a tokenizer and the packed blocks of ``records`` synthetic records."""
    from training.data.synth import pretraining_texts
    from training.profiles import tiny_config
    from training.tiny import _as_pair, _pack, build_tokenizer

    cfg = tiny_config("small")
    texts = [_as_pair(t) for t in pretraining_texts(records, 7)]
    tok = build_tokenizer([c + t for c, t in texts], cfg.vocab_size)
    return (cfg, tok) + _pack(tok, texts, cfg.seq_len)


def bench(loss_fn, setup, steps: int) -> dict:
    """Seconds per pre-training step (forward, backward, clip, AdamW) with ``loss_fn``; 2 warm-up steps."""
    import torch
    from transformers import LlamaForCausalLM

    from training.tiny import llama_config

    cfg, tok, ids, labels, positions = setup
    torch.manual_seed(0)
    model = LlamaForCausalLM(llama_config(cfg, tok))
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate)
    losses = []

    def step(i: int) -> None:
        idx = torch.arange(i * cfg.batch_size, (i + 1) * cfg.batch_size) % ids.shape[0]
        loss = loss_fn(model, ids[idx], labels[idx], positions[idx])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        losses.append(float(loss.detach()))

    for i in range(2):
        step(i)
    t0 = time.perf_counter()
    for i in range(2, 2 + steps):
        step(i)
    return {"s_per_step": round((time.perf_counter() - t0) / steps, 4), "last_loss": round(losses[-1], 4)}


def _transformers_loss(model, ids, labels, positions):
    return model(input_ids=ids, labels=labels, position_ids=positions, use_cache=False).loss


def main() -> None:
    from training.tiny import _loss

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--records", type=int, default=300, help="synthetic records to pack into blocks")
    add_repeats_option(ap)
    args = ap.parse_args()
    setup = _setup(args.records)
    base, ours = best_of_alternating(args.repeats, lambda: bench(_transformers_loss, setup, args.steps),
                                     lambda: bench(_loss, setup, args.steps), "s_per_step", best=min)
    ratio = base["s_per_step"] / ours["s_per_step"]
    print(json.dumps({"chirogate_pretrain_step": ours, "baseline_transformers_labels_loss": base,
                      "speedup_vs_baseline": round(ratio, 3)}, indent=2))
    print(f"chirogate pre-training step: {ours['s_per_step']:.3f} s; transformers labels= loss: "
          f"{base['s_per_step']:.3f} s; {ratio:.2f}x faster (same blocks, same losses: "
          f"{ours['last_loss']} vs {base['last_loss']})")


if __name__ == "__main__":
    main()
