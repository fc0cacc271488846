"""ROUGE-1/2/L against the reference, with a tokenizer that keeps Norwegian letters.

The stock rouge-score tokenizer keeps only ``[a-z0-9]``: "høyre" becomes "h" + "yre"
and "på" becomes "p", which inflates overlap and distorts scores on Norwegian. Here a
token is a run of letters (æ, ø, å, é, è, ü ... included) or digits, lowercased, with
no English stemmer. ROUGE-1/2 come from rouge-score's ``RougeScorer``; ROUGE-L uses a
bit-parallel LCS (Hyyrö 2004) that returns exactly rouge-score's LCS length but runs
in O(n) big-integer steps instead of a pure-Python O(n·m) table (16 ms -> ~0.2 ms on a
300-word note), which is what makes 100 cases/s possible.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from gate.cases import Case
from gate.thresholds import Threshold

from .base import Score
from .registry import scorer

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


class NorwegianTokenizer:
    """rouge-score tokenizer: lowercase runs of letters/digits; æ, ø, å kept; no stemming."""

    def tokenize(self, text: str) -> list[str]:
        """Tokens of ``text`` (``"Høyre-sidig L4/L5"`` -> ``["høyre", "sidig", "l4", "l5"]``)."""
        return _TOKEN.findall(text.lower())


@lru_cache(maxsize=1)
def _ngram_scorer():
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=False, tokenizer=NorwegianTokenizer())


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token lists (bit-parallel)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, tok in enumerate(a):
        masks[tok] = masks.get(tok, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for tok in b:
        m = masks.get(tok)
        if m is None:
            continue
        u = v & m
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


def _f(lcs: int, n_ref: int, n_out: int) -> float:
    if lcs == 0 or n_ref == 0 or n_out == 0:
        return 0.0
    p, r = lcs / n_out, lcs / n_ref
    return 2 * p * r / (p + r)


def rouge_scores(reference: str, output: str) -> dict[str, float]:
    """ROUGE-1/2/L F-measures of ``output`` against ``reference`` (Norwegian tokenizer)."""
    scores = _ngram_scorer().score(reference, output)
    tok = NorwegianTokenizer()
    ref_t, out_t = tok.tokenize(reference), tok.tokenize(output)
    return {"rouge1": scores["rouge1"].fmeasure, "rouge2": scores["rouge2"].fmeasure,
            "rougeL": _f(lcs_length(ref_t, out_t), len(ref_t), len(out_t))}


@scorer("rouge")
def rouge(metric: str = "rougeL", threshold: float | str = 0.6):
    """ROUGE scorer factory: value = ``metric`` F-measure; passed = the value meets ``threshold``: a
    number means ``> number`` (the clinic's target), a string is the gate's configured expression
    (``"rouge_l >= 0.6"``), judged by :class:`gate.thresholds.Threshold` like the gate itself.

    Unscored (value None) when the case has no reference."""
    if metric not in ROUGE_TYPES:
        raise ValueError(f"metric must be one of {ROUGE_TYPES}, got {metric!r}")
    thr = (Threshold.parse(threshold) if isinstance(threshold, str)
           else Threshold(metric, ">", float(threshold)))

    def score(case: Case, output: str) -> Score:
        if not case.reference:
            return Score(None, None, "no reference answer: unscored")
        s = rouge_scores(case.reference, output)
        value = s[metric]
        return Score(value, thr.holds(value), f"{metric} F = {value:.3f} (threshold {thr.op} {thr.value:g})",
                     details=s)

    return score


@dataclass(frozen=True)
class RougeSummary:
    """Mean of the scored values with a seeded percentile-bootstrap 95 % CI."""

    mean: float | None
    ci_low: float | None
    ci_high: float | None
    n_scored: int
    n_unscored: int


def rouge_summary(scores: Sequence[Score | float | None], *, n_boot: int = 2000, seed: int = 0,
                  level: float = 0.95) -> RougeSummary:
    """Mean of the scored values and a bootstrap CI; unscored entries are counted, not zeroed."""
    values = [s.value if isinstance(s, Score) else s for s in scores]
    vals = [float(v) for v in values if v is not None]
    unscored = len(values) - len(vals)
    if not vals:
        return RougeSummary(None, None, None, 0, unscored)
    mean = math.fsum(vals) / len(vals)
    if len(vals) == 1:
        return RougeSummary(mean, mean, mean, 1, unscored)
    rng = random.Random(seed)
    n = len(vals)
    means = sorted(math.fsum(vals[rng.randrange(n)] for _ in range(n)) / n for _ in range(n_boot))
    alpha = (1 - level) / 2
    lo = means[int(math.floor(alpha * (n_boot - 1)))]
    hi = means[int(math.ceil((1 - alpha) * (n_boot - 1)))]
    return RougeSummary(mean, lo, hi, n, unscored)
