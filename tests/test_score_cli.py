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
    r = cli("score", write(tmp_path, RECORDS))
    assert r.code == 0, r.err
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
    assert len(out.read_text().splitlines()) == 3 and PHONE in out.read_text()
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
    ({"id": "x", "prompt": "p", "output": "o", "doc_type": "novel"}, ":2: field 'doc_type': unknown doc type"),
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
