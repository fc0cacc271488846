"""The v4 held-out sets (tests/labelled/heldout_v4/), written on 2026-12-02 (third session) by two
independent labellers who read no detector code, before any detector change of that session.

How they were used (README "Held-out sets: the honest numbers" has the numbers):
1. The lead measured the whole of each set once on main at the start of the session (the code of the
   second session), then after the first detector round of the session.
2. ``split.json`` then gave half of the hallucination set (by scenario) to a second hallucination
   round as dev data (``tests/labelled/v4_dev/``); the other half (``held_back``) stayed with the lead
   and was measured once after that round. The terminology, PII and export sets were not split: no
   engineer saw them, and they were measured once at the end.

The asserts are regression floors at those final measurements, in counts (no floating-point edge).
They do not assert the issues' targets where those are not met. A detector change that moves a count
should move the floor only upwards; once someone tunes on these sets, their numbers are dev numbers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
V4 = ROOT / "tests" / "labelled" / "heldout_v4"
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

pytestmark = pytest.mark.skipif(not (V4 / "split.json").exists(), reason="no v4 held-out sets")

FLOORS = {
    "hallucination": {"false_flags": 11, "right_reason": 57},  # of 36 clean, 71 planted (held-back half)
    "terminology": {"caught": 29, "false_flags": 9},  # of 32 faulty, 32 valid
    # of 26 not leaks (flagged: 2 clinic addresses, 3 clinic phones, 2 clinic org. numbers, a product), 25 leaks
    "pii": {"false_leaks": 8, "caught": 25},
    "exports": {"clean_with_error": 0,  # of 32 clean records
                "names_survived": 1,  # of the records with a listed name, lines where one survives scrubbing
                "found": {"truncated": 6, "placeholder": 5, "mojibake": 5, "boilerplate": 4, "glued_text": 7,
                          "prompt_copy": 4, "duplicate_answer": 3, "first_name": 6}},
}


def _half(half: str, tmp: Path) -> Path:
    name = "hallucination_v4.jsonl"
    split = json.loads((V4 / "split.json").read_text("utf-8"))[name]
    rows = [line for line in (V4 / name).read_text("utf-8").splitlines() if line.strip()]
    out = tmp / f"{half}_{name}"
    out.write_text("\n".join(line for line in rows if split[json.loads(line)["id"]] == half) + "\n", "utf-8")
    return out


def test_split_covers_every_case_once_and_the_dev_half_is_the_copy_in_v4_dev():
    split = json.loads((V4 / "split.json").read_text("utf-8"))["hallucination_v4.jsonl"]
    text = (V4 / "hallucination_v4.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert sorted(r["id"] for r in rows) == sorted(split) and set(split.values()) == {"dev", "held_back"}
    dev = ROOT / "tests" / "labelled" / "v4_dev" / "hallucination_v4_dev.jsonl"
    dev_ids = [json.loads(line)["id"] for line in dev.read_text("utf-8").splitlines() if line.strip()]
    assert sorted(dev_ids) == sorted(k for k, v in split.items() if v == "dev")
    # split by scenario: no prompt in both halves
    halves: dict[str, set[str]] = {}
    for r in rows:
        halves.setdefault(r["prompt"], set()).add(split[r["id"]])
    assert all(len(h) == 1 for h in halves.values())


def test_hallucination_held_back_half(tmp_path):
    from bench_detectors import measure_v2, read_set

    f = FLOORS["hallucination"]
    res = measure_v2(read_set(_half("held_back", tmp_path)), "held_back")
    assert res.overall.false_flags <= f["false_flags"], res.overall.ids_false
    assert res.overall.right_reason >= f["right_reason"], res.overall.ids_missed


def test_terminology_whole_set():
    from test_terminology_heldout import measure

    f = FLOORS["terminology"]
    m = measure(V4 / "terminology_v4.jsonl")
    assert m["n_faulty"] - len(m["missed"]) >= f["caught"], m["missed"]
    assert len(m["false_flags"]) <= f["false_flags"], m["false_flags"]


def test_pii_whole_set():
    from bench_data_checks import measure_pii

    f = FLOORS["pii"]
    m = measure_pii(V4 / "pii_precision_v4.jsonl")
    caught = sum(k["flagged"] for k in m["kinds"].values() if k["leak"])
    assert m["false_leaks"] <= f["false_leaks"], m["kinds"]
    assert caught >= f["caught"], m["kinds"]


def test_exports_whole_set():
    from bench_data_checks import measure_exports

    f = FLOORS["exports"]
    m = measure_exports(V4 / "exports_v4.jsonl", V4 / "exports_v4.labels.jsonl")
    assert len(m["clean_with_error"]) <= f["clean_with_error"], m["clean_with_error"]
    assert len(m["names_survived_lines"]) <= f["names_survived"], m["names_survived_lines"]
    found = {label: r["tp"] for label, r in m["per_label"].items()}
    assert all(found.get(k, 0) >= v for k, v in f["found"].items()), found
