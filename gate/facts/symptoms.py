"""Symptoms an output may claim: radiation (utstråling/isjias), numbness, headache, dizziness ...

Radiation matters most: it decides between L84 and L86 and is a common invention.
"""

from __future__ import annotations

from .base import Doc, Fact, Lexicon
from .redflags import RF_LEX

SYMPTOMS: dict[str, list[str]] = {
    "radiation": ["utstråling", "utstrålende", "stråler", "strålte", "stråling", "radier", "isjias", "ischias",
                  "nerverotsmerte", "radikulær"],
    "numbness": ["nummenhet", "nummen", "prikking", "parestesi", "sovende"],
    "headache": ["hodepine", "hodesmerte"],
    "migraine": ["migrene"],
    "aura": ["aura$", "synsforstyrrelse", "flimmerskotom"],
    "dizziness": ["svimmel", "vertigo", "karusell"],
    "nausea": ["kvalme", "oppkast"],
    "weakness": ["kraftsvikt", "kraftløs", "svakhet"],
    "stiffness": ["stivhet", "morgenstiv", "stiv$", "stive$", "stivt$", "stivnet"],
    "swelling": ["hevelse", "hoven"],
    "locking": ["låsning", "låser seg"],
    # vascular signs of a limb (thoracic outlet, Raynaud): "armen blir kald og blek"
    "vascular": ["kald og blek", "blek og kald", "kalde og bleke", "bleke og kalde", "blekhet", "cyanose", "cyanotisk",
                 "raynaud", "kuldefølelse", "kalde fingre", "blåfarget", "blålig"],
    "hearing_loss": ["hørselstap", "nedsatt hørsel", "hørselsnedsettelse", "tinnitus", "øresus"],
}
SYM_LEX = Lexicon(SYMPTOMS)


def extract_symptoms(doc: Doc) -> list[Fact]:
    """Symptom facts: key = symptom, negated when denied."""
    facts = []
    flags = [h.span for h in RF_LEX.finditer(doc)]
    for m in SYM_LEX.finditer(doc):
        if any(a <= m.start() < b for a, b in flags):
            continue  # "nummenhet i ridebukseområdet" is the red flag, not the symptom
        facts.append(Fact("symptom", m.key, None, m.group(0), m.start(), m.end(),
                          negated=doc.negated(m.start(), m.end()), plan=doc.in_plan(m.start())))
    return facts
