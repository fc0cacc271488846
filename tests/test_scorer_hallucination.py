"""The hallucination scorer's contract: value, passed, findings with offsets into the output."""

from __future__ import annotations

from gate.cases import Case
from gate.scorers.hallucination import hallucination
from gate.scorers.registry import from_spec

PROMPT = ("Mann 38 år, korsryggsmerter i 3 uker uten utstråling. Lasègue negativ bilateralt. "
          "Palpasjonsøm L4-L5 høyre paravertebralt.")


def case(kind="reference"):
    return Case("h1", ({"role": "system", "content": "Lasègue positiv"}, {"role": "user", "content": PROMPT}),
                kind=kind)


def test_clean_output_passes():
    s = hallucination()(case(), "S: Korsryggsmerter i tre uker, ingen utstråling.\nO: Lasègue neg. bilat. "
                                "Palpasjonsøm over L4/L5 paravertebralt hø.\nA: L84 Ryggsyndrom uten utstråling.")
    assert s.value == 0.0 and s.passed and s.details["findings"] == []


def test_findings_carry_type_text_offsets_reason():
    out = "A: L86 Ryggsyndrom med utstråling. Lasègue positiv."
    s = hallucination()(case(), out)
    assert s.value == 1.0 and s.passed is False
    by_type = {f["type"]: f for f in s.details["findings"]}
    assert set(by_type) == {"code", "symptom", "test"}
    for f in s.details["findings"]:
        assert out[f["start"]:f["end"]] == f["text"] and f["reason"] and f["kind"] == "contradiction"
    # the system prompt is not input: only user turns support facts
    assert "negative" in by_type["test"]["reason"]


def test_abstention_and_ignore_types_and_replay():
    out = "S: Korsryggsmerter.\nO: Normal holdning og god bevegelighet."
    ref = hallucination()(case(), out)
    abst = hallucination()(case("abstention"), out)
    assert {f["kind"] for f in abst.details["findings"]} == {"invented"}
    assert len(abst.details["findings"]) > len(ref.details["findings"])
    ignoring = hallucination(ignore_types=("exam", "objective_section"))
    assert ignoring(case("abstention"), out).passed
    assert from_spec(ignoring.spec.to_dict())(case("abstention"), out).passed
