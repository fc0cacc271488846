"""Medical history: operations, earlier and other illnesses, and the years things happened.

"Tidligere operert for prolaps i 2015", "kjent diabetes type 2", "hjerteinfarkt i 2019": a
history the input does not give is invented; a year the input gives otherwise is a
contradiction (a year is a fact wherever it stands: operation, imaging, onset).
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon
from .timing import short_month_years

CONDITIONS: dict[str, list[str]] = {
    "surgery": ["operert", "operasjon", "opererte", "prolapsoperasjon", "kirurgi", "kirurgisk", "protese",
                "artroskop", "dekompresjon", "avstivning", "stivgjort"],
    "myocardial_infarction": ["hjerteinfarkt", "infarkt", "hjertesykdom", "angina"],
    "stroke": ["hjerneslag", "slag$", "drypp", "tia$"],
    "concussion": ["hjernerystelse", "commotio"],
    "dislocation": ["skulderluksasjon", "luksasjon", "har vært ute av ledd", "gått ut av ledd", "hoppet ut av ledd"],
    "diabetes": ["diabetes", "diabetiker", "sukkersyke"],
    "hypertension": ["høyt blodtrykk", "hypertensjon", "blodtrykksmedisin"],
    "asthma": ["astma", "kols"],
    "epilepsy": ["epilepsi"],
    "depression": ["depresjon", "angst"],
    "thyroid": ["stoffskifte", "hypotyreose", "hypertyreose"],
    "arthritis": ["revmatoid artritt", "leddgikt", "bekhterev", "psoriasisartritt"],
    "anticoagulation": ["blodfortynnende"],
    # "tidligere frisk", "ingen faste medisiner": a clean history is a claim too, often invented
    "no_known_illness": ["tidligere frisk", "ellers frisk", "ellers stort sett frisk", "ingen kjente sykdommer",
                         "ingen tidligere sykdom", "ingen andre sykdommer", "ingen kjent sykdom"],
    "regular_medication": ["faste medisiner", "fast medisin", "faste legemidler", "fast medikasjon",
                           "regelmessige medisiner"],
}
COND_LEX = Lexicon(CONDITIONS)
# an operation named by its kind inside a compound: "korsbåndsrekonstruksjon", "meniskektomi", "korsbåndsplastikk"
OPERATION = re.compile(r"\b[^\W\d_]*(?:rekonstruksjon|ektomi|plastikk|sutur)\w*", re.IGNORECASE)
# a year alone, or after its month ("03.2024", "02/2025")
YEAR_RE = re.compile(r"(?=[12])(?:(?<![\w.,/:-])|(?<=(?<![\w.])\d[./])|(?<=(?<![\w.])[01]\d[./]))(?:19[5-9]\d|20[0-4]\d)"
                     r"(?![\w.,/:-]\d|\d)")
_CONTEXT = {"history": re.compile(r"\b(operer\w*|operasjon\w*|tidligere|kjent\s+med|hadde|fikk|diagnostisert|"
                                  r"skade\w*|ulykke\w*|brudd|prolaps\w*)\b", re.IGNORECASE),
            "imaging": re.compile(r"\b(MR|MRI|CT|røntgen\w*|rtg|ultralyd\w*|bilde\w*)\b", re.IGNORECASE)}


def extract_history(doc: Doc) -> list[Fact]:
    """``history`` facts (key = condition or ``surgery``) and ``year`` facts (value = the year, key =
    what the sentence is about: ``history``, ``imaging`` or ``other``)."""
    facts = []
    for m in COND_LEX.finditer(doc):
        facts.append(Fact("history", m.key, None, m.group(0), m.start(), m.end(),
                          negated=doc.negated(m.start(), m.end()), plan=doc.in_plan(m.start())))
    for m in OPERATION.finditer(doc.text) if "rekonstr" in doc.lower or "ektomi" in doc.lower \
            or "plastikk" in doc.lower or "sutur" in doc.lower else ():
        if not any(f.start <= m.start() < f.end for f in facts):
            facts.append(Fact("history", "surgery", None, m.group(0), m.start(), m.end(),
                              negated=doc.negated(m.start(), m.end()), plan=doc.in_plan(m.start()),
                              extra={"named": True}))
    for m in YEAR_RE.finditer(doc.text):
        ss, se = doc.sentence(m.start())
        about = next((k for k, rx in _CONTEXT.items() if rx.search(doc.text, ss, se)), "other")
        facts.append(Fact("year", about, int(m.group(0)), m.group(0), m.start(), m.end()))
    for m, _, year in short_month_years(doc.text):  # "MR lx 11/25": the year 2025
        ss, se = doc.sentence(m.start())
        about = next((k for k, rx in _CONTEXT.items() if rx.search(doc.text, ss, se)), "other")
        facts.append(Fact("year", about, year, m.group(0), m.start("y"), m.end()))
    return facts
