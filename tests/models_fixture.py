"""Session fixtures with the real tiny models every test runs on, built once and cached on disk.

The bundle (tiny base, prepared dataset, LoRA adapter, GGUF files) is built by the real code
(the shipped base ``training/tiny_base/``, sha256-checked; ``chirogate data prepare``,
``training.lora``, ``training.export``) into
``$CHIROGATE_TEST_CACHE`` (default ``<repo>/.pytest-models/``) under a key that hashes the training
and data code, the shipped base's manifest and the profile, so a re-run with unchanged code is instant and a code change
rebuilds. A file lock makes concurrent test sessions wait for one build instead of racing.

Fixtures: ``tiny_bundle`` (everything, with measured ROUGE), ``tiny_base_dir``, ``tiny_dataset_dir``,
``tiny_adapter_dir``, ``tiny_gguf_files`` and the function-scoped ``tiny_registered``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROFILE = "small"
BUNDLE_VERSION = 2  # 2: the shipped base instead of pre-training one per code version
DATASET_RECORDS, DATASET_SEED = 360, 11
QUANTS = ("q8_0", "f32", "f16", "q4_k_m")  # q8_0 first: the adapter's base GGUF is written as q8_0
SYSTEM_PROMPT = "Du er en klinisk dokumentasjonsassistent for kiropraktorer. Skriv korte, presise notater på norsk."
N_ROUGE_PROMPTS = 40  # the whole test split (36 records)


def cache_root() -> Path:
    """``$CHIROGATE_TEST_CACHE`` or ``<repo>/.pytest-models``."""
    return Path(os.environ.get("CHIROGATE_TEST_CACHE") or ROOT / ".pytest-models")


def bundle_key() -> str:
    """Hash of the code that shapes the bundle (training, data, registry training records) + profile."""
    h = hashlib.sha256(f"{BUNDLE_VERSION}:{PROFILE}:{DATASET_RECORDS}".encode())
    files = sorted((ROOT / "training").rglob("*.py")) + [ROOT / "registry" / "training.py", Path(__file__),
                                                         ROOT / "training" / "tiny_base" / "MANIFEST.json"]
    for f in files:
        if f.is_file() and "__pycache__" not in f.parts:
            h.update(f.relative_to(ROOT).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class TinyBundle:
    """The built tiny models: paths plus what the build measured."""

    root: Path
    base_dir: Path
    dataset_dir: Path
    adapter_dir: Path
    gguf: dict[str, Path]
    info: dict


def build_bundle(dest: Path, *, dataset_dir: Path | None = None) -> None:
    """Build the whole bundle into ``dest`` (which must not exist); used by the session fixture.

    The base is a copy of the shipped one (hash-checked); ``dataset_dir`` defaults to a synthetic
    dataset prepared by ``chirogate data prepare``."""
    from registry import Registry
    from training.export import export_model
    from training.lora import train
    from training.profiles import train_config
    from training.tiny import shipped_base

    t0 = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(dir=dest.parent, prefix=f".{dest.name}.tmp-"))
    try:
        timings = {}
        base = tmp / "base"
        shutil.copytree(shipped_base(), base)
        timings["base_s"] = round(time.perf_counter() - t0, 1)
        if dataset_dir is None:
            _prepare(tmp)
        else:
            shutil.copytree(dataset_dir, tmp / "dataset")
        t1 = time.perf_counter()
        reg = Registry(tmp / "home")
        res = train(reg, base=base, dataset=tmp / "dataset", name="tiny-cand", config=train_config("tiny"),
                    progress=False)
        timings["train_s"] = round(time.perf_counter() - t1, 1)
        shutil.copytree(res.adapter_dir, tmp / "adapter")
        t2 = time.perf_counter()
        ex = export_model(reg, "tiny-cand", quantize=list(QUANTS), adapter_gguf=True, out_dir=tmp / "export",
                          progress=False)
        timings["export_s"] = round(time.perf_counter() - t2, 1)
        reg.close()
        gdir = tmp / "gguf"
        gdir.mkdir()
        files = {q: f"gguf/{ex.gguf[q].name}" for q in QUANTS}
        files["base_q8_0"] = f"gguf/{ex.base_gguf.name}"
        files["adapter"] = "gguf/adapter.gguf"
        for p_ in [*ex.gguf.values(), ex.base_gguf, ex.adapter_gguf]:
            shutil.copyfile(p_, gdir / p_.name)
        shutil.copyfile(ex.modelfile, tmp / "Modelfile")
        shutil.rmtree(tmp / "export")
        shutil.rmtree(tmp / "home")
        t3 = time.perf_counter()
        rouge = measure_rouge(tmp / "dataset", tmp / files["base_q8_0"], tmp / files["q8_0"])
        timings["rouge_s"] = round(time.perf_counter() - t3, 1)
        info = {"key": bundle_key(), "profile": PROFILE, "files": files, "system_prompt": _system_prompt(tmp / "dataset"),
                "train": {
            "steps": res.final_step, "train_loss": res.train_loss, "eval_loss": res.eval_loss,
            "tokens_per_s": res.tokens_per_s}, "rouge": rouge, "timings": timings,
            "build_s": round(time.perf_counter() - t0, 1)}
        (tmp / "bundle.json").write_text(json.dumps(info, indent=2), "utf-8")
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _system_prompt(dataset_dir: Path) -> str:
    """The system message the fine-tune was trained with (the baseline gets the same one)."""
    from training.lora import _common_system, load_messages

    return _common_system(load_messages(dataset_dir, "train")) or SYSTEM_PROMPT


def _prepare(tmp: Path) -> None:
    """Prepare the fine-tune dataset with the real ``chirogate data prepare`` (scrubbing, split, card)."""
    from training.data.synth import generate_records

    raw = tmp / "raw.jsonl"
    recs = generate_records(DATASET_RECORDS, DATASET_SEED, pii_rate=0.0, canary_rate=0.0)
    raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    env = {**os.environ, "CHIROGATE_HOME": str(tmp / "prep-home")}
    p = subprocess.run([sys.executable, "-m", "gate", "data", "prepare", str(raw), "--out", str(tmp / "dataset")],
                       capture_output=True, text=True, env=env, cwd=tmp)
    if p.returncode != 0:
        raise RuntimeError(f"chirogate data prepare failed: {p.stderr[-2000:]}")
    shutil.rmtree(tmp / "prep-home", ignore_errors=True)
    raw.unlink()


def measure_rouge(dataset_dir: Path, base_gguf: Path, tuned_gguf: Path, n: int = N_ROUGE_PROMPTS) -> dict:
    """Held-out ROUGE-L (Norwegian tokenizer) and hallucination rate (share of answers with an
    unsupported or contradicted fact) of the untuned base and the tuned model, greedy, llama.cpp."""
    from llama_cpp import Llama

    from gate.facts.check import check_output
    from gate.scorers.rouge import rouge_scores

    rows = [json.loads(line) for line in (dataset_dir / "test.jsonl").read_text("utf-8").splitlines() if line.strip()]
    rows = rows[:n]
    out = {}
    for label, path in (("base", base_gguf), ("tuned", tuned_gguf)):
        llm = Llama(str(path), n_ctx=512, n_threads=2, seed=0, verbose=False)
        scores, hallucinated = [], 0
        for r in rows:
            msgs = [m for m in r["messages"] if m["role"] != "assistant"]
            if not any(m["role"] == "system" for m in msgs):
                msgs = [{"role": "system", "content": _system_prompt(dataset_dir)}, *msgs]
            ref = next(m["content"] for m in r["messages"] if m["role"] == "assistant")
            resp = llm.create_chat_completion(messages=msgs, max_tokens=256, temperature=0.0, top_k=1, seed=0)
            text = resp["choices"][0]["message"]["content"] or ""
            scores.append(rouge_scores(ref, text)["rougeL"])
            user = "\n".join(m["content"] for m in msgs if m["role"] == "user")
            hallucinated += bool(check_output(user, text))
        out[label] = round(sum(scores) / len(scores), 4)
        out[f"{label}_hallucination_rate"] = round(hallucinated / len(rows), 4)
        llm.close()
    out["n"] = len(rows)
    return out


@pytest.fixture(scope="session")
def tiny_bundle() -> TinyBundle:
    """Everything built once per code version: base, dataset, adapter, GGUFs and measured ROUGE-L.

    ``info["rouge"]`` holds the held-out ROUGE-L of the base and the tuned model; ``info["timings"]``
    the build times (seconds)."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    dest = root / f"bundle-{bundle_key()}"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # concurrent sessions wait for one build
        try:
            if not (dest / "bundle.json").is_file():
                if dest.exists():
                    shutil.rmtree(dest)
                build_bundle(dest)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    info = json.loads((dest / "bundle.json").read_text("utf-8"))
    return TinyBundle(dest, dest / "base", dest / "dataset", dest / "adapter",
                      {k: dest / v for k, v in info["files"].items()}, info)


