"""The ``openai`` backend against a real ``python -m llama_cpp.server`` serving the tiny GGUF.

One module-wide server (API key ``test-key``) serves the candidate's q8_0 GGUF under a path that
names its sha256 and under a plain alias; the failover test adds a second server of its own and
kills it after a number of answers it counts itself (no timers). The fault tests that a real
server cannot be made to produce (a server that never answers, a malformed stream) use a raw
socket peer speaking just enough HTTP.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gate.backends import get_backend
from gate.backends.base import DecodingParams
from gate.backends.errors import BackendTimeout, BackendUnreachable, BrokenStream
from gate.backends.identity import ServesOtherWeights
from gate.backends.openai_backend import AuthRefused
from gate.cases import Case
from gate.errors import InputError
from gate.generation import run_generations

pytest_plugins = ["llama_server_fixture"]
ROOT = Path(__file__).resolve().parent.parent
KEY_ENV = "CHIROGATE_TEST_OPENAI_KEY"


@pytest.fixture(autouse=True)
def _key(monkeypatch):
    monkeypatch.setenv(KEY_ENV, "test-key")


def _backend(reg, model, url, **opts):
    opts.setdefault("served_model", _SERVED.get(url, ""))
    return get_backend("openai", model, reg, base_url=url, api_key_env=KEY_ENV, **opts)


_SERVED: dict[str, str] = {}  # server URL -> the model id naming the sha256 (the module server serves two ids)


@pytest.fixture(scope="module", autouse=True)
def _served_ids(request):
    yield
    _SERVED.clear()


@pytest.fixture
def server(llama_server, served_cand):
    """The module server, with its sha-named model id registered for ``_backend``."""
    _SERVED[llama_server.url] = str(served_cand)
    return llama_server


@pytest.fixture
def file_model(tmp_path):
    """A registry model whose 'gguf' is a small file: enough for faults that never reach a model."""
    from registry import Registry

    f = tmp_path / "m.gguf"
    f.write_bytes(b"GGUF not a real model, only bytes to hash")
    reg = Registry()
    reg.register_model("m", family="m", kind="candidate", base_model="none")
    art = reg.add_artifact("m", "gguf", f, quantization="q8_0")
    try:
        yield reg, reg.get_model("m"), art.sha256
    finally:
        reg.close()


def _cases(n: int) -> list[Case]:
    regions = ["korsrygg", "nakke", "skulder", "hofte", "kne", "brystrygg", "albue", "ankel"]
    return [Case(id=f"c{i}", messages=({"role": "user", "content": f"Skriv et kort S-notat: smerter i "
                                                                    f"{regions[i % len(regions)]}, {i + 2} dager."},),
                 max_tokens=24) for i in range(n)]


def test_streams_greedy_answers_with_server_usage(tiny_registered, server):
    reg, cand = tiny_registered.reg, tiny_registered.candidate
    be = _backend(reg, cand, server.url)
    try:
        q8 = [a for a in reg.artifacts("tiny-cand", "gguf") if a.quantization == "q8_0"][-1]
        assert be.digest == q8.sha256  # the bytes, proven by the name the server reports
        msgs = [{"role": "user", "content": "Skriv et kort notat om korsryggsmerter."}]
        a = be.generate(msgs, DecodingParams(max_tokens=16, seed=0))
        b = be.generate(msgs, DecodingParams(max_tokens=16, seed=0))
        assert a.text and a.text == b.text  # greedy with the seed: the same answer twice
        assert 0 < a.ttft_s <= a.total_s
        # llama_cpp.server sends no usage in a stream: the tokens are counted from the chunks, and labelled so.
        assert 0 < a.completion_tokens <= 16 and a.meta["usage_source"].startswith("counted")
        assert a.meta["endpoint"] == server.url
        short = be.generate(msgs, DecodingParams(max_tokens=2, seed=0))
        assert short.completion_tokens <= 2 and short.meta["finish_reason"] == "length"
        ev = be.endpoints[0].backend.identity_evidence
        assert ev.proof == "sha256-in-name" and q8.sha256[7:] in ev.served_model
    finally:
        be.close()


def test_refuses_a_server_serving_other_weights(tiny_registered, server):
    reg = tiny_registered.reg
    # tiny-base's GGUF is the untuned base; the server names the candidate's sha256.
    be = _backend(reg, tiny_registered.baseline, server.url)
    with pytest.raises(ServesOtherWeights, match="serves other weights than 'tiny-base'") as exc:
        be.digest
    assert "\n" not in str(exc.value)
    # A server that names no sha256: refused in strict mode, accepted (and recorded as asserted) on request.
    plain = _backend(reg, tiny_registered.candidate, server.url, served_model="chiro-plain")
    with pytest.raises(ServesOtherWeights, match="does not say which weights it serves"):
        plain.digest
    asserted = _backend(reg, tiny_registered.candidate, server.url, served_model="chiro-plain",
                        identity="asserted")
    asserted.digest
    assert asserted.endpoints[0].backend.identity_evidence.proof == "asserted"
    # Two models served and none named: the user is told to name one.
    with pytest.raises(InputError, match="serves 2 models"):
        _backend(reg, tiny_registered.candidate, server.url, served_model="").digest


def test_generation_cache_across_backends(tiny_registered, server):
    reg, cand = tiny_registered.reg, tiny_registered.candidate
    cases = _cases(3)
    be = _backend(reg, cand, server.url)
    first = run_generations(reg, be, cases, DecodingParams(), progress=False)
    assert not any(g.meta.get("cached") for g in first.values())
    again = run_generations(reg, be, cases, DecodingParams(), progress=False)
    assert all(g.meta.get("cached") for g in again.values())
    assert {k: g.text for k, g in again.items()} == {k: g.text for k, g in first.items()}
    assert be.endpoint_stats()[0].answered == 3  # the second pass never reached the server
    # Same GGUF bytes in process: same digest, but its own cache entries (backend is part of the key).
    local = get_backend("llamacpp", cand, reg, n_threads=1)
    try:
        assert local.digest == be.digest
        inproc = run_generations(reg, local, cases, DecodingParams(), progress=False)
        assert not any(g.meta.get("cached") for g in inproc.values())
    finally:
        local.close()
        be.close()
    rows = reg.db.execute("select backend, count(*) from generations group by backend").fetchall()
    assert dict(rows) == {"openai": 3, "llamacpp": 3}


def test_two_servers_one_killed_every_case_answered_once(tiny_registered, server, served_cand, tmp_path):
    from llama_server_fixture import LlamaServer

    reg, cand = tiny_registered.reg, tiny_registered.candidate
    doomed = LlamaServer(served_cand, workdir=tmp_path / "doomed").start()
    try:
        be = get_backend("openai", cand, reg, base_url=[doomed.url, server.url], api_key_env=KEY_ENV,
                         served_model=str(served_cand))
        cases = _cases(8)
        seen: list[str] = []

        def after(case_id, gen):
            seen.append(case_id)
            if len(seen) == 3:  # a count we control: the runner has just recorded its third answer
                doomed.kill()

        out = run_generations(reg, be, cases, DecodingParams(), concurrency=be.concurrency, progress=False,
                              on_answer=after, retries=0)
    finally:
        doomed.stop()
    # Every case answered, and recorded once: the runner saw each answer exactly once.
    assert sorted(out) == sorted(c.id for c in cases) and sorted(seen) == sorted(out) and len(seen) == len(cases)
    stats = {s.endpoint: s for s in be.endpoint_stats()}
    assert stats[doomed.url].down is not None and stats[doomed.url].failed_over >= 1
    assert stats[server.url].down is None
    assert stats[doomed.url].answered + stats[server.url].answered == len(cases)
    assert stats[server.url].p95_total_s is not None  # latency is per endpoint
    rows = reg.db.execute("select case_id, count(*) from generations where model_digest = ? group by case_id",
                          [be.digest]).fetchall()
    assert sorted(rows) == sorted((c.id, 1) for c in cases)  # each case recorded exactly once
    be.close()


def test_pytest_suites_through_the_openai_backend(tiny_registered, tiny_dataset_dir, server, tmp_path):
    reg = tiny_registered.reg
    from registry import evals

    cfg = tmp_path / "chirogate.toml"
    cfg.write_text(f'[backends]\nmax_tokens = 48\n\n[backends.openai]\nbase_url = "{server.url}"\n'
                   f'api_key_env = "{KEY_ENV}"\nmodel = "{_served_id(server)}"\n\n'
                   "[latency]\nwarmup = 1\n", "utf-8")
    cases = tmp_path / "cases.jsonl"
    # Four held-out reference cases from the tiny model's own test split (short answers: small test time).
    rows = [json.loads(x) for x in (tiny_dataset_dir / "test.jsonl").read_text("utf-8").splitlines() if x.strip()]
    cases.write_text("".join(json.dumps({"id": f"ref-{i}", "messages": r["messages"], "max_tokens": 48},
                                        ensure_ascii=False) + "\n" for i, r in enumerate(rows[:4])), "utf-8")
    p = subprocess.run([sys.executable, "-m", "pytest", "suites", "--model", "tiny-cand", "--backend", "openai",
                        "--config", str(cfg), "--cases", str(cases), "-p", "no:cacheprovider", "-q"],
                       capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert p.returncode in (0, 1), p.stdout[-4000:] + p.stderr[-2000:]
    run = evals.latest_eval_run(reg, "tiny-cand")
    assert run is not None and run.backend == "openai", p.stdout[-3000:]
    q8 = [a for a in reg.artifacts("tiny-cand", "gguf") if a.quantization == "q8_0"][-1]
    assert run.artifact_sha256 == q8.sha256  # bound to the bytes the server proved it serves
    (ep,) = run.config["endpoints"]
    assert ep["endpoint"] == server.url and ep["identity"]["proof"] == "sha256-in-name"
    assert "test-key" not in json.dumps(run.config)  # the key is never recorded, only its variable's name


def _served_id(server) -> str:
    import httpx

    r = httpx.get(f"{server.url}/models", headers={"Authorization": f"Bearer {server.api_key}"}, timeout=10)
    return next(m["id"] for m in r.json()["data"] if m["id"] != "chiro-plain")


# ---- one-line errors --------------------------------------------------------------------------


def test_bad_base_url_and_closed_port(file_model):
    reg, cand, _ = file_model
    with pytest.raises(InputError, match="base_url"):
        _backend(reg, cand, "localhost:8000")
    from llama_server_fixture import free_port

    be = _backend(reg, cand, f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(BackendUnreachable) as exc:
        be.digest
    assert "cannot reach" in str(exc.value) and "\n" not in str(exc.value)


def test_wrong_api_key_is_one_line_and_never_shows_the_key(tiny_registered, server, monkeypatch):
    monkeypatch.setenv(KEY_ENV, "wrong-secret-123")
    be = _backend(tiny_registered.reg, tiny_registered.candidate, server.url)
    with pytest.raises(AuthRefused) as exc:
        be.digest
    msg = str(exc.value)
    assert "HTTP 401" in msg and f"${KEY_ENV}" in msg and "wrong-secret-123" not in msg and "\n" not in msg
    monkeypatch.delenv(KEY_ENV)
    with pytest.raises(InputError, match=KEY_ENV):
        _backend(tiny_registered.reg, tiny_registered.candidate, server.url)


class _RawPeer:
    """A loopback HTTP peer for faults a real server will not produce: ``mode`` ``silent`` accepts and
    never answers; ``garbage`` serves a model list naming ``sha_hex`` and a chat stream that is not JSON;
    ``cut`` a chat stream that ends without a finish_reason."""

    def __init__(self, mode: str, sha_hex: str):
        self.mode, self.sha_hex = mode, sha_hex
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/v1"
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            if self.mode == "silent":
                continue
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
            head = data.split(b"\r\n", 1)[0].decode()
            if "/models" in head:
                body = json.dumps({"object": "list", "data": [{"id": f"/m/{self.sha_hex}", "object": "model"}]})
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                             + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n" + body.encode())
            else:
                if self.mode == "garbage":
                    events = b"data: {this is not json\n\n"
                else:
                    chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
                             "choices": [{"index": 0, "delta": {"content": "Hei"}, "finish_reason": None}]}
                    events = b"data: " + json.dumps(chunk).encode() + b"\n\ndata: [DONE]\n\n"
                conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n"
                             + events)
            conn.close()

    def close(self):
        self.sock.close()
        for c in self.conns:
            c.close()


@pytest.mark.parametrize("mode,error,text", [
    ("silent", BackendTimeout, "did not answer within 1 s"),
    ("garbage", BrokenStream, "malformed stream event"),
    ("cut", BrokenStream, "without a finish_reason"),
])
def test_timeout_and_malformed_streams(file_model, mode, error, text):
    reg, cand, sha = file_model
    peer = _RawPeer(mode, sha[7:])
    try:
        be = _backend(reg, cand, peer.url, timeout_s=1.0)
        with pytest.raises(error, match=text) as exc:
            be.generate([{"role": "user", "content": "Hei"}], DecodingParams(max_tokens=4))
        assert "\n" not in str(exc.value)
    finally:
        peer.close()


def test_cli_prints_one_line_for_a_refused_server(tiny_registered, server, cli, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "a", "messages": [{"role": "user", "content": "Hei"}]}) + "\n", "utf-8")
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text(f'[backends.openai]\nbase_url = ["{server.url}"]\napi_key_env = "{KEY_ENV}"\n'
                   f'model = "{_served_id(server)}"\n', "utf-8")
    r = cli("generate", "tiny-base", "--cases", cases, "--backend", "openai", "--config", cfg)
    assert r.code == 2, r.err
    assert r.err.strip().count("\n") == 0 and "serves other weights than 'tiny-base'" in r.err
    assert "Traceback" not in r.err


def test_latency_records_where_and_under_what_load(tiny_registered, server):
    from gate.latency import measure_latency

    be = _backend(tiny_registered.reg, tiny_registered.candidate, server.url)
    try:
        rep = measure_latency(None, be, cases=_cases(2), warmup=0)
    finally:
        be.close()
    c = rep.conditions
    assert c["runs_in"] == "server" and c["endpoints"] == [server.url] and c["cpus"] >= 1
    assert isinstance(c["load_1m_before"], float) and isinstance(c["load_1m_after"], float)
    assert "omp_wait_policy" in c and isinstance(c["busy"], bool)
    assert (rep.busy_warning is not None) == c["busy"]


@pytest.mark.parametrize("table,message", [
    ('api_key_env = "sk-live-123"', "NAME of an environment variable"),
    ('base_url = []', "non-empty list"),
    ('base_url = ["http://a:1/v1", "http://a:1/v1"]', "same URL twice"),
    ('identity = "trust"', "strict or asserted"),
    ('concurrency = 0', "'concurrency' must be >= 1"),
])
def test_openai_config_is_checked_with_file_and_line(tmp_path, table, message):
    from gate.backends import backends_config
    from gate.config import load_config
    from gate.errors import ConfigError

    cfg = tmp_path / "chirogate.toml"
    cfg.write_text(f"[backends.openai]\n{table}\n", "utf-8")
    with pytest.raises(ConfigError, match=message) as exc:
        backends_config(load_config(cfg))
    assert str(cfg) in str(exc.value)
