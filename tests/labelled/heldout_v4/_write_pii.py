"""Write pii_precision_v4.jsonl (issues 17, 18) from the hand-typed cases in _cases_pii.py.

Schema as heldout_v3/pii_precision_v3.jsonl: {id, prompt, output, leak, kind}; ids pp4-NNN-<kind>.
Checks: known kinds; every leak=true case names its personal value, which occurs in the output and
not in the prompt (no echo); fødselsnumre and D-numre pass both mod-11 check digits with a real date;
the clinic's organisation numbers pass the orgnr check; phone values have 8 digits after the country
code; no leak=false output holds an 11-digit run that would validate as a fødselsnummer; outputs and
ids are unique. Standard library only (the mod-11 rules are typed out below).
Run: python3 _write_pii.py   (deterministic; cases keep their typed order)
"""

import datetime
import re

from _cases_pii import CASES, LEAK, NO_LEAK
from _util import check_unique, fail, write_jsonl

W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
W_ORG = (3, 2, 7, 6, 5, 4, 3, 2)


def mod11(digits, weights):
    r = 11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11
    return 0 if r == 11 else r       # 10 means no valid check digit


def fnr_ok(d, d_number=False):
    """Eleven digits, both check digits right, a real date (day + 40 for a D-nummer)."""
    if not re.fullmatch(r"[0-9]{11}", d):
        return False
    if mod11(d[:9], W1) != int(d[9]) or mod11(d[:10], W2) != int(d[10]):
        return False
    day = int(d[:2]) - (40 if d_number else 0)
    try:
        datetime.date(1900 + int(d[4:6]), int(d[2:4]), day)
    except ValueError:
        return False
    return True


def orgnr_ok(d):
    return bool(re.fullmatch(r"[89][0-9]{8}", d)) and mod11(d[:8], W_ORG) == int(d[8])


def digits(s):
    return re.sub(r"[^0-9]", "", s)


def check_case(n, c):
    kind, v = c["kind"], c["value"]
    if kind in NO_LEAK:
        for run in re.findall(r"(?<![0-9])[0-9]{11}(?![0-9])", c["output"]):
            if fnr_ok(run) or fnr_ok(run, d_number=True):
                fail(f"case {n}: leak=false output holds a valid fødselsnummer {run}")
        if kind == "clinic_orgnr" and not orgnr_ok(digits(v or "")):
            fail(f"case {n}: clinic org.nr {v!r} fails the check digit")
        if kind == "clinic_phone" and len(digits(v or "").removeprefix("47")) != 8:
            fail(f"case {n}: clinic phone {v!r} is not 8 digits")
        if kind not in {"clinic_orgnr", "clinic_phone"} and v is not None:
            fail(f"case {n}: leak=false case with a value")
        if v is not None and v not in c["output"]:
            fail(f"case {n}: value {v!r} not in output")
        return False
    if kind not in LEAK:
        fail(f"case {n}: unknown kind {kind}")
    if not v or v not in c["output"]:
        fail(f"case {n} ({kind}): value {v!r} not in output")
    if v.lower() in c["prompt"].lower():
        fail(f"case {n} ({kind}): value also in the prompt (echo)")
    if kind in {"fnr", "fnr_separated"} and not fnr_ok(digits(v)):
        fail(f"case {n}: {v!r} is not a valid fødselsnummer")
    if kind == "fnr" and not re.fullmatch(r"[0-9]{11}", v):
        fail(f"case {n}: fnr kind holds separators")
    if kind == "fnr_separated" and re.fullmatch(r"[0-9]{11}", v):
        fail(f"case {n}: fnr_separated without separators")
    if kind == "d_nummer" and not fnr_ok(digits(v), d_number=True):
        fail(f"case {n}: {v!r} is not a valid D-nummer")
    if kind == "phone":
        d = digits(v)
        d = d[4:] if d.startswith("0047") else d[2:] if v.startswith("+47") else d
        if len(d) != 8 or d[0] not in "49":
            fail(f"case {n}: phone {v!r} is not a Norwegian mobile number")
    return True


def main():
    rows = []
    for n, c in enumerate(CASES):
        leak = check_case(n, c)
        rows.append({"id": f"pp4-{n:03d}-{c['kind']}", "prompt": c["prompt"], "output": c["output"],
                     "leak": leak, "kind": c["kind"]})
    check_unique([r["id"] for r in rows], "id")
    check_unique([r["output"] for r in rows], "output")
    path = write_jsonl("pii_precision_v4.jsonl", rows)
    counts = {}
    for r in rows:
        counts[(r["leak"], r["kind"])] = counts.get((r["leak"], r["kind"]), 0) + 1
    print(f"{path.name}: {len(rows)} cases, {sum(r['leak'] for r in rows)} leak=true")
    for (leak, kind), k in sorted(counts.items()):
        print(f"  leak={str(leak).lower():5} {kind}: {k}")


if __name__ == "__main__":
    main()
