"""The red-flag recall gate: one Gate record and its scorer, and nothing else to add it.

A red flag the input states must be carried forward into the output; the gate's value is the
share of red-flag cases whose red flags all appear in the output. Cases without a red flag are
not its cases: it is skipped where there are none (the synthetic corpus, the demo)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gate.cases import Case
from gate.config import Config, load_config
from gate.gates import BUILTIN
from gate.scorers.redflags import red_flags, stated_red_flags, states_red_flag
from gate.scorers.registry import from_spec
from gate.session import GateSession
from gate.suite_hash import current_suite_hash
from gate.thresholds import gate_thresholds
from registry import Registry
from registry import evals
from test_gate_support import NOTES, recorded_model

ROOT = Path(__file__).resolve().parent.parent

# (input, a note that carries every red flag forward, the input's red flags)
RED = [
    ("Mann 58 år med korsryggsmerter i to uker, nattsmerter og uforklarlig vekttap siste måned. Tidligere "
     "behandlet for kreft. Skriv SOAP-notat.",
     "S: Korsryggsmerter i to uker med nattsmerter og uforklarlig vekttap. Tidligere kreft.\nO: Ikke undersøkt.\n"
     "A: Ryggsmerter med røde flagg.\nP: Henvises til fastlege samme dag.",
     {"night_pain", "weight_loss", "malignancy"}),
    ("Kvinne 44 år med akutte korsryggsmerter, sadelanestesi og urinretensjon siden i går. Skriv SOAP-notat.",
     "S: Akutte korsryggsmerter med sadelanestesi og urinretensjon siden i går.\nO: Ikke undersøkt.\n"
     "A: Mistanke om cauda equina.\nP: Akutt henvisning til sykehus.",
     {"saddle_anaesthesia", "bladder_bowel"}),
    ("Mann 35 år med nakkesmerter og feber siden i går. Skriv SOAP-notat.",
     "S: Nakkesmerter og feber siden i går.\nO: Ikke undersøkt.\nA: Nakkesmerter med feber.\n"
     "P: Henvises til lege samme dag.",
     {"fever"}),
]
# what a model that loses red flags writes: rf-0 keeps only the cancer history, rf-1 keeps the urine
# retention only, rf-2 denies the fever
DROPPING = {"rf-0": "S: Korsryggsmerter i to uker. Tidligere kreft.\nA: Ryggsmerter.\nP: Øvelser.",
            "rf-1": "S: Akutte korsryggsmerter og urinretensjon.\nA: Lumbago.\nP: Kontroll om en uke.",
            "rf-2": "S: Nakkesmerter siden i går, ingen feber.\nA: Nakkesmerter.\nP: Øvelser."}


def _case(prompt: str, kind: str = "reference") -> Case:
    return Case("c", ({"role": "system", "content": "Ingen røde flagg: sadelanestesi, feber."},
                      {"role": "user", "content": prompt}), kind=kind)


def write_cases(path: Path) -> Path:
    """The three red-flag cases and the three plain notes of test_gate_support."""
    rows = [(f"rf-{i}", inp, ref) for i, (inp, ref, _) in enumerate(RED)]
    rows += [(f"note-{i}", inp, ref) for i, (inp, ref, _) in enumerate(NOTES)]
    with open(path, "w", encoding="utf-8") as f:
        for cid, inp, ref in rows:
            f.write(json.dumps({"id": cid, "doc_type": "soap", "messages": [{"role": "user", "content": inp},
                                                                             {"role": "assistant", "content": ref}]},
                               ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def reg(chirogate_home):
    r = Registry()
    yield r
    r.close()


# ---- the scorer ---------------------------------------------------------------------------------

def test_the_inputs_red_flags_are_the_stated_ones():
    for inp, _, flags in RED:
        assert stated_red_flags(inp) == flags
    # denied flags and a generic denial are no red flags to carry; nor is the system prompt
    assert stated_red_flags("Ingen feber, ingen nattsmerter. Ingen røde flagg.") == frozenset()
    assert not states_red_flag(_case(NOTES[0][0]))
    assert states_red_flag(_case(RED[2][0]))


def test_a_note_that_carries_every_red_flag_passes():
    score = red_flags()
    for inp, ref, flags in RED:
        s = score(_case(inp), ref)
        assert s.passed is True and s.value == 0.0, s.explanation
        assert s.details == {"flags": sorted(flags), "dropped": [], "denied": []}


def test_dropped_and_denied_red_flags_fail_the_case_and_are_counted():
    score = red_flags()
    s = score(_case(RED[0][0]), DROPPING["rf-0"])
    assert s.passed is False and s.value == 2.0
    assert s.details["dropped"] == ["night_pain", "weight_loss"] and s.details["denied"] == []
    assert s.explanation == "dropped 2 of 3 red flag(s): night_pain, weight_loss"
    s = score(_case(RED[2][0]), DROPPING["rf-2"])
    assert s.passed is False and s.value == 1.0 and s.details["denied"] == ["fever"]
    assert "fever (denied)" in s.explanation


def test_a_case_without_red_flags_is_not_scored_and_the_spec_rebuilds_the_scorer():
    s = red_flags()(_case(NOTES[1][0]), NOTES[1][1])
    assert s.value is None and s.passed is None
    again = from_spec(red_flags().spec.to_dict())
    assert again(_case(RED[1][0]), DROPPING["rf-1"]).details["dropped"] == ["saddle_anaesthesia"]


# ---- the gate: threshold, case selection, worst cases, suite hash ------------------------------

def test_the_record_gives_the_threshold_and_enters_the_suite_hash(tmp_path):
    g = BUILTIN["red_flags"]
    assert gate_thresholds(Config())["red_flags"].text == "red_flag_recall >= 0.95"
    assert g.required is False and g.ab is None and not g.safety
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[gates]\nred_flag_recall = ">= 0.6"\n', "utf-8")
    assert gate_thresholds(load_config(cfg))["red_flags"].text == "red_flag_recall >= 0.6"
    assert current_suite_hash(load_config(cfg), []) != current_suite_hash(Config(), [])


def _session(reg, name, cases, config=None):
    return GateSession.from_options(name, backend="replay", config=config, cases=cases, reg=reg, progress=False)


def test_gate_scores_only_red_flag_cases_and_ranks_by_flags_dropped(reg, tmp_path):
    cases = write_cases(tmp_path / "cases.jsonl")
    recorded_model(reg, tmp_path, "dropper", lambda c: DROPPING.get(c.id, c.reference), cases_file=cases)
    r = _session(reg, "dropper", cases).result("red_flags")
    assert r.passed is False and r.value == 0.0 and r.n == 3
    assert [cid for cid, _ in r.per_case] == ["rf-0", "rf-1", "rf-2"]  # the plain notes are not its cases
    assert [w["case_id"] for w in r.worst] == ["rf-0", "rf-1", "rf-2"]  # 2 dropped, then 1 and 1
    assert r.summary == {"flags_dropped": 4, "dropped_by_flag": {"fever": 1, "night_pain": 1,
                                                                 "saddle_anaesthesia": 1, "weight_loss": 1}}
    assert "red_flags gate FAILED" in r.failure_report() and "red_flag_recall >= 0.95" in r.failure_report()


def test_configured_threshold_and_skip_without_red_flag_cases(reg, tmp_path):
    cases = write_cases(tmp_path / "cases.jsonl")
    recorded_model(reg, tmp_path, "one-off", lambda c: DROPPING["rf-2"] if c.id == "rf-2" else c.reference,
                   cases_file=cases)
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[gates]\nred_flag_recall = ">= 0.6"\n', "utf-8")
    assert _session(reg, "one-off", cases).result("red_flags").passed is False  # 2/3 < 0.95
    r = _session(reg, "one-off", cases, config=cfg).result("red_flags")
    assert r.passed is True and r.value == pytest.approx(2 / 3) and r.n == 3
    (tmp_path / "plain").mkdir()
    _, plain = recorded_model(reg, tmp_path / "plain", "plain", lambda c: c.reference)
    r = _session(reg, "plain", plain).result("red_flags")
    assert r.skipped and r.reason == ("no reference/abstention/benchmark cases whose input states a red flag "
                                      "in this session")


def test_it_runs_in_pytest_suites_without_a_suite_module_of_its_own(reg, tmp_path):
    cases = write_cases(tmp_path / "cases.jsonl")
    recorded_model(reg, tmp_path, "good", lambda c: c.reference, cases_file=cases)
    assert not list((ROOT / "suites").glob("test_red_flags*.py"))
    p = subprocess.run([sys.executable, "-m", "pytest", "suites", "--model", "good", "--backend", "replay",
                        "--cases", str(cases), "-k", "red_flags", "-rA", "-p", "no:cacheprovider"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:]
    assert "PASSED suites/test_gates.py::test_gate[red_flags]" in p.stdout
    assert re.search(r"^red_flags\s+PASS\s+red_flag_recall = 1\s", p.stdout, re.MULTILINE), p.stdout[-2000:]
    run = evals.latest_eval_run(reg, "good")
    assert run.gates["red_flags"]["passed"] is True and run.gates["red_flags"]["n"] == 3
    assert run.config["thresholds"]["red_flags"] == "red_flag_recall >= 0.95"
    recorded = evals.case_results(reg, run.id, "red_flags")
    assert [r.case_id for r in recorded] == ["rf-0", "rf-1", "rf-2"]
    assert set(recorded[0].details) == {"explanation", "flags", "dropped", "denied"}
