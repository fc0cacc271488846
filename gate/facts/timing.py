"""Days, dates and clock times (mostly in patient messages): "torsdag", "12. mars", "kl. 14:30"."""

from __future__ import annotations

import re

from .base import Doc, Fact

WEEKDAYS = {"mandag": 1, "tirsdag": 2, "onsdag": 3, "torsdag": 4, "fredag": 5, "lørdag": 6, "søndag": 7}
MONTHS = {"januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4, "mai": 5,
          "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
          "oktober": 10, "okt": 10, "november": 11, "nov": 11, "desember": 12, "des": 12}
WEEKDAY_RE = re.compile(r"(?=[mtofls])(?<![\w])(" + "|".join(WEEKDAYS) + r")(?:en|er|ene|s)?(?![\w])", re.IGNORECASE)
_WEEKDAY_STARTS = tuple({d[:2] for d in WEEKDAYS})
DATE_RE = re.compile(r"(?=\d)(?<![\w.])(?P<d>[0-3]?\d)\.\s*(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True))
                     + r")\.?(?![\w])", re.IGNORECASE)
NUM_DATE_RE = re.compile(r"(?=\d)(?<![\w.:/])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)?\d{2})(?![\w.])")
# After a weekday, "den" or "siden"/"f.o.m." ("tirs 12.03", "siden 15.09", "man 10.00 el. tirs 15.30"): a day.month without a year, or a
# clock time with a period (a time when its minutes cannot be a month).
DAY_LED = re.compile(r"(?:(?:man|tirs|ons|tors|fre|lør|søn)(?:dag)?|den|siden|f\.?o\.?m\.?|t\.?o\.?m\.?)\.?\s+(?P<a>[0-3]?\d)\.(?P<b>\d\d?)\.?"
                     r"(?![\w.]\d|\d)", re.IGNORECASE)
_DAY_STARTS = ("ma", "ti", "on", "to", "fr", "lø", "sø", "de", "si", "fo", "f.")
# "siden oktober", "fra mars 2024", "03.2024": a month (with or without its year), not a day.
MONTH_NAME_RE = re.compile(r"(?:" + "|".join(m for m in MONTHS if len(m) > 3 or m == "mai") + r")(?![\w])", re.IGNORECASE)
_MONTH_STARTS = tuple({m[:2] for m in MONTHS})
# the year first (a fixed first character is cheap to look for), its month read back from the digits before it
_SLASH_YEAR = re.compile(r"[./](?:19|20)\d\d(?!\d)")
_MONTH_BEFORE = re.compile(r"(?<![\w.])(0?[1-9]|1[0-2])$")


# "MR lx 11/25", "Rtg (10/24)": month and two-digit year in shorthand. Only years 13-39 (so "4/5", "6/10",
# "3/12" stay fractions and scores) and never after a score name ("NRS 11/20" is no date).
SHORT_MONTH_YEAR = re.compile(r"(?<![\w./:,-])(?P<m>0?[1-9]|1[0-2])/(?P<y>1[3-9]|2\d|3\d)(?![\w/.,]\d|\d|\s*(?:%|mm|cm|kg|mg|°))")
_SCORE_BEFORE = re.compile(r"\b(?:nrs|vas|ndi|odi|kraft|score|poeng)\W*$", re.IGNORECASE)


def short_month_years(text: str) -> list[tuple[re.Match, int, int]]:
    """Each "11/25" in ``text`` that reads as month/year: ``(match, month, full year)``."""
    return [(m, int(m.group("m")), 2000 + int(m.group("y"))) for m in SHORT_MONTH_YEAR.finditer(text)
            if not _SCORE_BEFORE.search(text, max(0, m.start() - 12), m.start())]


def _numeric_months(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, month)`` of each "03.2024" / "2/2025" / "11/25": the month part before a year."""
    out = []
    for y in _SLASH_YEAR.finditer(text):
        m = _MONTH_BEFORE.search(text, max(0, y.start() - 3), y.start())
        if m is not None:
            out.append((m.start(), y.start() + 1, int(m.group(1))))
    out += [(m.start(), m.start("y"), month) for m, month, _ in short_month_years(text)]
    return out
TIME_RE = re.compile(r"(?=[kK\d])(?:\b(?:kl|klokka|klokken)\.?\s*(?P<h1>[0-2]?\d)(?:[:.](?P<m1>[0-5]\d))?(?![\d])"
                     r"|(?<![\w.:/])(?P<h2>[0-2]?\d):(?P<m2>[0-5]\d)(?![\d]))", re.IGNORECASE)


def extract_timing(doc: Doc) -> list[Fact]:
    """``timing`` facts: key ``weekday``/``date``/``time``, value canonical (4, (12, 3), (14, 30))."""
    facts = []
    for m in doc.matches_at(WEEKDAY_RE, _WEEKDAY_STARTS):
        facts.append(Fact("timing", "weekday", WEEKDAYS[m.group(1).lower()], m.group(0), m.start(), m.end()))
    for m in DATE_RE.finditer(doc.text):
        facts.append(Fact("timing", "date", (int(m.group("d")), MONTHS[m.group("m").lower()]), m.group(0),
                          m.start(), m.end()))
    for m in NUM_DATE_RE.finditer(doc.text):
        if 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31:
            facts.append(Fact("timing", "date", (int(m.group("d")), int(m.group("m"))), m.group(0), m.start(),
                              m.end()))
    dates = [(f.start, f.end) for f in facts]
    for m in doc.matches_at(DAY_LED, _DAY_STARTS) if "." in doc.text else ():
        s, a, b = m.start("a"), int(m.group("a")), int(m.group("b"))
        if any(x <= s < y for x, y in dates):
            continue
        if 1 <= b <= 12 and 1 <= a <= 31:  # "12.03": a day and month
            facts.append(Fact("timing", "date", (a, b), doc.text[s:m.end()], s, m.end()))
        elif a <= 23 and len(m.group("b")) == 2 and b <= 59:  # "10.00", "15.30": a clock time
            facts.append(Fact("timing", "time", (a, b), doc.text[s:m.end()], s, m.end()))
        dates.append((s, m.end()))
    months = [(m.start(), m.end(), MONTHS[m.group(0).lower()]) for m in doc.matches_at(MONTH_NAME_RE, _MONTH_STARTS)]
    for s, e, month in months + _numeric_months(doc.text):
        if not any(a <= s < b for a, b in dates):  # "12. mars" is a date, its month part of it
            facts.append(Fact("timing", "month", month, doc.text[s:e], s, e))
    for m in TIME_RE.finditer(doc.text):
        h = int(m.group("h1") or m.group("h2"))
        mi = int(m.group("m1") or m.group("m2") or 0)
        if h <= 23:
            facts.append(Fact("timing", "time", (h, mi), m.group(0), m.start(), m.end()))
    return facts
