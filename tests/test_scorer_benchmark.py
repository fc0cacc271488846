"""The clinic's benchmark JSONL: loader errors, keyword matching, pass rate per category."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gate.errors import InputError
from gate.scorers.benchmark_cases import benchmark, keyword_hits, load_benchmark_cases, pass_rate_by_category

ROOT = Path(__file__).resolve().parent.parent
GOOD = {"id": "rf-1", "category": "red_flags", "description": "d", "prompt": "Nummenhet i skrittet.",
        "system_prompt": "Svar på norsk.", "required_keywords": ["cauda equina", "legevakt"],
        "forbidden_keywords": ["vent og se"], "expect_norwegian": True, "min_response_length": 20,
        "max_response_length": 300, "max_tokens": 128}


def write(tmp_path, rows):
    p = tmp_path / "cases.jsonl"
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return p


def test_example_file_loads_with_all_categories():
    cases = load_benchmark_cases(ROOT / "suites/cases/benchmark_cases.jsonl")
    assert 15 <= len(cases) <= 30
    assert {c.meta["category"] for c in cases} == {"soap", "red_flags", "letters", "patient_messages", "codes"}
    c = cases[0]
    assert c.kind == "benchmark" and c.system_prompt and c.max_tokens == 400 and c.meta["required_keywords"]


@pytest.mark.parametrize("row,field", [
    ({k: v for k, v in GOOD.items() if k != "prompt"}, "prompt"),
    ({**GOOD, "required_keywords": "cauda"}, "required_keywords"),
    ({**GOOD, "expect_norwegian": "ja"}, "expect_norwegian"),
    ({**GOOD, "max_tokens": -1}, "max_tokens"),
    ({**GOOD, "min_response_length": 500}, "max_response_length"),
    ({**GOOD, "max_tokens": True}, "max_tokens"),
])
def test_bad_lines_name_file_line_and_field(tmp_path, row, field):
    p = write(tmp_path, [GOOD | {"id": "ok-1"}, row])
    with pytest.raises(InputError) as e:
        load_benchmark_cases(p)
    assert f"{p}:2: field '{field}'" in str(e.value)


def test_invalid_json_and_duplicate_id(tmp_path):
    with pytest.raises(InputError, match=r"cases.jsonl:1: invalid JSON"):
        load_benchmark_cases(write(tmp_path, ["{nope"]))
    with pytest.raises(InputError, match=r":2: field 'id': duplicate id \(first on line 1\)"):
        load_benchmark_cases(write(tmp_path, [GOOD, GOOD]))


def test_keywords_inflections_synonyms_and_negation():
    assert keyword_hits("Ingen tegn til cauda equina.", "cauda equina") == (0, 1)
    assert keyword_hits("Mistanke om cauda equina-syndrom.", "cauda equina") == (1, 0)
    assert keyword_hits("Pasienten henvises til fastlegen.", "henvisning")[0] == 1
    assert keyword_hits("Kontakt legevakten straks.", "legevakt")[0] == 1
    assert keyword_hits("Korsryggsmertene er bedre.", "smerter")[0] == 1
    assert keyword_hits("Vi anbefaler MRI.", "MR")[0] == 1
    assert keyword_hits("Smerter i nakken.", "skulder") == (0, 0)
    assert keyword_hits("Cauda equina: nei.", "cauda equina") == (0, 1)
    # a test result is not a denial of the test; compounds carry the keyword
    assert keyword_hits("Lasègue negativ bilateralt.", "Lasègue") == (1, 0)
    assert keyword_hits("Ingen Lasègue utført.", "Lasègue") == (0, 1)
    assert keyword_hits("Akutte korsryggsmerter, nakkesmerter.", "korsrygg")[0] == 1


def test_scorer_checks_and_pass_rate(tmp_path):
    cases = load_benchmark_cases(write(tmp_path, [GOOD, GOOD | {"id": "rf-2", "category": "codes"}]))
    s = benchmark()
    good = s(cases[0], "Dette kan være cauda equina. Du må dra på legevakten med en gang.")
    negated = s(cases[0], "Ingen tegn til cauda equina, men vent og se. Kontakt legevakt ved behov.")
    english = s(cases[1], "This may be cauda equina, go to the legevakt now, and do not wait.")
    assert good.passed and good.value == 1.0
    assert not negated.passed and negated.details["negated_keywords"] == ["cauda equina"]
    assert negated.details["forbidden_found"] == ["vent og se"]
    assert not english.passed and english.details["language_problem"] == "not Norwegian"
    short = s(cases[0], "cauda equina")
    assert short.details["length_problem"].startswith("too short")
    rates = pass_rate_by_category(cases * 2, [good, english, negated, english])
    assert rates == {"codes": {"passed": 0, "total": 2, "rate": 0.0},
                     "red_flags": {"passed": 1, "total": 2, "rate": 0.5}}
