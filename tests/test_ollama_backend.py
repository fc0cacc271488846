"""The ollama backend through the unmodified official client against the fake server (real wire
protocol, llama.cpp answers), including every bad-input case the issue lists."""

from __future__ import annotations

import ollama
import pytest

from gate.backends import get_backend
from gate.backends.base import DecodingParams
from gate.backends.errors import BackendTimeout, BackendUnreachable, BrokenStream, InvalidOutput, ModelMissing
from gate.backends.ollama_backend import OllamaBackend
from gate.cases import Case
from gate.errors import BackendError
from gate.generation import run_generations
from registry import generations as cache

from helpers import assert_clean_error

pytest_plugins = ["ollama_fixture"]

USER = [{"role": "user", "content": "Skriv et kort notat om nakkesmerter etter kontorarbeid."}]
PARAMS = DecodingParams(max_tokens=16)


def _create_with_official_client(server, name: str, gguf, system: str | None = None) -> None:
    """What `chirogate export --ollama-create` does: upload the blob, then create from it."""
    client = ollama.Client(host=server.url)
    digest = client.create_blob(gguf)
    statuses = [p.status for p in client.create(model=name, files={"model.gguf": digest}, system=system,
                                                 parameters={"temperature": 0}, stream=True)]
    assert statuses[-1] == "success"


def _cases(n: int, offset: int = 0) -> list[Case]:
    return [Case(id=f"case-{i}", messages=({"role": "user", "content": f"Notat {i}: smerter i korsryggen."},))
            for i in range(offset, offset + n)]


def test_official_client_round_trip_and_same_text_as_llamacpp(tiny_models, fake_ollama):
    reg = tiny_models.reg
    gguf = reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0"))
    _create_with_official_client(fake_ollama, "tiny-cand", gguf)
    client = ollama.Client(host=fake_ollama.url)
    assert client.show("tiny-cand").details.format == "gguf"
    assert [m.model for m in client.list().models] == ["tiny-cand:latest"]
    reg.set_ollama_name("tiny-cand", "tiny-cand")
    backend = get_backend("ollama", reg.get_model("tiny-cand"), reg)
    tag_digest = client.list().models[0].digest
    assert backend.digest == "sha256:" + tag_digest
    g = backend.generate(USER, PARAMS)
    assert g.completion_tokens == PARAMS.max_tokens or g.meta["done_reason"] == "stop"
    assert g.prompt_tokens > 5 and 0 < g.ttft_s <= g.total_s
    # Ollama's own timings, converted from nanoseconds; the first request paid the model load.
    assert g.meta["load_s"] > 0 and g.meta["eval_s"] >= 0 and g.meta["prompt_eval_s"] >= 0
    assert backend.generate(USER, PARAMS).meta["load_s"] == 0
    # Same GGUF, same greedy decoding, same chat template: the same text as in process.
    local = get_backend("llamacpp", tiny_models.candidate, reg)
    assert local.generate(USER, PARAMS).text == g.text
    local.close()
    backend.close()


def test_baseline_system_prompt_reaches_the_server(tiny_models, fake_ollama):
    reg = tiny_models.reg
    fake_ollama.add_model("tiny-base", reg.artifact_path(reg.latest_artifact("tiny-base", "gguf")))
    reg.set_ollama_name("tiny-base", "tiny-base")
    backend = get_backend("ollama", reg.get_model("tiny-base"), reg)
    with_sp = backend.generate(USER, PARAMS)
    bare = OllamaBackend("tiny-base", host=fake_ollama.url).generate(USER, PARAMS)
    assert with_sp.prompt_tokens > bare.prompt_tokens


def test_unreachable_host_names_the_host_and_ollama_serve():
    backend = OllamaBackend("tiny", host="http://127.0.0.1:9")
    with pytest.raises(BackendUnreachable, match=r"127\.0\.0\.1:9.*ollama serve"):
        backend.generate(USER, PARAMS)
    with pytest.raises(BackendUnreachable, match="ollama serve"):
        backend.digest


def test_missing_model_names_the_ollama_create_command(fake_ollama):
    backend = OllamaBackend("chiro-no-v9", host=fake_ollama.url)
    with pytest.raises(ModelMissing, match=r"`ollama create chiro-no-v9 -f Modelfile`"):
        backend.generate(USER, PARAMS)
    with pytest.raises(ModelMissing, match="chiro-no-v9"):
        backend.digest


@pytest.mark.parametrize("mode, error", [("broken", BrokenStream), ("invalid_utf8", InvalidOutput),
                                         ("slow", BackendTimeout)])
