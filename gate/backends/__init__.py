"""Model backends: one protocol (:mod:`gate.backends.base`), four ways to run a model.

:func:`get_backend` resolves a registered model to the exact bytes a backend
serves (GGUF, adapter, Ollama model) from the registry and the ``[backends]``
config section. Backend modules import their heavy libraries only when a model is
loaded, so importing this package is cheap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from gate.config import Config, load_config
from gate.errors import InputError, NotFoundError
from registry import Registry
from registry.records import Artifact, Model

from .base import Backend, BaseBackend, DecodingParams, Generation

BACKENDS = ("ollama", "llamacpp", "transformers", "replay", "openai")


@dataclass
class OllamaConfig:
    """``[backends.ollama]``: where the Ollama server is (``$OLLAMA_HOST`` wins over ``host``)."""

    host: str | list[str] = "http://127.0.0.1:11434"
    """One server, or a list: cases are spread over them (see :mod:`gate.endpoints`)."""
    timeout_s: float = 120.0
    keep_alive: str = "5m"

    def __post_init__(self) -> None:
        if isinstance(self.host, list) and not self.host:
            raise ValueError("field 'host' must name at least one server")
        if self.timeout_s <= 0:
            raise ValueError(f"field 'timeout_s' must be > 0, got {self.timeout_s}")


@dataclass
class LlamaCppConfig:
    """``[backends.llamacpp]``: in-process llama.cpp settings."""

    n_threads: int = 0
    """CPU threads; 0 = llama.cpp's default (all cores)."""
    n_ctx: int = 4096
    quantization: str = ""
    """GGUF quantization to load when a model has several (e.g. ``q4_k_m``); empty: the model's current
    GGUF, the newest registered, which is the one the Modelfile ships and the one promotion checks."""
    timeout_s: float = 300.0

    def __post_init__(self) -> None:
        if self.n_threads < 0:
            raise ValueError(f"field 'n_threads' must be >= 0, got {self.n_threads}")
        if self.n_ctx < 64:
            raise ValueError(f"field 'n_ctx' must be >= 64, got {self.n_ctx}")
        if self.timeout_s <= 0:
            raise ValueError(f"field 'timeout_s' must be > 0, got {self.timeout_s}")


@dataclass
class OpenAIConfig:
    """``[backends.openai]``: OpenAI-compatible servers (vLLM, llama.cpp server, TGI, LM Studio)."""

    base_url: str | list[str] = "http://127.0.0.1:8000/v1"
    """One server's ``.../v1`` URL, or a list: cases are spread over them, each must serve the same bytes."""
    api_key_env: str = ""
    """Name of the environment variable holding the API key (never the key itself); empty: no key."""
    model: str = ""
    """Model id to request; empty: the only model the server lists."""
    timeout_s: float = 120.0
    concurrency: int = 1
    """Requests in flight per endpoint (match the server's parallel slots)."""
    identity: str = "strict"
    """``strict``: refuse a server that does not name the registered GGUF's sha256; ``asserted``: accept
    one that names no sha256 (recorded as asserted, not proven). A server naming another sha256 is always refused."""

    def __post_init__(self) -> None:
        urls = self.base_url if isinstance(self.base_url, list) else [self.base_url]
        if not urls or not all(isinstance(u, str) and u for u in urls):
            raise ValueError(f"field 'base_url' must be a URL or a non-empty list of URLs, got {self.base_url!r}")
        if len(set(urls)) != len(urls):
            raise ValueError("field 'base_url' lists the same URL twice")
        if self.timeout_s <= 0:
            raise ValueError(f"field 'timeout_s' must be > 0, got {self.timeout_s}")
        if self.concurrency < 1:
            raise ValueError(f"field 'concurrency' must be >= 1, got {self.concurrency}")
        if self.identity not in ("strict", "asserted"):
            raise ValueError(f"field 'identity' must be strict or asserted, got {self.identity!r}")
        if self.api_key_env and not self.api_key_env.replace("_", "").isalnum():
            raise ValueError("field 'api_key_env' must be the NAME of an environment variable, not a key")

    @property
    def urls(self) -> list[str]:
        return list(self.base_url) if isinstance(self.base_url, list) else [self.base_url]


