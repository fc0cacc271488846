"""Bad paths and files as a user passes them: one line, exit 2, naming the path; one BOM rule."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys

import pytest
from conftest import CliResult
from helpers import assert_clean_error

from registry import Registry
from registry.datasets import list_datasets

ROOT_USER = os.geteuid() == 0  # root reads chmod-000 files and writes read-only ones (see cli_bound)


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


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _drop_permission_bypass() -> None:
    """In the child before exec: drop the two capabilities through which root ignores file modes
    from its bounding set, so the CLI it runs is refused what a plain user is refused. It stays
    root otherwise: the interpreter (under /root here) and the registry stay reachable."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture
def cli_bound(tmp_path):
    """``chirogate ARGS`` as a subprocess that file permissions bind, also when the tests run as root."""
    preexec = None
    if ROOT_USER:
        preexec = _drop_permission_bypass
        probe = tmp_path / "probe"
        probe.write_text("x")
        probe.chmod(0)
        try:
            bound = subprocess.run(["cat", str(probe)], preexec_fn=preexec, capture_output=True).returncode != 0
        except (OSError, subprocess.SubprocessError):
            bound = False
        probe.unlink()
        if not bound:
            pytest.skip("root here cannot drop CAP_DAC_OVERRIDE (no CAP_SETPCAP): file modes do not bind it")

    def run(*args) -> CliResult:
        p = subprocess.run([sys.executable, "-m", "gate", *map(str, args)], capture_output=True, text=True,
                           cwd=tmp_path, env=dict(os.environ), preexec_fn=preexec, timeout=600)
        return CliResult(p.returncode, p.stdout, p.stderr)

    return run


def assert_one_line(result, path, *reasons: str) -> None:
    """A clean error naming ``path``, on one line, giving one of ``reasons``."""
    assert_clean_error(result, str(path))
    lines = [ln for ln in result.err.splitlines() if ln.strip()]
    assert len(lines) == 1, result.err
    assert any(r in lines[0] for r in reasons), result.err


UNREADABLE = ("not readable", "cannot read", "Permission denied")


def test_unreadable_files_are_one_line_errors(cli_bound, tmp_path):
    f = tmp_path / "secret.jsonl"
    f.write_text('{"id": 1, "prompt": "p", "output": "o"}\n')
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text("[policy]\n")
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF" + b"\x00" * 16)
    for p in (f, cfg, gguf):
        p.chmod(0)
    try:
        assert_one_line(cli_bound("score", f), f, *UNREADABLE)
        assert_one_line(cli_bound("generate", "m", "--cases", f), f, *UNREADABLE)
        assert_one_line(cli_bound("data", "check", f), f, *UNREADABLE)
        assert_one_line(cli_bound("data", "prepare", f, "--out", tmp_path / "ds"), f, *UNREADABLE)
        assert_one_line(cli_bound("review", "import", f), f, *UNREADABLE)
        assert_one_line(cli_bound("registry", "alias", "set", "f", "staging", "m", "--config", cfg), cfg, *UNREADABLE)
        base = ("registry", "register", "m", "--family", "f", "--kind", "baseline", "--base", "b")
        assert_one_line(cli_bound(*base, "--artifact", f"gguf={gguf}"), gguf, *UNREADABLE)
        assert_one_line(cli_bound(*base, "--system-prompt-file", f), f, *UNREADABLE)
    finally:
        for p in (f, cfg, gguf):
            p.chmod(0o600)
    assert not (tmp_path / "ds").exists()
    with Registry() as reg:
        assert not reg.list_models() and not reg.artifacts()


def test_unreadable_folders_are_one_line_errors(cli_bound, tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "train.jsonl").write_text("{}\n")
    half = tmp_path / "adapter"
    (half / "sub").mkdir(parents=True)
    (half / "a.bin").write_bytes(b"\x00")
    (half / "sub" / "b.bin").write_bytes(b"\x01")
    raw = tmp_path / "raw.jsonl"
    raw.write_text('{"prompt": "Hodepine i to uker?", "response": "Spenningshodepine."}\n')
    closed.chmod(0)
    (half / "sub").chmod(0)
    try:
        cand = ("registry", "register", "m", "--family", "f", "--kind", "candidate", "--base", "b")
        assert_one_line(cli_bound(*cand, "--artifact", f"adapter={closed}"), closed, *UNREADABLE)
        # a folder we may not list must not pass as an empty one, nor be left out of the artifact
        assert_one_line(cli_bound(*cand, "--artifact", f"adapter={half}"), half / "sub", *UNREADABLE)
        assert_one_line(cli_bound("train", "--base", "b", "--dataset", closed, "--name", "x-v1"), closed,
                        *UNREADABLE)
        assert_one_line(cli_bound("data", "prepare", raw, "--out", closed / "ds"), closed / "ds", *UNREADABLE)
    finally:
        closed.chmod(0o700)
        (half / "sub").chmod(0o700)
    assert not (closed / "ds").exists()
    with Registry() as reg:
        assert not reg.list_models() and not list_datasets(reg)


def test_a_read_only_registry_is_a_one_line_error_and_stays_as_it_was(cli, cli_bound, tmp_path, chirogate_home):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF" + b"\x00" * 16)
    reg_args = ("registry", "register", "m1", "--family", "f", "--kind", "baseline", "--base", "b",
                "--artifact", f"gguf={gguf}")
    assert cli(*reg_args).code == 0
    db = chirogate_home / "registry.db"
    before = json.loads(cli("registry", "list", "--json").out)
    db.chmod(0o444)  # the database file read-only, its folder writable
    try:
        assert_one_line(cli_bound(*reg_args[:2], "m2", *reg_args[3:]), db, "read-only")
        assert_one_line(cli_bound("registry", "alias", "set", "f", "staging", "m1"), db, "read-only")
        assert cli_bound("registry", "list").code == 0  # reading still works
    finally:
        db.chmod(0o644)
    chirogate_home.chmod(0o555)  # the whole home read-only
    try:
        assert_one_line(cli_bound(*reg_args[:2], "m2", *reg_args[3:]), chirogate_home, "not writable")
    finally:
        chirogate_home.chmod(0o755)
    assert json.loads(cli("registry", "list", "--json").out) == before
    with Registry() as reg:
        assert reg.aliases() == [] and [e.action for e in reg.events()].count("model.register") == 1


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
