"""Training settings: the tiny base model's shape and pre-training schedule, and the LoRA/QLoRA
fine-tune settings (the clinic's medical-optimised defaults plus the fast ``tiny`` profile).

``[train]`` in chirogate.toml is a :class:`TrainConfig` (a ``profile`` key picks the starting point,
the other keys override it). The tiny base's shape is chosen by profile (``chirogate base build-tiny
--profile``, ``--steps``), not by config.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

#: Synthetic records the tiny base is pre-trained on (the demo, the tests, ``base build-tiny``). With
#: 1,500 records, 1,200 steps are 15 passes and the base learns the records' ages by heart; with
#: 4,000 it copies the age from the facts in 29 of 60 probes instead of 8.
TINY_CORPUS_RECORDS = 4000

LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass
class TinyConfig:
    """Shape and pre-training schedule of the embedded tiny Llama base."""

    vocab_size: int = 4096
    """BPE vocabulary size (including the three special tokens); 4096 keeps clinical words and
    numbers whole, so a fact is fewer tokens to copy."""
    hidden_size: int = 256
    """Multiple of 256, so llama.cpp's k-quants (Q4_K_M) apply to every row."""
    intermediate_size: int = 512
    """MLP width; multiple of 256 for the same reason."""
    num_layers: int = 2
    """Two layers, not four: a step costs about half, so the same minutes buy twice the steps, and
    measured (200 held-out cases, same time) the tuned model invents facts less (25 % -> 18-19 %)."""
    num_heads: int = 8
    num_kv_heads: int = 8
    max_position: int = 512
    seq_len: int = 384
    """Tokens per pre-training block: whole texts (facts + note, ~180 tokens) packed, never split."""
    batch_size: int = 8
    steps: int = 2400
    """Fixed number of pre-training steps (the machine's speed varies, so no time budget). The shipped
    base (``training/tiny_base/``) was built with this count; see its MANIFEST.json."""
    learning_rate: float = 2e-3
    warmup_steps: int = 20
    seed: int = 0

    def __post_init__(self):
        for name in ("hidden_size", "intermediate_size"):
            v = getattr(self, name)
            if v <= 0 or v % 256:
                raise ValueError(f"field '{name}': {v} is not a positive multiple of 256")
        if self.hidden_size % self.num_heads:
            raise ValueError(f"field 'num_heads': {self.num_heads} does not divide hidden_size {self.hidden_size}")
        if self.num_heads % self.num_kv_heads:
            raise ValueError(f"field 'num_kv_heads': {self.num_kv_heads} does not divide num_heads {self.num_heads}")
        for name in ("vocab_size", "num_layers", "seq_len", "batch_size", "steps", "max_position"):
            if getattr(self, name) <= 0:
                raise ValueError(f"field '{name}': must be > 0, got {getattr(self, name)}")
        if self.vocab_size < 300:
            raise ValueError(f"field 'vocab_size': {self.vocab_size} is below the 256 byte symbols + specials")
        if not 0 < self.learning_rate < 1:
            raise ValueError(f"field 'learning_rate': {self.learning_rate} is not in (0, 1)")


TINY_PROFILES: dict[str, dict] = {
    # the shipped base (training/tiny_base/) that the demo and the tests fine-tune: 2,400 steps of
    # 8 x 384 tokens, ~11 min on 2 cores, done once and shipped instead of in every demo
    "small": {},
    # a longer base for a hand-made run (twice the steps)
    "demo": {"steps": 4800},
    # a smoke run (seconds): shapes and plumbing only, the model learns little
    "quick": {"steps": 40},
}


def tiny_config(profile: str = "small", **overrides) -> TinyConfig:
    """The :class:`TinyConfig` of a named profile, with ``overrides`` applied."""
    if profile not in TINY_PROFILES:
        raise ValueError(f"unknown tiny profile {profile!r}: expected one of {', '.join(TINY_PROFILES)}")
    return TinyConfig(**{**TINY_PROFILES[profile], **overrides})