@dataclass
class TransformersConfig:
    """``[backends.transformers]``: base + adapter in process."""

    device: str = "auto"
    """``auto`` (CUDA when available), ``cpu`` or ``cuda``."""
    timeout_s: float = 600.0

    def __post_init__(self) -> None:
        if self.device not in ("auto", "cpu", "cuda") and not self.device.startswith("cuda:"):
            raise ValueError(f"field 'device' must be auto, cpu or cuda, got {self.device!r}")
        if self.timeout_s <= 0:
            raise ValueError(f"field 'timeout_s' must be > 0, got {self.timeout_s}")


@dataclass
class BackendsConfig:
    """``[backends]``: the default backend and the runner's defaults."""

    default: str = "llamacpp"
    concurrency: int = 1
    """Parallel requests (match the server's OLLAMA_NUM_PARALLEL; llama.cpp in process queues them)."""
    retries: int = 2
    """Retries of a request that failed for a transient reason (timeout, connection, broken stream)."""
    max_tokens: int = 256
    """Default generation limit (a case's own ``max_tokens`` wins)."""
    seed: int = 0
    ollama: OllamaConfig = field(default_factory=OllamaConfig)
    llamacpp: LlamaCppConfig = field(default_factory=LlamaCppConfig)
    transformers: TransformersConfig = field(default_factory=TransformersConfig)
    openai: OpenAIConfig = field(default_factory=OpenAIConfig)

    def __post_init__(self) -> None:
        if self.default not in BACKENDS:
            raise ValueError(f"field 'default' must be one of {', '.join(BACKENDS)}, got {self.default!r}")
        if self.concurrency < 1:
            raise ValueError(f"field 'concurrency' must be >= 1, got {self.concurrency}")
        if self.retries < 0:
            raise ValueError(f"field 'retries' must be >= 0, got {self.retries}")
        if self.max_tokens < 1:
            raise ValueError(f"field 'max_tokens' must be >= 1, got {self.max_tokens}")

    def decoding(self) -> DecodingParams:
        """The evaluation decoding parameters: greedy, fixed seed, configured max tokens."""
        return DecodingParams(max_tokens=self.max_tokens, seed=self.seed)


def backends_config(config: Config | None = None) -> BackendsConfig:
    """``[backends]`` with its nested ``[backends.ollama|llamacpp|transformers]`` tables."""
    config = config if config is not None else load_config()
    cfg = config.section("backends", BackendsConfig)
    cfg.ollama = config.section("backends.ollama", OllamaConfig)
    cfg.llamacpp = config.section("backends.llamacpp", LlamaCppConfig)
    cfg.transformers = config.section("backends.transformers", TransformersConfig)
    cfg.openai = config.section("backends.openai", OpenAIConfig)
    return cfg


