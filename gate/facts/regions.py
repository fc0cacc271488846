"""Body regions and their laterality (høyre/venstre/bilateralt, hø./ve., høyresidig ...).

A side word attaches to the nearest region in its clause, preferring one after it
("høyre skulder") over one before ("skulder hø."). A region with no side of its own
inherits the side of the other regions in its sentence ("smerter i høyre skulder med
utstråling til armen": the arm is the right arm).
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon

REGIONS: dict[str, list[str]] = {
    "neck": ["nakke", "cervikal", "cervical", "halsrygg", "columna cervicalis", "cervicalcolumna", "nakken$",
             "suboccipital", "suboksipital", "cervikothorakal", "cervicothorakal", "cervikotorakal"],
    "low_back": ["korsrygg", "lumbal", "lumbago", "lenderygg", "nedre rygg", "lumbosakral", "lende", "isjias", "ischias"],
    "thoracic": ["brystrygg", "torakal", "thorakal", "thoracal", "øvre rygg", "mellom skulderbladene"],
    "back": ["rygg"],
    "shoulder": ["skulder", "skuldr", "skuldra$"],
    "arm": ["arm$", "armen$", "armer$", "armene$", "overarm", "underarm"],
    "elbow": ["albue"],
    "hand": ["håndledd", "hånd$", "hånden$", "hendene$", "hender$", "finger", "fingr"],
    "hip": ["hofte", "hofta$", "lyske", "trochanter", "trokanter"],
    "knee": ["kne$", "kneet$", "knær$", "knærne$", "knesk", "patella", "tuberositas tibiae", "leddlinje"],
    "leg": ["ben$", "benet$", "bena$", "bein$", "beinet$", "beina$", "legg$", "leggen$", "lår$", "låret$", "underekstremitet"],
    "foot": ["fot$", "foten$", "føtter$", "føttene$", "ankel", "ankl", "hæl$", "hælen$", "tær$", "tærne$", "stortå",
             "malleol", "talofibul", "calcane", "kalkane", "akillessen", "achillessen"],
    "gluteal": ["sete$", "setet$", "glute", "seteregion", "setemusk"],
    "head": ["hode$", "hodet$", "bakhode", "panne$", "pannen$", "tinning", "occipital", "oksipital", "temporal$"],
    "jaw": ["kjeve", "tmj$"],
    "si_joint": ["si-ledd", "is-ledd", "bekkenledd", "iliosakral", "sacroiliac"],
    "paravertebral": ["paravertebral", "paraspinal"],
    "chest": ["brystkasse", "bryst$", "brystet$", "ribbe", "costa", "kosta", "brystvegg", "ribbein"],
}
# Generic "back" is compatible with its parts.
RELATED = {"back": {"low_back", "thoracic"}, "low_back": {"back"}, "thoracic": {"back"},
           "leg": {"gluteal", "foot", "knee"}, "arm": {"hand", "elbow"}}

SIDES: dict[str, list[str]] = {
    "right": ["høyre$", "høyresidig", "hø.$", "hø$", "h.s.$", "høyre side$", "dx$", "dexter$"],
    "left": ["venstre$", "venstresidig", "ve.$", "ve$", "v.s.$", "venstre side$", "sinister$"],
    "both": ["bilateral", "bilat.$", "bilat$", "begge sider$", "dobbeltsidig", "begge$", "høyre og venstre$",
             "venstre og høyre$", "hø og ve$", "hø. og ve.$", "symmetrisk"],
}
REGION_LEX = Lexicon(REGIONS)
SIDE_LEX = Lexicon(SIDES)
_SIDE_OF = {s.lower().rstrip("$"): k for k, forms in SIDES.items() for s in forms}

# "rotasjon mot høyre", "lat.fleks ve": the direction of a movement, not the side of a region.
# ("innadrotasjon høyre hofte" is the right hip's rotation: a limb's side.)
_MOVEMENT_DIRECTION = re.compile(r"(?:(?<!innad)(?<!utad)rotasjon|(?<!\w)rotert|lateralfleksjon|sidebøy\w*|"
                                 r"(?<!\w)rot)\s+(?:mot\s+|til\s+)?$")
_MOVEMENT = re.compile(r"(?<!innad)(?<!utad)rotasjon|lateralfleksjon|sidebøy|deviasjon|(?<!\w)rot(?!\w)")
# Where radiating pain reaches from a spinal region ("utstråling til venstre ben" from a lumbar radicular syndrome).
RADIATES_TO = {"low_back": {"leg", "foot", "knee", "gluteal", "hip"}, "back": {"leg", "foot", "knee", "gluteal"},
               "neck": {"arm", "hand", "elbow", "shoulder", "head"}, "thoracic": {"chest"}}
_RADIATING = re.compile(r"strål|radier|radikulær")
# "når hun løfter armen over hodet": the limb moved, not a site of complaints.
_MOVED_LIMB = re.compile(r"(?:løft\w*|bøy\w*|strekk\w*|hever|heve|rekk\w*|snu\w*)\s+(?:(?:på|opp|ut|seg)\s+)?$")
# "hoftefleksjon", "nakkerotasjon": a movement named by its joint, not a site of complaints.
_MOVEMENT_COMPOUND = re.compile(r"\w(?:fleksjon|ekstensjon|rotasjon|abduksjon|adduksjon)$", re.IGNORECASE)
SYMPTOM_CONTEXT = re.compile(r"\b(smert\w*|vond\w*|øm\w*|stiv\w*|nedsatt|redusert|utstråling|stråler|hevel\w*|"
                             r"nummen\w*|prikk\w*|palpasjon\w*|verk\w*|plager?|ubehag|låsning|svak\w*)", re.IGNORECASE)


def side_of(surface: str) -> str:
    """Canonical side of a side word (``"hø."`` -> ``"right"``, ``"høyresidige"`` -> ``"right"``)."""
    s = surface.lower()
    if s in _SIDE_OF:
        return _SIDE_OF[s]
    hits = SIDE_LEX.finditer(s)
    return hits[0].key if hits else "?"


def extract_regions(doc: Doc) -> list[Fact]:
    """Region facts; ``side`` set when a laterality attaches to the region."""
    # "løft over hodet" names a movement, not the head as a site of complaints
    regions = [(m.start(), m.end(), m.key, m.group(0)) for m in REGION_LEX.finditer(doc)
               if not (m.key == "head" and doc.lower[max(0, m.start() - 5):m.start()] == "over ")
               and not _MOVEMENT_COMPOUND.search(m.group(0))]
    sides = []
    for m in SIDE_LEX.finditer(doc):
        if _MOVEMENT_DIRECTION.search(doc.lower, max(0, m.start() - 30), m.start()):
            continue
        cs, _ = doc.clause(m.start())
        if doc.lower.endswith("mot ", 0, m.start()) and _MOVEMENT.search(doc.lower, cs, m.start()):
            continue  # "rotasjon i nakken mot høyre"
        sides.append((m.start(), m.end(), m.key))
    attached: dict[int, str] = {}
    side_spans: dict[int, tuple[int, int]] = {}
    for s0, s1, side in sides:
        cs, ce = doc.clause(s0)
        after = [r for r in regions if cs <= r[0] < ce and r[0] >= s1 and r[0] - s1 <= 30]
        before = [r for r in regions if cs <= r[0] < ce and r[1] <= s0 and s0 - r[1] <= 30]
        target = after[0] if after else (before[-1] if before else None)
        if target is not None and target[0] not in attached:
            attached[target[0]] = side
            side_spans[target[0]] = (s0, s1)
    facts = []
    for start, end, key, surface in regions:
        side = attached.get(start)
        if side is None:
            ss, se = doc.sentence(start)
            inherited = {attached[r[0]] for r in regions if r[0] in attached and ss <= r[0] < se}
            if len(inherited) == 1:
                side = inherited.pop()
        cs, ce = doc.clause(start)
        symptomatic = (bool(SYMPTOM_CONTEXT.search(doc.text, cs, ce))
                       and not _MOVED_LIMB.search(doc.lower, max(cs, start - 25), start))
        facts.append(Fact("region", key, side, surface, start, end, negated=doc.negated(start, end), side=side,
                          plan=doc.in_plan(start), extra={"symptomatic": symptomatic,
                                                          "radiating": bool(_RADIATING.search(doc.lower, max(cs, start - 50),
                                                                                              start)),
                                                          "own_side": start in attached,
                                                          "side_span": side_spans.get(start),
                                                          "sentence_sides": sentence_sides(doc, start)}))
    return facts


def sentence_sides(doc: Doc, pos: int) -> set[str]:
    """Every side named in the sentence around ``pos``."""
    ss, se = doc.sentence(pos)
    return {m.key for m in SIDE_LEX.finditer(doc, ss, se)}


def compatible(a: str, b: str) -> bool:
    """Whether two region keys can name the same place (``back`` vs ``low_back``)."""
    return a == b or b in RELATED.get(a, set()) or a in RELATED.get(b, set())
