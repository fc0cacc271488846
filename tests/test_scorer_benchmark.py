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
    assert not english.passed and english.details["language_problem"] == "written in English"
    short = s(cases[0], "cauda equina")
    assert short.details["length_problem"].startswith("too short")
    rates = pass_rate_by_category(cases * 2, [good, english, negated, english])
    assert rates == {"codes": {"passed": 0, "total": 2, "rate": 0.0},
                     "red_flags": {"passed": 1, "total": 2, "rate": 0.5}}


def test_the_clinic_harness_mismatches_are_resolved():
    # each of the cases where chirogate was stricter than the clinic's harness, and wrongly so
    s = benchmark()

    def case(**kw):
        row = GOOD | {"required_keywords": [], "forbidden_keywords": [], "min_response_length": 0} | kw
        return load_benchmark_cases(write_one(row))[0]

    # equivalent codes: an ICD-10 code for the same condition, a code written without its dot
    assert s(case(required_keywords=["N95"]), "Tensjonshodepine, ICD-10 G44.2. Kontroll om fire uker.").passed
    assert s(case(required_keywords=["M54.5"]), "Lumbago (M545). Kontroll om en uke hos oss.").passed
    assert not s(case(required_keywords=["N95"]), "Migrene, G43. Kontroll om fire uker hos oss.").passed
    # word synonyms
    assert s(case(required_keywords=["tensjonshodepine"]), "Spenningshodepine, kontroll om fire uker.").passed
    assert s(case(required_keywords=["prolaps"]), "Mistanke om skiveprolaps L5-S1, henvises til MR.").passed
    # compounds longer than the old 12-letter window
    assert keyword_hits("Bekkenleddsmerter etter fødsel.", "bekken")[0] == 1
    assert s(case(required_keywords=["bekken"]), "Bekkenleddsmerter etter fødsel, råd om aktivitet.").passed
    # Norwegian without æøå is Norwegian; only a text recognised as another language fails
    plain = "Ring legevakt straks ved nummenhet i skrittet. Ta kontakt igjen om det ikke bedres."
    assert s(case(), plain.replace("å", "a")).passed
    assert s(case(), "Pasienten mener det er bedre. Kontroll neste uke.").passed
    swedish = s(case(), "Patienten har ont i ländryggen sedan två veckor och vill ha en tid.")
    assert not swedish.passed and swedish.details["language_problem"] == "written in Swedish"


def write_one(row, _n=[0]):
    import tempfile

    _n[0] += 1
    d = Path(tempfile.mkdtemp())
    p = d / f"c{_n[0]}.jsonl"
    p.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def test_must_contain_code_format_and_unknown_fields_warn(tmp_path):
    rows = [GOOD | {"id": "c-1", "category": "codes", "must_contain_code_format": True, "required_keywords": [],
                    "min_response_length": 0},
            GOOD | {"id": "c-2", "category": "codes", "must_contain_code_format": "ICPC-2", "required_keywords": [],
                    "min_response_length": 0, "rubric": "x", "reference_answer": "L84 Ryggsyndrom."}]
    with pytest.warns(UserWarning, match=r"cases.jsonl:2: field 'rubric': not a benchmark field"):
        anycode, icpc = load_benchmark_cases(write(tmp_path, rows))
    assert icpc.reference == "L84 Ryggsyndrom."
    s = benchmark()
    assert s(anycode, "Vurdering: L84 Ryggsyndrom uten smerteutstråling.").passed
    assert s(anycode, "Vurdering: lumbago, ICD-10 M54.5.").passed
    nocode = s(anycode, "Vurdering: ryggsyndrom uten utstråling.")
    assert not nocode.passed and nocode.details["checks"]["code_format"] is False
    assert not s(anycode, "Vurdering: N02 spenningshodepine.").passed  # their regex passes N02; it is no code
    assert not s(icpc, "Vurdering: lumbago, ICD-10 M54.5.").passed and s(icpc, "Vurdering: L84.").passed
    with pytest.raises(InputError, match=r":1: field 'must_contain_code_format'"):
        load_benchmark_cases(write(tmp_path, [GOOD | {"must_contain_code_format": "SNOMED"}]))


