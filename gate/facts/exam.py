"""Objective examination findings (palpation tenderness, mobility, tone, reflexes, strength, sensibility).

These are what an abstention case must not contain: an input without examination
findings cannot support "palpasjonsøm over L4-L5" or "nedsatt fleksjon".
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon
from .regions import SIDE_LEX

EXAM: dict[str, list[str]] = {
    "tenderness": ["palpasjonsøm", "palpasjonsømhet", "øm ved palpasjon", "ømhet ved palpasjon", "trykkøm",
                   "smerter ved palpasjon", "smerte ved palpasjon", "vond ved palpasjon",
                   "ømhet over", "øm over", "palpatorisk øm"],
    "mobility": ["hypomobil", "hypermobil", "nedsatt bevegelighet", "redusert bevegelighet", "nedsatt rom",
                 "redusert rom", "bevegelsesutslag", "bevegelsesinnskrenkning", "nedsatt fleksjon",
                 "redusert fleksjon", "nedsatt ekstensjon", "redusert ekstensjon", "nedsatt rotasjon",
                 "redusert rotasjon", "nedsatt lateralfleksjon", "full bevegelighet", "fri bevegelighet",
                 "god bevegelighet", "segmentell dysfunksjon", "låst segment", "fiksasjon", "bevegelighet",
                 "bevegelse$", "bevegelsene$"],
    "tone": ["hypertonus", "hypertonisitet", "økt tonus", "muskelspasme", "spasme", "triggerpunkt",
             "myoser", "stram muskulatur", "spent muskulatur", "muskulær spenning"],
    "reflexes": ["refleks", "senerefleks"],
    # a named reflex is its own finding: "bicepsrefleks" (C5/C6) is not "tricepsrefleks" (C7)
    "reflex_biceps": ["biceps"], "reflex_triceps": ["triceps"],
    "reflex_brachioradialis": ["brachioradialis", "radius"],
    "reflex_patellar": ["patella", "patellar", "kne"],
    "reflex_achilles": ["akilles", "achilles"],
    "strength": ["kraft$", "kraften$", "kraftnedsettelse", "nedsatt kraft", "redusert kraft", "normal kraft",
                 "muskelkraft", "styrke$", "styrken$", "muskelstyrke$", "muskelstyrken$", "grepsstyrke"],
    "sensibility": ["sensibilitet", "sensibilitetsutfall", "dermatom"],
    "gait": ["gangfunksjon", "hælgang", "tågang", "haltende gange"],
    "weight_bearing": ["belaste", "belastbar", "vektbærende"],
    "posture": ["holdning", "antalgisk", "skoliose", "bekkenskjevhet"],
    "swelling_found": ["hevelse", "effusjon", "hydrops"],
    "neuro_general": ["nevrologisk undersøkelse", "nevrologisk status", "nevrologi ua", "nevrologiske funn",
                      "nevrologisk ua", "nevrologisk upåfallende"],
}
# "bicepsrefleks", "biceps-refleks", "biceps-refl." (written out to "biceps-refleks"), "akillesrefl" (shorthand)
for _k in [k for k in EXAM if k.startswith("reflex_")]:
    EXAM[_k] = [f"{stem}{sep}{word}" for stem in EXAM[_k] for sep in ("", "-") for word in ("refleks", "refl$")]
EXAM["crepitus"] = ["krepitasjon", "krepitus", "krepitasjoner", "knirking", "knasing"]
EXAM["atrophy"] = ["atrofi", "muskelsvinn", "muskelatrofi"]
EXAM_LEX = Lexicon(EXAM)
ABNORMAL = re.compile(r"\b(nedsatt|redusert|svekket|svak\w*|økt\w*|øm\w*|smertefull\w*|positiv\w*|patologisk\w*|utfall|"
                      r"affisert|begrenset|atrofi\w*|innskrenket|stiv\w*|hypo\w*|hyper\w*|opphevet|fraværende)\b",
                      re.IGNORECASE)
NORMAL = re.compile(r"\b(normal\w*|ua\b|u\.a\.?|uten\s+anm\w*|intakt\w*|symmetrisk\w*|full\w*|fri|god|upåfallende|"
                    r"bevart\w*|ingen)\b", re.IGNORECASE)


# "fleksjon redusert", "Rotasjon venstre sterkt redusert", "Rotasjon i thorakalcolumna mot venstre er redusert":
# the movement first.
_MOVES = r"(?:fleksjon|ekstensjon|rotasjon|innadrotasjon|utadrotasjon|lateralfleksjon|abduksjon|adduksjon|bevegelighet|bevegelsesutslag)"
MOVEMENT_FIRST = re.compile(r"\b" + _MOVES + r"\b(?:\s+[\w.]+){0,5}?\s+(?:sterkt\s+|lett\s+|noe\s+|"
                            r"kraftig\s+)?(?:redusert|nedsatt|begrenset|innskrenket|smertefull)\b"
                            # and "Redusert innadrotasjon", "nedsatt passiv utadrotasjon" (not in the lexicon)
                            r"|\b(?:redusert|nedsatt|begrenset|smertefull)\s+(?:aktiv\s+|passiv\s+)?"
                            r"(?:innadrotasjon|utadrotasjon|abduksjon|adduksjon|lateralfleksjon)\b", re.IGNORECASE)


# "lx fleks 30° m/ smerte", "fleksjon 40 grader, smertefull": a measured movement with pain or a limit
MOVEMENT_MEASURED = re.compile(r"\b" + _MOVES + r"\s+(?:til\s+|ca\.?\s+)?\d{1,3}\s*(?:°|grader)(?P<tail>[^.;\n]{0,25})",
                               re.IGNORECASE)
_PAIN_OR_LIMIT = re.compile(r"\b(?:med\s+smerte\w*|smerte\w*|smertefull\w*|begrenset|redusert|nedsatt)\b", re.IGNORECASE)


# "Normal innadrotasjon", "full abduksjon", "innadrotasjon er normal": a movement judged normal.
MOVEMENT_NORMAL = re.compile(r"\b(?:normal|full|fri|god|uhindret)\w*\s+(?:aktiv\s+|passiv\s+)?" + _MOVES + r"\b|\b"
                             + _MOVES + r"\s+(?:er\s+|var\s+)?(?:normal\w*|full|fri|uten\s+anm\w*|ua)\b", re.IGNORECASE)


_NORMAL_STARTS = ("no", "fu", "fr", "go", "uh", "fl", "ek", "ro", "in", "ut", "la", "ab", "ad", "be")


PRESENCE = {"swelling_found", "crepitus", "atrophy"}
_JUDGED_RIGHT_AFTER = re.compile(r"\w*\s*(?:[:=]\s*|er\s+|var\s+)?(?:ingen|ua\b|u\.a\.?|uten\s+anm\w*|normal\w*|neg\w*)",
                                 re.IGNORECASE)
_NOT_AFTER = re.compile(r"\w*\s+ikke\b")  # "Belaster ikke høyre ben fullt"


def _nearest_is_normal(doc: Doc, m, cs: int, ce: int) -> bool:
    """Whether the clause judges the finding normal: with both kinds of word in it ("hælgang svak ve.
    patellarrefleks normale"), the one nearest the finding's name judges it."""
    normals = [x.start() for x in NORMAL.finditer(doc.text, cs, ce)]
    if not normals:
        return False
    abnormals = [x.start() for x in ABNORMAL.finditer(doc.text, cs, ce)]
    if not abnormals:
        return True

    def dist(p: int) -> int:
        between = doc.text[p:m.start()] if p < m.start() else doc.text[m.end():p]
        far = 1000 if ". " in between else 0  # past a full stop the clause splitter took for shorthand ("ve. ")
        return far + (m.start() - p if p < m.start() else max(0, p - m.end()))
    return min(map(dist, normals)) < min(map(dist, abnormals))


def extract_exam(doc: Doc) -> list[Fact]:
    """``exam`` facts: key = finding kind, value ``normal``/``abnormal`` from the clause's wording."""
    facts = []
    for m in MOVEMENT_FIRST.finditer(doc.text) if ("redus" in doc.lower or "nedsatt" in doc.lower
                                                   or "begrens" in doc.lower) else ():
        side = next((sm.key for sm in SIDE_LEX.finditer(doc, m.start(), m.end())), None)
        facts.append(Fact("exam", "mobility", "abnormal", m.group(0), m.start(), m.end(), side=side,
                          plan=doc.in_plan(m.start()), extra={"side_span": None}))
    for m in MOVEMENT_MEASURED.finditer(doc.text) if ("°" in doc.text or "grader" in doc.lower) else ():
        if _PAIN_OR_LIMIT.search(m.group("tail")) and not any(f.start <= m.start() < f.end for f in facts):
            facts.append(Fact("exam", "mobility", "abnormal", m.group(0), m.start(), m.end(),
                              plan=doc.in_plan(m.start()), extra={"side_span": None}))
    for m in doc.matches_at(MOVEMENT_NORMAL, _NORMAL_STARTS):
        if not any(f.start <= m.start() < f.end for f in facts):
            facts.append(Fact("exam", "mobility", "normal", m.group(0), m.start(), m.end(), plan=doc.in_plan(m.start()),
                              extra={"side_span": None}))
    for m in EXAM_LEX.finditer(doc):
        cs, ce = doc.clause(m.start())
        normal = _nearest_is_normal(doc, m, cs, ce) or doc.negated(m.start(), m.end())
        if not normal and not ABNORMAL.search(doc.text, cs, ce):
            # "Kraft, sensibilitet og reflekser er uten anmerkning": a list's judgement comes at its end
            # ("Palpasjonsømhet over ATFL, ingen benømhet": "ingen" there denies the next item, judges nothing)
            ss, se = doc.sentence(m.start())
            normal = any(j.group(1).lower() != "ingen" for j in NORMAL.finditer(doc.text, ce, se)) \
                and not ABNORMAL.search(doc.text, ce, se)
        if m.key in PRESENCE and not doc.negated(m.start(), m.end()):
            # "lett hevelse og krepitasjon i venstre kne, ..., full ekstensjon": a sign named is a sign found,
            # unless a normal word judges it right there ("hevelse: ingen", "krepitasjon ua")
            normal = bool(_JUDGED_RIGHT_AFTER.match(doc.text, m.end()))
        if m.key == "weight_bearing":  # "kan ikke belaste" is the abnormal finding, not a denied one
            normal = not doc.negated(m.start(), m.end()) and not _NOT_AFTER.match(doc.lower, m.end())
        side, side_span = None, None
        for sm in SIDE_LEX.finditer(doc, m.end(), min(ce, m.end() + 60)):
            side, side_span = sm.key, sm.span
            break
        facts.append(Fact("exam", m.key, "normal" if normal else "abnormal", m.group(0), m.start(), m.end(),
                          side=side, plan=doc.in_plan(m.start()), extra={"side_span": side_span}))
    return facts
