"""Benchmark: the spelling check on clinical text it was not tuned on, and on typing slips made from it.

The outputs of the labelled hallucination sets are valid Norwegian clinical notes (their planted faults
are facts, not spelling; notes with a PII or terminology ``other_fault`` are left out) and were never
used to build the spelling vocabulary. They are split in two:

- ``tune``: ``hallucination_v3_dev.jsonl`` and the v3 dev half (``v3_dev/hallucination_v3_dev.jsonl``),
  which the det-t round read to find the word-formation rules;
- ``measure``: ``hallucination_v3_unseen.jsonl`` and ``heldout/hallucination_v2.jsonl``, whose unknown
  words that round did not read (only the counts);
- ``older``: the earlier hallucination sets (``hallucination*.jsonl`` before v2 blind).

Per group: notes, words, notes with more unknown words than the gate's default limit, unknown words.
Then typing slips: every word of seven letters or more of a group that the check knows gets one slip
(a letter dropped, two swapped, one doubled, one replaced or added by a neighbouring key; never the first
letter or the last two; seeded by the word, so the same word gets the same slip in every run), a slip that
is itself a dictionary word is left out, and the share of slips the check names is printed.

    python bench/bench_spelling_unseen.py [--show]   (--show lists the unknown words of the tune group)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LABELLED = ROOT / "tests" / "labelled"
GROUPS = {
    "tune": ("hallucination_v3_dev.jsonl", "v3_dev/hallucination_v3_dev.jsonl"),
    "measure": ("hallucination_v3_unseen.jsonl", "heldout/hallucination_v2.jsonl"),
    "older": ("hallucination.jsonl", "hallucination_holdout.jsonl", "hallucination_v2_dev.jsonl",
              "hallucination_v2_blind.jsonl", "hallucination_v2_blind2.jsonl"),
}
_ROWS = ("qwertyuiopå", "asdfghjkløæ", "zxcvbnm")
_POS = {c: (r, i + 0.5 * r) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}


def notes(group: str) -> list[str]:
    out = []
    for name in GROUPS[group]:
        path = LABELLED / name
        if path.exists():
            rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
            out += [r["output"] for r in rows if not r.get("other_fault")]
    return out


def _neighbours(c: str) -> list[str]:
    if c not in _POS:
        return [c]
    r, x = _POS[c]
    return [b for b, (r2, x2) in _POS.items() if b != c and abs(r2 - r) <= 1 and abs(x2 - x) <= 1]


def slip(word: str) -> str:
    rng = random.Random(zlib.crc32(word.encode()))
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(("drop", "swap", "double", "sub", "add"))
    if kind == "drop":
        return word[:i] + word[i + 1:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "sub":
        return word[:i] + rng.choice(_neighbours(word[i])) + word[i + 1:]
    return word[:i] + rng.choice(_neighbours(word[i])) + word[i:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    from gate.scorers.terminology import TerminologyConfig
    from gate.terminology.spelling import _dictionary, check

    limit = TerminologyConfig().max_misspelled_per_100
    dictionary = _dictionary("bokmal")
    for group in GROUPS:
        texts = notes(group)
        results = [check(t) for t in texts]
        unknown = Counter(w for r in results for _, _, w in r.unknown)
        print(f"{group:8s} notes {len(texts):4d}, words {sum(r.words for r in results):6d}: "
              f"{sum(r.per_100 > limit for r in results)} notes over the limit ({limit:g}/100), "
              f"{sum(unknown.values())} unknown words")
        if args.show and group == "tune":
            print("   ", unknown.most_common(40))
        words = sorted({w for t in texts for w in re.findall(r"(?<![\w-])[a-zæøå]{7,}(?![\w-])", t)})
        caught = total = 0
        for w in words:
            t = slip(w)
            if t == w or check(w).unknown or any(True for _ in dictionary.lookuper.good_forms(t, compound_forms=False)):
                continue
            total += 1
            caught += bool(check(f"Funn: {t} i dag.").unknown)
        print(f"{'':8s} typing slips named: {caught}/{total}")


if __name__ == "__main__":
    main()
