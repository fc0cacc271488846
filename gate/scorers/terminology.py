"""Terminology scorer: house language, English inside Norwegian, glossary, codes, required sections.

Problems found (``details["problems"]``, each ``{type, text, start, end, message}``):

- ``language``: the text is not in the house language (Bokmål by default);
- ``nynorsk``: Nynorsk marker words in a Bokmål note (ikkje, eg, høgre, veke, dagar ...);
- ``english``: an English phrase inside a Norwegian note;
- ``glossary``: a term the house glossary replaces (anglicisms, Danish/Swedish forms);
- ``invalid_code``: an ICPC-2 code that does not exist (N02, L193) or a malformed ICD-10 code;
- ``code_chapter``: a code whose chapter or meaning does not fit the stated problem (an N code
  on a pure low back case, L83 neck syndrome when only the low back is described);
- ``missing_section``: a section the document type requires (S/O/A/P for SOAP notes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gate.cases import Case
from gate.errors import ChirogateError
from gate.facts.base import Doc
from gate.facts.codes import CODE_CLAIMS
from gate.facts.levels import extract_levels
from gate.facts.regions import compatible, extract_regions
from gate.facts.symptoms import extract_symptoms
from gate.terminology.words import english_spans, glossary, nynorsk_markers

from .base import Score
from .registry import scorer

CODE_CANDIDATE = re.compile(r"(?<![\w.\-/])(?P<code>[A-Z]\d{2,3})(?:\.(?P<dec>\d{1,2}))?(?![\w])")
ICD_CONTEXT = re.compile(r"icd(?:-?10)?(?:-?kode)?\s*[:=(]?\s*$", re.IGNORECASE)
# Anything written right after "ICD-10:" is meant as a code, however malformed ("M5.11", "M545").
ICD_LABELLED = re.compile(r"icd(?:-?10)?\s*[:=]?\s*(?P<code>[A-Za-z][\w.]*\w)", re.IGNORECASE)
# Which complaints make each ICPC-2 chapter plausible for a chiropractic note.
CHAPTER_NEEDS: dict[str, frozenset[str]] = {
    "N": frozenset({"headache", "dizziness", "numbness", "radiation", "head", "weakness"}),
    "H": frozenset({"dizziness"}),
}
SECTIONS: dict[str, list[tuple[str, str]]] = {
    "soap": [("S", r"S|Subjektivt?|Anamnese"), ("O", r"O|Objektivt?|Funn|(?:Klinisk\s+)?[Uu]ndersøkelse"),
             ("A", r"A|Vurdering|Diagnose"), ("P", r"P|Plan|Tiltak")],
    "letter": [("greeting", r"Hei|Til|Kjære|Vedrørende|Vedr\.?|Henvisning"),
               ("sign-off", r"(?:Med\s+)?[Vv]ennlig\s+hilsen|Mvh\.?|Hilsen")],
}


@dataclass(frozen=True)
class TerminologyConfig:
    """``[terminology]`` in chirogate.toml."""

    house_style: str = "bokmal"
    """House written standard: ``bokmal`` or ``nynorsk``."""
    check_glossary: bool = True
    check_sections: bool = True
    check_codes: bool = True

    def __post_init__(self) -> None:
        if self.house_style not in ("bokmal", "nynorsk"):
            raise ValueError(f"house_style must be 'bokmal' or 'nynorsk', got {self.house_style!r}")


def _clinical():
    try:
        from gate.clinical import icd10, icpc2, language
    except ImportError as exc:  # the data stage ships gate.clinical
        raise ChirogateError(f"the terminology scorer needs gate.clinical (code lists, language detection): {exc}") from None
    return icpc2, icd10, language


def _problem(kind: str, text: str, start: int, end: int, message: str) -> dict:
    return {"type": kind, "text": text, "start": start, "end": end, "message": message}


def _language_problems(output: str, house: str, language) -> list[dict]:
    out = []
    a = language.assess(output, house_style=house)
    want = "nb" if house == "bokmal" else "nn"
    if a.language in ("nb", "nn", "en") and a.language != want:
        out.append(_problem("language", output[:60], 0, len(output), f"text is in '{a.language}', house style is {want}"))
    if house == "bokmal":
        seen: set[int] = set()
        marks = list(nynorsk_markers(output))
        for w in getattr(a, "nynorsk_markers", []) or []:
            for m in re.finditer(rf"(?<!\w){re.escape(w)}(?!\w)", output, re.IGNORECASE):
                marks.append((m.start(), m.end(), m.group(0)))
        for s, e, w in sorted(marks):
            if s not in seen:
                seen.add(s)
                out.append(_problem("nynorsk", w, s, e, f"Nynorsk form '{w}' in a Bokmål note"))
    spans = {(s, e): t for s, e, t in english_spans(output)}
    for item in getattr(a, "english_spans", []) or []:
        s, e, t = item
        if not any(s < e2 and s2 < e for s2, e2 in spans):
            spans[(s, e)] = t
    for (s, e), t in sorted(spans.items()):
        out.append(_problem("english", t, s, e, "English phrase in a Norwegian note"))
    return out


def _code_problems(case: Case, output: str, icpc2, icd10) -> list[dict]:
    out = []
    level_spans = [(f.start, f.end) for f in extract_levels(Doc.of(output))]
    context = Doc.of(case.prompt or output)
    present = {f.key for f in extract_regions(context) if not f.negated}
    present |= {f.key for f in extract_symptoms(context) if not f.negated}
    seen: set[int] = set()
    for m in ICD_LABELLED.finditer(output):
        code = m.group("code")
        seen.add(m.start("code"))
        if not icd10.is_wellformed(code):
            out.append(_problem("invalid_code", code, m.start("code"), m.end("code"),
                                f"'{code}' is not a well-formed ICD-10 code"))
    for m in CODE_CANDIDATE.finditer(output):
        if m.start() in seen:
            continue
        if any(s <= m.start() < e for s, e in level_spans):
            continue
        code, dec = m.group("code"), m.group("dec")
        full = m.group(0)
        icd = dec is not None or bool(ICD_CONTEXT.search(output[max(0, m.start() - 30):m.start()]))
        if icd:
            if not icd10.is_wellformed(full):
                out.append(_problem("invalid_code", full, m.start(), m.end(), f"'{full}' is not a well-formed ICD-10 code"))
            continue
        if len(code) == 4 or not icpc2.is_valid(code):
            out.append(_problem("invalid_code", full, m.start(), m.end(), f"'{full}' is not an ICPC-2 code"))
            continue
        needs = CODE_CLAIMS.get(code, (None, None))[0] or CHAPTER_NEEDS.get(code[0])
        if needs and present and not any(compatible(n, p) for n in needs for p in present):
            title = icpc2.title(code) or ""
            out.append(_problem("code_chapter", full, m.start(), m.end(),
                                f"{code} {title} does not fit the stated problem ({', '.join(sorted(present))})"))
    return out


def _section_problems(doc_type: str | None, output: str) -> list[dict]:
    out = []
    for name, pattern in SECTIONS.get(doc_type or "", []):
        if doc_type == "soap":
            ok = re.search(rf"^[ \t]*(?:\*\*)?(?:{pattern})(?:\*\*)?[ \t]*[:.](?!\d)", output, re.MULTILINE)
        else:
            ok = re.search(rf"(?<!\w)(?:{pattern})(?!\w)", output)
        if not ok:
            out.append(_problem("missing_section", name, 0, 0, f"a {doc_type} needs a '{name}' section"))
    return out


@scorer("terminology")
def terminology(house_style: str = "bokmal", check_glossary: bool = True, check_sections: bool = True,
                check_codes: bool = True):
    """Terminology scorer factory: value 1.0 when the output has no problem (passes), else 0.0.

    ``details["problems"]`` lists every problem with its type, text and offsets."""
    cfg = TerminologyConfig(house_style, check_glossary, check_sections, check_codes)

    def score(case: Case, output: str) -> Score:
        icpc2, icd10, language = _clinical()
        problems = _language_problems(output, cfg.house_style, language)
        if cfg.check_glossary:
            entries, pattern = glossary()
            by_term = {e.term: e for e in entries}
            english = [(p["start"], p["end"]) for p in problems if p["type"] == "english"]
            for m in pattern.finditer(output):
                if any(s <= m.start() < e for s, e in english):
                    continue  # already reported as an English phrase
                e = by_term[m.group(0).lower()]
                problems.append(_problem("glossary", m.group(0), m.start(), m.end(),
                                         f"use '{e.preferred}' ({e.reason})"))
        if cfg.check_codes:
            problems += _code_problems(case, output, icpc2, icd10)
        if cfg.check_sections:
            problems += _section_problems(case.doc_type, output)
        if not problems:
            return Score(1.0, True, "terminology ok", details={"problems": []})
        kinds = sorted({p["type"] for p in problems})
        return Score(0.0, False, f"{len(problems)} problem(s): {', '.join(kinds)}", details={"problems": problems})

    return score
