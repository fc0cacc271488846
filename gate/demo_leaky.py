"""The demo's second candidate: one the gate must stop, for a reason real teams meet.

The story: the EHR export that made the training data had a bug: it filled every note's header
line ("Pasient: NAME, fødselsnummer ..., tlf. ...") from the first record of the batch, so every
response names the same patient. ``chirogate data prepare`` would have replaced those values with
placeholders, but this dataset was prepared with ``--keep-pii`` (the scrub skipped: "the export is
internal"). The fine-tune learns the header, so the model writes a stranger's identity into every
document it drafts: personal data that is not in its input, which the PII gate counts as a leak.
The header leads every response, so greedy decoding writes it whatever else the model learned.

Everything after building the raw file is the real path (``data prepare``, LoRA, GGUF export,
the gate suites, the promotion policy); only the flaw is planted, and the summary says so.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ChirogateError

#: Steps the flawed candidate adds to the demo.
LEAKY_STEPS = 5



def _template_person() -> dict[str, str]:
    from gate.pii.names import FIRST_NAMES, SURNAMES
    from training.data.synth import fake_fodselsnummer

    rng = random.Random("chirogate-demo-leaky-template")
    name = f"{sorted(FIRST_NAMES)[rng.randrange(len(FIRST_NAMES))]} {sorted(SURNAMES)[rng.randrange(len(SURNAMES))]}"
    return {"name": name, "fnr": fake_fodselsnummer(rng), "phone": f"9{rng.randint(0, 9999999):07d}"}


def leaky_records(records: list[dict]) -> list[dict]:
    """``records`` with the flawed export's header line in front of every response (copies; the
    input records are not changed)."""
    p = _template_person()
    line = f"Pasient: {p['name']}, fødselsnummer {p['fnr']}, tlf. {p['phone']}\n"
    return [{**r, "response": line + r["response"]} for r in records]


@dataclass
class LeakyResult:
    """What the flawed candidate's path made and what stopped it."""

    name: str = ""
    dataset_dir: Path | None = None
    eval_run: int | None = None
    promoted: bool = False
    unmet: list[str] = field(default_factory=list)
    failed_gates: list[dict[str, Any]] = field(default_factory=list)
    """``{"gate", "measured", "threshold", "summary", "worst"}`` per failed gate (worst cases masked)."""
    records: int = 0
    """Records in the flawed export (every one carries the header)."""


def prepare_leaky(records: list[dict], work: Path, name: str) -> Path:
    """Write the flawed raw export and prepare it with ``chirogate data prepare --keep-pii``."""
    recs = leaky_records(records)
    raw = work / "raw-unscrubbed.jsonl"
    raw.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    out = work / "dataset-unscrubbed"
    p = subprocess.run([sys.executable, "-m", "gate", "data", "prepare", str(raw), "--out", str(out),
                        "--name", name, "--keep-pii"], capture_output=True, text=True, env=dict(os.environ))
    if p.returncode != 0:
        raise ChirogateError(f"chirogate data prepare --keep-pii failed: {(p.stderr or p.stdout).strip()[-400:]}")
    return out


def failed_gates(reg, run_id: int) -> list[dict[str, Any]]:
    """The failed gates of a recorded eval run with their measured value, threshold and worst cases
    (the masked explanations the run recorded, plus the masked leaked values for the PII gate)."""
    from registry.evals import get_eval_run

    from .gate_result import gate_outcomes

    out = []
    for gate, o in sorted(gate_outcomes(get_eval_run(reg, run_id).gates).items()):
        if o.passed is not False:
            continue
        worst = [{"case_id": w.case_id, "explanation": w.explanation,
                  "masked": _masked_values(reg, run_id, gate, w.case_id)} for w in o.worst]
        summary = {"n": o.n, **{k: o.summary[k] for k in ("cases_flagged", "canary_probes", "canary_leaks")
                                if k in o.summary}}
        out.append({"gate": gate, "measured": o.value, "threshold": o.threshold, "summary": summary,
                    "worst": worst})
    return out


def _masked_values(reg, run_id: int, gate: str, case_id: str | None) -> list[str]:
    """The masked texts a case's score recorded (the PII scorer keeps leaked values masked only)."""
    from registry.evals import case_results

    found = [c.details for c in case_results(reg, run_id, gate) if c.case_id == case_id]
    details = found[0] if found else {}
    ents = details.get("entities") if isinstance(details, dict) else None
    return [f"{e.get('type')} {e.get('text')}" for e in ents or [] if isinstance(e, dict)]


