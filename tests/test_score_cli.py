"""``chirogate score`` through the real CLI: the JSONL contract, --out, bad input, masking."""

from __future__ import annotations

import json

import pytest

from helpers import assert_clean_error

pytest.importorskip("gate.pii", reason="gate.pii (data stage) not installed")
pytest.importorskip("gate.clinical.icpc2", reason="gate.clinical (data stage) not installed")

PHONE = "412 34 567"
RECORDS = [
    {"id": "soap-1", "doc_type": "soap", "model": "ignored",
     "prompt": "Mann 38 år, korsryggsmerter i 3 uker. Lasègue negativ bilateralt. Ingen utstråling.",
     "output": "S: Korsryggsmerter i 3 uker, ingen utstråling.\nO: Lasègue negativ bilateralt.\n"
               "A: L84 Ryggsyndrom uten utstråling.\nP: Kontroll om 2 uker.",
     "reference": "S: Korsryggsmerter i tre uker uten utstråling.\nO: Lasègue negativ bilateralt.\n"
                  "A: L84 Ryggsyndrom uten utstråling.\nP: Kontroll om 2 uker."},
    {"id": "soap-2", "doc_type": "soap",
     "prompt": "Mann 38 år, korsryggsmerter i 3 uker. Lasègue negativ bilateralt. Ingen utstråling.",
     "output": "S: Korsryggsmerter i 4 uker med utstråling.\nO: Lasègue positiv høyre.\nA: N95 Tensjonshodepine.\n"
               "P: Kontroll om 2 uker."},
    {"id": 3, "doc_type": "message", "prompt": "Kan jeg flytte timen på torsdag kl. 14:30?",
     "output": f"Hei! Timen er flyttet. Ring oss på {PHONE} om noe er uklart. Eg ser fram til å sjå deg."},
]


