"""``llamacpp``: the exported GGUF run in process with llama-cpp-python.

This is what a clinic's Ollama runs under the hood, minus the server: the gate
evaluates the exact GGUF bytes that will ship. The chat template comes from the
GGUF metadata (``tokenizer.chat_template``) unless the caller passes one (from the
registry's tokenizer artifact). Decoding is token by token through
``Llama.generate`` so that time to first token, the per-request deadline and the
token counts are measured exactly, not estimated.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from gate.errors import BackendError, MissingDependencyError

from .base import BaseBackend, DecodingParams, Generation
from .errors import BackendTimeout, ModelMissing


# llama-cpp-python silences llama.cpp by swapping the process's stdout/stderr file descriptors
# while a model loads; two loads at once in different threads would restore them in the wrong
# order and leave stdout pointing at /dev/null. One load at a time, process-wide.
_LOAD_LOCK = threading.Lock()


def check_gguf_magic(path: Path) -> None:
    """Refuse a file that does not start with the GGUF magic bytes, naming it."""
    try:
        with open(path, "rb") as f:
            magic = f.read(4)
    except OSError as exc:
        raise ModelMissing(f"{path}: cannot read the GGUF ({exc.strerror or exc})") from None
    if magic != b"GGUF":
        raise BackendError(f"{path}: not a GGUF file (it does not start with the GGUF magic bytes)")


class LlamaCppBackend(BaseBackend):
    """A GGUF model (optionally with a GGUF LoRA adapter over it) served in process."""

    name = "llamacpp"

    def __init__(self, gguf_path: str | Path, *, digest: str | None = None, adapter_path: str | Path | None = None,
                 chat_template: str | None = None, n_threads: int | None = None, n_ctx: int = 2048,
                 system_prompt: str | None = None, timeout_s: float | None = None, model_name: str | None = None,
                 gguf_sha256: str | None = None, adapter_sha256: str | None = None):
        self.gguf_path = Path(gguf_path)
        self.adapter_path = Path(adapter_path) if adapter_path else None
        for p in (self.gguf_path, self.adapter_path):
            if p is not None and not p.is_file():
                raise ModelMissing(f"{p}: GGUF file does not exist")
            if p is not None:
                check_gguf_magic(p)
        # The registered hashes of the files: the loaded bytes are checked against them, because a
        # registered sha256 names bytes, not a path whose content can change underneath.
        self._expected = [(p, h) for p, h in ((self.gguf_path, gguf_sha256), (self.adapter_path, adapter_sha256))
                          if p is not None and h is not None]
        self.chat_template = chat_template
        self.n_threads = n_threads
        self.n_ctx = n_ctx
        self.system_prompt = system_prompt
        self.timeout_s = timeout_s
        self.model_name = model_name
        self._digest = digest
        self._llm = None
        self._formatter = None
        self._add_bos = False
        # One llama.cpp context serves one request at a time; concurrent callers queue here.
        self._lock = threading.Lock()

    @property
    def digest(self) -> str:
        """sha256 of the GGUF (and adapter, and an overriding chat template): the bytes evaluated."""
        self.check_bytes()
        if self._digest is None:
            from registry import hash_file, hash_value

            parts = [hash_file(self.gguf_path)]
            if self.adapter_path:
                parts.append(hash_file(self.adapter_path))
            if self.chat_template:
                parts.append(hash_value(self.chat_template))
            self._digest = parts[0] if len(parts) == 1 else hash_value(parts)
        return self._digest

    def check_bytes(self) -> None:
        """Refuse files whose bytes are not the registered ones (hashed once per file version)."""
        from registry.hashing import hash_file_cached

        for path, expected in self._expected:
            try:
                actual = hash_file_cached(path)
            except OSError as exc:
                raise ModelMissing(f"{path}: cannot read the GGUF ({exc.strerror or exc})") from None
            if actual != expected:
                raise BackendError(f"{path}: the file's bytes ({actual[:19]}…) are not the registered ones "
                                   f"({expected[:19]}…); refusing to evaluate them (see: chirogate registry verify)")

    def _load(self):
        if self._llm is not None:
            return self._llm
        self.check_bytes()
        try:
            from llama_cpp import Llama
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter
        except ImportError:
            raise MissingDependencyError("the llamacpp backend", "llama-cpp-python") from None
        t0 = time.perf_counter()
        # A context longer than the model was trained for only produces garbage (and a warning).
        trained = _trained_context(self.gguf_path)
        if trained:
            self.n_ctx = min(self.n_ctx, trained)
        try:
            with _LOAD_LOCK:
                llm = Llama(model_path=str(self.gguf_path),
                            lora_path=str(self.adapter_path) if self.adapter_path else None,
                            n_ctx=self.n_ctx, n_threads=self.n_threads, seed=0, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise BackendError(f"{self.gguf_path}: llama.cpp cannot load this GGUF: {exc}") from None
        template = self.chat_template or llm.metadata.get("tokenizer.chat_template")
        if not template:
            raise BackendError(f"{self.gguf_path}: the GGUF has no tokenizer.chat_template and the registry "
                               "gave none; re-export it with a chat template")
        eos, bos = llm.token_eos(), llm.token_bos()
        self._formatter = Jinja2ChatFormatter(
            template=template,
            eos_token=llm._model.token_get_text(eos) if eos != -1 else "",
            bos_token=llm._model.token_get_text(bos) if bos != -1 else "")
        self._add_bos = llm.metadata.get("tokenizer.ggml.add_bos_token", "false") == "true"
        self.load_s = time.perf_counter() - t0
        self._llm = llm
        return llm

    def prompt_tokens(self, messages: Sequence[dict[str, str]]) -> list[int]:
        """The token ids of the rendered chat prompt (system prompt applied)."""
        with self._lock:
            llm = self._load()
            return self._tokenize(llm, self.prepare_messages(messages))

    def _tokenize(self, llm, msgs: list[dict[str, str]]) -> list[int]:
        prompt = self._formatter(messages=msgs).prompt
        return llm.tokenize(prompt.encode("utf-8"), add_bos=self._add_bos, special=True)

    def generate(self, messages: Sequence[dict[str, str]], params: DecodingParams, *,
                 timeout_s: float | None = None) -> Generation:
        """Greedy (or sampled, if params say so) decoding of the chat prompt, measured per token."""
        import llama_cpp

        msgs = self.prepare_messages(messages)
        limit = timeout_s if timeout_s is not None else self.timeout_s
        with self._lock:
            llm = self._load()
            tokens = self._tokenize(llm, msgs)
            if len(tokens) >= self.n_ctx:
                raise BackendError(f"prompt of {len(tokens)} tokens does not fit the context of {self.n_ctx} tokens "
                                   f"({self.gguf_path.name}: the smaller of its trained context and "
                                   "[backends.llamacpp] n_ctx)")
            # Like Ollama, an answer stops where the context ends (done_reason "length", context_limited).
            room = min(params.max_tokens, self.n_ctx - len(tokens))
            llm.set_seed(params.seed)
            greedy = params.temperature == 0
            t0 = time.perf_counter()
            ttft = None
            out: list[int] = []
            stopped = "length"
            vocab = llm._model.vocab
            for tok in llm.generate(tokens, top_k=1 if greedy else params.top_k, top_p=params.top_p, min_p=0.0,
                                    temp=params.temperature, repeat_penalty=1.0, reset=True):
                if llama_cpp.llama_vocab_is_eog(vocab, tok):
                    stopped = "stop"
                    break
                if ttft is None:
                    ttft = time.perf_counter() - t0
                out.append(tok)
                if params.stop and _hits_stop(llm.detokenize(out), params.stop):
                    stopped = "stop"
                    break
                if len(out) >= room:
                    break
                if limit is not None and time.perf_counter() - t0 > limit:
                    raise BackendTimeout(f"llamacpp: generation exceeded the {limit:g} s timeout "
                                         f"({self.gguf_path.name}, {len(out)} tokens so far)")
            raw = llm.detokenize(out)
            total = time.perf_counter() - t0
        text, bad = _decode(raw, room == len(out))
        text = _cut_at_stop(text, params.stop)
        meta = {"done_reason": stopped}
        if stopped == "length" and room < params.max_tokens:  # cut by the context, not by max_tokens
            meta["context_limited"] = True
        if bad:
            meta["invalid_utf8_bytes"] = bad
        return Generation(text=text, ttft_s=ttft if ttft is not None else total, total_s=total,
                          prompt_tokens=len(tokens), completion_tokens=len(out), meta=meta)

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                with _LOAD_LOCK:
                    self._llm.close()
                self._llm = None


def _trained_context(path: Path) -> int | None:
    """``<arch>.context_length`` from the GGUF header (None if absent or unreadable)."""
    try:
        from gguf import GGUFReader

        fields = GGUFReader(str(path)).fields
        arch = fields["general.architecture"].contents()
        return int(fields[f"{arch}.context_length"].contents())
    except Exception:  # noqa: BLE001 - the header is advisory here; llama.cpp reports real problems
        return None


def _hits_stop(raw: bytes, stop: Sequence[str]) -> bool:
    text = raw.decode("utf-8", errors="ignore")
    return any(s and s in text for s in stop)


def _cut_at_stop(text: str, stop: Sequence[str]) -> str:
    cut = len(text)
    for s in stop:
        i = text.find(s) if s else -1
        if i != -1:
            cut = min(cut, i)
    return text[:cut]


def _decode(raw: bytes, truncated: bool) -> tuple[str, int]:
    """Model bytes to text. A multi-byte character cut off by max_tokens is dropped (not an error);
    other invalid bytes (a small model can emit stray byte tokens) become U+FFFD and are counted in
    the generation's meta, so a scorer can see them, instead of failing the whole run."""
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError as exc:
        if truncated and exc.end == len(raw) and exc.reason == "unexpected end of data":
            head = raw[:exc.start]
            try:
                return head.decode("utf-8"), 0
            except UnicodeDecodeError:
                raw = head
        text = raw.decode("utf-8", errors="replace")
        return text, text.count("\ufffd")
