"""Numbers with units: pain scores (NRS/VAS x/10), degrees, durations, doses, weights, ages.

Number words (en, to, tre ... tolv, femten, tjue) count as numbers; ranges ("2-3 uker")
keep both ends. Spinal levels, codes and clock times are not numbers with units.
"""

from __future__ import annotations

import re

from .base import Doc, Fact

NUMBER_WORDS = {"en": 1, "ett": 1, "ei": 1, "én": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7,
                "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14,
                "femten": 15, "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19, "tjue": 20, "tretti": 30,
                "førti": 40, "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90, "halvannen": 1.5}
# "tjueåtte", "førtifire": ages and durations written as one word
NUMBER_WORDS.update({t + u: NUMBER_WORDS[t] + NUMBER_WORDS[u] for t in ("tjue", "tretti", "førti", "femti", "seksti",
                     "sytti", "åtti", "nitti") for u in ("en", "to", "tre", "fire", "fem", "seks", "sju", "syv",
                                                          "åtte", "ni")})
UNITS: list[tuple[str, str]] = [
    ("deg", r"grader|grad|°"), ("week", r"uker|uke|ukene|uka|ukers|u\."), ("day", r"dager|dag|dagene|døgn|dagers"),
    ("month", r"månedene|måneder|måneden|måned|måneders|mnd\.?"), ("year", r"år|års|-årig|-årige|åring"),
    ("hour", r"timer|time|timers|t\."), ("minute", r"minutter|minutt|min\.?"), ("mg", r"mg|milligram"), ("g", r"gram|g"),
    ("kg", r"kg|kilo"), ("ml", r"ml"), ("cm", r"cm|centimeter"), ("mm", r"mm|millimeter"),
    ("times", r"ganger|gang|x"), ("percent", r"%|prosent"),
    ("treatments", r"behandlingene|behandlinger|behandling|beh\.|konsultasjonene|konsultasjoner|konsultasjon|timene"),
    ("exercises", r"øvelser|øvelsene|øvelse"), ("km", r"km|kilometer"), ("m", r"meter"),
]
# "en behandling", "et par øvelser": an article, not a count (the number is "én").
_ARTICLE = {"en", "ei", "et", "ett"}
_COUNTED = {"treatments", "times", "exercises"}
# Units written out ("fem kilo", "ti minutter") make a number word unambiguous; "to x", "en g" are not.
_SPELLED_UNIT = re.compile(r"kilo|gram|milligram|millimeter|centimeter|minutt\w*|prosent|ganger|behandling\w*|"
                           r"konsultasjon\w*|øvelse\w*|kilometer|meter",
                           re.IGNORECASE)
_NUM = r"\d+(?:[.,]\d+)?"
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VAL = rf"(?:{_NUM}|{_WORDS})"
UNIT_RE = re.compile(  # "160° hø/180° ve": a slash after a word separates two values; after a digit it is a fraction
    rf"(?<![\w.,:-])(?<![\d\s]/)(?P<a>{_VAL})(?:\s*(?:-|–|til)\s*(?P<b>{_VAL}))?\s*(?:(?:siste|første|neste|forrige|nye|ekstra)\s+)?(?P<u>"
    + "|".join(f"(?P<{k}>{p})" for k, p in UNITS) + r")(?![\wæøå])", re.IGNORECASE)
SCORE_RE = re.compile(
    rf"(?:\b(?P<scale>NRS|VAS)\s*(?:[:=]|på|er|var|fra)?\s*(?P<v1>{_NUM})(?:\s*(?:/|av)\s*10)?)"
    rf"|(?<![\w.,/:-])(?P<v2>{_NUM}|{_WORDS})\s*(?:/|av)\s*10(?![\d/])", re.IGNORECASE)


# "fra 6 til 2 på NRS", "4 på VAS": the score before the scale's name
SCORE_AFTER = re.compile(rf"(?<![\w.,/:-])(?P<a>{_NUM}|{_WORDS})(?:\s*(?:til|->|→)\s*(?P<b>{_NUM}|{_WORDS}))?"
                         rf"\s+på\s+(?:NRS|VAS)(?![\w])", re.IGNORECASE)
# "Kraft 4/5", "kraften er 2/5": a muscle strength grade (MRC, out of 5)
STRENGTH_RE = re.compile(r"(?<![\w.,/:-])(?P<v>[0-5])(?P<mod>[+-])?\s*/\s*5(?![\d/])")
# "mellom 40 og 90 grader": the low end of a range written with "mellom ... og"
_BETWEEN_LOW = re.compile(rf"\bmellom\s+(?P<a>{_NUM}|{_WORDS})\s+og\s+$", re.IGNORECASE)
# "NRS fra 7 til 2": the second score of a change.
SCORE_TO = re.compile(rf"\s*(?:til|->|→)\s*(?:NRS\s*|VAS\s*)?(?P<v>{_NUM})(?:\s*/\s*10)?(?![\d/])", re.IGNORECASE)
# Frequencies: "tre ganger daglig", "2 x daglig", "to ganger i uken", "400 mg x 3" (x N after a dose is per day).
_PER = {"day": r"daglig|om\s+dagen|per\s+dag|pr\.?\s+dag|i\s+døgnet|hver\s+dag|dgl\.?|/\s*d(?:ag|øgn)?",
        "week": r"i\s+uken|i\s+uka|per\s+uke|pr\.?\s+uke|ukentlig|hver\s+uke|/\s*u(?:ke)?|/\s*uker?",
        "month": r"i\s+måneden|per\s+måned|månedlig|/\s*mnd\.?|/\s*måned"}
# "tre ganger daglig", "4x/u", "2-3x/uke", "2-3 g/uke", "to til tre ganger i uken", "1 d/u" (days a week);
# "g" is "ganger" only before a week ("1 g/d" is a dose in grams)
FREQ_RE = re.compile(rf"(?<![\w.,/:-])(?P<n>{_VAL})(?:\s*(?:-|–|til)\s*(?P<n2>{_VAL}))?\s*"
                     rf"(?:ganger|gang|x|g\.?(?=\s*(?:/\s*u|i\s+uk|per\s+uke))|"
                     rf"(?P<days>dager|dag|d)(?=\s*(?:/|i\s+uk|per\s+uke)))\s*"
                     rf"(?:(?P<day>{_PER['day']})|(?P<week>{_PER['week']})|"
                     rf"(?P<month>{_PER['month']}))(?![\wæøå])", re.IGNORECASE)
# "trykkbølge x1", "Beh 4x", "Epley x2": a count of times (after the dose and frequency forms).
COUNT_X = re.compile(r"(?=[xX\d])(?<![\w.,/])(?:x\s?(?P<a>\d{1,2})|(?P<b>\d{1,2})\s?x)(?![\w/]|\s*(?:daglig|dgl|/|per|i\s+uk))",
                     re.IGNORECASE)
# "3x15", "3 x 10": sets times repetitions of an exercise, two numbers (not a count of 3)
SETS_REPS = re.compile(r"(?<![\w.,/])(?P<s>\d{1,2})\s?[x×]\s?(?P<r>\d{1,3})(?![\w/.,]\d|[\w/])")
# "fra 4 til 1 dag i uken", "fra 7 til 2": a change from one value to another, not a range.
_FROM = re.compile(r"\bfra\s+$", re.IGNORECASE)
DOSE_X = re.compile(r"(?:mg|g|ml|tablett\w*|tbl\.?)\s*x\s*(?P<n>\d)(?!\d)(?:\s*(?:daglig|dgl\.?))?", re.IGNORECASE)

# "uke 30" (gestation week), "dag 3": the number follows its unit word.
INDEX_RE = re.compile(r"(?:\b|(?<=svangerskaps))(?P<u>uke|dag|u\.)\s*(?P<n>\d{1,2})(?![\d]|[.,:]\d)", re.IGNORECASE)


_DIGITS = re.compile(r"\d+")
_WORDS_BY_PREFIX: dict[str, list[str]] = {}
for _w in sorted(NUMBER_WORDS, key=len, reverse=True):
    _WORDS_BY_PREFIX.setdefault(_w[:2], []).append(_w)


def _candidates(doc: Doc) -> list[int]:
    """Offsets where a number-with-unit can start: digit runs, number words, NRS/VAS.

    Running the patterns only there (``match`` at each offset) instead of ``finditer`` over
    every character is what keeps this extractor cheap on long notes."""
    lower, n = doc.lower, len(doc.lower)
    out = {m.start() for m in _DIGITS.finditer(lower)}
    for prefix, starts in doc.prefix_starts.items():
        words = _WORDS_BY_PREFIX.get(prefix)
        if words:
            for st in starts:
                for word in words:  # a whole word only: "en" does not start "enkelte"
                    e = st + len(word)
                    if lower.startswith(word, st) and (e >= n or not lower[e].isalpha()):
                        out.add(st)
                        break
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
        to = SCORE_TO.match(doc.text, m.end()) if m.group("scale") else None
        if to and float(to.group("v").replace(",", ".")) <= 10:
            v2 = float(to.group("v").replace(",", "."))
            taken.append((to.start(), to.end()))
            facts.append(Fact("number", "pain_score", (v2, v2), to.group(0).strip(), to.start() + len(to.group(0)) -
                              len(to.group(0).lstrip()), to.end(), plan=doc.in_plan(m.start())))
    for m in _matches(SCORE_AFTER, doc, starts):
        if any(a <= m.start() < b for a, b in taken):
            continue
        values = [(_num(m.group(g)), m.start(g), m.end(g)) for g in ("a", "b") if m.group(g)]
        if all(v <= 10 for v, _, _ in values):
            taken.append((m.start(), m.end()))
            for v, a, b in values:
                facts.append(Fact("number", "pain_score", (v, v), doc.text[a:b], a, b, plan=doc.in_plan(m.start())))
    for m in STRENGTH_RE.finditer(doc.text) if "/" in doc.text else ():
        if any(a <= m.start() < b for a, b in taken):
            continue
        v = float(m.group("v")) + {"+": 0.25, "-": -0.25}.get(m.group("mod") or "", 0)
        taken.append((m.start(), m.end()))
        facts.append(Fact("number", "strength_grade", (v, v), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
    for m in _matches(FREQ_RE, doc, starts):
        per = "day" if m.group("day") else "week" if m.group("week") else "month"
        n = _num(m.group("n"))
        n2 = _num(m.group("n2")) if m.group("n2") else n
        taken.append((m.start(), m.end()))
        if m.group("n2") and _FROM.search(doc.lower, max(0, m.start() - 6), m.start()):
            facts.append(Fact("number", f"per_{per}", (n, n), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
            n = n2
        facts.append(Fact("number", f"per_{per}", (min(n, n2), max(n, n2)), m.group(0), m.start(), m.end(),
                          plan=doc.in_plan(m.start())))
    for m in DOSE_X.finditer(doc.text) if "x" in doc.lower else ():
        s = m.start() + m.group(0).lower().index("x")
        if any(a <= s < b for a, b in taken):
            continue
        n = float(m.group("n"))
        taken.append((s, m.end()))
        facts.append(Fact("number", "per_day", (n, n), doc.text[s:m.end()], s, m.end(), plan=doc.in_plan(s)))
    for m in SETS_REPS.finditer(doc.text) if "x" in doc.lower or "×" in doc.text else ():
        if any(a <= m.start() < b for a, b in taken):
            continue
        taken.append((m.start(), m.end()))
        for key, g in (("sets", "s"), ("reps", "r")):
            n = float(m.group(g))
            facts.append(Fact("number", key, (n, n), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
    for m in COUNT_X.finditer(doc.text) if "x" in doc.lower else ():
        if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            continue
        n = float(m.group("a") or m.group("b"))
        taken.append((m.start(), m.end()))
        facts.append(Fact("number", "times", (n, n), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
    for m in _matches(UNIT_RE, doc, starts):
        if any(s <= m.start() < e for s, e in taken):
            continue
        unit = next(k for k, _ in UNITS if m.group(k))
        a = m.group("a")
        if a.lower() in _ARTICLE and unit in _COUNTED:
            continue
        if (a.lower() in NUMBER_WORDS and unit in ("g", "times", "mm", "ml", "percent", "mg", "kg", "cm", "minute")
                and not _SPELLED_UNIT.fullmatch(m.group("u"))):
            continue  # "en g..." / "to x" are too ambiguous in words
        if unit == "g" and not re.match(r"\d", a):
            continue
        lo = _num(a)
        hi = _num(m.group("b")) if m.group("b") else lo
        low = _BETWEEN_LOW.search(doc.lower, max(0, m.start() - 30), m.start()) if not m.group("b") else None
        if low is not None:  # "mellom 40 og 90 grader" is the range 40-90
            lo, hi = min(_num(low.group("a")), hi), max(_num(low.group("a")), hi)
        if m.group("b") and _FROM.search(doc.lower, max(0, m.start() - 6), m.start()):
            facts.append(Fact("number", unit, (lo, lo), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
            lo = hi  # "fra 4 til 1 dager": two values, each its own fact
        facts.append(Fact("number", unit, (min(lo, hi), max(lo, hi)), m.group(0), m.start(), m.end(),
                          plan=doc.in_plan(m.start())))
    for m in INDEX_RE.finditer(doc.text) if ("uke" in doc.lower or "dag" in doc.lower or "u." in doc.lower) else ():
        n = float(m.group("n"))
        key = "day_index" if m.group("u").lower() == "dag" else "week_index"
        facts.append(Fact("number", key, (n, n), m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start())))
    return facts


# "to fall siste halvår", "3 episoder": a count of events, written with the thing counted
COUNT_OF = re.compile(rf"(?<![\w.,/:-])(?P<n>{_NUM}|{_WORDS})\s*(?P<noun>[^\W\d_]+)", re.IGNORECASE)


def counts_of_things(doc: Doc) -> list[tuple[float, str]]:
    """``(value, word)`` for each number and the word written right after it ("to fall" -> (2, "fall"),
    "200 m" -> (200, "m")): what a model may rewrite as a number of times ("har falt to ganger") or with its
    unit written out ("200 meter")."""
    out = []
    for m in _matches(COUNT_OF, doc, _candidates(doc)):
        noun = m.group("noun").lower()
        if noun not in NUMBER_WORDS and (m.group("n")[0].isdigit() or m.group(0)[len(m.group("n"))].isspace()):
            out.append((_num(m.group("n")), noun))
    return out
