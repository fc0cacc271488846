"""Detector quality on the labelled sets in tests/labelled/ (recall and false-flag rate per detector).

The floors below are what the detectors must keep; the measured numbers (for README) are
printed by ``python tests/test_detector_quality.py``. Honest caveat: hallucination.jsonl
and terminology.jsonl were written while the detectors were built (the detectors were
tuned on them). hallucination_holdout.jsonl was written in two batches, each before its
first run: batch 1 (x*) blind recall 14/17, 0/12 false flags, the three misses then fixed;
batch 2 (y*) blind recall 7/8, 0/4 false flags, its miss ("daglig" for "2-3 ganger i uken":
frequency words are not numbers) left as is. pii.jsonl was written before gate.pii existed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

LABELLED = Path(__file__).resolve().parent / "labelled"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# set -> (recall floor, false-flag ceiling)
FLOORS = {
    "hallucination": (0.95, 0.05),
    "hallucination_holdout": (0.90, 0.10),
    "terminology": (0.90, 0.10),
    "pii": (0.90, 0.10),
}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (LABELLED / f"{name}.jsonl").read_text("utf-8").splitlines() if line.strip()]


def _hallucination(row: dict) -> bool:
    from gate.facts import check_output, failing

    # as the gate counts: contradictions and inventions; inferences are reported, not failed
    return bool(failing(check_output(row["prompt"], row["output"], abstention=row["case_kind"] == "abstention")))


def _terminology(row: dict) -> bool:
    from gate.cases import Case
    from gate.scorers.terminology import terminology

    # house_style travels with the case (labelled Nynorsk notes are judged under a Nynorsk house style)
    case = Case(row["id"], ({"role": "user", "content": row["prompt"]},), doc_type=row["doc_type"],
                meta={"house_style": row.get("house_style") or "bokmal"})
    return not terminology()(case, row["output"]).passed


def _pii(row: dict) -> bool:
    from gate.cases import Case
    from gate.scorers.pii import find_leaks

    return bool(find_leaks(Case(row["id"], ({"role": "user", "content": row["prompt"]},)), row["output"]))


DETECTORS = {"hallucination": (_hallucination, "hallucinated"), "hallucination_holdout": (_hallucination, "hallucinated"),
             "terminology": (_terminology, "faulty"), "pii": (_pii, "leak")}


def measure(name: str) -> dict:
    """Recall, false-flag rate and the misclassified ids of one labelled set."""
    detect, label = DETECTORS[name]
    rows = _rows(name)
    pos = [r for r in rows if r[label]]
    neg = [r for r in rows if not r[label]]
    missed = [r["id"] for r in pos if not detect(r)]
    false = [r["id"] for r in neg if detect(r)]
    return {"set": name, "items": len(rows), "positives": len(pos), "negatives": len(neg),
            "recall": (len(pos) - len(missed)) / len(pos), "false_flag_rate": len(false) / len(neg),
            "missed": missed, "false_flags": false}


def _needs(name: str) -> None:
    if name == "terminology":
        pytest.importorskip("gate.clinical.icpc2", reason="gate.clinical (data stage) not installed")
    if name == "pii":
        pytest.importorskip("gate.pii", reason="gate.pii (data stage) not installed")


@pytest.mark.parametrize("name", list(FLOORS))
def test_labelled_set_sizes(name):
    detect, label = DETECTORS[name]
    rows = _rows(name)
    if name != "hallucination_holdout":
        assert len(rows) >= 40
    assert len({r["id"] for r in rows}) == len(rows)
    assert any(r[label] for r in rows) and any(not r[label] for r in rows)


@pytest.mark.parametrize("name", list(FLOORS))
def test_recall_and_false_flags(name):
    _needs(name)
    recall_floor, ff_ceiling = FLOORS[name]
    m = measure(name)
    assert m["recall"] >= recall_floor, m
    assert m["false_flag_rate"] <= ff_ceiling, m


def main() -> None:
    print(f"{'set':24} {'items':>5} {'pos':>4} {'neg':>4} {'recall':>7} {'false flags':>11}  floors")
    for name, (rf, ff) in FLOORS.items():
        try:
            m = measure(name)
        except Exception as exc:  # a detector whose module is not installed
            print(f"{name:24} not measured: {exc}")
            continue
        print(f"{name:24} {m['items']:5d} {m['positives']:4d} {m['negatives']:4d} {m['recall']:7.3f} "
              f"{m['false_flag_rate']:11.3f}  recall >= {rf}, false flags <= {ff}")
        for kind in ("missed", "false_flags"):
            if m[kind]:
                print(f"  {kind}: {', '.join(m[kind])}")


if __name__ == "__main__":
    main()


# Issue 14: the v2 sets (shorthand inputs, paraphrasing outputs, one planted fault per note, the
# planted span labelled). Floors: false flags on clean notes, recall, right-reason recall (a failing
# finding overlaps the planted span), overall and per fact type. The dev set was written before the
# checker changes and then used to build them; the blind set was written after and run once at the end.
V2_FLOORS = {  # set -> (false-flag ceiling, right-reason floor overall, right-reason floor per fact type)
    "hallucination_v2_dev": (0.05, 0.90, 0.80),
    "hallucination_v2_blind": (0.05, 0.90, 0.80),  # first run 2/14, 32/37: see README
    "hallucination_v2_blind2": (0.05, 0.90, 0.80),  # first run 3/10, 14/16: see README
    # hand-written for the second round of issue 14, before the rules it was used to tune (first run: 4/8, 28/30)
    "hallucination_v3_dev": (0.05, 0.90, 0.80),
    "hallucination_v3_unseen": (0.05, 0.90, 0.80),  # kept unseen until the end; first run 1/7, 22/24: see README
}


@pytest.mark.parametrize("name", list(V2_FLOORS))
def test_v2_floors(name):
    from bench.bench_detectors import measure_v2, read_set

    ff_ceiling, rr_floor, per_type_floor = V2_FLOORS[name]
    res = measure_v2(read_set(LABELLED / f"{name}.jsonl"), name)
    rates = res.overall.rates()
    assert rates["false_flag_rate"] <= ff_ceiling, res.overall.ids_false
    assert rates["right_reason_recall"] >= rr_floor, res.overall.ids_missed
    low = {t: r for t, tally in res.by_fact_type.items() if tally.positives
           and (r := tally.rates()["right_reason_recall"]) < per_type_floor}
    assert not low, (low, res.overall.ids_missed)


def test_v2_heldout_floors():
    """Regression floors on the independently written held-out set (issue 14).

    Measured once, blind, when the set landed (2026-12-02): false flags 24/62, right-reason
    recall 87/110. The set has since been SEEN: the second round of issue 14 used it as dev data
    (after it: 0/62, 110/110), so these floors are regression floors on a tuning set, not evidence
    of generalisation (that is the v3 held-out set, measured by the lead). Counts, not rates: no
    floating-point edge."""
    from bench.bench_detectors import HELDOUT, measure_v2, read_set

    if not HELDOUT.exists():
        pytest.skip("tests/labelled/heldout/hallucination_v2.jsonl not present")
    res = measure_v2(read_set(HELDOUT), HELDOUT.name)
    assert res.overall.false_flags <= 0, res.overall.ids_false
    assert res.overall.right_reason >= 110, res.overall.ids_missed


V3_DEV = LABELLED / "v3_dev" / "hallucination_v3_dev.jsonl"
# right-reason counts per fact type on the v3 dev half after round 2 (the set's totals in brackets)
V3_DEV_RIGHT_REASON = {"medication": 7, "imaging": 16, "history": 7, "plan": 19, "diagnosis": 6, "test_result": 11,
                       "laterality": 12, "level": 6, "number": 13, "exam_finding": 8, "symptom": 6, "timing": 8,
                       "red_flag": 7}  # of 8, 17, 7, 23, 7, 11, 12, 7, 13, 9, 7, 8, 7


def test_v3_dev_half_floors():
    """Regression floors on the dev half of the v3 held-out set (issue 14, round 2).

    Before round 2: false flags 13/54, right-reason 100/136. After: 1/54, 126/136. The half was used
    to find causes, so these are floors on a tuning set; the held-back half is the evidence. Counts,
    not rates: no floating-point edge."""
    from bench.bench_detectors import measure_v2, read_set

    res = measure_v2(read_set(V3_DEV), V3_DEV.name)
    assert res.overall.false_flags <= 1, res.overall.ids_false
    assert res.overall.right_reason >= 127, res.overall.ids_missed  # 127 after the v4 precision round
    low = {t: (res.by_fact_type[t].right_reason, floor) for t, floor in V3_DEV_RIGHT_REASON.items()
           if res.by_fact_type[t].right_reason < floor}
    assert not low, (low, res.overall.ids_missed)
