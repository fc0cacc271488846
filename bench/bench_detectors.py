"""Benchmark: the hallucination checker on the v2 labelled sets, per fact type and overall.

For each set (the hand-written dev set tests/labelled/hallucination_v2_dev.jsonl, the
independently written tests/labelled/heldout/hallucination_v2.jsonl (seen since, now dev data too),
the second round's hand-written v3 dev set and its part kept unseen until the end, the dev half of the
v3 held-out set, the dev half of the v4 set, and the two small probes of the generalisation round in tests/labelled/probe_deth/;
absent sets are skipped) it prints:

- false flags on clean notes: notes with no planted fault (and no other fault) that get a
  failing finding (contradiction or invented); notes with only a PII or terminology fault
  are reported beside them;
- recall: notes with a planted fault that get any failing finding;
- right-reason recall: notes whose planted span overlaps a failing finding (the gate caught
  the fault itself, not something else by accident);
- per fact type (the label's ``fact_type``), and by input style and document type;
- inferences: notes labelled as containing a hedged reading that get an inference finding.

The baseline named in each row is the chance of "flag everything" (recall 1, false flags 1);
the numbers are rates, so there is nothing machine-dependent to compare. Run:

    python bench/bench_detectors.py [--json] [--set PATH ...]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT / "tests/labelled/hallucination_v2_dev.jsonl"
DEV_V3 = ROOT / "tests/labelled/hallucination_v3_dev.jsonl"
UNSEEN_V3 = ROOT / "tests/labelled/hallucination_v3_unseen.jsonl"
HELDOUT = ROOT / "tests/labelled/heldout/hallucination_v2.jsonl"
V3_DEV_HALF = ROOT / "tests/labelled/v3_dev/hallucination_v3_dev.jsonl"
V4_DEV_HALF = ROOT / "tests/labelled/v4_dev/hallucination_v4_dev.jsonl"
PROBES = [ROOT / "tests/labelled/probe_deth/hallucination_probe.jsonl",
          ROOT / "tests/labelled/probe_deth/hallucination_probe2.jsonl"]
FACT_TYPES = ("medication", "imaging", "history", "plan", "diagnosis", "test_result", "laterality", "level",
              "number", "exam_finding", "symptom", "timing", "red_flag")


@dataclass
class Tally:
    """Counts for one group of notes."""

    clean: int = 0
    false_flags: int = 0
    other_fault: int = 0
    other_fault_flags: int = 0
    positives: int = 0
    caught: int = 0
    right_reason: int = 0
    ids_false: list[str] = field(default_factory=list)
    ids_missed: list[str] = field(default_factory=list)

    def rates(self) -> dict:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {"false_flag_rate": r(self.false_flags, self.clean), "recall": r(self.caught, self.positives),
                "right_reason_recall": r(self.right_reason, self.positives),
                "other_fault_flag_rate": r(self.other_fault_flags, self.other_fault)}


@dataclass
class Result:
    """Everything measured on one labelled set."""

    set: str
    items: int
    overall: Tally
    by_fact_type: dict[str, Tally]
    by_style: dict[str, Tally]
    by_doc_type: dict[str, Tally]
    inference_rows: int = 0
    inference_found: int = 0


def read_set(path: Path) -> list[dict]:
    """The rows of a v2 labelled set (UTF-8 JSONL), through the project's one JSONL reader."""
    from registry.jsonl import read_jsonl

    return [row for _, row in read_jsonl(path)]