def test_clinic_benchmark_file_loads_through_load_cases(tmp_path):
    # --cases takes the clinic's format too, and one file may mix it with the chat format
    from gate.generation import load_cases

    chat = {"id": "chat-1", "messages": [{"role": "user", "content": "Skriv notat."}, {"role": "assistant", "content": "S: ..."}]}
    cases = load_cases(write(tmp_path, [GOOD, chat, GOOD | {"id": "rf-2", "category": "codes"}]))
    assert [(c.id, c.kind) for c in cases] == [("rf-1", "benchmark"), ("chat-1", "reference"), ("rf-2", "benchmark")]
    assert cases[0].system_prompt == "Svar på norsk." and cases[0].meta["required_keywords"] == ["cauda equina", "legevakt"]
    bundled = load_cases(ROOT / "suites/cases/benchmark_cases.jsonl")
    assert len(bundled) == len(load_benchmark_cases(ROOT / "suites/cases/benchmark_cases.jsonl"))
    with pytest.raises(InputError, match=r":2: field 'id': duplicate"):
        load_cases(write(tmp_path, [GOOD, chat | {"id": "rf-1"}]))
    with pytest.raises(InputError, match=r":1: field 'required_keywords'"):
        load_cases(write(tmp_path, [GOOD | {"required_keywords": "x"}]))


def test_code_equivalents_exist_in_the_code_lists():
    from gate.clinical import icd10, icpc2
    from gate.scorers.benchmark_cases import code_equivalents

    for code in code_equivalents():
        assert icpc2.is_valid(code) or icd10.is_valid(code), code


def test_clinic_file_runs_through_the_gate_session_by_cases_and_by_config(chirogate_home, tmp_path):
    from gate.config import load_config
    from gate.session import GateSession
    from gate.suite_hash import benchmark_case_list
    from registry import Registry
    from test_gate_support import recorded_model

    rows = [GOOD | {"id": "rf-1", "min_response_length": 0},
            GOOD | {"id": "code-1", "prompt": "Kode for tensjonshodepine?", "category": "codes", "required_keywords": ["N95"], "forbidden_keywords": [],
                    "min_response_length": 0, "must_contain_code_format": True},
            GOOD | {"id": "code-2", "prompt": "Kode for bekkenleddsmerter?", "category": "codes", "required_keywords": ["bekken"], "forbidden_keywords": [],
                    "min_response_length": 0, "must_contain_code_format": "ICPC-2"}]
    answers = {"rf-1": "Mistanke om cauda equina. Dra til legevakt straks.",
               "code-1": "Tensjonshodepine, ICD-10 G44.2.",  # the equivalent code, and a valid code
               "code-2": "Bekkenleddsmerter i svangerskapet, uten kode."}  # no ICPC-2 code: fails
    cases_file = write(tmp_path, rows)
    reg = Registry()
    try:
        recorded_model(reg, tmp_path, "clinic", lambda c: answers[c.id], cases_file=cases_file)
        s = GateSession.from_options("clinic", backend="replay", cases=cases_file, reg=reg, progress=False)
        r = s.result("benchmark")
        assert not r.skipped and r.n == 3 and r.value == pytest.approx(2 / 3)
        assert r.summary["by_category"] == {"codes": {"passed": 1, "total": 2, "rate": 0.5},
                                            "red_flags": {"passed": 1, "total": 1, "rate": 1.0}}
    finally:
        reg.close()
    config = tmp_path / "chirogate.toml"
    config.write_text(f'[suites]\nbenchmark_cases = "{cases_file}"\n', encoding="utf-8")
    assert [c.id for c in benchmark_case_list(load_config(config))] == ["rf-1", "code-1", "code-2"]
