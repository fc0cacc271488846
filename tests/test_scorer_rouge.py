"""ROUGE with the Norwegian tokenizer, checked against the real rouge-score package."""

from __future__ import annotations

import random

import pytest
from rouge_score import rouge_scorer, tokenize

from gate.cases import Case
from gate.scorers.registry import from_spec, get_scorer
from gate.scorers.rouge import NorwegianTokenizer, lcs_length, rouge, rouge_scores, rouge_summary


def case(reference):
    return Case("c1", ({"role": "user", "content": "x"},), reference=reference)


def test_tokenizer_keeps_norwegian_letters_where_stock_splits_them():
    assert NorwegianTokenizer().tokenize("Høyre skulder på Ålesund, L4/L5 7/10") == [
        "høyre", "skulder", "på", "ålesund", "l4", "l5", "7", "10"]
    # the stock tokenizer is what we replace: it mangles the same text
    assert tokenize.tokenize("Høyre på", None) == ["h", "yre", "p"]


def test_norwegian_letters_change_the_score():
    # "hø" and "h" are different words; the stock tokenizer would call these outputs identical
    ours = rouge_scores("smerter i høyre side", "smerter i h side")["rougeL"]
    stock = rouge_scorer.RougeScorer(["rougeL"]).score("smerter i høyre side", "smerter i h side")["rougeL"].fmeasure
    assert stock > ours
    assert ours == pytest.approx(0.75)


def test_bit_parallel_lcs_equals_rouge_score_rouge_l():
    rng = random.Random(7)
    words = ["smerter", "høyre", "venstre", "i", "på", "nakke", "og", "ved", "rygg", "7/10"]
    stock = rouge_scorer.RougeScorer(["rougeL", "rouge1", "rouge2"], tokenizer=NorwegianTokenizer())
    for _ in range(300):
        a = " ".join(rng.choice(words) for _ in range(rng.randint(0, 70)))
        b = " ".join(rng.choice(words) for _ in range(rng.randint(0, 70)))
        ours, theirs = rouge_scores(a, b), stock.score(a, b)
        for k in ("rouge1", "rouge2", "rougeL"):
            assert ours[k] == pytest.approx(theirs[k].fmeasure, abs=1e-12), (k, a, b)
    assert lcs_length(list("abcbdab"), list("bdcaba")) == 4


def test_scorer_unscored_without_reference_and_threshold():
    s = rouge()
    assert s(case(None), "noe").value is None and s(case(None), "noe").passed is None
    same = s(case("Smerter i høyre skulder."), "smerter i høyre skulder")
    assert same.value == pytest.approx(1.0) and same.passed
    low = s(case("Smerter i høyre skulder."), "Pasienten har hodepine")
    assert low.value == 0.0 and low.passed is False
    with pytest.raises(ValueError):
        rouge(metric="rougeX")


def test_summary_mean_ci_counts_unscored_and_is_seeded():
    values = [0.5, 0.7, 0.9, None, 0.6, 0.8]
    a, b = rouge_summary(values, seed=3), rouge_summary(values, seed=3)
    assert a == b
    assert a.mean == pytest.approx(0.7) and a.n_scored == 5 and a.n_unscored == 1
    assert a.ci_low < a.mean < a.ci_high and a.ci_low >= 0.5 and a.ci_high <= 0.9
    empty = rouge_summary([None, None])
    assert empty.mean is None and empty.n_unscored == 2


def test_spec_replays_the_same_scorer():
    s = get_scorer("rouge", metric="rouge1", threshold=0.3)
    assert s.spec.to_dict() == {"name": "rouge", "args": {"metric": "rouge1", "threshold": 0.3}, "version": 1}
    again = from_spec(s.spec.to_dict())
    c = case("smerter i nakken og høyre skulder")
    assert again(c, "nakken smerter") == s(c, "nakken smerter")
