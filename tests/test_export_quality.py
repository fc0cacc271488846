"""Detector quality of ``data check`` on the labelled clinic-export dev sample and the PII-precision
dev set, measured by bench/bench_data_checks.py (which also reads the held-out sets when present).

The dev sample (tests/labelled/exports_dev.jsonl) was written before the checks were reworked and
then tuned on, so these floors guard against regressions; the honest numbers are the held-out ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
LABELLED = ROOT / "tests" / "labelled"


def test_every_defect_type_is_named_and_no_clean_line_gets_an_error():
    from bench_data_checks import measure_exports

    m = measure_exports(LABELLED / "exports_dev.jsonl", LABELLED / "exports_dev.labels.jsonl")
    assert m["clean_with_error"] == []
    for label, r in m["per_label"].items():
        assert r["n"] >= 3, label  # every defect type in several spellings
        assert r["recall"] >= 0.85 and r["precision"] >= 0.9, (label, r)
    assert m["names_survived_lines"] == []


def test_pii_gate_has_no_false_leaks_on_signoffs_and_keeps_recall():
    from bench_data_checks import measure_pii

    m = measure_pii(LABELLED / "pii_precision_dev.jsonl")
    assert m["false_leaks"] == 0 and m["negatives"] >= 15
    assert m["recall"] == 1.0
