"""Numbers with units: pain scores (NRS/VAS x/10), degrees, durations, doses, weights, ages.

Number words (en, to, tre ... tolv, femten, tjue) count as numbers; ranges ("2-3 uker")
keep both ends. Spinal levels, codes and clock times are not numbers with units.
"""

from __future__ import annotations

import re

from .base import Doc, Fact

NUMBER_WORDS = {"en": 1, "ett": 1, "ei": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
                "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "fjorten": 14, "femten": 15,
                "tjue": 20, "tretti": 30, "førti": 40, "femti": 50}
UNITS: list[tuple[str, str]] = [
    ("deg", r"grader|grad|°"), ("week", r"uker|uke|ukene|uka|ukers|u\."), ("day", r"dager|dag|dagene|døgn|dagers"),
    ("month", r"måneder|måned|måneders|mnd\.?"), ("year", r"år|års|-årig|-årige|åring"),
    ("hour", r"timer|time|timers|t\."), ("minute", r"minutter|minutt|min\.?"), ("mg", r"mg"), ("g", r"g"),
    ("kg", r"kg|kilo"), ("ml", r"ml"), ("cm", r"cm"), ("mm", r"mm"), ("times", r"ganger|gang|x"),
    ("percent", r"%|prosent"),
]
_NUM = r"\d+(?:[.,]\d+)?"
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAL = rf"(?:{_NUM}|{_WORDS})"
UNIT_RE = re.compile(
    rf"(?<![\w.,/:-])(?P<a>{_VAL})(?:\s*(?:-|–|til)\s*(?P<b>{_VAL}))?\s*(?P<u>"
    + "|".join(f"(?P<{k}>{p})" for k, p in UNITS) + r")(?![\wæøå])", re.IGNORECASE)
SCORE_RE = re.compile(
    rf"(?:\b(?P<scale>NRS|VAS)\s*(?:[:=]|på|er|var)?\s*(?P<v1>{_NUM})(?:\s*(?:/|av)\s*10)?)"
    rf"|(?<![\w.,/:-])(?P<v2>{_NUM}|{_WORDS})\s*(?:/|av)\s*10(?![\d/])", re.IGNORECASE)


# "uke 30" (gestation week), "dag 3": the number follows its unit word.
INDEX_RE = re.compile(r"\b(?P<u>svangerskapsuke|uke|dag)\s+(?P<n>\d{1,2})(?![\d]|[.,:]\d)", re.IGNORECASE)


_DIGITS = re.compile(r"\d+")


def _candidates(doc: Doc) -> list[int]:
    """Offsets where a number-with-unit can start: digit runs, number words, NRS/VAS.

    Running the patterns only there (``match`` at each offset) instead of ``finditer`` over
    every character is what keeps this extractor cheap on long notes."""
    lower = doc.lower
    out = {m.start() for m in _DIGITS.finditer(lower)}
    for word in NUMBER_WORDS:
        for st in doc.prefix_starts.get(word[:2], ()):
            if lower.startswith(word, st):
                out.add(st)
    for prefix in ("nr", "va"):
        out.update(doc.prefix_starts.get(prefix, ()))
    return sorted(out)


def _matches(pattern: re.Pattern, doc: Doc, starts: list[int]) -> list[re.Match]:
    found, last_end = [], -1
    for st in starts:
        if st < last_end:
            continue
        m = pattern.match(doc.text, st)
        if m:
            found.append(m)
            last_end = m.end()
    return found


def _num(s: str) -> float:
    s = s.lower()
    return float(NUMBER_WORDS[s]) if s in NUMBER_WORDS else float(s.replace(",", "."))


def extract_numbers(doc: Doc) -> list[Fact]:
    """Number facts: key = unit (``pain_score``, ``deg``, ``week`` ...), value = (low, high)."""
    facts = []
    taken: list[tuple[int, int]] = []
    starts = _candidates(doc)
    for m in _matches(SCORE_RE, doc, starts):
        v = _num(m.group("v1") or m.group("v2"))
        if v > 10:
            continue
        taken.append((m.start(), m.end()))
        facts.append(Fact("number", "pain_score", (v, v), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
    for m in _matches(UNIT_RE, doc, starts):
        if any(s <= m.start() < e for s, e in taken):
            continue
        unit = next(k for k, _ in UNITS if m.group(k))
        a = m.group("a")
        if a.lower() in NUMBER_WORDS and unit in ("g", "times", "mm", "ml", "percent", "mg", "kg", "cm", "minute"):
            continue  # "en g..." / "to x" are too ambiguous in words
        if unit == "g" and not re.match(r"\d", a):
            continue
        lo = _num(a)
        hi = _num(m.group("b")) if m.group("b") else lo
        facts.append(Fact("number", unit, (lo, hi), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
    for m in INDEX_RE.finditer(doc.text) if ("uke" in doc.lower or "dag" in doc.lower) else ():
        n = float(m.group("n"))
        key = "day_index" if m.group("u").lower() == "dag" else "week_index"
        facts.append(Fact("number", key, (n, n), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
    return facts
