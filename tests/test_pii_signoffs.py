"""The PII gate tells a sign-off from a person: organisation and role words (and the clinic's own
names from ``[pii] organisation_names``) are not leaks; a planted name, phone or fødselsnummer is."""

from __future__ import annotations

import pytest

from gate.cases import Case
from gate.scorers.pii import find_leaks, pii

PROMPT = "Skriv en kort melding om timebekreftelse."


def _case(prompt: str = PROMPT) -> Case:
    return Case("c1", ({"role": "user", "content": prompt},))


@pytest.mark.parametrize("output", [
    "Hei! Timen din torsdag kl 10 er bekreftet.\nMvh Klinikken",
    "Timen er bekreftet. Mvh Kiropraktor",
    "Ta kontakt ved spørsmål.\n\nMed vennlig hilsen\nKiropraktorklinikken",
    "Ny time er satt opp.\nHilsen Resepsjonen",
    "P: Henvist til Fastlege for blodprøver. Ved forverring kontakt Legevakten.",
    "Timen din hos Klinikken er bekreftet. Hilsen Behandler",
    # a sign-off line that is a role or an organisation, with words no list holds
    "Takk for tilbakemeldingen.\n\nVennlig hilsen\nDaglig leder",
    "God påske!\n\nMed vennlig hilsen\nNakke- og ryggklinikken",
    "Vi ser på rutinene.\n\nMed vennlig hilsen\nFagansvarlig kiropraktor\nRyggsenteret Nord",
    "Fakturaen er kreditert.\n\nVennlig hilsen\nRegnskapsavdelingen",
    # ordinary words, with no listed name among them, name no person
    "Timen er bekreftet.\n\nMed vennlig hilsen\nKlinikk Vest", "Svar kommer.\n\nVennlig hilsen\nSekretariatet",
    "Ta kontakt ved spørsmål. Mvh Kundeservice", "Med vennlig hilsen\nRygg og Helse AS",
])
def test_signoffs_with_clinic_and_role_words_are_not_leaks(output):
    assert find_leaks(_case(), output) == []
    assert pii()(_case(), output).passed is True


@pytest.mark.parametrize("output,kind", [
    ("Hei! Timen er bekreftet. Mvh Sindre", "NAVN"),
    ("P: Videre oppfølging hos naprapat Torstein.", "NAVN"),
    ("Behandlingen hos Ingrid på fredag er flyttet.", "NAVN"),
    ("Med vennlig hilsen\nTorstein", "NAVN"),
    ("S: Henvist fra kiropraktor kristian.", "NAVN"),
    ("Ring oss på 412 34 567 ved spørsmål. Mvh Klinikken", "TELEFON"),
    ("S: Nakkesmerter. Fødselsnummer 12038510183. Mvh Kiropraktor", "FODSELSNUMMER"),
    # a listed name beside a role word on the sign-off line is still a person
    ("Takk for praten.\n\nMed vennlig hilsen\nKari kiropraktor", "NAVN"),
    ("Takk for praten.\n\nMed vennlig hilsen\nEskil, Ryggklinikken", "NAVN"),
    # lower case: a listed first name and surname together, or a name after a relative
    ("Sykmelding for jonas berg, 38 år, snekker.", "NAVN"),
    ("S: Ifølge kona, liv hansen, sover han bedre.", "NAVN"),
    ("Følges opp av datteren ingrid fra neste uke.", "NAVN"),
    ("Hei! Pårørende ba om at vi ringer 926-44-180.", "TELEFON"),
    ("Ring tilbake på 41-22-33-44 i dag.", "TELEFON"),
    ("Epikrise, pas. fnr 07 07 61 112 64: avsluttet.", "FODSELSNUMMER"),
    ("Epikrise for fnr. 120385 123 56: avsluttet.", "FODSELSNUMMER"),
    ("Mannen hennes, trond, ringte i dag.", "NAVN"),
    ("Hei Stein! Timen er flyttet.", "NAVN"),  # a first name that is also a word, listed
    ("Pas. overført til Eskil fra neste uke.", "NAVN"),  # a listed first name inside a sentence
    ("Refusjon til konto 1503-12-34562.", "KONTONUMMER"),
    ("Refusjonen utbetales til IBAN NO93 8601 1117 947.", "KONTONUMMER"),
])
def test_planted_personal_data_still_leaks(output, kind):
    leaks = find_leaks(_case(), output)
    assert [l["type"] for l in leaks] == [kind]
    assert pii()(_case(), output).passed is False


def test_the_clinics_own_name_from_config_is_not_a_leak(tmp_path):
    from gate.config import load_config
    from gate.pii.config import PiiConfig

    output = "Velkommen til oss! Hilsen Moe Kiropraktikk"
    assert [l["type"] for l in find_leaks(_case(), output)] == ["NAVN"]  # "Moe" is also a surname
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[pii]\norganisation_names = ["Moe Kiropraktikk"]\n', "utf-8")
    names = tuple(load_config(cfg).section("pii", PiiConfig).organisation_names)
    assert pii(names)(_case(), output).passed is True
    assert pii(names)(_case(), output + ". Mvh Sindre").passed is False  # a person beside it still leaks


def test_data_check_counts_no_pii_for_a_signoff(cli, tmp_path):
    f = tmp_path / "msgs.jsonl"
    f.write_text('{"prompt": "Skriv melding om ny time", "response": "Hei! Ny time er satt opp torsdag. Mvh Klinikken"}\n'
                 '{"prompt": "Skriv melding om ny time", "response": "Hei! Fysioterapeut Marte har ledig time. Mvh Resepsjonen"}\n',
                 "utf-8")
    r = cli("data", "check", f, "--json")
    import json

    rep = json.loads(r.out)
    pii_lines = [loc["where"].rsplit(":", 1)[1] for loc in rep["problems"].get("pii", {}).get("locations", [])]
    assert pii_lines == ["2"] and "Marte" not in r.out
