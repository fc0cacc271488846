"""Medications by generic and Norwegian brand names, grouped to one generic key."""

from __future__ import annotations

from .base import Doc, Fact, Lexicon

MEDICATIONS: dict[str, list[str]] = {
    "ibuprofen": ["ibuprofen", "ibux", "ibumetin", "brufen", "advil", "nurofen"],
    "paracetamol": ["paracetamol", "paracet", "panodil", "pamol", "pinex$"],
    "codeine": ["paralgin", "pinex forte", "kodein", "kodeimol", "altermol", "codaxol"],
    "naproxen": ["naproksen", "naproxen", "napren", "pronaxen", "vimovo"],
    "diclofenac": ["diklofenak", "diclofenac", "voltaren", "cataflam"],
    "etoricoxib": ["etorikoksib", "etoricoxib", "arcoxia"],
    "celecoxib": ["celekoksib", "celecoxib", "celebra"],
    "tramadol": ["tramadol", "nobligan", "tradolan"],
    "oxycodone": ["oksykodon", "oxycodon", "oxynorm", "oxycontin", "targiniq"],
    "morphine": ["morfin", "dolcontin"],
    "pregabalin": ["pregabalin", "lyrica"],
    "gabapentin": ["gabapentin", "neurontin"],
    "amitriptyline": ["amitriptylin", "sarotex"],
    "sumatriptan": ["sumatriptan", "imigran"],
    "rizatriptan": ["rizatriptan", "maxalt"],
    "prednisolone": ["prednisolon", "prednison"],
    "diazepam": ["diazepam", "valium", "vival", "stesolid"],
    "oxazepam": ["oksazepam", "sobril"],
    "zopiclone": ["zopiklon", "imovane"],
    "orphenadrine": ["orfenadrin", "norflex"],
    "warfarin": ["warfarin", "marevan"],
    "apixaban": ["apiksaban", "apixaban", "eliquis"],
    "rivaroxaban": ["rivaroksaban", "xarelto"],
    "asa": ["albyl", "acetylsalisylsyre", "aspirin", "dispril"],
    "metformin": ["metformin"],
    "levothyroxine": ["levaxin", "levotyroksin"],
    "metoprolol": ["metoprolol", "selo-zok", "selozok"],
    "atorvastatin": ["atorvastatin", "lipitor"],
    "simvastatin": ["simvastatin", "zocor"],
    "omeprazole": ["omeprazol", "losec", "esomeprazol", "nexium"],
    "sertraline": ["sertralin", "zoloft"],
    "escitalopram": ["escitalopram", "cipralex"],
}
MED_LEX = Lexicon(MEDICATIONS)


def extract_medications(doc: Doc) -> list[Fact]:
    """Medication facts: key = generic name; negated when the text says it is not used."""
    facts = []
    for m in MED_LEX.finditer(doc):
        facts.append(Fact("medication", m.key, None, m.group(0), m.start(), m.end(),
                          negated=doc.negated(m.start(), m.end()), plan=doc.in_plan(m.start())))
    return facts
