"""Norwegian PII recognisers (real Presidio over a blank spaCy nb pipeline): valid and invalid identifiers,
hard negatives from clinical prose, names with context, scrubbing and log redaction."""

from __future__ import annotations

import random

import pytest
from stdnum.no import fodselsnummer, kontonr

from gate.pii import PiiEntity, analyze, redact_for_log, scrub
from training.data.synth import fake_fodselsnummer, fake_kontonummer

FNR = "15018610040"  # valid check digits (python-stdnum), synthetic


def types(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.text) for e in analyze(text)]


def test_valid_fodselsnummer_d_nummer_and_account_are_found_and_told_apart():
    rng = random.Random(4)
    fnr, dnr, acc = fake_fodselsnummer(rng), fake_fodselsnummer(rng, d_number=True), fake_kontonummer(rng)
    assert fodselsnummer.is_valid(fnr) and fodselsnummer.is_valid(dnr) and kontonr.is_valid(acc)
    assert types(f"Fødselsnummer {fnr}.") == [("FODSELSNUMMER", fnr)]
    assert types(f"D-nummer {dnr}.") == [("D_NUMMER", dnr)]
    assert types(f"Utbetaling til konto {acc}.") == [("KONTONUMMER", acc)]
    assert types(f"Konto {acc.replace('.', '')}.") == [("KONTONUMMER", acc.replace(".", ""))]


def test_wrong_check_digit_is_not_a_fodselsnummer():
    wrong = FNR[:-1] + str((int(FNR[-1]) + 1) % 10)
    assert not fodselsnummer.is_valid(wrong)
    assert [t for t, _ in types(f"fnr {wrong}")] not in (["FODSELSNUMMER"], ["D_NUMMER"])
    assert types(f"fnr {wrong}") == []  # nor an account number (mod 11 fails too) nor a phone


def test_h_nummer():
    # month + 40 with valid mod-11 check digits: a temporary health-service number
    from gate.pii.recognizers import identity_kind

    found = [n for n in (f"0145861{t:04d}" for t in range(10000)) if identity_kind(n) == "H_NUMMER"]
    assert found
    assert types(f"H-nummer {found[0]}") == [("H_NUMMER", found[0])]


@pytest.mark.parametrize("text,expected", [
    ("Ring meg på +47 912 34 567.", "+47 912 34 567"),
    ("tlf 22 33 44 55", "22 33 44 55"),
    ("Mobil: 0047 41234567", "0047 41234567"),
    ("Pasienten kan nås på 91723456.", "91723456"),
])
def test_phone_numbers(text, expected):
    assert types(text) == [("TELEFON", expected)]


def test_context_word_lifts_a_landline_number():
    # a bare landline-shaped number is below the threshold; "tlf" before it (lemma component) lifts it
    assert types("Referanse 22 33 44 55 i journalen.") == []
    assert analyze("tlf 22 33 44 55")[0].score >= 0.6


def test_email_address_orgnr_and_date_of_birth():
    assert types("Send til kari.nordmann@eksempel.no i dag.") == [("EPOST", "kari.nordmann@eksempel.no")]
    assert types("Adresse: Storgata 12, 0182 Oslo.") == [("ADRESSE", "Storgata 12, 0182 Oslo")]
    assert types("Klinikken, orgnr 974 760 673.") == [("ORGNUMMER", "974 760 673")]
    assert types("Født 01.02.1986, kom til kontroll 12.03.2025.") == [("FODSELSDATO", "01.02.1986")]


def test_clinical_prose_is_not_pii():
    text = ("Per dag går hun 5 km. Liv og helse er bedre. Berg og Lund er fine turmål. Palpasjonsøm C5-C6 og "
            "L4-L5, Th5-Th6. NRS 7/10. Kontroll kl. 14:30 den 12.03.2025. ICPC-2 L03, N95, H82; ICD-10 M54.5. "
            "Tre ganger per uke, 20 repetisjoner, 120 grader fleksjon, 1500 mg.")
    assert analyze(text) == []


@pytest.mark.parametrize("text,name", [
    ("Hei Anders! Takk for sist.", "Anders"),
    ("Hei Per, timen er flyttet.", "Per"),
    ("Fru Berg kom til time.", "Berg"),
    ("Pasient Kari Nordmann har nakkesmerter.", "Kari Nordmann"),
    ("Vennlig hilsen Ingrid", "Ingrid"),
    ("Hei Torstein! Velkommen tilbake.", "Torstein"),  # not in the bundled lists: the greeting is enough
])
def test_names_with_context(text, name):
    assert ("NAVN", name) in types(text)


def test_scrub_uses_consistent_typed_placeholders():
    mapping: dict = {}
    a = scrub(f"Pasient Kari Nordmann, fødselsnummer {FNR}, tlf 912 34 567.", mapping=mapping)
    b = scrub("Hei Kari! Vi ringer 91234567 eller 47 11 22 33 i morgen.", mapping=mapping)
    assert a.text == "Pasient <NAVN>, fødselsnummer <FØDSELSNUMMER>, tlf <TELEFON>."
    # same person and same number (other spacing): same placeholder; a second number: numbered
    assert b.text == "Hei <NAVN>! Vi ringer <TELEFON> eller <TELEFON_2> i morgen."
    c = scrub("Hei Ole og Anders.")
    assert c.text == "Hei <NAVN> og <NAVN_2>."
    assert all(isinstance(e, PiiEntity) for e in a.entities)


def test_redact_for_log_leaves_no_identifier():
    out = redact_for_log(f"bad line for Kari Nordmann {FNR} and 12345678901")
    assert FNR not in out and "Kari" not in out and "12345678901" not in out


def test_entities_filter_and_unknown_type():
    assert types(f"Kari Nordmann {FNR}") == [("NAVN", "Kari Nordmann"), ("FODSELSNUMMER", FNR)]
    assert [e.type for e in analyze(f"Kari Nordmann {FNR}", entities=["FODSELSNUMMER"])] == ["FODSELSNUMMER"]
    with pytest.raises(ValueError):
        analyze("x", entities=["SSN"])


def test_prefilter_never_hides_an_entity():
    """The fast path (skip spaCy + Presidio when no recogniser can fire) must not change any result."""
    from gate.pii import THRESHOLD
    from gate.pii.engine import LANG, get_engine
    from training.data.synth import generate_records

    texts = [r[k] for r in generate_records(150, 8, pii_rate=0.4, canary_rate=0.0) for k in ("prompt", "response")]
    texts += ["Hei Torstein!", "Født 1. mars 1985.", "Storgata 5", "Postboks 12, 0101 Oslo", "tlf 22334455",
              "kari@eksempel.no", "Dr. Lund ringte.", "orgnr 974760673"]
    engine = get_engine()
    for t in texts:
        full = {(r.entity_type, r.start, r.end) for r in engine.analyze(text=t, language=LANG, score_threshold=THRESHOLD)}
        fast = {(e.type, e.start, e.end) for e in analyze(t)}
        assert fast <= full and (not full or fast), t  # overlaps resolved, but never everything dropped
        if not fast:
            assert not full, t
