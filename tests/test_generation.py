"""The generation runner and cache: keys, warm re-runs that never touch the model, a run killed with
SIGKILL and resumed with nothing lost or duplicated, case files and the generate CLI."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from gate.backends import get_backend
from gate.backends.base import DecodingParams
from gate.cases import Case
from gate.errors import InputError
from gate.generation import load_cases, run_generations
from registry import Registry, hash_value
from registry import generations as cache

from helpers import assert_clean_error

pytest_plugins = ["ollama_fixture"]

PARAMS = DecodingParams(max_tokens=12)


def _cases(n: int) -> list[Case]:
    return [Case(id=f"case-{i:03d}", messages=({"role": "user", "content": f"Journalnotat {i}: vondt i nakken."},))
            for i in range(n)]


def test_cache_key_is_the_hash_of_digest_backend_messages_and_params(tiny_models):
    reg = tiny_models.reg
    backend = get_backend("llamacpp", tiny_models.baseline, reg)
    case = Case(id="k", messages=({"role": "user", "content": "Hei"},), max_tokens=5)
    run_generations(reg, backend, [case], PARAMS, progress=False)
    seen = [{"role": "system", "content": tiny_models.baseline.system_prompt}, {"role": "user", "content": "Hei"}]
    key = hash_value([backend.digest, "llamacpp", seen, DecodingParams(max_tokens=5)])
    row = cache.get(reg, key)
    assert row is not None and row.case_id == "k" and row.messages == seen
    assert row.params["max_tokens"] == 5 and row.completion_tokens <= 5
    assert [e.payload["key"] for e in reg.events(action="generation.add")] == [key]
    backend.close()


def test_warm_rerun_does_not_load_the_model(tiny_models):
    reg = tiny_models.reg
    cases = _cases(5)
    cold = run_generations(reg, get_backend("llamacpp", tiny_models.candidate, reg), cases, PARAMS, progress=False)
    fresh = get_backend("llamacpp", tiny_models.candidate, reg)
    warm = run_generations(reg, fresh, cases, PARAMS, progress=False)
    assert fresh._llm is None and fresh.load_s is None  # never loaded, let alone asked
    assert {k: g.text for k, g in warm.items()} == {k: g.text for k, g in cold.items()}
    assert all(g.meta["cached"] for g in warm.values())
    # Different decoding params are a different request: generated again, not served stale.
    other = run_generations(reg, fresh, cases[:1], DecodingParams(max_tokens=3), progress=False)
    assert not other["case-000"].meta.get("cached") and other["case-000"].completion_tokens <= 3
    assert cache.count(reg) == 6


def test_concurrency_with_an_in_process_backend_caches_each_answer_once(tiny_models):
    reg = tiny_models.reg
    backend = get_backend("llamacpp", tiny_models.candidate, reg)
    out = run_generations(reg, backend, _cases(6), PARAMS, concurrency=3, progress=False)
    assert list(out) == [c.id for c in _cases(6)]
    assert cache.count(reg, backend.digest, "llamacpp") == 6
    assert len(reg.events(action="generation.add")) == 6
    # A second writer racing on the same key changes nothing.
    row = cache.get(reg, cache.cache_key(backend.digest, "llamacpp", backend.prepare_messages(
        _cases(1)[0].messages), PARAMS))
    assert not cache.put(reg, key=row.key, model_digest=row.model_digest, backend=row.backend, case_id="dup",
                         messages=row.messages, params=row.params, text="other", ttft_s=None, total_s=None,
                         prompt_tokens=None, completion_tokens=None)
    assert cache.get(reg, row.key).text == row.text
    backend.close()


def test_duplicate_case_ids_are_refused(tiny_models):
    backend = get_backend("llamacpp", tiny_models.candidate, tiny_models.reg)
    with pytest.raises(InputError, match="case-000"):
        run_generations(tiny_models.reg, backend, _cases(1) * 2, PARAMS, progress=False)


def test_killed_run_resumes_with_nothing_lost_or_duplicated(tiny_models, fake_ollama, cli, tmp_path, chirogate_home):
    reg = tiny_models.reg
    fake_ollama.add_model("tiny-cand", reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0")))
    reg.set_ollama_name("tiny-cand", "tiny-cand")
    n = 24
    cases_file = tmp_path / "cases.jsonl"
    cases_file.write_text("".join(json.dumps({"id": c.id, "messages": list(c.messages)}) + "\n" for c in _cases(n)))
    fake_ollama.set_fault("slow", delay_s=0.1)  # each answer takes >= 0.1 s: the kill lands mid-run
    args = [sys.executable, "-m", "gate", "generate", "tiny-cand", "--cases", str(cases_file), "--backend", "ollama",
            "--max-tokens", "8", "--no-progress"]
    proc = subprocess.Popen(args, cwd=tmp_path, env=dict(os.environ), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    db = sqlite3.connect(chirogate_home / "registry.db", timeout=30)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        done = db.execute("SELECT count(*) FROM generations").fetchone()[0]
        if done >= 4:
            break
        time.sleep(0.02)
    assert proc.poll() is None, proc.stderr.read().decode()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    killed_at = db.execute("SELECT count(*) FROM generations").fetchone()[0]
    assert 4 <= killed_at < n
    fake_ollama.set_fault(None)
    resumed = cli("generate", "tiny-cand", "--cases", cases_file, "--backend", "ollama", "--max-tokens", "8", "--json")
    assert resumed.code == 0, resumed.err
    summary = json.loads(resumed.out)
    assert summary["cached"] == killed_at and summary["generated"] == n - killed_at
    rows = db.execute("SELECT case_id, count(*) FROM generations GROUP BY case_id").fetchall()
    assert len(rows) == n and all(c == 1 for _, c in rows)
    events = db.execute("SELECT count(*) FROM events WHERE action = 'generation.add'").fetchone()[0]
    assert events == n
    db.close()


def test_load_cases_reads_references_and_names_file_line_and_field(tmp_path):
    f = tmp_path / "cases.jsonl"
    f.write_text('{"id": "a", "messages": [{"role": "user", "content": "Hei"}, '
                 '{"role": "assistant", "content": "Svar"}], "severity": "high"}\n\n'
                 '{"id": "b", "kind": "abstention", "max_tokens": 7, "messages": [{"role": "user", "content": "x"}]}\n')
    a, b = load_cases(f)
    assert a.messages == ({"role": "user", "content": "Hei"},) and a.reference == "Svar"
    assert a.meta == {"severity": "high"} and b.kind == "abstention" and b.max_tokens == 7
    bad = {
        '{"id": "a", "messages": []}': ":1: field 'messages'",
        '{"id": "a", "messages": [{"role": "user", "content": "x"}]}\n{oops': ":2: invalid JSON",
        '{"messages": [{"role": "user", "content": "x"}]}': ":1: field 'id'",
        '{"id": "a", "messages": [{"role": "bot", "content": "x"}]}': "field 'messages[0]'",
        '{"id": "a", "max_tokens": 0, "messages": [{"role": "user", "content": "x"}]}': "field 'max_tokens'",
    }
    for text, where in bad.items():
        f.write_text(text + "\n")
        with pytest.raises(InputError) as info:
            load_cases(f)
        assert str(f) + where in str(info.value) or where in str(info.value), (text, str(info.value))


def test_cli_generate_writes_outputs_and_rerun_is_all_cached(tiny_models, cli, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "messages": [{"role": "user", "content": "Hei"}], "reference": "Hallo"}\n'
                     '{"id": "b", "messages": [{"role": "user", "content": "Nakke"}]}\n')
    out = tmp_path / "out" / "gen.jsonl"
    first = cli("generate", "tiny-cand", "--cases", cases, "--backend", "llamacpp", "--out", out,
                "--max-tokens", "6", "--no-progress")
    assert first.code == 0, first.err
    assert "2 generated, 0 from cache" in first.out
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"] and lines[0]["reference"] == "Hallo"
    assert lines[0]["prompt"] == "Hei" and isinstance(lines[0]["output"], str)
    again = cli("generate", "tiny-cand", "--cases", cases, "--backend", "llamacpp", "--max-tokens", "6", "--json")
    assert json.loads(again.out)["cached"] == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a"}\n')
    assert_clean_error(cli("generate", "tiny-cand", "--cases", bad), "bad.jsonl:1", "messages")
    assert_clean_error(cli("generate", "nope", "--cases", cases), "unknown model 'nope'")


def test_replay_via_cli_after_recording(tiny_models, cli, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "messages": [{"role": "user", "content": "Hei"}]}\n')
    assert cli("generate", "tiny-cand", "--cases", cases, "--backend", "llamacpp", "--max-tokens", "6").code == 0
    replay = cli("generate", "tiny-cand", "--cases", cases, "--backend", "replay", "--max-tokens", "6", "--json")
    assert replay.code == 0, replay.err
    cases.write_text('{"id": "new-case", "messages": [{"role": "user", "content": "Annet"}]}\n')
    assert_clean_error(cli("generate", "tiny-cand", "--cases", cases, "--backend", "replay", "--max-tokens", "6"),
                       "new-case", "no recorded generation")
    with Registry() as reg:
        assert cache.count(reg) == 1


def test_cli_lists_generate_and_latency_with_help(cli):
    top = cli("--help")
    assert top.code == 0 and "generate" in top.out and "latency" in top.out
    for cmd in ("generate", "latency"):
        r = cli(cmd, "--help")
        assert r.code == 0 and "--backend" in r.out and "MODEL" in r.out