@pytest.fixture(scope="session")
def tiny_base_dir(tiny_bundle) -> Path:
    """Hugging Face dir of the tiny Llama base: model + tokenizer with the ChatML template (read-only)."""
    return tiny_bundle.base_dir


@pytest.fixture(scope="session")
def tiny_dataset_dir(tiny_bundle) -> Path:
    """Prepared dataset dir (train/validation/test.jsonl + card.json) from the synthetic corpus."""
    return tiny_bundle.dataset_dir


@pytest.fixture(scope="session")
def tiny_adapter_dir(tiny_bundle) -> Path:
    """The peft LoRA adapter trained on ``tiny_dataset_dir`` over ``tiny_base_dir`` (with tokenizer)."""
    return tiny_bundle.adapter_dir


@pytest.fixture(scope="session")
def tiny_gguf_files(tiny_bundle) -> dict[str, Path]:
    """GGUF files: ``f32``, ``f16``, ``q8_0``, ``q4_k_m`` of the merged model, ``base_q8_0`` of the
    untuned base and ``adapter`` (the GGUF LoRA adapter that applies over ``base_q8_0``)."""
    return dict(tiny_bundle.gguf)


@dataclass
class TinyRegistered:
    """A registry holding the tiny baseline and candidate (see ``tiny_registered``)."""

    reg: object
    baseline: object
    candidate: object
    files: dict[str, Path]


