"""The dev half of the v4 hallucination set (tests/labelled/v4_dev/), written by an independent labeller
(2/3 clinic-shorthand inputs, outputs as instruction-tuned 7B models paraphrase), split by scenario; the
other half stays with the lead as the evidence.

How the dev half was used (README "Held-out sets: the honest numbers"): its 18 scenarios (a scenario =
one input, with its clean and faulty outputs) were split again in input order: the first 9 to find causes
and tune on, the last 9 to check. The check part was measured after the first round (false flags 5/18
before and after, right-reason 26/35 before and after: the first round's mechanisms did not reach it),
then used as tuning data in a second round. So every number here is a number on a tuning set; these are
regression floors, in counts (no floating-point edge). A change that moves a count should move the floor
only upwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
V4_DEV = ROOT / "tests" / "labelled" / "v4_dev" / "hallucination_v4_dev.jsonl"
sys.path[:0] = [str(ROOT / "bench")]

pytestmark = pytest.mark.skipif(not V4_DEV.exists(), reason="no v4 dev half")

# after the precision round (before it: 12/18 and 26/36; 5/18 and 26/35; 17/36 and 52/71)
FLOORS = {"tune": (0, 35), "check": (0, 29)}  # (false flags at most, right-reason at least) of 18 clean / 36, 35 planted
# right-reason per fact type on the whole dev half (of: diagnosis 5, exam_finding 6, history 4, imaging 7,
# laterality 9, level 3, medication 4, number 6, plan 6, red_flag 5, symptom 4, test_result 5, timing 7)
RIGHT_REASON = {"diagnosis": 1, "exam_finding": 4, "history": 4, "imaging": 7, "laterality": 9, "level": 3,
                "medication": 4, "number": 6, "plan": 6, "red_flag": 4, "symptom": 4, "test_result": 5, "timing": 7}


def _rows() -> list[dict]:
    from bench_detectors import read_set

    return read_set(V4_DEV)


def _parts(rows: list[dict]) -> dict[str, list[dict]]:
    scenarios = list(dict.fromkeys(r["prompt"] for r in rows))
    tune = set(scenarios[:len(scenarios) // 2])
    return {"tune": [r for r in rows if r["prompt"] in tune], "check": [r for r in rows if r["prompt"] not in tune]}


def test_the_split_is_by_scenario_and_as_described():
    rows = _rows()
    parts = _parts(rows)
    assert len(rows) == 107 and sum(not r["hallucinated"] and not r.get("other_fault") for r in rows) == 36
    assert len({r["prompt"] for r in rows}) == 18
    assert not {r["prompt"] for r in parts["tune"]} & {r["prompt"] for r in parts["check"]}
    assert [sum(not r["hallucinated"] for r in p) for p in parts.values()] == [18, 18]


@pytest.mark.parametrize("part", ["tune", "check"])
def test_floors_per_part(part):
    from bench_detectors import measure_v2

    res = measure_v2(_parts(_rows())[part], part)
    ceiling, floor = FLOORS[part]
    assert res.overall.false_flags <= ceiling, res.overall.ids_false
    assert res.overall.right_reason >= floor, res.overall.ids_missed


def test_right_reason_per_fact_type():
    from bench_detectors import measure_v2

    res = measure_v2(_rows(), V4_DEV.name)
    low = {t: (res.by_fact_type[t].right_reason, floor) for t, floor in RIGHT_REASON.items()
           if res.by_fact_type[t].right_reason < floor}
    assert not low, (low, res.overall.ids_missed)
