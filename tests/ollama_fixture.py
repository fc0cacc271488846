"""Fixtures that start the fake Ollama server (tests/fake_ollama.py) on 127.0.0.1 with a free port.

Use in a test module with ``pytest_plugins = ["ollama_fixture"]`` (or the lead registers it in
conftest). ``fake_ollama`` is function scoped: a fresh server (no models) per test, stopped after.
``OLLAMA_HOST`` is pointed at it, so code that reads the environment (the backend, the CLI in a
subprocess) finds it without extra flags.
"""

from __future__ import annotations

import pytest

from fake_ollama import FakeOllama


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
