"""Diagnosis codes in a note: invalid codes, ICD-10 written as ICPC-2, and a code beside another condition.

:func:`code_problems` finds every code-shaped token of an output and reports

- ``invalid_code``: no such ICPC-2 code (N02, L00) or no such ICD-10 code (M54.7);
- ``wrong_system``: an ICD-10 code labelled as ICPC-2 ("ICPC-2 M54.2");
- ``code_mismatch``: a valid code written beside a diagnosis that names another code's condition
  ("L03 Tensjonshodepine": L03 is Korsrygg symptomer/plager, tension headache is N95). Only a
  diagnosis that matches some other code's title or alias counts, so ordinary words next to a
  code ("L84 registrert") are never judged;
- ``code_chapter``: a code whose chapter or meaning does not fit the stated problem (an N code on
  a pure low back case), only for the chiropractic codes whose claims :mod:`gate.facts.codes` knows.

Comorbidity codes from other chapters (K86 hypertension, T90 type 2 diabetes) are valid.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from gate.cases import Case
from gate.clinical import icd10, icpc2
from gate.facts.base import Doc
from gate.facts.codes import CODE_CLAIMS
from gate.facts.levels import extract_levels
from gate.facts.regions import compatible, extract_regions
from gate.facts.symptoms import extract_symptoms

CODE_CANDIDATE = re.compile(r"(?<![\w.\-/])(?P<code>[A-Z]\d{2,3})(?:\.(?P<dec>\d{1,2}))?(?![\w])")
ICD_CONTEXT = re.compile(r"icd(?:-?10)?(?:-?kode)?\s*[:=(]?\s*$", re.IGNORECASE)
# Anything written right after "ICD-10:" is meant as a code, however malformed ("M5.11", "M545").
ICD_LABELLED = re.compile(r"icd(?:-?10)?\s*[:=]?\s*(?P<code>[A-Za-z][\w.]*\w)", re.IGNORECASE)
# A code written right after an ICPC label is claimed to be ICPC-2.
# "ICPC-2 M54.2", "Diagnose (ICPC-2): M51.1", and the label after the code: "M75.1 (ICPC-2)".
ICPC_LABELLED = re.compile(r"icpc(?:-?2)?(?:-?kode)?\s*\)?\s*[:=(]?\s*(?P<code>[A-Z]\d{2}(?:\.\d{1,2})?)(?![\w])"
                           r"|(?<![\w.])(?P<before>[A-Z]\d{2}(?:\.\d{1,2})?)\s*\(\s*icpc(?:-?2)?\s*\)", re.IGNORECASE)
# Which complaints make each ICPC-2 chapter plausible for a chiropractic note.
CHAPTER_NEEDS: dict[str, frozenset[str]] = {
    "N": frozenset({"headache", "dizziness", "numbness", "radiation", "head", "weakness"}),
    "H": frozenset({"dizziness"}),
}
# Regions a code's claim covers besides its own: lumbopelvic pain (SI joint, "bekkenleddsmerter" in
# pregnancy) is coded as low back. (Not "paravertebral": it names no level, "L4-L5 paravertebralt"
# is no neck finding.)
_NEIGHBOURS: dict[str, tuple[str, ...]] = {"low_back": ("si_joint",)}
# Words of titles that name no condition on their own.
_STOP = frozenset("""
uten med og eller av i på til fra ika annen andre annet symptomer symptom plager plage syndrom sykdom sykdommer
lidelse lidelser generell flere steder ukomplisert komplisert type kronisk akutt smerte smerter følelse problem
problemer tegn funn skade skader infeksjon kontakt pasient pasienten diagnose diagnosen vurdering kode sympt
spes uspes uspesifisert
utan frå anna sjukdom sjukdomar liding lidingar plage teikn funn skade
""".split())
# Generic heads of compounds: "ryggsymptomer" names the back, "nakkesyndrom" the neck.
_GENERIC_TAILS = ("symptomer", "symptom", "plager", "smerter", "smerte", "syndrom", "sykdom", "sjukdom", "lidelse",
                  "liding")
_WORD = re.compile(r"[a-zæøåéü]+", re.IGNORECASE)
_BEFORE_PAREN = re.compile(r"([^\n.:;()]{0,60})\(\s*(?:icpc(?:-?2)?\s*:?\s*)?$", re.IGNORECASE)


def _problem(kind: str, text: str, start: int, end: int, message: str) -> dict:
    return {"type": kind, "text": text, "start": start, "end": end, "message": message}


def _words(text: str) -> list[str]:
    out = []
    for w in (x.lower() for x in _WORD.findall(text)):
        if len(w) >= 4 and w not in _STOP:
            out.append(w)
            tail = next((t for t in _GENERIC_TAILS if w.endswith(t) and len(w) - len(t) >= 4), None)
            if tail:
                out.append(w[:-len(tail)])
    return out


def _match(a: str, b: str) -> int:
    """How well two words agree: 3 the same word, 2 a compound holding the other ("tensjonshodepine" /
    "hodepine"), 1 a shared stem of 6+ letters ("depresjon" / "depressiv"), 0 not at all."""
    if a == b:
        return 3
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 5 and short in long_:
        return 2
    return 1 if len(short) >= 6 and long_.startswith(short[:6]) else 0


@lru_cache(maxsize=1)
def _aliases() -> dict[str, list[str]]:
    text = resources.files("gate.terminology").joinpath("code_aliases.tsv").read_text("utf-8")
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, words = line.split("\t")
            out[code] = [w for phrase in words.split(",") for w in _words(phrase)]
    return out


@lru_cache(maxsize=1024)
def concept_words(code: str) -> tuple[str, ...]:
    """The content words of ``code``'s Norwegian title and of its aliases."""
    return tuple(dict.fromkeys(_words(icpc2.title(code) or "") + _aliases().get(code, [])))


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[str, str], ...]:
    """``(word, code)`` for every content word of every listed code (diagnosis words)."""
    return tuple((w, c) for c in icpc2.codes() for w in concept_words(c))


