"""Quantize a GGUF file through llama.cpp (llama-cpp-python's ``llama_model_quantize``)."""

from __future__ import annotations

from pathlib import Path

from registry.errors import InputError
from registry.files import atomic_path

# name -> (llama_ftype constant name, block width every row length must be divisible by)
QUANT_TYPES = {
    "q8_0": ("LLAMA_FTYPE_MOSTLY_Q8_0", 32),
    "q4_k_m": ("LLAMA_FTYPE_MOSTLY_Q4_K_M", 256),
    "q5_k_m": ("LLAMA_FTYPE_MOSTLY_Q5_K_M", 256),
    "q6_k": ("LLAMA_FTYPE_MOSTLY_Q6_K", 256),
}


def check_quantizable(row_lengths: dict[str, int], quant: str) -> None:
    """Refuse a quantization the shapes cannot take: llama.cpp silently falls back to another type
    for rows not divisible by the block width, so the file would not be what its name says."""
    if quant not in QUANT_TYPES:
        raise InputError(f"unsupported quantization {quant!r}: expected f32, f16 or one of {', '.join(QUANT_TYPES)}")
    block = QUANT_TYPES[quant][1]
    bad = sorted(n for n, k in row_lengths.items() if k % block)
    if bad:
        raise InputError(f"quantization {quant} needs every weight row to be a multiple of {block} values; "
                         f"{len(bad)} tensors are not (e.g. '{bad[0]}': {row_lengths[bad[0]]})")


def gguf_row_lengths(path: str | Path) -> dict[str, int]:
    """``{tensor name: row length}`` of the 2-D weights in a GGUF file."""
    import gguf

    r = gguf.GGUFReader(str(path))
    return {t.name: int(t.shape[0]) for t in r.tensors if len(t.shape) == 2}


def quantize(src: str | Path, dest: str | Path, quant: str, *, threads: int = 0) -> Path:
    """Quantize GGUF ``src`` (f32/f16) to ``dest`` as ``quant`` (q8_0, q4_k_m, ...).

    The shapes are checked first; the output appears only when llama.cpp succeeded.
    """
    import ctypes

    import llama_cpp

    src, dest = Path(src), Path(dest)
    check_quantizable(gguf_row_lengths(src), quant)
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, QUANT_TYPES[quant][0])
    params.nthread = threads
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(dest) as tmp:
        rc = llama_cpp.llama_model_quantize(str(src).encode(), str(tmp).encode(), ctypes.byref(params))
        if rc != 0:
            raise InputError(f"{src}: llama.cpp could not quantize to {quant} (code {rc})")
    return dest
