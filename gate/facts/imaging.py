"""Imaging and its results (MR/røntgen/CT/ultralyd; prolaps, stenose, degenerative forandringer ...).

A modality is a fact only when the clause reports a result ("MR viste ...", "røntgen
ua"); "henvises til MR" is a plan. Result terms count only in a clause that names a
modality, so "mistanke om prolaps" in an assessment is not an imaging result.
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon

MODALITY_RE = re.compile(r"(?<![\w])(MR|MRI|MR-\w+|(?i:røntgen\w*|rtg\.?|ultralyd\w*)|CT|CT-\w+|UL)(?![\w])")
RESULT_CUE = re.compile(r"\b(vis\w*|påvis\w*|funn|avdek\w*|bekreft\w*|beskriv\w*|normal\w*|ua\b|u\.a\.|uten\s+anm\w*|"
                        r"ingen\s+patologi|ingen\s+brudd|\d{4}\s*:|kjent\b|"
                        r"uten\s+patologi|tatt|utført|besvar\w*)", re.IGNORECASE)
# A result already reported ("viste", "viser"), even in a sentence that also mentions the legevakt.
REPORTED = re.compile(r"\b(vis(?:te|er)|påvist\w*|bekreftet|avdekket|beskrev|uten\s+anm\w*|ua|normal\w*|"
                      r"uten\s+patologi|ingen\s+patologi|kjent)\b", re.IGNORECASE)
# "MR lx 2022", "Rtg kne 03.2024": an examination with its date was done, whatever it showed.
DATED = re.compile(r"^[\w\s.-]{0,25}?\b(?:(?:[01]?\d[./])?(?:19|20)\d{2}|[0-3]?\d\.[01]?\d\.\d{2,4})\b")
# "MR lx 11/25: sentral protrusjon", "Røntgen på legevakten: luksasjon grad 2": a report written as label: result
LABELLED = re.compile(r"[^.:;!?\n]{0,40}?:\s*[^\W\d_]")
# ... unless the sentence orders the examination ("Henv. MR: spørsmål om prolaps")
ORDERED = re.compile(r"\b(?:henv\w*|rekvir\w*|bestill\w*|søk\w*|vurder\w*|mistanke|spm|spørsmål)\b", re.IGNORECASE)
# "lett artrose", "uttalt degenerasjon": the grade an image report gives a finding.
GRADE = {"mild": r"lett\w*|mild\w*|lavgradig\w*|begynnende|små|liten|lite", "moderate": r"moderat\w*|middels",
         "severe": r"uttalt\w*|betydelig\w*|kraftig\w*|høygradig\w*|alvorlig\w*|stor\w*|omfattende|markert\w*"}
_GRADE_BEFORE = re.compile(r"(?:" + "|".join(f"(?P<{k}>\\b(?:{v}))" for k, v in GRADE.items()) + r")\s+(?:\w+\s+)?$",
                           re.IGNORECASE)
FOLLOW_ON = re.compile(r"\s*(?:undersøkelsen|bildene|bildet|den|det|svaret|beskrivelsen)\s+(?:\w+\s+){0,2}?"
                       r"(?:vis(?:te|er)|påvis\w*|beskriv\w*|sett|funnet)\b", re.IGNORECASE)
# "Modic 1", "Modic type 2-forandringer", "luksasjon grad 3": a numbered type or grade right after the finding
TYPE_AFTER = re.compile(r"[\s-]?(?:type\s*|grad\s*|gr\.\s*)?([1-4])(?!\d|[,./]\d)", re.IGNORECASE)
RESULTS: dict[str, list[str]] = {
    "disc_herniation": ["prolaps", "skiveprolaps", "diskusprolaps", "herniering", "skiveutbuling", "protrusjon",
                        "bulging"],
    "stenosis": ["stenose", "spinal stenose", "foraminal stenose", "foraminalstenose", "recesstenose"],
    "degeneration": ["degenerativ", "degenerasjon", "slitasje", "spondylose", "artrose", "osteofytt", "modic"],
    "fracture": ["fraktur", "brudd", "kompresjonsbrudd", "stressfraktur", "tretthetsbrudd", "kompresjonsfraktur",
                 "sprekk", "fissur"],
    "rupture": ["ruptur", "rift", "avrivning"],
    "dislocation": ["luksasjon", "leddluksasjon", "ac-leddsluksasjon", "ac-luksasjon", "skulderluksasjon"],
    "tendinopathy": ["tendinose", "tendinopati", "tendinitt", "kalkavleiring"],
    "nerve_root": ["rotaffeksjon", "nerverotaffeksjon", "rotkompresjon", "affeksjon av", "påvirkning av nerverot",
                   "påvirkning av nerverøtt", "nerverotpåvirkning", "påvirkning av roten", "kompresjon av", "trykk på nerverot",
                   "trykk mot nerverot"],
    "cyst": ["bakercyste", "cyste", "ganglion"],
    "sequestration": ["sekvester", "sekvestrert", "sekvestrering", "sekvestrasjon"],
    "listhesis": ["spondylolistese", "listese", "spondylolyse"],
    "normal": ["normal$", "normale$", "normalt$", "ua$", "u.a.$", "uten patologi", "uten funn", "upåfallende",
               "uten anmerkning", "ingen patologi"],
}
RESULT_LEX = Lexicon(RESULTS)


def extract_imaging(doc: Doc) -> list[Fact]:
    """``imaging`` facts (modality with a reported result) and ``imaging_result`` facts."""
    facts = []
    clauses_with_modality: list[tuple[int, int, str]] = []
    labelled_sentences: list[tuple[int, int]] = []
    for m in MODALITY_RE.finditer(doc.text):
        ss, se = doc.sentence(m.start())
        modality = m.group(1).lower()
        modality = ("mr" if modality.startswith("mr") else "xray" if modality.startswith(("røntgen", "rtg"))
                    else "ct" if modality.startswith("ct") else "ultrasound")
        labelled = bool(LABELLED.match(doc.text, m.end(), se)) and not ORDERED.search(doc.text, ss, m.start())
        reported = (bool(REPORTED.search(doc.text, ss, se)) or bool(DATED.match(doc.text, m.end(), se))
                    or labelled)
        has_result = (bool(RESULT_CUE.search(doc.text, ss, se)) or labelled) and (reported or not doc.in_plan(m.start()))
        clauses_with_modality.append((ss, se, modality))
        if labelled:
            labelled_sentences.append((ss, se))
        ns = se  # "MR-svaret har kommet. Undersøkelsen viste ... Det ble også sett ...": the next sentences report it
        while ns < len(doc.text):
            ns, ne = doc.sentence(ns)
            if ne <= ns or not FOLLOW_ON.match(doc.text, ns, ne):
                break
            clauses_with_modality.append((ns, ne, modality))
            ns = ne
        if has_result:
            facts.append(Fact("imaging", modality, None, m.group(0), m.start(), m.end(),
                              negated=doc.negated(m.start(), m.end())))
    for m in RESULT_LEX.finditer(doc):
        if not any(s <= m.start() < e for s, e, _ in clauses_with_modality):
            continue
        key = m.key
        neg = doc.negated(m.start(), m.end())
        ss, se = doc.sentence(m.start())
        g = _GRADE_BEFORE.search(doc.text, max(ss, m.start() - 30), m.start())
        grade = next((k for k in GRADE if g.group(k)), None) if g else None
        graded_span = (g.start(), m.end()) if grade else None
        t = TYPE_AFTER.match(doc.text, m.end()) if grade is None else None
        if t is not None:  # "Modic 1", "luksasjon grad 2": the type or grade is part of the finding
            grade, graded_span = f"type {t.group(1)}", (m.start(), t.end())
        facts.append(Fact("imaging_result", key, grade, m.group(0), m.start(), m.end(), negated=neg,
                          extra={"graded_span": graded_span},
                          plan=doc.in_plan(m.start()) and key != "normal" and not REPORTED.search(doc.text, ss, se)
                          and not any(a <= m.start() < b for a, b in labelled_sentences)))
    return facts
