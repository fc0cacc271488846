"""Names in running text and separated fødselsnummer (issue 17, second round), on cases written in
other words than the v3 dev half that showed the causes; and the dev half's own floor.

Causes fixed: a capitalised word in a person's place (after a greeting, a title such as "Pasient:",
a role word, before "ble undersøkt", or a first-name + surname-shaped pair) is a name even when no
list holds it, while clinic names with place names in them, eponyms and pronouns or typing slips
stay non-personal; a fødselsnummer written in any grouping of digits is found by its check digits.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gate.pii import analyze
from gate.pii.recognizers import identity_kind

ROOT = Path(__file__).resolve().parent.parent


def _fnr() -> str:
    return next(f"150778{n:05d}" for n in range(100000) if identity_kind(f"150778{n:05d}") == "FODSELSNUMMER")


@pytest.mark.parametrize("text,name", [
    ("Hei Gudveig Sandnes! Velkommen til første time torsdag.", "Gudveig Sandnes"),   # greeting, no listed name
    ("Epikrise\nPasient: Ranveig Hoel\nTre behandlinger, bedre.", "Ranveig Hoel"),      # title with a colon
    ("Sendt videre til pasienten Sølvør Dybdahl samme dag.", "Sølvør Dybdahl"),
    ("Du kan også avtale time hos naprapat Lykke neste uke.", "Lykke"),                 # a name that is a word
    ("Drøftet funnene med osteopat Sølvi, som er enig i planen.", "Sølvi"),
    ("Henvist videre etter samtale med Gudbrand Vestvik i går.", "Gudbrand Vestvik"),  # first name + surname shape
    ("Ottar ble undersøkt i dag, AROM ua.", "Ottar"),                                  # what a person undergoes
    ("Kjære Ingolf Vestby, takk for sist.", "Ingolf Vestby"),
    ("Timen hos Vestby på Klinikken er flyttet.", "Vestby"),                           # a person at a clinic
    ("Henvist: Torunn, 52 år, med nakkesmerter.", "Torunn"),                           # named by age
])
def test_a_capitalised_word_in_a_persons_place_is_a_name(text, name):
    assert [e.text for e in analyze(text) if e.type == "NAVN"] == [name]


@pytest.mark.parametrize("text", [
    "Takk for timen.\n\nVennlig hilsen\nNaprapat- og fysioterapisenteret Lillestrøm",   # place inside a clinic name
    "Velkommen tilbake!\nMvh Kiropraktor Sentrum AS",
    "Hilsen Ryggklinikken Bekkestua",
    "Med vennlig hilsen\nSandvika Helsehus",
    "O: Spurlings test positiv hø, Lhermittes tegn negativt. Jacksons kompresjonstest neg.",   # eponyms
    "Thomas-testen viser stram hofteflektor. Trendelenburgs tegn pos ve.",
    "Funn forenlig med Scheuermanns sykdom. Patricks test neg bilat.",
    "Du har hatt vondt i to uker. Pasientne forteller om bedring.",   # a pronoun, a typing slip
    "Henvist til fysioterapeut. Neste time om to uker.",
    "Du finner oss hos Sandvika Kiropraktikk, 2. etasje.",        # a place before an institution word
    "Timen er flyttet. Hilsen Grünerløkka Fysio",
    "Vennlig hilsen\nKiropraktor Bekkestua Helsesenter",
    "Kvinne, 52 år, nakkesmerter. Covid, 2 år siden. Prolaps L5 (2 år).",
])
def test_clinic_names_eponyms_and_ordinary_words_are_not_names(text):
    assert analyze(text) == []


@pytest.mark.parametrize("fmt", [
    "Vi har sendt refusjonskrav for f.nr. {0}{1}.{2}{3}.{4}{5}-{6}{7}{8}.{9}{10}",   # refusjon, yet an identity
    "fnr {0}{1}{2}{3} {4}{5} {6}{7}{8}{9}{10}",
    "Pasientens personnummer: {0}{1}-{2}{3}-{4}{5}-{6}{7}{8}-{9}{10}",
    "Registrert {0}{1} {2}{3} {4}{5} {6}{7}{8} {9}{10} i journalen.",
])
def test_a_fodselsnummer_in_any_grouping_is_found_by_its_check_digits(fmt):
    fnr = _fnr()
    found = [e for e in analyze(fmt.format(*fnr)) if e.type == "FODSELSNUMMER"]
    assert len(found) == 1 and "".join(c for c in found[0].text if c.isdigit()) == fnr
    wrong = fnr[:-1] + str((int(fnr[-1]) + 1) % 10)
    assert [e for e in analyze(fmt.format(*wrong)) if e.type in ("FODSELSNUMMER", "D_NUMMER", "H_NUMMER")] == []


def test_v3_dev_half_floor():
    """tests/labelled/v3_dev/pii_precision_v3_dev.jsonl (half of the independent labeller's v3 set, dev
    data for this round): before the round 2 false leaks 2/19, caught 25/29; floor at the counts after."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_data_checks import measure_pii

    m = measure_pii(ROOT / "tests" / "labelled" / "v3_dev" / "pii_precision_v3_dev.jsonl")
    assert m["negatives"] == 19 and m["false_leaks"] == 0
    caught = sum(k["flagged"] for k in m["kinds"].values() if k["leak"])
    assert sum(k["n"] for k in m["kinds"].values() if k["leak"]) == 29 and caught == 29


def test_no_new_leaks_on_the_labelled_clinical_outputs():
    """The hallucination and terminology sets' outputs are clinical notes and letters; only the ones that
    plant personal data (and one letter naming "Per Berg") leak. 14 entities before this round and after:
    the wider name rules must not make the demo's PII gate fail a clean model."""
    import json

    from gate.cases import Case
    from gate.scorers.pii import find_leaks

    labelled = ROOT / "tests" / "labelled"
    files = sorted({*labelled.glob("hallucination*.jsonl"), *labelled.glob("terminology*.jsonl"),
                    *(labelled / "v3_dev").glob("hallucination*.jsonl"), *(labelled / "v3_dev").glob("terminology*.jsonl"),
                    *(labelled / "heldout").glob("hallucination*.jsonl"), *(labelled / "heldout").glob("terminology*.jsonl")})
    assert len(files) >= 10
    leaks, outputs = [], 0
    for f in files:
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                outputs += 1
                found = find_leaks(Case(row["id"], ({"role": "user", "content": row["prompt"]},)), row["output"])
                leaks += [(row["id"], leak["type"]) for leak in found]
    assert outputs >= 1000
    assert all(rid.endswith("pii1") or rid.endswith("-pii") or rid == "t015-letter-hard_negative"
               for rid, _ in leaks), leaks
    assert len(leaks) == 14, leaks


@pytest.mark.parametrize("text,names", [
    ("Ring til bjørn i resepsjonen hvis du vil endre timen.", ["bjørn"]),  # a listed first name, lower case
    ("Ring til Mari hvis timen ikke passer.", ["Mari"]),
    ("Ring til fastlegen hvis det blir verre.", []),                        # a word, not a name
    ("Vi så en bjørn på tur.", []),                                         # the noun, no context
])
def test_a_first_name_after_ring_til_is_a_name(text, names):
    assert [e.text for e in analyze(text) if e.type == "NAVN"] == names
