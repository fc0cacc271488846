"""Write terminology_v4.jsonl (issue 16) from the hand-typed cases in _cases_terminology.py.

Schema as heldout_v3/terminology_v3.jsonl: {id, doc_type, prompt, output, faulty, kind, house_style,
span}. Valid kinds: clean, valid_out_of_chapter, nynorsk_clean (span null). Faulty kinds carry one
planted fault; span is the faulty text. Each faulty note is the twin of one valid note (same prompt,
one substring changed); terminology_v4.twins.jsonl maps each faulty id to its twin's id.
Checks: known kinds, unique ids and outputs, `old` occurs exactly once in the twin, the span occurs
exactly once in the faulty output and never in its clean twin, every ICPC-2 code in a valid note is in
the checked list below and every planted invalid code is not.
Run: python3 _write_terminology.py   (deterministic)
"""

import random
import re

from _cases_terminology import FAULTY, VALID
from _util import check_unique, fail, write_jsonl

SEED = 20261204
VALID_KINDS = {"clean", "valid_out_of_chapter", "nynorsk_clean"}
FAULTY_KINDS = {"misspelling", "code_mismatch", "invalid_code", "wrong_system", "swedish", "danish",
                "english_leak", "written_standard_mix", "missing_section"}
# ICPC-2 codes used in valid notes; each was looked up in the HL7 Denmark ICPC-2 code system
# (hl7dk/dk-core input/fsh/icpcdk.fsh, supplement to http://hl7.org/fhir/sid/icpc-2).
ICPC2_CHECKED = {"L02", "L03", "L07", "L17", "L77", "L78", "L83", "L84", "L85", "L86", "L87", "L90",
                 "L92", "L93", "N92", "N93", "N95", "K78", "K86", "H82", "P06", "P76", "T90", "W78"}
# planted invalid ICPC-2 codes: absent from that list (gaps L20-L26, L05-L07, N08-N16, K22-K24)
ICPC2_ABSENT = {"L22", "L06", "N14", "K23"}
ICPC2_RE = re.compile(r"\b([A-Z][0-9]{2})\b(?![.0-9])")


def occurrences(text, sub):
    return text.count(sub)


def build():
    by_key = {}
    for v in VALID:
        if v["kind"] not in VALID_KINDS:
            fail(f"{v['key']}: unknown valid kind {v['kind']}")
        if v["house_style"] not in {"bokmal", "nynorsk"}:
            fail(f"{v['key']}: house_style {v['house_style']}")
        if v["key"] in by_key:
            fail(f"duplicate key {v['key']}")
        by_key[v["key"]] = v
        for code in ICPC2_RE.findall(v["output"]):
            # vertebra names (L4, C6, T8) have one digit and never match; ICD-10 codes have a dot
            if code not in ICPC2_CHECKED:
                fail(f"{v['key']}: ICPC-2 code {code} not in the checked list")
    rows = []
    for v in VALID:
        rows.append(dict(key=v["key"], twin=None, note=v["kind"],
                         row={"doc_type": v["doc_type"], "prompt": v["prompt"], "output": v["output"],
                              "faulty": False, "kind": v["kind"], "house_style": v["house_style"],
                              "span": None}))
    seen_twins = set()
    for f in FAULTY:
        if f["kind"] not in FAULTY_KINDS:
            fail(f"fault of {f['twin']}: unknown kind {f['kind']}")
        t = by_key.get(f["twin"])
        if t is None:
            fail(f"fault names unknown twin {f['twin']}")
        if f["twin"] in seen_twins:
            fail(f"{f['twin']} has two faulty twins")
        seen_twins.add(f["twin"])
        if occurrences(t["output"], f["old"]) != 1:
            fail(f"{f['twin']}: old {f['old']!r} occurs {occurrences(t['output'], f['old'])} times")
        out = t["output"].replace(f["old"], f["new"])
        span = f["span"]
        if f["kind"] == "missing_section":
            if span is not None:
                fail(f"{f['twin']}: missing_section carries span null")
        else:
            if occurrences(out, span) != 1:
                fail(f"{f['twin']}: span {span!r} occurs {occurrences(out, span)} times in faulty output")
            if span in t["output"]:
                fail(f"{f['twin']}: span {span!r} also in the clean twin")
        if f["kind"] == "invalid_code" and re.fullmatch(r"[A-Z][0-9]{2}", span):
            if span not in ICPC2_ABSENT or span in ICPC2_CHECKED:
                fail(f"{f['twin']}: invalid code {span} not confirmed absent")
        rows.append(dict(key=f["twin"] + "f", twin=f["twin"], note=f["note"],
                         row={"doc_type": t["doc_type"], "prompt": t["prompt"], "output": out,
                              "faulty": True, "kind": f["kind"], "house_style": t["house_style"],
                              "span": span}))
    random.Random(SEED).shuffle(rows)
    out_rows, twins, id_of = [], [], {}
    for n, r in enumerate(rows):
        rid = f"tv4-{n:03d}-{r['row']['kind']}"
        id_of[r["key"]] = rid
        out_rows.append({"id": rid, **r["row"]})
    for r in rows:
        if r["twin"]:
            twins.append({"id": id_of[r["key"]], "twin_of": id_of[r["twin"]], "note": r["note"]})
    check_unique([r["id"] for r in out_rows], "id")
    check_unique([r["output"] for r in out_rows], "output")
    return out_rows, twins


def main():
    rows, twins = build()
    write_jsonl("terminology_v4.jsonl", rows)
    write_jsonl("terminology_v4.twins.jsonl", twins)
    kinds = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"terminology_v4.jsonl: {len(rows)} notes, "
          f"{sum(not r['faulty'] for r in rows)} valid, {sum(r['faulty'] for r in rows)} faulty")
    for k in sorted(kinds):
        print(f"  {k}: {kinds[k]}")


if __name__ == "__main__":
    main()
