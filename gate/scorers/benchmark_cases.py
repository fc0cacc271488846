"""The clinic's benchmark cases (JSONL, format unchanged) and their checks.

Each line: ``id``, ``category``, ``description``, ``prompt``, ``system_prompt``,
``required_keywords``, ``forbidden_keywords``, ``expect_norwegian``,
``min_response_length``, ``max_response_length``, ``max_tokens``. A case passes when
every required keyword occurs (with Norwegian inflections and synonyms) and is *not*
negated ("ingen tegn til cauda equina" does not satisfy "cauda equina"), no forbidden
keyword occurs un-negated, the length (in characters) is within bounds, and the
language is Norwegian when expected.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from gate.cases import Case
from gate.errors import InputError
from gate.facts.base import Doc
from gate.facts.clinical_tests import TEST_LEX
from registry.jsonl import read_jsonl

from .base import Score
from .registry import scorer

FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "id": (str, True), "category": (str, False), "description": (str, False), "prompt": (str, True),
    "system_prompt": ((str, type(None)), False), "required_keywords": (list, False),
    "forbidden_keywords": (list, False), "expect_norwegian": (bool, False),
    "min_response_length": ((int, type(None)), False), "max_response_length": ((int, type(None)), False),
    "max_tokens": ((int, type(None)), False),
}
# Each group: words that count as the same keyword (the first is the canonical form).
SYNONYMS: list[list[str]] = [
    ["cauda equina", "cauda equina-syndrom", "ces"],
    ["lasègue", "lasegue", "slr", "strakt beinløft", "strakt benløft"],
    ["henvisning", "henvise", "henvist", "henvises", "henviser"],
    ["akutt", "øyeblikkelig hjelp", "ø-hjelp", "straks", "umiddelbart", "haster", "med en gang", "i dag"],
    ["legevakt", "akuttmottak", "113", "sykehus"],
    ["fastlege", "lege", "allmennlege"],
    ["røntgen", "rtg"],
    ["mr", "mri", "magnetisk resonans"],
    ["sykmelding", "sykemelding", "sykmeldt", "sykemeldt"],
    ["korsrygg", "lumbal", "lenderygg", "nedre rygg"],
    ["nakke", "cervikal", "halsrygg"],
    ["hodepine", "hodesmerte"],
    ["svimmelhet", "svimmel", "vertigo"],
    ["utstråling", "utstråler", "stråler", "isjias", "ischias"],
    ["øvelser", "øvelse", "hjemmeøvelser", "trening"],
    ["kontroll", "oppfølging", "ny time", "ny konsultasjon"],
    ["sadelanestesi", "ridebukseanestesi", "nummenhet i skrittet"],
    ["blære", "vannlating", "urinretensjon", "inkontinens"],
    ["timeavtale", "time", "avtale", "konsultasjon"],
    ["avbestille", "avbestilling", "avlyse", "avlysning"],
]
SUFFIXES = ("ene", "ane", "ende", "ede", "ing", "ene", "er", "en", "et", "te", "de", "a", "e", "s", "t")
NO_WORDS = frozenset("og i på er det som med til av for ikke har en et du vi kan deg din ditt seg ved om jeg".split())
EN_WORDS = frozenset("the and of is are with to you your we can for this that not have in on".split())


def _stem(word: str) -> str:
    if len(word) < 5:
        return word
    for suf in SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 4:
            return word[: -len(suf)]
    return word


@lru_cache(maxsize=512)
def keyword_pattern(keyword: str) -> re.Pattern:
    """Regex for a keyword, its inflections and synonyms (compounds allowed: "korsryggsmerter")."""
    kw = keyword.lower().strip()
    forms = {kw}
    for group in SYNONYMS:
        if kw in group or _stem(kw) in {_stem(g) for g in group}:
            forms.update(group)
    alts = []
    for form in sorted(forms, key=len, reverse=True):
        words = form.split()
        # Norwegian compounds: "korsrygg" is in "korsryggsmertene", "nakke" in "nakkesmerter"
        parts = [re.escape(_stem(w)) + (r"\w{0,12}" if len(w) >= 4 else "") for w in words]
        # only the last word may be the head of a compound; the first may be its tail ("ryggsmerter")
        head = r"(?<![\w])\w{0,12}" if len(words[0]) >= 5 else r"(?<![\w])"
        alts.append(head + r"[\s\-]+".join(parts) + r"(?![\w])")
    return re.compile("|".join(f"(?:{a})" for a in alts), re.IGNORECASE)


def keyword_hits(text: str, keyword: str, doc: Doc | None = None) -> tuple[int, int]:
    """``(affirmed, negated)`` counts of the keyword's occurrences in ``text``."""
    doc = doc or Doc.of(text)
    # "Lasègue negativ" reports a test result, it does not deny the test: for test names only a
    # cue before the keyword ("ingen Lasègue") negates it.
    post = not TEST_LEX.finditer(keyword)
    affirmed = negated = 0
    for m in keyword_pattern(keyword).finditer(text):
        if doc.negated(m.start(), m.end(), post=post):
            negated += 1
        else:
            affirmed += 1
    return affirmed, negated


