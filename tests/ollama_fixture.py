"""Fixtures for the backend tests: the fake Ollama server (tests/fake_ollama.py) on 127.0.0.1 with a
free port, and the shared tiny models registered in the per-test registry (``tiny_models``).

Use in a test module with ``pytest_plugins = ["ollama_fixture"]`` (or the lead registers it in
conftest). ``fake_ollama`` is function scoped: a fresh server (no models) per test, stopped after.
``OLLAMA_HOST`` is pointed at it, so code that reads the environment (the backend, the CLI in a
subprocess) finds it without extra flags.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from fake_ollama import FakeOllama

from registry import Registry
from registry.records import Model


@pytest.fixture
def fake_ollama(monkeypatch):
    """A running fake Ollama server; ``.url``, ``.add_model(name, gguf)``, ``.set_fault(mode, ...)``."""
    server = FakeOllama(num_parallel=1).start()
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fake_ollama_parallel(monkeypatch):
    """Like ``fake_ollama`` but serving 4 requests at once (``OLLAMA_NUM_PARALLEL=4``)."""
    server = FakeOllama(num_parallel=4).start()
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    try:
        yield server
    finally:
        server.stop()


SYSTEM_PROMPT = "Du er en erfaren kiropraktor. Skriv kort og presist på norsk bokmål."


@dataclass
class TinyModels:
    """The tiny models registered in the per-test registry for the backend tests."""

    reg: Registry
    baseline: Model
    """``tiny-base``: the untuned base GGUF + a system prompt (kind baseline)."""
    candidate: Model
    """``tiny-cand``: the LoRA candidate (adapter dir, merged GGUFs f16 and q8_0)."""
    gguf: dict


@pytest.fixture
def tiny_models(chirogate_home, tiny_gguf_files, tiny_base_dir, tiny_adapter_dir):
    """A registry with ``tiny-base`` (baseline) and ``tiny-cand`` (candidate) from the shared tiny models."""
    reg = Registry()
    base = reg.register_model("tiny-base", family="tiny", kind="baseline", base_model=str(tiny_base_dir),
                              system_prompt=SYSTEM_PROMPT)
    reg.add_artifact("tiny-base", "gguf", tiny_gguf_files["base_q8_0"], quantization="q8_0")
    cand = reg.register_model("tiny-cand", family="tiny", kind="candidate", base_model=str(tiny_base_dir),
                              parent="tiny-base", artifacts=[("adapter", tiny_adapter_dir)])
    reg.add_artifact("tiny-cand", "gguf", tiny_gguf_files["f16"], quantization="f16")
    reg.add_artifact("tiny-cand", "gguf", tiny_gguf_files["q8_0"], quantization="q8_0")
    try:
        yield TinyModels(reg, reg.get_model("tiny-base"), reg.get_model("tiny-cand"), dict(tiny_gguf_files))
    finally:
        reg.close()
