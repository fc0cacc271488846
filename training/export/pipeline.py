"""``export_model``: merge a candidate's adapter into its base, write GGUF files (f32/f16 by the
writer, q8_0/q4_k_m/... by llama.cpp), optionally the GGUF LoRA adapter with its base GGUF, the
Ollama Modelfile(s), and register everything with sha256, quantization and lineage.

Everything is written into a staging directory first and checked, registered from there in one
registry transaction, and only then moved into place. A failure registers nothing; a kill after
the commit is finished by the next export's start (see :mod:`registry.publish`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from registry import Registry
from registry.errors import ChirogateError, InputError, NotFoundError

from ..modelfile import go_template_for, modelfile_parameters, render_modelfile
from ..quantize import QUANT_TYPES, check_quantizable
from .errors import ExportError
from .gguf_writer import FLOAT_TYPES, read_shape, write_adapter_gguf, write_gguf

ALL_QUANTS = FLOAT_TYPES + tuple(QUANT_TYPES)


@dataclass
class ExportConfig:
    """``[export]``: defaults of ``chirogate export``."""

    quantize: list[str] = field(default_factory=lambda: ["q8_0"])
    """Quantizations to write; the first is the one the Modelfile points at."""
    temperature: float = 0.2
    """Modelfile ``PARAMETER temperature``."""
    num_ctx: int = 0
    """Modelfile ``PARAMETER num_ctx``; 0: the model's context length, at most 4096."""
    ollama_host: str = ""
    """Ollama server for ``--ollama-create`` (empty: ``$OLLAMA_HOST`` or the client default)."""

    def __post_init__(self):
        bad = [q for q in self.quantize if q not in ALL_QUANTS]
        if bad or not self.quantize:
            raise ValueError(f"field 'quantize': {bad or self.quantize} (expected some of {', '.join(ALL_QUANTS)})")
        if not 0 <= self.temperature <= 2:
            raise ValueError(f"field 'temperature': {self.temperature} is not in [0, 2]")
        if self.num_ctx < 0:
            raise ValueError(f"field 'num_ctx': must be >= 0, got {self.num_ctx}")


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote and registered."""

    model: str
    out_dir: Path
    gguf: dict[str, Path]
    """quantization -> GGUF file of the merged model."""
    modelfile: Path
    adapter_gguf: Path | None = None
    base_gguf: Path | None = None
    adapter_modelfile: Path | None = None
    sha256: dict[str, str] = field(default_factory=dict)
    """file name -> registered sha256."""
    ollama_name: str | None = None


def export_model(reg: Registry, name: str, *, quantize: str | list[str] | tuple[str, ...] = "q8_0",
                 adapter_gguf: bool = False, ollama_create: bool = False, out_dir: str | Path | None = None,
                 system: str | None = None, temperature: float = 0.2, num_ctx: int | None = None,
                 ollama_host: str | None = None, llama_cpp_dir: str | Path | None = None,
                 progress: bool = True) -> ExportResult:
    """Export candidate ``name`` (its registered adapter over its base) as GGUF in each of
    ``quantize`` (f32, f16, q8_0, q4_k_m, ...), plus a Modelfile FROM the first one.

    ``adapter_gguf`` also writes the adapter as a GGUF adapter and the base as GGUF (same first
    quantization) with a second Modelfile (``FROM base``, ``ADAPTER ./adapter.gguf``).
    ``ollama_create`` creates the model on the Ollama server through the official client.
    ``llama_cpp_dir`` writes the float GGUFs with llama.cpp's own converter from that checkout.
    Returns an :class:`ExportResult`; raises a :class:`ChirogateError` and registers nothing on
    bad input or a failed write.
    """
    from ..lora import quiet_libraries
    from ..merge import merge_adapter

    quiet_libraries(progress)
    quants = [quantize] if isinstance(quantize, str) else list(quantize)
    if not quants:
        raise InputError("--quantize: at least one quantization is needed")
    for q in quants:
        if q not in ALL_QUANTS:
            raise InputError(f"--quantize: unsupported quantization {q!r} (expected one of {', '.join(ALL_QUANTS)})")
    quants = list(dict.fromkeys(quants))
    model = reg.get_model(name)
    if model.kind != "candidate":
        raise InputError(f"model '{name}' is a {model.kind}; only fine-tuned candidates are exported")
    adapter_art = reg.latest_artifact(name, "adapter")
    base = model.base_model
    if not Path(base).is_dir():
        raise NotFoundError(f"{base}: base model directory of '{name}' not found (exports need the base on disk)")
    shape = read_shape(Path(base))
    rows = {"hidden_size": shape.hidden, "intermediate_size": shape.ffn}
    for q in quants:
        if q in QUANT_TYPES:
            check_quantizable(rows, q)  # refuse before any work: llama.cpp would silently fall back
    from ..chat_template import has_generation_tags  # noqa: F401  (template is checked by the writer)

    if llama_cpp_dir is not None and not (Path(llama_cpp_dir) / "convert_hf_to_gguf.py").is_file():
        raise InputError(f"{llama_cpp_dir}: not a llama.cpp checkout (no convert_hf_to_gguf.py)")
    lineage = _lineage(reg, name, base, adapter_art)
    out = Path(out_dir) if out_dir else reg.home / "exports" / name
    from registry.files import owned_prefix
    from registry.publish import begin, clean_start, crash_point, finish, settle

    try:
        out.mkdir(parents=True, exist_ok=True)
        # What an export killed earlier left here: its registration finished or undone, its staging removed.
        clean_start("export", out, ".staging-*", reg)
        staging = Path(tempfile.mkdtemp(dir=out, prefix=owned_prefix(".staging-")))
    except OSError as exc:
        raise ExportError(f"{out}: cannot write the export ({exc.strerror})") from None
    try:
        files = _build(reg, staging, name, base, adapter_art, quants, adapter_gguf, shape,
                       system if system is not None else model.system_prompt, temperature,
                       num_ctx or min(shape.ctx, 4096), progress, merge_adapter, llama_cpp_dir)
    except ChirogateError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        reason = _io_failure(exc)
        if reason:
            raise ExportError(f"{out}: writing the export failed ({reason}); nothing was registered") from None
        raise
    # Registered from staging, moved into place after the commit; the journal entry lets the next
    # start finish the moves (or drop the staging) if this process dies in between.
    final = {key: out / p.name for key, p in files.items()}
    publication = None
    try:
        publication = begin(reg, "export", staging, [(p, final[k]) for k, p in files.items()],
                            {"event": "model.export", "subject": name}, replace=True)
        crash_point("export.staged")
        shas = _register(reg, name, files, quants, lineage, publication.proof["publication"])
    except BaseException as exc:
        if publication is not None:
            settle(reg, publication)
        else:
            shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):  # the store could not take the files: the transaction rolled back
            raise ExportError(f"{reg.home}: storing the exported files failed ({exc.strerror or exc}); "
                              "nothing was registered") from None
        raise
    crash_point("export.registered")
    try:
        finish(publication)
    except OSError as exc:
        raise ExportError(f"{out}: the export is registered but its files could not be moved there ({exc}); "
                          f"they are kept in {staging}") from None
    ollama_name = None
    if ollama_create:
        ollama_name = _ollama_create(reg, name, final, quants[0], system or model.system_prompt, temperature,
                                     num_ctx or min(shape.ctx, 4096), ollama_host, adapter_gguf)
    return ExportResult(name, out, {q: final[f"gguf:{q}"] for q in quants}, final["modelfile"],
                        final.get("adapter_gguf"), final.get("base_gguf"), final.get("adapter_modelfile"),
                        shas, ollama_name)


def _build(reg, staging: Path, name, base, adapter_art, quants, adapter_gguf, shape, system, temperature,
           num_ctx, progress, merge_adapter, llama_cpp_dir=None) -> dict[str, Path]:
    from tqdm import tqdm

    from ..quantize import quantize as run_quantize
    from .llama_cpp_convert import convert_with_llama_cpp

    def to_gguf(src, dest, ftype):
        if llama_cpp_dir is not None:
            return convert_with_llama_cpp(llama_cpp_dir, src, dest, ftype=ftype)
        return write_gguf(src, dest, ftype=ftype, name=name)

    steps = ["merge", "f32"] + [q for q in quants if q != "f32"] + (["adapter"] if adapter_gguf else [])
    bar = tqdm(total=len(steps), desc=f"export {name}", disable=not progress, leave=False)
    adapter_dir = reg.artifact_path(adapter_art)
    merged = merge_adapter(base, adapter_dir, staging / "merged")
    bar.update()
    files: dict[str, Path] = {"merged": merged}
    f32 = to_gguf(merged, staging / f"{name}-f32.gguf", "f32")
    bar.update()
    if "f32" in quants:
        files["gguf:f32"] = f32
    for q in quants:
        if q == "f32":
            continue
        dest = staging / f"{name}-{q}.gguf"
        files[f"gguf:{q}"] = to_gguf(merged, dest, "f16") if q == "f16" else run_quantize(f32, dest, q)
        bar.update()
    chat_template = _chat_template(merged)
    go_template_for(chat_template)  # an unknown template family fails here, before anything is published
    first = quants[0]
    mf = staging / "Modelfile"
    mf.write_text(render_modelfile(from_=f"./{files[f'gguf:{first}'].name}", chat_template=chat_template,
                                   system=system, temperature=temperature, num_ctx=num_ctx), "utf-8")
    files["modelfile"] = mf
    if adapter_gguf:
        files["adapter_gguf"] = write_adapter_gguf(adapter_dir, base, staging / "adapter.gguf")
        base_f32 = write_gguf(base, staging / f"base-{first}.gguf" if first == "f32" else staging / "base-f32.gguf",
                              ftype="f32", name=Path(base).name)
        if first == "f32":
            files["base_gguf"] = base_f32
        elif first == "f16":
            files["base_gguf"] = write_gguf(base, staging / "base-f16.gguf", ftype="f16", name=Path(base).name)
            base_f32.unlink()
        else:
            files["base_gguf"] = run_quantize(base_f32, staging / f"base-{first}.gguf", first)
            base_f32.unlink()
        amf = staging / "Modelfile.adapter"
        amf.write_text(render_modelfile(from_=f"./{files['base_gguf'].name}", adapter="./adapter.gguf",
                                        chat_template=chat_template, system=system, temperature=temperature,
                                        num_ctx=num_ctx), "utf-8")
        files["adapter_modelfile"] = amf
        bar.update()
    if "f32" not in quants:
        f32.unlink()
    bar.close()
    return files


def _io_failure(exc: BaseException) -> str | None:
    """A short reason if ``exc`` is a failed write (disk full, file too large, read-only, ...).

    Python raises OSError; safetensors and other native writers wrap the OS error in their own
    exception whose text ends in ``(os error N)``."""
    import re

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError):
            return seen.strerror or str(seen)
        m = re.search(r"os error (\d+)", str(seen))
        if m:
            return os.strerror(int(m.group(1)))
        seen = seen.__cause__ or seen.__context__
    return None


def _chat_template(model_dir: Path) -> str | None:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(model_dir)).chat_template


def _lineage(reg: Registry, name: str, base: str, adapter_art) -> dict:
    from registry.training import runs_for_model

    runs = [r for r in runs_for_model(reg, name) if r.status == "succeeded"]
    run = runs[-1] if runs else None
    return {
        "base_model": base, "adapter_sha256": adapter_art.sha256,
        "training_run": run.id if run else adapter_art.meta.get("training_run"),
        "dataset": (run.dataset_fingerprint or run.config.get("dataset_card_fingerprint")) if run
        else adapter_art.meta.get("dataset"),
    }


def _register(reg: Registry, name: str, final: dict[str, Path], quants: list[str], lineage: dict,
              publication: str | None = None) -> dict[str, str]:
    """Register every exported file in one transaction (lineage in each artifact's meta); the
    export event names the ``publication`` (journal entry) that moves the files into place."""
    shas: dict[str, str] = {}
    with reg.transaction():
        merged = reg.add_artifact(name, "merged", final["merged"], meta=dict(lineage))
        shas[final["merged"].name] = merged.sha256
        src = {**lineage, "merged_sha256": merged.sha256}
        # the first quantization (the Modelfile's FROM) is registered last: it is the model's current GGUF,
        # the one the backends load by default and the one promotion requires evidence on
        for q in reversed(quants):
            a = reg.add_artifact(name, "gguf", final[f"gguf:{q}"], quantization=q, meta={**src, "role": "merged"})
            shas[final[f"gguf:{q}"].name] = a.sha256
        mf = reg.add_artifact(name, "modelfile", final["modelfile"], quantization=quants[0],
                              meta={**src, "from": shas[final[f"gguf:{quants[0]}"].name]})
        shas["Modelfile"] = mf.sha256
        if "adapter_gguf" in final:
            ag = reg.add_artifact(name, "gguf-adapter", final["adapter_gguf"], meta=dict(lineage))
            # the base GGUF belongs to no model: backends that pick a candidate's GGUF must not find it
            bg = reg.add_artifact(None, "gguf", final["base_gguf"], quantization=quants[0],
                                  meta={"role": "adapter-base", "for_model": name, "base_model": lineage["base_model"]})
            amf = reg.add_artifact(name, "modelfile", final["adapter_modelfile"], quantization=quants[0],
                                   meta={**lineage, "from": bg.sha256, "adapter": ag.sha256})
            shas.update({"adapter.gguf": ag.sha256, final["base_gguf"].name: bg.sha256,
                         "Modelfile.adapter": amf.sha256})
        reg.record_event("model.export", name, {"quantizations": quants, "files": shas,
                                                 "lineage": lineage, "publication": publication})
    return shas


def _ollama_create(reg, name, final, first, system, temperature, num_ctx, host, adapter_gguf) -> str:
    from ..ollama_push import create_model

    chat_template = _chat_template(final["merged"])
    template, _ = go_template_for(chat_template)
    params = modelfile_parameters(chat_template, temperature=temperature, num_ctx=num_ctx)
    if adapter_gguf:
        create_model(name, final["base_gguf"], adapter_file=final["adapter_gguf"], template=template, system=system,
                     parameters=params, host=host)
    else:
        create_model(name, final[f"gguf:{first}"], template=template, system=system, parameters=params, host=host)
    reg.set_ollama_name(name, name)
    return name


def read_export_info(path: str | Path) -> dict:
    """The JSON a ``--json`` export prints (kept here so the CLI stays thin)."""
    return json.loads(Path(path).read_text("utf-8"))
