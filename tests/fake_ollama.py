"""A small HTTP server speaking Ollama's real API, for tests (no Ollama binary can run here).

It speaks the wire protocol the official ``ollama`` Python client (0.6.x) uses:
``POST /api/chat`` and ``/api/generate`` (streaming NDJSON with chunked transfer,
and non-streaming), ``GET /api/tags``, ``POST /api/show``, ``POST /api/create``
(``files``/``adapters`` by blob digest, ``template``, ``system``, ``parameters``),
``HEAD``/``POST /api/blobs/:digest``, ``GET /api/version`` and ``GET /api/ps``,
with Ollama's field names and timing fields in nanoseconds. Answers are generated
by llama.cpp over the GGUF that was uploaded, so the text is real model output.

Differences from Ollama, on purpose: the chat prompt is rendered with the GGUF's
own Jinja chat template (Ollama's Go templates cannot run here; a ``template``
given to ``/api/create`` is stored and shown, not executed); one llama.cpp
instance per parallel slot (``num_parallel``, like ``OLLAMA_NUM_PARALLEL``).

Faults for tests: :meth:`FakeOllama.set_fault` with ``broken`` (stream cut off
mid-answer), ``invalid_utf8`` (bytes that are not UTF-8 inside a message),
``slow`` (waits ``delay_s`` before answering) for the next ``times`` requests.
Test code, not product code.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import hashlib
import json
import queue
import shutil
import socket
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

VERSION = "0.12.6"
# llama-cpp-python silences llama.cpp by swapping the process's stdout/stderr file descriptors
# while a model loads; two loads at once in different threads would restore them in the wrong
# order and leave stdout pointing at /dev/null. One load at a time.
_LOAD_LOCK = threading.Lock()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat().replace("+00:00", "Z")


class _Model:
    """A created model: its GGUF, optional adapter, Modelfile fields and llama.cpp slots."""

    def __init__(self, name: str, gguf: Path, adapter: Path | None, template: str | None, system: str | None,
                 parameters: dict, digest: str, size: int, n_slots: int):
        self.name, self.gguf, self.adapter = name, gguf, adapter
        self.template, self.system, self.parameters = template, system, parameters
        self.digest, self.size = digest, size
        self.modified_at = _now()
        self.n_slots = n_slots
        self.slots: queue.Queue = queue.Queue()
        self.loaded = 0
        self.lock = threading.Lock()

    def acquire(self) -> tuple[Any, int]:
        """A llama.cpp instance (loading one if all are busy and fewer than n_slots exist); load ns."""
        try:
            return self.slots.get_nowait(), 0
        except queue.Empty:
            pass
        with self.lock:
            create = self.loaded < self.n_slots
            if create:
                self.loaded += 1
        if not create:
            return self.slots.get(), 0
        from llama_cpp import Llama

        t0 = time.perf_counter_ns()
        with _LOAD_LOCK:
            llm = Llama(model_path=str(self.gguf), lora_path=str(self.adapter) if self.adapter else None,
                        n_ctx=512, n_threads=1, seed=0, verbose=False)
        return llm, time.perf_counter_ns() - t0

    def release(self, llm) -> None:
        self.slots.put(llm)

    def unload(self) -> None:
        with self.lock:
            while True:
                try:
                    llm = self.slots.get_nowait()
                    with _LOAD_LOCK:
                        llm.close()
                    self.loaded -= 1
                except queue.Empty:
                    break


class FakeOllama(ThreadingHTTPServer):
    """The server; ``url`` is what ``OLLAMA_HOST`` / ``ollama.Client(host=...)`` takes."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, num_parallel: int = 1,
                 blob_dir: str | Path | None = None):
        super().__init__((host, port), _Handler)
        self.num_parallel = num_parallel
        self._tmp = None if blob_dir else tempfile.mkdtemp(prefix="fake-ollama-")
        self.blob_dir = Path(blob_dir or self._tmp)
        self.blob_dir.mkdir(parents=True, exist_ok=True)
        self.models: dict[str, _Model] = {}
        self.faults: list[dict] = []
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.stopping = threading.Event()

    def handle_error(self, request, client_address) -> None:
        # A client that gives up (timeout, invalid bytes) leaves a broken pipe behind: expected here.
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakeOllama":
        self._thread = threading.Thread(target=self.serve_forever, name="fake-ollama", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes handlers sleeping in a "slow" fault; they then answer nothing
        self.shutdown()
        self.server_close()
        for m in self.models.values():
            m.unload()
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def set_fault(self, mode: str | None, *, times: int | None = None, delay_s: float = 5.0,
                  after_chunks: int = 2) -> None:
        """Make the next ``times`` chat/generate requests fail with ``mode`` (None clears; times=None: all)."""
        assert mode in (None, "broken", "invalid_utf8", "slow"), mode
        with self._lock:
            self.faults = [] if mode is None else [{"mode": mode, "times": times, "delay_s": delay_s,
                                                     "after_chunks": after_chunks}]

    def take_fault(self) -> dict | None:
        with self._lock:
            if not self.faults:
                return None
            f = self.faults[0]
            if f["times"] is not None:
                f["times"] -= 1
                if f["times"] <= 0:
                    self.faults.pop(0)
            return dict(f)

    def add_model(self, name: str, gguf: str | Path, *, adapter: str | Path | None = None,
                  system: str | None = None) -> str:
        """Create a model directly (as if ``ollama create`` had run); returns its digest."""
        files = {Path(gguf).name: self.put_blob(Path(gguf))}
        adapters = {Path(adapter).name: self.put_blob(Path(adapter))} if adapter else None
        return self.create(name, files, adapters, None, system, {})

    def put_blob(self, path: Path) -> str:
        digest = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        shutil.copyfile(path, self.blob_path(digest))
        return digest

    def blob_path(self, digest: str) -> Path:
        return self.blob_dir / digest.replace(":", "-")

    def create(self, name: str, files: dict, adapters: dict | None, template: str | None, system: str | None,
               parameters: dict) -> str:
        if not files:
            raise ValueError("neither 'from' or 'files' was specified")
        for d in list(files.values()) + list((adapters or {}).values()):
            if not self.blob_path(d).exists():
                raise ValueError(f"blob {d} not found; upload it with POST /api/blobs/{d}")
        gguf = self.blob_path(next(iter(files.values())))
        adapter = self.blob_path(next(iter(adapters.values()))) if adapters else None
        manifest = {"files": files, "adapters": adapters, "template": template, "system": system,
                    "parameters": parameters}
        digest = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()
        size = gguf.stat().st_size + (adapter.stat().st_size if adapter else 0)
        full = name if ":" in name else name + ":latest"
        with self._lock:
            old = self.models.pop(full, None)
            self.models[full] = _Model(full, gguf, adapter, template, system, parameters, digest, size,
                                       self.num_parallel)
        if old:
            old.unload()
        return digest

    def find(self, name: str) -> _Model | None:
        return self.models.get(name if ":" in name else name + ":latest")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FakeOllama

    def log_message(self, *args) -> None:  # quiet: tests read the client's view
        pass

    # ---- plumbing ----------------------------------------------------------------------------

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _json(self) -> dict:
        raw = self._body()
        return json.loads(raw) if raw else {}

    def _send(self, status: int, obj: Any = None, *, head: bool = False) -> None:
        data = b"" if obj is None else json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, {"error": message})

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _line(self, obj: dict) -> None:
        self._chunk(json.dumps(obj, ensure_ascii=False).encode() + b"\n")

    def _end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _cut(self) -> None:
        """Drop the connection mid-stream (no terminating chunk): a broken stream."""
        self.wfile.flush()
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # ---- routes ------------------------------------------------------------------------------

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        if self.path.startswith("/api/blobs/"):
            exists = self.server.blob_path(self.path.rsplit("/", 1)[1]).exists()
            self._send(200 if exists else 404, head=True)
        elif self.path == "/":
            self._send(200, head=True)
        else:
            self._send(404, head=True)

    def do_GET(self) -> None:  # noqa: N802
        self.server.requests.append(f"GET {self.path}")
        if self.path == "/api/version":
            self._send(200, {"version": VERSION})
        elif self.path == "/api/tags":
            self._send(200, {"models": [self._tag(m) for m in self.server.models.values()]})
        elif self.path == "/api/ps":
            self._send(200, {"models": [{**self._tag(m), "expires_at": _now(), "size_vram": 0, "context_length": 512}
                                        for m in self.server.models.values() if m.loaded]})
        elif self.path == "/":
            self._send(200, "Ollama is running")
        else:
            self._error(404, "404 page not found")

    def do_DELETE(self) -> None:  # noqa: N802
        body = self._json()
        m = self.server.models.pop(self.server.find(body.get("model", "")).name, None) \
            if self.server.find(body.get("model", "")) else None
        if m is None:
            return self._error(404, f"model '{body.get('model')}' not found")
        m.unload()
        self._send(200)

    def do_POST(self) -> None:  # noqa: N802
        self.server.requests.append(f"POST {self.path}")
        if self.path.startswith("/api/blobs/"):
            return self._blob(self.path.rsplit("/", 1)[1])
        try:
            body = self._json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            return self._error(400, f"invalid JSON: {exc}")
        route = {"/api/chat": self._chat, "/api/generate": self._generate, "/api/show": self._show,
                 "/api/create": self._create}.get(self.path)
        if route is None:
            return self._error(404, "404 page not found")
        route(body)

    def _tag(self, m: _Model) -> dict:
        return {"name": m.name, "model": m.name, "modified_at": m.modified_at, "size": m.size, "digest": m.digest,
                "details": self._details(m)}

    @staticmethod
    def _details(m: _Model) -> dict:
        return {"parent_model": "", "format": "gguf", "family": "llama", "families": ["llama"],
                "parameter_size": "0.1M", "quantization_level": "F16"}

    def _blob(self, digest: str) -> None:
        data = self._body()
        if "sha256:" + hashlib.sha256(data).hexdigest() != digest:
            return self._error(400, "digest mismatch")
        path = self.server.blob_path(digest)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        self._send(201)

    def _create(self, body: dict) -> None:
        name = body.get("model")
        if not name:
            return self._error(400, "model is required")
        try:
            self.server.create(name, body.get("files") or {}, body.get("adapters"), body.get("template"),
                               body.get("system"), body.get("parameters") or {})
        except ValueError as exc:
            return self._error(400, str(exc))
        steps = ["parsing GGUF", "using existing layer", "writing manifest", "success"]
        if body.get("stream", True):
            self._start_stream()
            for s in steps:
                self._line({"status": s})
            self._end_stream()
        else:
            self._send(200, {"status": "success"})

    def _show(self, body: dict) -> None:
        m = self.server.find(body.get("model") or body.get("name") or "")
        if m is None:
            return self._error(404, f"model '{body.get('model')}' not found")
        params = "\n".join(f"{k} {v}" for k, v in m.parameters.items())
        modelfile = f"FROM {m.gguf}\n" + (f"ADAPTER {m.adapter}\n" if m.adapter else "") + \
            (f'SYSTEM """{m.system}"""\n' if m.system else "")
        self._send(200, {"license": "", "modelfile": modelfile, "parameters": params, "template": m.template or "",
                         "system": m.system or "", "details": self._details(m),
                         "model_info": {"general.architecture": "llama"}, "capabilities": ["completion"],
                         "modified_at": m.modified_at})

    def _chat(self, body: dict) -> None:
        self._answer(body, chat=True)

    def _generate(self, body: dict) -> None:
        self._answer(body, chat=False)

    def _answer(self, body: dict, *, chat: bool) -> None:
        name = body.get("model", "")
        m = self.server.find(name)
        if m is None:
            return self._error(404, f"model '{name}' not found")
        stream = body.get("stream", True)
        opts = {**m.parameters, **(body.get("options") or {})}
        if chat:
            messages = list(body.get("messages") or [])
        else:
            if not body.get("prompt"):
                return self._send(200, {"model": name, "created_at": _now(), "response": "", "done": True,
                                        "done_reason": "load"})
            messages = [{"role": "user", "content": body["prompt"]}]
            if body.get("system"):
                messages.insert(0, {"role": "system", "content": body["system"]})
        if m.system and not any(x.get("role") == "system" for x in messages):
            messages.insert(0, {"role": "system", "content": m.system})
        fault = self.server.take_fault()
        if fault and fault["mode"] == "slow":
            if self.server.stopping.wait(fault["delay_s"]):
                self.close_connection = True
                return
        t_start = time.perf_counter_ns()
        llm, load_ns = m.acquire()
        try:
            self._run(llm, m, name, messages, opts, stream, chat, fault, t_start, load_ns)
        finally:
            m.release(llm)
        if body.get("keep_alive") in (0, "0", "0s"):
            m.unload()

    def _run(self, llm, m: _Model, name, messages, opts, stream, chat, fault, t_start, load_ns) -> None:
        import llama_cpp
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        eos, bos = llm.token_eos(), llm.token_bos()
        fmt = Jinja2ChatFormatter(template=llm.metadata["tokenizer.chat_template"],
                                  eos_token=llm._model.token_get_text(eos), bos_token=llm._model.token_get_text(bos))
        prompt = fmt(messages=messages).prompt
        tokens = llm.tokenize(prompt.encode(), add_bos=False, special=True)
        num_predict = int(opts.get("num_predict", 128))
        temp = float(opts.get("temperature", 0.8))
        llm.set_seed(int(opts.get("seed", 0)))
        t_gen = time.perf_counter_ns()
        first_ns = None
        out: list[int] = []
        # Ollama never splits a character across messages; an incremental decoder gives the same
        # text as decoding the whole answer at once (stray bytes become U+FFFD, as in Go's JSON).
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        done_reason = "length"
        key = "message" if chat else "response"

        def piece(text: str) -> dict:
            base = {"model": name, "created_at": _now()}
            base[key] = {"role": "assistant", "content": text} if chat else text
            return base

        if stream:
            self._start_stream()
        sent = 0
        for tok in llm.generate(tokens, top_k=int(opts.get("top_k", 40)), top_p=float(opts.get("top_p", 0.9)),
                                min_p=0.0, temp=temp, repeat_penalty=1.0, reset=True):
            if first_ns is None:
                first_ns = time.perf_counter_ns()
            if llama_cpp.llama_vocab_is_eog(llm._model.vocab, tok):
                done_reason = "stop"
                break
            out.append(tok)
            text = decoder.decode(llm.detokenize([tok]))
            if text and stream:
                if fault and fault["mode"] == "broken" and sent >= fault["after_chunks"]:
                    return self._cut()
                if fault and fault["mode"] == "invalid_utf8" and sent == 0:
                    line = json.dumps(piece("X")).encode().replace(b'"X"', b'"hei \xff\xfe"') + b"\n"
                    self._chunk(line)
                else:
                    self._line(piece(text))
                sent += 1
            if len(out) >= num_predict:
                break
        t_end = time.perf_counter_ns()
        # A character cut off by num_predict is dropped, not turned into U+FFFD.
        cut = len(decoder.getstate()[0])
        raw = llm.detokenize(out)
        full = raw[:len(raw) - cut].decode("utf-8", errors="replace")
        final = piece("" if stream else full)
        final.update({"done": True, "done_reason": done_reason, "total_duration": t_end - t_start + load_ns,
                      "load_duration": load_ns, "prompt_eval_count": len(tokens),
                      "prompt_eval_duration": (first_ns or t_end) - t_gen, "eval_count": len(out),
                      "eval_duration": t_end - (first_ns or t_end)})
        if not chat:
            final["context"] = tokens + out
        if stream:
            if fault and fault["mode"] == "broken":
                return self._cut()
            self._line(final)
            self._end_stream()
        elif fault and fault["mode"] == "invalid_utf8":
            data = json.dumps(final).encode()
            data = data.replace(b'"done": true', b'"bad": "\xff\xfe", "done": true')
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        else:
            self._send(200, final)
