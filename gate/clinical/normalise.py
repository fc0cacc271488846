"""Normalisation of Norwegian clinical text before comparison: shorthand, synonyms, numbers, formats.

Clinicians type "M 44, lx-smerter hø 3 d, palp.øm L5"; models write "mann, 44 år, smerter
i høyre side av korsryggen i tre dager, palpasjonsømhet ved L5". The fact checker and the
terminology checks compare the two, so both sides are first brought to one form. The
knowledge is data, reviewed line by line: ``abbreviations.tsv`` (shorthand -> written-out
form, with the context a form needs) and ``synonyms.tsv`` (synonyms and eponyms under one
canonical form). This module is the small engine over them:

- :func:`expand_abbreviations` writes shorthand out (also "M 44" -> "mann 44 år");
  :func:`expand_with_map` does the same and maps offsets back to the original text;
- :func:`synonyms_of` / :func:`canonical` look a term up in the synonym lexicon;
- :func:`number_value` reads a number word ("én", "fjorten", "et par");
- :func:`normalise` returns one comparable form (lowercase, shorthand expanded, dashes,
  degrees, clock times, "NRS 4" = "NRS 4/10", number words before units as digits).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

NUMBER_WORDS: dict[str, float] = {
    "null": 0, "en": 1, "én": 1, "ett": 1, "et": 1, "ei": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14,
    "femten": 15, "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19, "tjue": 20, "tretti": 30, "førti": 40,
    "femti": 50, "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90, "hundre": 100, "et par": 2, "halv": 0.5,
}
# Quantities written as one word: "et kvarter" is 15 minutes, "et døgn" 24 hours.
QUANTITY_PHRASES = {"et kvarter": "15 minutter", "en halvtime": "30 minutter", "en halv time": "30 minutter",
                    "et døgn": "24 timer", "ett døgn": "24 timer", "et halvt år": "6 måneder",
                    "en måned": "1 måned", "en uke": "1 uke"}
AGE_WORD = {"M": "mann", "K": "kvinne", "G": "gutt", "J": "jente"}
# "M 44," / "K 61 år" at the start of the note or of a sentence or field: sex and age in shorthand.
_AGE = re.compile(r"(?:^|(?<=[\n.;:,]\s)|(?<=[\n:]))\s*(?P<sex>[MKGJ]|(?i:mann|kvinne|gutt|jente))\s?(?P<age>\d{1,3})"
                  r"(?P<yr>\s*år)?(?![\w/%.,]\d|\s*(?:mm|mg|cm|kg|%|kilo|x\b))")
_TIME_AHEAD = re.compile(r"\s+(?:kl\.?\s*)?[0-2]?\d[:.][0-5]\d")
_NUM_BEHIND = re.compile(r"\d\s?$")


@dataclass(frozen=True)
class Abbreviation:
    """One line of abbreviations.tsv."""

    form: str
    expansion: str
    context: str
    """``any``, ``num`` (only right after a number) or ``time`` (only right before a clock time)."""
    case_sensitive: bool
    meaning: str


def _tsv_rows(name: str) -> list[list[str]]:
    rows = []
    lines = (HERE / name).read_text("utf-8").splitlines()
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        rows.append(cells)
    return rows[1:]  # first non-comment row is the header


@lru_cache(maxsize=1)
def abbreviations() -> tuple[Abbreviation, ...]:
    """The reviewed abbreviation lexicon (``abbreviations.tsv``), longest form first."""
    out = []
    for cells in _tsv_rows("abbreviations.tsv"):
        form, expansion, context, case, meaning = (cells + [""] * 5)[:5]
        out.append(Abbreviation(form, expansion, context or "any", case == "s", meaning))
    return tuple(sorted(out, key=lambda a: len(a.form), reverse=True))


@lru_cache(maxsize=1)
def _abbr_index() -> tuple[dict[str, list[tuple[str, list[Abbreviation]]]], dict[str, list]]:
    """The forms to try at a word start, longest first: keyed by the word's first three (lowercase)
    characters (the forms beginning so, then the forms of one or two characters that fit), and, for a
    word whose first three characters begin no form, by its first two. Looking forms up only at word
    starts is several times faster than one regex alternation tried at every character."""
    by_lower: dict[str, list[Abbreviation]] = {}
    for a in abbreviations():
        by_lower.setdefault(a.form.lower(), []).append(a)
    two: dict[str, list[tuple[str, list[Abbreviation]]]] = {}
    for form in sorted(by_lower, key=len, reverse=True):
        two.setdefault(form[:2], []).append((form, by_lower[form]))
    one = {k: v for k, v in two.items() if len(k) == 1}  # one-letter forms ("3 d", "1 u") under that letter

    def fitting(group: list, key: str) -> list:
        return [c for c in group if c[0].startswith(key) or len(c[0]) <= 2] + one.get(key[0], [])

    by3 = {form[:3]: fitting(two[form[:2]], form[:3]) for form in by_lower if len(form) >= 3}
    short = {k: fitting(v, k) for k, v in two.items() if len(k) == 2}
    short.update({k: v for k, v in one.items() if k not in short})
    return by3, short


# Every form starts with a letter; "/" and "-" separate two ("cx/tx", "biceps-refl").
_WORD_START = re.compile(r"(?<![\w.])[^\W\d_]")


@dataclass(frozen=True)
class _Hit:
    span: tuple[int, int]
    text: str

    def start(self) -> int:
        return self.span[0]

    def end(self) -> int:
        return self.span[1]

    def group(self, _: int = 0) -> str:
        return self.text


def _abbr_hits(text: str):
    lower = text.lower() if len(text.lower()) == len(text) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in text)
    by3, short = _abbr_index()
    for m in _WORD_START.finditer(lower):
        s = m.start()
        found = by3.get(lower[s:s + 3]) or short.get(lower[s:s + 2]) or short.get(lower[s], ())
        for form, cands in found:
            if lower.startswith(form, s):
                e = s + len(form)
                if form[-1].isalnum() and e < len(lower) and (lower[e].isalnum() or lower[e] == "_"):
                    continue
                yield _Hit((s, e), text[s:e]), cands
                break


@dataclass(frozen=True)
class Expanded:
    """A text with its shorthand written out, and the way back to the original offsets."""

    text: str
    original: str
    pieces: tuple[tuple[int, int, int, int], ...]
    """``(new_start, new_end, old_start, old_end)`` of every replaced piece, in order."""

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]`` (a span inside a replacement maps to all of it)."""
        return self._map(start, False), self._map(end, True)

    def _map(self, pos: int, is_end: bool) -> int:
        starts = [p[0] for p in self.pieces]
        i = bisect_right(starts, pos) - 1
        if i < 0:
            return pos
        ns, ne, os_, oe = self.pieces[i]
        if pos < ne or (is_end and pos == ne):
            if pos == ns and not is_end:
                return os_
            return oe if is_end or pos > ns else os_
        return pos - ne + oe


