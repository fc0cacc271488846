"""The v3 held-out sets (tests/labelled/heldout_v3/), written by independent labellers who read no
detector code, measured blind on 2026-12-02.

How they were used (README "Held-out sets: the honest numbers" has the numbers):
1. The whole of each set was measured once, blind, after the first detector round (round 1 tuned on
   the v2 sets only).
2. ``split.json`` then gave half of the hallucination, terminology and PII sets (by scenario for
   hallucination, alternating within each kind for the others) to a second detector round as dev
   data; the other half (``held_back``) was kept from the detector engineers (not on their branches)
   and measured once after that round. The export set was not split: no second round touched
   ``data check``.

The asserts are regression floors at those measurements, in counts (no floating-point edge). They do
not assert the issues' targets, which are not met (issues 14 and 16 stay open). A detector change that
moves a count should move the floor only upwards, and a change tuned on the held-back half makes its
numbers dev numbers: say so in README when that happens.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
V3 = ROOT / "tests" / "labelled" / "heldout_v3"
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

pytestmark = pytest.mark.skipif(not (V3 / "split.json").exists(), reason="no v3 held-out sets")

# measured on the held-back half after round 2 / on the whole export set; raised after the det-t round
# (terminology false flags 5 -> 2 by word-formation rules tuned on hallucination notes, not on this set;
# exports tuned on this set's misses, so those counts are now dev numbers)
FLOORS = {
    "hallucination": {"false_flags": 14, "right_reason": 109},  # of 52 clean, 138 planted
    "terminology": {"caught": 16, "false_flags": 2},  # of 19 faulty, 17 valid
    "pii": {"false_leaks": 0, "caught": 21},  # of 18 not leaks, 21 leaks
    "exports": {"clean_with_error": 0,  # of 45 clean lines
                "found": {"truncated": 12, "placeholder": 11, "mojibake": 11, "boilerplate": 10, "glued_text": 10,
                          "prompt_copy": 10, "duplicate_answer": 10, "first_name": 14},
                "false": {"prompt_copy": 0}, "names_survived": 0},
}


def _half(name: str, half: str, tmp: Path) -> Path:
    split = json.loads((V3 / "split.json").read_text("utf-8"))[name]
    rows = [line for line in (V3 / name).read_text("utf-8").splitlines() if line.strip()]
    keep = [line for line in rows if split[json.loads(line)["id"]] == half]
    out = tmp / f"{half}_{name}"
    out.write_text("\n".join(keep) + "\n", "utf-8")
    return out


def test_split_covers_every_case_once():
    split = json.loads((V3 / "split.json").read_text("utf-8"))
    for name, ids in split.items():
        rows = [json.loads(line)["id"] for line in (V3 / name).read_text("utf-8").splitlines() if line.strip()]
        assert sorted(rows) == sorted(ids) and len(set(rows)) == len(rows), name
        assert set(ids.values()) == {"dev", "held_back"}, name


def test_hallucination_held_back_half(tmp_path):
    from bench_detectors import measure_v2, read_set

    f = FLOORS["hallucination"]
    res = measure_v2(read_set(_half("hallucination_v3.jsonl", "held_back", tmp_path)), "held_back")
    assert res.overall.false_flags <= f["false_flags"], res.overall.ids_false
    assert res.overall.right_reason >= f["right_reason"], res.overall.ids_missed


def test_terminology_held_back_half(tmp_path):
    from test_terminology_heldout import measure

    f = FLOORS["terminology"]
    m = measure(_half("terminology_v3.jsonl", "held_back", tmp_path))
    assert m["n_faulty"] - len(m["missed"]) >= f["caught"], m["missed"]
    assert len(m["false_flags"]) <= f["false_flags"], m["false_flags"]


def test_pii_held_back_half(tmp_path):
    from bench_data_checks import measure_pii

    f = FLOORS["pii"]
    m = measure_pii(_half("pii_precision_v3.jsonl", "held_back", tmp_path))
    caught = sum(k["flagged"] for k in m["kinds"].values() if k["leak"])
    assert m["false_leaks"] <= f["false_leaks"], m["kinds"]
    assert caught >= f["caught"], m["kinds"]


def test_exports_whole_set():
    from bench_data_checks import measure_exports

    f = FLOORS["exports"]
    m = measure_exports(V3 / "exports_v3.jsonl", V3 / "exports_v3.labels.jsonl")
    assert len(m["clean_with_error"]) <= f["clean_with_error"], m["clean_with_error"]
    found = {label: r["tp"] for label, r in m["per_label"].items()}
    assert all(found.get(k, 0) >= v for k, v in f["found"].items()), found
    assert all(m["per_label"][k]["fp"] <= v for k, v in f["false"].items()), m["per_label"]
    assert len(m["names_survived_lines"]) <= f["names_survived"], m["names_survived_lines"]
