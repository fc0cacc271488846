"""Named clinical tests and their results (Lasègue/SLR, Spurling, Hawkins, Dix-Hallpike ...).

The result is looked for right after the test name ("Lasègue positiv hø. ved 40°",
"Spurling: neg bilat.") or right before it ("negativ Slump"); tests listed together
share a result ("Lasègue og Slump negative").
"""

from __future__ import annotations

import re

from .base import Doc, Fact, Lexicon
from .regions import SIDE_LEX

TESTS: dict[str, list[str]] = {
    "slr": ["lasègue", "lasegue", "laseque", "laségue", "slr$", "straight leg raise", "strakt beinløft", "strakt benløft",
            "strakt benhev", "strakt beinhev"],
    "crossed_slr": ["krysset lasègue", "krysset lasegue", "crossed slr", "krysset slr", "kryss-slr", "krysset strakt",
                    "kontralateral slr", "kontralateral lasègue", "kontralateral lasegue", "well leg raise"],
    "femoral_stretch": ["femoralisstrekk", "femoralis strekk", "omvendt lasègue", "omvendt lasegue", "femoral stretch"],
    "slump": ["slump"],
    "spurling": ["spurling"],
    "distraction": ["distraksjonstest", "distraksjonstesten"],
    "hawkins": ["hawkins"],
    "neer": ["neer$", "neers$"],
    "empty_can": ["empty can", "jobe"],
    "speed": ["speeds test", "speed test", "speed's"],
    "yergason": ["yergason"],
    "apprehension": ["apprehension"],
    "drop_arm": ["drop arm"],
    "dix_hallpike": ["dix-hallpike", "dix hallpike", "hallpike"],
    "head_impulse": ["hodeimpuls", "head impulse", "hit-test", "hit$", "halmagyi"],
    "supine_roll": ["supine roll", "pagnini"],
    "faber": ["faber$", "patrick"],
    "fadir": ["fadir$", "fadduri"],
    "kemp": ["kemp"],
    "adson": ["adson"],
    "roos": ["roos$", "roos test"],
    "phalen": ["phalen"],
    "tinel": ["tinel"],
    "lachman": ["lachman"],
    "drawer": ["skuffetest", "skuffe$", "fremre skuffe", "bakre skuffe", "drawer"],
    "mcmurray": ["mcmurray"],
    "thomas": ["thomas$", "thomas test", "thomas'"],
    "trendelenburg": ["trendelenburg"],
    "romberg": ["romberg"],
    "babinski": ["babinski"],
    "hoffmann": ["hoffmann$", "hoffmanns"],
    "valsalva": ["valsalva"],
    "gaenslen": ["gaenslen"],
    "ober": ["ober$", "obers$"],
    "cozen": ["cozen"],
    "finkelstein": ["finkelstein"],
    "meniscus_tests": ["menisktest", "menisktester", "menisktestene"],
    "clarke": ["clarke"],
    "ottawa": ["ottawa"],
    "mill": ["mills$", "mill$", "mills test"],
    "noble": ["noble"],
    "thessaly": ["thessaly"],
    "p4": ["p4$", "p4-test", "posterior bekkensmerteprovokasjon", "thigh thrust"],
    "squeeze": ["squeeze"],
    "apley": ["apley"],
    "ely": ["ely$", "elys$"],
    # ankle, foot and calf
    "thompson": ["thompson", "simmonds", "calf squeeze"],
    "royal_london": ["royal london"],
    "plantarflexion_test": ["plantarfleksjonstest$", "plantarfleksjonstesten$", "plantarfleks-test$", "plantarfleks-testen$",
                            "forsert plantarfleksjon$", "forsert plantarfleksjonstest$"],
    "windlass": ["windlass"],
    "mulder": ["mulder"],
    "kleiger": ["kleiger"],
    # hip, pelvis, lumbar
    "fair": ["fair$", "fair-test", "fair-testen"],
    "stork": ["stork", "ettbens ekstensjonstest", "ettbeins ekstensjonstest", "one leg hyperextension",
              "single leg hyperextension"],
    "scour": ["scour"],
    "log_roll": ["log roll"],
    "stinchfield": ["stinchfield"],
    "yeoman": ["yeoman"],
    "slr_bragard": ["bragard"],
    # knee
    "valgus_stress": ["valgusstress", "valgus stress", "valgustest"],
    "varus_stress": ["varusstress", "varus stress", "varustest"],
    "pivot_shift": ["pivot shift", "pivot-shift"],
    "patellar_apprehension": ["patellar apprehension", "patella apprehension"],
    # shoulder, elbow, hand, neck
    "obrien": ["o'brien", "obrien", "o’brien"],
    "lift_off": ["lift-off", "lift off", "gerber"],
    "belly_press": ["belly press", "belly-press"],
    "hornblower": ["hornblower"],
    "sulcus": ["sulcus sign", "sulcustegn"],
    "relocation": ["relocation"],
    "crank": ["crank"],
    "maudsley": ["maudsley"],
    "froment": ["froment"],
    "durkan": ["durkan"],
    "bakody": ["bakody", "skulderabduksjonstest"],
    "lhermitte": ["lhermitte"],
}
TEST_LEX = Lexicon(TESTS, tail=r"(?:s\b|-?test(?:en)?\b|\b)")
_POS = r"positiv[te]?|pos\.?|\+"
_NEG = r"negativ[te]?|neg\.?|÷|ua\b|u\.a\.?|normal[te]?|uten\s+funn|uten\s+anm\w*|upåfallende"
# What may stand between a test's name and its result: "Jobes test er også positiv", "Trendelenburgs tegn
# positivt", "Ottawa ankle rules er negative", "Lasègue er fortsatt positiv", "SLR hø. pos".
_BETWEEN = (r"[:=]\s*|er\s+|var\s+|-?test(?:en|ene)?\s*[:=]?\s*|tegn(?:et)?\s+|manøver(?:en)?\s+|ankle\s+rules?\s+|"
            r"-?regl\w*\s+|-?prøve[n]?\s+|ble\s+|ga\s+|gir\s+|nå\s+|også\s+|fortsatt\s+|fremdeles\s+|fortsett\w*\s+|"
            r"igjen\s+|tydelig\s+|klart\s+|svakt\s+|lett\s+|sterkt\s+|"
            r"(?:på\s+)?(?:høyre|venstre|hø\.?|ve\.?|bilateralt|bilat\.?)(?:\s+side)?\s+|"
            r"\)\s*|hospital-?\s*test(?:en)?\s+(?:er\s+)?|"
            # where it was tested: "Tinels tegn over karpaltunnelen er positive"
            r"over\s+(?:[^\W\d_]+\s+){1,2}(?=er\s|var\s)")
