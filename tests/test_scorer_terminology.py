"""Terminology scorer on the real code lists and language detection (gate.clinical)."""

from __future__ import annotations

import pytest

pytest.importorskip("gate.clinical.icpc2", reason="gate.clinical (data stage) not installed")

from gate.cases import Case  # noqa: E402
from gate.scorers.terminology import TerminologyConfig, terminology  # noqa: E402

HEAD_P = "Kvinne 27 år, trykkende hodepine bilateralt, verre ved stress."
BACK_P = "Mann 38 år, akutte korsryggsmerter etter løft, ingen utstråling."
SOAP = "S: {s}\nO: {o}\nA: {a}\nP: Kontroll om 2 uker."


def run(output, prompt=BACK_P, doc_type=None, **kw):
    s = terminology(**kw)(Case("t", ({"role": "user", "content": prompt},), doc_type=doc_type), output)
    return s, [(p["type"], p["text"]) for p in s.details["problems"]]


def test_valid_codes_pass_and_invalid_codes_fail():
    ok, problems = run("A: N95 Tensjonshodepine. ICD-10: G44.2.", prompt=HEAD_P)
    assert ok.passed and ok.value == 1.0 and problems == []
    for bad in ("N00", "N02", "L193"):
        s, problems = run(f"A: {bad} Hodepine.", prompt=HEAD_P)
        assert not s.passed and ("invalid_code", bad) in problems, (bad, problems)
    s, problems = run("A: L84 Ryggsyndrom (ICD-10: M545).")
    assert ("invalid_code", "M545") in problems


def test_code_must_fit_the_stated_problem():
    assert ("code_chapter", "N95") in run("A: N95 Tensjonshodepine.")[1]
    assert ("code_chapter", "L83") in run("A: L83 Nakkesyndrom.")[1]
    assert run("A: L84 Ryggsyndrom uten utstråling.")[1] == []


def test_language_markers_english_and_glossary():
    _, p = run("S: Pasienten har ikkje hatt smerter i høgre skulder dei siste vekene.")
    assert {t for k, t in p if k == "nynorsk"} >= {"ikkje", "høgre", "vekene"}
    _, p = run("S: Korsryggsmerter. Patient reports pain in the lower back.")
    assert ("english", "Patient reports pain in the lower back") in p
    _, p = run("P: Stretching og follow-up om 2 uker.")
    assert {("glossary", "Stretching"), ("glossary", "follow-up")} <= set(p)


def test_required_soap_sections():
    full = SOAP.format(s="Korsryggsmerter.", o="Lasègue negativ.", a="L84 Ryggsyndrom uten utstråling.")
    assert run(full, doc_type="soap")[1] == []
    long = full.replace("S:", "Subjektivt:").replace("O:", "Objektivt:").replace("A:", "Vurdering:").replace(
        "P:", "Plan:")
    assert run(long, doc_type="soap")[1] == []
    no_o = full.replace("O: Lasègue negativ.\n", "")
    assert run(no_o, doc_type="soap")[1] == [("missing_section", "O")]
    assert run(no_o, doc_type=None)[1] == []  # unknown document type: no section rule
    assert run(no_o, doc_type="soap", check_sections=False)[1] == []


def test_config_validation():
    with pytest.raises(ValueError, match="house_style"):
        TerminologyConfig(house_style="riksmål")
