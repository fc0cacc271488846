"""``chirogate base build-tiny``, ``chirogate train`` and ``chirogate export``."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click

from registry import Registry
from registry.errors import InputError
from training.profiles import TINY_CORPUS_RECORDS, TINY_PROFILES

from .output import json_option, print_json, print_table

_progress = click.option("--progress/--no-progress", default=None,
                         help="Show progress bars (default: when stderr is a terminal).")


def _show_progress(flag: bool | None) -> bool:
    """Progress on when asked, or when stderr is a terminal. Library deprecation chatter (transformers'
    and peft's FutureWarnings about renamed arguments) is not for the user of this command."""
    import warnings

    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    return sys.stderr.isatty() if flag is None else flag


@click.group()
def base() -> None:
    """Base models: build the embedded tiny default base."""


@base.command("build-tiny")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write the base into (must not exist or be empty).")
@click.option("--profile", type=click.Choice(sorted(TINY_PROFILES)), default="small", show_default=True,
              help="Pre-training schedule.")
@click.option("--texts", "texts_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Plain-text corpus: one text per line, or .jsonl with one {\"text\": ...} per line, "
                   "optionally with a \"context\" that is read but not scored "
                   "(default: the synthetic clinical corpus).")
@click.option("--n-records", default=TINY_CORPUS_RECORDS, show_default=True, help="Synthetic records to pre-train on.")
@click.option("--seed", default=7, show_default=True, help="Seed of the synthetic corpus.")
@click.option("--steps", type=int, help="Override the profile's pre-training step count.")
@_progress
@json_option
def build_tiny(out_dir, profile, texts_file, n_records, seed, steps, progress, as_json):
    """Build the tiny Llama base (tokenizer + model + ChatML template) pre-trained on plain text."""
    from training.profiles import tiny_config
    from training.tiny import INFO_FILE, build_tiny_base

    texts = _read_texts(texts_file) if texts_file else synthetic_texts(n_records, seed)
    cfg = tiny_config(profile, **({"steps": steps} if steps else {}))
    out = build_tiny_base(out_dir, texts, profile=profile, config=cfg, progress=_show_progress(progress))
    info = json.loads((out / INFO_FILE).read_text("utf-8"))
    summary = {"path": str(out), "n_params": info["n_params"], "steps": cfg.steps,
               "final_loss": info["loss_curve"][-1][1], "wall_s": info["wall_s"]}
    if as_json:
        print_json(summary)
    else:
        print_table("tiny base", list(summary), [list(summary.values())])


def synthetic_texts(n: int, seed: int) -> list[tuple[str, str]]:
    """``(facts, note)`` plain clinical texts from the synthetic corpus (no PII, no canaries)."""
    from training.data.synth import pretraining_texts

    return pretraining_texts(n, seed)


def _read_texts(path: Path) -> list[str | tuple[str, str]]:
    """One text per line; a ``.jsonl`` file holds one ``{"text": ...}`` object per line (multi-line
    texts), with an optional ``"context"`` the base reads but is not scored on."""
    from registry.jsonl import read_jsonl

    if not path.is_file():
        raise InputError(f"{path}: texts file does not exist")
    if path.suffix.lower() == ".jsonl":
        texts = []
        for no, obj in read_jsonl(path):
            if not isinstance(obj.get("text"), str):
                raise InputError.at(path, "expected an object with a string 'text'", line=no, field="text")
            if "context" in obj and not isinstance(obj["context"], str):
                raise InputError.at(path, "'context' must be a string", line=no, field="context")
            texts.append((obj["context"], obj["text"]) if "context" in obj else obj["text"])
        return texts
    try:
        return [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None


@click.command()
@click.option("--base", "base_model", required=True, help="Base model directory or hub id.")
@click.option("--dataset", required=True, help="Dataset fingerprint in the registry, or a prepared dataset directory.")
@click.option("--name", required=True, help="Name of the new candidate model, e.g. chiro-no-v2.")
@click.option("--family", help="Family (default: NAME without its -vN suffix).")
@click.option("--qlora", type=click.Choice(["auto", "on", "off"]), help="4-bit QLoRA (auto: on with CUDA).")
@click.option("--profile", type=click.Choice(["default", "tiny"]), help="Settings profile (config [train] profile).")
@click.option("--max-steps", type=int, help="Train exactly this many optimizer steps.")
@click.option("--epochs", type=float, help="Epochs (when --max-steps is not given).")
@click.option("--lr", "learning_rate", type=float, help="Learning rate.")
@click.option("--lora-r", type=int, help="LoRA rank.")
@click.option("--lora-alpha", type=int, help="LoRA alpha.")
@click.option("--batch-size", type=int, help="Per-device batch size.")
@click.option("--grad-accum", type=int, help="Gradient accumulation steps.")
@click.option("--eval-steps", type=int, help="With --max-steps: evaluate and checkpoint every N steps.")
@click.option("--out", "output_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Checkpoint directory (default: $CHIROGATE_HOME/training/NAME).")
@click.option("--resume", is_flag=True, help="Continue from the last checkpoint in the checkpoint directory.")
@click.option("--method", type=click.Choice(["sft", "dpo"]), default="sft", show_default=True,
              help="sft: learn the answers (DPO data: the chosen ones); dpo: prefer chosen over rejected "
                   "(needs the preference split that data prepare writes for DPO records).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="chirogate.toml.")
@_progress
@json_option
def train(base_model, dataset, name, family, qlora, profile, max_steps, epochs, learning_rate, lora_r, lora_alpha,
          batch_size, grad_accum, eval_steps, output_dir, resume, method, config_path, progress, as_json):
    """Fine-tune a base with LoRA (SFT or DPO) on a dataset and register the adapter as candidate NAME."""
    from gate.config import load_config
    from training.lora import train as run_train
    from training.profiles import TrainConfig, train_config

    from_file = load_config(config_path).section("train", TrainConfig)
    default = TrainConfig()
    explicit = {f.name: getattr(from_file, f.name) for f in dataclasses.fields(TrainConfig)
                if f.name != "profile" and getattr(from_file, f.name) != getattr(default, f.name)}
    flags = {"qlora": qlora, "max_steps": max_steps, "epochs": epochs, "learning_rate": learning_rate,
             "lora_r": lora_r, "lora_alpha": lora_alpha, "batch_size": batch_size, "grad_accum": grad_accum,
             "eval_steps": eval_steps}
    try:
        cfg = train_config(profile or from_file.profile, **{**explicit, **{k: v for k, v in flags.items() if v is not None}})
    except ValueError as exc:
        raise InputError(f"training settings: {exc}") from None
    with Registry() as reg:
        res = run_train(reg, base=base_model, dataset=dataset, name=name, config=cfg, resume=resume,
                        progress=_show_progress(progress), family=family, output_dir=output_dir, method=method)
    summary = {"model": res.model, "run_id": res.run_id, "adapter_sha256": res.adapter_sha256,
               "steps": res.final_step, "train_loss": res.train_loss, "eval_loss": res.eval_loss,
               "tokens_per_s": res.tokens_per_s, "wall_s": res.wall_s, "qlora": res.qlora}
    if as_json:
        print_json(summary)
    else:
        print_table(f"trained {res.model}", ["field", "value"], [[k, v] for k, v in summary.items()])


@click.command()
@click.argument("name")
@click.option("--quantize", "quants", multiple=True, help="f32, f16, q8_0, q4_k_m, ... (repeatable; "
              "config [export] quantize; the first is the Modelfile's FROM).")
@click.option("--adapter-gguf", is_flag=True, help="Also write the LoRA adapter as a GGUF adapter (FROM base + ADAPTER).")
@click.option("--ollama-create", is_flag=True, help="Create the model on the Ollama server ($OLLAMA_HOST).")
@click.option("--ollama-host", help="Ollama server URL (default: config [export] ollama_host, then $OLLAMA_HOST).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output directory (default: $CHIROGATE_HOME/exports/NAME).")
@click.option("--llama-cpp", "llama_cpp_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write the float GGUFs with llama.cpp's convert_hf_to_gguf.py from this checkout.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="chirogate.toml.")
@_progress
@json_option
def export(name, quants, adapter_gguf, ollama_create, ollama_host, out_dir, llama_cpp_dir, config_path, progress,
           as_json):
    """Merge candidate NAME's adapter, write GGUF (+ adapter GGUF) and a Modelfile, register all."""
    from gate.config import load_config
    from training.export import ExportConfig, export_model

    cfg = load_config(config_path).section("export", ExportConfig)
    with Registry() as reg:
        res = export_model(reg, name, quantize=list(quants) or cfg.quantize, adapter_gguf=adapter_gguf,
                           ollama_create=ollama_create, out_dir=out_dir, temperature=cfg.temperature,
                           num_ctx=cfg.num_ctx or None, ollama_host=ollama_host or cfg.ollama_host or None,
                           llama_cpp_dir=llama_cpp_dir, progress=_show_progress(progress))
    rows = [[p.name, res.sha256.get(p.name, "")] for p in
            [*res.gguf.values(), res.modelfile, res.adapter_gguf, res.base_gguf, res.adapter_modelfile] if p]
    if as_json:
        print_json({"model": res.model, "out_dir": res.out_dir, "gguf": res.gguf, "modelfile": res.modelfile,
                    "adapter_gguf": res.adapter_gguf, "base_gguf": res.base_gguf,
                    "adapter_modelfile": res.adapter_modelfile, "sha256": res.sha256, "ollama_name": res.ollama_name})
    else:
        print_table(f"exported {res.model} to {res.out_dir}", ["file", "sha256"], rows)
        if res.ollama_name:
            click.echo(f"created on Ollama as {res.ollama_name}")
