"""The synthetic corpus: same seed same bytes, planted PII with valid check digits, canaries, plain texts."""

from __future__ import annotations

import json
import re

from stdnum.no import fodselsnummer

from gate.generation import load_cases
from gate.pii import analyze
from gate.suite_hash import PROBES_DIR
from training.data.synth import (DOC_TYPES, GENERIC_SYSTEMS, REGIONS, SEVERITIES, canaries, generate_records,
                                 plain_texts)


def test_same_seed_same_bytes_via_cli(cli, tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    assert cli("data", "synth", "--n", "60", "--seed", "7", "--out", a).code == 0
    assert cli("data", "synth", "--n", "60", "--seed", "7", "--out", b).code == 0
    assert cli("data", "synth", "--n", "60", "--seed", "8", "--out", c).code == 0
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    rows = [json.loads(x) for x in a.read_text("utf-8").splitlines()]
    assert len(rows) == 60 and rows[0]["id"] == "syn-00001"


def test_records_are_well_formed_and_restate_the_facts():
    every = generate_records(300, 1, pii_rate=0.0, canary_rate=0.0)
    recs = [r for r in every if "context" not in r]  # consultations (contacts without one: below)
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
    assert not any(analyze(r["prompt"]) or analyze(r["response"]) for r in every[:80])  # pii_rate 0: no PII


def test_contacts_without_examination_say_so_and_assert_no_findings():
    """About admin_rate of the records are contacts without an examination (calls, cancellations,
    reminders, letters): the note says no examination was made and asserts no finding, which is
    what the abstention probes ask of a model; with admin_rate 0 there are none."""
    from gate.facts import extract_facts

    recs = generate_records(400, 5, pii_rate=0.0, canary_rate=0.0)
    admin = [r for r in recs if "context" in r]
    assert 25 <= len(admin) <= 75 and {r["doc_type"] for r in admin} == {"soap", "message", "letter"}
    for r in admin:
        assert r["severity"] == "admin" and r["context"][1:] in r["prompt"]  # the prompt minus its task wording
        facts = {f.type for f in extract_facts(r["response"])}
        assert not facts & {"test", "exam", "imaging", "code", "number", "level"}, (r["id"], facts)
        if r["doc_type"] == "soap":
            o_line = r["response"].splitlines()[1]
            assert o_line.startswith("O: ") and re.search(r"[Ii]kke undersøkt|[Ii]ngen (undersøkelse|objektive)", o_line)
    assert not any("context" in r for r in generate_records(100, 5, admin_rate=0.0))


def test_a_share_of_records_carry_a_generic_system_prompt_that_changes_nothing_else():
    """``generic_system_rate`` of the records carry a system prompt that names no document type
    (the model must read the type from the request); the records are otherwise the same bytes as
    without it, and none of those prompts is the one the gate's abstention probes use."""
    recs = generate_records(500, 3)
    plain = generate_records(500, 3, generic_system_rate=0.0)
    with_system = [r for r in recs if "system" in r]
    assert 110 <= len(with_system) <= 190  # about 30 %
    assert {r["system"] for r in with_system} == set(GENERIC_SYSTEMS)
    assert {r["doc_type"] for r in with_system} == set(DOC_TYPES)
    assert [{k: v for k, v in r.items() if k != "system"} for r in recs] == plain
    assert not any("system" in r for r in plain)
    probes = load_cases(PROBES_DIR / "abstention.jsonl", default_kind="abstention")
    probe_systems = {m["content"] for c in probes for m in c.messages if m["role"] == "system"}
    assert len(probes) == 14 and probe_systems and not probe_systems & set(GENERIC_SYSTEMS)


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
    recs = generate_records(40, 4, pii_rate=0.0, canary_rate=0.0)
    texts = plain_texts(recs)
    assert len(texts) == 40
    # (facts, note): the base reads the facts and is scored on the note; no task line, no chat markup
    facts, note = texts[0]
    assert note == recs[0]["response"] and facts == "\n".join(recs[0]["prompt"].splitlines()[1:]) + "\n\n"
    admin = [(r, t) for r, t in zip(recs, texts) if "context" in r]
    assert admin and all(t == (f"{r['context']}\n\n", r["response"]) for r, t in admin)
    assert not any("<|" in c + t or "Skriv " in c + t for c, t in texts)


def test_answers_restate_only_the_input_by_the_gate_scorers():
    """The corpus must not teach hallucination: the gate's own fact and terminology scorers find
    nothing unsupported or ill-formed in any synthetic answer."""
    from gate.cases import Case
    from gate.scorers.hallucination import hallucination
    from gate.scorers.terminology import terminology

    h, t = hallucination(), terminology()
    flagged = []
    for r in generate_records(200, 19, pii_rate=0.0, canary_rate=0.0):
        kind = "abstention" if "context" in r else "reference"  # the stricter rule where nothing was examined
        case = Case(r["id"], ({"role": "user", "content": r["prompt"]},), kind=kind,
                    doc_type=r["doc_type"], region=r["region"])  # doc_type: the section rules apply
        for name, s in (("hallucination", h(case, r["response"])), ("terminology", t(case, r["response"]))):
            if not s.passed:
                flagged.append((r["id"], name, s.explanation))
    assert flagged == []

