"""The clinic's benchmark cases (JSONL, format unchanged) and their checks.

Each line: ``id``, ``category``, ``description``, ``prompt``, ``system_prompt``,
``required_keywords``, ``forbidden_keywords``, ``expect_norwegian``,
``min_response_length``, ``max_response_length``, ``max_tokens``, ``must_contain_code_format``,
``reference_answer``; any other field is a warning (once per field and file), never ignored
silently. A case passes when every required keyword occurs and is *not* negated ("ingen tegn
til cauda equina" does not satisfy "cauda equina"), no forbidden keyword occurs un-negated, the
length (in characters) is within bounds, the text is not identified as another language when
Norwegian is expected, and it holds a diagnosis code when ``must_contain_code_format`` asks.

Where the clinic's own harness (evaluate.py) is sound we match it: a keyword counts inside a
compound however long ("bekkenleddsmerter" for "bekken"), case-insensitively; Norwegian without
æøå is still Norwegian (their æøå rate never fails a case either); results per category.
We are deliberately stricter in three places: a keyword that only occurs negated does not count;
a text recognised as English, Swedish or Danish fails ``expect_norwegian``; and the code that
``must_contain_code_format`` asks for must be a real ICPC-2 or ICD-10 code (their regex accepts
"N02"). We are more lenient in two: Norwegian inflections and the synonym groups below count for
a keyword, and an equivalent code counts for a required code (``code_equivalents.tsv``: "G44.2"
for "N95", "M54.5" for "M545"). ``reference_answer`` is kept in ``meta`` (ROUGE-L is the rouge
gate's job; their harness does not fail on it).
"""

from __future__ import annotations

import re
import warnings
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
    "max_tokens": ((int, type(None)), False), "must_contain_code_format": ((bool, str, type(None)), False),
    "reference_answer": ((str, type(None)), False),
}
CODE_FORMATS = ("icpc-2", "icd-10", "any")
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
    ["bekken", "bekkenledd", "iliosakralledd", "is-ledd", "si-ledd"],
    ["tensjonshodepine", "spenningshodepine"],
    ["prolaps", "skiveprolaps", "diskusprolaps"],
    ["nummenhet", "parestesier", "prikking", "kribling"],
    ["røde flagg", "faresignaler", "alvorlig patologi"],
    ["fysioterapeut", "fysioterapi"],
    ["smertestillende", "analgetika", "paracetamol", "ibuprofen"],
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


_CODE_KEYWORD = re.compile(r"^[A-Za-z]\d{2}(?:\.?\d{1,2})?$")


@lru_cache(maxsize=1)
def code_equivalents() -> dict[str, frozenset[str]]:
    """Every code of ``code_equivalents.tsv`` (dotless, upper-case) -> the codes naming the same condition."""
    from importlib import resources

    text = resources.files("gate.terminology").joinpath("code_equivalents.tsv").read_text("utf-8")
    groups: dict[str, set[str]] = defaultdict(set)
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            icpc, icd = line.split("\t")
            codes = {icpc.strip().upper()} | {c.strip().upper().replace(".", "") for c in icd.split(",")}
            for c in codes:
                groups[c] |= codes
    return {c: frozenset(g) for c, g in groups.items()}


def _code_regex(code: str) -> str:
    """A code with or without its dot ("M54.5" / "M545"), not inside a longer code."""
    c = code.upper().replace(".", "")
    body = re.escape(c[:3]) + (r"\.?" + re.escape(c[3:]) if len(c) > 3 else r"(?!\.?\d)")
    return r"(?<![\w.])" + body + r"(?![\w])"


@lru_cache(maxsize=512)
def code_pattern(keyword: str, equivalents: bool) -> re.Pattern | None:
    """Regex for a keyword that is a diagnosis code (None when it is not one), with its equivalent codes."""
    if not _CODE_KEYWORD.match(keyword.strip()):
        return None
    c = keyword.strip().upper().replace(".", "")
    codes = sorted(code_equivalents().get(c, frozenset()) | {c}) if equivalents else [c]
    return re.compile("|".join(_code_regex(x) for x in codes), re.IGNORECASE)


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
        # a keyword counts inside a compound however long ("bekkenleddsmerter" for "bekken"), as in
        # the clinic's harness; short words (< 4 letters) must stand alone ("mr" is not in "smrte")
        parts = [re.escape(_stem(w)) + (r"\w*" if len(w) >= 4 else "") for w in words]
        head = r"(?<![\w])\w*" if len(words[0]) >= 4 else r"(?<![\w])"
        alts.append(head + r"[\s\-]+".join(parts) + r"(?![\w])")
    return re.compile("|".join(f"(?:{a})" for a in alts), re.IGNORECASE)


def keyword_hits(text: str, keyword: str, doc: Doc | None = None, *, equivalents: bool = False) -> tuple[int, int]:
    """``(affirmed, negated)`` counts of the keyword's occurrences in ``text``.

    A keyword that is a diagnosis code matches the code with or without its dot, and with
    ``equivalents`` (required keywords) also the codes that name the same condition."""
    doc = doc or Doc.of(text)
    # "Lasègue negativ" reports a test result, it does not deny the test: for test names only a
    # cue before the keyword ("ingen Lasègue") negates it.
    post = not TEST_LEX.finditer(keyword)
    affirmed = negated = 0
    pattern = code_pattern(keyword, equivalents) or keyword_pattern(keyword)
    for m in pattern.finditer(text):
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


