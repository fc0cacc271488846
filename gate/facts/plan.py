"""Plan commitments: referrals and to whom, treatments given, follow-up or its absence.

"Henvist til ortoped", "HVLA-manipulasjon av cervikalcolumna", "kontroll om tre måneder": a
referral target, a treatment technique or a follow-up that nobody decided is invented; a
different target, or a follow-up where the input ends the treatment, is a contradiction.
Intervals, sick-leave grades and lengths are numbers (:mod:`.numbers`), checked in the plan too.
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon

TARGETS: dict[str, list[str]] = {
    "gp": ["fastlege", "allmennlege", "egen lege", "lege$", "legen$"],
    "physio": ["fysioterapeut", "fysioterapi", "fysio$", "manuellterapeut"],
    "orthopaedist": ["ortoped"],
    "neurologist": ["nevrolog"],
    "neurosurgeon": ["nevrokirurg"],
    "rheumatologist": ["revmatolog"],
    "emergency": ["legevakt", "akuttmottak", "sykehus"],
    "imaging_mr": ["mr$", "mri$", "mr-", "magnettomografi"],
    "imaging_xray": ["røntgen", "rtg$"],
    "imaging_ct": ["ct$", "ct-"],
    "imaging_us": ["ultralyd"],
    "neurography": ["nevrografi", "emg$"],
    "dentist": ["tannlege"],
    "psychologist": ["psykolog"],
    "chiropractor": ["kiropraktor"],
    # the rest of the specialist family a clinic refers to
    "vascular_surgeon": ["karkirurg"], "surgeon": ["kirurg$", "kirurgen$", "kirurgisk poliklinikk"],
    "ent": ["øre-nese-hals", "ønh$", "ønh-lege"], "pain_clinic": ["smerteklinikk", "smertepoliklinikk"],
    "paediatrician": ["barnelege"], "gynaecologist": ["gynekolog"], "cardiologist": ["kardiolog"],
    "ophthalmologist": ["øyelege"], "dermatologist": ["hudlege"], "sports_physician": ["idrettslege"],
    "psychiatrist": ["psykiater"], "occupational_therapist": ["ergoterapeut"], "naprapath": ["naprapat"],
    "osteopath": ["osteopat"], "podiatrist": ["fotterapeut"], "occupational_health": ["bedriftshelsetjeneste"],
}
TARGET_LEX = Lexicon(TARGETS)
REFERRAL = re.compile(r"\b(henvis\w*|henvist|henvises|viderehenvis\w*|rekvirer\w*|bestill\w*|sendes\s+til|"
                      r"sendt\s+til|vurdering\s+(?:hos|av|ved))\b", re.IGNORECASE)
TREATMENTS: dict[str, list[str]] = {
    "manipulation": ["hvla", "manipulasjon", "manipulert", "justering", "thrust", "leddjustering"],
    "mobilisation": ["mobilisering", "mobilisert"],
    "soft_tissue": ["bløtvev", "bløtdelsbehandling", "massasje", "tøyning$"],
    "needling": ["intramuskulær stimulering", "ims$", "dry needling", "nålebehandling", "akupunktur"],
    "trigger_point": ["triggerpunktbehandling", "triggerpunktterapi"],
    "shockwave": ["trykkbølge", "sjokkbølge", "shockwave"],
    "taping": ["taping", "tape$", "kinesiotape"],
    "laser": ["laser"],
    "repositioning": ["epley", "semont", "reposisjon"],
    "traction": ["traksjon"],
    "injection": ["injeksjon", "kortisoninjeksjon", "steroidinjeksjon", "kortisonsprøyte", "sprøyte"],
}
TREAT_LEX = Lexicon(TREATMENTS)
FOLLOW_UP = re.compile(r"\b(kontroll|ny\s+time|ny\s+konsultasjon|følges\s+opp|oppfølging|ses\s+igjen|"
                       r"ser\s+deg\s+igjen|ny\s+vurdering)\b", re.IGNORECASE)
NO_FOLLOW_UP = re.compile(r"(?:ingen|ikke\s+behov\s+for)\s+(?:videre\s+)?(?:oppfølging|kontroll)|"
                          r"behandling(?:en)?\s+(?:er\s+)?avsluttet|\bavsluttet\b", re.IGNORECASE)


# Activity advice: rest (a full break), reduce (less of it), stay active. Rest contradicts the other two.
ACTIVITY = re.compile(r"\b(?:(?P<rest>(?:full\s+)?pause\s+fra|hvile\s+fra|avstå\w*\s+fra|slutte\s+med|sengeleie|"
                      r"full\s+stopp|stopp\w*\s+(?:all|med)|ikke\s+(?:spille|løpe|trene|idrett\w*))|"
                      r"(?P<reduce>reduser\w*|redusert\s+(?:løpsmengde|belastning|trening)|trappe\w*\s+ned|begrens\w*|"
                      r"avlast\w*|mindre\s+(?:hopping|løping|belastning|trening)|vent\w*\s+(?:gjerne\s+)?med)|"
                      r"(?P<active>hold\w*\s+(?:seg|deg)\s+i\s+(?:\w+\s+)?aktivitet|fortsett\w*\s+(?:med\s+)?(?:vanlig\s+)?"
                      r"(?:trening|aktivitet|fotball|løping|jobb)|gradvis\s+(?:økende\s+)?(?:belastning|opptrening)|"
                      r"lett\s+(?:trening|aktivitet)|rolige\s+gåturer|gåturer|gå\s+turer|gå\s+tur))",
                      re.IGNORECASE)


_ACTIVITY_STARTS = ("pa", "fu", "hv", "av", "sl", "se", "st", "ik", "re", "tr", "be", "mi", "ve", "ho", "fo", "gr",
                    "le", "ro", "gå")


# "kontroll ved behov", "ny time etter behov": the patient books when needed; no follow-up is booked.
_AS_NEEDED = re.compile(r"\s+(?:ved|etter|om)\s+behov\b", re.IGNORECASE)


# An input that decides anything about what happens next ("Beh:", "Plan:", "kontroll", "råd", "sykmelding").
PLAN_WORDS = re.compile(r"\b(plan|behandl\w*|tiltak|kontroll\w*|henvis\w*|råd\w*|anbefal\w*|sykmeld\w*|ny\s+time|"
                        r"oppfølging|øvelse\w*|avsluttet|time\s+flyttet|avlys\w*)\b", re.IGNORECASE)
# A safety net: "ved forverring", "hvis ikke bedring", "dersom plagene vedvarer".
CONDITIONAL = re.compile(r"\b(?:ved\s+(?:forverring|manglende\s+(?:bedring|effekt)|behov|vedvarende|nye\s+symptomer)|"
                         r"hvis|dersom|om\s+ikke|ikke\s+bedring|vedvarer|ved\s+uendret)\b", re.IGNORECASE)


# "Manipulasjon av lumbalcolumna ble ikke utført": a treatment denied after its object
NOT_DONE = re.compile(r"\b(?:ble|blir|er|var)\s+ikke\s+(?:utført|gjort|gitt|brukt|benyttet|gjennomført)\b", re.IGNORECASE)


def conditional(doc: Doc, pos: int) -> bool:
    """Whether the sentence around ``pos`` makes its plan conditional (a safety net)."""
    ss, se = doc.sentence(pos)
    return bool(CONDITIONAL.search(doc.text, ss, se))


def extract_plan(doc: Doc) -> list[Fact]:
    """``referral`` facts (key = target, in a sentence that refers), ``treatment`` facts (key =
    technique) and ``follow_up`` facts (value True, or False for "ingen videre oppfølging")."""
    facts = []
    for m in TARGET_LEX.finditer(doc):
        ss, se = doc.sentence(m.start())
        if REFERRAL.search(doc.text, ss, se) or re.search(r"\btil\s+$", doc.lower[max(ss, m.start() - 25):m.start()]):
            if REFERRAL.search(doc.text, ss, se):
                facts.append(Fact("referral", m.key, None, m.group(0), m.start(), m.end(),
                                  negated=doc.negated(m.start(), m.end())))
    for m in TREAT_LEX.finditer(doc):
        cs, ce = doc.clause(m.start())
        facts.append(Fact("treatment", m.key, None, m.group(0), m.start(), m.end(),
                          negated=doc.negated(m.start(), m.end()) or bool(NOT_DONE.search(doc.text, m.end(), ce))))
    for m in doc.matches_at(ACTIVITY, _ACTIVITY_STARTS):
        if doc.in_plan(m.start()):
            kind = next(k for k in ("rest", "reduce", "active") if m.group(k))
            facts.append(Fact("activity", "activity", kind, m.group(0), m.start(), m.end(),
                              negated=doc.negated(m.start(), m.end())))
    for m in doc.matches_at(NO_FOLLOW_UP, ("in", "ik", "be", "av")):
        facts.append(Fact("follow_up", "follow_up", False, m.group(0), m.start(), m.end()))
    for m in doc.matches_at(FOLLOW_UP, ("ko", "ny", "fø", "op", "se")):
        if not any(f.type == "follow_up" and f.start <= m.start() < f.end for f in facts):
            prn = _AS_NEEDED.match(doc.text, m.end())
            facts.append(Fact("follow_up", "follow_up", "prn" if prn else True, m.group(0), m.start(),
                              prn.end() if prn else m.end(), negated=doc.negated(m.start(), m.end())))
    return facts