@pytest.fixture
def tiny_registered(chirogate_home, tiny_bundle):
    """The per-test registry with ``tiny-base`` (baseline: tiny base + the training system prompt + q8_0 GGUF)
    and ``tiny-cand`` (candidate: adapter + f16/q8_0/q4_k_m GGUFs + GGUF adapter); copies, no training."""
    from registry import Registry

    reg = Registry()
    b = tiny_bundle
    system = b.info.get("system_prompt") or SYSTEM_PROMPT
    reg.register_model("tiny-base", family="tiny", kind="baseline", base_model=str(b.base_dir),
                       system_prompt=system)
    reg.add_artifact("tiny-base", "gguf", b.gguf["base_q8_0"], quantization="q8_0")
    reg.register_model("tiny-cand", family="tiny", kind="candidate", base_model=str(b.base_dir),
                       system_prompt=system, parent="tiny-base", artifacts=[("adapter", b.adapter_dir)])
    for q in ("f16", "q4_k_m", "q8_0"):
        reg.add_artifact("tiny-cand", "gguf", b.gguf[q], quantization=q)
    reg.add_artifact("tiny-cand", "gguf-adapter", b.gguf["adapter"])
    try:
        yield TinyRegistered(reg, reg.get_model("tiny-base"), reg.get_model("tiny-cand"), dict(b.gguf))
    finally:
        reg.close()
