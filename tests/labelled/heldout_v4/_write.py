"""Write hallucination_v4.jsonl from the hand-written cases in _cases_*.py (labeller label-h).

Every prompt and output is a hand-typed literal in the case files. A faulty case is its
scenario's first clean output with exactly one hand-made edit (old text -> new text). This
script only applies that edit and checks it; it generates no text.

Checks, for every fault: the old text occurs exactly once in the clean output; the span occurs
exactly once in the faulty output and not at all in the clean output; the edit changes the text.
Also: ids unique, every line parses back as JSON, vocabularies as in v3.

Run:  python3 _write.py
"""

from __future__ import annotations

import collections
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "hallucination_v4.jsonl"
CASE_FILES = ["_cases_a.py", "_cases_b.py", "_cases_c.py", "_cases_d.py"]
FACT_TYPES = {
    "plan", "number", "imaging", "medication", "history", "exam_finding", "diagnosis",
    "laterality", "test_result", "level", "red_flag", "symptom", "timing",
}
DOC_TYPES = {"soap", "letter", "sick_leave", "message"}
STYLES = {"shorthand", "full"}
ORDER = ["id", "case_kind", "doc_type", "input_style", "prompt", "output", "hallucinated",
         "fact_type", "severity", "span", "other_fault", "inference", "note"]


def load_scenarios() -> list[dict]:
    scenarios: list[dict] = []
    for name in CASE_FILES:
        if not (HERE / name).exists():
            continue
        spec = importlib.util.spec_from_file_location(name[:-3], HERE / name)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        scenarios.extend(module.SCENARIOS)
    return scenarios


def build() -> list[dict]:
    rows: list[dict] = []
    keys: set[str] = set()
    prompts: set[str] = set()
    for sc in load_scenarios():
        key = sc["key"]
        if key in keys:
            sys.exit(f"duplicate scenario key {key}")
        keys.add(key)
        if sc["prompt"] in prompts:
            sys.exit(f"{key}: duplicate prompt")
        prompts.add(sc["prompt"])
        if sc["doc"] not in DOC_TYPES or sc["style"] not in STYLES:
            sys.exit(f"{key}: bad doc_type or input_style")
        base = {"case_kind": "reference", "doc_type": sc["doc"], "input_style": sc["style"],
                "prompt": sc["prompt"]}
        cleans = sc["clean"]
        if len(cleans) != 2:
            sys.exit(f"{key}: expected two clean outputs")
        for output, inference, note in cleans:
            rows.append({**base, "output": output, "hallucinated": False, "fact_type": None,
                         "severity": None, "span": None, "other_fault": None,
                         "inference": inference, "note": note})
        first_output, first_inference, _ = cleans[0]
        if not 3 <= len(sc["faults"]) <= 4:
            sys.exit(f"{key}: expected 3-4 faults")
        for fact_type, severity, old, new, span, note in sc["faults"]:
            if fact_type not in FACT_TYPES or severity not in {"invented", "contradiction"}:
                sys.exit(f"{key}: bad fact_type/severity {fact_type}/{severity}")
            if first_output.count(old) != 1:
                sys.exit(f"{key}: edit anchor occurs {first_output.count(old)} times: {old!r}")
            output = first_output.replace(old, new)
            if output == first_output:
                sys.exit(f"{key}: edit changes nothing: {old!r}")
            if output.count(span) != 1:
                sys.exit(f"{key}: span occurs {output.count(span)} times in output: {span!r}")
            if span in first_output:
                sys.exit(f"{key}: span is already in the clean output: {span!r}")
            if span not in new:
                sys.exit(f"{key}: span is not inside the new text: {span!r}")
            rows.append({**base, "output": output, "hallucinated": True, "fact_type": fact_type,
                         "severity": severity, "span": span, "other_fault": None,
                         "inference": first_inference, "note": note})
    for i, row in enumerate(rows):
        row["id"] = f"hv4-{i:03d}-{row['fact_type'] or 'clean'}"
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        sys.exit("duplicate ids")
    return [{k: row[k] for k in ORDER} for row in rows]


def summary(rows: list[dict]) -> str:
    clean = [r for r in rows if not r["hallucinated"]]
    faulty = [r for r in rows if r["hallucinated"]]
    lines = [f"scenarios {len({r['prompt'] for r in rows})}", f"cases {len(rows)}",
             f"clean {len(clean)} (inference {sum(r['inference'] for r in clean)})",
             f"faulty {len(faulty)}"]
    per = collections.Counter((r["fact_type"], r["severity"]) for r in faulty)
    for ft in sorted(FACT_TYPES):
        inv, con = per[(ft, "invented")], per[(ft, "contradiction")]
        lines.append(f"  {ft:13s} invented {inv:2d} contradiction {con:2d} total {inv + con:2d}")
    for field in ("doc_type", "input_style"):
        for value in sorted({r[field] for r in rows}):
            c = sum(1 for r in clean if r[field] == value)
            f = sum(1 for r in faulty if r[field] == value)
            lines.append(f"{field} {value}: clean {c} faulty {f} all {c + f}")
    sc_style = collections.Counter(r["input_style"] for r in rows if r["id"] and not r["hallucinated"])
    lines.append(f"prompts by style {dict((k, v // 2) for k, v in sc_style.items())}")
    return "\n".join(lines)


def main() -> None:
    rows = build()
    tmp = OUT.with_suffix(".jsonl.tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    tmp.replace(OUT)
    with OUT.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            obj = json.loads(line)
            if list(obj) != ORDER:
                sys.exit(f"line {n}: field order")
    print(summary(rows))


if __name__ == "__main__":
    main()