def _phrase_after(output: str, end: int) -> tuple[int, str]:
    m = re.match(r"[ \t]*[-–:]?[ \t]*([^\n.;,()]{0,60})", output[end:])
    return end + m.start(1), m.group(1)


@lru_cache(maxsize=1)
def _titles() -> dict[str, str]:
    """Lower-case title -> code, for the titles of more than one word."""
    return {t.lower(): c for c, (t, _) in icpc2.codes().items() if " " in t.strip()}


def _other_title(code: str, phrase: str) -> str | None:
    """The code whose whole title ``phrase`` starts with, when that is not ``code``'s own title:
    "L84 Ryggsyndrom med smerteutstråling" is L86's title word for word (L84 is "... uten ...")."""
    low = " ".join(phrase.lower().split())
    own = (icpc2.title(code) or "").lower()
    if own and low.startswith(own):
        return None
    hits = [c for t, c in _titles().items() if c != code and (low == t or low.startswith(t + " "))]
    return max(hits, key=lambda c: len(icpc2.title(c) or "")) if hits else None


@lru_cache(maxsize=1024)
def _own_words(code: str) -> tuple[str, ...]:
    """``concept_words`` and their synonyms in the normalisation lexicon ("nakke": "cervikal", "halsrygg")."""
    from gate.clinical.normalise import synonyms_of

    words = list(concept_words(code))
    for w in concept_words(code):
        words += [x for syn in synonyms_of(w) for x in _words(syn)]
    return tuple(dict.fromkeys(words))


def _mismatch(code: str, phrase: str) -> tuple[str, str] | None:
    """``(diagnosis word, code it names)`` when ``phrase`` names a condition ``code`` does not."""
    own = _own_words(code)
    if not own:
        return None  # process codes: no title to compare with
    other = _other_title(code, phrase)
    if other:
        return phrase.strip(), other
    named = []
    primary = concept_words(code)
    for w in _words(phrase)[:6]:
        best = max(((_match(w, v), c) for v, c in _vocabulary() if c != code), default=(0, ""))
        # a word only the normalisation lexicon's synonym family links to the code ("artrose":
        # "hofteartrose" for L90 Kneleddsartrose) is not the code's own when it is another code's
        # title or alias word for word (L89 "hofteartrose")
        by_synonym_only = best[0] == 3 and not any(_match(w, o) for o in primary)
        if not by_synonym_only and any(_match(w, o) for o in own):
            return None  # the phrase names the code's own condition
        if best[0]:
            named.append((best[0], w, best[1]))
    if not named:
        return None
    _, word, other = max(named, key=lambda t: t[0])
    return word, other


def _mismatch_problem(output: str, code: str, start: int, end: int) -> dict | None:
    if output[max(0, start - 1):start] == "(" or re.search(r"\(\s*icpc(?:-?2)?\s*:?\s*$", output[:start], re.I):
        m = _BEFORE_PAREN.search(output[:start])
        pstart, phrase = (m.start(1), m.group(1)) if m else (start, "")
        pstart += len(phrase) - len(phrase.lstrip())
        end += output[end:end + 1] == ")"
    else:
        pstart, phrase = _phrase_after(output, end)
    hit = _mismatch(code, phrase)
    if not hit:
        return None
    word, other = hit
    s, e = min(pstart, start), max(end, pstart + len(phrase.rstrip()))
    return _problem("code_mismatch", output[s:e], s, e,
                    f"{code} is '{icpc2.title(code)}', but the diagnosis beside it ('{word}') is "
                    f"{other} '{icpc2.title(other)}'")


def _icpc_title_beside(output: str, code: str, end: int) -> bool:
    """The diagnosis after an ICD-10-labelled ``code`` names the ICPC-2 code of that spelling (its
    title or alias words) and none of the ICD-10 title's words."""
    if not icpc2.is_valid(code):
        return False
    words = _words(_phrase_after(output, end)[1])[:6]
    icd_words = _words(icd10.title(code) or "")
    return (any(_match(w, o) for w in words for o in concept_words(code))
            and not any(_match(w, o) for w in words for o in icd_words))


