"""Merge a LoRA adapter into its base: the full-weight model that the GGUF export writes."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from registry.errors import InputError

from .chat_template import strip_generation_tags


def merge_adapter(base: str | Path, adapter_dir: str | Path, out_dir: str | Path) -> Path:
    """Load ``base`` in float32, apply the peft adapter, merge it and save model + tokenizer to
    ``out_dir`` (written beside it, then renamed). The saved chat template keeps its generation
    markers (transformers understands them); GGUF export strips them."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter_dir, out = Path(adapter_dir), Path(out_dir)
    if not (adapter_dir / "adapter_config.json").is_file():
        raise InputError(f"{adapter_dir}: not a peft adapter directory (no adapter_config.json)")
    model = AutoModelForCausalLM.from_pretrained(str(base), dtype=torch.float32)
    tok_src = adapter_dir if (adapter_dir / "tokenizer_config.json").is_file() else Path(str(base))
    tok = AutoTokenizer.from_pretrained(str(tok_src))
    merged = PeftModel.from_pretrained(model, str(adapter_dir)).merge_and_unload()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.tmp-"))
    try:
        merged.save_pretrained(tmp)
        tok.save_pretrained(tmp)
        if out.exists():
            shutil.rmtree(out)
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


__all__ = ["merge_adapter", "strip_generation_tags"]
