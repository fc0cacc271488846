"""Shared pieces of fact extraction: the Fact/Finding records and a pre-analysed text.

:class:`Doc` splits a text once into clauses, sentences and note sections (S/O/A/P),
so every extractor can ask "is this span negated?", "is it in the plan?" or "is it in
the objective section?" cheaply.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

WORD = re.compile(r"[^\W_]+(?:[.-][^\W_]+)*\.?", re.UNICODE)

# Clause boundaries: sentence ends, semicolons, newlines, "men"; commas end a clause for
# negation purposes ("ingen utstråling, smerter i hø. skulder" must not negate the shoulder).
_ABBR = r"(?<!\b[a-zæøå])(?<!\bhø)(?<!\bve)(?<!\bkl)(?<!\bca)(?<!\bneg)(?<!\bpos)(?<!\bbilat)(?<!\bmnd)(?<!\bmm)(?<!\bevt)(?<!\bdvs)(?<!\bpga)(?<!\binkl)(?<!\btidl)(?<!\bvs)(?<!\d)"
# A period after an abbreviation ("hø.", "neg.") ends a sentence only before a capital letter.
_SENT = r"[.!?](?=\s+(?-i:[A-ZÆØÅ])|\s*$)|" + _ABBR + r"[.!?](?=\s|$)|\n"
_CLAUSE_END = re.compile(r"(?=[.!?\n;,\s])(?:" + _SENT + r"|;|,\s|\s[-–]\s|\smen\b)", re.IGNORECASE)
_SENT_END = re.compile(r"(?=[.!?\n])(?:" + _SENT + ")", re.IGNORECASE)
_SECTION = re.compile(
    r"^[ \t]*(?:\*\*)?(S|O|A|P|Subjektivt|Objektivt|Vurdering|Plan|Tiltak|Anamnese|Funn|Undersøkelse|"
    r"Klinisk undersøkelse|Diagnose|Konklusjon|Behandling)(?:\*\*)?[ \t]*[:.](?!\d)", re.IGNORECASE | re.MULTILINE)
SECTION_KIND = {"s": "subjective", "subjektivt": "subjective", "anamnese": "subjective",
                "o": "objective", "objektivt": "objective", "funn": "objective", "undersøkelse": "objective",
                "klinisk undersøkelse": "objective", "a": "assessment", "vurdering": "assessment",
                "diagnose": "assessment", "konklusjon": "assessment", "p": "plan", "plan": "plan",
                "tiltak": "plan", "behandling": "plan"}

NEG_CUES = {"ingen", "ikke", "uten", "intet", "ingenting", "neg", "neg.", "negativ", "negative", "benekter", "benektes", "avkrefter",
            "avkreftet", "nei", "fravær", "ikkje", "no", "not", "without", "denies", "verken", "hverken",
            "unngå", "unngås", "unngår"}
# A result word after the thing it judges ("Spurling neg bilat. palp.øm ...") is not a cue for what follows.
POSTPOSED_CUES = {"neg", "neg.", "negativ", "negative"}
# "ikke noe traume", "ikke noen form for ...": "noe" after the cue continues the negation.
_DETERMINERS = {"noe", "noen", "noget"}
# Words that end a negation's scope ("ikke bedring etter Ibux" says nothing about using Ibux).
SCOPE_BREAK = {"etter", "bedring", "effekt", "virkning", "hjelp", "fordi", "selv", "som", "og", "men", "med",
               "bedre", "verre", "endring", "forverring", "noe", "lenger", "siden", "ettersom", "mens", "når"}
POST_NEG = re.compile(r"^\s*(?:[:=]\s*)?(?:er\s+|var\s+)?(?:ikke\s+(?:påvist|til\s*stede|tilstede|funnet|tatt(?!\s+opp)|utført|gjort)|avkreftet|"
                      r"negativ[et]?\b|neg\b\.?|nei\b|ua\b|u\.a\.?|uten\s+anm\w*|fraværende|ingen\b)", re.IGNORECASE)
# Gathered negations: "Benekter svimmelhet, kvalme og nummenhet", "ingen hevelse eller låsning".
# A strong cue denies every item of the list after it; a weak one ("ingen", "uten") only a list
# closed by "og"/"eller", so "ingen utstråling, smerter i skulderen" still asserts the shoulder.
_LIST_CUE = re.compile(r"\b(?:(?P<strong>benekter|benektes|avkrefter|avkreftes|negativ\s+for|neg\.?\s+for|fravær\s+av|h?verken)"
                       r"|(?P<weak>ingen|uten|intet|ikke))\b")
_LIST_BODY = re.compile(r"^\s*(?:[\w/-]+(?:\s+[\w/-]+){0,3}\s*(?:,\s*(?:og|eller)?|\bog\b|\beller\b)\s*)*"
                        r"(?:[\w/-]+\s+){0,3}$")
_LIST_CLOSES = re.compile(r"^[\w\s,/-]*?\b(?:og|eller)\b")
_POST_DENIED = re.compile(r"^(?:\s*(?:,|\bog\b|\beller\b)\s*[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?){0,4}"
                          r"\s+(?:benektes|avkreftes|er\s+avkreftet|ble\s+avkreftet)\b")
_CLAUSE_JOIN = re.compile(r",\s*(?:og|eller|men)\b")
# a shorthand sentence that is only a list of words after a weak cue, up to its end (no digits: "Modic 1 L5/S1")
_BARE_WORD = r"[^\W\d_]+(?:[/-][^\W\d_]+)*-?"
_BARE_LIST = re.compile(rf"^\s*{_BARE_WORD}(?:\s+{_BARE_WORD})?(?:\s*,\s*{_BARE_WORD}(?:\s+{_BARE_WORD})?)+\s*[.!?]?\s*$")
_LIST_STOP = {"smerter", "smerte", "vondt", "har", "er", "var", "men", "fikk", "plager", "positiv", "pos", "nedsatt",
              "redusert", "økt", "bedring", "verre", "kan", "skal", "tar", "bruker"}
_AFTER_ETTER = re.compile(r"\better\s+(?:en\s+|et\s+|ei\s+)?$")
PLAN_CUES = re.compile(r"\b(kontroll|ny\s+time|oppfølging|følge\s+opp|henvis\w*|anbefal\w*|vurder\w*|bør|"
                       r"planlegg\w*|neste\s+(?:time|konsultasjon|gang)|videre|avtal\w*|hvis|dersom|"
                       r"om\s+\d+\s+uker|tas\s+opp|mistanke|mulig\w*|differensial\w*|dd\b|utelukk\w*|"
                       r"instruer\w*|øvelse\w*|hjemmeøvelse\w*|råd\w*|skal|kontakt\w*|oppsøk\w*|legevakt\w*|ring\w*|"
                       r"informer\w*|beskjed|forverring|avklar\w*|rekvirer\w*)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Fact:
    """One clinical fact a text asserts."""

    type: str
    """Kind of fact: ``region``, ``test``, ``number``, ``level``, ``code``, ``medication``,
    ``imaging``, ``imaging_result``, ``red_flag``, ``symptom``, ``timing``, ``exam``."""
    key: str
    """What the fact is about, canonical (``shoulder``, ``slr``, ``week``, ``L4-L5``, ``ibuprofen``)."""
    value: Any = None
    """The asserted value, canonical (side, test result, number, ...); None when the fact is presence."""
    text: str = ""
    """The surface text."""
    start: int = 0
    end: int = 0
    negated: bool = False
    """The text denies it ("ingen utstråling", "Lasègue negativ" is a result, not a negation)."""
    side: str | None = None
    """``right``, ``left``, ``both`` when the fact carries a laterality."""
    plan: bool = False
    """In the plan/assessment hedge context (a recommendation or suspicion, not a finding)."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Finding:
    """One hallucination found in an output."""

    type: str
    text: str
    start: int
    end: int
    reason: str
    kind: str = "unsupported"
    """``unsupported`` (not in the input), ``contradiction`` (input says otherwise), ``invented``
    (an objective finding in an abstention case) or ``inference`` (a hedged reading of the input)."""
    severity: str = ""
    """What the gate does with it: ``contradiction`` and ``invented`` fail, ``inference`` (a hedged
    clinical reading: "kan være forenlig med", "mulig") is counted. Derived from ``kind`` when empty."""

    def __post_init__(self) -> None:
        if not self.severity:
            sev = {"contradiction": "contradiction", "inference": "inference"}.get(self.kind, "invented")
            object.__setattr__(self, "severity", sev)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in Score details and ``chirogate score`` output."""
        return {"type": self.type, "text": self.text, "start": self.start, "end": self.end,
                "reason": self.reason, "kind": self.kind, "severity": self.severity}


class Doc:
    """A text analysed once: clauses, sentences and sections, with lookups by offset.

    :meth:`of` returns a shared instance per text, so the scorers that look at the same
    prompt and output (hallucination, terminology) analyse each text once."""

    @staticmethod
    @lru_cache(maxsize=128)
    def of(text: str) -> "Doc":
        """The shared, cached :class:`Doc` for ``text``."""
        return Doc(text)

    def __init__(self, text: str):
        self.text = text
        self.lower = text.lower()
        if len(self.lower) != len(text):  # a few characters lowercase to two; keep offsets aligned
            self.lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        self.lex_cache: dict[int, list] = {}
        self._plan_sentences: dict[int, bool] = {}

    @cached_property
    def prefix_starts(self) -> dict[str, list[int]]:
        """Word-start offsets grouped by the word's first two (lowercase) characters."""
        out: dict[str, list[int]] = {}
        lower = self.lower
        for m in _WORD_START.finditer(lower):
            s = m.start()
            out.setdefault(lower[s:s + 2], []).append(s)
        return out

    @cached_property
    def truncated(self) -> dict[int, int]:
        """Start -> end (before the period) of each word cut short with a period ("synsforstyrr.")."""
        lower, out = self.lower, {}
        i = lower.find(".")
        while i != -1:  # from each period back to its word's start: a few periods, not every character
            s = i
            while s > 0 and lower[s - 1].isalpha():
                s -= 1
            if i - s >= 6 and (s == 0 or not lower[s - 1].isalnum() and lower[s - 1] != "_"):
                out[s] = i
            i = lower.find(".", i + 1)
        return out

    @cached_property
    def _clause_starts(self) -> list[int]:
        return [0] + [m.end() for m in _CLAUSE_END.finditer(self.text)]

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [0] + [m.end() for m in _SENT_END.finditer(self.text)]

    @cached_property
    def sections(self) -> list[tuple[int, int, str]]:
        """``(start, end, kind)`` of each S/O/A/P section (kind: subjective/objective/assessment/plan)."""
        heads = [(m.start(), m.end(), SECTION_KIND[re.sub(r"\s+", " ", m.group(1).lower())])
                 for m in _SECTION.finditer(self.text)]
        out = []
        for i, (s, body, kind) in enumerate(heads):
            end = heads[i + 1][0] if i + 1 < len(heads) else len(self.text)
            out.append((body, end, kind))
        return out

    def _span(self, starts: list[int], pos: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return starts[i], end

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause (between commas, semicolons, sentence ends, "men") around ``pos``."""
        return self._span(self._clause_starts, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around ``pos``."""
        return self._span(self._sent_starts, pos)

    def section_kind(self, pos: int) -> str | None:
        """subjective/objective/assessment/plan when ``pos`` lies in a marked section."""
        for s, e, kind in self.sections:
            if s <= pos < e:
                return kind
        return None

    def negated(self, start: int, end: int, *, post: bool = True) -> bool:
        """Whether the span is denied by a cue before it in its clause or (``post``) right after it."""
        cs, ce = self.clause(start)
        before = WORD.findall(self.lower[cs:start])
        window = before[-6:]
        for i in range(len(window) - 1, -1, -1):
            tok = window[i]
            tok = tok.rstrip(".") if tok not in NEG_CUES else tok
            if tok in NEG_CUES:
                if tok in POSTPOSED_CUES and len(before) - len(window) + i > 0 and \
                        before[len(before) - len(window) + i - 1].rstrip(".") not in ("og", "eller", "er", "var", "ble"):
                    break  # "Spurling neg bilat. palpasjonsøm": the result of what stands before it
                return True
            if tok in _DETERMINERS and any(w in NEG_CUES for w in window[:i]):
                continue
            if tok == "med" and i > 0 and window[i - 1] == "kjent":
                continue  # "ikke kjent med kreftsykdom": what one is known with is still denied
            if tok in SCOPE_BREAK:
                break
        if post and POST_NEG.match(self.lower[end:max(end, ce)][:30]):
            return True
        if post and _POST_DENIED.match(self.lower[end:self.sentence(start)[1]][:80]):
            return True  # "Hevelse og låsning benektes."
        return self._in_denied_list(start, end)

    def _in_denied_list(self, start: int, end: int) -> bool:
        ss, se = self.sentence(start)
        seg = self.lower[ss:start]
        cue = None
        for cue in _LIST_CUE.finditer(seg):
            pass
        if cue is None:
            return False
        between = seg[cue.end():]
        if not between.strip() or not _LIST_BODY.match(between):
            return False
        if any(w in _LIST_STOP for w in WORD.findall(between)):
            return False
        if cue.group("strong"):
            return True
        if _CLAUSE_JOIN.search(between):  # "uten rotaffeksjon, og Modic 1": ", og" joins a new clause
            return False
        if re.search(r"\b(?:og|eller)\b", between) or _LIST_CLOSES.match(self.lower[end:se]):
            return True
        # "Ingen feber, vekttap, nattsmerter.": a sentence that is nothing but the list, of plain words
        return bool(_BARE_LIST.match(self.lower[ss + cue.end():se]))

    def matches_at(self, pattern: re.Pattern, prefixes: tuple[str, ...]) -> list[re.Match]:
        """Non-overlapping matches of ``pattern`` tried only at the word starts beginning with one of
        ``prefixes`` (two lowercase letters): much cheaper than ``finditer`` over every character."""
        starts = sorted(s for p in prefixes for s in self.prefix_starts.get(p, ()))
        found, last_end = [], -1
        for st in starts:
            if st >= last_end and (m := pattern.match(self.text, st)):
                found.append(m)
                last_end = m.end()
        return found

    def in_plan(self, start: int) -> bool:
        """Whether the span is a recommendation/plan/suspicion rather than a finding."""
        if self.section_kind(start) == "plan":
            return True
        ss, se = self.sentence(start)
        cached = self._plan_sentences.get(ss)
        if cached is None:
            # "smerter etter en øvelse på jobb", "vondt etter rådet om ...": a cue after "etter" tells what came
            # before. The answer is the sentence's, so it is worked out once per sentence.
            cached = self._plan_sentences[ss] = any(not _AFTER_ETTER.search(self.lower, max(ss, m.start() - 12), m.start())
                                                    for m in PLAN_CUES.finditer(self.text, ss, se))
        return cached


_WORD_START = re.compile(r"\w+")
_EXACT_TAIL = re.compile(r"(?!\w)")
_WORD_TAIL = re.compile(r"\w*")


@dataclass(frozen=True)
class LexMatch:
    """One lexicon hit (the subset of ``re.Match`` the extractors use, plus the canonical key)."""

    span: tuple[int, int]
    text: str
    key: str

    def start(self) -> int:
        return self.span[0]

    def end(self) -> int:
        return self.span[1]

    def group(self, _: int = 0) -> str:
        return self.text


class Lexicon:
    """Surface forms -> canonical keys, matched case-insensitively at word starts.

    A form ending in ``$`` matches exactly; other forms take ``tail`` (default: the rest
    of the word, so "skulder" also finds "skulderen"). Python's ``re`` has no Aho-Corasick,
    so a regex alternation over a few hundred forms costs a try at every character; this
    looks up only the forms that share the first two letters of each word (several times
    faster on 300-word notes), with the same longest-form-first semantics; within those, only
    the forms that share the third character too (plus the two-letter forms).
    """

    def __init__(self, entries: dict[str, list[str]], *, tail: str | None = None):
        tail_re = re.compile(tail) if tail else _WORD_TAIL
        self.index: dict[str, list[tuple[str, re.Pattern, str]]] = {}
        forms = []
        for key, surfaces in entries.items():
            for surface in surfaces:
                f = surface.lower()
                exact = f.endswith("$")
                forms.append((f[:-1] if exact else f, _EXACT_TAIL if exact else tail_re, key))
        for form, t, key in sorted(forms, key=lambda x: len(x[0]), reverse=True):
            self.index.setdefault(form[:2], []).append((form, t, key))
        # by the first three characters: the forms that begin so, and every form of two characters or fewer
        # (a word's third character may be anything after those), still longest first
        self.index3: dict[str, list[tuple[str, re.Pattern, str]]] = {}
        self.short: dict[str, list[tuple[str, re.Pattern, str]]] = {}
        for prefix, group in self.index.items():
            short = [c for c in group if len(c[0]) <= 2]
            self.short[prefix] = short
            for c in group:
                if len(c[0]) >= 3 and c[0][:3] not in self.index3:
                    self.index3[c[0][:3]] = [x for x in group if x[0][:3] == c[0][:3] or len(x[0]) <= 2]

    def finditer(self, text: "str | Doc", pos: int = 0, endpos: int | None = None) -> list[LexMatch]:
        """Non-overlapping hits in ``text[pos:endpos]``, left to right (the full scan is cached on the Doc)."""
        doc = text if isinstance(text, Doc) else Doc(text)
        hits = doc.lex_cache.get(id(self))
        if hits is None:
            hits = doc.lex_cache[id(self)] = self._scan(doc)
        if pos == 0 and endpos is None:
            return hits
        endpos = len(doc.text) if endpos is None else endpos
        return [h for h in hits if h.span[0] >= pos and h.span[1] <= endpos]

    def _scan(self, doc: "Doc") -> list[LexMatch]:
        lower, raw = doc.lower, doc.text
        found: list[LexMatch] = []
        prefix_starts = doc.prefix_starts
        truncated = doc.truncated
        index3, short = self.index3, self.short
        for prefix in self.index:
            for s in prefix_starts.get(prefix, ()):
                candidates = index3.get(lower[s:s + 3]) or short[prefix]
                for form, tail, key in candidates:
                    if lower.startswith(form, s):
                        m = tail.match(lower, s + len(form))
                        if m is not None:
                            found.append(LexMatch((s, m.end()), raw[s:m.end()], key))
                            break
                else:
                    # no form matched: a truncation of one ("synsforstyrr." for "synsforstyrrelse") counts
                    # when it keeps most of the form (a cut full word, "prolaps.", is not "prolapsoperasjon")
                    t_end = truncated.get(s)
                    if t_end is not None:
                        word = lower[s:t_end]
                        for form, _, key in candidates:
                            if (len(form) > len(word) and form.startswith(word) and len(word) >= 0.6 * len(form)
                                    and " " not in form):
                                found.append(LexMatch((s, t_end + 1), raw[s:t_end + 1], key))
                                break
        found.sort(key=lambda h: h.span[0])
        out: list[LexMatch] = []
        last_end = -1
        for h in found:
            if h.span[0] >= last_end:
                out.append(h)
                last_end = h.span[1]
        return out
