"""What a clinician reviews: the model's outputs on a stratified sample of cases.

:func:`collect_items` gets the outputs through the normal generation runner (so a
model the suites already ran is served from the generation cache, and the packet
shows exactly what was gated); :func:`stratified_sample` picks the cases so that
every document type and body region is represented in proportion.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from registry import Registry

from ..cases import Case

#: Case kinds a clinician reviews (probes for latency, canaries and abstention are not notes).
REVIEW_KINDS = ("reference", "benchmark")
UNKNOWN = "ukjent"


@dataclass(frozen=True)
class ReviewItem:
    """One case in a review packet."""

    case_id: str
    doc_type: str
    region: str
    input: str
    """What the model was asked (the user turns)."""
    output: str
    """The reviewed model's answer."""
    output_b: str | None = None
    """The baseline's answer (blind A/B packets only)."""


def _stratum(c: Case) -> tuple[str, str]:
    return (c.doc_type or UNKNOWN, c.region or UNKNOWN)


def stratified_sample(items: Sequence[Case], n: int, *, seed: int = 0) -> list[Case]:
    """``n`` cases spread over (doc type, region) strata in proportion to their sizes.

    Largest-remainder allocation of ``n * size / total``, with at least one case per stratum
    whenever ``n`` is at least the number of strata; items within a stratum are drawn with a seeded RNG, so
    the same cases and seed give the same sample. Fewer than ``n`` cases: all of them.
    The result is ordered by doc type, region and case id.
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    order = lambda c: (*_stratum(c), c.id)  # noqa: E731
    if len(items) <= n:
        return sorted(items, key=order)
    strata: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for c in sorted(items, key=order):
        strata[_stratum(c)].append(c)
    keys = sorted(strata)
    total = len(items)
    exact = {k: n * len(strata[k]) / total for k in keys}
    alloc = {k: int(exact[k]) for k in keys}
    if n >= len(keys):
        alloc = {k: max(1, a) for k, a in alloc.items()}  # every stratum seen at least once
    left = n - sum(alloc.values())
    # Largest remainder first; if the one-per-stratum floor overshot, take back from the
    # strata most over their proportional share (never below one).
    for k in sorted(keys, key=lambda k: (-(exact[k] - int(exact[k])), k)):
        if left <= 0:
            break
        if alloc[k] < len(strata[k]):
            alloc[k] += 1
            left -= 1
    while left < 0:
        k = max((k for k in keys if alloc[k] > 1), key=lambda k: (alloc[k] - exact[k], k))
        alloc[k] -= 1
        left += 1
    rng = random.Random(seed)
    picked: list[Case] = []
    for k in keys:
        picked.extend(rng.sample(strata[k], min(alloc[k], len(strata[k]))))
    return sorted(picked, key=order)


def collect_items(reg: Registry, model: str, cases: Sequence[Case], *, backend: str | None = None,
                  config=None, baseline: str | None = None, progress: bool = True) -> list[ReviewItem]:
    """The model's (and, for a blind A/B packet, the baseline's) outputs on the reviewable cases.

    Generation goes through :func:`gate.generation.run_generations` with the evaluation
    decoding of ``[backends]``: cached answers are reused, missing ones generated.
    """
    from ..backends import backends_config, get_backend
    from ..generation import run_generations

    cases = [c for c in cases if c.kind in REVIEW_KINDS]
    if not cases:
        from ..errors import InputError

        raise InputError("no reviewable cases (kinds reference or benchmark) to put in a review packet")
    cfg = backends_config(config)
    outputs = {}
    for name in [model] + ([baseline] if baseline else []):
        m = reg.resolve(name)
        be = get_backend(backend, m, reg, config)
        outputs[name] = run_generations(reg, be, cases, cfg.decoding(), concurrency=cfg.concurrency,
                                        retries=cfg.retries, progress=progress)
    return [ReviewItem(c.id, c.doc_type or UNKNOWN, c.region or UNKNOWN, c.prompt, outputs[model][c.id].text,
                       outputs[baseline][c.id].text if baseline else None) for c in cases]


def model_cases(reg: Registry, model: str, *, cases_path=None, config=None) -> list[Case]:
    """The cases to review: ``cases_path`` (JSONL, as ``--cases``), else the gate's default cases for the model."""
    from ..generation import load_cases

    if cases_path is not None:
        return load_cases(cases_path)
    from ..suite_hash import default_cases

    return default_cases(reg, reg.resolve(model), config)
