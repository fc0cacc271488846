"""The embedded default base: a tiny Llama model with its own byte-level BPE tokenizer, pre-trained
briefly on plain Norwegian clinical text.

No model can be downloaded where chirogate's demo and tests run, so they build one. The base sees
only plain text: each synthetic record's facts followed by the note written from them, packed whole
into blocks. The facts are context, read but not scored: the loss is on the note only, so every
gradient step is about writing the note from what the context says (copying), not about guessing
the next random fact; measured, this halved the tuned model's hallucination rate at the same
compute. Each text in a block attends only to itself (positions restart per text), so a note
can only be copied from its own facts; measured, this cut the tuned model's hallucination rate
from 36 % to 25 % (200 held-out cases) at the same compute. It never sees the chat markup or the
task line, so it does not follow the instruction format by itself (which document to write, for
which system prompt) and the LoRA fine-tune has something to teach. Hidden and intermediate sizes
are multiples of 256 so that llama.cpp's k-quants (Q4_K_M) really apply.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from registry.errors import InputError

from .chat_template import CHATML_TRAINING, EOS, IM_END, IM_START
from .profiles import TinyConfig, tiny_config

SPECIAL_TOKENS = (EOS, IM_START, IM_END)
INFO_FILE = "chirogate_tiny.json"

#: A pre-training text: plain text (every token scored) or ``(context, text)`` (context read, not scored).
Text = str | tuple[str, str]


def build_tokenizer(texts: list[str], vocab_size: int):
    """A byte-level BPE tokenizer (GPT-2 pre-tokenizer) trained on ``texts``, as a transformers fast
    tokenizer with the ChatML training template (``{% generation %}`` around assistant turns)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    # GPT-2's pre-tokenizer regex: llama.cpp knows it as tokenizer.ggml.pre = "gpt-2".
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(SPECIAL_TOKENS),
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(texts, trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, eos_token=IM_END, pad_token=EOS,
                                   clean_up_tokenization_spaces=False, model_max_length=4096)
    fast.chat_template = CHATML_TRAINING
    return fast


def build_tiny_base(out_dir: str | Path, texts: Sequence[Text], *, profile: str = "small",
                    config: TinyConfig | None = None, progress: bool = True) -> Path:
    """Build the tiny base into ``out_dir`` (a Hugging Face model dir with tokenizer and chat
    template) and return it.

    ``texts`` is plain clinical text: strings, or ``(context, text)`` pairs whose context is read
    but not scored (``training.data.synth.plain_texts``). Pre-training runs a fixed
    number of steps from ``profile`` (or ``config``). The directory appears only when complete
    (built beside it, then renamed). A ``chirogate_tiny.json`` records config, loss curve and time.
    """
    import torch
    from transformers import GenerationConfig, LlamaForCausalLM

    cfg = config or tiny_config(profile)
    out = Path(out_dir)
    texts = [t for t in (_as_pair(x) for x in texts) if t[1].strip()]
    if len(texts) < 10:
        raise InputError(f"{out}: need at least 10 non-empty training texts for the tiny base, got {len(texts)}")
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: output directory exists and is not empty")
    t0 = time.perf_counter()
    torch.manual_seed(cfg.seed)
    tokenizer = build_tokenizer([c + t for c, t in texts], cfg.vocab_size)
    ids, labels, positions = _pack(tokenizer, texts, cfg.seq_len)
    model = LlamaForCausalLM(llama_config(cfg, tokenizer))
    curve = _pretrain(model, ids, labels, positions, cfg, progress)
    model.generation_config = GenerationConfig(
        eos_token_id=[tokenizer.convert_tokens_to_ids(IM_END), tokenizer.convert_tokens_to_ids(EOS)],
        pad_token_id=tokenizer.pad_token_id, do_sample=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        info = {"kind": "chirogate-tiny-base", "profile": profile, "config": cfg.__dict__,
                "n_params": sum(p.numel() for p in model.parameters()), "n_texts": len(texts),
                "n_blocks": int(ids.shape[0]), "loss_curve": curve, "wall_s": round(time.perf_counter() - t0, 2)}
        (tmp / INFO_FILE).write_text(json.dumps(info, indent=2), "utf-8")
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def llama_config(cfg: TinyConfig, tokenizer):
    """The transformers ``LlamaConfig`` of a tiny base of shape ``cfg`` with ``tokenizer``."""
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=cfg.hidden_size, intermediate_size=cfg.intermediate_size,
        num_hidden_layers=cfg.num_layers, num_attention_heads=cfg.num_heads, num_key_value_heads=cfg.num_kv_heads,
        max_position_embeddings=cfg.max_position, rms_norm_eps=1e-5, rope_theta=10000.0,
        tie_word_embeddings=False, bos_token_id=tokenizer.convert_tokens_to_ids(EOS),
        eos_token_id=tokenizer.convert_tokens_to_ids(IM_END), pad_token_id=tokenizer.pad_token_id,
    )


