"""Fact extraction: each kind of clinical fact, its normal form, negation and plan context."""

from __future__ import annotations

from gate.facts import Doc, check_output, extract_facts


def facts(text, type_):
    return [f for f in extract_facts(text) if f.type == type_]


def test_laterality_inflections_attach_to_regions():
    got = {(f.key, f.side) for f in facts("Smerter i hø. skulder, venstresidig kne og bilaterale nakkesmerter. "
                                          "Albue ve. side", "region")}
    assert got == {("shoulder", "right"), ("knee", "left"), ("neck", "both"), ("elbow", "left")}
    # an unlabelled region inherits its sentence's side
    arm = [f for f in facts("Smerter i høyre skulder med utstråling til armen.", "region") if f.key == "arm"]
    assert arm[0].side == "right" and not arm[0].extra["own_side"]


def test_tests_results_sides_and_shared_results():
    got = {(f.key, f.value, f.side) for f in facts(
        "Lasègue pos. ve. ved 40°. Slump og Spurling negative. negativ Hawkins-Kennedy test. SLR: neg bilat.", "test")}
    assert ("slr", "positive", "left") in got and ("slump", "negative", None) in got
    assert ("spurling", "negative", None) in got and ("hawkins", "negative", None) in got
    assert ("slr", "negative", "both") in got
    planned = facts("Vurder Dix-Hallpike ved neste time.", "test")
    assert planned[0].value is None and planned[0].plan


def test_numbers_units_words_ranges_and_not_levels_or_times():
    got = {(f.key, f.value) for f in facts("NRS 7/10, seks av 10 ved løft, tre uker, 2-3 dager, 45-årig, "
                                            "Ibux 400 mg, fleksjon 40°, L4-L5, kl. 14:30, N95", "number")}
    assert got == {("pain_score", (7.0, 7.0)), ("pain_score", (6.0, 6.0)), ("week", (3.0, 3.0)),
                   ("day", (2.0, 3.0)), ("year", (45.0, 45.0)), ("mg", (400.0, 400.0)), ("deg", (40.0, 40.0))}


def test_spinal_levels_normalised_and_codes_not_levels():
    got = [f.key for f in facts("C5-C6, L4/L5, L4-5, L5-S1, T5–T7, Th12, S1, L86, N95, M54.5", "level")]
    assert got == ["C5-C6", "L4-L5", "L4-L5", "L5-S1", "T5-T7", "T12", "S1"]
    codes = {(f.key, f.value) for f in facts("A: L86 Ryggsyndrom, ICD-10 M54.5, ICD-10: M51. N95.", "code")}
    assert codes == {("L86", "icpc2"), ("M54.5", "icd10"), ("M51", "icd10"), ("N95", "icpc2")}


def test_negation_scope():
    rf = facts("Ingen tegn til cauda equina. Sadelanestesi siden i går.", "red_flag")
    assert [(f.key, f.negated) for f in rf] == [("cauda_equina", True), ("saddle_anaesthesia", False)]
    med = facts("Ikke bedring etter Ibux. Bruker ikke Paracet.", "medication")
    assert [(f.key, f.negated) for f in med] == [("ibuprofen", False), ("paracetamol", True)]
    sym = facts("Ingen utstråling, smerter i korsryggen. Utstråling: nei", "symptom")
    assert [f.negated for f in sym] == [True, True]


def test_timing_and_imaging():
    t = {(f.key, f.value) for f in facts("Time torsdag 3. mars kl. 9, eller fredag 04.03.2026 kl 14.30", "timing")}
    assert t == {("weekday", 4), ("date", (3, 3)), ("time", (9, 0)), ("weekday", 5), ("date", (4, 3)),
                 ("time", (14, 30))}
    img = facts("MR viste prolaps L4-L5. Henvises til røntgen.", "imaging")
    assert [f.key for f in img] == ["mr"]  # the referral is a plan, not a result
    assert [f.key for f in facts("MR viste prolaps L4-L5 uten stenose.", "imaging_result")] == [
        "disc_herniation", "stenosis"]


def test_sections_and_plan_context():
    d = Doc("S: vondt.\nO: Lasègue negativ.\nA: L84.\nP: Kontroll om 2 uker.")
    assert [k for _, _, k in d.sections] == ["subjective", "objective", "assessment", "plan"]
    assert d.in_plan(d.text.index("Kontroll")) and not d.in_plan(d.text.index("Lasègue"))


def test_check_output_kinds():
    prompt = "Smerter i venstre legg. Lasègue positiv venstre. Ingen utstråling til foten. NRS 6/10."
    found = {(f.type, f.kind) for f in check_output(prompt, "Smerter i høyre legg. Lasègue negativ. NRS 6/10.")}
    assert found == {("region", "contradiction"), ("test", "contradiction")}
    assert check_output(prompt, "Lasègue pos. ve., smerter i ve. legg, NRS 6 av 10.") == []
    inv = check_output("Vondt i nakken i en uke.", "O: Spurling negativ.", abstention=True)
    assert {f.kind for f in inv} == {"invented"}
