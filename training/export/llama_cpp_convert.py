"""Optional delegation to llama.cpp's own converter (``convert_hf_to_gguf.py``) from a checkout the
user points at. Nothing of llama.cpp is copied into chirogate.

The converter imports the ``gguf-py`` copy shipped beside it (newer than the PyPI ``gguf`` of the
same version number), so it runs in a subprocess with that copy first on ``PYTHONPATH``. It
refuses BPE pre-tokenizers it does not recognise by hash, which includes the tiny base's own
tokenizer: chirogate's writer is the default for that reason.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from registry.errors import InputError

from .errors import ExportError


def convert_with_llama_cpp(checkout: str | Path, model_dir: str | Path, out_path: str | Path, *,
                           ftype: str = "f32", timeout: float = 3600) -> Path:
    """Run ``<checkout>/convert_hf_to_gguf.py`` on ``model_dir`` and write ``out_path`` (f32/f16)."""
    checkout, out_path = Path(checkout), Path(out_path)
    script = checkout / "convert_hf_to_gguf.py"
    if not script.is_file():
        raise InputError(f"{checkout}: not a llama.cpp checkout (no convert_hf_to_gguf.py)")
    if ftype not in ("f32", "f16"):
        raise InputError(f"llama.cpp converter: unsupported output type {ftype!r} (f32 or f16; quantize afterwards)")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(checkout / "gguf-py"), env.get("PYTHONPATH")) if p)
    fd, tmp = tempfile.mkstemp(dir=out_path.parent, prefix=f".{out_path.name}.tmp-")
    os.close(fd)
    try:
        p = subprocess.run([sys.executable, str(script), str(model_dir), "--outfile", tmp, "--outtype", ftype],
                           capture_output=True, text=True, env=env, timeout=timeout)
        if p.returncode != 0:
            last = (p.stderr.strip().splitlines() or ["no output"])[-1]
            raise ExportError(f"{script}: llama.cpp's converter failed (exit {p.returncode}): {last}")
        os.chmod(tmp, 0o644)
        os.replace(tmp, out_path)
    except subprocess.TimeoutExpired:
        raise ExportError(f"{script}: llama.cpp's converter did not finish within {timeout:.0f} s") from None
    finally:
        Path(tmp).unlink(missing_ok=True)
    return out_path
