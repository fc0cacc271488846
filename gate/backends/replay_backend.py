"""``replay``: generations recorded in the registry, served again without any model.

CI re-checks a gate (new thresholds, a fixed scorer) on the answers a model gave
earlier: same model digest, same messages, same decoding parameters. A request
that was never recorded is an error naming what is missing, never an empty
string: a silent "" would be scored as a real (terrible) answer.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from registry import Registry
from registry import generations as cache

from .base import BaseBackend, DecodingParams, Generation
from .errors import RecordingMissing


class ReplayBackend(BaseBackend):
    """Recorded generations for one model digest (whichever backend recorded them)."""

    name = "replay"
    cacheable = False
    """The runner neither reads nor writes the cache for replay: replay *is* the cache."""

    def __init__(self, reg: Registry, digest: str, *, system_prompt: str | None = None,
                 model_name: str | None = None):
        self.reg = reg
        self._digest = digest
        self.system_prompt = system_prompt
        self.model_name = model_name
        self._backends = cache.recorded_backends(reg, digest)
        if not self._backends:
            who = f"model '{model_name}'" if model_name else f"model digest {digest}"
            raise RecordingMissing(f"no recorded generations for {who}: record them first with "
                                   f"`chirogate generate {model_name or 'MODEL'} --cases FILE --backend llamacpp`")

    @property
    def digest(self) -> str:
        return self._digest

    def generate(self, messages: Sequence[dict[str, str]], params: DecodingParams, *,
                 timeout_s: float | None = None) -> Generation:
        """The recorded answer to exactly these messages and params; RecordingMissing if none."""
        t0 = time.perf_counter()
        msgs = self.prepare_messages(messages)
        keys = {cache.cache_key(self._digest, b, msgs, params): b for b in self._backends}
        found = cache.get_many(self.reg, keys)
        for key, backend in keys.items():
            row = found.get(key)
            if row is not None:
                # No fresh timing exists: ttft is None (as the protocol says for replay); the
                # recorded timings stay in meta for whoever wants to see them.
                return Generation(text=row.text, ttft_s=None, total_s=time.perf_counter() - t0,
                                  prompt_tokens=row.prompt_tokens, completion_tokens=row.completion_tokens,
                                  meta={**row.meta, "replayed_from": backend, "recorded_ttft_s": row.ttft_s,
                                        "recorded_total_s": row.total_s})
        raise RecordingMissing(f"no recorded generation for this request (model digest {self._digest[:19]}…, "
                               f"recorded by {', '.join(self._backends)}; messages or decoding params differ)")