@dataclass
class TrainConfig:
    """LoRA / QLoRA fine-tune settings. Defaults: the clinic's medical-optimised recipe."""

    profile: str = "default"
    """``default`` (the clinic's recipe) or ``tiny`` (fast fixed-step run for the embedded tiny base)."""
    lora_r: int = 16
    lora_alpha: int = 16
    lora_dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: list(LORA_TARGETS))
    learning_rate: float = 2e-4
    lr_scheduler: str = "linear"
    warmup_steps: int = 50
    batch_size: int = 4
    grad_accum: int = 4
    epochs: float = 3.0
    max_steps: int = -1
    """> 0: train exactly this many optimizer steps (tests, demo) instead of ``epochs``."""
    eval_steps: int = 0
    """With ``max_steps``: evaluate and checkpoint every this many steps (0: once at the end)."""
    weight_decay: float = 0.01
    max_grad_norm: float = 0.3
    gradient_checkpointing: bool = True
    bf16: str = "auto"
    """``auto`` (on where the device supports it), ``on`` or ``off``."""
    optim: str = "auto"
    """``auto``: adamw_8bit on CUDA, adamw_torch otherwise; or any transformers optimizer name."""
    max_length: int = 1024
    qlora: str = "auto"
    """``on``: 4-bit nf4 base with double quantisation; ``auto``: on only with CUDA; ``off``."""
    save_total_limit: int = 2
    logging_steps: int = 10
    seed: int = 42

    def __post_init__(self):
        if self.profile not in TRAIN_PROFILES:
            raise ValueError(f"field 'profile': unknown {self.profile!r}, expected one of {', '.join(TRAIN_PROFILES)}")
        for name in ("qlora", "bf16"):
            if getattr(self, name) not in ("auto", "on", "off"):
                raise ValueError(f"field '{name}': expected auto, on or off, got {getattr(self, name)!r}")
        if self.lora_r <= 0 or self.lora_alpha <= 0:
            raise ValueError(f"field 'lora_r'/'lora_alpha': must be > 0, got {self.lora_r}/{self.lora_alpha}")
        if not 0 <= self.lora_dropout < 1:
            raise ValueError(f"field 'lora_dropout': {self.lora_dropout} is not in [0, 1)")
        if not 0 < self.learning_rate < 1:
            raise ValueError(f"field 'learning_rate': {self.learning_rate} is not in (0, 1)")
        if self.batch_size <= 0 or self.grad_accum <= 0:
            raise ValueError(f"field 'batch_size'/'grad_accum': must be > 0, got {self.batch_size}/{self.grad_accum}")
        if self.max_steps <= 0 and self.epochs <= 0:
            raise ValueError("field 'epochs': must be > 0 when max_steps is not set")
        if not self.target_modules:
            raise ValueError("field 'target_modules': at least one module is needed")
        self.target_modules = list(self.target_modules)


TRAIN_PROFILES: dict[str, dict] = {
    "default": {},
    # the embedded tiny base: a rate low enough to keep the base's copying (measured on 200 held-out
    # cases: 3e-3 invents facts in 19 %, 1e-3 in 9.5 %, 5e-4 in 5.5 %; the higher rates unlearn how
    # to copy the age), at some cost to the document format (docs/architecture.md); no gradient
    # checkpointing (it costs ~55 % more time per step on CPU and saves nothing that matters at this
    # size); fixed step count
    "tiny": {"lora_r": 16, "lora_alpha": 32, "lora_dropout": 0.0, "learning_rate": 5e-4, "warmup_steps": 10,
             "batch_size": 8, "grad_accum": 1, "max_steps": 200, "eval_steps": 100,
             "gradient_checkpointing": False, "max_length": 384, "logging_steps": 5},
}


def train_config(profile: str = "default", **overrides) -> TrainConfig:
    """The :class:`TrainConfig` of a named profile, with ``overrides`` (None values ignored) applied."""
    if profile not in TRAIN_PROFILES:
        raise ValueError(f"unknown training profile {profile!r}: expected one of {', '.join(TRAIN_PROFILES)}")
    clean = {k: v for k, v in overrides.items() if v is not None}
    return TrainConfig(**{**TRAIN_PROFILES[profile], **clean, "profile": profile})


def with_profile(cfg: TrainConfig) -> TrainConfig:
    """Apply ``cfg.profile``'s settings under the keys that ``cfg`` set away from the defaults."""
    default = TrainConfig()
    explicit = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg)
                if getattr(cfg, f.name) != getattr(default, f.name) and f.name != "profile"}
    return train_config(cfg.profile, **explicit)
