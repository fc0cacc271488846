"""Write exports_v4.jsonl + exports_v4.labels.jsonl (issue 17) from _cases_exports.py.

Record shapes as heldout_v3/exports_v3.jsonl; labels one per line: {line (1-based), defects, names,
note}, at most one defect type a line. Lines are shuffled with a fixed seed; a duplicate_answer line
that lands before the line it repeats swaps places with it, so each comes after its (clean) original.
Checks: known defect types, unique keys and records, every name occurs in the answer, clean lines
carry no names, prompt_copy answers equal their prompt, duplicate answers equal a clean original for a
different prompt, no other answer repeats, mojibake lines hold mojibake, and after writing, the two
files are read back and their line numbers compared.
Run: python3 _write_exports.py   (deterministic)
"""

import random

from _cases_exports import RECORDS
from _util import check_unique, fail, read_jsonl, write_jsonl

SEED = 20261204
DEFECTS = {"truncated", "placeholder", "mojibake", "boilerplate", "glued_text", "prompt_copy",
           "duplicate_answer", "first_name"}
MOJI_MARKS = ("Ã", "Â", "â€")


def answer(rec):
    if "chosen" in rec:
        ch = rec["chosen"]
        return ch if isinstance(ch, str) else ch[-1]["content"]
    if "messages" in rec:
        return rec["messages"][-1]["content"]
    if "response" in rec:
        return rec["response"]
    return rec["output"]


def prompt_text(rec):
    if "messages" in rec:
        return [m["content"] for m in rec["messages"] if m["role"] == "user"][-1]
    if "instruction" in rec:
        return rec["input"] or rec["instruction"]
    p = rec["prompt"]
    return p if isinstance(p, str) else [m["content"] for m in p if m["role"] == "user"][-1]


def check(records):
    by_key = {}
    for r in records:
        if r["key"] in by_key:
            fail(f"duplicate key {r['key']}")
        by_key[r["key"]] = r
        if len(r["defects"]) > 1:
            fail(f"{r['key']}: more than one defect type")
        for d in r["defects"]:
            if d not in DEFECTS:
                fail(f"{r['key']}: unknown defect {d}")
        ans = answer(r["record"])
        for name in r["names"]:
            if name not in ans:
                fail(f"{r['key']}: name {name!r} not in the answer")
        if r["names"] and r["defects"] != ["first_name"]:
            fail(f"{r['key']}: names on a line that is not first_name")
        if r["defects"] == ["first_name"] and not r["names"]:
            fail(f"{r['key']}: first_name without names")
        if "prompt_copy" in r["defects"] and ans.strip() != prompt_text(r["record"]).strip():
            fail(f"{r['key']}: prompt_copy answer differs from its prompt")
        if "mojibake" in r["defects"] and not any(m in ans for m in MOJI_MARKS) \
                and not any(c in ans for c in "ØÅÆ"):
            fail(f"{r['key']}: mojibake line without mojibake")
        if not r["defects"] and any(m in ans for m in MOJI_MARKS):
            fail(f"{r['key']}: clean line with mojibake marks")
        if r["dup_of"]:
            orig = by_key.get(r["dup_of"])
            if orig is None or orig["defects"]:
                fail(f"{r['key']}: repeats a line that is missing or not clean")
            if answer(orig["record"]) != ans:
                fail(f"{r['key']}: answer differs from {r['dup_of']}")
            if prompt_text(orig["record"]) == prompt_text(r["record"]):
                fail(f"{r['key']}: same prompt as {r['dup_of']}")
        elif "duplicate_answer" in r["defects"]:
            fail(f"{r['key']}: duplicate_answer without dup_of")
    answers = {}
    for r in records:
        a = answer(r["record"])
        if a in answers and r["dup_of"] != answers[a]:
            fail(f"{r['key']}: answer repeats {answers[a]} but is not labelled")
        answers.setdefault(a, r["key"])
    check_unique([str(r["record"]) for r in records], "record")


def order(records):
    idx = list(range(len(records)))
    random.Random(SEED).shuffle(idx)
    recs = [records[i] for i in idx]
    pos = {r["key"]: i for i, r in enumerate(recs)}
    for r in list(recs):
        if r["dup_of"] and pos[r["key"]] < pos[r["dup_of"]]:
            i, j = pos[r["key"]], pos[r["dup_of"]]
            recs[i], recs[j] = recs[j], recs[i]
            pos[recs[i]["key"]], pos[recs[j]["key"]] = i, j
    return recs


def main():
    check(RECORDS)
    recs = order(RECORDS)
    line_of = {r["key"]: i + 1 for i, r in enumerate(recs)}
    labels = []
    for i, r in enumerate(recs, 1):
        note = r["note"]
        if r["dup_of"]:
            if line_of[r["dup_of"]] >= i:
                fail(f"{r['key']}: duplicate before its original")
            note = f"answer repeats line {line_of[r['dup_of']]}'s answer for a different prompt ({note})"
        labels.append({"line": i, "defects": r["defects"], "names": r["names"], "note": note})
    write_jsonl("exports_v4.jsonl", [r["record"] for r in recs])
    write_jsonl("exports_v4.labels.jsonl", labels)
    # read back: same count, labels numbered 1..n, each record is the one its label was made for
    back, back_labels = read_jsonl("exports_v4.jsonl"), read_jsonl("exports_v4.labels.jsonl")
    if len(back) != len(back_labels):
        fail("records and labels differ in count")
    for i, (rec, lab) in enumerate(zip(back, back_labels), 1):
        if lab["line"] != i or rec != recs[i - 1]["record"]:
            fail(f"line {i}: label or record out of place")
        if lab["defects"] == ["duplicate_answer"]:
            n = int(lab["note"].split("line ")[1].split("'")[0])
            if answer(back[n - 1]) != answer(rec) or back_labels[n - 1]["defects"]:
                fail(f"line {i}: duplicate does not match clean line {n}")
    counts = {}
    for lab in labels:
        k = lab["defects"][0] if lab["defects"] else "clean"
        counts[k] = counts.get(k, 0) + 1
    print(f"exports_v4.jsonl: {len(recs)} records")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")


if __name__ == "__main__":
    main()
