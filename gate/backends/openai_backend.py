"""``openai``: a model on any OpenAI-compatible chat-completions server (vLLM, llama.cpp's
``llama-server``, ``python -m llama_cpp.server``, TGI, LM Studio), through the official
``openai`` client.

Requests stream, so time to first token is measured on the wire; decoding is greedy with
the fixed seed (``top_k`` goes in the request body, which llama.cpp and vLLM read); the
server's own ``usage`` and, where it sends them, ``timings`` are kept in
:attr:`Generation.meta`. The backend's digest is the sha256 of the registered GGUF, and
:mod:`gate.backends.identity` checks what the server says it serves against it before the
first request: a server that names other weights is refused.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from typing import Any

from gate.errors import BackendError, InputError, MissingDependencyError

from .base import BaseBackend, DecodingParams, Generation
from .errors import BackendTimeout, BackendUnreachable, BrokenStream, ModelMissing


class AuthRefused(BackendError):
    """The server refused the API key (HTTP 401/403)."""


def normalize_base_url(url: str) -> str:
    """``url`` checked and without a trailing slash; a URL that is not http(s)://host[:port][/path]
    is an :class:`InputError` naming the field."""
    import httpx

    try:
        u = httpx.URL(url)
    except Exception:  # noqa: BLE001 - any parse failure is the user's URL
        raise InputError(f"[backends.openai] field 'base_url': not a URL: {url!r}") from None
    if u.scheme not in ("http", "https") or not u.host:
        raise InputError(f"[backends.openai] field 'base_url': expected http(s)://host:port/v1, got {url!r}")
    return str(u).rstrip("/")


class OpenAIBackend(BaseBackend):
    """One OpenAI-compatible endpoint serving the registered GGUF whose sha256 is ``gguf_sha256``."""

    name = "openai"

    def __init__(self, base_url: str, *, gguf_sha256: str, served_model: str = "", api_key_env: str = "",
                 timeout_s: float | None = 120.0, system_prompt: str | None = None, model_name: str | None = None,
                 identity: str = "strict", gguf_path: str | os.PathLike | None = None):
        try:
            import openai
        except ImportError:
            raise MissingDependencyError("the openai backend", "openai") from None
        self.base_url = normalize_base_url(base_url)
        self.gguf_sha256 = gguf_sha256
        self.gguf_path = gguf_path
        self.served_model = served_model
        self.api_key_env = api_key_env
        self.timeout_s = timeout_s
        self.system_prompt = system_prompt
        self.model_name = model_name
        self.identity = identity
        self.identity_evidence: Any = None
        """What the server said about its weights and how it was judged (set by the identity check)."""
        key = os.environ.get(api_key_env) if api_key_env else None
        if api_key_env and not key:
            raise InputError(f"[backends.openai] field 'api_key_env': environment variable ${api_key_env} is not set")
        # The client wants some key; servers without auth ignore it. Retries are the runner's job.
        self.client = openai.OpenAI(base_url=self.base_url, api_key=key or "no-key", timeout=timeout_s,
                                    max_retries=0)
        self._checked = False

    # ---- errors as a user should read them -------------------------------------------------

    def _translate(self, exc: BaseException) -> BackendError:
        import httpx
        import openai

        if isinstance(exc, BackendError):
            return exc
        where = f"the OpenAI-compatible server at {self.base_url}"
        if isinstance(exc, openai.APITimeoutError):
            return BackendTimeout(f"{where} did not answer within {self.timeout_s:g} s")
        if isinstance(exc, openai.APIConnectionError):
            cause = exc.__cause__
            if isinstance(cause, (httpx.RemoteProtocolError, httpx.ReadError)):
                return BrokenStream(f"the stream from {where} broke off: {type(cause).__name__}")
            return BackendUnreachable(f"cannot reach {where}: start the server there (or fix [backends.openai] "
                                      "base_url)")
        if isinstance(exc, openai.AuthenticationError) or isinstance(exc, openai.PermissionDeniedError):
            env = f"${self.api_key_env}" if self.api_key_env else "no key (set [backends.openai] api_key_env)"
            return AuthRefused(f"{where} refused the API key (HTTP {exc.status_code}); the key came from {env}")
        if isinstance(exc, openai.NotFoundError):
            return ModelMissing(f"{where} does not serve model '{self.served_model}' (HTTP 404)")
        if isinstance(exc, openai.APIStatusError):
            return BackendError(f"{where} refused the request (HTTP {exc.status_code})")
        if isinstance(exc, (json.JSONDecodeError, openai.APIResponseValidationError)):
            return BrokenStream(f"{where} sent a malformed stream event (not a chat-completion chunk)")
        if isinstance(exc, openai.APIError):  # an {"error": ...} event inside the stream
            return BrokenStream(f"{where} aborted the answer: {exc.message[:200]}")
        if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.StreamError)):
            return BrokenStream(f"the stream from {where} broke off: {type(exc).__name__}")
        if isinstance(exc, httpx.TimeoutException):
            return BackendTimeout(f"{where} did not answer within {self.timeout_s:g} s")
        if isinstance(exc, httpx.TransportError):
            return BackendUnreachable(f"cannot reach {where}")
        if isinstance(exc, (AttributeError, KeyError, TypeError, ValueError)):
            return BrokenStream(f"{where} sent a malformed stream event ({type(exc).__name__})")
        raise exc

    # ---- protocol --------------------------------------------------------------------------

    @property
    def digest(self) -> str:
        """The registered GGUF's sha256, once the server's own account of its weights agrees with it."""
        if not self._checked:
            self.check_identity()
        return self.gguf_sha256

    def check_identity(self):
        """Ask the server what it serves and refuse it when that contradicts the registered GGUF
        (see :func:`gate.backends.identity.check_server`); also picks the served model id."""
        from .identity import check_server

        try:
            evidence = check_server(self)
        except BackendError:
            raise
        except Exception as exc:  # noqa: BLE001 - translated, or re-raised if unknown
            raise self._translate(exc) from None
        self.identity_evidence = evidence
        self.served_model = evidence.served_model
        self._checked = True
        return evidence

    def request(self, params: DecodingParams) -> dict[str, Any]:
        """The request fields for ``params`` (greedy: temperature 0 and top_k 1, fixed seed)."""
        body: dict[str, Any] = {"temperature": params.temperature, "top_p": params.top_p, "seed": params.seed,
                                "max_tokens": params.max_tokens,
                                "extra_body": {"top_k": 1 if params.temperature == 0 else params.top_k}}
        if params.stop:
            body["stop"] = list(params.stop)
        return body

    def generate(self, messages: Sequence[dict[str, str]], params: DecodingParams, *,
                 timeout_s: float | None = None) -> Generation:
        """Stream one chat answer; measure TTFT on the wire; keep the server's usage and timings."""
        msgs = self.prepare_messages(messages)
        if not self._checked:
            self.check_identity()
        limit = timeout_s if timeout_s is not None else self.timeout_s
        t0 = time.perf_counter()
        ttft = None
        parts: list[str] = []
        finish = None
        usage = None
        extra: dict[str, Any] = {}
        chunks = 0
        try:
            client = self.client.with_options(timeout=limit) if limit is not None else self.client
            stream = client.chat.completions.create(model=self.served_model, messages=msgs, stream=True,
                                                    stream_options={"include_usage": True}, **self.request(params))
            with stream:
                for chunk in stream:
                    if chunk.usage is not None:
                        usage = chunk.usage
                    for f in ("timings", "system_fingerprint"):
                        v = getattr(chunk, f, None) or (chunk.model_extra or {}).get(f)
                        if v:
                            extra[f] = v
                    for choice in chunk.choices or ():
                        content = choice.delta.content if choice.delta is not None else None
                        if content:
                            if ttft is None:
                                ttft = time.perf_counter() - t0
                            parts.append(content)
                            chunks += 1
                        if choice.finish_reason:
                            finish = choice.finish_reason
                    if limit is not None and time.perf_counter() - t0 > limit:
                        raise BackendTimeout(f"the OpenAI-compatible server at {self.base_url} exceeded the "
                                             f"{limit:g} s timeout")
        except Exception as exc:  # noqa: BLE001 - translated, or re-raised if unknown
            raise self._translate(exc) from None
        total = time.perf_counter() - t0
        if finish is None:
            raise BrokenStream(f"the stream from the OpenAI-compatible server at {self.base_url} ended without "
                               "a finish_reason")
        meta: dict[str, Any] = {"finish_reason": finish, "endpoint": self.base_url, "served_model": self.served_model}
        if usage is not None:
            meta["usage"] = {k: v for k, v in usage.model_dump().items() if v is not None}
            prompt_tokens, completion_tokens = usage.prompt_tokens, usage.completion_tokens
        else:
            # Servers that ignore stream_options (llama_cpp.server) send no usage in a stream; each of
            # their content chunks is one token, so the count is kept, and labelled as counted.
            prompt_tokens, completion_tokens = None, chunks
            meta["usage_source"] = "counted stream chunks (the server sent no usage)"
        meta.update(extra)
        return Generation(text="".join(parts), ttft_s=ttft if ttft is not None else total, total_s=total,
                          prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, meta=meta)

    def close(self) -> None:
        self.client.close()
