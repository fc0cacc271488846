"""Benchmark: does the hallucination checker catch one generic change planted in a clean note?

A labelled set tests the faults its writer thought of; this tests mechanisms. Every clean note of
the readable labelled sets (the ones without a planted fault, that the checker passes) gets, one
at a time, one mechanical change in its output, at a place drawn with a fixed seed per note:

- side: "høyre" <-> "venstre";
- polarity: "positiv(e)" <-> "negativ(e)";
- number: a number before a unit (uker, dager, grader, %, mg, år, ganger, /10 ...) + 1 (doubled above 10);
- number_word: a number word before a unit one higher ("to uker" -> "tre uker");
- weekday: a weekday two days later; clock: the hour of "kl. 14.15" one later;
- level: a spinal level range one segment up ("L4-L5" -> "L3-L4").

Caught means a failing finding overlaps the changed text (right reason). Not every change is a
clinical contradiction in every sentence (a movement's direction, a comparison), so 100 % is not
the target; a drop after a change to the checker is the signal. Run:

    python bench/bench_mutations.py [--set PATH ...] [--misses]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SETS = ["tests/labelled/hallucination_v2_dev.jsonl", "tests/labelled/heldout/hallucination_v2.jsonl",
        "tests/labelled/hallucination_v3_dev.jsonl", "tests/labelled/hallucination_v3_unseen.jsonl",
        "tests/labelled/v3_dev/hallucination_v3_dev.jsonl", "tests/labelled/hallucination_v2_blind.jsonl",
        "tests/labelled/hallucination_v2_blind2.jsonl", "tests/labelled/probe_deth/hallucination_probe.jsonl",
        "tests/labelled/probe_deth/hallucination_probe2.jsonl", "tests/labelled/v4_dev/hallucination_v4_dev.jsonl"]
_UNIT = r"(?=\s*(?:uker|dager|måneder|grader|%|prosent|mg|år\b|ganger|behandlinger|minutter|timer|/10))"
NEXT_WORD = {"to": "tre", "tre": "fire", "fire": "fem", "fem": "seks", "seks": "åtte", "ti": "tolv"}
DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"]
FLIP = {"høyre": "venstre", "venstre": "høyre", "positiv": "negativ", "negativ": "positiv",
        "positive": "negative", "negative": "positive"}
KINDS = {
    "side": re.compile(r"\b(høyre|venstre)\b"),
    "polarity": re.compile(r"\b(positiv|negativ|positive|negative)\b"),
    "number": re.compile(r"(?<![\w.,/:–-])(\d{1,3})" + _UNIT),
    "number_word": re.compile(r"\b(to|tre|fire|fem|seks|ti)(?=\s+(?:uker|dager|måneder|ganger|behandlinger|minutter|timer)\b)"),
    "weekday": re.compile(r"\b(mandag|tirsdag|onsdag|torsdag|fredag)\b"),
    "clock": re.compile(r"\bkl\.?\s*(\d{1,2})(?=[.:]\d\d)"),
    "level": re.compile(r"\b([LCT])(\d{1,2})([–-])([LCTS])(\d)\b"),
}


def mutate(kind: str, text: str, rng: random.Random) -> tuple[str, int, int] | None:
    """``text`` with one change of ``kind`` and the changed span, or None when it has no place for one."""
    found = list(KINDS[kind].finditer(text))
    if not found:
        return None
    m = rng.choice(found)
    g = m.group(1)
    if kind in ("side", "polarity"):
        new = FLIP[g]
    elif kind == "number":
        new = str(int(g) + 1 if int(g) < 10 else int(g) * 2)
    elif kind == "number_word":
        new = NEXT_WORD[g]
    elif kind == "weekday":
        new = DAYS[(DAYS.index(g) + 2) % 5]
    elif kind == "clock":
        new = str((int(g) + 1) % 24)
    else:
        a, b = int(m.group(2)), int(m.group(5))
        if a < 2:
            return None
        new = f"{m.group(1)}{a - 1}{m.group(3)}{m.group(4) if m.group(4) != 'S' else 'L'}{b - 1 if m.group(4) != 'S' else 5}"
        return text[:m.start()] + new + text[m.end():], m.start(), m.start() + len(new)
    s, e = m.span(1)
    return text[:s] + new + text[e:], s, s + len(new)


def measure(paths: list[Path]) -> tuple[Counter, Counter, dict[str, list[str]]]:
    from gate.facts import check_output, failing

    total, caught, missed = Counter(), Counter(), defaultdict(list)
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line)
            if row["hallucinated"] or row.get("other_fault") or failing(check_output(row["prompt"], row["output"])):
                continue
            for kind in KINDS:
                res = mutate(kind, row["output"], random.Random(f"{row['id']}:{kind}"))
                if res is None:
                    continue
                out, s, e = res
                total[kind] += 1
                if any(f.start < e and s < f.end for f in failing(check_output(row["prompt"], out))):
                    caught[kind] += 1
                else:
                    missed[kind].append(f"{row['id']}: ...{out[max(0, s - 40):e + 20]}...".replace("\n", " "))
    return total, caught, missed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="sets", action="append", type=Path, help="labelled JSONL (default: the readable sets)")
    ap.add_argument("--misses", action="store_true", help="list the changes not caught")
    args = ap.parse_args()
    paths = [p for p in (args.sets or [ROOT / s for s in SETS]) if p.exists()]
    total, caught, missed = measure(paths)
    for kind in KINDS:
        if total[kind]:
            print(f"  {kind:12} caught {caught[kind]:4d}/{total[kind]:<4d} {100 * caught[kind] / total[kind]:5.1f}%")
    all_t, all_c = sum(total.values()), sum(caught.values())
    print(f"  {'overall':12} caught {all_c:4d}/{all_t:<4d} {100 * all_c / max(all_t, 1):5.1f}%")
    if args.misses:
        for kind in KINDS:
            for m in missed[kind]:
                print(f"{kind}: {m}")


if __name__ == "__main__":
    main()
