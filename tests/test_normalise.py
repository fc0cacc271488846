"""gate.clinical.normalise: shorthand written out, offsets mapped back, synonyms and number words."""

from __future__ import annotations

from gate.clinical.normalise import (abbreviations, canonical, expand_abbreviations, expand_with_map, normalise,
                                     number_value, synonyms_of)


def test_shorthand_note_is_written_out():
    text = "M 44, lx-smerter hø siden 3 d. us.: palp.øm L5 hø, SLR neg bilat. Beh: HVLA lx, bvb. Kontroll 1 u."
    assert expand_abbreviations(text) == (
        "mann 44 år, lumbalcolumna-smerter høyre siden 3 dager. undersøkelse: palpasjonsøm L5 høyre, SLR negativ "
        "bilateralt. Behandling: HVLA lumbalcolumna, bløtvevsbehandling. Kontroll 1 uker.")


def test_context_rules_keep_ordinary_words():
    # "d"/"u" only after a number, "man"/"tors" only before a clock time, "ROM" only in capitals
    assert expand_abbreviations("man kan se d og u") == "man kan se d og u"
    assert expand_abbreviations("Ny time man 09:15") == "Ny time mandag 09:15"
    assert expand_abbreviations("et rom, ROM redusert") == "et rom, bevegelsesutslag redusert"


def test_offsets_map_back_to_the_original():
    text = "K 61, hø skulder, palp.øm ve."
    e = expand_with_map(text)
    i = e.text.index("palpasjonsøm")
    assert text[slice(*e.to_original(i, i + len("palpasjonsøm")))] == "palp.øm"
    j = e.text.index("skulder")
    assert text[slice(*e.to_original(j, j + 7))] == "skulder"


def test_synonyms_numbers_and_normal_form():
    assert canonical("IS-ledd") == canonical("SI-ledd") == "iliosakralledd"
    assert "lasègue" in synonyms_of("SLR") and "hawkins" in synonyms_of("Hawkins-Kennedy")
    assert synonyms_of("ukjent ord") == frozenset({"ukjent ord"})
    assert number_value("fjorten") == 14 and number_value("et par") == 2 and number_value("2,5") == 2.5
    assert normalise("Is i et kvarter, NRS 4, T4–T6 kl 14, 45°, tre uker") == \
        "is i 15 minutter, nrs 4/10, t4-t6 kl. 14:00, 45 grader, 3 uker"


def test_lexicon_rows_are_well_formed():
    forms = [a.form.lower() for a in abbreviations()]
    assert len(forms) == len(set(forms)) or all(a.context in ("any", "num", "time") for a in abbreviations())
    assert all(a.context in ("any", "num", "time") and a.expansion for a in abbreviations())
