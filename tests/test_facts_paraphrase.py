"""Issue 14: the fact checker on clinic shorthand and model paraphrase, one rule per test.

Each pair is hand-written: a shorthand (or plain) input, a faithful paraphrase that must pass, and,
where the rule also catches something, an edited output that must fail for that reason.
"""

from __future__ import annotations

import pytest

from gate.facts import check_output, extract_facts, failing


def _fails(prompt: str, output: str) -> list:
    return failing(check_output(prompt, output))


def _hit(prompt: str, output: str, span: str) -> bool:
    """Whether a failing finding overlaps ``span`` of the output (the fault itself was found)."""
    s = output.index(span)
    return any(f.start < s + len(span) and s < f.end for f in _fails(prompt, output))


# ---- faithful paraphrase: no failing finding ------------------------------------------------------------------
FAITHFUL = [
    # "verken ... eller", "ikke noe", "ikke vært utsatt for noe": gathered denials
    ("K 67, svimmel ved snuing 5 d. Ingen hørselstap, ingen tinnitus.",
     "Kvinne, 67 år, svimmel ved snuing i fem dager. Hun har verken hørselstap eller tinnitus."),
    ("Kvinne 30 år, skuldersmerter høyre 2 uker. Ingen traume.",
     "Kvinne, 30 år, med smerter i høyre skulder i to uker. Hun har ikke vært utsatt for noe traume."),
    # a result after its test ("Spurling neg bilat.") does not deny what follows it
    ("M 50, nakke. Spurling neg bilat. palp.øm C5-C6 hø.",
     "Mann, 50 år. Spurlings test er negativ bilateralt. Palpasjonsømhet over C5–C6 på høyre side."),
    # a word cut short with a period
    ("K 40. Benekter kvalme/synsforstyrr.", "Kvinne, 40 år. Hun benekter kvalme og synsforstyrrelser."),
    # the direction of a movement is not the side of the region
    ("M 33, cx-smerter 1 u. Rot hø red.", "Mann, 33 år, nakkesmerter i en uke. Rotasjon i nakken mot høyre er redusert."),
    # counts and frequencies in shorthand
    ("K 45, epikondylalgi hø. Beh: trykkbølge x1. Ko 2 u.",
     "Kvinne, 45 år. Én behandling med trykkbølge. Kontroll om to uker."),
    ("M 20, fotball 4x/u, kne hø 3 u.", "Mann, 20 år, som spiller fotball fire ganger i uken, med vondt i høyre kne i tre uker."),
    ("K 38. Hodepine ned fra 4 til 1 d/u.", "Kvinne, 38 år. Hodepinen har gått ned fra fire dager til én dag i uken."),
    ("M 71, K 3. beh. Behandlet 5 ganger totalt.", "Mann, 71 år. Han har fått fem behandlinger totalt."),
    # an age after a written-out sex word; the "/" between two shorthand forms
    ("Jente 12, vondt i hø kne 2 u.", "Jente, 12 år, med vondt i høyre kne i to uker."),
    ("M 40. Cx/tx-overgang stiv.", "Mann, 40 år, stiv i overgangen mellom nakke og brystrygg."),
    # a code in the input states what its title says
    ("Sykm. M 45, L86, 50 % 2 u.",
     "Sykmelding. Mann, 45 år. L86 Ryggsyndrom med smerteutstråling. Sykmeldt 50 % i to uker."),
    # an imaging with its date was done; its month and year written out
    ("K 58, kne hø. Rtg kne 03.2024: lett artrose.", "Kvinne, 58 år. Røntgen av kneet fra mars 2024 viste lett artrose."),
    # a list's judgement reaches every item of it
    ("M 55, lx. Kraft/sens/reflekser ua UE.",
     "Mann, 55 år. Kraft, sensibilitet og reflekser i underekstremitetene er uten anmerkning."),
    # "Bruker X" supports "faste medisiner: X"
    ("Mann 68 år, bruker Metformin.", "Mann, 68 år. Faste medisiner: Metformin."),
    # a date and a time after a weekday in shorthand
    ("Svar: ny time tirs 12.03 kl 08.15.", "Hei! Ny time tirsdag 12. mars klokken 08:15."),
    ("Svar: tilby man 10.00 el. tirs 15.30.", "Hei! Vi kan tilby mandag kl. 10:00 eller tirsdag kl. 15:30."),
    # "ko ved behov" after an ended treatment: one decision, twice
    ("K 38. Avsluttet, ko ved behov.", "Kvinne, 38 år. Behandlingen avsluttes. Ny time ved behov."),
    # "unngå" advises against; "siden ..." starts a new clause that the advice does not reach
    ("Svar: bruk Paracet, unngå Ibux siden hun bruker Albyl.",
     "Hei! Siden du bruker Albyl, bør du ikke ta Ibux. Du kan bruke Paracet."),
]


@pytest.mark.parametrize(("prompt", "output"), FAITHFUL)
def test_faithful_paraphrase_passes(prompt, output):
    assert _fails(prompt, output) == []


