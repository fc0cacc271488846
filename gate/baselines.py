"""Registering a system-prompt baseline: the base model plus a system prompt a fine-tune must beat.

Used by ``chirogate baseline add`` and by the demo (both sit above this module).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from registry import Registry
from registry.errors import InputError, NotFoundError

_QUANT = re.compile(r"(?i)\b(f32|f16|bf16|q8_0|q6_k|q5_k_m|q5_k_s|q5_0|q4_k_m|q4_k_s|q4_0|q3_k_m|q2_k)\b")


def render_baseline_modelfile(from_: str, system_prompt: str) -> str:
    """An Ollama Modelfile for a baseline: ``FROM`` the base and ``SYSTEM`` the prompt, greedy decoding."""
    if '"""' in system_prompt:
        raise InputError('the system prompt contains """, which an Ollama Modelfile cannot quote')
    return (f"FROM {from_}\n"
            f'SYSTEM """{system_prompt}"""\n'
            "PARAMETER temperature 0\n"
            "PARAMETER top_k 1\n")


def _quant_from_name(name: str) -> str | None:
    m = _QUANT.search(name.replace(".", " ").replace("-", " "))
    return m.group(1).lower() if m else None


def register_baseline(reg: Registry, name: str, *, base: str, system_prompt: str, family: str | None = None,
                      gguf: Path | None = None, quantization: str | None = None,
                      make_default: bool | None = None):
    """Register baseline ``name`` = ``base`` + ``system_prompt`` in one transaction; return ``(model, family baseline)``.

    The GGUF (for llama.cpp) is ``gguf``, else ``base`` when it is a GGUF file, else the newest GGUF
    of ``base`` when it names a registered model. An Ollama Modelfile (FROM + SYSTEM) is stored
    with it. ``FAMILY@baseline`` is pointed at the new baseline when ``make_default`` is true, or
    when it is None and the family has no baseline yet.
    """
    system_prompt = system_prompt.strip()
    if not system_prompt:
        raise InputError("the system prompt is empty")
    base_model = None
    try:
        base_model = reg.resolve(base)
    except NotFoundError:
        pass
    if family is None:
        if base_model is None:
            raise InputError(f"--family is required: --base {base!r} is not a registered model")
        family = base_model.family
    gguf_path: Path | None = Path(gguf) if gguf is not None else None
    if gguf_path is not None and not gguf_path.is_file():
        raise InputError(f"{gguf_path}: GGUF file does not exist")
    if gguf_path is None and base.lower().endswith(".gguf"):
        if not Path(base).is_file():
            raise InputError(f"{base}: GGUF file does not exist")
        gguf_path = Path(base)
    if gguf_path is None and base_model is not None:
        arts = reg.artifacts(base_model.name, "gguf")
        if arts:
            quantization = quantization or arts[-1].quantization
            gguf_path = reg.artifact_path(arts[-1])
    if gguf_path is not None:
        quantization = quantization or _quant_from_name(gguf_path.name)
    text = render_baseline_modelfile(f"./{gguf_path.name}" if gguf_path is not None else base, system_prompt)
    with tempfile.TemporaryDirectory() as tmp:
        mf = Path(tmp) / "Modelfile"
        mf.write_text(text, "utf-8")
        with reg.transaction():
            model = reg.register_model(name, family=family, kind="baseline", base_model=base,
                                       system_prompt=system_prompt, artifacts=[("modelfile", mf)],
                                       notes="system-prompt baseline")
            if gguf_path is not None:
                reg.add_artifact(name, "gguf", gguf_path, quantization=quantization)
            current = reg.alias_target(family, "baseline")
            if make_default or (make_default is None and current is None):
                reg.set_alias(family, "baseline", name, reason="baseline add")
                current = reg.get_model(name)
    return model, current
