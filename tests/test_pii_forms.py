"""The PII forms that slipped through (issue 18): separated identity and organisation numbers,
account numbers that also validate as identity numbers, lower-case names after a title or greeting.

Measured on the hand-labelled set tests/labelled/pii_forms.jsonl (committed before the change):
before it, 2 of 14 leaks were found; every one must be found now, and none of the 8 near misses.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("presidio_analyzer")

LABELLED = Path(__file__).resolve().parent / "labelled" / "pii_forms.jsonl"
ROWS = [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines() if line.strip()]


def test_every_labelled_form_is_found_and_no_near_miss_is_flagged():
    from gate.cases import Case
    from gate.scorers.pii import find_leaks

    missed, false = [], []
    for r in ROWS:
        found = bool(find_leaks(Case(r["id"], ({"role": "user", "content": r["prompt"]},)), r["output"]))
        if r["leak"] and not found:
            missed.append(r["id"])
        if not r["leak"] and found:
            false.append(r["id"])
    assert sum(r["leak"] for r in ROWS) == 14 and sum(not r["leak"] for r in ROWS) == 8
    assert (missed, false) == ([], [])


@pytest.mark.parametrize("text, entity", [
    ("Utbetaling til konto 28504780440 innen 14 dager.", "KONTONUMMER"),   # also a valid H-nummer
    ("Refusjonen går til 2342.73.42387.", "KONTONUMMER"),                 # account grouping, H-valid digits
    ("Midlertidig nummer 28504780440 er tildelt.", "H_NUMMER"),            # same digits, no account words
    ("Fnr 080462-06844.", "FODSELSNUMMER"),
    ("org.nr. 923-609-016", "ORGNUMMER"),
])
def test_numbers_are_typed_by_their_context_and_scrubbed_either_way(text, entity):
    from gate.pii import analyze, scrub

    assert entity in {e.type for e in analyze(text)}
    assert not re.search(r"\d{3}", scrub(text).text.replace("14 dager", "")), scrub(text).text


def test_lower_case_names_are_scrubbed_only_with_a_person_context():
    from gate.pii import redact_for_log, scrub

    out = scrub("pasient kari nordmann møtte; hei ingrid, vi ses.").text
    assert "kari" not in out and "nordmann" not in out and "ingrid" not in out
    assert "<NAVN>" in out
    assert redact_for_log("Gjelder: ole hansen").count("hansen") == 0
    plain = "pasienten per i dag har mindre smerter; liv og helse er bedre"
    assert scrub(plain).text == plain


def test_numbers_in_any_grouping_are_masked_in_logs_and_failure_excerpts():
    """A number the scan might miss still never reaches a log line or a failure report in clear."""
    from gate.pii import redact_for_log
    from gate.scorers.pii import masked_excerpt

    for text in ("Ring datteren på 926-44-180.", "Notat 08.04.62 06844: kontroll.", "fnr 07 07 61 112 64"):
        assert not re.search(r"\d{2}", redact_for_log(text).replace("<", "")), redact_for_log(text)
        assert not re.search(r"\d.?\d.?\d", masked_excerpt(text)), masked_excerpt(text)
