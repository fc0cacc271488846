"""The in-process backends on the real tiny models: llama.cpp over the GGUFs, transformers over base +
adapter, replay over recorded generations; and how get_backend resolves models from the registry."""

from __future__ import annotations

import pytest

from gate.backends import backends_config, get_backend
from gate.backends.base import DecodingParams, with_system_prompt
from gate.cases import Case
from gate.config import load_config
from gate.errors import BackendError, ConfigError, InputError, NotFoundError
from gate.generation import run_generations
from registry import generations as cache

pytest_plugins = ["ollama_fixture"]

USER = [{"role": "user", "content": "Skriv et kort notat om nakkesmerter etter kontorarbeid."}]
PARAMS = DecodingParams(max_tokens=16)


def test_llamacpp_prefers_configured_quantization_and_is_deterministic(tiny_models, tmp_path):
    reg, cand = tiny_models.reg, tiny_models.candidate
    q8 = reg.latest_artifact("tiny-cand", "gguf", "q8_0")
    f16 = reg.latest_artifact("tiny-cand", "gguf", "f16")
    backend = get_backend("llamacpp", cand, reg)  # default: the newest GGUF (q8_0, registered last)
    assert backend.digest == q8.sha256
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[backends.llamacpp]\nquantization = "f16"\nn_threads = 1\n')
    b16 = get_backend("llamacpp", cand, reg, load_config(cfg))
    assert b16.digest == f16.sha256
    g1 = b16.generate(USER, PARAMS)
    g2 = b16.generate(USER, PARAMS)
    assert g1.text == g2.text and g1.text.strip()
    assert g1.completion_tokens is not None and 1 <= g1.completion_tokens <= PARAMS.max_tokens
    assert g1.prompt_tokens and g1.prompt_tokens > 5
    assert 0 < g1.ttft_s <= g1.total_s
    assert b16.load_s is not None and b16.load_s > 0
    b16.close()
    backend.close()


def test_llamacpp_stops_at_the_end_of_the_context_and_refuses_a_prompt_that_does_not_fit(tiny_models, tmp_path):
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text("[backends.llamacpp]\nn_ctx = 96\n")
    backend = get_backend("llamacpp", tiny_models.candidate, tiny_models.reg, load_config(cfg))
    g = backend.generate(USER, DecodingParams(max_tokens=400))  # more than the context holds
    assert g.prompt_tokens + g.completion_tokens <= 96
    if g.meta["done_reason"] == "length":
        assert g.meta.get("context_limited") is True and g.prompt_tokens + g.completion_tokens == 96
    long = [{"role": "user", "content": "Nakkesmerter etter kontorarbeid. " * 40}]
    with pytest.raises(BackendError, match="does not fit the context of 96 tokens"):
        backend.generate(long, PARAMS)
    backend.close()


def test_baseline_system_prompt_is_prepended_unless_the_case_has_one(tiny_models):
    reg = tiny_models.reg
    base = get_backend("llamacpp", tiny_models.baseline, reg)
    seen = base.prepare_messages(USER)
    assert seen[0] == {"role": "system", "content": tiny_models.baseline.system_prompt}
    own = [{"role": "system", "content": "Svar med ett ord."}, *USER]
    assert base.prepare_messages(own) == own
    # The model really sees it: more prompt tokens than the same GGUF without a system prompt.
    with_sp = base.generate(USER, PARAMS)
    assert with_sp.prompt_tokens > len(base._tokenize(base._llm, USER))
    assert with_system_prompt(USER, None) == USER
    base.close()


def test_prepare_messages_refuses_malformed_turns(tiny_models):
    backend = get_backend("llamacpp", tiny_models.candidate, tiny_models.reg)
    with pytest.raises(InputError, match="role"):
        backend.prepare_messages([{"role": "doctor", "content": "x"}])
    with pytest.raises(InputError, match="content"):
        backend.prepare_messages([{"role": "user"}])


def test_transformers_backend_generates_and_exposes_token_logprobs(tiny_models):
    reg = tiny_models.reg
    cand = get_backend("transformers", tiny_models.candidate, reg, device="cpu")
    base = get_backend("transformers", tiny_models.baseline, reg, device="cpu")
    g = cand.generate(USER, PARAMS)
    assert g.text.strip() and 1 <= g.completion_tokens <= PARAMS.max_tokens
    assert 0 < g.ttft_s <= g.total_s
    assert cand.generate(USER, PARAMS).text == g.text  # greedy is deterministic
    lp = cand.token_logprobs(USER, "Pasienten har vondt i nakken.")
    assert len(lp) >= 3 and all(x <= 0 for x in lp)
    # Causal: the log-probs of a continuation's prefix are the first entries of the whole one's.
    head = cand.token_logprobs(USER, "Pasienten har")
    assert head == pytest.approx(lp[:len(head)], abs=1e-4)
    # The adapter changes the model: the candidate and the bare base disagree on these log-probs.
    base_lp = base.token_logprobs([{"role": "system", "content": "x"}, *USER], "Pasienten har vondt i nakken.")
    assert base_lp != lp
    assert cand.digest != base.digest
    assert cand.token_logprobs(USER, "") == []