def test_faults_are_clear_backend_errors_and_the_cache_keeps_what_finished(tiny_models, fake_ollama, mode, error):
    reg = tiny_models.reg
    fake_ollama.add_model("tiny-cand", reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0")))
    reg.set_ollama_name("tiny-cand", "tiny-cand")
    backend = get_backend("ollama", reg.get_model("tiny-cand"), reg, timeout_s=1.0)
    first = run_generations(reg, backend, _cases(2), PARAMS, progress=False)
    fake_ollama.set_fault(mode, delay_s=3.0)  # every request from now on
    with pytest.raises(error) as info:
        run_generations(reg, backend, _cases(4), PARAMS, progress=False, retries=1, backoff_s=0.01)
    assert "case-2" in str(info.value) and "2 of 4" in str(info.value)
    assert isinstance(info.value, BackendError)
    assert cache.count(reg, backend.digest) == 2  # what finished stays; nothing half-written was added
    fake_ollama.set_fault(None)
    again = run_generations(reg, backend, _cases(4), PARAMS, progress=False)
    assert [again[c].meta.get("cached", False) for c in again] == [True, True, False, False]
    assert {k: again[k].text for k in first} == {k: g.text for k, g in first.items()}
    assert cache.count(reg, backend.digest) == 4


def test_a_transient_fault_is_retried_with_backoff(tiny_models, fake_ollama):
    reg = tiny_models.reg
    fake_ollama.add_model("tiny-cand", reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0")))
    backend = OllamaBackend("tiny-cand", host=fake_ollama.url, model_name="tiny-cand")
    fake_ollama.set_fault("broken", times=2)
    out = run_generations(reg, backend, _cases(2), PARAMS, progress=False, retries=2, backoff_s=0.01)
    assert len(out) == 2
    chats = [r for r in fake_ollama.requests if r == "POST /api/chat"]
    assert len(chats) == 4  # two broken attempts, then one success per case


def test_concurrent_requests_give_the_same_answers(tiny_models, fake_ollama_parallel):
    reg = tiny_models.reg
    fake_ollama_parallel.add_model("tiny-cand",
                                   reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0")))
    backend = OllamaBackend("tiny-cand", host=fake_ollama_parallel.url)
    cases = _cases(8)
    parallel = run_generations(reg, backend, cases, PARAMS, concurrency=4, progress=False, use_cache=False)
    sequential = run_generations(reg, backend, cases, PARAMS, concurrency=1, progress=False, use_cache=False)
    assert list(parallel) == [c.id for c in cases]
    assert {k: g.text for k, g in parallel.items()} == {k: g.text for k, g in sequential.items()}
    assert cache.count(reg) == 0  # use_cache=False neither reads nor writes


def test_cli_generate_against_the_server_and_when_it_is_down(tiny_models, fake_ollama, cli, tmp_path):
    reg = tiny_models.reg
    fake_ollama.add_model("tiny-cand", reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0")))
    reg.set_ollama_name("tiny-cand", "tiny-cand")
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "messages": [{"role": "user", "content": "Hei"}]}\n'
                     '{"id": "b", "messages": [{"role": "user", "content": "Nakke"}], "max_tokens": 4}\n')
    ok = cli("generate", "tiny-cand", "--cases", cases, "--backend", "ollama", "--max-tokens", "8", "--json")
    assert ok.code == 0, ok.err
    down = cli("generate", "tiny-cand", "--cases", cases, "--backend", "ollama", "--max-tokens", "9",
               env={"OLLAMA_HOST": "http://127.0.0.1:9"})
    assert_clean_error(down, "127.0.0.1:9", "ollama serve")
    missing = cli("generate", "tiny-base", "--cases", cases, "--backend", "ollama")
    assert_clean_error(missing, "tiny-base", "ollama create")


def test_fake_server_speaks_the_rest_of_the_api_the_client_uses(tiny_models, fake_ollama):
    """/api/generate (streaming and not), /api/version, /api/ps, blob HEAD/POST with digest check."""
    import hashlib

    import httpx

    reg = tiny_models.reg
    gguf = reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0"))
    client = ollama.Client(host=fake_ollama.url)
    digest = "sha256:" + hashlib.sha256(gguf.read_bytes()).hexdigest()
    assert httpx.head(f"{fake_ollama.url}/api/blobs/{digest}").status_code == 404
    assert client.create_blob(gguf) == digest
    assert httpx.head(f"{fake_ollama.url}/api/blobs/{digest}").status_code == 200
    bad = httpx.post(f"{fake_ollama.url}/api/blobs/sha256:{'0' * 64}", content=b"not it")
    assert bad.status_code == 400 and "digest mismatch" in bad.json()["error"]
    with pytest.raises(ollama.ResponseError, match="not found"):
        client.create(model="x", files={"m.gguf": "sha256:" + "1" * 64})
    client.create(model="tiny-cand", files={"m.gguf": digest}, system="Du er en kiropraktor.")
    assert client.show("tiny-cand").modelfile.startswith("FROM ")
    whole = client.generate(model="tiny-cand", prompt="Nakke", options={"temperature": 0, "num_predict": 6})
    parts = list(client.generate(model="tiny-cand", prompt="Nakke", stream=True,
                                 options={"temperature": 0, "num_predict": 6}))
    assert parts[-1].done and parts[-1].eval_count == whole.eval_count
    assert "".join(p.response for p in parts) == whole.response
    assert whole.total_duration >= whole.eval_duration >= 0 and whole.context
    assert [m.model for m in client.ps().models] == ["tiny-cand:latest"]
    assert httpx.get(f"{fake_ollama.url}/api/version").json()["version"]
    with pytest.raises(ollama.ResponseError) as info:
        client.chat(model="nope", messages=[{"role": "user", "content": "x"}])
    assert info.value.status_code == 404 and info.value.error == "model 'nope' not found"


def test_create_with_a_gguf_adapter_answers_like_llamacpp_with_that_adapter(tiny_models, fake_ollama):
    if "adapter" not in tiny_models.gguf:
        pytest.skip("the shared fixtures have no GGUF LoRA adapter")
    from gate.backends.llamacpp_backend import LlamaCppBackend

    base, adapter = tiny_models.gguf["base_q8_0"], tiny_models.gguf["adapter"]
    client = ollama.Client(host=fake_ollama.url)
    client.create(model="tiny-lora", files={"base.gguf": client.create_blob(base)},
                  adapters={"adapter.gguf": client.create_blob(adapter)})
    served = OllamaBackend("tiny-lora", host=fake_ollama.url).generate(USER, PARAMS)
    local = LlamaCppBackend(base, adapter_path=adapter)
    assert local.generate(USER, PARAMS).text == served.text
    local.close()
