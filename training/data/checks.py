"""Quality checks on raw training records: every problem type with its ``file:line``.

Each problem type is one entry of :data:`RECORD_CHECKS` (per record) or a cross-record scan
(duplicates, repeated answers); its default severity follows what it does to a fine-tune:

- errors (the record would teach the model something wrong; ``data prepare`` drops it):
  ``control_tokens`` chat-template markup inside content; ``truncated`` answer cut off ("...", a
  dangling "og", half a word); ``placeholder`` unfilled ``[Navn]``, ``<funn>``, ``{navn}``, ``XXX``,
  ``{{...}}`` outside a template record; ``boilerplate`` scraped web furniture ("Del på Facebook");
  ``prompt_copy`` the answer copies its prompt; ``short_answer``; ``role_order``; ``missing_role``;
  ``english``;
- warnings (prepare repairs, scrubs or removes them, or the detector is a style hint that is right
  too seldom on clinic shorthand to drop data on): ``mojibake`` broken æøå (prepare repairs what
  ftfy can undo and drops the rest), ``glued_text`` missing space (prepare repairs "2019.Fikk"),
  ``pii`` personal data, reported by type only (prepare scrubs it), ``duplicate`` /
  ``near_duplicate`` (prepare removes them), ``duplicate_answer`` the same answer as another record
  for a different prompt (a paraphrased request with the same right answer is valid data: 155 of
  3,000 synthetic records; a person decides), ``missing_system`` (prepare adds one),
  ``english_phrase``, ``nynorsk`` (Bokmål shares forms such as "har vart" with Nynorsk),
  ``invalid_code`` (codes in prose, spinal ranges "T4 til T12"), ``ungrounded`` an answer asserting
  facts its prompt lacks (:mod:`training.data.grounding`, the hallucination gate's own checker;
  ``prepare --drop ungrounded`` leaves them out).

``[data] warnings`` in chirogate.toml replaces the list of warning types.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from . import defects
from .dedupe import near_duplicate_pairs, normalize
from .formats import RawRecord
from .vocab import Vocabulary

PROBLEM_TYPES = ("control_tokens", "truncated", "placeholder", "mojibake", "boilerplate", "glued_text", "prompt_copy",
                 "short_answer", "role_order", "missing_role", "missing_system", "duplicate", "near_duplicate",
                 "duplicate_answer", "english", "english_phrase", "nynorsk", "invalid_code", "pii", "ungrounded")
DEFAULT_WARNINGS = ("mojibake", "glued_text", "missing_system", "duplicate", "near_duplicate", "duplicate_answer",
                    "english_phrase", "nynorsk", "invalid_code", "pii", "ungrounded")
# what ``data prepare`` does about each warning type instead of dropping the record
REPAIRED = ("mojibake", "glued_text")

@dataclass
class DataConfig:
    """``[data]`` section of chirogate.toml: the data-quality policy and preparation defaults."""

    max_errors: int = 0
    """``chirogate data check`` exits 1 when the number of error-level problems exceeds this."""
    warnings: list[str] = field(default_factory=lambda: list(DEFAULT_WARNINGS))
    """Problem types reported as warnings (never fail); every other type is an error."""
    min_answer_words: int = 3
    """An assistant answer with fewer words is ``short_answer``."""
    near_duplicate: float = 0.9
    """Word-3-shingle Jaccard at or above which two records are near duplicates."""
    house_style: str = "bokmal"
    """Expected written standard of the answers: "bokmal" or "nynorsk"."""
    seed: int = 0
    """Default split seed for ``chirogate data prepare``."""

    def __post_init__(self) -> None:
        if self.max_errors < 0:
            raise ValueError(f"max_errors must be >= 0, got {self.max_errors}")
        unknown = sorted(set(self.warnings) - set(PROBLEM_TYPES))
        if unknown:
            raise ValueError(f"warnings: unknown problem type(s) {', '.join(unknown)}")
        if self.min_answer_words < 0:
            raise ValueError(f"min_answer_words must be >= 0, got {self.min_answer_words}")
        if not 0.0 < self.near_duplicate <= 1.0:
            raise ValueError(f"near_duplicate must be in (0, 1], got {self.near_duplicate}")
        if self.house_style not in ("bokmal", "nynorsk"):
            raise ValueError(f"house_style must be 'bokmal' or 'nynorsk', got {self.house_style!r}")


@dataclass(frozen=True)
class Problem:
    """One problem: its type, severity ("error" or "warning"), where, and a message without PII."""

    type: str
    severity: str
    file: str
    line: int
    message: str

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class CheckReport:
    """All problems of a check run, plus per-file format and record counts."""

    files: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    def by_type(self) -> dict[str, list[Problem]]:
        out: dict[str, list[Problem]] = {}
        for p in self.problems:
            out.setdefault(p.type, []).append(p)
        return out

    def to_dict(self) -> dict:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings,
                "problems": {t: {"severity": ps[0].severity, "count": len(ps),
                                 "locations": [{"where": p.where, "message": p.message} for p in ps]}
                             for t, ps in sorted(self.by_type().items())}}


CONTROL = re.compile(r"<\|(?:im_start|im_end|endoftext|system|user|assistant|begin_of_text|end_of_text|eot_id|"
                     r"start_header_id|end_header_id)\|>|\[/?INST\]|</?s>|<</?SYS>>|<(?:start|end)_of_turn>|"
                     r"^### (?:Instruction|Response|Input):", re.MULTILINE)
ICD_LABEL = re.compile(r"ICD-?10\s*:?\s*(?P<code>[A-Za-z]?\d[\w.]*)")
CODE = re.compile(r"(?<![\w/-])(?P<code>[A-Z]\d{2})(?P<dec>\.\d{1,2})?(?![\w-])")
NOT_CODES = frozenset({"B12", "D3", "Q10"})
# ICPC-2 chapters; a code with another letter (M54, G44) is ICD-10 named in prose, not a bad ICPC-2 code
ICPC2_CHAPTERS = frozenset("ABDFHKLNPRSTUWXYZ")
# a vertebral level next to a code-shaped token makes it a spinal range ("T4 til T12", "T10-T12")
_LEVEL_NEAR = re.compile(r"\b[CTLS]\d{1,2}\b\s*(?:til|-|–|og)\s*$|^\s*(?:til|-|–)\s*[CTLS]\d{1,2}\b")
_SPINE_WORDS = re.compile(r"thorak|torak|columna|virvel|nivå|costo|kosto|paravertebr", re.IGNORECASE)
# "har vart" (has lasted) is Bokmål; "vart" alone is the Nynorsk "ble"
_HAR_VART = re.compile(r"\b(?:har|hadde|har ikke|hadde ikke)\s+vart\b", re.IGNORECASE)
_QUOTES_CONTENT = frozenset({"control_tokens", "truncated", "glued_text", "placeholder", "english_phrase",
                             "boilerplate"})


def truncated(answer: str, vocab: Vocabulary | None = None) -> str | None:
    """Why ``answer`` looks cut off, or None (see :func:`training.data.defects.truncated`)."""
    return defects.truncated(answer, vocab)


def _codes(text: str, icpc2, icd10) -> list[str]:
    bad = []
    icd_spans = []
    for m in ICD_LABEL.finditer(text):
        icd_spans.append(m.start("code"))
        code = m.group("code").rstrip(".")
        if not icd10.is_wellformed(code):
            bad.append(f"'{code}' is not a well-formed ICD-10 code")
    mentions_icd = "icd" in text.lower()
    for m in CODE.finditer(text):
        code = m.group("code")
        if m.start() in icd_spans or code in NOT_CODES:
            continue
        before = text[max(0, m.start() - 12):m.start()].lower()
        if m.group("dec") or "icd" in before:
            continue  # ICD-10 with decimals: shape already guaranteed by the regex
        if code[0] not in ICPC2_CHAPTERS and (mentions_icd or icd10.is_wellformed(code)):
            continue  # an ICD-10 code named in prose ("ikke M54 i primærhelsetjenesten")
        if code[0] in "CTLS" and int(code[1:]) <= 12 and (
                _LEVEL_NEAR.search(text[max(0, m.start() - 12):m.start()]) or
                _LEVEL_NEAR.search(text[m.end():m.end() + 12]) or
                _SPINE_WORDS.search(text[max(0, m.start() - 60):m.end() + 60])):
            continue  # a vertebral level (T12), not a code
        if not icpc2.is_valid(code):
            bad.append(f"'{code}' is not an ICPC-2 code")
    return bad


@dataclass
class _Context:
    """What the per-record checks share: the policy, the vocabulary (built on first use: most records
    never need it) and the clinical helpers, plus the language verdict of the record being checked."""

    cfg: "DataConfig"
    records: list
    icpc2: object
    icd10: object
    language: object
    _vocab: Vocabulary | None = None
    _lang: tuple = (None, None)

    @property
    def vocab(self) -> Vocabulary:
        if self._vocab is None:
            self._vocab = Vocabulary.build(m["content"] for r in self.records for m in r.messages)
        return self._vocab


def _check_control(rec: RawRecord, ctx: _Context) -> str | None:
    for m in rec.messages:
        hit = CONTROL.search(m["content"])
        if hit:
            return f"chat-template token {hit.group(0)!r} inside content"
    return None


def _check_truncated(rec: RawRecord, ctx: _Context) -> str | None:
    answer = rec.content("assistant")
    why = defects.truncated(answer, lambda: ctx.vocab) or defects.cut_prompt_word(rec.content("user"), answer)
    return f"answer looks cut off: {why}" if why else None


def _check_placeholder(rec: RawRecord, ctx: _Context) -> str | None:
    for m in rec.messages:
        # a prompt may carry a form the answer fills in; only the answer must not teach placeholders
        if m["role"] == "assistant":
            why = defects.placeholder(m["content"], template=bool(rec.meta.get("template")))
            if why:
                return why
    return None


def _check_mojibake(rec: RawRecord, ctx: _Context) -> str | None:
    for m in rec.messages:
        why = defects.mojibake(m["content"], lambda: ctx.vocab)
        if why:
            return f"{m['role']} turn: {why}"
    return None


def _check_boilerplate(rec: RawRecord, ctx: _Context) -> str | None:
    return defects.boilerplate(rec.content("assistant"))


def _check_glued(rec: RawRecord, ctx: _Context) -> str | None:
    for m in rec.messages:
        why = defects.glued_text(m["content"])
        if why:
            return why
    return None


def _check_prompt_copy(rec: RawRecord, ctx: _Context) -> str | None:
    return defects.prompt_copy(rec.content("user"), rec.content("assistant"))


def _check_short(rec: RawRecord, ctx: _Context) -> str | None:
    answer = rec.content("assistant")
    n = len(answer.split())
    if any(m["role"] == "assistant" for m in rec.messages) and n < ctx.cfg.min_answer_words:
        return f"answer has {n} word(s) (minimum {ctx.cfg.min_answer_words})"
    return None


def _check_missing_role(rec: RawRecord, ctx: _Context) -> str | None:
    roles = [m["role"] for m in rec.messages]
    missing = [r for r in ("user", "assistant") if r not in roles]
    return f"no {' or '.join(missing)} turn" if missing else None


def _check_role_order(rec: RawRecord, ctx: _Context) -> str | None:
    roles = [m["role"] for m in rec.messages]
    if any(r not in roles for r in ("user", "assistant")):
        return None  # missing_role says it
    return f"roles out of order: {' -> '.join(roles)}" if _bad_order(roles) else None


def _check_missing_system(rec: RawRecord, ctx: _Context) -> str | None:
    if rec.format == "chatml" and all(m["role"] != "system" for m in rec.messages):
        return "no system turn (prepare adds one per document type)"
    return None


def _language(rec: RawRecord, ctx: _Context):
    """The language verdict on the answer, computed once per record for the three checks that use it."""
    if ctx._lang[0] is not rec:
        answer = rec.content("assistant")
        ctx._lang = (rec, ctx.language.assess(answer, house_style=ctx.cfg.house_style) if answer.strip() else None)
    return ctx._lang[1]


def _check_english(rec: RawRecord, ctx: _Context) -> str | None:
    a = _language(rec, ctx)
    return "answer is in English, not Norwegian" if a is not None and a.language == "en" else None


def _check_english_phrase(rec: RawRecord, ctx: _Context) -> str | None:
    a = _language(rec, ctx)
    if a is not None and a.language != "en" and a.english_spans:
        return f"English phrase {a.english_spans[0][2][:40]!r} in the answer"
    return None


def _check_nynorsk(rec: RawRecord, ctx: _Context) -> str | None:
    a = _language(rec, ctx)
    if a is None:
        return None
    want = "nb" if ctx.cfg.house_style == "bokmal" else "nn"
    if a.language in ("nb", "nn") and a.language != want:
        # "nynorsk" names the Bokmål/Nynorsk mix-up either way round (house style nynorsk: a Bokmål answer)
        return f"answer is in {a.language}, house style {want}"
    if want == "nb" and a.nynorsk_markers:
        markers = list(a.nynorsk_markers)
        if "vart" in markers and _HAR_VART.search(rec.content("assistant")):
            markers = [w for w in markers if w != "vart"]
        if markers:
            return f"Nynorsk form(s) {', '.join(sorted(set(markers))[:5])} in a Bokmål answer"
    return None


def _check_invalid_code(rec: RawRecord, ctx: _Context) -> str | None:
    bad = _codes(rec.content("assistant"), ctx.icpc2, ctx.icd10)
    return bad[0] if bad else None


# One entry per problem type checked record by record, in report order: (type, check).
RECORD_CHECKS: tuple[tuple[str, Callable[[RawRecord, _Context], str | None]], ...] = (
    ("control_tokens", _check_control),
    ("truncated", _check_truncated),
    ("placeholder", _check_placeholder),
    ("mojibake", _check_mojibake),
    ("boilerplate", _check_boilerplate),
    ("glued_text", _check_glued),
    ("prompt_copy", _check_prompt_copy),
    ("short_answer", _check_short),
    ("missing_role", _check_missing_role),
    ("role_order", _check_role_order),
    ("missing_system", _check_missing_system),
    ("english", _check_english),
    ("english_phrase", _check_english_phrase),
    ("nynorsk", _check_nynorsk),
    ("invalid_code", _check_invalid_code),
)


def check_records(records: list[RawRecord], config: DataConfig | None = None, *, pii: bool = True,
                  duplicates: bool = True, allow: tuple[str, ...] = (), grounding: bool = True) -> list[Problem]:
    """Every problem in ``records`` (in record order, then by type). ``pii=False`` skips the PII scan
    (prepare scrubs instead); ``duplicates=False`` skips the duplicate scans (prepare dedupes);
    ``allow`` names the clinic's own organisation names, which are not personal data;
    ``grounding=False`` skips the ``ungrounded`` scan (the hallucination checker on every pair)."""
    from gate.clinical import icd10, icpc2, language
    from gate.pii import redact_for_log

    cfg = config or DataConfig()
    warn = set(cfg.warnings)
    ctx = _Context(cfg, records, icpc2, icd10, language)
    out: list[Problem] = []

    def add(rec: RawRecord, kind: str, message: str) -> None:
        if kind in _QUOTES_CONTENT:
            message = redact_for_log(message, allow=allow)  # a quoted snippet must not carry personal data
        out.append(Problem(kind, "warning" if kind in warn else "error", rec.file, rec.line, message))

    analyze = None
    if pii:
        from gate.pii import analyze
    for rec in records:
        for kind, check in RECORD_CHECKS:
            why = check(rec, ctx)
            if why:
                add(rec, kind, why)
        if analyze is not None:
            types = Counter(e.type for m in rec.messages for e in analyze(m["content"], allow=allow))
            if types:
                add(rec, "pii", "personal data: " + ", ".join(f"{t} x{n}" for t, n in sorted(types.items())))
    if duplicates:
        out += duplicate_problems(records, cfg)
        out += duplicate_answer_problems(records, cfg)
    if grounding:  # the hallucination gate's checker on the training pairs
        from .grounding import ungrounded_problems

        out += ungrounded_problems(records, "warning" if "ungrounded" in set(cfg.warnings) else "error")
    order = {t: i for i, t in enumerate(PROBLEM_TYPES)}
    out.sort(key=lambda p: (p.file, p.line, order[p.type]))
    return out


def _bad_order(roles: list[str]) -> bool:
    rest = roles[1:] if roles and roles[0] == "system" else roles
    if "system" in rest or not rest or rest[0] != "user" or rest[-1] != "assistant":
        return True
    return any(a == b for a, b in zip(rest, rest[1:]))


def dedupe_text(rec: RawRecord) -> str:
    """The text two records are compared on for duplicates: the user turns and the answer."""
    return rec.content("user") + "\n" + rec.content("assistant")


def duplicate_problems(records: list[RawRecord], cfg: DataConfig) -> list[Problem]:
    """Exact and near duplicates, within and across files; each reported on the later record."""
    warn = set(cfg.warnings)
    texts = [dedupe_text(r) for r in records]
    norm = [normalize(t) for t in texts]
    reported: set[int] = set()
    out = []
    for i, j, s in near_duplicate_pairs(texts, cfg.near_duplicate):
        if j in reported:
            continue
        reported.add(j)
        kind = "duplicate" if norm[i] == norm[j] else "near_duplicate"
        msg = f"{'same as' if kind == 'duplicate' else f'near-duplicate (Jaccard {s:.2f}) of'} {records[i].source}"
        out.append(Problem(kind, "warning" if kind in warn else "error", records[j].file, records[j].line, msg))
    return out


def duplicate_answer_problems(records: list[RawRecord], cfg: DataConfig) -> list[Problem]:
    """Answers that repeat an earlier record's answer (same words, at least four) for a different
    prompt: the model would learn to give that answer whatever it is asked. Reported on the later
    record; a record that repeats its prompt as well is a ``duplicate`` instead."""
    warn = set(cfg.warnings)
    first: dict[str, tuple[int, str]] = {}
    out = []
    for i, rec in enumerate(records):
        answer = normalize(rec.content("assistant"))
        if len(answer.split()) < 4:
            continue
        prompt = normalize(rec.content("user"))
        if answer not in first:
            first[answer] = (i, prompt)
            continue
        j, other_prompt = first[answer]
        if prompt != other_prompt:
            out.append(Problem("duplicate_answer", "warning" if "duplicate_answer" in warn else "error", rec.file,
                               rec.line, f"same answer as {records[j].source}, for a different prompt"))
    return out
