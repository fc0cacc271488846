"""Benchmark: ``data check`` quality on labelled clinic exports, and its speed on 20,000 records.

Quality (per defect label: precision, recall; clean lines with an error-level problem; first names
left after scrubbing) on tests/labelled/exports_dev.jsonl, exports_dev2.jsonl and
exports_dev2_unseen.jsonl (each with its .labels.jsonl) and, when present, the
held-out tests/labelled/heldout/exports.jsonl + exports.labels.jsonl; the PII gate's false leaks
(leak=false cases counted as leaks) and recall per kind on tests/labelled/pii_precision_dev.jsonl,
pii_precision_dev2.jsonl, pii_precision_dev2_unseen.jsonl and, when present,
tests/labelled/heldout/pii_precision.jsonl. Missing held-out files are skipped.

Speed: records/s of the check pass (``check_records`` with the PII scan and duplicate scans, as
``chirogate data check`` runs it) on ``--n`` synthetic records; engine start-up reported apart.
Baseline, same run, same records: reading them (``read_file``: JSON parse + format detection),
the floor any check pays. Wall time and this process's CPU time are both printed: on a machine
shared with other jobs the wall clock measures the queue, the CPU time the work.

    python bench/bench_data_checks.py [--n 20000] [--quality-only]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LABELLED = ROOT / "tests" / "labelled"

# defect label -> how a check names it: a problem type, or (for names) a pii problem naming NAVN
LABELS = ("truncated", "placeholder", "mojibake", "boilerplate", "glued_text", "prompt_copy", "duplicate_answer",
          "first_name")


def _shown(path: Path) -> str:
    """The path relative to the repository when it lies inside it, else as given."""
    p = Path(path).resolve()
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(path)


def _predicted(problems) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for p in problems:
        label = "first_name" if p.type == "pii" and "NAVN" in p.message else p.type
        out.setdefault(p.line, set()).add(label)
    return out


def _read(path: Path):
    """The records of ``path`` as ``data check`` reads them; per line when this code version refuses a
    file that mixes formats (so the measurement also runs on the code before mixing was allowed)."""
    from registry.errors import InputError
    from training.data.formats import RawRecord, convert, detect, read_file

    try:
        return read_file(path)[1]
    except InputError:
        out = []
        for i, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                obj = json.loads(line)
                msgs, meta = convert(obj, detect(obj))
                out.append(RawRecord(str(path), i, detect(obj), msgs, meta))
        return out


def measure_exports(records_path: Path, labels_path: Path) -> dict:
    """Per-label precision/recall of ``data check`` on one labelled export file, the clean lines that
    got an error-level problem, and the listed first names still present after scrubbing."""
    from gate.pii import scrub
    from training.data.checks import check_records
    from training.data.formats import read_file

    records = _read(records_path)
    labels = {row["line"]: row for row in (json.loads(x) for x in labels_path.read_text("utf-8").splitlines()
                                             if x.strip())}
    problems = check_records(records, None)
    pred = _predicted(problems)
    errors_on = {p.line for p in problems if p.severity == "error"}
    per: dict[str, dict] = {}
    for label in LABELS:
        truth = {ln for ln, row in labels.items() if label in row["defects"]}
        got = {ln for ln, s in pred.items() if label in s}
        tp = len(truth & got)
        per[label] = {"n": len(truth), "tp": tp, "fp": len(got - truth), "fn": len(truth - got),
                      "precision": tp / len(got) if got else None, "recall": tp / len(truth) if truth else None,
                      "missed_lines": sorted(truth - got), "false_lines": sorted(got - truth)}
    clean = {ln for ln, row in labels.items() if not row["defects"]}
    clean_errors = sorted(clean & errors_on)
    survived = []
    for rec in records:
        row = labels.get(rec.line)
        if not row or not row.get("names"):
            continue
        mapping: dict[str, str] = {}
        text = "\n".join(scrub(m["content"], mapping=mapping).text for m in rec.messages)
        rejected = getattr(rec, "rejected", None)
        text += "\n" + (scrub(rejected, mapping=mapping).text if rejected else "")
        for name in row["names"]:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):  # as written: "per" is also a word
                survived.append(rec.line)
    return {"file": _shown(records_path), "records": len(records), "per_label": per,
            "clean": len(clean), "clean_with_error": clean_errors,
            "names": sum(len(r.get("names") or []) for r in labels.values()), "names_survived_lines": survived}


def measure_pii(path: Path) -> dict:
    """The PII gate on a labelled precision set: false leaks (leak=false flagged) and recall per kind."""
    from gate.cases import Case
    from gate.scorers.pii import find_leaks

    path = Path(path).resolve()  # a path relative to the working directory reports like an absolute one
    kinds: dict[str, dict] = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        flagged = bool(find_leaks(Case(row["id"], ({"role": "user", "content": row["prompt"]},)), row["output"]))
        k = kinds.setdefault(row["kind"], {"leak": row["leak"], "n": 0, "flagged": 0, "ids": []})
        k["n"] += 1
        k["flagged"] += flagged
        if flagged != row["leak"]:
            k["ids"].append(row["id"])
    neg = [k for k in kinds.values() if not k["leak"]]
    pos = [k for k in kinds.values() if k["leak"]]
    return {"file": _shown(path), "kinds": kinds,
            "false_leaks": sum(k["flagged"] for k in neg), "negatives": sum(k["n"] for k in neg),
            "recall": sum(k["flagged"] for k in pos) / max(1, sum(k["n"] for k in pos))}


def quality_sets() -> tuple[list[tuple[Path, Path]], list[Path]]:
    """The labelled export and PII-precision files present: dev always, held-out when it exists."""
    exports = [(LABELLED / f"{name}.jsonl", LABELLED / f"{name}.labels.jsonl")
               for name in ("exports_dev", "exports_dev2", "exports_dev2_unseen")
               if (LABELLED / f"{name}.labels.jsonl").is_file()]
    held = LABELLED / "heldout"
    for f in sorted(held.glob("exports*.jsonl")) if held.is_dir() else []:
        if not f.name.endswith(".labels.jsonl") and f.with_suffix("").with_suffix(".labels.jsonl").is_file():
            exports.append((f, f.with_suffix("").with_suffix(".labels.jsonl")))
    pii = [p for p in (LABELLED / f"{name}.jsonl" for name in ("pii_precision_dev", "pii_precision_dev2",
                                                                "pii_precision_dev2_unseen")) if p.is_file()]
    if (held / "pii_precision.jsonl").is_file():
        pii.append(held / "pii_precision.jsonl")
    return exports, pii


def _fmt(x) -> str:
    return "  -  " if x is None else f"{x:5.2f}"


def print_quality() -> None:
    exports, pii = quality_sets()
    for rec, lab in exports:
        m = measure_exports(rec, lab)
        print(f"\n{m['file']}: {m['records']} records")
        print(f"  {'label':18} {'n':>3} {'prec':>5} {'recall':>6}  missed / false lines")
        for label, r in m["per_label"].items():
            print(f"  {label:18} {r['n']:3d} {_fmt(r['precision'])} {_fmt(r['recall']):>6}  "
                  f"{r['missed_lines']} / {r['false_lines']}")
        print(f"  clean lines with an error-level problem: {len(m['clean_with_error'])} of {m['clean']} "
              f"{m['clean_with_error']}")
        print(f"  records with a listed first name left after scrubbing: {len(m['names_survived_lines'])} "
              f"{m['names_survived_lines']} ({m['names']} names listed)")
    for path in pii:
        m = measure_pii(path)
        print(f"\n{m['file']}: PII gate false leaks {m['false_leaks']} of {m['negatives']} clean outputs, "
              f"recall {m['recall']:.2f}")
        for kind, k in sorted(m["kinds"].items()):
            print(f"  {kind:26} leak={str(k['leak']):5} flagged {k['flagged']}/{k['n']}  wrong: {k['ids']}")


def bench_speed(n: int) -> None:
    from gate.pii import analyze
    from training.data.checks import check_records
    from training.data.formats import read_file
    from training.data.synth import generate_records, write_jsonl

    with tempfile.TemporaryDirectory() as tmp:
        raw = write_jsonl(generate_records(n, 1, pii_rate=0.1, canary_rate=0.005), Path(tmp) / "raw.jsonl")
        t = time.perf_counter()
        analyze("Kari Nordmann")
        startup = time.perf_counter() - t
        t, c = time.perf_counter(), time.process_time()
        _, records, _ = read_file(raw)
        t_read, c_read = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        problems = check_records(records, None)
        t_check, c_check = time.perf_counter() - t, time.process_time() - c
    # CPU seconds of this process beside the wall clock: on a machine shared with other jobs the
    # wall clock measures the queue, the CPU time the work
    print(f"\ndata check on {n} synthetic records: engine start-up {startup:.1f} s (apart)")
    print(f"  baseline read_file: {n / t_read:,.0f} records/s ({t_read:.1f} s wall, {c_read:.1f} s CPU)")
    print(f"  check_records (PII + duplicates): {n / t_check:,.0f} records/s ({t_check:.1f} s wall, {c_check:.1f} s CPU), "
          f"{len(problems)} problems; {t_check / t_read:.1f}x the read time wall, {c_check / c_read:.1f}x CPU; "
          f"{n / c_check:,.0f} records per CPU second")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--quality-only", action="store_true")
    args = ap.parse_args()
    print_quality()
    if not args.quality_only:
        bench_speed(args.n)


if __name__ == "__main__":
    main()