def get_backend(kind: str | None, model: Model, reg: Registry, config: Config | None = None, **opts: Any) -> Backend:
    """The backend ``kind`` (None = ``[backends] default``) serving registered ``model``.

    Resolution from the registry: ``llamacpp`` runs the model's newest ``gguf`` artifact,
    preferring ``[backends.llamacpp] quantization`` (or ``opts["quantization"]``), with a
    ``gguf-adapter`` applied over its base GGUF when the model has an adapter but no GGUF of
    its own (or when ``opts["gguf_adapter"]`` asks for it); ``transformers`` runs
    ``model.base_model`` (a directory, or a registered model's ``merged`` artifact) plus the
    model's ``adapter`` artifact; ``ollama`` asks the server for
    ``model.ollama_name`` (``opts["ollama_name"]`` overrides); ``replay`` serves the generations
    recorded for the model's digest (``opts["digest"]``, else the newest digest recorded for it);
    ``openai`` asks the OpenAI-compatible server(s) at ``[backends.openai] base_url`` (``opts["base_url"]``
    overrides) for the model's GGUF, identified by its sha256 (see :mod:`gate.backends.identity`).
    Several ``base_url`` (or Ollama ``host``) values give an :class:`gate.endpoints.EndpointPool`.
    A baseline's ``system_prompt`` is prepended to every case without a system turn.
    ``opts`` may also carry ``timeout_s``, ``host``, ``n_threads``, ``n_ctx``, ``device``.
    """
    cfg = backends_config(config)
    kind = kind or cfg.default
    common = {"system_prompt": model.system_prompt, "model_name": model.name}
    if kind == "llamacpp":
        from .llamacpp_backend import LlamaCppBackend

        c = cfg.llamacpp
        gguf, adapter = _resolve_gguf(reg, model, opts.get("quantization") or c.quantization,
                                      bool(opts.get("gguf_adapter", False)))
        parts = [gguf.sha256] + ([adapter.sha256] if adapter else [])
        from registry import hash_value

        return LlamaCppBackend(
            reg.artifact_path(gguf), adapter_path=reg.artifact_path(adapter) if adapter else None,
            digest=parts[0] if len(parts) == 1 else hash_value(parts),
            gguf_sha256=gguf.sha256, adapter_sha256=adapter.sha256 if adapter else None,
            n_threads=opts.get("n_threads", c.n_threads) or None, n_ctx=opts.get("n_ctx", c.n_ctx),
            timeout_s=opts.get("timeout_s", c.timeout_s), **common)
    if kind == "ollama":
        from .ollama_backend import OllamaBackend

        c = cfg.ollama
        name = opts.get("ollama_name") or model.ollama_name
        if not name:
            raise NotFoundError(f"model '{model.name}' has no Ollama name in the registry: create it on the server "
                                f"(`ollama create {model.name} -f Modelfile`) and record it with export's "
                                "--ollama-create, or pass ollama_name")
        host = opts.get("host") or os.environ.get("OLLAMA_HOST") or c.host
        hosts = host if isinstance(host, list) else [host]
        members = [OllamaBackend(name, host=h, timeout_s=opts.get("timeout_s", c.timeout_s),
                                 keep_alive=opts.get("keep_alive", c.keep_alive), **common) for h in hosts]
        return members[0] if len(members) == 1 else _pool(members, cfg.concurrency)
    if kind == "openai":
        from .openai_backend import OpenAIBackend

        c = cfg.openai
        ggufs = reg.artifacts(model.name, "gguf")
        if not ggufs:
            raise NotFoundError(f"model '{model.name}' has no 'gguf' artifact: the openai backend binds a server to "
                                f"the GGUF it serves (chirogate export {model.name} --quantize q8_0)")
        quant = opts.get("quantization") or cfg.llamacpp.quantization
        gguf = ([a for a in ggufs if a.quantization == quant] or ggufs)[-1]
        urls = opts.get("base_url") or c.urls
        urls = urls if isinstance(urls, list) else [urls]
        members = [OpenAIBackend(u, gguf_sha256=gguf.sha256, served_model=opts.get("served_model", c.model),
                                 api_key_env=opts.get("api_key_env", c.api_key_env),
                                 timeout_s=opts.get("timeout_s", c.timeout_s),
                                 identity=opts.get("identity", c.identity), **common) for u in urls]
        return _pool(members, opts.get("concurrency", c.concurrency))
    if kind == "transformers":
        from .transformers_backend import TransformersBackend

        c = cfg.transformers
        base_path, base_digest = _resolve_base_dir(reg, model)
        adapters = reg.artifacts(model.name, "adapter")
        adapter = adapters[-1] if adapters else None
        digest = None
        if base_digest:
            from registry import hash_value

            digest = hash_value([base_digest] + ([adapter.sha256] if adapter else []))
        return TransformersBackend(base_path, adapter_path=reg.artifact_path(adapter) if adapter else None,
                                   digest=digest, device=opts.get("device", c.device),
                                   timeout_s=opts.get("timeout_s", c.timeout_s), **common)
    if kind == "replay":
        from registry import generations

        from .replay_backend import ReplayBackend

        digest = opts.get("digest")
        if digest is None:
            recorded = generations.recorded_digests(reg, model.name)
            digest = recorded[0] if recorded else "sha256:none-recorded"
        return ReplayBackend(reg, digest, **common)
    raise InputError(f"unknown backend {kind!r}: expected one of {', '.join(BACKENDS)}")


