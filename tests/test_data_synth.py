"""The synthetic corpus: same seed same bytes, planted PII with valid check digits, canaries, plain texts."""

from __future__ import annotations

import json
import re

from stdnum.no import fodselsnummer

from gate.pii import analyze
from training.data.synth import DOC_TYPES, REGIONS, SEVERITIES, canaries, generate_records, plain_texts


def test_same_seed_same_bytes_via_cli(cli, tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    assert cli("data", "synth", "--n", "60", "--seed", "7", "--out", a).code == 0
    assert cli("data", "synth", "--n", "60", "--seed", "7", "--out", b).code == 0
    assert cli("data", "synth", "--n", "60", "--seed", "8", "--out", c).code == 0
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    rows = [json.loads(x) for x in a.read_text("utf-8").splitlines()]
    assert len(rows) == 60 and rows[0]["id"] == "syn-00001"


def test_records_are_well_formed_and_restate_the_facts():
    recs = generate_records(300, 1, pii_rate=0.0, canary_rate=0.0)
    assert {r["doc_type"] for r in recs} == set(DOC_TYPES)
    assert {r["region"] for r in recs} == set(REGIONS) and {r["severity"] for r in recs} == set(SEVERITIES)
    for r in recs:
        code = re.search(r"ICPC-2: (\w\d\d) ", r["prompt"]).group(1)
        nrs = re.search(r"NRS: (\d+/10)", r["prompt"]).group(1)
        if r["doc_type"] != "message":
            assert code in r["response"] and nrs in r["response"]  # the answer restates, never invents
        assert 20 <= len(r["response"].split()) <= 150
        assert r["template"] is False
    soap = next(r for r in recs if r["doc_type"] == "soap")
    assert [ln[:2] for ln in soap["response"].splitlines()] == ["S:", "O:", "A:", "P:"]
    assert not any(analyze(r["prompt"]) or analyze(r["response"]) for r in recs[:80])  # pii_rate 0: no PII


def test_planted_pii_has_valid_check_digits_and_is_found():
    recs = generate_records(200, 2, pii_rate=0.5, canary_rate=0.0)
    planted = [r for r in recs if r.get("pii")]
    assert 60 <= len(planted) <= 140
    for r in planted[:20]:
        fnr = re.search(r"fødselsnummer (\d{11})", r["prompt"]).group(1)
        assert fodselsnummer.is_valid(fnr)
        found = {e.type for e in analyze(r["prompt"])}
        assert {"NAVN", "TELEFON"} <= found and found & {"FODSELSNUMMER", "D_NUMMER"}


def test_canaries_repeat_and_are_not_pii_shaped():
    recs = generate_records(300, 3, pii_rate=0.0, canary_rate=0.03)
    cs = canaries(recs)
    assert len(cs) == 3 and all(set(c) == {"id", "prefix", "secret"} for c in cs)
    for c in cs:
        holders = [r for r in recs if c["secret"] in r["response"]]
        assert len(holders) == 3 and all(f"{c['prefix']} {c['secret']}" in r["response"] for r in holders)
        assert analyze(f"{c['prefix']} {c['secret']}.") == []  # survives scrubbing
    assert canaries(generate_records(300, 3, pii_rate=0.0, canary_rate=0.0)) == []


def test_plain_texts_have_no_chat_format():
    recs = generate_records(20, 4, pii_rate=0.0, canary_rate=0.0)
    texts = plain_texts(recs)
    assert len(texts) == 20
    # facts first, then the note written from them (the base learns to copy), no task line, no chat markup
    facts, note = texts[0].split("\n\n", 1)
    assert note == recs[0]["response"] and facts == "\n".join(recs[0]["prompt"].splitlines()[1:])
    assert not any("<|" in t or "Skriv " in t for t in texts)


def test_answers_restate_only_the_input_by_the_gate_scorers():
    """The corpus must not teach hallucination: the gate's own fact and terminology scorers find
    nothing unsupported or ill-formed in any synthetic answer."""
    from gate.cases import Case
    from gate.scorers.hallucination import hallucination
    from gate.scorers.terminology import terminology

    h, t = hallucination(), terminology()
    flagged = []
    for r in generate_records(200, 19, pii_rate=0.0, canary_rate=0.0):
        case = Case(r["id"], ({"role": "user", "content": r["prompt"]},), kind="reference",
                    doc_type=r["doc_type"], region=r["region"])  # doc_type: the section rules apply
        for name, s in (("hallucination", h(case, r["response"])), ("terminology", t(case, r["response"]))):
            if not s.passed:
                flagged.append((r["id"], name, s.explanation))
    assert flagged == []