def _abbr_fits(a: Abbreviation, text: str, m: re.Match) -> bool:
    if a.case_sensitive and m.group(0) != a.form:
        return False
    if a.context == "num":
        return bool(_NUM_BEHIND.search(text, max(0, m.start() - 4), m.start()))
    if a.context == "time":
        return bool(_TIME_AHEAD.match(text, m.end()))
    return True


@lru_cache(maxsize=256)  # a prompt is expanded once for every output scored against it (A/B, repeats)
def expand_with_map(text: str, keep: frozenset[str] = frozenset()) -> Expanded:
    """Write out the shorthand in ``text`` (abbreviations.tsv, "M 44" -> "mann 44 år"), keeping a map
    from the new offsets to the original ones so findings in the expanded text point at the original.
    Forms in ``keep`` (lowercase) stay as written: a caller that reads them itself keeps the text
    unchanged, and so shares its analysis with other readers of the same text."""
    repl: list[tuple[int, int, str]] = []
    for m in _AGE.finditer(text):
        s, sex = m.start("sex"), m.group("sex")
        if len(sex) > 1 and m.group("yr"):
            continue  # "Kvinne 34 år" is already written out
        new = f"{AGE_WORD.get(sex, sex)} {m.group('age')} år"
        repl.append((s, m.end(), new))
    taken = [(s, e) for s, e, _ in repl]
    last_end = -1
    for m, cands in _abbr_hits(text):
        if m.start() < last_end or any(s <= m.start() < e for s, e in taken):
            continue
        if keep and m.group(0).lower() in keep:
            continue
        cand = next((a for a in cands if _abbr_fits(a, text, m)), None)
        if cand is None:
            continue
        new = cand.expansion
        if m.group(0)[0].isupper() and not cand.case_sensitive and new[:1].islower():
            new = new[0].upper() + new[1:]  # "Beh:" -> "Behandling:", a sentence start stays one
        # A form's own period may also end the sentence ("kontroll 1 u. Beh: ..."): keep one.
        # After a unit ("3 d. us.: ...") the period is nearly always the sentence's too.
        ends = r"\s|$" if cand.context == "num" else r"\s+[A-ZÆØÅ]|\s*$"
        if m.group(0).endswith(".") and re.match(ends, text[m.end():]):
            new += "."
        repl.append((m.start(), m.end(), new))
        last_end = m.end()
    if not repl:
        return Expanded(text, text, ())
    repl.sort()
    out, pieces, pos, shift = [], [], 0, 0
    for s, e, new in repl:
        out.append(text[pos:s])
        ns = s + shift
        out.append(new)
        pieces.append((ns, ns + len(new), s, e))
        shift += len(new) - (e - s)
        pos = e
    out.append(text[pos:])
    return Expanded("".join(out), text, tuple(pieces))


