"""Issue 14, round 2: causes found on the v3 dev half, each checked on hand-written cases in other words.

The dev-half notes themselves are measured in tests/test_detector_quality.py; the pairs here are written
for this file (other regions, other tests, other phrasing), so a rule keyed to one dev note's wording fails
them. Each faithful pair must pass; each edited output must fail for its planted reason.
"""

from __future__ import annotations

import pytest

from test_facts_paraphrase import _fails, _hit  # one definition of "the fault itself was found"


FAITHFUL = [
    # a weak cue before a bare shorthand list denies every item ("Ingen a, b, c.")
    ("K 71, ryggsmerter 3 u. Ingen nattesvette, feber, vekttap. Ingen kjent kreft.",
     "Kvinne, 71 år, med ryggsmerter i tre uker. Hun benekter nattesvette, feber og vekttap. Ikke kjent med kreft."),
    # ", og" after a weak cue starts a new clause; the item after it is asserted, on both sides alike
    ("M 62. CT thx 2024: ingen fraktur, artrose Th8-Th9.",
     "Mann, 62 år. CT av thorax fra 2024 viser ingen fraktur, og artrose i Th8–Th9."),
    # a postposed denial after a short list
    ("K 30, hø ankel 1 u. Ingen hevelse, ingen blåmerker.",
     "Kvinne, 30 år, høyre ankel i én uke. Hevelse og blåmerker benektes."),
    # month/two-digit year and "siden dd.mm" written out
    ("M 58. Rtg hø hofte 03/23: lett artrose. Beh siden 02.10, 5 beh.",
     "Mann, 58 år. Røntgen av høyre hofte fra mars 2023 viste lett artrose. Fem behandlinger siden 2. oktober."),
    # an imaging report written as "modality ...: finding", even in a sentence with a plan word
    ("G 14, falt på skøyter. Rtg på legevakt: ingen fraktur hø håndledd.",
     "Gutt, 14 år, falt på skøyter. Røntgen på legevakten viste ingen fraktur i høyre håndledd."),
    # sets x repetitions in either spacing
    ("K 52, hø skulder. Øvelser 2x12 daglig.", "Kvinne, 52 år. Øvelser 2 x 12 hver dag."),
    # saddle-area denial in shorthand and written out; blære/tarm as "normal funksjon"
    ("M 47, lx ve. Ingen ridebukse, ingen blære/tarm.",
     "Mann, 47 år. Ingen nummenhet i ridebukseområdet. Normal blære- og tarmfunksjon."),
    # a shorthand reflex, a crossed SLR, heel walking as strength
    ("M 39. Patellarefl ve svekket. Krysset SLR neg. Hælgang ve svak.",
     "Mann, 39 år. Svekket patellarrefleks venstre. Krysset Lasègue negativ. Nedsatt kraft ved gange på hælene venstre."),
    # a measured painful movement
    ("K 44. Cx ekst 40° m/ smerte.", "Kvinne, 44 år. Ekstensjon i nakken er smertefull ved 40 grader."),
    # a code followed by its own title
    ("Sykmelding: K 50, hø albue. Diagnose L93.", "Sykmelding\nDiagnose: L93 Lateral epikondylitt\nKvinne, 50 år, høyre albue."),
    # ordinals do not end the sentence; the side still belongs to the finding
    ("M 60. Palp.øm 5. og 6. ribbe ve.", "Mann, 60 år. Palpasjonsømhet over femte og sjette ribbe på venstre side."),
    # a plan word after "etter" tells the history, not a plan
    ("K 35, hø kne etter trening i helgen. Palp.øm pes anserinus hø.",
     "Kvinne, 35 år, med smerter i høyre kne etter en treningsøkt i helgen. Øm over pes anserinus høyre."),
    # a score written before the scale's name
    ("M 41. NRS 7→3 etter 4 beh.", "Mann, 41 år. Smertene har gått fra 7 til 3 på NRS etter fire behandlinger."),
    # a specialist the input refers to, written out
    ("K 55, kalde fingre ve hånd. Henv karkirurg.", "Kvinne, 55 år, kalde fingre i venstre hånd. Hun henvises til karkirurg."),
    # a hedged structural reading the input asks about is a question, not an invention
    ("Henv. MR: K 45, lx-smerter + stråling ve ben. Spm prolaps L5/S1?",
     "Henvisning MR: Kvinne, 45 år, med korsryggsmerter og utstråling til venstre ben. Spørsmål om prolaps L5/S1?"),
]