def measure_v2(rows: list[dict], name: str = "set") -> Result:
    """Measure :func:`gate.facts.check_output` on labelled rows (schema: docs in the module docstring)."""
    from gate.facts import check_output, failing

    overall = Tally()
    by_type: dict[str, Tally] = defaultdict(Tally)
    by_style: dict[str, Tally] = defaultdict(Tally)
    by_doc: dict[str, Tally] = defaultdict(Tally)
    res = Result(name, len(rows), overall, by_type, by_style, by_doc)
    for row in rows:
        findings = check_output(row["prompt"], row["output"], abstention=row.get("case_kind") == "abstention")
        fails = failing(findings)
        groups = [overall, by_style[row.get("input_style") or "?"], by_doc[row.get("doc_type") or "?"]]
        if row.get("inference"):
            res.inference_rows += 1
            res.inference_found += any(f.severity == "inference" for f in findings)
        if not row["hallucinated"]:
            other = bool(row.get("other_fault"))
            for t in groups:
                if other:
                    t.other_fault += 1
                    t.other_fault_flags += bool(fails)
                else:
                    t.clean += 1
                    t.false_flags += bool(fails)
                    if fails:
                        t.ids_false.append(row["id"])
            if fails and not other:  # a false flag counts against the fact type of the finding
                for ftype in {_fact_type(f) for f in fails}:
                    by_type[ftype].false_flags += 1
            continue
        span = row.get("span") or ""
        s = row["output"].find(span) if span else -1
        e = s + len(span)
        hit = s >= 0 and any(f.start < e and s < f.end for f in fails)
        for t in groups + [by_type[row.get("fact_type") or "?"]]:
            t.positives += 1
            t.caught += bool(fails)
            t.right_reason += hit
            if not hit:
                t.ids_missed.append(row["id"])
    clean_total = overall.clean
    for t in by_type.values():
        t.clean = clean_total  # false flags per type are out of all clean notes
    # plain dicts: dataclasses.asdict (--json) cannot rebuild a defaultdict
    res.by_fact_type, res.by_style, res.by_doc_type = dict(by_type), dict(by_style), dict(by_doc)
    return res


def _fact_type(finding) -> str:
    """The labelled fact type a finding speaks for (finding types are the checker's own)."""
    if finding.type == "region":
        return "laterality" if "lateral" in finding.reason else "symptom"
    return {"test": "test_result", "exam": "exam_finding", "objective_section": "exam_finding",
            "imaging_result": "imaging", "code": "diagnosis"}.get(finding.type, finding.type)


def _line(label: str, t: Tally) -> str:
    r = t.rates()

    def pct(v: float | None) -> str:
        return "   -  " if v is None else f"{100 * v:5.1f}%"
    return (f"  {label:14} false flags {t.false_flags:3d}/{t.clean:<3d} {pct(r['false_flag_rate'])}   "
            f"recall {t.caught:3d}/{t.positives:<3d} {pct(r['recall'])}   "
            f"right-reason {t.right_reason:3d}/{t.positives:<3d} {pct(r['right_reason_recall'])}")


def report(res: Result) -> str:
    """The human-readable table for one set."""
    o = res.overall
    out = [f"{res.set}: {res.items} notes ({o.clean} clean, {o.positives} with a planted fault, "
           f"{o.other_fault} with only a PII/terminology fault); baseline 'flag everything': recall 100%, "
           f"false flags 100%",
           _line("overall", o)]
    out += [_line(ft, res.by_fact_type[ft]) for ft in FACT_TYPES if ft in res.by_fact_type]
    out += [_line(ft, t) for ft, t in sorted(res.by_fact_type.items()) if ft not in FACT_TYPES]
    out += [_line(f"style:{k}", t) for k, t in sorted(res.by_style.items())]
    out += [_line(f"doc:{k}", t) for k, t in sorted(res.by_doc_type.items())]
    if o.other_fault:
        out.append(f"  PII/terminology-only notes flagged as hallucinated: {o.other_fault_flags}/{o.other_fault}")
    if res.inference_rows:
        out.append(f"  hedged readings reported as inference: {res.inference_found}/{res.inference_rows}")
    if o.ids_false:
        out.append(f"  false flags: {', '.join(o.ids_false)}")
    if o.ids_missed:
        out.append(f"  not caught for the right reason: {', '.join(o.ids_missed)}")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="sets", action="append", type=Path, help="labelled JSONL (default: dev + held-out)")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args()
    sets = args.sets or [DEV, HELDOUT, DEV_V3, UNSEEN_V3, V3_DEV_HALF, V4_DEV_HALF, *PROBES]
    results = []
    for path in sets:
        if not path.exists():
            if not args.json:
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: not present, skipped")
            continue
        results.append(measure_v2(read_set(path), path.name))
    if args.json:
        print(json.dumps([{**asdict(r), "overall_rates": r.overall.rates(),
                           "by_fact_type_rates": {k: t.rates() for k, t in r.by_fact_type.items()}}
                          for r in results], ensure_ascii=False, indent=2))
        return
    for r in results:
        print(report(r))


if __name__ == "__main__":
    main()
