"""Issue 14: shorthand inputs, paraphrased outputs, and the severity of every finding."""

from __future__ import annotations

from gate.cases import Case
from gate.facts import check_output, failing
from gate.scorers.hallucination import HallucinationConfig, hallucination

SHORT = ("M 44, lx-smerter hø 3 d etter løft. Ingen utstr., ingen nummenhet. us.: palp.øm L5 hø, SLR neg bilat., "
         "fleks redusert. Bruker Ibux 400 mg x 3. Beh: HVLA lx, bvb. Kontr. 1 u.")
CLEAN = ("S: Mann, 44 år, med smerter i høyre side av korsryggen i tre dager etter et løft. Benekter utstråling og "
         "nummenhet. Tar ibuprofen 400 mg tre ganger daglig.\nO: Palpasjonsømhet ved L5 på høyre side. Lasègues test "
         "negativ bilateralt. Redusert fleksjon.\nA: Akutte mekaniske korsryggsmerter.\nP: HVLA-manipulasjon av "
         "lumbalcolumna og bløtvevsbehandling. Kontroll om én uke.")


def by_severity(prompt: str, output: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in check_output(prompt, output):
        assert output[f.start:f.end] == f.text  # offsets point into the original output
        out.setdefault(f.severity, []).append(f.text)
    return out


def test_shorthand_input_supports_its_written_out_paraphrase():
    assert check_output(SHORT, CLEAN) == []


def test_contradictions_and_inventions_point_at_the_planted_span():
    out = CLEAN.replace("på høyre side", "på venstre side").replace(
        "Kontroll om én uke.", "Voltaren 50 mg x 3. Kontroll om to uker.")
    got = by_severity(SHORT, out)
    assert any("venstre" in t for t in got["contradiction"])  # side word inside the finding
    assert "to uker" in got["contradiction"]  # follow-up interval: input says one week
    assert "Voltaren" in got["invented"]


def test_hedged_or_read_off_diagnosis_is_an_inference_and_does_not_fail():
    prompt = "K 61, hø skulder smerter 2 mnd ved abd. Hawkins pos hø, Jobe neg. Ingen traume."
    hedged = "S: Smerter i høyre skulder i to måneder.\nO: Positiv Hawkins-Kennedy høyre, negativ Jobe.\n" \
             "A: Funnene kan være forenlig med subakromialt smertesyndrom."
    found = check_output(prompt, hedged)
    assert [f.severity for f in found] == ["inference"] and failing(found) == []
    assert failing(found, fail_on_inference=True) == found
    invented = hedged.replace("Funnene kan være forenlig med subakromialt smertesyndrom", "Rotatorcuffruptur")
    assert [f.severity for f in failing(check_output(prompt, invented))] == ["invented"]


def test_history_year_and_gathered_denials():
    prompt = "M 63, tidl. prolapsop. L4-L5 2012. Ingen feber, vekttap eller nattsmerter."
    ok = "Tidligere operert for prolaps L4–L5 i 2012. Benekter feber, vekttap og nattsmerter."
    assert check_output(prompt, ok) == []
    changed = by_severity(prompt, ok.replace("2012", "2016").replace("Benekter feber, ", "Har feber. Benekter "))
    assert "2016" in changed["contradiction"] and "feber" in changed["contradiction"]
    assert "hjerteinfarkt" in by_severity(prompt, ok + " Tidligere hjerteinfarkt.")["invented"]


def test_plan_proposed_for_findings_only_input_is_an_inference_but_invented_against_a_plan():
    findings_only = "Mann 30 år, vondt i nakken etter lang kjøretur. Nedsatt rotasjon bilateralt."
    note = "S: Nakkesmerter etter kjøretur.\nO: Redusert rotasjon til begge sider.\nP: Mobilisering. Kontroll om 1 uke."
    assert {f.severity for f in check_output(findings_only, note)} == {"inference"}
    with_plan = findings_only + " Plan: råd om pauser, ny time ved behov."
    assert {f.severity for f in check_output(with_plan, note)} == {"invented"}


def test_scorer_counts_inferences_and_config_makes_them_fail():
    prompt = "Kvinne 40 år med nakkesmerter og hodepine i to uker."
    out = "S: Nakkesmerter og hodepine i to uker.\nA: Mulig cervikogen hodepine."
    case = Case("c", ({"role": "user", "content": prompt},))
    s = hallucination()(case, out)
    assert s.passed and s.details["inferences"] == 1 and s.details["findings"][0]["severity"] == "inference"
    strict = hallucination(fail_on_inference=HallucinationConfig(fail_on_inference=True).fail_on_inference)
    assert strict(case, out).passed is False and strict(case, out).explanation.startswith("inference:")


def test_hallucination_config_section_is_validated(tmp_path):
    import pytest

    from gate.config import load_config
    from registry.errors import ChirogateError

    good = tmp_path / "good.toml"
    good.write_text("[hallucination]\nfail_on_inference = true\n", "utf-8")
    assert load_config(good).section("hallucination", HallucinationConfig).fail_on_inference is True
    bad = tmp_path / "bad.toml"
    bad.write_text("[hallucination]\nfail_on_inference = \"yes\"\n", "utf-8")
    with pytest.raises(ChirogateError, match=r"bad.toml:2.*fail_on_inference"):
        load_config(bad).section("hallucination", HallucinationConfig)


def test_abstention_section_read_in_the_expanded_text():
    # "pas." is written out before comparing; the O section must still be read where it is
    out = "S: Pas. har vondt i nakken, beh. avtalt.\nO: Ikke undersøkt i dag.\nP: Ny time."
    assert check_output("Pasienten ringer om nakkesmerter, ny time avtalt.", out, abstention=True) == []


def test_diagnosis_qualifier_and_a_clean_history_are_facts():
    two_weeks = "Mann 40 år, korsryggsmerter i 2 uker."
    assert by_severity(two_weeks, "Mann, 40 år, med kroniske korsryggsmerter.")["contradiction"] == ["kroniske"]
    assert check_output(two_weeks, "Mann, 40 år, med akutte korsryggsmerter gjennom to uker.") == []
    invented = by_severity(two_weeks, "Mann, 40 år, med korsryggsmerter i to uker. Ellers frisk, ingen faste medisiner.")
    assert invented["invented"] == ["Ellers frisk", "faste medisiner"]