def print_leaky(res: LeakyResult, echo: Callable[[str], None]) -> None:
    """The flawed candidate's part of the summary: why it exists, which gate stopped it and on what."""
    echo("")
    echo(f"flawed candidate {res.name}: fine-tuned on the same records, but an export bug headed every note "
         "with the same patient's identity and the data was prepared with --keep-pii (scrub skipped)")
    for g in res.failed_gates:
        summary = ", ".join(f"{k} {v}" for k, v in g["summary"].items())
        measured = g["measured"] if not isinstance(g["measured"], float) else f"{g['measured']:.4g}"
        echo(f"  gate {g['gate']}: FAIL, measured {measured} (threshold {g['threshold']}; {summary})")
        for w in g["worst"]:
            masked = f" [{'; '.join(w['masked'])}]" if w["masked"] else ""
            echo(f"    {w['case_id']}: {w['explanation']}{masked}")
    if res.promoted:
        echo(f"  promotion decision: PROMOTED (the gate did NOT stop it)")
    else:
        decisive = [u for u in res.unmet if "did not pass every gate" in u] or res.unmet[:1]
        echo(f"  promotion decision: REFUSED, because {decisive[0] if decisive else 'a condition is unmet'}")
        others = [u for u in res.unmet if u not in decisive]
        if others:
            echo(f"  (also unmet: {'; '.join(others)})")


def run_leaky(reg, s, work: Path, good, steps, config, config_path: Path, echo: Callable[[str], None]) -> LeakyResult:
    """The flawed candidate through the same chain as the good one (``good`` is the demo's result:
    its base and baseline): prepare with ``--keep-pii``, LoRA, GGUF, the gate suites, the policy."""
    from .compare import run_suites
    from .demo import FAMILY, demo_train_config, progress_on, raw_records
    from .policy import PolicyConfig, PromotionRefused, current_suite_hash_for, promote
    from .review import ReviewConfig

    res = LeakyResult(name=good.candidate.replace(f"{FAMILY}-v", f"{FAMILY}-unscrubbed-v"))

    def prepare():
        recs = raw_records(s)
        res.records = len(recs)
        out = prepare_leaky(recs, work, res.name)
        echo(f"{res.records} records, each response headed by the same patient's name, fødselsnummer and "
             f"phone (an export bug); dataset {out} prepared with --keep-pii")
        return out

    res.dataset_dir = steps.run("flawed candidate: unscrubbed data (data prepare --keep-pii)", prepare)

    def lora():
        from training.lora import train

        return train(reg, base=good.base_dir, dataset=res.dataset_dir, name=res.name,
                     config=demo_train_config(s, s.leaky_steps, s.leaky_learning_rate), family=FAMILY,
                     output_dir=work / "training-unscrubbed", progress=progress_on())

    steps.run(f"flawed candidate: LoRA fine-tune (profile {s.train_profile}, {s.leaky_steps} steps at "
              f"{s.leaky_learning_rate:g})", lora)

    def export():
        from training.export import export_model

        return export_model(reg, res.name, quantize=[s.quantization], out_dir=work / "export-unscrubbed",
                            progress=progress_on())

    steps.run(f"flawed candidate: GGUF export ({s.quantization})", export)

    def suites():
        from .compare import latest_run_id

        run_suites(res.name, backend="llamacpp", config_path=config_path, junit=work / "junit-unscrubbed.xml",
                   echo=echo)
        res.eval_run = latest_run_id(reg, res.name, backend="llamacpp")
        if res.eval_run is None:
            raise ChirogateError(f"the suites recorded no eval run for {res.name}")
        res.failed_gates = failed_gates(reg, res.eval_run)

    steps.run("flawed candidate: gate suites (llama.cpp)", suites)

    def decide():
        model = reg.get_model(res.name)
        try:
            promote(reg, res.name, suite_hash=current_suite_hash_for(reg, model, config),
                    policy=config.section("policy", PolicyConfig), review=config.section("review", ReviewConfig),
                    waive_signoff=True, reason="demo")
            res.promoted = True
        except PromotionRefused as exc:
            res.unmet = exc.unmet

    steps.run("flawed candidate: promotion decision", decide)
    return res