FAULTS = [
    # the denied items of a bare list, asserted in the output
    ("K 71, ryggsmerter 3 u. Ingen nattesvette, feber, vekttap.",
     "Kvinne, 71 år, med ryggsmerter i tre uker. Hun har hatt vekttap, men ingen feber eller nattesvette.", "vekttap"),
    # a year changed in a month/year date
    ("M 58. Rtg hø hofte 03/23: lett artrose.",
     "Mann, 58 år. Røntgen av høyre hofte fra mars 2021 viste lett artrose.", "2021"),
    # a type number changed
    ("K 61. MR lx 09/24: Modic 2 L4/L5.",
     "Kvinne, 61 år. MR lumbalt fra september 2024 viser Modic type 1-forandringer i L4–L5.", "Modic type 1"),
    # repetitions changed
    ("K 52, hø skulder. Øvelser 2x12 daglig.", "Kvinne, 52 år. Øvelser 2 x 20 hver dag.", "2 x 20"),
    # a test the old lexicon did not know, result reversed
    ("M 24, fotball. Ve akilles. Thompson pos ve.", "Mann, 24 år. Venstre akillessene. Thompsons test er negativ.",
     "Thompsons test er negativ"),
    ("K 33, hø hofte. FABER neg, FAIR pos hø.", "Kvinne, 33 år. FABER negativ. FAIR-test negativ høyre.",
     "FAIR-test negativ"),
    # side of a finding after an ordinal
    ("M 60. Palp.øm 5. og 6. ribbe ve.", "Mann, 60 år. Palpasjonsømhet over femte og sjette ribbe på høyre side.",
     "høyre"),
    # a score after the scale's name changed
    ("M 41. NRS 7→3 etter 4 beh.", "Mann, 41 år. Smertene har gått fra 7 til 5 på NRS etter fire behandlinger.", "5"),
    # a strength grade changed
    ("K 50. Kraft hø dorsalfleksjon ankel 4/5.", "Kvinne, 50 år. Kraft ved dorsalfleksjon i høyre ankel 3/5.", "3/5"),
    # a range narrowed or moved
    ("K 49, ve skulder. Painful arc 60-110°.", "Kvinne, 49 år. Smertefull bue mellom 20 og 50 grader.", "50 grader"),
    # a denied myelopathy sign asserted
    ("M 66, nakke. Ingen balanseproblemer, ingen klossethet i hendene.",
     "Mann, 66 år, nakkesmerter. Han beskriver ustøhet ved gange.", "ustøhet"),
    # night pain asserted after a denial
    ("K 58, tx-smerter. Ingen nattsmerter.", "Kvinne, 58 år. Hun vekkes av smertene om natten.", "vekkes av smerte"),
    # a vascular sign no one reported
    ("K 31, ve arm prikking ved armer over hodet.",
     "Kvinne, 31 år, prikking i venstre arm med armene over hodet. Hånden blir blek og kald.", "blek og kald"),
    # a probable structural reading without imaging
    ("M 29, løper, smerter ve legg 3 u. Palp.øm tibia medialt ve.",
     "Mann, 29 år, løper. Øm medialt på venstre tibia. Trolig en stressfraktur i tibia.", "stressfraktur"),
    # an examination finding and a history no one gave
    ("K 42, hø kne. Palp.øm leddlinje medialt hø.",
     "Kvinne, 42 år. Øm over mediale leddlinje høyre. Det er krepitasjon ved bevegelse.", "krepitasjon"),
    ("M 25, ve skulder smerter etter kast.",
     "Mann, 25 år, smerter i venstre skulder etter kast. Han har hatt tre luksasjoner tidligere.", "luksasjoner"),
    # a conditional referral to another target than the input's conditional one
    ("M 45, lx-smerter. Henv MR hvis ikke bedre om 4 u.",
     "Mann, 45 år, korsryggsmerter. Dersom han ikke er bedre om fire uker, henvises han til ortoped.", "ortoped"),
    # a specialist no one decided on
    ("K 38, hø skulder. Beh: mob. Ko 1 u.", "Kvinne, 38 år, høyre skulder. Mobilisering. Henvises til revmatolog.",
     "revmatolog"),
    ("K 38, hø skulder. Beh: mob. Ko 1 u.", "Kvinne, 38 år, høyre skulder. Mobilisering. Henvises til idrettslege.",
     "idrettslege"),
    # a finding reported two sentences after the imaging was named
    ("Svar pas: MR kne: ingen meniskskade. Ko 2 u.",
     "Hei! MR-svaret av kneet er kommet. Det viser ingen meniskskade. Det ble også funnet lett artrose. Kontroll om to uker.",
     "artrose"),
    # an imaging grade changed in a labelled report
    ("K 36. Rtg ve ankel: avulsjonsfraktur, luksasjon grad 1.",
     "Kvinne, 36 år. Røntgen viste avulsjonsfraktur og luksasjon grad 3.", "luksasjon grad 3"),
]


@pytest.mark.parametrize(("prompt", "output"), FAITHFUL)
def test_faithful_paraphrase_passes(prompt, output):
    assert _fails(prompt, output) == []


@pytest.mark.parametrize(("prompt", "output", "span"), FAULTS)
def test_planted_fault_is_found_for_its_reason(prompt, output, span):
    assert _hit(prompt, output, span), [(f.type, f.reason) for f in _fails(prompt, output)]
