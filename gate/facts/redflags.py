"""Red flags (cauda equina, sadelanestesi, blære/tarm, vekttap, feber, nattsmerter, kreft, traume ...).

Each is a fact with a polarity: "ingen tegn til cauda equina" denies it. A generic
"ingen røde flagg" in the input supports any denied red flag in the output.
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon

RED_FLAGS: dict[str, list[str]] = {
    "cauda_equina": ["cauda equina", "caudaequina", "cauda-equina"],
    "saddle_anaesthesia": ["sadelanestesi", "ridebukseanestesi", "nummenhet i skrittet", "nummen i skrittet",
                           "sadelnummenhet", "ridebukse", "sal-anestesi", "salanestesi", "sadel-anestesi",
                           "nummenhet i ridebukse", "nummen i ridebukse", "nummenhet i sadel", "nummen i sadel",
                           "redusert følelse i ridebukse", "nedsatt følelse i ridebukse", "nedsatt sensibilitet i ridebukse",
                           "perianal nummenhet", "nummenhet rundt endetarm", "nummenhet perianalt"],
    "bladder_bowel": ["urinretensjon", "inkontinens", "blæreforstyrrel", "blære- og tarm", "blære og tarm", "blære/tarm", "blære-/tarm", "blære- eller tarm",
                      "vannlating", "problemer med vannlating", "tarmforstyrrel", "lekkasje av urin", "urinlekkasje",
                      "avføringsinkontinens", "tarmfunksjon", "blærefunksjon",
                      "tømme blæren", "tømming av blæren", "tømme tarmen", "tømningsvansker", "tømmingsvansker"],
    "weight_loss": ["vekttap", "uforklarlig vekttap", "gått ned i vekt"],
    "fever": ["feber", "febril"],
    "night_pain": ["nattsmerte", "nattlige smerter", "smerter om natten", "hvilesmerte", "nattlig smerte",
                   "våkner av smerte", "våkner av smertene", "våkner av vondt", "vekkes av smerte", "vekkes av smertene",
                   "våkner pga. smerte", "våkner på grunn av smerte", "smerter om natta", "vondt om natten"],
    "malignancy": ["kreft", "malignitet", "cancer", "tumor", "metastase"],
    "trauma": ["traume", "fallskade", "fall$", "falt$", "fallet$", "skadet seg", "trafikkulykke", "påkjørt"],
    "progressive_deficit": ["progredierende", "progressive nevrologiske", "progressiv", "droppfot", "pareser",
                            "parese", "lammelse"],
    "osteoporosis": ["osteoporose", "benskjørhet", "beinskjørhet"],
    "steroid_use": ["langvarig kortison", "steroidbruk"],
    # the vertebrobasilar warning signs ("the five D's") and other neurological alarms
    "diplopia": ["dobbeltsyn", "diplopi"],
    "dysarthria": ["dysartri", "talevansker", "snøvlete tale", "utydelig tale"],
    "dysphagia": ["dysfagi", "svelgvansker", "svelgeproblem"],
    "drop_attack": ["drop attack", "fallanfall"],
    "syncope": ["besvimelse", "besvimt", "synkope", "svimte av"],
    "night_sweats": ["nattesvette", "nattsvette"],
    # myelopathy signs in a neck complaint: unsteady gait, clumsy hands
    "gait_disturbance": ["gangvansker", "gangforstyrrelse", "ustøhet", "ustø gange", "ustø ved gange", "ustødig",
                         "balanseproblem", "balansevansker", "ataksi", "ataktisk"],
    "fine_motor": ["finmotoriske problem", "finmotoriske vansker", "problemer med finmotorikk", "nedsatt finmotorikk",
                   "klossete hender", "klossethet", "mister ting"],
}
RF_LEX = Lexicon(RED_FLAGS)
GENERIC_NEG = re.compile(r"\b(ingen|uten|neg\.?|negative?)\s+(?:\w+\s+){0,2}røde\s+flagg|røde\s+flagg\s*[:=]?\s*"
                         r"(?:ingen|neg\w*|nei|ua|u\.a\.|avkreftet)", re.IGNORECASE)


# "Normal blære- og tarmfunksjon" denies a disturbance as surely as "ingen blære/tarm" does
NORMAL_BEFORE = re.compile(r"\b(?:(?:normale?|normalt|upåfallende|intakt|intakte|ua)|"
                           # "ingen endring i blære- eller tarmfunksjon", "uten problemer med vannlating"
                           r"(?:ingen|uten|ikke)\s+(?:endring\w*|forandring\w*|problem\w*|plager|vansker)\s+(?:i|med)"
                           r")\s+(?:[\w-]+\s+(?:og|eller)\s+)?$")
# a function the words above judge (not "inkontinens": "normal inkontinens" means nothing)
_FUNCTION = re.compile(r"(?:funksjon|vannlating|avføring)\w*$")
NORMAL_AFTER = re.compile(r"\w*\s+(?:er\s+|var\s+)?(?:normal\w*|upåfallende|ua\b|uten\s+anm)")  # "vannlatingen er normal"


def extract_red_flags(doc: Doc) -> list[Fact]:
    """Red-flag facts (key = flag) and one ``no_red_flags`` fact per generic denial."""
    facts = []
    for m in RF_LEX.finditer(doc):
        neg = doc.negated(m.start(), m.end()) or (bool(_FUNCTION.search(m.group(0).lower())) and (
            bool(NORMAL_BEFORE.search(doc.lower, max(0, m.start() - 40), m.start()))
            or bool(NORMAL_AFTER.match(doc.lower, m.end()))))
        facts.append(Fact("red_flag", m.key, None, m.group(0), m.start(), m.end(),
                          negated=neg, plan=doc.in_plan(m.start())))
    for m in GENERIC_NEG.finditer(doc.text):
        facts.append(Fact("red_flag", "no_red_flags", None, m.group(0), m.start(), m.end(), negated=True))
    return facts
