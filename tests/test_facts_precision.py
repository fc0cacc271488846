"""Issue 14, precision round (v4 dev half): mechanisms behind false flags on clean real-model paraphrase,
and the contradictions added beside them.

Each test runs the real checker on a prompt/output pair written for the mechanism (not copied from a
labelled set) and checks both directions where there is one: the paraphrase passes, the changed fact
fails for the right reason (a failing finding overlaps the changed words).
"""

from __future__ import annotations

from gate.facts import check_output, failing


def _fails(prompt: str, output: str) -> list:
    return failing(check_output(prompt, output))


def _hit(prompt: str, output: str, span: str) -> bool:
    s = output.index(span)
    return any(f.start < s + len(span) and s < f.end for f in _fails(prompt, output))


def test_a_shared_result_after_two_tests_with_their_own_test_words():
    prompt = "Hawkins test og Neers tegn over skulderen er negative venstre."
    assert not _fails(prompt, "Negativ Hawkins og negativ Neer i venstre skulder.")
    assert _hit(prompt, "Positiv Hawkins og negativ Neer i venstre skulder.", "Positiv Hawkins")


def test_normal_function_denies_the_red_flag_either_way_round():
    prompt = "M 60, lx-smerter 2 u. Normal vannlating/avføring. Ingen endring i blærefunksjon."
    assert not _fails(prompt, "Vannlatingen er normal, og det er ingen endring i blære- eller tarmfunksjon.")
    assert _hit(prompt, "Han har fått problemer med å tømme blæren.", "tømme blæren")


def test_length_of_an_activity_is_no_chronic_complaint():
    prompt = "K 40, smerter i korsryggen 3 u, verre ved lang sitting."
    assert not _fails(prompt, "Smerter i korsryggen i tre uker, verst ved langvarig sitting.")
    assert _hit(prompt, "Kroniske smerter i korsryggen i tre uker.", "Kroniske")


def test_weakness_the_input_grades_supports_reduced_strength():
    prompt = "Svak ankeldorsalfleksjon ve 4/5. Beh: mob."
    assert not _fails(prompt, "Dorsalfleksjon i venstre ankel har nedsatt kraft, 4/5.")


def test_normal_range_beside_the_inputs_abnormal_movement_is_no_contradiction():
    prompt = "Lx AROM: ekst hø nedsatt, øvrig ua. Hypomob L5 hø."
    assert not _fails(prompt, "Ekstensjon mot høyre er nedsatt, ellers fri bevegelighet. Nedsatt bevegelighet L5 høyre.")
    # the same movement judged the other way, at the same place, still fails
    prompt2 = "Lx AROM: fleksjon ua, ekstensjon ua."
    assert _hit(prompt2, "Fleksjon er nedsatt.", "Fleksjon er nedsatt")


def test_an_abnormal_sign_named_in_a_list_is_found_not_normal():
    prompt = "Us: lett hevelse og krepitasjon i hø kne, fleksjon 120 grader, full ekstensjon."
    assert not _fails(prompt, "Lett hevelse og krepitasjon i høyre kne. Full ekstensjon.")
    prompt2 = "Us: ingen hevelse i hø kne, full ekstensjon."
    assert _hit(prompt2, "Hevelse i høyre kne.", "Hevelse")


def test_the_worse_side_must_be_the_inputs():
    prompt = "Hodepine bilat, hø>ve, 3 u."
    assert not _fails(prompt, "Hodepine på begge sider i tre uker, mest på høyre side.")
    assert _hit(prompt, "Hodepine på begge sider i tre uker, mest på venstre side.", "venstre")


def test_a_type_or_grade_next_to_the_same_word():
    prompt = "K 60. Kjent diabetes type 2. Nakkesmerter 2 u."
    assert not _fails(prompt, "Kvinne, 60 år, kjent diabetes type 2. Nakkesmerter i to uker.")
    assert _hit(prompt, "Kvinne, 60 år, kjent diabetes type 1. Nakkesmerter i to uker.", "type 1")


def test_medial_and_lateral_next_to_the_same_word():
    prompt = "Ømhet over mediale leddspalte hø kne. Apley pos medialt."
    assert not _fails(prompt, "Øm medial leddspalte i høyre kne.")
    assert _hit(prompt, "Øm lateral leddspalte i høyre kne.", "lateral")


def test_a_denied_treatment_in_shorthand_and_after_its_object():
    prompt = "Beh: bløtdel, mob tx, ingen manip cx. Ko 1 u."
    assert not _fails(prompt, "Bløtdelsbehandling og mobilisering av brystryggen. Manipulasjon av nakken ble ikke utført.")
    assert _hit(prompt, "Bløtdelsbehandling og mobilisering av brystryggen. Det ble utført manipulasjon av nakken.",
                "manipulasjon")


def test_a_named_operation_needs_its_own_words():
    prompt = "Henvisning: vridningsskade hø kne. Ber om vurdering med tanke på artroskopi. Ingen tidligere kneskader."
    assert _hit(prompt, "Han har tidligere gjennomgått en korsbåndsrekonstruksjon i høyre kne.",
                "korsbåndsrekonstruksjon")


def test_a_dose_frequency_next_to_the_same_drug():
    prompt = "Bruker Metotreksat 15 mg 1x/uke."
    assert not _fails(prompt, "Hun bruker Metotreksat 15 mg én gang i uken.")
    assert _hit(prompt, "Hun bruker Metotreksat 15 mg daglig.", "daglig")


def test_a_side_under_a_denial_is_still_a_side():
    prompt = "BPPV ve. Unngå å ligge på ve side 2 netter."
    assert _hit(prompt, "Krystallsyke på venstre side. Unngå å ligge på høyre side de neste to nettene.", "høyre")


def test_a_denied_symptom_at_another_place_contradicts_nothing():
    prompt = "Nummenhet fotrygg ve. Ingen ridebukse."
    assert not _fails(prompt, "Nummenhet på venstre fotrygg. Han benekter nummenhet i setet (ridebukseanestesi).")
    assert _hit(prompt, "Han benekter nummenhet.", "nummenhet")


def test_a_gloss_in_parentheses_of_the_inputs_term():
    prompt = "Gutt 8 år, halter. Spørsmål om coxitis simplex."
    assert not _fails(prompt, "Spørsmål om coxitis simplex (forbigående synovitt i hoften).")


def test_the_inputs_bare_value_with_its_unit_written_out():
    prompt = "Mor har målt temperaturen til 38,2. Halter 1 d."
    assert not _fails(prompt, "Temperaturen er målt til 38,2 grader.")
    assert _hit(prompt, "Temperaturen er målt til 39,2 grader.", "39,2 grader")


def test_two_values_written_with_a_slash_between_sides():
    prompt = "Skuldersmerter hø. AROM abd 150° hø/170° ve."
    assert not _fails(prompt, "Abduksjon 150 grader i høyre skulder mot 170 grader i venstre.")
    assert _hit(prompt, "Abduksjon 150 grader i høyre skulder mot 160 grader i venstre.", "160 grader")