def looks_norwegian(text: str) -> bool:
    """Whether Norwegian function words outnumber English ones."""
    words = re.findall(r"[a-zæøå]+", text.lower())
    no = sum(w in NO_WORDS for w in words) + 2 * sum(c in "æøå" for c in text.lower())
    en = sum(w in EN_WORDS for w in words)
    return no > en


def _check_field(path, lineno: int, name: str, value: Any) -> None:
    types, _ = FIELDS[name]
    if isinstance(value, bool) and name != "expect_norwegian":
        raise InputError.at(path, f"expected {_tname(types)}, got {value!r}", line=lineno, field=name)
    if not isinstance(value, types):
        raise InputError.at(path, f"expected {_tname(types)}, got {type(value).__name__}", line=lineno, field=name)
    if isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError.at(path, "expected a list of non-empty strings", line=lineno, field=name)
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise InputError.at(path, f"must be >= 0, got {value}", line=lineno, field=name)


def _tname(types) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join("null" if t is type(None) else {"str": "string", "list": "list", "bool": "true/false",
                                                       "int": "integer"}.get(t.__name__, t.__name__) for t in types)


def load_benchmark_cases(path: str | Path) -> list[Case]:
    """Read a benchmark JSONL file into cases (kind ``benchmark``, the original fields in ``meta``).

    A malformed line is an :class:`InputError` naming the file, line and field."""
    path = Path(path)
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for lineno, obj in read_jsonl(path):
        for name, (_, required) in FIELDS.items():
            if name not in obj:
                if required:
                    raise InputError.at(path, "missing", line=lineno, field=name)
                continue
            _check_field(path, lineno, name, obj[name])
        if not obj["id"].strip():
            raise InputError.at(path, "must not be empty", line=lineno, field="id")
        if obj["id"] in seen:
            raise InputError.at(path, f"duplicate id (first on line {seen[obj['id']]})", line=lineno, field="id")
        seen[obj["id"]] = lineno
        lo, hi = obj.get("min_response_length"), obj.get("max_response_length")
        if lo is not None and hi is not None and lo > hi:
            raise InputError.at(path, f"min_response_length {lo} > max_response_length {hi}", line=lineno,
                                field="max_response_length")
        messages = []
        if obj.get("system_prompt"):
            messages.append({"role": "system", "content": obj["system_prompt"]})
        messages.append({"role": "user", "content": obj["prompt"]})
        meta = {k: obj.get(k) for k in FIELDS}
        meta["category"] = obj.get("category") or "uncategorised"
        meta["source"] = f"{path}:{lineno}"
        cases.append(Case(id=obj["id"], messages=tuple(messages), kind="benchmark", max_tokens=obj.get("max_tokens"),
                          meta=meta))
    return cases


@scorer("benchmark")
def benchmark():
    """Benchmark-case scorer factory: value 1.0 when every check of the case passes, else 0.0."""

    def score(case: Case, output: str) -> Score:
        meta = case.meta
        doc = Doc.of(output)
        missing, negated_only = [], []
        for kw in meta.get("required_keywords") or []:
            affirmed, negated = keyword_hits(output, kw, doc)
            if not affirmed:
                (negated_only if negated else missing).append(kw)
        forbidden = [kw for kw in meta.get("forbidden_keywords") or [] if keyword_hits(output, kw, doc)[0]]
        n = len(output.strip())
        lo, hi = meta.get("min_response_length"), meta.get("max_response_length")
        length_problem = (f"too short ({n} < {lo} characters)" if lo is not None and n < lo else
                          f"too long ({n} > {hi} characters)" if hi is not None and n > hi else None)
        language_problem = ("not Norwegian" if meta.get("expect_norwegian") and not looks_norwegian(output) else None)
        problems = ([f"missing keyword '{k}'" for k in missing] + [f"keyword '{k}' only negated" for k in negated_only]
                    + [f"forbidden keyword '{k}'" for k in forbidden] + [p for p in (length_problem, language_problem) if p])
        details = {"category": meta.get("category"), "missing_keywords": missing, "negated_keywords": negated_only,
                   "forbidden_found": forbidden, "length": n, "length_problem": length_problem,
                   "language_problem": language_problem, "problems": problems}
        if problems:
            return Score(0.0, False, "; ".join(problems), details=details)
        return Score(1.0, True, "all benchmark checks pass", details=details)

    return score


def pass_rate_by_category(cases: Sequence[Case], scores: Sequence[Score]) -> dict[str, dict[str, float | int]]:
    """Per category: ``{"passed", "total", "rate"}`` (unscored cases are left out of both counts)."""
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case, s in zip(cases, scores, strict=True):
        if s.passed is None:
            continue
        cat = case.meta.get("category") or "uncategorised"
        acc[cat][0] += bool(s.passed)
        acc[cat][1] += 1
    return {c: {"passed": p, "total": t, "rate": p / t} for c, (p, t) in sorted(acc.items())}
