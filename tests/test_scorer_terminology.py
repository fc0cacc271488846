"""Terminology scorer on the real code lists and language detection (gate.clinical)."""

from __future__ import annotations

import pytest

pytest.importorskip("gate.clinical.icpc2", reason="gate.clinical (data stage) not installed")

from gate.cases import Case  # noqa: E402
from gate.scorers.terminology import TerminologyConfig, terminology  # noqa: E402

HEAD_P = "Kvinne 27 år, trykkende hodepine bilateralt, verre ved stress."
BACK_P = "Mann 38 år, akutte korsryggsmerter etter løft, ingen utstråling."
SOAP = "S: {s}\nO: {o}\nA: {a}\nP: Kontroll om 2 uker."


def run(output, prompt=BACK_P, doc_type=None, **kw):
    s = terminology(**kw)(Case("t", ({"role": "user", "content": prompt},), doc_type=doc_type), output)
    return s, [(p["type"], p["text"]) for p in s.details["problems"]]


def test_valid_codes_pass_and_invalid_codes_fail():
    ok, problems = run("A: N95 Tensjonshodepine. ICD-10: G44.2.", prompt=HEAD_P)
    assert ok.passed and ok.value == 1.0 and problems == []
    for bad in ("N00", "N02", "L193"):
        s, problems = run(f"A: {bad} Hodepine.", prompt=HEAD_P)
        assert not s.passed and ("invalid_code", bad) in problems, (bad, problems)
    s, problems = run("A: L84 Ryggsyndrom (ICD-10: M545).")
    assert ("invalid_code", "M545") in problems


def test_code_must_fit_the_stated_problem():
    assert ("code_chapter", "N95") in run("A: N95 Tensjonshodepine.")[1]
    assert ("code_chapter", "L83") in run("A: L83 Nakkesyndrom.")[1]
    assert run("A: L84 Ryggsyndrom uten utstråling.")[1] == []
    # a code that fits its chapter's problems is not certainly wrong: migraine on a throbbing headache
    assert run("A: N89 Migrene.", prompt="Kvinne 24, bankende hodepine med kvalme.")[1] == []
    assert ("code_chapter", "N89") in run("A: N89 Migrene.")[1]


def test_language_markers_english_and_glossary():
    _, p = run("S: Pasienten har ikkje hatt smerter i høgre skulder dei siste vekene.")
    assert {t for k, t in p if k == "nynorsk"} >= {"ikkje", "høgre", "vekene"}
    _, p = run("S: Korsryggsmerter. Patient reports pain in the lower back.")
    assert ("english", "Patient reports pain in the lower back") in p
    _, p = run("P: Stretching og follow-up om 2 uker.")
    assert {("glossary", "Stretching"), ("glossary", "follow-up")} <= set(p)


def test_required_soap_sections():
    full = SOAP.format(s="Korsryggsmerter.", o="Lasègue negativ.", a="L84 Ryggsyndrom uten utstråling.")
    assert run(full, doc_type="soap")[1] == []
    long = full.replace("S:", "Subjektivt:").replace("O:", "Objektivt:").replace("A:", "Vurdering:").replace(
        "P:", "Plan:")
    assert run(long, doc_type="soap")[1] == []
    no_o = full.replace("O: Lasègue negativ.\n", "")
    assert run(no_o, doc_type="soap")[1] == [("missing_section", "O")]
    assert run(no_o, doc_type=None)[1] == []  # unknown document type: no section rule
    assert run(no_o, doc_type="soap", check_sections=False)[1] == []


def test_config_validation():
    with pytest.raises(ValueError, match="house_style"):
        TerminologyConfig(house_style="riksmål")


NECK_P = "K 40, nakkesmerter 2 uker, ingen utstr."


def test_comorbidity_codes_of_other_chapters_are_valid():
    s, p = run("S: Korsryggsmerter. Kjent hypertensjon (K86) og diabetes type 2 (T90).\nA: L84 Ryggsyndrom.")
    assert s.passed, p
    s, p = run("A: L00 Korsryggsmerter.")
    assert ("invalid_code", "L00") in p


