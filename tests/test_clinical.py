"""gate.clinical: the bundled ICPC-2 list, ICD-10 shape and the word-list language assessment."""

from __future__ import annotations

import pytest

from gate.clinical import icd10, icpc2
from gate.clinical.language import assess


def test_icpc2_codes_titles_and_chapters():
    assert icpc2.is_valid("N95") and icpc2.title("N95") == "Tensjonshodepine"
    assert not icpc2.is_valid("N02")  # ICPC-1's tension headache; not in ICPC-2
    assert not icpc2.is_valid("L00") and not icpc2.is_valid("L30X")
    assert icpc2.title("l83") == "Nakkesyndrom" and icpc2.chapter("L83") == "L"
    assert icpc2.is_valid("L86") and icpc2.is_valid("L92") and icpc2.is_valid("H82") and icpc2.is_valid("N01")
    assert icpc2.title("L03") == "Korsrygg symptomer/plager"
    assert not icpc2.is_valid("L4") and not icpc2.is_valid("X999") and icpc2.title("Z99") is None


def test_icpc2_is_the_whole_published_list():
    # all 17 chapters, symptoms (01-29) and diagnoses (70-99); comorbidities from other chapters are codes
    assert {c for _, c in icpc2.codes().values()} == set(icpc2.CHAPTER_LETTERS)
    assert len(icpc2.codes()) == 708
    assert icpc2.title("K86") == "Hypertensjon ukomplisert" and icpc2.title("T90") == "Diabetes type 2"
    for code in icpc2.codes():
        assert icpc2.is_valid(code), code
    # process codes are the same in every chapter, written with a letter or a dash; no titles shipped
    assert icpc2.is_valid("L31") and icpc2.is_valid("-30") and icpc2.is_process("K50")
    assert icpc2.title("L31") is None and icpc2.chapter("L31") == "L" and icpc2.chapter("-31") is None
    assert not icpc2.is_valid("L29X") and icpc2.is_valid("L70") and icpc2.is_valid("R991")


def test_icd10_list():
    assert icd10.is_valid("M54.2") and icd10.is_valid("M542") and icd10.title("M54.2") == "Smerte i nakke"
    assert not icd10.is_valid("M54.7")  # no such code
    assert icd10.is_valid("M54")  # a category: some listed code starts with it
    assert icd10.is_valid("I10") and icd10.is_valid("G44.2") and not icd10.is_valid("Q99.99")
    assert not icd10.is_valid("M5.4") and not icd10.is_valid("54.5")


@pytest.mark.parametrize("code,ok", [("M54", True), ("M54.5", True), ("G44.2", True), ("m54.16", True),
                                     ("M5.4", False), ("M545", False), ("54.5", False), ("M54.", False)])
def test_icd10_shape(code, ok):
    assert icd10.is_wellformed(code) is ok


def test_language_assessment():
    nb = assess("Pasienten har hatt vondt i korsryggen i tre dager. Ikke utstråling.")
    assert nb.language == "nb" and nb.nynorsk_markers == [] and nb.english_spans == []
    nn = assess("Pasienten har hatt vondt i ryggen i tre dagar, og eg trur det er ikkje farleg.")
    assert nn.language == "nn" and set(nn.nynorsk_markers) == {"dagar", "eg", "ikkje"}
    en = assess("The patient reports lower back pain for three days.")
    assert en.language == "en" and en.english_spans
    mixed = assess("S: Nakkesmerter i to uker. O: Spurling negativ. The patient was advised to rest. A: L83.")
    assert mixed.language == "nb" and mixed.english_spans[0][2] == "The patient was"
    assert assess("12345 ---").language == "other"
    with pytest.raises(ValueError):
        assess("x", house_style="riksmal")


def test_nynorsk_ending_families_decide_a_short_message():
    # round 2: a Nynorsk message without listed marker words ("dagleg", "øvingane", "nummenheit")
    from gate.clinical.language import assess, nynorsk_form

    text = "Hei! Hugs å gjere øvingane tre gonger dagleg, og ta kontakt om du får nummenheit i armen."
    assert assess(text, house_style="nynorsk").language == "nn"
    assert [w for w in ("dagleg", "venleg", "øvingar", "svimmelheita", "kollegaer", "lege", "fastlege", "øvinger")
            if nynorsk_form(w)] == ["dagleg", "venleg", "øvingar", "svimmelheita"]
    assert assess("Hei! Husk å gjøre øvelsene tre ganger daglig, og ikke løft.").language == "nb"


def test_danish_spelling_families_name_danish():
    from gate.clinical.language import neighbour

    assert neighbour("Han oplever fortsat ømhed, og vi anbefaler udredning.")[0] == "da"
    assert neighbour("Hun er indlagt på sygehuset til undersøgelse.")[0] == "da"
    # the Norwegian forms of the same words
    assert neighbour("Han opplever fortsatt ømhet, og vi anbefaler utredning på sykehuset.")[0] is None
    assert neighbour("Bevegelse og undersøkelse ua, udelt oppfølging.")[0] is None