def expand_abbreviations(text: str) -> str:
    """``text`` with clinical shorthand written out ("palp.øm L5 hø" -> "palpasjonsøm L5 høyre")."""
    return expand_with_map(text).text


@lru_cache(maxsize=1)
def _synonyms() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    to_canon: dict[str, str] = {}
    groups: dict[str, frozenset[str]] = {}
    for cells in _tsv_rows("synonyms.tsv"):
        canon = cells[0].strip().lower()
        variants = [v.strip().lower() for v in cells[1].split("|") if v.strip()] if len(cells) > 1 else []
        group = frozenset([canon, *variants])
        groups[canon] = group
        for v in group:
            to_canon.setdefault(v, canon)
    return to_canon, groups


def canonical(term: str) -> str:
    """The canonical form of ``term`` in synonyms.tsv ("SLR" -> "lasègue"), or ``term`` lowercased."""
    t = term.strip().lower()
    return _synonyms()[0].get(t, t)


def synonyms_of(term: str) -> frozenset[str]:
    """Every form (canonical first-class, all lowercase) naming the same concept as ``term``;
    a term not in the lexicon is its own only synonym."""
    c = canonical(term)
    return _synonyms()[1].get(c, frozenset([c]))


def number_value(word: str) -> float | None:
    """The value of a number word or digits ("fjorten" -> 14, "et par" -> 2, "2,5" -> 2.5), else None."""
    w = word.strip().lower()
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    try:
        return float(w.replace(",", "."))
    except ValueError:
        return None


_UNIT_WORD = r"(?:uker?|ukene|dager?|dagene|måneder|måned|år|timer?|minutter|grader|ganger|behandlinger|kilo|kg|mg|prosent)"
_WORD_NUM = re.compile(r"\b(" + "|".join(sorted((w for w in NUMBER_WORDS if w != "halv"), key=len, reverse=True))
                       + r")\s+(?=" + _UNIT_WORD + r"\b)", re.IGNORECASE)
_QTY = re.compile(r"\b(" + "|".join(map(re.escape, QUANTITY_PHRASES)) + r")\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b(?:kl\.?|klokken|klokka)\s*([0-2]?\d)(?:[:.]([0-5]\d))?\b|\b([0-2]?\d):([0-5]\d)\b",
                    re.IGNORECASE)
_NRS = re.compile(r"\b(nrs|vas)\s*(\d{1,2})(?!\s*/\s*10|\d)", re.IGNORECASE)


def normalise(text: str) -> str:
    """One comparable form of ``text``: shorthand written out, lowercase, dashes as "-", "45°" as
    "45 grader", clock times as "kl. 14:00", "NRS 4" as "nrs 4/10", number words before a unit as
    digits ("tre uker" -> "3 uker", "et kvarter" -> "15 minutter"), whitespace collapsed."""
    t = expand_abbreviations(text)
    t = t.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    t = re.sub(r"\s*°", " grader", t)
    t = _QTY.sub(lambda m: QUANTITY_PHRASES[m.group(1).lower()], t)
    t = _WORD_NUM.sub(lambda m: f"{int(NUMBER_WORDS[m.group(1).lower()])} ", t)

    def clock(m: re.Match) -> str:
        h, mi = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        return f"kl. {int(h):02d}:{int(mi or 0):02d}"

    t = _CLOCK.sub(clock, t)
    t = _NRS.sub(lambda m: f"{m.group(1)} {m.group(2)}/10", t)
    return re.sub(r"\s+", " ", t.lower()).strip()
