"""Helpers for the gate-session tests: a registered model with answers recorded for replay.

Recording goes through the real generation cache (registry.generations), exactly as a
llama.cpp run would store it, so the replay backend serves them unchanged.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from gate.backends import backends_config
from gate.backends.base import with_system_prompt
from gate.cases import Case
from gate.config import load_config
from gate.generation import case_params, load_cases
from registry import Registry
from registry import generations as cache

SYSTEM = "Du er en klinisk dokumentasjonsassistent. Skriv på norsk bokmål."

NOTES = [
    ("Kvinne 45 år med nakkesmerter i tre uker etter lang tids kontorarbeid. NRS 5/10. Spurling negativ bilateralt. "
     "Nedsatt rotasjon mot høyre. Palpasjonsøm øvre trapezius høyre side. Ingen røde flagg. Skriv SOAP-notat.",
     "S: Nakkesmerter i tre uker etter kontorarbeid, NRS 5/10.\nO: Spurling negativ bilateralt. Nedsatt rotasjon "
     "mot høyre. Palpasjonsøm øvre trapezius høyre side.\nA: Myalgi i nakke og skulder, ingen røde flagg.\n"
     "P: Øvelser for nakken og kontroll om to uker.", "neck"),
    ("Mann 38 år, akutte korsryggsmerter etter løft i går. Ingen utstråling. NRS 7/10. Lasègue negativ bilateralt. "
     "Palpasjonsøm L4-L5 paravertebralt. Ingen røde flagg. Skriv SOAP-notat.",
     "S: Akutte korsryggsmerter etter løft i går, NRS 7/10, ingen utstråling.\nO: Lasègue negativ bilateralt. "
     "Palpasjonsøm L4-L5 paravertebralt.\nA: Akutt lumbago uten tegn til rotaffeksjon, ingen røde flagg.\n"
     "P: Råd om aktivitet og kontroll om en uke.", "low_back"),
    ("Kvinne 52 år med smerter i høyre skulder i seks uker. NRS 4/10. Hawkins positiv høyre side. Full passiv "
     "bevegelighet. Skriv SOAP-notat.",
     "S: Smerter i høyre skulder i seks uker, NRS 4/10.\nO: Hawkins positiv høyre side. Full passiv "
     "bevegelighet.\nA: Mulig impingement i høyre skulder.\nP: Øvelser og kontroll om to uker.", "shoulder"),
]

BAD = ("S: Nakkesmerter i ti uker.\nO: Spurling positiv venstre side. NRS 9/10.\nA: L86 med utstråling.\n"
       "P: Hvile.")


def write_cases(path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for i, (inp, ref, region) in enumerate(NOTES):
            f.write(json.dumps({"id": f"note-{i}", "doc_type": "soap", "region": region,
                                "messages": [{"role": "user", "content": inp}, {"role": "assistant", "content": ref}]},
                               ensure_ascii=False) + "\n")
    return path


def register(reg: Registry, tmp_path: Path, name: str, *, family: str = "fam", kind: str = "candidate",
             system_prompt: str | None = SYSTEM) -> str:
    """Register ``name`` with a (placeholder) GGUF artifact; return the artifact's sha256."""
    gguf = tmp_path / f"{name}.gguf"
    gguf.write_bytes(b"GGUF placeholder for " + name.encode())
    reg.register_model(name, family=family, kind=kind, base_model="tiny-base", system_prompt=system_prompt)
    return reg.add_artifact(name, "gguf", gguf, quantization="q8_0").sha256


def record_answers(reg: Registry, name: str, digest: str, cases: list[Case], answer, backend: str = "llamacpp",
                   config=None) -> None:
    """Store ``answer(case)`` for every case in the generation cache as ``backend`` would have."""
    model = reg.get_model(name)
    params = backends_config(config or load_config()).decoding()
    for c in cases:
        msgs = with_system_prompt(c.messages, model.system_prompt)
        pd = dataclasses.asdict(case_params(c, params))
        cache.put(reg, key=cache.cache_key(digest, backend, msgs, pd), model_digest=digest, backend=backend,
                  case_id=c.id, messages=msgs, params=pd, text=answer(c), ttft_s=0.1, total_s=0.2, prompt_tokens=10,
                  completion_tokens=20, meta={"model": name})


def recorded_model(reg: Registry, tmp_path: Path, name: str, answer, cases_file: Path | None = None, **kw) -> tuple[str, Path]:
    """A registered model whose answers to the cases file are recorded; returns (gguf sha256, cases file)."""
    cases_file = cases_file or write_cases(tmp_path / "cases.jsonl")
    sha = register(reg, tmp_path, name, **kw)
    record_answers(reg, name, sha, load_cases(cases_file), answer)
    return sha, cases_file
