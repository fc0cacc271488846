"""Reading raw training files: every format, per-file detection, and bad input as a clean error (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import assert_clean_error

from registry.errors import InputError
from training.data.formats import read_file

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name,fmt,n", [("problems.jsonl", "prompt_response", 14), ("completion.jsonl", "prompt_completion", 2),
                                        ("chatml.jsonl", "chatml", 4), ("dpo.jsonl", "dpo", 2), ("alpaca.json", "alpaca", 2)])
def test_each_format_is_detected_and_converted(name, fmt, n):
    got, recs, invalid = read_file(DATA / name)
    assert got == fmt and len(recs) == n and invalid == []
    for r in recs:
        assert [m["role"] for m in r.messages if m["role"] != "system"][:1] in (["user"], ["assistant"])


def test_conversions_keep_content_and_metadata():
    _, recs, _ = read_file(DATA / "dpo.jsonl")
    assert recs[0].messages == [{"role": "user", "content": "Skriv vurdering for spenningshodepine hos en kvinne på 40 år."},
                                {"role": "assistant", "content": recs[0].content("assistant")}]
    assert recs[0].content("assistant").startswith("A: N95")  # the chosen answer, not the rejected one
    assert [m["role"] for m in recs[1].messages] == ["system", "user", "assistant"]
    _, alp, _ = read_file(DATA / "alpaca.json")
    assert alp[0].line == 2 and alp[1].line == 9  # line where each array element starts
    assert alp[0].content("user").startswith("Skriv et SOAP-notat.\n\nKorsryggsmerter")
    assert alp[1].content("user") == "Skriv en kort melding til pasienten om øvelser."  # empty input dropped
    _, comp, _ = read_file(DATA / "completion.jsonl")
    assert comp[0].meta["template"] is True and comp[0].meta["doc_type"] == "message"


def test_dpo_in_every_shape_keeps_chosen_and_rejected(tmp_path):
    f = tmp_path / "dpo.jsonl"
    rows = [{"prompt": "Råd ved nakkesleng", "chosen": "Hold nakken i bevegelse.", "rejected": "Bruk halskrage."},
            {"messages": [{"role": "system", "content": "Du er en assistent."},
                          {"role": "user", "content": "Skriv P for skulder"}],
             "chosen": [{"role": "assistant", "content": "P: Øvelser med strikk."}],
             "rejected": [{"role": "assistant", "content": "P: Hvile."}]}]
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    fmt, recs, _ = read_file(f)
    assert fmt == "dpo"  # {messages, chosen, rejected} is a preference pair, not ChatML with missing roles
    assert [r.rejected for r in recs] == ["Bruk halskrage.", "P: Hvile."]
    assert [m["role"] for m in recs[1].messages] == ["system", "user", "assistant"]
    assert recs[1].content("assistant") == "P: Øvelser med strikk." and "rejected" not in recs[1].meta


def test_one_file_may_mix_formats():
    fmt, recs, _ = read_file(DATA / "mixed.jsonl")
    assert fmt == "mixed (prompt_response, chatml)" and [r.format for r in recs] == ["prompt_response", "chatml"]


def test_a_record_may_carry_its_own_system_prompt(tmp_path):
    f = tmp_path / "sys.jsonl"
    f.write_text('{"prompt": "Skriv et notat.", "response": "S: ok", "system": "Du er en assistent."}\n'
                 '{"prompt": "Skriv et brev.", "response": "Til fastlegen", "system": ""}\n', "utf-8")
    fmt, recs, _ = read_file(f)
    assert fmt == "prompt_response"
    assert recs[0].messages[0] == {"role": "system", "content": "Du er en assistent."}
    assert [m["role"] for m in recs[0].messages] == ["system", "user", "assistant"]
    assert [m["role"] for m in recs[1].messages] == ["user", "assistant"]  # empty: prepare picks one
    f.write_text('{"prompt": "Skriv et notat.", "response": "S: ok", "system": 3}\n', "utf-8")
    with pytest.raises(InputError, match=r"sys.jsonl:1: field 'system'.*expected a string"):
        read_file(f)


def test_skip_invalid_returns_bad_lines_instead_of_raising():
    with pytest.raises(InputError, match=r"bad_type.jsonl:2: field 'response'"):
        read_file(DATA / "bad_type.jsonl")
    fmt, recs, invalid = read_file(DATA / "bad_type.jsonl", skip_invalid=True)
    assert fmt == "prompt_response" and len(recs) == 1
    assert [(i.line, i.field) for i in invalid] == [(2, "response")]


@pytest.mark.parametrize("name,fragments", [
    ("bad_json.jsonl", ["bad_json.jsonl:2", "invalid JSON"]),
    ("bad_type.jsonl", ["bad_type.jsonl:2", "field 'response'", "expected a string"]),
    ("unknown.jsonl", ["unknown.jsonl:1", "unknown format"]),
    ("empty.jsonl", ["empty.jsonl", "empty file"]),
    ("latin1.jsonl", ["latin1.jsonl:2", "not UTF-8"]),
])
def test_bad_input_is_a_clean_error(cli, name, fragments):
    r = cli("data", "check", DATA / name)
    assert_clean_error(r, *fragments)


def test_prepare_rejects_bad_input_and_writes_nothing(cli, tmp_path):
    r = cli("data", "prepare", DATA / "alpaca.json", DATA / "bad_type.jsonl", "--out", tmp_path / "ds")
    assert_clean_error(r, "bad_type.jsonl:2", "field 'response'")
    assert not (tmp_path / "ds").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".ds")]
