"""Benchmark: the spelling check on one long note against plain hunspell on the same words.

The note is every output of the labelled terminology sets (``tests/labelled/terminology*.jsonl``
and the held-out set when present) joined into one text (about 5,000 words, clinical Bokmål,
Nynorsk and the labelled typos). Ours: ``gate.terminology.spelling.check`` with its word caches
cleared before each repetition (the dictionary stays loaded: it is read once per process).
Baseline, in the same run on the same words: ``spylls`` ``Dictionary.lookup`` on every word of
the note (no vocabulary, no compound splitter, no cache), i.e. what a plain hunspell check costs.
A second line does the same with every word's letters shuffled in its middle (each word unknown:
the worst case, every word goes through the compound splitter and the typing-slip test).
Times are process CPU time, so the ratio stays meaningful on a shared machine:

    taskset -c 0 python bench/bench_spelling.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def note() -> str:
    rows = []
    for p in sorted((ROOT / "tests" / "labelled").glob("terminology*.jsonl")) + \
            [ROOT / "tests" / "labelled" / "heldout" / "terminology.jsonl"]:
        if p.exists():
            rows += [json.loads(line)["output"] for line in p.read_text("utf-8").splitlines() if line.strip()]
    return "\n\n".join(rows)


def scrambled(text: str, seed: int = 1) -> str:
    rng = random.Random(seed)

    def mix(m: re.Match) -> str:
        w = m.group(0)
        mid = list(w[1:-1])
        rng.shuffle(mid)
        return w[0] + "".join(mid) + w[-1]

    return re.sub(r"[a-zæøå]{6,}", mix, text)


def clear() -> None:
    from gate.terminology import spelling

    for f in (spelling._known, spelling._lookup, spelling._compound, spelling._in_vocabulary):
        f.cache_clear()


def time_ours(text: str) -> tuple[float, int]:
    from gate.terminology.spelling import check

    clear()
    t = time.process_time()
    r = check(text)
    return time.process_time() - t, len(r.unknown)


def time_baseline(text: str) -> float:
    from gate.terminology.spelling import _WORD, _dictionary

    d = _dictionary("bokmal")
    t = time.process_time()
    for m in _WORD.finditer(text):
        d.lookup(m.group(0))
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from gate.terminology.spelling import _dictionary, _stems, whitelist

    _dictionary("bokmal"), _stems("bokmal"), whitelist()  # loaded once per process, not timed
    for name, text in (("clinical note", note()), ("every word scrambled", scrambled(note()))):
        words = len(re.findall(r"\w+", text))
        ours = min(time_ours(text)[0] for _ in range(args.repeat))
        unknown = time_ours(text)[1]
        base = min(time_baseline(text) for _ in range(args.repeat))
        print(f"{name}: {words} words, {unknown} unknown; check {ours:.2f} s CPU ({words / ours:,.0f} words/s), "
              f"plain hunspell lookup {base:.2f} s; ratio {ours / base:.2f}x the baseline")


if __name__ == "__main__":
    main()
