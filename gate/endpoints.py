"""Many endpoints, one run: spread requests over servers that serve the same bytes.

An :class:`EndpointPool` is itself a backend (same protocol, same ``name`` and digest as its
members, so the generation cache does not care how many servers answered). Each endpoint
takes at most its own ``concurrency`` requests at once; a request goes to the live endpoint
with the fewest in flight. When an endpoint cannot be reached or its stream breaks, it is
marked down and the request is sent again to another one, so a server killed mid-run loses
no case; the runner records each answer once, from one thread, so none is recorded twice.
Before the first request every endpoint must report the same digest. Latency is kept per
endpoint (:meth:`EndpointPool.endpoint_stats`): different hardware is never averaged.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .backends.base import DecodingParams, Generation
from .backends.errors import BackendUnreachable, BrokenStream
from .errors import BackendError, InputError


@dataclass
class Endpoint:
    """One server in the pool and what it did during the run."""

    backend: Any
    concurrency: int = 1
    inflight: int = 0
    down: str | None = None
    """Why the endpoint was taken out of the run (None while it serves)."""
    totals: list[float] = field(default_factory=list)
    ttfts: list[float] = field(default_factory=list)
    failed_over: int = 0
    """Requests that failed here and were sent to another endpoint."""

    @property
    def url(self) -> str:
        return getattr(self.backend, "base_url", None) or getattr(self.backend, "host", "?")


@dataclass(frozen=True)
class EndpointStats:
    """Per-endpoint latency of the answers it gave in this run (seconds)."""

    endpoint: str
    answered: int
    p50_total_s: float | None
    p95_total_s: float | None
    p50_ttft_s: float | None
    failed_over: int
    down: str | None


class EndpointPool:
    """Several backends serving the same bytes, used as one backend (see the module doc)."""

    def __init__(self, backends: Sequence[Any], concurrency: int = 1):
        if not backends:
            raise InputError("an endpoint pool needs at least one endpoint")
        if concurrency < 1:
            raise InputError(f"per-endpoint concurrency must be >= 1, got {concurrency}")
        names = {b.name for b in backends}
        if len(names) != 1:
            raise InputError(f"all endpoints of a pool must be the same backend kind, got {', '.join(sorted(names))}")
        self.name = backends[0].name
        self.endpoints = [Endpoint(b, concurrency) for b in backends]
        self.concurrency = concurrency * len(backends)
        """Requests the runner may keep in flight: the sum of the endpoints' limits."""
        first = backends[0]
        self.system_prompt = getattr(first, "system_prompt", None)
        self.model_name = getattr(first, "model_name", None)
        self.timeout_s = getattr(first, "timeout_s", None)
        self.load_s = None
        self._cv = threading.Condition()
        self._digest: str | None = None

    # ---- identity ------------------------------------------------------------------------------

    @property
    def digest(self) -> str:
        """The one digest every endpoint serves; endpoints that disagree are refused before any request."""
        if self._digest is None:
            seen = [(ep.url, ep.backend.digest) for ep in self.endpoints]
            digests = {d for _, d in seen}
            if len(digests) != 1:
                listing = "; ".join(f"{u} serves {d[:19]}…" for u, d in seen)
                raise BackendError(f"the endpoints do not serve the same model: {listing}")
            self._digest = seen[0][1]
        return self._digest

    def prepare_messages(self, messages):
        return self.endpoints[0].backend.prepare_messages(messages)

    # ---- scheduling ----------------------------------------------------------------------------

    def _acquire(self) -> Endpoint:
        with self._cv:
            while True:
                live = [ep for ep in self.endpoints if ep.down is None]
                if not live:
                    reasons = "; ".join(f"{ep.url}: {ep.down}" for ep in self.endpoints)
                    raise BackendUnreachable(f"every endpoint is down ({reasons})")
                free = [ep for ep in live if ep.inflight < ep.concurrency]
                if free:
                    ep = min(free, key=lambda e: (e.inflight, self.endpoints.index(e)))
                    ep.inflight += 1
                    return ep
                self._cv.wait()

    def _release(self, ep: Endpoint, gen: Generation | None = None) -> None:
        with self._cv:
            ep.inflight -= 1
            if gen is not None:
                ep.totals.append(gen.total_s)
                if gen.ttft_s is not None:
                    ep.ttfts.append(gen.ttft_s)
            self._cv.notify_all()

    def _take_out(self, ep: Endpoint, reason: str) -> bool:
        """Release ``ep`` after a failed request and take it out of the run; False (and ``ep`` kept)
        when no other endpoint is live, so the caller re-raises instead of failing over."""
        with self._cv:
            ep.inflight -= 1
            others = [e for e in self.endpoints if e is not ep and e.down is None]
            if others:
                ep.failed_over += 1
                if ep.down is None:
                    ep.down = reason
            self._cv.notify_all()
            return bool(others)

    def generate(self, messages: Sequence[dict[str, str]], params: DecodingParams, *,
                 timeout_s: float | None = None) -> Generation:
        """Answer on the least busy live endpoint; on a dead endpoint, mark it down and try another."""
        kwargs = {"timeout_s": timeout_s} if timeout_s is not None else {}
        while True:
            ep = self._acquire()
            try:
                gen = ep.backend.generate(messages, params, **kwargs)
            except (BackendUnreachable, BrokenStream) as exc:
                # The server died or dropped the stream: nothing was recorded for this case, so it is
                # safe to send it again elsewhere (the runner records only returned answers). The last
                # live endpoint stays in: the error goes to the runner, whose retries may cure it.
                if not self._take_out(ep, str(exc)):
                    raise
                continue
            except BaseException:
                self._release(ep)
                raise
            self._release(ep, gen)
            return gen

    # ---- reporting -----------------------------------------------------------------------------

    def endpoint_stats(self) -> list[EndpointStats]:
        """Latency per endpoint for the answers given in this run (never pooled across servers)."""
        from .latency import percentile

        out = []
        for ep in self.endpoints:
            t, f = ep.totals, ep.ttfts
            out.append(EndpointStats(ep.url, len(t), percentile(t, 50) if t else None, percentile(t, 95) if t else None,
                                     percentile(f, 50) if f else None, ep.failed_over, ep.down))
        return out

    def close(self) -> None:
        for ep in self.endpoints:
            ep.backend.close()