def write(tmp_path, rows, name="in.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                 encoding="utf-8")
    return p


def test_contract_on_stdout(cli, tmp_path):
    r = cli("score", write(tmp_path, RECORDS), "--show-pii")
    assert r.code == 0, r.err
    assert "--show-pii" in r.err and "clear text" in r.err
    rows = [json.loads(line) for line in r.out.splitlines()]
    assert [x["id"] for x in rows] == ["soap-1", "soap-2", "3"]
    for x in rows:
        assert set(x) == {"id", "rouge_l", "hallucination", "pii", "terminology"}
        assert set(x["hallucination"]) == {"flagged", "findings", "inferences"} and set(x["pii"]) == {"flagged", "entities"}
        assert set(x["terminology"]) == {"flagged", "problems"}
    good, bad, msg = rows
    assert 0.6 < good["rouge_l"] <= 1.0 and bad["rouge_l"] is None and msg["rouge_l"] is None
    assert not good["hallucination"]["flagged"] and not good["pii"]["flagged"] and not good["terminology"]["flagged"]
    assert bad["hallucination"]["flagged"]
    assert {f["type"] for f in bad["hallucination"]["findings"]} >= {"number", "test", "symptom"}
    assert ("code_chapter", "N95") in {(p["type"], p["text"]) for p in bad["terminology"]["problems"]}
    leak = msg["pii"]["entities"]
    assert msg["pii"]["flagged"] and any(e["type"] == "TELEFON" and e["text"] == PHONE for e in leak)
    for e in leak:
        assert RECORDS[2]["output"][e["start"]:e["end"]] == e["text"]
    assert msg["terminology"]["flagged"] and {"nynorsk"} <= {p["type"] for p in msg["terminology"]["problems"]}
    assert not msg["hallucination"]["flagged"]


def test_out_file_and_masked_summary(tmp_path):
    # In-process (click's runner) so the Presidio engine is built once per test session, not per call.
    from click.testing import CliRunner

    from gate.cli import cli as chirogate

    out = tmp_path / "res" / "scores.jsonl"
    inp = write(tmp_path, RECORDS)
    r = CliRunner().invoke(chirogate, ["score", str(inp), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert len(out.read_text().splitlines()) == 3 and PHONE not in out.read_text()
    leak = json.loads(out.read_text().splitlines()[2])["pii"]["entities"]
    assert [(e["type"], e["text"]) for e in leak if e["type"] == "TELEFON"] == [("TELEFON", "4** ** ***")]
    assert PHONE not in r.output and "412" not in r.output
    assert "hallucination rate" in r.output
    j = CliRunner().invoke(chirogate, ["score", str(inp), "--out", str(out), "--json"])
    summary = json.loads(j.stdout)
    assert summary["cases"] == 3 and summary["hallucination_rate"] == pytest.approx(1 / 3)
    assert summary["pii_flagged_cases"] == 1 and summary["terminology_pass_rate"] == pytest.approx(1 / 3)
    assert PHONE not in j.output
    assert [p.name for p in out.parent.iterdir()] == ["scores.jsonl"]  # no temp file left behind


@pytest.mark.parametrize("line,fragment", [
    ("{not json", ":2: invalid JSON"),
    ({"id": "x", "prompt": "p"}, ":2: field 'output': missing"),
    ({"id": "x", "prompt": 5, "output": "o"}, ":2: field 'prompt': expected a string"),
    ({"id": "x", "prompt": "p", "output": "o", "house_style": "riksmal"}, ":2: field 'house_style': expected"),
    ({"id": "soap-1", "prompt": "p", "output": "o"}, ":2: field 'id': duplicate id (first on line 1)"),
    ({"id": "", "prompt": "p", "output": "o"}, ":2: field 'id'"),
    ("[1, 2]", ":2: expected a JSON object"),
])
def test_bad_lines_exit_2_and_leave_out_untouched(cli, tmp_path, line, fragment):
    out = tmp_path / "scores.jsonl"
    out.write_text("previous\n")
    p = write(tmp_path, [RECORDS[0], line])
    r = cli("score", p, "--out", out)
    assert_clean_error(r, f"{p}{fragment}")
    assert out.read_text() == "previous\n"


def test_missing_file(cli, tmp_path):
    assert_clean_error(cli("score", tmp_path / "nope.jsonl"), "nope.jsonl: file does not exist")


def test_clinic_document_types_and_masking_of_problem_texts(tmp_path):
    from click.testing import CliRunner

    from gate.cli import cli as chirogate

    msg = {"prompt": "Svar pasient om time.", "output": "Hei! Timen din er tirsdag kl. 14. Vennlig hilsen Klinikken"}
    rows = [dict(msg, id="a", doc_type="communication"), dict(msg, id="b", doc_type="quick_fields"),
            dict(msg, id="c", doc_type="novel"), dict(msg, id="d", doc_type="novel"), dict(msg, id="e", doc_type="intake"),
            dict(msg, id="f", doc_type="soap")]
    config = tmp_path / "chirogate.toml"
    config.write_text('[suites]\ndoc_types = { intake = "message" }\n', encoding="utf-8")
    r = CliRunner().invoke(chirogate, ["score", str(write(tmp_path, rows)), "--config", str(config)])
    assert r.exit_code == 0, r.output
    # one warning for the unknown name, naming file, line and field; known and configured names are quiet
    assert r.stderr.count("warning:") == 1 and "in.jsonl:3: field 'doc_type': unknown document type 'novel'" in r.stderr
    out = {x["id"]: x for x in map(json.loads, r.stdout.splitlines())}
    assert not out["a"]["terminology"]["flagged"] and not out["c"]["terminology"]["flagged"]
    # the type-independent checks ran; only the mapped soap case needs S/O/A/P sections
    assert [p["type"] for p in out["f"]["terminology"]["problems"]] == ["missing_section"] * 4
    bad = tmp_path / "bad.toml"
    bad.write_text('[suites]\ndoc_types = { intake = "memo" }\n', encoding="utf-8")
    r = CliRunner().invoke(chirogate, ["score", str(write(tmp_path, rows)), "--config", str(bad)])
    # a ConfigError naming file, line and field (the CLI's main() prints it as one line, exit 2)
    from gate.errors import ConfigError

    assert isinstance(r.exception, ConfigError) and "bad.toml:1" in str(r.exception) and "'memo'" in str(r.exception)

    # a name inside a problem text is masked unless --show-pii
    name = {"id": "n", "prompt": "Skriv brev.", "doc_type": "message",
            "output": "Hei Ola Nordmann! The patient was advised to rest at home today."}
    r = CliRunner().invoke(chirogate, ["score", str(write(tmp_path, [name], "n.jsonl"))])
    assert r.exit_code == 0 and "Nordmann" not in r.stdout, r.stdout
    r = CliRunner().invoke(chirogate, ["score", str(write(tmp_path, [name], "n.jsonl")), "--show-pii"])
    assert "Nordmann" in r.stdout
