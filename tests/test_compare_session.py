"""The A/B verdict inside a real gate session (replay backend, real scorers) equals the recorded one."""

from __future__ import annotations

import json

from gate.compare import CompareConfig, compare_runs, compare_sessions
from gate.session import GateSession
from registry import Registry
from test_compare_support import make_models, record_generations

NOTES = [
    ("nakke", "S: Nakkesmerter høyre side i 2 uker. O: Redusert rotasjon mot høyre. A: L83 nakkesyndrom. "
              "P: Mobilisering og øvelser."),
    ("korsrygg", "S: Korsryggsmerter uten utstråling. O: Negativ Lasègue bilateralt. A: L84 ryggsyndrom uten "
                 "utstråling. P: Manuell behandling, kontroll om 1 uke."),
    ("skulder", "S: Venstre skulder vond ved løft. O: Positiv Hawkins venstre. A: L92 skuldersyndrom. "
                "P: Øvelser og ny time om 2 uker."),
]


def test_session_verdict_matches_the_recorded_comparison(tmp_path):
    lines = []
    for i in range(36):
        region, ref = NOTES[i % 3]
        lines.append({"id": f"c{i:02d}", "doc_type": "soap", "region": region, "reference": ref,
                      "messages": [{"role": "user", "content": f"Pasient {i}. {ref} Skriv SOAP-notat."}]})
    cases = tmp_path / "cases.jsonl"
    cases.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    refs = {x["id"]: x["reference"] for x in lines}
    with Registry() as reg:
        make_models(reg, tmp_path / "m")
        record_generations(reg, "chiro-no-v2", cases, lambda c: refs[c.id])
        record_generations(reg, "chiro-no-base", cases, lambda c: "Pasienten har vondt. Behandling gitt.")
        s = GateSession.from_options("chiro-no-v2", baseline="chiro-no-base", backend="replay", cases=cases,
                                     reg=reg, progress=False)
        cfg = CompareConfig(min_paired_cases=20)
        live = compare_sessions(s, s.baseline_session(), cfg)
        s.finish(0)
        rec = compare_runs(reg, s.eval_run_id, s.baseline_session().eval_run_id, cfg)
    assert live.verdict == "promote", live.reasons
    assert live.n_paired == 36 and live.rouge.ci.low > 0.3
    assert rec.verdict == live.verdict
    assert rec.rouge.ci == live.rouge.ci and rec.gates["hallucination"].mcnemar == live.gates["hallucination"].mcnemar
