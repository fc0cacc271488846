"""``transformers``: base model + peft LoRA adapter in process (CPU or CUDA).

The slowest backend, but the only one that exposes token log-probabilities
(:meth:`TransformersBackend.token_logprobs`), which the canary exposure metric
needs, and the one that runs an adapter before it is merged and exported.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from gate.errors import BackendError, MissingDependencyError

from .base import BaseBackend, DecodingParams, Generation
from .errors import BackendTimeout, ModelMissing


class TransformersBackend(BaseBackend):
    """A Hugging Face base model directory, optionally with a peft adapter directory over it."""

    name = "transformers"

    def __init__(self, base_path: str | Path, *, adapter_path: str | Path | None = None, digest: str | None = None,
                 device: str = "auto", system_prompt: str | None = None, timeout_s: float | None = None,
                 model_name: str | None = None):
        self.base_path = Path(base_path)
        self.adapter_path = Path(adapter_path) if adapter_path else None
        for p in (self.base_path, self.adapter_path):
            if p is not None and not p.is_dir():
                raise ModelMissing(f"{p}: model directory does not exist (the transformers backend needs a local "
                                   "base model directory; hub downloads are not available offline)")
        self.device = device
        self.system_prompt = system_prompt
        self.timeout_s = timeout_s
        self.model_name = model_name
        self._digest = digest
        self._model = None
        self._tok = None
        self._lock = threading.Lock()

    @property
    def digest(self) -> str:
        """Hash of the base directory's files and the adapter's (what the weights are made of)."""
        if self._digest is None:
            from registry import hash_value

            parts = [_dir_hash(self.base_path)]
            if self.adapter_path:
                parts.append(_dir_hash(self.adapter_path))
            self._digest = hash_value(parts)
        return self._digest

    def _load(self):
        if self._model is not None:
            return self._model, self._tok
        try:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError:
            raise MissingDependencyError("the transformers backend", "transformers") from None
        t0 = time.perf_counter()
        device = self.device
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        try:
            tok = AutoTokenizer.from_pretrained(self.base_path)
            model = AutoModelForCausalLM.from_pretrained(self.base_path, dtype=torch.float32)
            if self.adapter_path:
                from peft import PeftModel

                model = PeftModel.from_pretrained(model, self.adapter_path)
        except (OSError, ValueError) as exc:
            raise BackendError(f"{self.adapter_path or self.base_path}: cannot load the model: {exc}") from None
        if not getattr(tok, "chat_template", None):
            raise BackendError(f"{self.base_path}: the tokenizer has no chat template")
        model.to(device).eval()
        self._device = device
        self.load_s = time.perf_counter() - t0
        self._model, self._tok = model, tok
        return model, tok

    def _prompt_ids(self, tok, msgs: list[dict[str, str]]):
        prompt = tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=True)
        return tok(prompt, add_special_tokens=False, return_tensors="pt").input_ids.to(self._device)

    def generate(self, messages: Sequence[dict[str, str]], params: DecodingParams, *,
                 timeout_s: float | None = None) -> Generation:
        """Greedy generation (sampled if temperature > 0), TTFT measured at the first new token."""
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        msgs = self.prepare_messages(messages)
        limit = timeout_s if timeout_s is not None else self.timeout_s
        with self._lock:
            model, tok = self._load()
            ids = self._prompt_ids(tok, msgs)
            clock: dict[str, float] = {}

            class _Watch(StoppingCriteria):
                # Called once per generated token: the first call is the first token's arrival.
                def __call__(self, input_ids, scores, **kwargs):
                    now = time.perf_counter()
                    clock.setdefault("first", now)
                    if limit is not None and now - clock["t0"] > limit:
                        clock["timeout"] = now
                        return torch.ones(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)
                    return torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)

            sample = params.temperature > 0
            kwargs = dict(max_new_tokens=params.max_tokens, do_sample=sample, pad_token_id=tok.pad_token_id
                          if tok.pad_token_id is not None else tok.eos_token_id,
                          stopping_criteria=StoppingCriteriaList([_Watch()]))
            if sample:
                kwargs.update(temperature=params.temperature, top_k=params.top_k, top_p=params.top_p)
            if params.stop:
                kwargs.update(stop_strings=list(params.stop), tokenizer=tok)
            torch.manual_seed(params.seed)
            clock["t0"] = time.perf_counter()
            with torch.no_grad():
                out = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), **kwargs)
            total = time.perf_counter() - clock["t0"]
        if "timeout" in clock:
            raise BackendTimeout(f"transformers: generation exceeded the {limit:g} s timeout")
        new = out[0, ids.shape[1]:].tolist()
        if tok.eos_token_id is not None and new and new[-1] == tok.eos_token_id:
            new = new[:-1]
        text = tok.decode(new, skip_special_tokens=True)
        for s in params.stop:
            if s and s in text:
                text = text[:text.index(s)]
        ttft = clock["first"] - clock["t0"] if "first" in clock else total
        return Generation(text=text, ttft_s=ttft, total_s=total, prompt_tokens=int(ids.shape[1]),
                          completion_tokens=len(new), meta={"device": self._device})

    def token_logprobs(self, messages: Sequence[dict[str, str]], continuation: str) -> list[float]:
        """Per-token natural-log probabilities of ``continuation`` right after the chat prompt.

        The canary exposure metric ranks a secret among random candidates by these; the
        continuation is tokenized on its own (no special tokens), as a model would emit it.
        """
        import torch

        msgs = self.prepare_messages(messages)
        with self._lock:
            model, tok = self._load()
            prompt = self._prompt_ids(tok, msgs)
            cont = tok(continuation, add_special_tokens=False, return_tensors="pt").input_ids.to(self._device)
            if cont.shape[1] == 0:
                return []
            ids = torch.cat([prompt, cont], dim=1)
            with torch.no_grad():
                logits = model(input_ids=ids).logits[0].float()
            logp = torch.log_softmax(logits[prompt.shape[1] - 1:-1], dim=-1)
            return logp.gather(1, cont[0].unsqueeze(1)).squeeze(1).tolist()

    def close(self) -> None:
        with self._lock:
            self._model = None
            self._tok = None


def _dir_hash(path: Path) -> str:
    from registry import hash_file, hash_value

    files = sorted(p for p in path.rglob("*") if p.is_file())
    return hash_value({str(p.relative_to(path)): hash_file(p) for p in files})
