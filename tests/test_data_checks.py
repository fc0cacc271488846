"""``chirogate data check``: every problem type with its file:line, table and --json, the exit policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.data.checks import DataConfig, check_records, truncated
from training.data.formats import read_file

DATA = Path(__file__).parent / "data"
FILES = ["problems.jsonl", "chatml.jsonl", "completion.jsonl", "dpo.jsonl", "alpaca.json"]
EXPECTED = {
    "control_tokens": ["problems.jsonl:2"], "truncated": ["problems.jsonl:3"], "glued_text": ["problems.jsonl:4"],
    "placeholder": ["problems.jsonl:5"], "short_answer": ["problems.jsonl:7"], "english": ["problems.jsonl:8"],
    "nynorsk": ["problems.jsonl:9"], "invalid_code": ["problems.jsonl:10", "problems.jsonl:11"],
    "pii": ["problems.jsonl:12"], "duplicate": ["problems.jsonl:13"], "near_duplicate": ["problems.jsonl:14"],
    "role_order": ["chatml.jsonl:2"], "missing_role": ["chatml.jsonl:3"],
    "missing_system": ["chatml.jsonl:2", "chatml.jsonl:4"],
    # issue 14: notes that add findings, treatments or codes their prompt lacks (warnings)
    "ungrounded": ["chatml.jsonl:1", "dpo.jsonl:1", "dpo.jsonl:2", "problems.jsonl:1", "problems.jsonl:2",
                   "problems.jsonl:3", "problems.jsonl:4", "problems.jsonl:13", "problems.jsonl:14"],
}


@pytest.fixture(scope="module")
def problems():
    records = []
    for f in FILES:
        records += read_file(DATA / f)[1]
    return check_records(records, DataConfig())


def test_every_problem_type_at_its_line(problems):
    got: dict[str, list[str]] = {}
    for p in problems:
        got.setdefault(p.type, []).append(f"{Path(p.file).name}:{p.line}")
    assert got == EXPECTED  # and nothing on the clean records, the template (line 6) or the other formats


def test_messages_name_the_problem_without_personal_data(problems):
    by = {p.type: p for p in reversed(problems)}  # the first of each type
    assert "'<|im_start|>'" in by["control_tokens"].message
    assert "KjennetegnMTSSStressfraktur" in by["glued_text"].message
    assert "{{firstName}}" in by["placeholder"].message
    assert "'N02' is not an ICPC-2 code" in by["invalid_code"].message
    assert any("'M5.4' is not a well-formed ICD-10 code" in p.message for p in problems)
    assert "problems.jsonl:1" in by["duplicate"].message and "problems.jsonl:1" in by["near_duplicate"].message
    assert by["pii"].message == "personal data: FODSELSNUMMER x1, NAVN x2, TELEFON x1"
    assert by["pii"].severity == "warning" and by["truncated"].severity == "error"


@pytest.mark.parametrize("text,cut", [
    ("S: Smerter. P: Øvelser inkl", True), ("Øvelser for nakken, blant annet", False),
    ("Kontroll om en uke, og", True), ("Vi anbefaler øvelser,", True),
    # clinic shorthand ends without a period: not a cut (issue 17: this rule was wrong 12 of 12 times)
    ("S: Nakkesmerter.\nO: Redusert rotasjon.\nP: Kontroll om en uke og videre oppfølging hos fastlege", False),
    ("O: Fleksjon 160 gr, eksternrotasjon ua, internrotasjon ua", False),
    ("Hei!\nTakk for timen.\nVennlig hilsen klinikken", False), ("A: L83 Nakkesyndrom.", False),
    ("A: Skulderimpingement hø. Anbefaler øvelser og...", True), ("Gradvis økt gange er…", True),
    ("Videre plan er. . .", True),
    # structure: an empty last list item or section, a trailing colon, an unclosed bracket or quote
    ("Øvelser:\n1. Bekkenvipp 10 rep\n2. Bro 10 rep\n3.", True), ("S: Lx-smerter\nO: SLR neg\nA: L03\nP:", True),
    ("Plan videre:", True), ("Informert om prognose og kontroll (etter", True),
    ("Nakkesyndrom med «muskulær komponent og bedring", True),
    # words that end a sentence well: adverbs, pronouns, particles, a closed bracket, a list
    ("P: Øvelser, kontroll om to uker og ny vurdering da", False), ("Smertene har nå gått helt over", False),
    ("Han tåler belastningen bedre enn han gjorde før", False), ("Øvelsesark er sendt (se vedlegg)", False),
    ("Plan:\n1. Mobilisering thorakalt\n2. Øvelser for skulderblad\n3. Ny vurdering om 3 uker", False),
    ("Hjemmeøvelser:\n- Bekkenvipp, 10 rep\n- Kattekamel, 10 rep", False),
    ("Takk for meldingen.\n\nMed vennlig", True), ("Vurder henvisning til MR mtp", True),
    ("Husk øvelsene vi snakket om", False), ("Pasienten ble behandlet med", True),
    # a preposition after the subject of a main clause is left hanging; in a relative clause it is not
    ("Han har nedsatt kraft, og vi ber om", True), ("Det er dette vi ber om", False),
    # a sign-off cut inside "hilsen" or on its own line
    ("Takk for sist.\n\nMed vennlig hil", True), ("Takk for sist.\n\nVennl", True),
    ("Takk for sist.\n\nMed vennlig hilsen", False),
])
def test_truncation_rule(text, cut):
    assert (truncated(text) is not None) is cut


def test_a_cut_word_is_truncated_with_the_dictionary():
    from training.data.vocab import Vocabulary, dictionary_stems

    if not dictionary_stems():
        pytest.skip("hunspell-no is not installed (make system-deps)")
    vocab = Vocabulary.build([])
    assert truncated("P: Fortsett med hjemmeøvelsene og kom til kontroll for ny vurdering av øvels", vocab)
    assert truncated("P: Fortsett med hjemmeøvelsene og kom til kontroll, internrotasjon ua", vocab) is None
    # clinical words outside the dictionary are words too, so their start is a cut
    assert truncated("O: Spurling neg bilat, rot hø red, palp.øm suboc", vocab)
    assert truncated("A: Funnene kan være forenlig med lateral epikondylalg", vocab)
    assert truncated("A: Funnene kan være forenlig med lateral epikondylalgi", vocab) is None
    # after "å" only an infinitive: "behandl" is a word (the imperative), but not there
    assert truncated("Husk å behandl", vocab) and truncated("Husk å fortsette med øvelsene", vocab) is None
    # the start of a word whatever letter it ends in ("tra" of "trapper"), capitalised after a sentence
    # end; a capitalised word elsewhere is a name or a place, and a listed name is never a cut
    assert truncated("S: Smerter i hoften, verst ved gange i tra", vocab)
    assert truncated("Kontroll om tre dager. Anbe", vocab)
    assert truncated("Med vennlig hilsen\nKiropraktor\nRyggklinikken Bergen", vocab) is None
    assert truncated("Takk for i dag. Hilsen Kari", vocab) is None
    # a word that recurs mid-text in the records is a word, though no dictionary has it
    own = Vocabulary.build(["Trykkøm over facettleddene bilat", "O: trykkøm bilat, facettledd"])
    assert truncated("O: Palpasjon med trykkøm", own) is None


def test_cli_json_table_and_exit_policy(cli, tmp_path):
    args = ["data", "check", *[DATA / f for f in FILES]]
    r = cli(*args, "--json")
    assert r.code == 1, r.err
    rep = json.loads(r.out)
    assert rep["passed"] is False and rep["max_errors"] == 0 and rep["errors"] == 7 and rep["warnings"] == 18
    assert {t: [Path(loc["where"]).name for loc in v["locations"]] for t, v in rep["problems"].items()} == EXPECTED
    assert [f["format"] for f in rep["files"]] == ["prompt_response", "chatml", "prompt_completion", "dpo", "alpaca"]
    assert "15018610040" not in r.out and "Kari" not in r.out  # PII reported by type only
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text("[data]\nmax_errors = 7\n", "utf-8")
    r = cli(*args, "--config", cfg)
    assert r.code == 0, r.err
    assert "truncated" in r.out and "problems.jsonl:3" in r.out and "ok: 7 error(s), 18 warning(s)" in r.out
    bad = tmp_path / "bad.toml"
    bad.write_text("[data]\nwarnings = [\"no_such_problem\"]\n", "utf-8")
    r = cli(*args, "--config", bad)
    assert r.code == 2 and "no_such_problem" in r.err and "Traceback" not in r.err
    # warnings never fail: the clean files have only missing_system warnings
    r = cli("data", "check", DATA / "dpo.jsonl", DATA / "alpaca.json", DATA / "completion.jsonl")
    assert r.code == 0, (r.out, r.err)


def test_glue_and_copy_rules():
    from training.data.defects import cut_prompt_word, glued_text, prompt_copy, repair_glued

    # glued after a bracket or quote, and before a one-letter section label; repaired where a period is
    for text in ("Smerten er redusert (NRS 3).Neste time om to uker.", "O: Lasègue negativ bilateralt.A: L84.",
                 "S: Korsryggsmerter, ingen utstrålingO: Palpasjonsøm L5.", "Bruk f.eks.Hun kan"):
        assert glued_text(text), text
    assert repair_glued("redusert (NRS 3).Neste time") == "redusert (NRS 3). Neste time"
    assert repair_glued("bilateralt.A: L84") == "bilateralt. A: L84"
    # decimals, times, URLs, e-mail addresses and a label after a space are not glued
    for text in ("Dosering 2.5 mg.", "Timen er kl.14.", "Se www.klinikken.no.", "E-post: post@klinikk.no",
                 "Vitamin D: normal.", "Type A: stabil."):
        assert glued_text(text) is None, text
    # an answer that lays the prompt out as label: value lines is no copy; the same text is
    prompt = "Lag oversikt over testfunn: Spurling negativ, Jackson negativ, distraksjon lindrer."
    assert prompt_copy(prompt, "Spurling: negativ\nJackson: negativ\nDistraksjon: lindrer") is None
    assert prompt_copy(prompt, prompt + "\n")
    # the answer stops inside a word of its prompt (even where the start is a word: "nat");
    # not an inflection ("kne" of "kneet") nor a compound's first part ("varus" of "varusstress")
    assert cut_prompt_word("verst om natten", "S: Smerter, verst om nat")
    assert cut_prompt_word("hoven i kneet", "O: Hevelse i kne") is None
    assert cut_prompt_word("stabilt ved valgus- og varusstress", "stabil ved valgus og varus") is None