def not_norwegian(text: str) -> str | None:
    """Why ``text`` is not Norwegian (it is recognised as English, Swedish or Danish), else None.

    A text without æøå or with few function words is not thereby foreign: only positive
    evidence of another language fails ``expect_norwegian``."""
    from gate.clinical.language import assess, neighbour

    lang, _ = neighbour(text)
    if lang:
        return {"sv": "written in Swedish", "da": "written in Danish"}[lang]
    return "written in English" if assess(text).language == "en" else None


def code_format_problem(text: str, want: bool | str | None) -> str | None:
    """Why ``text`` lacks the diagnosis code ``must_contain_code_format`` asks for, else None.

    ``true`` or "any": a valid ICPC-2 code or a valid ICD-10 code with its decimals; "ICPC-2" /
    "ICD-10": one of that system."""
    if not want:
        return None
    from gate.clinical import icd10, icpc2

    system = "any" if want is True else str(want).lower()
    for m in re.finditer(r"(?<![\w.])([A-Z]\d{2,3})(?:\.(\d{1,2}))?(?![\w])", text):
        code = m.group(0)
        if system in ("any", "icpc-2") and m.group(2) is None and icpc2.is_valid(code):
            return None
        # undotted three-character codes are read as ICPC-2 unless ICD-10 is asked for ("N02" is
        # an ICD-10 category but not the ICPC-2 code a chiropractor meant)
        if icd10.is_valid(code) and (system == "icd-10" or (system == "any" and m.group(2) is not None)):
            return None
    return {"any": "no valid ICPC-2 or ICD-10 code", "icpc-2": "no valid ICPC-2 code",
            "icd-10": "no valid ICD-10 code"}[system]


def _check_field(path, lineno: int, name: str, value: Any) -> None:
    types, _ = FIELDS[name]
    if isinstance(value, bool) and name not in ("expect_norwegian", "must_contain_code_format"):
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


def benchmark_case(path: Path, lineno: int, obj: dict[str, Any], seen: dict[str, int],
                   warned: set[str] | None = None) -> Case:
    """One benchmark line as a case (kind ``benchmark``, the original fields in ``meta``).

    A malformed line is an :class:`InputError` naming the file, line and field; a field the
    scorer does not implement is a warning, once per field name in ``warned`` (one set per file)."""
    for name, (_, required) in FIELDS.items():
        if name not in obj:
            if required:
                raise InputError.at(path, "missing", line=lineno, field=name)
            continue
        _check_field(path, lineno, name, obj[name])
    warned = set() if warned is None else warned
    for name in obj:
        if name not in FIELDS and name not in warned:
            warned.add(name)
            warnings.warn(f"{path}:{lineno}: field '{name}': not a benchmark field chirogate checks; ignored "
                          f"(known: {', '.join(FIELDS)})", stacklevel=2)
    fmt = obj.get("must_contain_code_format")
    if isinstance(fmt, str) and fmt.lower() not in CODE_FORMATS:
        raise InputError.at(path, f"expected true/false or one of {', '.join(CODE_FORMATS)}, got {fmt!r}",
                            line=lineno, field="must_contain_code_format")
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
    return Case(id=obj["id"], messages=tuple(messages), kind="benchmark", max_tokens=obj.get("max_tokens"),
                reference=obj.get("reference_answer") or None, meta=meta)


def is_benchmark_line(obj: dict[str, Any]) -> bool:
    """Whether a JSONL object is in the clinic's benchmark format (a ``prompt``, no ``messages``)."""
    return "messages" not in obj and "prompt" in obj


def load_benchmark_cases(path: str | Path) -> list[Case]:
    """Read a benchmark JSONL file into cases (kind ``benchmark``, the original fields in ``meta``).

    A malformed line is an :class:`InputError` naming the file, line and field."""
    path = Path(path)
    seen: dict[str, int] = {}
    warned: set[str] = set()
    return [benchmark_case(path, lineno, obj, seen, warned) for lineno, obj in read_jsonl(path)]


@scorer("benchmark")
def benchmark():
    """Benchmark-case scorer factory: value 1.0 when every check of the case passes, else 0.0."""

    def score(case: Case, output: str) -> Score:
        meta = case.meta
        doc = Doc.of(output)
        missing, negated_only = [], []
        for kw in meta.get("required_keywords") or []:
            affirmed, negated = keyword_hits(output, kw, doc, equivalents=True)
            if not affirmed:
                (negated_only if negated else missing).append(kw)
        forbidden = [kw for kw in meta.get("forbidden_keywords") or [] if keyword_hits(output, kw, doc)[0]]
        n = len(output.strip())
        lo, hi = meta.get("min_response_length"), meta.get("max_response_length")
        length_problem = (f"too short ({n} < {lo} characters)" if lo is not None and n < lo else
                          f"too long ({n} > {hi} characters)" if hi is not None and n > hi else None)
        language_problem = not_norwegian(output) if meta.get("expect_norwegian") else None
        code_problem = code_format_problem(output, meta.get("must_contain_code_format"))
        problems = ([f"missing keyword '{k}'" for k in missing] + [f"keyword '{k}' only negated" for k in negated_only]
                    + [f"forbidden keyword '{k}'" for k in forbidden]
                    + [p for p in (length_problem, language_problem, code_problem) if p])
        # per check, as the clinic's harness reports them
        checks = {"keywords_present": not missing and not negated_only, "keywords_absent": not forbidden,
                  "response_length": length_problem is None, "norwegian": language_problem is None}
        if meta.get("must_contain_code_format"):
            checks["code_format"] = code_problem is None
        details = {"category": meta.get("category"), "missing_keywords": missing, "negated_keywords": negated_only,
                   "forbidden_found": forbidden, "length": n, "length_problem": length_problem,
                   "language_problem": language_problem, "code_problem": code_problem, "checks": checks,
                   "problems": problems}
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