# ---- planted faults: a failing finding on the planted span ----------------------------------------------------
FAULTS = [
    # test result after an adverb or "tegn"
    ("K 34, skulder hø. Jobe neg.", "Kvinne, 34 år. Jobes test er også positiv.", "Jobes test er også positiv"),
    ("K 24, hofte hø. Trendelenburg neg.", "Kvinne, 24 år. Trendelenburgs tegn positivt høyre.", "Trendelenburgs tegn positivt"),
    # a count changed
    ("Mann 47 år, behandlet 5 ganger.", "Mann, 47 år, som har fått åtte konsultasjoner.", "åtte konsultasjoner"),
    # a booked follow-up where the input leaves it to the patient
    ("K 36, tx-smerter 1 u. Beh: HVLA T5. Ko ved behov.", "Kvinne, 36 år, brystryggsmerter i én uke. HVLA-manipulasjon "
     "av T5. Kontroll om én uke.", "Kontroll om én uke"),
    # a treatment the input rules out
    ("K 72, osteoporose. Ingen manipulasjon. Henv. fastlege.", "Kvinne, 72 år, med osteoporose. Forsiktig manipulasjon "
     "av T8.", "manipulasjon"),
    # an image finding's grade changed
    ("K 63, hofte. Rtg hofte 2023: moderat artrose hø.", "Kvinne, 63 år. Røntgen fra 2023 viste lett artrose i høyre "
     "hofte.", "lett artrose"),
    # a month changed
    ("Kvinne 27 år med hodepine siden oktober.", "Kvinne, 27 år, med hodepine siden august.", "august"),
    # a diagnosis the input's findings rule out, stated flat
    ("K 34, skulder hø 6 u. Hawkins pos hø. Full passiv bevegelighet.",
     "Kvinne, 34 år. Hawkins positiv høyre. Passiv bevegelighet er full.\nA: Frozen shoulder høyre.", "Frozen shoulder"),
    # a structural qualifier added to a hedged reading
    ("K 49, prikking hø hånd 2 mnd. Phalen pos hø.",
     "Kvinne, 49 år. Phalen positiv høyre. Kan være forenlig med karpaltunnelsyndrom med aksonal skade.", "aksonal"),
    # a vertebrobasilar warning sign nobody reported
    ("K 67, svimmel ved snuing.", "Kvinne, 67 år, svimmel ved snuing, og har hatt episoder med dobbeltsyn.", "dobbeltsyn"),
    # a denied complaint asserted under another word
    ("Kvinne 45 år, korsrygg. Ingen vannlatingsproblemer.", "Kvinne, 45 år, korsrygg. Hun har hatt noe vannlatingsplager.",
     "vannlatingsplager"),
    # a full break where the input advised less
    ("Gutt 14, kne. Råd: redusere hopping. Ko 4 u.", "Gutt, 14 år. Råd om full pause fra fotball. Kontroll om fire uker.",
     "full pause fra"),
    # a fracture the input denies, in the history
    ("Kvinne 70 år. Falt i fjor uten brudd.", "Kvinne, 70 år. Hun falt i fjor og brakk håndleddet.", "brakk"),
    # a distance changed
    ("Mann 33 år, kne ve ved løping etter 5 km.", "Mann, 33 år, med vondt i venstre kne etter ti kilometer.", "ti kilometer"),
    # a movement judged normal where the input found it reduced; a result after "-testen"
    ("Mann 71 år. Redusert innadrotasjon venstre hofte.", "Mann, 71 år. Normal innadrotasjon i venstre hofte.",
     "Normal innadrotasjon"),
    ("Mann 71 år, hofte. FABER positiv venstre.", "Mann, 71 år. FABER-testen er negativ.", "FABER-testen er negativ"),
    # laterality of a finding well after its name
    ("M 23, ankel ve. Palp.øm ATFL ve.", "Mann, 23 år. Palpasjonsømhet over det fremre talofibulare ligamentet høyre.",
     "høyre"),
]


@pytest.mark.parametrize(("prompt", "output", "span"), FAULTS)
def test_planted_fault_is_found_for_its_reason(prompt, output, span):
    assert _hit(prompt, output, span), check_output(prompt, output)


def test_follow_up_booked_against_as_needed_is_invented_and_against_an_end_a_contradiction():
    booked = "Kontroll om én uke."
    prn = [f for f in check_output("Ko ved behov.", booked) if f.type == "plan"]
    end = [f for f in check_output("Behandlingen er avsluttet.", booked) if f.type == "plan"]
    assert [f.severity for f in prn] == ["invented"] and [f.severity for f in end] == ["contradiction"]


def test_truncation_needs_most_of_the_form():
    # "prolaps." (a full word at a sentence end) is not the operation "prolapsoperasjon"
    assert not [f for f in extract_facts("Kjent prolaps.") if f.type == "history"]
    assert [f.key for f in extract_facts("Benekter synsforstyrr.") if f.type == "symptom"] == ["aura"]


def test_rotation_of_a_limb_keeps_its_side():
    # "innadrotasjon høyre hofte" is the right hip's rotation, not a direction
    hip = [f for f in extract_facts("Innadrotasjon høyre hofte redusert.") if f.type == "region"]
    assert [(f.key, f.side) for f in hip] == [("hip", "right")]
