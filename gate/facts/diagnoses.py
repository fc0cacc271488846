"""Diagnoses and their qualifiers (radikulopati, rotatorcuffruptur, karpaltunnelsyndrom, BPPV ...).

A diagnosis an output states must be in its input (by any synonym); offered as a hedge
("kan være forenlig med frossen skulder") it is an inference. Qualifiers that change the
diagnosis ("med utstråling", "cervikogen", "kronisk") are checked by the symptom and
timing facts; here the diagnosis names.
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon
from .hedges import hedged

DIAGNOSES: dict[str, list[str]] = {
    "radiculopathy": ["radikulopati", "rotaffeksjon", "nerverotaffeksjon", "rotpåvirkning", "rotkompresjon"],
    "disc_herniation": ["prolaps", "skiveprolaps", "diskusprolaps", "skiveutbuling", "protrusjon"],
    "cuff_rupture": ["rotatorcuffruptur", "cuffruptur", "rotatorcuffskade", "supraspinatusruptur", "rotatorcuff-ruptur",
                     "ruptur i rotatormansjett", "rotatormansjettruptur",
                     "ruptur i rotatorcuff", "rotator cuff-ruptur"],
    "tendinopathy": ["tendinopati", "tendinose", "tendinitt", "tendinitis", "senebetennelse"],
    "bursitis": ["bursitt", "slimposebetennelse"],
    "impingement": ["subakromialt smertesyndrom", "subakromial impingement", "impingement", "sass$"],
    "frozen_shoulder": ["frossen skulder", "frozen shoulder", "adhesiv kapsulitt", "kapsulitt"],
    "carpal_tunnel": ["karpaltunnelsyndrom", "carpaltunnelsyndrom", "karpaltunnel"],
    "epicondylalgia": ["epikondylalgi", "epikondylitt", "tennisalbue", "golfalbue", "epikondylopati"],
    "plantar_fasciitis": ["plantar fasciitt", "plantarfasciitt", "plantar fascitt", "plantar fasciopati",
                          "hælspore"],
    "pfps": ["patellofemoralt smertesyndrom", "patellofemorale smerter", "pfss$"],
    "meniscus": ["meniskskade", "meniskruptur", "menisklesjon"],
    "osteoarthritis": ["artrose", "slitasjegikt", "osteoartritt"],
    "stenosis": ["spinal stenose", "spinalstenose", "foraminal stenose", "stenose"],
    "spondylolisthesis": ["spondylolistese", "spondylolyse"],
    "bppv": ["bppv", "benign paroksysmal posisjonsvertigo", "krystallsyke"],
    "whiplash": ["nakkesleng", "whiplash", "wad$"],
    "torticollis": ["tortikollis", "torticollis", "skjevhals", "nakkesperre"],
    "fracture": ["fraktur", "brudd", "brakk$", "brukket", "brekker$", "stressfraktur", "tretthetsbrudd",
                 "stressreaksjon", "kompresjonsfraktur", "kompresjonsbrudd", "ribbeinsbrudd", "ribbensbrudd"],
    "disc_displacement": ["diskusforskyvning", "skiveforskyvning", "diskusluksasjon"],
    "tmd": ["temporomandibulær dysfunksjon", "tmd$"],
    "fibromyalgia": ["fibromyalgi"],
    "migraine": ["migrene"],
    "tension_headache": ["spenningshodepine", "tensjonshodepine"],
    "cervicogenic_headache": ["cervikogen", "cervicogen"],
    "si_dysfunction": ["iliosakral dysfunksjon", "si-leddsdysfunksjon", "is-leddsdysfunksjon", "iliosakralleddsdysfunksjon",
                       "si-ledd dysfunksjon", "is-ledd dysfunksjon", "bekkenleddsdysfunksjon"],
    "sprain": ["inversjonsskade", "inversjonstraume", "overtråkk", "distorsjon", "forstuing", "ligamentskade"],
    "sciatica": ["isjias", "ischias"],
    "rheumatic": ["revmatoid artritt", "bekhterev", "spondyloartritt", "polymyalgi"],
    "meniere": ["menière", "meniere", "ménière", "menières", "menieres"],
    "vestibular_neuritis": ["vestibularisnevritt", "nevritis vestibularis", "vestibulær nevritt"],
    # qualifiers that name a structural lesion: each needs imaging or the input's own word
    "tendon_rupture": ["seneruptur", "senerift", "partiell ruptur", "totalruptur", "partialruptur", "senerupturen"],
    "labrum": ["labrumruptur", "labrumskade", "labrumlesjon", "labral"],
    "synovitis": ["synovitt", "synovitis", "leddbetennelse"],
    "axonal": ["aksonal", "aksonskade", "demyelinis"],
    "necrosis": ["nekrose", "osteonekrose"],
    "instability": ["instabilitet", "ustabil"],
}
DX_LEX = Lexicon(DIAGNOSES)
# Diagnoses that the same words also name as symptoms/imaging findings elsewhere: checked there.
SHARED = {"sciatica", "fracture", "disc_herniation", "stenosis", "osteoarthritis"}
# Structural diagnoses need imaging or the input's own word: a note cannot read them off symptoms.
STRUCTURAL = {"cuff_rupture", "disc_herniation", "fracture", "disc_displacement", "stenosis", "spondylolisthesis",
              "meniscus", "rheumatic", "osteoarthritis", "fibromyalgia", "tendon_rupture", "labrum", "synovitis",
              "axonal", "necrosis", "meniere", "vestibular_neuritis"}
# What in the input rules a diagnosis out (clinical knowledge, reviewed as data): (fact type, key, what the input
# says). Frozen shoulder has restricted passive motion; Ménière hearing loss or tinnitus; whiplash a trauma;
# sciatica and radiculopathy radiating pain; BPPV a positive positioning test.
EXCLUDED_BY: dict[str, list[tuple[str, str, str]]] = {
    "frozen_shoulder": [("exam", "mobility", "normal")],
    "meniere": [("symptom", "hearing_loss", "denied")],
    "whiplash": [("red_flag", "trauma", "denied")],
    "sciatica": [("symptom", "radiation", "denied")],
    "radiculopathy": [("symptom", "radiation", "denied")],
    "bppv": [("test", "dix_hallpike", "negative")],
    "tension_headache": [("symptom", "headache", "denied")],
    "cervicogenic_headache": [("symptom", "headache", "denied")],
    "migraine": [("symptom", "headache", "denied")],
}
# A qualifier that grades another diagnosis ("... med partiell seneruptur", "... med aksonal skade"): the hedge
# of the reading it qualifies does not cover it.
QUALIFIERS = {"tendon_rupture", "labrum", "synovitis", "axonal", "necrosis", "instability"}
_OWN_HEDGE = re.compile(r"(?:mulig\w*|evt\.?|eventuel\w*|ev\.|sannsynlig\w*|trolig|suspekt|mistenkt|"
                        r"mistanke\s+om|tegn\s+på|\?)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
# What in the input makes a clinical reading of it plausible (region or symptom keys, any of them).
SUPPORT: dict[str, set[str]] = {
    "radiculopathy": {"radiation"}, "sciatica": {"radiation"},
    "tendinopathy": {"shoulder", "elbow", "hand", "hip", "knee", "foot", "leg", "arm"},
    "bursitis": {"shoulder", "hip", "elbow", "knee"}, "impingement": {"shoulder"}, "frozen_shoulder": {"shoulder"},
    "carpal_tunnel": {"hand", "numbness"}, "epicondylalgia": {"elbow"}, "plantar_fasciitis": {"foot"},
    "pfps": {"knee"}, "bppv": {"dizziness"}, "whiplash": {"neck"}, "torticollis": {"neck"}, "tmd": {"jaw"},
    "migraine": {"migraine", "aura"}, "tension_headache": {"headache"}, "cervicogenic_headache": {"headache"},
    "si_dysfunction": {"si_joint", "low_back", "gluteal"}, "sprain": {"foot", "hand", "knee"},
}


ACUITY = re.compile(r"\b(?:(?P<acute>akutt\w*|nyoppstått\w*)|(?P<chronic>kronisk\w*|langvarig\w*|residiverende|"
                    r"tilbakevendende|gjentatte\s+episoder))\b", re.IGNORECASE)


# "ved langvarig sitting", "langvarig stående arbeid": the length of an activity, not of the complaint
_ACTIVITY_AFTER = re.compile(r"\s+(?:sitt\w*|stå\w*|gå\w*|gange|kjør\w*|løp\w*|arbeid\w*|bruk\w*|belast\w*|"
                             r"skjerm\w*|pc|data\w*|lesing|reis\w*|ligg\w*|bøy\w*|løft\w*|hvile|aktivitet\w*)\b",
                             re.IGNORECASE)


def extract_acuity(doc: Doc) -> list[Fact]:
    """``acuity`` facts (a diagnosis qualifier): key ``acute`` or ``chronic``."""
    return [Fact("acuity", "acute" if m.group("acute") else "chronic", None, m.group(0), m.start(), m.end(),
                 negated=doc.negated(m.start(), m.end()), plan=doc.in_plan(m.start()))
            for m in ACUITY.finditer(doc.text) if not _ACTIVITY_AFTER.match(doc.text, m.end())]


def _imaging_sentence(doc: Doc, pos: int) -> bool:
    from .imaging import MODALITY_RE

    ss, se = doc.sentence(pos)
    return bool(MODALITY_RE.search(doc.text, ss, se))


def _hedged(doc: Doc, key: str, start: int) -> bool:
    if key in QUALIFIERS:
        return bool(_OWN_HEDGE.search(doc.text, max(0, start - 30), start))
    return hedged(doc, start)


# A reading stated as probable ("trolig", "taler for", "forenlig med"), not asked ("?", "spørsmål", "mistanke om",
# "utelukke", "mulig", "dd"): for a lesion only an image shows, a probable reading without imaging is an invention.
_PROBABLE = re.compile(r"\b(?:trolig\w*|sannsynlig\w*|antakelig\w*|forenlig\w*|taler\s+for|tyder\s+på|typisk\s+for|"
                       r"passer\s+med)", re.IGNORECASE)
_ASKED = re.compile(r"\?|\b(?:spørsmål|spm|problemstilling|mistanke|mistenk\w*|utelukke\w*|mulig\w*|dd\b|"
                    r"differensial\w*|evt|eventuel\w*|vurder\w*|avklar\w*|obs\b|henvis\w*)", re.IGNORECASE)


def _probable(doc: Doc, start: int) -> bool:
    ss, se = doc.sentence(start)
    return bool(_PROBABLE.search(doc.text, ss, se)) and not _ASKED.search(doc.text, ss, se)


def extract_diagnoses(doc: Doc) -> list[Fact]:
    """``diagnosis`` facts: key = canonical diagnosis; ``extra["hedged"]`` when offered as a possibility."""
    facts = []
    for m in DX_LEX.finditer(doc):
        facts.append(Fact("diagnosis", m.key, None, m.group(0), m.start(), m.end(),
                          negated=doc.negated(m.start(), m.end()), plan=doc.in_plan(m.start()),
                          extra={"hedged": _hedged(doc, m.key, m.start()), "imaging": _imaging_sentence(doc, m.start()),
                                 "probable": _probable(doc, m.start())}))
    return facts
