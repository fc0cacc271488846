"""``ollama``: the model as the clinics run it, through the official ``ollama`` client.

Requests stream, so time to first token is measured on the wire; Ollama's own
``load_duration``, ``prompt_eval_duration`` and ``eval_duration`` (nanoseconds on
the wire, seconds in :attr:`Generation.meta`) are kept, so a cold model load is
told apart from warm latency. The model digest the server reports (``/api/tags``)
is the backend's digest: a model re-created under the same name is a new model.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence

from gate.errors import BackendError, MissingDependencyError

from .base import BaseBackend, DecodingParams, Generation
from .errors import BackendTimeout, BackendUnreachable, BrokenStream, InvalidOutput, ModelMissing

_NS = 1e-9


class OllamaBackend(BaseBackend):
    """A model on an Ollama server (real, or the test suite's fake speaking the same API)."""

    name = "ollama"

    def __init__(self, ollama_name: str, *, host: str | None = None, timeout_s: float | None = None,
                 system_prompt: str | None = None, keep_alive: str | float | None = None,
                 model_name: str | None = None):
        try:
            import ollama
        except ImportError:
            raise MissingDependencyError("the ollama backend", "ollama") from None
        self.ollama_name = ollama_name
        self.timeout_s = timeout_s
        self.system_prompt = system_prompt
        self.keep_alive = keep_alive
        self.model_name = model_name
        # The transport checks the raw bytes: httpx would otherwise decode invalid UTF-8 into U+FFFD
        # silently, and a corrupted answer would be scored as if the model had written it.
        self.client = ollama.Client(host=host, timeout=timeout_s, transport=_Utf8CheckingTransport())
        self.host = str(self.client._client.base_url).rstrip("/")
        self._digest: str | None = None

    # ---- errors as a user should read them -------------------------------------------------

    def _unreachable(self) -> BackendError:
        return BackendUnreachable(f"cannot reach the Ollama server at {self.host}: start it with `ollama serve` "
                                  "(or set OLLAMA_HOST / [backends.ollama] host to where it runs)")

    def _missing(self) -> BackendError:
        return ModelMissing(f"model '{self.ollama_name}' is not on the Ollama server at {self.host}: create it "
                            f"with `ollama create {self.ollama_name} -f Modelfile` "
                            "(or `chirogate export ... --ollama-create`)")

    def _translate(self, exc: BaseException) -> BackendError:
        import httpx
        import ollama

        if isinstance(exc, BackendError):
            return exc
        if isinstance(exc, ollama.ResponseError):
            if exc.status_code == 404 or "not found" in str(exc.error).lower():
                return self._missing()
            if exc.status_code == -1:  # an {"error": ...} line inside a stream
                return BrokenStream(f"Ollama at {self.host} aborted the answer for '{self.ollama_name}': {exc.error}")
            return BackendError(f"Ollama at {self.host} refused the request for '{self.ollama_name}': "
                                f"{exc.error} (HTTP {exc.status_code})")
        if isinstance(exc, ConnectionError):  # the client's own "Failed to connect"
            return self._unreachable()
        if isinstance(exc, httpx.TimeoutException):
            return BackendTimeout(f"Ollama at {self.host} did not answer within {self.timeout_s:g} s "
                                  f"for '{self.ollama_name}'")
        if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.StreamError)):
            return BrokenStream(f"the stream from Ollama at {self.host} broke off for '{self.ollama_name}': {exc}")
        if isinstance(exc, httpx.TransportError):
            return self._unreachable()
        if isinstance(exc, UnicodeDecodeError):
            return InvalidOutput(f"Ollama at {self.host} sent invalid UTF-8 for '{self.ollama_name}' "
                                 f"(byte {exc.start})")
        if isinstance(exc, json.JSONDecodeError):
            return BrokenStream(f"Ollama at {self.host} sent a malformed message for '{self.ollama_name}': {exc.msg}")
        raise exc

    # ---- protocol --------------------------------------------------------------------------

    @property
    def digest(self) -> str:
        """The model digest as the server reports it (``/api/tags``), prefixed ``sha256:``."""
        if self._digest is None:
            try:
                models = self.client.list().models
            except Exception as exc:  # noqa: BLE001 - translated, or re-raised if unknown
                raise self._translate(exc) from None
            wanted = {self.ollama_name, f"{self.ollama_name}:latest"}
            for m in models:
                if m.model in wanted and m.digest:
                    self._digest = m.digest if m.digest.startswith("sha256:") else "sha256:" + m.digest
                    break
            else:
                raise self._missing()
        return self._digest

    def options(self, params: DecodingParams) -> dict:
        """Ollama request options for ``params`` (greedy: temperature 0, top_k 1, fixed seed)."""
        opts = {"temperature": params.temperature, "top_k": 1 if params.temperature == 0 else params.top_k,
                "top_p": params.top_p, "seed": params.seed, "num_predict": params.max_tokens}
        if params.stop:
            opts["stop"] = list(params.stop)
        return opts

    def generate(self, messages: Sequence[dict[str, str]], params: DecodingParams, *,
                 timeout_s: float | None = None) -> Generation:
        """Stream one chat answer; measure TTFT on the wire and keep Ollama's own timings."""
        msgs = self.prepare_messages(messages)
        limit = timeout_s if timeout_s is not None else self.timeout_s
        t0 = time.perf_counter()
        ttft = None
        parts: list[str] = []
        final = None
        try:
            stream = self.client.chat(model=self.ollama_name, messages=msgs, stream=True,
                                      options=self.options(params), keep_alive=self.keep_alive)
            for part in stream:
                content = part.message.content or "" if part.message else ""
                if content:
                    if ttft is None:
                        ttft = time.perf_counter() - t0
                    parts.append(content)
                if part.done:
                    final = part
                    break
                if limit is not None and time.perf_counter() - t0 > limit:
                    raise BackendTimeout(f"Ollama at {self.host} exceeded the {limit:g} s timeout "
                                         f"for '{self.ollama_name}'")
        except Exception as exc:  # noqa: BLE001 - translated, or re-raised if unknown
            raise self._translate(exc) from None
        total = time.perf_counter() - t0
        if final is None:
            raise BrokenStream(f"the stream from Ollama at {self.host} ended without its final message "
                               f"for '{self.ollama_name}'")
        text = "".join(parts)
        meta = {"done_reason": final.done_reason, "ollama_model": self.ollama_name}
        for f in ("total_duration", "load_duration", "prompt_eval_duration", "eval_duration"):
            v = getattr(final, f)
            if v is not None:
                meta[f.replace("_duration", "_s")] = v * _NS
        return Generation(text=text, ttft_s=ttft if ttft is not None else total, total_s=total,
                          prompt_tokens=final.prompt_eval_count, completion_tokens=final.eval_count, meta=meta)

    def close(self) -> None:
        self.client._client.close()


def _utf8_transport_classes():
    import codecs

    import httpx

    class _CheckedStream(httpx.SyncByteStream):
        def __init__(self, inner):
            self.inner = inner

        def __iter__(self):
            decoder = codecs.getincrementaldecoder("utf-8")("strict")
            for chunk in self.inner:
                decoder.decode(chunk)  # raises UnicodeDecodeError on bytes that are not UTF-8
                yield chunk
            decoder.decode(b"", final=True)

        def close(self):
            self.inner.close()

    class Transport(httpx.HTTPTransport):
        def handle_request(self, request):
            response = super().handle_request(request)
            response.stream = _CheckedStream(response.stream)
            return response

    return Transport


def _Utf8CheckingTransport():  # noqa: N802 - reads like the class it builds
    """An httpx transport whose response bodies must be valid UTF-8 (checked incrementally)."""
    return _utf8_transport_classes()()
