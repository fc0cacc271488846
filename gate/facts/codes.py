"""Diagnosis codes (ICPC-2 ``L86``, ICD-10 ``M54.5``) and what each code claims about the patient.

A code is a fact about the patient: L86 says "back syndrome *with* radiating pain", so an
output coding L86 for an input that says "ingen utstråling" contradicts the findings.
:data:`CODE_CLAIMS` lists, for the codes a chiropractor uses, the body regions or
complaints the input must mention and whether radiation must be present or absent.
"""

from __future__ import annotations

import re

from .base import Doc, Fact

ICPC_CHAPTERS = "ABDFHKLNPRSTUWXYZ"
CODE_RE = re.compile(r"(?<![\w.\-/])(?P<code>[A-Z]\d{2})(?:\.(?P<dec>\d{1,2}))?(?![\w])")
ICD_CONTEXT = re.compile(r"icd(?:-?10)?(?:-?kode)?\s*[:=(]?\s*$", re.IGNORECASE)
ICPC_CONTEXT = re.compile(r"icpc(?:-?2)?\b[^\n]{0,20}$", re.IGNORECASE)

# code -> (any of these region/complaint keys must be in the input, radiation required True/False/None)
CODE_CLAIMS: dict[str, tuple[frozenset[str], bool | None]] = {
    "L01": (frozenset({"neck"}), None),
    "L02": (frozenset({"back", "low_back", "thoracic"}), None),
    "L03": (frozenset({"low_back", "back"}), None),
    "L04": (frozenset({"chest", "thoracic"}), None),
    "L08": (frozenset({"shoulder"}), None),
    "L09": (frozenset({"arm", "elbow", "hand"}), None),
    "L10": (frozenset({"elbow"}), None),
    "L11": (frozenset({"hand"}), None),
    "L13": (frozenset({"hip"}), None),
    "L14": (frozenset({"leg"}), None),
    "L15": (frozenset({"knee"}), None),
    "L16": (frozenset({"foot"}), None),
    "L17": (frozenset({"foot"}), None),
    "L83": (frozenset({"neck"}), None),
    "L84": (frozenset({"back", "low_back", "thoracic"}), False),
    "L86": (frozenset({"back", "low_back"}), True),
    "L89": (frozenset({"hip"}), None),
    "L90": (frozenset({"knee"}), None),
    "L92": (frozenset({"shoulder"}), None),
    "L93": (frozenset({"elbow"}), None),
    "N01": (frozenset({"headache", "head"}), None),
    "N89": (frozenset({"migraine"}), None),
    "N95": (frozenset({"headache", "head"}), None),
    "N17": (frozenset({"dizziness"}), None),
    "H82": (frozenset({"dizziness"}), None),
    "M54": (frozenset({"back", "low_back", "neck", "thoracic"}), None),
    "M51": (frozenset({"back", "low_back"}), None),
    "M50": (frozenset({"neck"}), None),
    "M75": (frozenset({"shoulder"}), None),
}


def extract_codes(doc: Doc, level_spans: list[tuple[int, int]] = ()) -> list[Fact]:
    """Code facts: key = the code (``M54.5`` with decimals), value = ``icpc2`` or ``icd10``."""
    facts = []
    for m in CODE_RE.finditer(doc.text):
        if any(s <= m.start() < e for s, e in level_spans):
            continue
        code = m.group("code")
        before = doc.text[max(0, m.start() - 30):m.start()]
        if m.group("dec") is not None or ICD_CONTEXT.search(before):
            system = "icd10"
        elif code[0] in ICPC_CHAPTERS:
            system = "icpc2"
        else:
            system = "icd10"
        full = code + (f".{m.group('dec')}" if m.group("dec") else "")
        facts.append(Fact("code", full, system, m.group(0), m.start(), m.end(), plan=False,
                          extra={"base": code, "title_span": _title_span(doc.text, m.end(), full, system)}))
    return facts


_TITLE_SEP = re.compile(r"[ \t]*[:\-–]?[ \t]*")


def _title_span(text: str, pos: int, code: str, system: str) -> tuple[int, int] | None:
    """Where the code's own official title follows it ("L87 Bursitt/tendinitt/synovitt IKA"), if it does.

    The words of a code's title are the code's name, not diagnoses of their own; the code is checked."""
    from gate.clinical import icd10, icpc2

    name = icpc2.title(code) if system == "icpc2" else icd10.title(code)
    if not name:
        return None
    start = _TITLE_SEP.match(text, pos).end()
    if text[start:start + len(name)].lower() == name.lower():
        return start, start + len(name)
    return None
