"""Word lists that extend :func:`gate.clinical.language.assess` for clinical notes, and the glossary.

The Nynorsk markers (words Bokmål never uses) are :mod:`gate.clinical.language`'s one list.
English words here are ones Norwegian clinical prose never uses, so a run of them (with at
least one English function word) is an English phrase inside a Norwegian note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from gate.clinical.language import NYNORSK_MARKERS

ENGLISH_FUNCTION = frozenset("""
the and of with was were has have had is are been this that these those which who would should will from into
in on at patient patients reports reported complains denies shows showed pain without not no left right side
lower upper back neck shoulder treatment exercises exercise home range motion follow up positive negative
test tests normal examination history symptoms since weeks days months years a an it his her he she they
advice activity activities sleep breaks welcome clinic kindly ask asked for to we you your our us please thank thanks
given gave give recommended recommend improvement improved worse better after before during today tomorrow
appointment booked next visit contact call work working strength reflexes stiffness swelling tenderness
assessment plan findings diagnosis referral refer physician doctor about also very good well much more
""".split())
STRONG_ENGLISH = frozenset("""
the and of with was were has have had is are been this that these those which who would should will from into
in on at patient patients reports reported complains denies shows showed without a an it his her he she they
we you your our please thank thanks kindly
""".split())
_TOKEN = re.compile(r"[a-zæøåéèüöäA-ZÆØÅÉÈÜÖÄ]+(?:-[a-zæøåA-ZÆØÅ]+)*")


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    preferred: str
    reason: str


@lru_cache(maxsize=1)
def glossary() -> tuple[tuple[GlossaryEntry, ...], re.Pattern]:
    """The bundled glossary entries and one regex matching any of their terms."""
    text = resources.files("gate.terminology").joinpath("glossary.tsv").read_text("utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, preferred, reason = line.split("\t")
        entries.append(GlossaryEntry(term.lower(), preferred, reason))
    alt = "|".join(re.escape(e.term) for e in sorted(entries, key=lambda e: len(e.term), reverse=True))
    return tuple(entries), re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)


_BREAK = re.compile(r"[.!?;:\n]")


@lru_cache(maxsize=64)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, lowercase word)`` of every word (shared by the checks on one text)."""
    return tuple((m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text))


def nynorsk_markers(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of every Nynorsk marker word."""
    return [(s, e, text[s:e]) for s, e, w in _tokens(text) if w in NYNORSK_MARKERS]


def english_spans(text: str) -> list[tuple[int, int, str]]:
    """Runs of >= 2 English words containing an English function word (``(start, end, text)``)."""
    spans: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []

    def flush() -> None:
        if len(run) >= 2 and any(w in STRONG_ENGLISH for _, _, w in run):
            spans.append((run[0][0], run[-1][1], text[run[0][0]:run[-1][1]]))

    last_end = 0
    for tok in _tokens(text):
        s, e, w = tok
        if w in ENGLISH_FUNCTION:
            if run and _BREAK.search(text, last_end, s):
                flush()
                run = []
            run.append(tok)
        elif run:
            flush()
            run = []
        last_end = e
    flush()
    return spans
