"""Helpers for the A/B, policy, review and report tests: real models and eval runs in a real registry.

Eval runs are written with :mod:`registry.evals` (start / add results / finish), exactly as the
suites record them; nothing of ours is mocked. The tiny GGUF stand-ins are plain files:
these tests are about evidence and hashes, not about generating text.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from registry import Registry

DECODING = {"max_tokens": 256, "temperature": 0.0, "top_k": 1, "top_p": 1.0, "seed": 0, "stop": []}
SUITE = "sha256:" + "ab" * 32


def make_models(reg: Registry, tmp: Path, *, family: str = "chiro-no", candidate: str = "chiro-no-v2",
                baseline: str = "chiro-no-base", quant: str = "q8_0") -> None:
    """Register a baseline and a candidate, each with a (stand-in) GGUF artifact."""
    tmp.mkdir(parents=True, exist_ok=True)
    for name, kind in ((baseline, "baseline"), (candidate, "candidate")):
        gguf = tmp / f"{name}.{quant}.gguf"
        gguf.write_bytes(b"GGUF" + name.encode())
        reg.register_model(name, family=family, kind=kind, base_model="tiny-base",
                           system_prompt="Du er en klinisk assistent." if kind == "baseline" else None)
        reg.add_artifact(name, "gguf", gguf, quantization=quant)


REQUIRED_GATES = ("rouge", "hallucination", "pii", "latency", "terminology")


def write_eval_run(reg: Registry, model: str, results: dict[str, dict[str, tuple[float | None, bool | None]]], *,
                   suite_hash: str = SUITE, backend: str = "llamacpp", decoding: dict | None = None,
                   passed: bool = True, gates: dict | None = None, artifact_sha256: str | None = None) -> int:
    """Record a finished eval run of ``model`` with per-case ``results[gate][case_id] = (value, passed)``,
    through the same registry functions the suites use."""
    from registry.evals import CaseResult, add_case_results, finish_eval_run, start_eval_run

    sha = artifact_sha256 or reg.latest_artifact(model, "gguf").sha256
    run_id = start_eval_run(reg, model=model, artifact_sha256=sha, suite_hash=suite_hash, backend=backend,
                            config={"decoding": decoding or DECODING}, provenance={})
    for gate, per_case in results.items():
        add_case_results(reg, run_id, gate, [CaseResult(cid, gate, v, ok) for cid, (v, ok) in per_case.items()])
    if gates is None:  # every gate the policy requires, judged as the run was
        gates = {g: {"passed": passed, "skipped": False} for g in REQUIRED_GATES}
    finish_eval_run(reg, run_id, gates=gates, passed=passed)
    return run_id


def synthetic_results(n: int, *, rouge_mean: float, seed: int, halluc_fail: float = 0.0, pii_fail: float = 0.0,
                      term_fail: float = 0.0, rouge_sd: float = 0.08, latency: float = 0.5,
                      base: dict | None = None, shift: float = 0.0) -> dict:
    """Per-case results for ``n`` cases. With ``base``, ROUGE-L is ``base + shift + noise`` (paired)."""
    rng = np.random.default_rng(seed)
    ids = [f"test:{i:04d}" for i in range(n)]
    if base is not None:
        rouge = [min(1.0, max(0.0, base["rouge"][i][0] + shift + rng.normal(0, rouge_sd / 4))) for i in ids]
    else:
        rouge = list(np.clip(rng.normal(rouge_mean, rouge_sd, n), 0, 1))
    out = {"rouge": {i: (float(r), bool(r > 0.6)) for i, r in zip(ids, rouge)}}
    for gate, rate in (("hallucination", halluc_fail), ("pii", pii_fail), ("terminology", term_fail)):
        fails = set(rng.choice(n, size=int(round(rate * n)), replace=False).tolist()) if rate else set()
        out[gate] = {i: (1.0 if k in fails else 0.0, k not in fails) for k, i in enumerate(ids)}
    out["latency"] = {f"latency:{k:02d}": (float(latency + 0.01 * k), True) for k in range(20)}
    return out


def test_write_eval_run_is_readable(tmp_path):
    from gate.compare import load_run

    with Registry() as reg:
        make_models(reg, tmp_path)
        rid = write_eval_run(reg, "chiro-no-v2", synthetic_results(5, rouge_mean=0.7, seed=1))
        run = load_run(reg, rid)
    assert run.model == "chiro-no-v2" and run.quantization == "q8_0" and run.decoding == DECODING
    assert len(run.values["rouge"]) == 5 and all(run.passes["pii"].values())


def record_generations(reg: Registry, model: str, cases_path: Path, text_for) -> None:
    """Record ``model``'s answers (``text_for(case)``) in the generation cache under its GGUF digest with the
    evaluation decoding, exactly as a llama.cpp suite run leaves them (so ``--backend replay`` serves them)."""
    from gate.backends.base import DecodingParams, with_system_prompt
    from gate.generation import load_cases
    from registry import generations as cache

    m = reg.get_model(model)
    digest = reg.latest_artifact(model, "gguf").sha256
    params = DecodingParams(max_tokens=256, seed=0)
    for c in load_cases(cases_path):
        msgs = with_system_prompt(c.messages, m.system_prompt)
        cache.put(reg, key=cache.cache_key(digest, "llamacpp", msgs, params), model_digest=digest,
                  backend="llamacpp", case_id=c.id, messages=msgs, params=params, text=text_for(c), ttft_s=0.1,
                  total_s=0.5, prompt_tokens=10, completion_tokens=20, meta={"model": model})
