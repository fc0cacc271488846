"""Bad paths and files as a user passes them: one line, exit 2, naming the path; one BOM rule."""

from __future__ import annotations

import json
import os

import pytest
from helpers import assert_clean_error

from registry import Registry

ROOT_USER = os.geteuid() == 0  # root reads chmod-000 files and writes read-only ones


@pytest.fixture
def loop(tmp_path):
    a, b = tmp_path / "loop-a", tmp_path / "loop-b"
    a.symlink_to(b)
    b.symlink_to(a)
    return a


def test_symlink_loops_are_one_line_errors(cli, tmp_path, loop):
    assert_clean_error(cli("score", loop), str(loop))
    assert_clean_error(cli("generate", "m", "--cases", loop), str(loop))
    assert_clean_error(cli("registry", "alias", "set", "f", "staging", "m", "--config", loop), str(loop))
    assert_clean_error(cli("registry", "register", "m", "--family", "f", "--kind", "baseline", "--base", "b",
                           "--artifact", f"gguf={loop}"), str(loop))
    assert_clean_error(cli("registry", "register", "m", "--family", "f", "--kind", "baseline", "--base", "b",
                           "--system-prompt-file", loop), str(loop))
    with Registry() as reg:
        assert not reg.list_models()


def test_a_folder_holding_a_symlink_loop_is_a_clean_error(cli, tmp_path):
    d = tmp_path / "adapter"
    d.mkdir()
    (d / "weights.bin").write_bytes(b"\x00" * 8)
    (d / "x").symlink_to(d / "y")
    (d / "y").symlink_to(d / "x")
    r = cli("registry", "register", "m", "--family", "f", "--kind", "candidate", "--base", "b",
            "--artifact", f"adapter={d}")
    assert_clean_error(r, str(d))


@pytest.mark.skipif(ROOT_USER, reason="root reads chmod-000 files")
def test_unreadable_files_are_one_line_errors(cli, tmp_path):
    f = tmp_path / "secret.jsonl"
    f.write_text('{"id": 1, "prompt": "p", "output": "o"}\n')
    f.chmod(0)
    try:
        assert_clean_error(cli("score", f), str(f), "cannot read")
        assert_clean_error(cli("registry", "register", "m", "--family", "f", "--kind", "baseline", "--base", "b",
                               "--artifact", f"gguf={f}"), str(f))
    finally:
        f.chmod(0o600)


def test_a_non_gguf_file_is_refused_as_a_gguf_artifact(cli, tmp_path):
    z = tmp_path / "model.gguf"
    z.write_bytes(b"PK\x03\x04 actually a zip")
    r = cli("registry", "register", "m", "--family", "f", "--kind", "candidate", "--base", "b",
            "--artifact", f"gguf={z}")
    assert_clean_error(r, str(z), "not a GGUF file")
    with Registry() as reg:
        assert not reg.list_models() and not reg.artifacts()


def test_score_on_an_empty_file_is_an_error(cli, tmp_path):
    f = tmp_path / "empty.jsonl"
    f.write_text("\n")
    assert_clean_error(cli("score", f), str(f), "no records")


def test_one_bom_rule_everywhere(cli, tmp_path):
    # A leading UTF-8 BOM (as Windows editors write it) is accepted and dropped by every reader.
    bom = "\ufeff"
    scores = tmp_path / "outputs.jsonl"
    scores.write_text(bom + json.dumps({"id": "a", "prompt": "Hodepine?", "output": "Spenningshodepine, N02."}) + "\n",
                      "utf-8")
    r = cli("score", scores)
    assert r.code == 0, r.err
    assert json.loads(r.out.splitlines()[0])["id"] == "a"
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text(bom + '[policy]\nprotected_aliases = ["production"]\n', "utf-8")
    prompt = tmp_path / "system.txt"
    prompt.write_text(bom + "Du er en klinisk assistent.", "utf-8")
    r = cli("registry", "register", "m", "--family", "f", "--kind", "baseline", "--base", "b",
            "--system-prompt-file", prompt)
    assert r.code == 0, r.err
    assert cli("registry", "alias", "set", "f", "staging", "m", "--config", cfg).code == 0
    with Registry() as reg:
        assert reg.get_model("m").system_prompt == "Du er en klinisk assistent."
    cases = tmp_path / "cases.jsonl"
    cases.write_text(bom + json.dumps({"id": "c1", "messages": [{"role": "user", "content": "Hei"}]}) + "\n", "utf-8")
    from gate.generation import load_cases

    assert [c.id for c in load_cases(cases)] == ["c1"]
    # Other bytes that are not UTF-8 stay refused, naming the file and line.
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "a"}\n\xff\xfe\n')
    assert_clean_error(cli("score", bad), f"{bad}:2", "not UTF-8")


def test_a_missing_gguf_at_session_end_still_names_the_evaluated_bytes(tmp_path):
    # The session names the bytes it evaluated by where the backend loaded them from; a GGUF object
    # deleted meanwhile no longer turns the end of the session into a traceback (and no eval run).
    from gate.config import Config
    from gate.session import GateSession
    from test_compare_support import make_models

    with Registry() as reg:
        make_models(reg, tmp_path)
        art = reg.latest_artifact("chiro-no-v2", "gguf")
        s = GateSession(reg, reg.get_model("chiro-no-v2"), backend_kind="llamacpp", config=Config(), cases=[],
                        cases_source="file")
        assert s.backend.gguf_path == reg.store.object_path(art.sha256)
        reg.store.object_path(art.sha256).unlink()
        assert s.evaluated_artifact() == art.sha256