def test_icd10_written_as_icpc2_is_a_wrong_system_error():
    for text, span in (("A: Nakkesmerter, ICPC-2 M54.2.", "ICPC-2 M54.2"), ("A: Lumbago (ICPC-2: M54.5).", "ICPC-2: M54.5"),
                       ("A: ICPC M54 nakke.", "ICPC M54")):
        s, p = run(text, prompt=NECK_P)
        assert ("wrong_system", span) in p, (text, p)
    # the label in brackets, before or after the code
    for text, span in (("A: Diagnose (ICPC-2): M51.1 Lumbal skiveprolaps.", "ICPC-2): M51.1"),
                       ("A: M75.1 (ICPC-2) Rotatorcuffsyndrom.", "M75.1 (ICPC-2)")):
        assert ("wrong_system", span) in run(text, prompt=NECK_P)[1], text
    assert not [k for k, _ in run("A: L92 (ICPC-2) Skuldersyndrom.", prompt=NECK_P)[1] if k == "wrong_system"]
    assert ("invalid_code", "M54.7") in run("A: Lumbago, ICD-10 M54.7.")[1]
    assert run("A: Lumbago, ICD-10 M54.5.")[1] == []


def test_code_beside_another_conditions_diagnosis_is_a_mismatch():
    s, p = run("A: L03 Tensjonshodepine.", prompt=HEAD_P)
    assert ("code_mismatch", "L03 Tensjonshodepine") in p
    assert "N95" in s.details["problems"][0]["message"]  # names the code the diagnosis belongs to
    assert ("code_mismatch", "Nakkesyndrom (L84)") in run("A: Nakkesyndrom (L84).", prompt=NECK_P)[1]
    # another code's whole title, though every word of it is also in the code's own title
    s, p = run("A: L84 Ryggsyndrom med smerteutstråling.")
    assert ("code_mismatch", "L84 Ryggsyndrom med smerteutstråling") in p and "L86" in s.details["problems"][0]["message"]
    assert run("A: L86 Ryggsyndrom med smerteutstråling.")[1] == []
    # a synonym of the code's own words in the normalisation lexicon (nakke = halsrygg) is the same condition
    assert not [k for k, _ in run("A: L83 Halsryggsmerter.", prompt=NECK_P)[1] if k == "code_mismatch"]
    # the code's own title, an alias, a compound of it, or words that name no condition: no mismatch
    for text in ("A: L84 Lumbago.", "A: L03 Korsryggsmerter.", "A: Depresjon (P76) følges opp hos fastlege.",
                 "A: L84 registrert i journal.", "A: L02 Ryggsymptomer/plager."):
        assert not [k for k, _ in run(text)[1] if k == "code_mismatch"], text


def test_spelling_counts_unknown_words_per_100():
    s, p = run("S: Akutte korsryggsmeter etter løft, ingen utstråling.\nA: L84 Ryggsyndrom.")
    assert ("spelling", "korsryggsmeter") in p and s.details["misspelled_per_100"] > 1.0
    # whitelisted Latin anatomy, eponyms (also in the genitive) and drugs pass
    s, p = run("O: Spurlings test positiv, hypertonus i m. trapezius descendens. Bruker ibuprofen.\nA: L83 Nakkesyndrom.",
               prompt=NECK_P)
    assert s.passed and s.details["misspelled_per_100"] == 0.0, p
    # the limit comes from config
    assert run("S: Akutte korsryggsmeter etter løft.", max_misspelled_per_100=50.0)[0].passed
    assert run("S: Akutte korsryggsmeter etter løft.", check_spelling=False)[0].passed


def test_swedish_and_danish_are_named_not_called_nynorsk():
    _, p = run("Hej! Vi har tyvärr inga lediga tider på torsdag. Med vänliga hälsningar")
    assert [k for k, _ in p] == ["swedish"]
    _, p = run("Hej! Det er fint at træne let efter behandlingen. Venlig hilsen")
    assert [k for k, _ in p] == ["danish"]


