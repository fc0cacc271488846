"""Real OpenAI-compatible servers for the ``openai`` backend tests: ``python -m llama_cpp.server``
(from ``llama-cpp-python[server]``) on a free loopback port, serving the tiny GGUF.

:class:`LlamaServer` starts the server, waits (bounded) until ``/v1/models`` answers, and stops it;
``kill()`` ends it at once (SIGKILL), for the failover test. ``served_gguf`` places a GGUF under a
name that is its sha256, as the registry's store names its objects, so the server's model id
names the bytes it loaded. Use with ``pytest_plugins = ["llama_server_fixture"]``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

START_TIMEOUT_S = 120.0  # a bound for a loaded 2-core machine; the tiny model loads in about a second


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def served_gguf(src: Path, dest_dir: Path) -> Path:
    """A copy of ``src`` at ``dest_dir/objects/<hex>/<hex>`` (named by its sha256, like the registry store)."""
    from registry.hashing import hash_file, hex_of

    h = hex_of(hash_file(src))
    p = dest_dir / "objects" / h[:2] / h
    if not p.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, p)
    return p


class LlamaServer:
    """One ``python -m llama_cpp.server`` process on 127.0.0.1 (one thread, small context)."""

    def __init__(self, gguf: Path | None = None, *, models: list[dict] | None = None, api_key: str | None = None,
                 n_threads: int = 1, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.api_key = api_key
        entries = models or [{"model": str(gguf)}]
        cfg = {"host": "127.0.0.1", "port": self.port,
               "models": [{"n_threads": n_threads, "n_threads_batch": n_threads, "n_ctx": 1024, "seed": 0,
                           "verbose": False, **e} for e in entries]}
        if api_key:
            cfg["api_key"] = api_key
        workdir.mkdir(parents=True, exist_ok=True)
        self.config_file = workdir / f"llama-server-{self.port}.json"
        self.config_file.write_text(json.dumps(cfg), "utf-8")
        self.log = workdir / f"llama-server-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "LlamaServer":
        import httpx

        env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--config_file",
                                          str(self.config_file)], stdout=log, stderr=subprocess.STDOUT, env=env)
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {self.proc.returncode}: "
                                   f"{self.log.read_text('utf-8', 'replace')[-2000:]}")
            try:
                if httpx.get(f"{self.url}/models", headers=headers, timeout=5).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"llama_cpp.server did not answer within {START_TIMEOUT_S:g} s")
            time.sleep(0.2)  # polling a start-up, bounded by the deadline above (no assertion on time)

    def kill(self) -> None:
        """End the server at once (no graceful shutdown: in-flight streams break)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(scope="module")
def served_cand(tiny_gguf_files, tmp_path_factory):
    """The candidate's q8_0 GGUF at a path named by its sha256 (what ``tiny_registered`` resolves for openai)."""
    return served_gguf(tiny_gguf_files["q8_0"], tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="module")
def llama_server(served_cand, tmp_path_factory):
    """A module-wide server with the candidate's GGUF under two ids: its path (which names the sha256)
    and the alias ``chiro-plain`` (which names nothing); API key ``test-key``."""
    srv = LlamaServer(models=[{"model": str(served_cand)},
                              {"model": str(served_cand), "model_alias": "chiro-plain"}],
                      api_key="test-key", workdir=tmp_path_factory.mktemp("srv")).start()
    try:
        yield srv
    finally:
        srv.stop()