def test_replay_serves_recorded_generations_and_names_a_missing_case(tiny_models):
    reg = tiny_models.reg
    cases = [Case(id=f"c{i}", messages=({"role": "user", "content": f"Notat nummer {i} om korsrygg."},))
             for i in range(3)]
    live = get_backend("llamacpp", tiny_models.candidate, reg)
    recorded = run_generations(reg, live, cases, PARAMS, progress=False)
    replay = get_backend("replay", tiny_models.candidate, reg)
    assert replay.digest == live.digest
    replayed = run_generations(reg, replay, cases, PARAMS, progress=False)
    assert {k: g.text for k, g in replayed.items()} == {k: g.text for k, g in recorded.items()}
    assert all(g.ttft_s is None and g.meta["replayed_from"] == "llamacpp" for g in replayed.values())
    assert cache.count(reg) == 3  # replay writes nothing
    extra = Case(id="never-recorded", messages=({"role": "user", "content": "Noe helt annet."},))
    with pytest.raises(BackendError, match="never-recorded"):
        run_generations(reg, replay, [*cases, extra], PARAMS, progress=False)
    with pytest.raises(BackendError, match="tiny-base"):
        get_backend("replay", tiny_models.baseline, reg)
    live.close()


def test_get_backend_errors_name_what_is_missing(tiny_models, tmp_path):
    reg = tiny_models.reg
    bare = reg.register_model("bare", family="tiny", kind="candidate", base_model="no/such-hub-id")
    with pytest.raises(NotFoundError, match="'bare' has no 'gguf'"):
        get_backend("llamacpp", bare, reg)
    with pytest.raises(NotFoundError, match="Ollama name"):
        get_backend("ollama", bare, reg)
    with pytest.raises(NotFoundError, match="no/such-hub-id"):
        get_backend("transformers", bare, reg)
    with pytest.raises(InputError, match="unknown backend 'vllm'"):
        get_backend("vllm", bare, reg)


def test_gguf_adapter_is_applied_over_its_base_gguf(tiny_models):
    if "adapter" not in tiny_models.gguf:
        pytest.skip("the shared fixtures have no GGUF LoRA adapter")
    reg = tiny_models.reg
    base_gguf = tiny_models.gguf["base_q8_0"]
    # As the export registers it: the adapter on the model, its base GGUF on no model, tagged for it.
    reg.register_model("tiny-lora", family="tiny", kind="candidate", base_model="tiny",
                       artifacts=[("gguf-adapter", tiny_models.gguf["adapter"]), ("gguf", tiny_models.gguf["q8_0"])])
    tagged = reg.add_artifact(None, "gguf", base_gguf, quantization="q8_0",
                              meta={"role": "adapter-base", "for_model": "tiny-lora"})
    merged = get_backend("llamacpp", reg.get_model("tiny-lora"), reg)
    assert merged.adapter_path is None  # the model's own merged GGUF wins by default
    lora = get_backend("llamacpp", reg.get_model("tiny-lora"), reg, gguf_adapter=True)
    assert lora.adapter_path is not None and lora.gguf_path == reg.artifact_path(tagged)
    assert lora.digest not in (merged.digest, tagged.sha256)
    assert lora.generate(USER, PARAMS).completion_tokens >= 1
    # Without a tagged base, a model with only an adapter falls back to its parent's GGUF.
    reg.register_model("tiny-lora2", family="tiny", kind="candidate", base_model="tiny", parent="tiny-base",
                       artifacts=[("gguf-adapter", tiny_models.gguf["adapter"])])
    child = get_backend("llamacpp", reg.get_model("tiny-lora2"), reg)
    assert child.gguf_path == reg.artifact_path(reg.latest_artifact("tiny-base", "gguf"))
    for b in (merged, lora, child):
        b.close()


def test_backends_config_is_validated_with_file_and_line(tmp_path, monkeypatch):
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[backends]\ndefault = "ollama"\n\n[backends.ollama]\nhost = "http://clinic:11434"\n'
                   "timeout_s = 30\n")
    loaded = backends_config(load_config(cfg))
    assert loaded.default == "ollama" and loaded.ollama.host == "http://clinic:11434"
    assert loaded.ollama.timeout_s == 30.0
    cfg.write_text("[backends.llamacpp]\nn_ctx = 8\n")
    with pytest.raises(ConfigError, match=r"chirogate.toml:1.*n_ctx"):
        backends_config(load_config(cfg))
    cfg.write_text('[backends]\nconcurrency = "four"\n')
    with pytest.raises(ConfigError, match=r"chirogate.toml:2: field 'backends.concurrency'"):
        backends_config(load_config(cfg))


def test_ollama_host_from_environment_wins_over_config(tiny_models, tmp_path, monkeypatch):
    reg = tiny_models.reg
    reg.set_ollama_name("tiny-cand", "tiny-cand")
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[backends.ollama]\nhost = "http://10.0.0.9:11434"\n')
    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    assert get_backend("ollama", reg.get_model("tiny-cand"), reg, load_config(cfg)).host == "http://10.0.0.9:11434"
    monkeypatch.setenv("OLLAMA_HOST", "127.0.0.1:5555")
    assert get_backend("ollama", reg.get_model("tiny-cand"), reg, load_config(cfg)).host == "http://127.0.0.1:5555"


def test_in_process_backends_honour_the_per_request_timeout(tiny_models):
    from gate.backends.errors import BackendTimeout

    reg = tiny_models.reg
    params = DecodingParams(max_tokens=32)
    for kind in ("llamacpp", "transformers"):
        backend = get_backend(kind, tiny_models.candidate, reg)
        backend.generate(USER, DecodingParams(max_tokens=2))  # loaded: the deadline is about decoding
        with pytest.raises(BackendTimeout, match="timeout"):
            backend.generate(USER, params, timeout_s=1e-6)
        assert backend.generate(USER, params, timeout_s=60).completion_tokens >= 1
        backend.close()