RESULT_AFTER = re.compile(r"\s*(?:" + _BETWEEN + r")*"
                          r"(?:(?P<pos>" + _POS + r")|(?P<neg>" + _NEG + r"))(?!\w)", re.IGNORECASE)
RESULT_BEFORE = re.compile(r"(?:(?P<pos>positiv[te]?|pos\.?)|(?P<neg>negativ[te]?|neg\.?|normal[te]?))\s*$",
                           re.IGNORECASE)
# "Phalens test og Tinels tegn ...", "McMurrays test og Thessalys test er positive": the first test's own
# "test"/"tegn" word may stand before the joiner
_JOIN = re.compile(r"\s*(?:-?(?:test(?:en)?|tegn(?:et)?)\s*)?(?:,|og|/|samt|&)\s*", re.IGNORECASE)
def _result(m: re.Match | None) -> str | None:
    if not m:
        return None
    return "positive" if m.group("pos") else "negative"


def extract_tests(doc: Doc) -> list[Fact]:
    """Test facts with value ``positive``/``negative``/None and the side when stated."""
    matches = TEST_LEX.finditer(doc)
    results: list[str | None] = [None] * len(matches)
    result_end: list[int] = [m.end() for m in matches]
    result_start: list[int] = [m.start() for m in matches]
    for i, m in enumerate(matches):
        r = RESULT_AFTER.match(doc.text, m.end())
        if r:
            results[i], result_end[i] = _result(r), r.end()
        else:
            cs, _ = doc.clause(m.start())
            b = RESULT_BEFORE.search(doc.text[max(cs, m.start() - 15):m.start()])
            results[i] = _result(b)
            if b:  # "negativ Jobes test": the finding covers the result word too
                result_start[i] = max(cs, m.start() - 15) + b.start()
    # "Lasègue og Slump negative": a test followed only by joiners and another test shares its result.
    for i in range(len(matches) - 2, -1, -1):
        if results[i] is None and _JOIN.fullmatch(doc.text[matches[i].end():matches[i + 1].start()] or " "):
            results[i] = results[i + 1]
    facts = []
    for i, m in enumerate(matches):
        cs, ce = doc.clause(m.start())
        side, side_span = None, None
        for s in SIDE_LEX.finditer(doc, m.end(), min(ce, result_end[i] + 25)):
            side, side_span = s.key, s.span
            break
        if side is None:
            for s in SIDE_LEX.finditer(doc, max(cs, m.start() - 20), m.start()):
                side, side_span = s.key, s.span
        facts.append(Fact("test", m.key, results[i], doc.text[result_start[i]:result_end[i]], result_start[i],
                          result_end[i], side=side, plan=results[i] is None and doc.in_plan(m.start()),
                          extra={"side_span": side_span}))
    return facts