def _as_pair(text: Text) -> tuple[str, str]:
    """``(context, text)`` of a pre-training text (a plain string has no unscored context)."""
    if isinstance(text, str):
        return "", text
    if isinstance(text, tuple) and len(text) == 2 and all(isinstance(x, str) for x in text):
        return text
    raise InputError(f"a pre-training text must be a string or a (context, text) pair, got {type(text).__name__}")


def _pack(tokenizer, texts: Sequence[tuple[str, str]], seq_len: int):
    """``(context, text)`` pairs packed whole into ``seq_len`` blocks, each ended by ``<|endoftext|>``.

    A pair is never split across blocks unless it is longer than a block itself (then it is cut
    into block-sized pieces), so a record's facts and the note written from them are seen together
    (the base learns to copy from earlier in its context). Context and text are tokenized apart
    (the text's tokens are then the ones the model writes after a chat turn's header).

    Returns ``(ids, labels, positions)``: context tokens and the unused tail of a block (padding)
    have label -100; positions restart at 0 where each text (or piece) begins. Given those
    positions and no attention mask, transformers attends within each text only (a block-diagonal
    causal mask, see :func:`_hidden`): a note is written from its own facts, never from the
    previous record's in the same block, and at the positions a prompt has at inference."""
    import torch

    eos = tokenizer.convert_tokens_to_ids(EOS)
    blocks: list[tuple[list[int], list[int], list[int]]] = []
    ids_: list[int] = []
    labels_: list[int] = []
    pos_: list[int] = []
    for context, text in texts:
        ctx = tokenizer(context, add_special_tokens=False)["input_ids"] if context else []
        body = tokenizer(text, add_special_tokens=False)["input_ids"] + [eos]
        ids, labels = ctx + body, [-100] * len(ctx) + body
        for i in range(0, len(ids), seq_len):
            piece = ids[i:i + seq_len]
            if len(ids_) + len(piece) > seq_len:
                blocks.append((ids_, labels_, pos_))
                ids_, labels_, pos_ = [], [], []
            ids_ += piece
            labels_ += labels[i:i + seq_len]
            pos_ += range(len(piece))
    if ids_:
        blocks.append((ids_, labels_, pos_))
    n_tokens = sum(len(b) for b, _, _ in blocks)
    if n_tokens < seq_len:  # every text ends with a scored end token, so any block has scored tokens
        raise InputError(f"the training texts give {n_tokens} tokens, fewer than one block of {seq_len}")
    ids = torch.full((len(blocks), seq_len), eos, dtype=torch.long)
    labels = torch.full((len(blocks), seq_len), -100, dtype=torch.long)
    positions = torch.empty((len(blocks), seq_len), dtype=torch.long)
    for i, (b, lab, pos) in enumerate(blocks):
        ids[i, :len(b)] = torch.tensor(b)
        labels[i, :len(lab)] = torch.tensor(lab)
        positions[i] = torch.tensor(pos + list(range(seq_len - len(pos))))  # padding: one more (unscored) text
    return ids, labels, positions


def _hidden(model, ids, positions):
    """The last hidden states of packed blocks, each text attending only to itself.

    transformers builds a block-diagonal causal mask from position ids that restart, but only with
    no attention mask and no cache (hence ``use_cache=False``, which training mode would not imply).
    """
    return model.model(input_ids=ids, position_ids=positions, use_cache=False).last_hidden_state


def _loss(model, ids, labels, positions):
    """The pre-training loss over packed blocks: the causal-LM loss (mean cross-entropy over the
    scored tokens, as ``labels=`` would give), with the output layer applied at scored positions
    only. Only about a third of a block is scored (the rest is facts and padding); skipping the
    others' vocabulary-wide logits makes a step 1.17x faster (``bench/bench_pretrain.py``)."""
    import torch

    target = labels[:, 1:]
    scored = target != -100
    logits = model.lm_head(_hidden(model, ids, positions)[:, :-1][scored])
    return torch.nn.functional.cross_entropy(logits.float(), target[scored])


