"""The generation runner: every case answered once, cached at once, resumable.

:func:`run_generations` asks a backend for each case's answer with bounded
concurrency, a per-request timeout and bounded retries with backoff, and writes
every finished answer to the registry's generation cache immediately (one small
transaction each). The cache key is ``hash_value([backend.digest, backend.name,
messages, params])`` over the messages the model really sees (a baseline's
system prompt included), so a killed run resumes where it stopped and a warm
re-run does not call the model at all.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

from registry import Registry, current_actor
from registry import generations as cache

from .backends.base import Backend, DecodingParams, Generation, TransientBackendError
from .cases import CASE_KINDS, Case
from .errors import BackendError, InputError


def case_params(case: Case, params: DecodingParams) -> DecodingParams:
    """The decoding parameters for one case: its own ``max_tokens`` wins over the default."""
    if case.max_tokens and case.max_tokens != params.max_tokens:
        return dataclasses.replace(params, max_tokens=case.max_tokens)
    return params


def _prepare(backend: Backend, case: Case) -> list[dict[str, str]]:
    prepare = getattr(backend, "prepare_messages", None)
    return prepare(case.messages) if prepare else [dict(m) for m in case.messages]


def _takes_timeout(backend: Backend) -> bool:
    try:
        return "timeout_s" in inspect.signature(backend.generate).parameters
    except (TypeError, ValueError):
        return False


def call_with_retries(backend: Backend, messages: Sequence[dict[str, str]], params: DecodingParams, *,
                      timeout_s: float | None = None, retries: int = 2, backoff_s: float = 0.5) -> Generation:
    """One request; transient failures (timeout, connection, broken stream) retried with exponential
    backoff up to ``retries`` times; anything else (model missing, invalid output) raised at once."""
    kwargs = {"timeout_s": timeout_s} if timeout_s is not None and _takes_timeout(backend) else {}
    attempt = 0
    while True:
        try:
            return backend.generate(messages, params, **kwargs)
        except TransientBackendError:
            if attempt >= retries:
                raise
            time.sleep(backoff_s * (2 ** attempt))
            attempt += 1


def run_generations(reg: Registry, backend: Backend, cases: Sequence[Case], params: DecodingParams, *,
                    concurrency: int = 1, timeout_s: float | None = None, retries: int = 2,
                    progress: bool = True, use_cache: bool = True, backoff_s: float = 0.5,
                    on_answer=None) -> dict[str, Generation]:
    """Answer every case; return ``{case.id: Generation}`` in case order.

    Cached answers are returned without touching the model (``meta["cached"] = True``).
    Each new answer is committed to the cache as soon as it finishes. On a failure that
    retries do not cure, the runner stops sending new requests, keeps what finished, and
    raises :class:`BackendError` naming the case; re-running continues from there.
    ``use_cache=False`` neither reads nor writes the cache (latency probes need fresh
    timings); a backend with ``cacheable = False`` (replay) is never cached either.
    ``on_answer(case_id, generation)`` is called (in the calling thread) after each new answer is
    recorded: progress reporting, or a test that acts after N answers without racing a timer.
    """
    if concurrency < 1:
        raise InputError(f"concurrency must be >= 1, got {concurrency}")
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise InputError(f"case id '{dup}' appears more than once")
    cacheable = use_cache and getattr(backend, "cacheable", True)
    digest, name = backend.digest, backend.name
    plan = []  # (case, messages, params as a plain dict, key)
    as_dict: dict[DecodingParams, dict] = {}  # converted once per distinct params, not per case
    for c in cases:
        msgs = _prepare(backend, c)
        p = case_params(c, params)
        pd = as_dict.get(p)
        if pd is None:
            pd = as_dict[p] = dataclasses.asdict(p)
        plan.append((c, msgs, p, pd, cache.cache_key(digest, name, msgs, pd)))
    results: dict[str, Generation] = {}
    if cacheable:
        hits = cache.get_many(reg, [k for *_, k in plan])
        for c, _, _, _, key in plan:
            row = hits.get(key)
            if row is not None:
                results[c.id] = Generation(row.text, row.ttft_s, row.total_s or 0.0, row.prompt_tokens,
                                           row.completion_tokens, {**row.meta, "cached": True})
    todo = [item for item in plan if item[0].id not in results]
    model_name = getattr(backend, "model_name", None)

    actor = current_actor()  # once, not per answer: it may ask the OS user database

    def record(item, gen: Generation) -> None:
        c, msgs, _, pd, key = item
        results[c.id] = gen
        if cacheable:
            meta = dict(gen.meta)
            if model_name:
                meta["model"] = model_name
            cache.put(reg, key=key, model_digest=digest, backend=name, case_id=c.id, messages=msgs, params=pd,
                      text=gen.text, ttft_s=gen.ttft_s, total_s=gen.total_s, prompt_tokens=gen.prompt_tokens,
                      completion_tokens=gen.completion_tokens, meta=meta, actor=actor)
        if on_answer is not None:
            on_answer(c.id, gen)

    def call(item) -> Generation:
        return call_with_retries(backend, item[1], item[2], timeout_s=timeout_s, retries=retries, backoff_s=backoff_s)

    bar = _progress(len(plan), len(results), name, progress)
    failure: tuple[str, BaseException] | None = None
    try:
        if concurrency == 1:
            # In line: no thread hand-off, so the runner costs nothing next to a direct loop.
            for item in todo:
                try:
                    gen = call(item)
                except BackendError as exc:
                    failure = (item[0].id, exc)
                    break
                record(item, gen)
                bar.update(1)
        else:
            failure = _run_pool(todo, call, record, bar, concurrency)
    finally:
        bar.close()
    if failure is not None:
        case_id, exc = failure
        new = sum(1 for item in todo if item[0].id in results)
        kept = (f"{len(results)} of {len(plan)} generations are done and cached; re-run to continue"
                if cacheable else f"{len(results)} of {len(plan)} generations finished")
        raise type(exc)(f"case '{case_id}': {exc} ({kept}; {new} new this run)") from None
    return {c.id: results[c.id] for c in cases}


def _run_pool(todo, call, record, bar, concurrency: int):
    """Bounded concurrency: at most ``concurrency`` requests in flight; results recorded by this
    (the calling) thread only, so the registry connection is never written from two threads."""
    failure = None
    pending = iter(todo)
    inflight: dict[Future, tuple] = {}
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="chirogate-gen") as pool:
        try:
            for item in pending:
                inflight[pool.submit(call, item)] = item
                if len(inflight) >= concurrency:
                    break
            while inflight:
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for fut in done:
                    item = inflight.pop(fut)
                    exc = fut.exception()
                    if exc is None:
                        record(item, fut.result())
                        bar.update(1)
                    elif isinstance(exc, BackendError):
                        failure = failure or (item[0].id, exc)
                    else:
                        raise exc
                    if failure is None:
                        nxt = next(pending, None)
                        if nxt is not None:
                            inflight[pool.submit(call, nxt)] = nxt
        except BaseException:
            for fut in inflight:
                fut.cancel()
            raise
    return failure


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, done: int, name: str, enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, initial=done, desc=f"generate ({name})", unit="case", file=sys.stderr,
                dynamic_ncols=True, leave=False, disable=None)  # None: off when not a terminal


def load_cases(path: str | Path, *, default_kind: str = "reference") -> list[Case]:
    """Cases from a JSONL file: one object per line with ``id`` and ``messages`` (chat turns), and
    optionally ``kind``, ``reference``, ``doc_type``, ``region``, ``max_tokens``; other fields go to
    ``meta``. A line with a ``prompt`` and no ``messages`` is a clinic benchmark case
    (:func:`gate.scorers.benchmark_cases.benchmark_case`). Errors name the file, line and field."""
    from registry.jsonl import read_jsonl

    from .scorers.benchmark_cases import benchmark_case, is_benchmark_line

    p = Path(path)
    cases: list[Case] = []
    seen: set[str] = set()
    bench_seen: dict[str, int] = {}
    bench_warned: set[str] = set()
    for n, obj in read_jsonl(p, missing="cases file does not exist"):
        if is_benchmark_line(obj):  # the clinic's benchmark format; one file may mix both
            case = benchmark_case(p, n, obj, bench_seen, bench_warned)
            if case.id in seen:
                raise InputError.at(p, f"duplicate case id '{case.id}'", line=n, field="id")
            seen.add(case.id)
            cases.append(case)
            continue
        cid = obj.get("id")
        if not isinstance(cid, str) or not cid:
            raise InputError.at(p, "missing or empty", line=n, field="id")
        if cid in seen:
            raise InputError.at(p, f"duplicate case id '{cid}'", line=n, field="id")
        seen.add(cid)
        msgs = obj.get("messages")
        if not isinstance(msgs, list) or not msgs:
            raise InputError.at(p, "expected a non-empty list of chat messages", line=n, field="messages")
        for i, m in enumerate(msgs):
            if not (isinstance(m, dict) and m.get("role") in ("system", "user", "assistant")
                    and isinstance(m.get("content"), str)):
                raise InputError.at(p, "each message needs role system|user|assistant and string content",
                                    line=n, field=f"messages[{i}]")
        # A case is asked, not answered: a trailing assistant turn is the reference answer.
        reference = obj.get("reference")
        if msgs[-1]["role"] == "assistant":
            reference = reference if reference is not None else msgs[-1]["content"]
            msgs = msgs[:-1]
        kind = obj.get("kind", default_kind)
        if kind not in CASE_KINDS:
            raise InputError.at(p, f"unknown kind {kind!r} (expected {', '.join(CASE_KINDS)})", line=n, field="kind")
        mt = obj.get("max_tokens")
        if mt is not None and (not isinstance(mt, int) or isinstance(mt, bool) or mt < 1):
            raise InputError.at(p, f"expected a positive integer, got {mt!r}", line=n, field="max_tokens")
        known = {"id", "messages", "kind", "reference", "doc_type", "region", "max_tokens", "meta"}
        meta = dict(obj.get("meta") or {})
        meta.update({k: v for k, v in obj.items() if k not in known})
        cases.append(Case(id=cid, messages=tuple(msgs), kind=kind, reference=reference, doc_type=obj.get("doc_type"),
                          region=obj.get("region"), max_tokens=mt, meta=meta))
    if not cases:
        raise InputError(f"{p}: no cases in file")
    return cases
