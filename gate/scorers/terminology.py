"""Terminology scorer: house language, neighbours, English, glossary, codes, spelling, required sections.

Problems found (``details["problems"]``, each ``{type, text, start, end, message}``):

- ``language``: the text is not in the house language (Bokmål by default);
- ``swedish`` / ``danish``: the text is written in a neighbouring language, not in Norwegian;
- ``nynorsk``: Nynorsk marker words in a Bokmål note (ikkje, eg, høgre, veke, dagar ...);
- ``english``: an English phrase inside a Norwegian note;
- ``glossary``: a term the house glossary replaces (anglicisms, Danish/Swedish forms);
- ``invalid_code``, ``wrong_system``, ``code_mismatch``, ``code_chapter``: see
  :mod:`gate.terminology.codes`;
- ``spelling``: more unknown words per 100 words than ``max_misspelled_per_100`` (each unknown
  word is one problem; see :mod:`gate.terminology.spelling`);
- ``missing_section``: a section the document type requires (S/O/A/P for SOAP notes).

The house written standard is ``[terminology] house_style`` unless the case carries its own
(``case.meta["house_style"]``, from a score input line or a labelled case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gate.cases import Case
from gate.errors import ChirogateError
from gate.terminology.words import english_spans, glossary, nynorsk_markers

from .base import Score
from .registry import scorer

SECTIONS: dict[str, list[tuple[str, str]]] = {
    "soap": [("S", r"S|Subjektivt?|Anamnese"), ("O", r"O|Objektivt?|Funn|(?:Klinisk\s+)?[Uu]ndersøkelse"),
             ("A", r"A|Vurdering|Diagnose"), ("P", r"P|Plan|Tiltak")],
    "letter": [("greeting", r"Hei|Til|Kjære|Vedrørende|Vedr\.?|Henvisning"),
               ("sign-off", r"(?:Med\s+)?(?:[Vv]ennlig\s+hilsen|[Vv]enleg\s+helsing)|Mvh\.?|Hilsen|Helsing")],
}


@dataclass(frozen=True)
class TerminologyConfig:
    """``[terminology]`` in chirogate.toml."""

    house_style: str = "bokmal"
    """House written standard: ``bokmal`` or ``nynorsk``."""
    check_glossary: bool = True
    check_sections: bool = True
    check_codes: bool = True
    check_spelling: bool = True
    """Check spelling with hunspell nb_NO / nn_NO (Debian ``hunspell-no``) plus the clinical whitelist."""
    max_misspelled_per_100: float = 1.0
    """Unknown words per 100 words above which the note fails (0 unknown on the labelled clean notes
    and the synthetic corpus' reference notes; one misspelt word in a 40-word note is 2.5)."""

    def __post_init__(self) -> None:
        if self.house_style not in ("bokmal", "nynorsk"):
            raise ValueError(f"house_style must be 'bokmal' or 'nynorsk', got {self.house_style!r}")
        if self.max_misspelled_per_100 < 0:
            raise ValueError(f"max_misspelled_per_100 must be >= 0, got {self.max_misspelled_per_100!r}")


def _clinical():
    from gate.clinical import icd10, icpc2, language

    return icpc2, icd10, language


def _problem(kind: str, text: str, start: int, end: int, message: str) -> dict:
    return {"type": kind, "text": text, "start": start, "end": end, "message": message}


def _language_problems(output: str, house: str, language) -> list[dict]:
    out = []
    lang, evidence = language.neighbour(output)
    if lang:
        name = {"sv": "swedish", "da": "danish"}[lang]
        words = ", ".join(dict.fromkeys(w.lower() for _, _, w in evidence[:6]))
        return [_problem(name, output[evidence[0][0]:evidence[-1][1]][:80], evidence[0][0], evidence[-1][1],
                         f"written in {name.capitalize()}, not Norwegian ({words})")]
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
                check_codes: bool = True, check_spelling: bool = True, max_misspelled_per_100: float = 1.0):
    """Terminology scorer factory: value 1.0 when the output has no problem (passes), else 0.0.

    ``details["problems"]`` lists every problem with its type, text and offsets;
    ``details["misspelled_per_100"]`` is the spelling rate (None when not checked)."""
    cfg = TerminologyConfig(house_style, check_glossary, check_sections, check_codes, check_spelling,
                            max_misspelled_per_100)

    def score(case: Case, output: str) -> Score:
        icpc2, icd10, language = _clinical()
        house = case.meta.get("house_style") or cfg.house_style
        if house not in ("bokmal", "nynorsk"):
            raise ChirogateError(f"case {case.id}: house_style must be 'bokmal' or 'nynorsk', got {house!r}")
        problems = _language_problems(output, house, language)
        neighbour = any(p["type"] in ("swedish", "danish") for p in problems)
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
            from gate.terminology.codes import code_problems

            problems += code_problems(case, output)
        rate = None
        if cfg.check_spelling and not neighbour:  # a Swedish text is named once, not word by word
            from gate.terminology.spelling import check

            english = [(p["start"], p["end"]) for p in problems if p["type"] in ("english", "glossary")]
            spelled = check(output, house_style=house)
            unknown = [u for u in spelled.unknown if not any(s <= u[0] < e for s, e in english)]
            rate = 100.0 * len(unknown) / spelled.words if spelled.words else 0.0
            if rate > cfg.max_misspelled_per_100:
                problems += [_problem("spelling", w, s, e, f"'{w}' is not in the {house} dictionary "
                                      f"({rate:.1f} unknown words per 100, limit {cfg.max_misspelled_per_100:g})")
                             for s, e, w in unknown]
        if cfg.check_sections:
            problems += _section_problems(case.doc_type, output)
        details = {"problems": problems, "misspelled_per_100": rate}
        if not problems:
            return Score(1.0, True, "terminology ok", details=details)
        kinds = sorted({p["type"] for p in problems})
        return Score(0.0, False, f"{len(problems)} problem(s): {', '.join(kinds)}", details=details)

    return score