def _pretrain(model, blocks, block_labels, block_positions, cfg: TinyConfig, progress: bool) -> list[list[float]]:
    """Plain causal-LM pre-training for a fixed number of steps; returns ``[[step, loss], ...]``."""
    import torch
    from tqdm import tqdm

    gen = torch.Generator().manual_seed(cfg.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.learning_rate, weight_decay=0.01, betas=(0.9, 0.95))

    def lr_at(step: int) -> float:
        if step < cfg.warmup_steps:
            return (step + 1) / cfg.warmup_steps
        frac = (step - cfg.warmup_steps) / max(1, cfg.steps - cfg.warmup_steps)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    model.train()
    curve: list[list[float]] = []
    bar = tqdm(range(cfg.steps), desc="pre-training tiny base", disable=not progress, leave=False)
    running = None
    for step in bar:
        idx = torch.randint(0, blocks.shape[0], (cfg.batch_size,), generator=gen)
        loss = _loss(model, blocks[idx], block_labels[idx], block_positions[idx])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad(set_to_none=True)
        value = float(loss.detach())
        running = value if running is None else 0.9 * running + 0.1 * value
        if step % 10 == 0 or step == cfg.steps - 1:
            curve.append([step, round(value, 4)])
            bar.set_postfix(loss=f"{running:.3f}")
    model.eval()
    return curve


def is_tiny_base(path: str | Path) -> bool:
    """True if ``path`` is a base built by :func:`build_tiny_base`."""
    return (Path(path) / INFO_FILE).is_file()


# ---- the shipped base ------------------------------------------------------------------------------

#: The base the demo and the test fixtures fine-tune, built once by ``chirogate base build-tiny`` and
#: shipped in the package: pre-training it in every demo took most of the demo's time, and CPU
#: pre-training is not bit-reproducible across processors, so each machine got a different base.
SHIPPED_BASE_DIR = Path(__file__).resolve().parent / "tiny_base"
MANIFEST_FILE = "MANIFEST.json"


def shipped_manifest(base_dir: str | Path = SHIPPED_BASE_DIR) -> dict:
    """The shipped base's manifest: ``files`` (name -> ``sha256:...``), ``recipe`` (corpus records and
    seed, profile, steps), ``command`` (the exact build command) and what was measured on it."""
    path = Path(base_dir) / MANIFEST_FILE
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: the shipped tiny base has no manifest (is the package complete?)") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None


def verify_base(base_dir: str | Path = SHIPPED_BASE_DIR) -> list[str]:
    """The problems of a shipped base directory: every file the manifest lists must be there with its
    recorded sha256. An empty list means the bytes are exactly the ones that were measured."""
    from registry.hashing import hash_file

    base = Path(base_dir)
    files = shipped_manifest(base).get("files")
    if not isinstance(files, dict) or not files:
        return [f"{base / MANIFEST_FILE}: field 'files': missing or empty"]
    problems = []
    for name, digest in sorted(files.items()):
        f = base / name
        if not f.is_file():
            problems.append(f"{f}: missing")
        elif hash_file(f) != digest:
            problems.append(f"{f}: sha256 {hash_file(f)[7:19]} differs from the manifest's {str(digest)[7:19]}")
    return problems


def shipped_base(base_dir: str | Path = SHIPPED_BASE_DIR) -> Path:
    """The shipped tiny base directory, after checking every file against its manifest's sha256
    (a changed file raises :class:`InputError` naming it: the demo's numbers were measured on
    these bytes)."""
    problems = verify_base(base_dir)
    if problems:
        raise InputError("the shipped tiny base does not match its manifest: " + "; ".join(problems))
    return Path(base_dir)


def write_manifest(base_dir: str | Path, *, recipe: dict, command: str, measured: dict | None = None) -> Path:
    """Write ``MANIFEST.json`` into a built base: the sha256 of every file in it, the recipe and
    command that built it and what was measured on it (run once, when a new base is shipped)."""
    from registry.hashing import hash_file

    base = Path(base_dir)
    files = {f.name: hash_file(f) for f in sorted(base.iterdir()) if f.is_file() and f.name != MANIFEST_FILE}
    doc = {"kind": "chirogate-tiny-base-manifest", "command": command, "recipe": recipe, "files": files,
           "measured": measured or {}}
    tmp = base / f".{MANIFEST_FILE}.tmp"
    tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", "utf-8")
    os.replace(tmp, base / MANIFEST_FILE)
    return base / MANIFEST_FILE