def _own_claim(code: str) -> frozenset[str]:
    """The regions of the code's own claim (not its chapter's complaints: "utstråling" in a low back
    note is no evidence for N95 because the N chapter holds radicular numbness)."""
    claim = CODE_CLAIMS[code][0]
    return claim | {w for n in claim for w in _NEIGHBOURS.get(n, ())}


def _fits_note(output: str, code: str, start: int, end: int, needs: frozenset[str]) -> bool:
    """The note itself, outside the code and its diagnosis, describes the code's problem: a region or
    complaint compatible with the code's claim, or a word of its title or aliases ("nakkesmerter"
    in S for "L83 Nakkesyndrom" in A). A shorthand prompt ("cx", "lx") is not the only evidence."""
    pstart, phrase = _phrase_after(output, end)
    rest = output[:start] + " " + output[pstart + len(phrase):]
    doc = Doc.of(rest)
    found = {f.key for f in extract_regions(doc) if not f.negated} | {f.key for f in extract_symptoms(doc) if not f.negated}
    if any(compatible(n, p) for n in needs for p in found):
        return True
    return any(_match(w, o) >= 2 for w in _words(rest) for o in concept_words(code))


def code_problems(case: Case, output: str) -> list[dict]:
    """Every code problem of ``output`` (see the module docstring), with offsets into ``output``."""
    out = []
    level_spans = [(f.start, f.end) for f in extract_levels(Doc.of(output))]
    context = Doc.of(case.prompt or output)
    present = {f.key for f in extract_regions(context) if not f.negated}
    present |= {f.key for f in extract_symptoms(context) if not f.negated}
    seen: set[int] = set()
    for m in ICPC_LABELLED.finditer(output):
        group = "code" if m.group("code") else "before"
        code = m.group(group).upper()
        if "." in code or code[0] not in icpc2.CHAPTER_LETTERS or (not icpc2.is_valid(code) and icd10.is_valid(code)):
            seen.add(m.start(group))
            what = f"an ICD-10 code ({icd10.title(code)})" if icd10.title(code) else "ICD-10-shaped"
            out.append(_problem("wrong_system", m.group(0), m.start(), m.end(),
                                f"'{code}' is {what}, not ICPC-2"))
    for m in ICD_LABELLED.finditer(output):
        code = m.group("code")
        if m.start("code") in seen:
            continue
        seen.add(m.start("code"))
        if not icd10.is_wellformed(code):
            out.append(_problem("invalid_code", code, m.start("code"), m.end("code"),
                                f"'{code}' is not a well-formed ICD-10 code"))
        elif not icd10.is_valid(code):
            out.append(_problem("invalid_code", code, m.start("code"), m.end("code"), f"no ICD-10 code '{code}'"))
        elif _icpc_title_beside(output, code.upper(), m.end("code")):
            # "ICD-10: L92 Skuldersyndrom": L92 is an ICD-10 skin code, the title is ICPC-2's
            out.append(_problem("wrong_system", m.group(0), m.start(), m.end(),
                                f"'{code}' is written as ICD-10 ({icd10.title(code)}), but the diagnosis beside it "
                                f"is the ICPC-2 code's ('{icpc2.title(code.upper())}')"))
    for m in CODE_CANDIDATE.finditer(output):
        if m.start() in seen or any(s <= m.start() < e for s, e in level_spans):
            continue
        code, dec = m.group("code"), m.group("dec")
        full = m.group(0)
        icd = dec is not None or bool(ICD_CONTEXT.search(output[max(0, m.start() - 30):m.start()]))
        if icd:
            if not icd10.is_wellformed(full):
                out.append(_problem("invalid_code", full, m.start(), m.end(), f"'{full}' is not a well-formed ICD-10 code"))
            elif not icd10.is_valid(full):
                out.append(_problem("invalid_code", full, m.start(), m.end(), f"no ICD-10 code '{full}'"))
            continue
        if not icpc2.is_valid(code):
            out.append(_problem("invalid_code", full, m.start(), m.end(), f"'{full}' is not an ICPC-2 code"))
            continue
        mismatch = _mismatch_problem(output, code, m.start(), m.end())
        if mismatch:
            out.append(mismatch)
            continue
        # the code fits when the stated problem fits its own claim or its chapter's: only a code
        # that fits neither is certainly wrong (N89 Migrene on "bankende hodepine med kvalme" fits N)
        # only codes whose claim is known (a chapter alone, N91 facial palsy on an ear-and-face case,
        # is no certainty), and only when neither the input nor the note describes the code's problem
        if code not in CODE_CLAIMS:
            continue
        needs = CODE_CLAIMS[code][0] | CHAPTER_NEEDS.get(code[0], frozenset())
        needs |= {w for n in needs for w in _NEIGHBOURS.get(n, ())}
        if (present and not any(compatible(n, p) for n in needs for p in present)
                and not _fits_note(output, code, m.start(), m.end(), _own_claim(code))):
            out.append(_problem("code_chapter", full, m.start(), m.end(),
                                f"{code} {icpc2.title(code) or ''} does not fit the stated problem "
                                f"({', '.join(sorted(present))})"))
    return out