def _pool(members: list, concurrency: int):
    from gate.endpoints import EndpointPool

    return EndpointPool(members, concurrency)


def _resolve_gguf(reg: Registry, model: Model, quantization: str | None,
                  use_adapter: bool = False) -> tuple[Artifact, Artifact | None]:
    """The GGUF to load for ``model`` and the GGUF LoRA adapter to apply over it (or None).

    A model's own (merged) GGUF wins unless ``use_adapter``; without one, or with it, the newest
    ``gguf-adapter`` is applied over its base GGUF."""
    ggufs = reg.artifacts(model.name, "gguf")
    if ggufs and not use_adapter:
        preferred = [a for a in ggufs if a.quantization == quantization]
        return (preferred or ggufs)[-1], None
    adapters = reg.artifacts(model.name, "gguf-adapter")
    if not adapters:
        raise NotFoundError(f"model '{model.name}' has no 'gguf' or 'gguf-adapter' artifact: export it first "
                            f"(chirogate export {model.name} --quantize q8_0)")
    adapter = adapters[-1]
    base = _base_gguf(reg, model, adapter, quantization)
    return base, adapter


def _base_gguf(reg: Registry, model: Model, adapter: Artifact, quantization: str | None) -> Artifact:
    """The base GGUF a GGUF adapter applies to: named in the adapter's meta, else the parent's GGUF."""
    sha = adapter.meta.get("base_gguf_sha256") or adapter.meta.get("base_sha256")
    all_ggufs = reg.artifacts(kind="gguf")
    if sha:
        for a in all_ggufs:
            if a.sha256 == sha:
                return a
    # The export registers the adapter's base GGUF without a model, tagged for the model it serves.
    bases = [a for a in all_ggufs if a.meta.get("role") == "adapter-base" and a.meta.get("for_model") == model.name]
    if bases:
        preferred = [a for a in bases if a.quantization == quantization]
        return (preferred or bases)[-1]
    if model.parent:
        ggufs = reg.artifacts(model.parent, "gguf")
        if ggufs:
            preferred = [a for a in ggufs if a.quantization == quantization]
            return (preferred or ggufs)[-1]
    raise NotFoundError(f"model '{model.name}' has a GGUF adapter but its base GGUF is not in the registry "
                        "(register the base GGUF, or record base_gguf_sha256 in the adapter's meta)")


def _resolve_base_dir(reg: Registry, model: Model) -> tuple[os.PathLike | str, str | None]:
    """The base model directory for the transformers backend and its content digest (if known)."""
    base = model.base_model
    try:
        ref = reg.resolve(base)
    except Exception:  # noqa: BLE001 - not a registered name: a path or hub id
        ref = None
    if ref is not None:
        merged = [a for a in reg.artifacts(ref.name, "merged") if a.is_dir]
        if merged:
            return reg.artifact_path(merged[-1]), merged[-1].sha256
    if os.path.isdir(base):
        return base, None
    raise NotFoundError(f"model '{model.name}': base model {base!r} is not a local directory or a registered "
                        "model with a 'merged' artifact (the transformers backend cannot download offline)")


__all__ = ["BACKENDS", "Backend", "BaseBackend", "BackendsConfig", "DecodingParams", "Generation",
           "LlamaCppConfig", "OllamaConfig", "OpenAIConfig", "TransformersConfig", "backends_config", "get_backend"]
