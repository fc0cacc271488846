"""The terminology detector on the held-out set, and on the issue-16 engineer's own vocabulary set.

``tests/labelled/heldout/terminology.jsonl`` is written by someone who never saw the detector
(fields: id, doc_type, prompt, output, faulty, kind, house_style, span). Each case is judged
through the same ``_terminology`` as the tuned set, with the case's own house style. Absent
file: skipped. Its first blind measurement (2026-12-02) was recall 55/58 and false flags 15/34,
mostly the spelling check on clinical words the whitelist lacked; the set has since been read
and used as dev data by issue 16's spelling rework (clinical vocabulary from general sources,
inflection, a compound splitter with a typing-slip test), after which it measures 58/58 and
0/34. The floors are those counts: regression floors on a seen set, not a blind number.

``tests/labelled/terminology_vocab_dev.jsonl`` (28 notes: clinical Bokmål and Nynorsk with a rich
vocabulary, 8 real typing slips) was written by the same engineer before the rework and tuned
against; 14 of 20 valid notes were false flags before it, 0 after. Its sister file
``terminology_vocab_unseen.jsonl`` (15 notes) was kept aside and run once at the end (README).
Counts, not rates: no floating-point edge.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from test_detector_quality import _terminology

HELDOUT = Path(__file__).resolve().parent / "labelled" / "heldout" / "terminology.jsonl"
MIN_CAUGHT, MAX_FALSE_FLAGS = 58, 0  # of 58 faulty and 34 valid notes
VOCAB_DEV = HELDOUT.parent.parent / "terminology_vocab_dev.jsonl"


def measure(path: Path = HELDOUT) -> dict:
    """Recall, false-flag rate, and misses / false flags per kind on the held-out set."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    flagged = {r["id"]: _terminology(r) for r in rows}
    pos = [r for r in rows if r["faulty"]]
    neg = [r for r in rows if not r["faulty"]]
    missed = [r for r in pos if not flagged[r["id"]]]
    false = [r for r in neg if flagged[r["id"]]]
    return {"items": len(rows), "n_faulty": len(pos), "recall": 1 - len(missed) / len(pos) if pos else None,
            "false_flag_rate": len(false) / len(neg) if neg else None,
            "missed_by_kind": dict(Counter(r["kind"] for r in missed)),
            "false_flags_by_kind": dict(Counter(r["kind"] for r in false)),
            "missed": [r["id"] for r in missed], "false_flags": [r["id"] for r in false]}


@pytest.mark.skipif(not HELDOUT.exists(), reason="no held-out terminology set (tests/labelled/heldout/)")
def test_heldout_terminology():
    pytest.importorskip("gate.clinical.icpc2", reason="gate.clinical (data stage) not installed")
    m = measure()
    print(json.dumps(m, ensure_ascii=False))
    assert m["n_faulty"] - len(m["missed"]) >= MIN_CAUGHT, m
    assert len(m["false_flags"]) <= MAX_FALSE_FLAGS, m


def test_vocabulary_dev_set():
    # every valid note passes (Latin anatomy, tests, drugs, compounds), every typing slip is caught
    pytest.importorskip("gate.clinical.icpc2", reason="gate.clinical (data stage) not installed")
    m = measure(VOCAB_DEV)
    assert (m["items"], m["n_faulty"]) == (28, 8)
    assert (m["missed"], m["false_flags"]) == ([], []), m


if __name__ == "__main__":
    print(json.dumps(measure(), ensure_ascii=False, indent=1) if HELDOUT.exists() else "no held-out set")


def test_measure_reads_the_heldout_schema(tmp_path):
    # the schema the labeller writes, on two hand-made rows (not the held-out set)
    rows = [{"id": "a", "doc_type": "soap", "prompt": "K 42, korsrygg 1 veke.", "house_style": "nynorsk", "span": None,
             "output": "S: Korsryggsmerter i ei veke.\nO: Lasègue negativ.\nA: L84 Ryggsyndrom.\nP: Kontroll om ei veke.",
             "faulty": False, "kind": "nynorsk_clean"},
            {"id": "b", "doc_type": "soap", "prompt": "M 40, nakke.", "house_style": "bokmal", "span": "ICPC-2 M54.2",
             "output": "S: Nakkesmerter.\nO: Nedsatt rotasjon.\nA: Nakkesmerter, ICPC-2 M54.2.\nP: Kontroll om 2 uker.",
             "faulty": True, "kind": "wrong_system"}]
    p = tmp_path / "terminology.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    m = measure(p)
    assert (m["items"], m["recall"], m["false_flag_rate"], m["missed"], m["false_flags"]) == (2, 1.0, 0.0, [], [])


V3_DEV = HELDOUT.parent.parent / "v3_dev" / "terminology_v3_dev.jsonl"


@pytest.mark.skipif(not V3_DEV.exists(), reason="no v3 dev half on this branch")
def test_v3_dev_half_floor():
    # round 2 dev data (45 notes: 19 valid, 26 faulty). Before the round: 14 of 19 valid notes flagged
    # (code_chapter on shorthand inputs 8, compounds 4, a Nynorsk message judged Bokmål 1, both 1),
    # 25 of 26 faults caught (ICD-10: L84 with the ICPC-2 title missed; two caught for the wrong
    # reason). A regression floor on a seen set, counts not rates.
    pytest.importorskip("gate.clinical.icpc2", reason="gate.clinical (data stage) not installed")
    m = measure(V3_DEV)
    assert (m["items"], m["n_faulty"]) == (45, 26)
    assert m["n_faulty"] - len(m["missed"]) >= 26, m
    assert len(m["false_flags"]) <= 0, m
