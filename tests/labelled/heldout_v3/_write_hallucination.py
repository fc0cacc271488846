"""Write hallucination_v3.jsonl from the hand-written cases in _cases_*.py.

Every prompt and output is a hand-typed literal in the case files. A faulty case is its
scenario's first clean output with exactly one hand-made edit (old text -> new text); this
script only applies that edit, checks that the old text occurs exactly once in the clean
output, and checks that the labelled span occurs in the faulty output. Nothing here generates
text.

Run from the repository root:  python3 tests/labelled/heldout_v3/_write_hallucination.py
"""

from __future__ import annotations

import collections
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "hallucination_v3.jsonl"
CASE_FILES = ["_cases_a.py", "_cases_b.py", "_cases_c.py", "_cases_d.py"]
FACT_TYPES = {
    "plan", "number", "imaging", "medication", "history", "exam_finding", "diagnosis",
    "laterality", "test_result", "level", "red_flag", "symptom", "timing",
}
DOC_TYPES = {"soap", "letter", "sick_leave", "message"}
STYLES = {"shorthand", "full"}


def load_scenarios() -> list[dict]:
    scenarios: list[dict] = []
    for name in CASE_FILES:
        spec = importlib.util.spec_from_file_location(name[:-3], HERE / name)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        scenarios.extend(module.SCENARIOS)
    return scenarios


def build() -> list[dict]:
    rows: list[dict] = []
    keys: set[str] = set()
    for sc in load_scenarios():
        key = sc["key"]
        if key in keys:
            sys.exit(f"duplicate scenario key {key}")
        keys.add(key)
        if sc["doc"] not in DOC_TYPES or sc["style"] not in STYLES:
            sys.exit(f"{key}: bad doc_type or input_style")
        base = {
            "case_kind": "reference",
            "doc_type": sc["doc"],
            "input_style": sc["style"],
            "prompt": sc["prompt"],
        }
        cleans = sc["clean"]
        for output, inference, note in cleans:
            rows.append({
                **base, "output": output, "hallucinated": False, "fact_type": None,
                "severity": None, "span": None, "other_fault": None,
                "inference": inference, "note": note,
            })
        first_output, first_inference, _ = cleans[0]
        for fact_type, severity, old, new, span, note in sc["faults"]:
            if fact_type not in FACT_TYPES or severity not in {"invented", "contradiction"}:
                sys.exit(f"{key}: bad fact_type/severity {fact_type}/{severity}")
            if first_output.count(old) != 1:
                sys.exit(f"{key}: edit anchor occurs {first_output.count(old)} times: {old!r}")
            output = first_output.replace(old, new)
            if output.count(span) != 1:
                sys.exit(f"{key}: span occurs {output.count(span)} times in output: {span!r}")
            if span in first_output:
                sys.exit(f"{key}: span is already in the clean output: {span!r}")
            if output == first_output:
                sys.exit(f"{key}: edit changes nothing")
            rows.append({
                **base, "output": output, "hallucinated": True, "fact_type": fact_type,
                "severity": severity, "span": span, "other_fault": None,
                "inference": first_inference, "note": note,
            })
    # ids in file order: scenario by scenario, clean outputs first, then the faults
    for i, row in enumerate(rows):
        kind = row["fact_type"] or "clean"
        row["id"] = f"hv3-{i:03d}-{kind}"
    order = ["id", "case_kind", "doc_type", "input_style", "prompt", "output", "hallucinated",
             "fact_type", "severity", "span", "other_fault", "inference", "note"]
    return [{k: row[k] for k in order} for row in rows]


def summary(rows: list[dict]) -> str:
    lines = [f"cases {len(rows)}"]
    clean = [r for r in rows if not r["hallucinated"]]
    lines.append(f"clean {len(clean)} (inference {sum(r['inference'] for r in clean)})")
    lines.append(f"faulty {len(rows) - len(clean)}")
    per = collections.Counter((r["fact_type"], r["severity"]) for r in rows if r["hallucinated"])
    for ft in sorted(FACT_TYPES):
        inv, con = per[(ft, "invented")], per[(ft, "contradiction")]
        lines.append(f"  {ft:13s} invented {inv:2d} contradiction {con:2d} total {inv + con:2d}")
    lines.append(f"doc_type {dict(collections.Counter(r['doc_type'] for r in rows))}")
    lines.append(f"input_style {dict(collections.Counter(r['input_style'] for r in rows))}")
    lines.append("clean by doc_type "
                 f"{dict(collections.Counter(r['doc_type'] for r in clean))}")
    return "\n".join(lines)


def main() -> None:
    rows = build()
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    print(summary(rows))


if __name__ == "__main__":
    main()