def test_house_style_from_the_case():
    nn = "S: Korsryggsmerter i ei veke. Ingen utstråling.\nA: L84 Ryggsyndrom utan smerteutstråling."
    case = Case("t", ({"role": "user", "content": BACK_P},), meta={"house_style": "nynorsk"})
    assert terminology()(case, nn).passed
    assert not terminology()(Case("t", ({"role": "user", "content": BACK_P},)), nn).passed
    with pytest.raises(Exception, match="house_style"):
        terminology()(Case("t", ({"role": "user", "content": BACK_P},), meta={"house_style": "riksmål"}), nn)


def test_code_chapter_reads_the_note_when_the_input_is_shorthand():
    # round 2: "cx"/"lx" in the input name no region; the note's own words decide, and a code without
    # a known claim (a facial palsy, a comorbidity) is never judged on its chapter
    note = SOAP.format(s="Stiv og vond nakke i ei uke.", o="Nedsatt rotasjon.", a="L83 Nakkesyndrom.")
    assert run(note, prompt="K 40, cx stiv 1 u.")[1] == []
    note = SOAP.format(s="Vondt i korsryggen, ingen utstråling.", o="Lasègue neg.", a="L84 Ryggsyndrom uten utstråling.")
    assert run(note, prompt="M 30, lx 3 d, urolig legg om natta.")[1] == []
    note = SOAP.format(s="Skjev munn og kan ikke lukke høyre øye.", o="Facialisparese hø.", a="N91 Facialisparese.")
    assert run(note, prompt="K 50, vondt i nakken, munnvik henger.")[1] == []
    # still caught: the note describes a shoulder and the code is a back code
    note = SOAP.format(s="Vondt i venstre skulder ved løft.", o="Hawkins pos ve.", a="L86 Ryggsyndrom med utstråling.")
    assert ("code_chapter", "L86") in run(note, prompt="K 34, ve skulder 6 u.")[1]


def test_nynorsk_title_is_the_code_own_title():
    note = SOAP.format(s="Hovudverk frå nakken, to dagar i veka.", o="Rotasjon nedsett.", a="N01 Hovudverk.")
    assert run(note, prompt="K 30, hovudverk.", house_style="nynorsk", check_spelling=False)[1] == []
    s, p = run("A: N17 Svimmelheit.", prompt="M 70, svimmel ved snuing.", house_style="nynorsk", check_spelling=False)
    assert not [x for x in p if x[0] in ("code_mismatch", "code_chapter")], p


def test_icd10_label_on_an_icpc2_title_is_wrong_system():
    # L92 and L84 exist in ICD-10 too (skin codes), but the title beside them is ICPC-2's
    assert ("wrong_system", "ICD-10: L92") in run("A: ICD-10: L92 Skuldersyndrom.", prompt="K 50, skulder.")[1]
    assert ("wrong_system", "ICD-10: L84") in run("Diagnose (ICD-10: L84 ryggsyndrom uten smerteutstråling).")[1]
    assert not [x for x in run("A: L84 Ryggsyndrom. ICD-10: M54.5 Lumbago.")[1] if x[0] == "wrong_system"]


def test_a_synonym_family_does_not_hide_another_code_title():
    # "artrose" links knee and hip osteoarthritis in the normalisation lexicon; L89 is the hip's code
    s, p = run("A: L90 Hofteartrose.", prompt="M 70, ve hofte, lyskesmerter.")
    assert ("code_mismatch", "L90 Hofteartrose") in p
    assert not [x for x in run("A: L89 Coxartrose.", prompt="M 70, ve hofte.")[1] if x[0] == "code_mismatch"]
    assert not [x for x in run("A: L90 Gonartrose.", prompt="M 70, kne.")[1] if x[0] == "code_mismatch"]


def test_lumbopelvic_pain_fits_a_low_back_code():
    note = SOAP.format(s="Gravid uke 30, vondt over symfysen og i bekkenleddene ved snuing i senga.",
                       o="Positiv P4-test venstre.", a="L03 Korsrygg symptomer/plager.")
    assert not [x for x in run(note, prompt="Gravid, bekken.")[1] if x[0] == "code_chapter"]
    note = SOAP.format(s="Vondt i bekkenleddet.", o="SI-ledd palp.øm hø.", a="N95 Tensjonshodepine.")
    assert ("code_chapter", "N95") in run(note, prompt="K 30, vondt i SI-leddet.")[1]
