"""Quality checks on raw training records: every problem type with its ``file:line``.

Problem types (default severity; ``[data] warnings`` in chirogate.toml lists the warning types):
``control_tokens`` chat-template markup inside content; ``truncated`` answer ending mid-sentence;
``glued_text`` words or digits glued together (scraped HTML/tables); ``placeholder`` unfilled
``{{...}}`` outside a template record; ``short_answer`` empty or very short answer; ``role_order``
turns out of order; ``missing_role`` no user or no assistant turn; ``missing_system`` (warning);
``duplicate`` / ``near_duplicate`` (warnings: prepare removes them); ``english`` answer not in
Norwegian; ``english_phrase`` (warning) English phrase inside a Norwegian answer; ``nynorsk``
Nynorsk in a Bokmål set; ``invalid_code`` unknown ICPC-2 or malformed ICD-10 code; ``pii``
(warning: prepare scrubs it) personal data, reported by type only, never in clear text; ``ungrounded``
(warning: ``prepare --drop ungrounded`` leaves them out) an answer asserting facts its prompt lacks
(:mod:`training.data.grounding`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .dedupe import near_duplicate_pairs, normalize
from .formats import RawRecord

PROBLEM_TYPES = ("control_tokens", "truncated", "glued_text", "placeholder", "short_answer", "role_order",
                 "missing_role", "missing_system", "duplicate", "near_duplicate", "english", "english_phrase",
                 "nynorsk", "invalid_code", "pii", "ungrounded")
DEFAULT_WARNINGS = ("missing_system", "duplicate", "near_duplicate", "english_phrase", "pii", "ungrounded")


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
PLACEHOLDER = re.compile(r"\{\{[^{}\n]{0,60}\}\}")
GLUED = re.compile(r"[a-zæøå]{3}(?:[A-ZÆØÅ]{2}|[A-ZÆØÅ][a-zæøå]{2}|\d|\.[A-ZÆØÅ][a-zæøå]{2})|(?<![\w.,])\d+[a-zæøå]{4}")
_AROUND = re.compile(r"[\w.]*$")
DANGLING = frozenset("""og eller men med til i på av for som at fra om ved etter inkl samt både enn der hvor da når
en et ei den det de er har ble skal kan vil pga mht f.eks bl.a ca evt iht jf the and of with""".split())
SIGN_OFF = re.compile(r"^(?:vennlig hilsen|hilsen|mvh|med vennlig hilsen|beste hilsen)\b", re.IGNORECASE)
ICD_LABEL = re.compile(r"ICD-?10\s*:?\s*(?P<code>[A-Za-z]?\d[\w.]*)")
CODE = re.compile(r"(?<![\w/-])(?P<code>[A-Z]\d{2})(?P<dec>\.\d{1,2})?(?![\w-])")
NOT_CODES = frozenset({"B12", "D3", "Q10"})
_QUOTES_CONTENT = frozenset({"control_tokens", "truncated", "glued_text", "placeholder", "english_phrase"})


def _sentences_end(text: str) -> list[str]:
    return [ln.rstrip()[-1] for ln in text.splitlines() if ln.strip()]


def truncated(answer: str) -> str | None:
    """Why ``answer`` looks cut off (mid-word or mid-sentence), or None."""
    text = answer.rstrip()
    if not text:
        return None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    last = lines[-1]
    words = last.split()
    tail = words[-1].lower().rstrip(".") if words else ""
    if text[-1] in ",;-–(/":
        return f"ends with '{text[-1]}'"
    if tail in DANGLING and (text[-1] != "." or tail in ("inkl", "f.eks", "bl.a", "ca", "evt", "pga", "mht", "jf")):
        return f"ends with '{words[-1]}'"
    if text[-1] in ".!?)\"»…:>":
        return None
    if SIGN_OFF.match(last) or (len(lines) > 1 and SIGN_OFF.match(lines[-2])) or len(words) <= 3:
        return None
    ends = _sentences_end("\n".join(lines[:-1]))
    if len(ends) >= 2 and sum(1 for c in ends if c in ".!?:") >= 0.8 * len(ends):
        return "last sentence has no end punctuation (the others do)"
    if len(lines) == 1 and len(words) >= 6:
        return "ends without end punctuation"
    return None


def _codes(text: str, icpc2, icd10) -> list[str]:
    bad = []
    icd_spans = []
    for m in ICD_LABEL.finditer(text):
        icd_spans.append(m.start("code"))
        code = m.group("code").rstrip(".")
        if not icd10.is_wellformed(code):
            bad.append(f"'{code}' is not a well-formed ICD-10 code")
    for m in CODE.finditer(text):
        if m.start() in icd_spans or m.group("code") in NOT_CODES:
            continue
        before = text[max(0, m.start() - 12):m.start()].lower()
        if m.group("dec") or "icd" in before:
            continue  # ICD-10 with decimals: shape already guaranteed by the regex
        if not icpc2.is_valid(m.group("code")):
            bad.append(f"'{m.group('code')}' is not an ICPC-2 code")
    return bad


def check_records(records: list[RawRecord], config: DataConfig | None = None, *, pii: bool = True,
                  duplicates: bool = True, grounding: bool = True) -> list[Problem]:
    """Every problem in ``records`` (in record order, then by type). ``pii=False`` skips the PII scan
    (prepare scrubs instead); ``duplicates=False`` skips the duplicate scan (prepare dedupes)."""
    from gate.clinical import icd10, icpc2, language

    cfg = config or DataConfig()
    warn = set(cfg.warnings)
    out: list[Problem] = []

    from gate.pii import redact_for_log

    def add(rec: RawRecord, kind: str, message: str) -> None:
        if kind in _QUOTES_CONTENT:
            message = redact_for_log(message)  # a quoted snippet must not carry personal data
        out.append(Problem(kind, "warning" if kind in warn else "error", rec.file, rec.line, message))

    analyze = None
    if pii:
        from gate.pii import analyze
    for rec in records:
        roles = [m["role"] for m in rec.messages]
        contents = [m["content"] for m in rec.messages]
        answer = rec.content("assistant")
        for c in contents:
            m = CONTROL.search(c)
            if m:
                add(rec, "control_tokens", f"chat-template token {m.group(0)!r} inside content")
                break
        why = truncated(answer) if answer.strip() else None
        if why:
            add(rec, "truncated", f"answer looks cut off: {why}")
        for c in contents:
            c = PLACEHOLDER.sub(" ", c)  # {{firstName}} is a template variable, not glued text
            m = GLUED.search(c)
            if m:
                start = m.start() - len(_AROUND.search(c, 0, m.start()).group(0))
                token = re.match(r"[\w.]+", c[start:]).group(0).rstrip(".")
                add(rec, "glued_text", f"glued text {token[:40]!r}")
                break
        if not rec.meta.get("template"):
            for c in contents:
                m = PLACEHOLDER.search(c)
                if m:
                    add(rec, "placeholder", f"unfilled placeholder {m.group(0)!r} in a record not marked template")
                    break
        if "assistant" in roles and len(answer.split()) < cfg.min_answer_words:
            add(rec, "short_answer", f"answer has {len(answer.split())} word(s) (minimum {cfg.min_answer_words})")
        missing = [r for r in ("user", "assistant") if r not in roles]
        if missing:
            add(rec, "missing_role", f"no {' or '.join(missing)} turn")
        elif _bad_order(roles):
            add(rec, "role_order", f"roles out of order: {' -> '.join(roles)}")
        if rec.format == "chatml" and "system" not in roles:
            add(rec, "missing_system", "no system turn (prepare adds one per document type)")
        if answer.strip():
            a = language.assess(answer, house_style=cfg.house_style)
            want = "nb" if cfg.house_style == "bokmal" else "nn"
            if a.language == "en":
                add(rec, "english", "answer is in English, not Norwegian")
            elif a.english_spans:
                add(rec, "english_phrase", f"English phrase {a.english_spans[0][2][:40]!r} in the answer")
            if a.language in ("nb", "nn") and a.language != want:
                # "nynorsk" names the Bokmål/Nynorsk mix-up either way round (house style nynorsk: a Bokmål answer)
                add(rec, "nynorsk", f"answer is in {a.language}, house style {want}")
            elif want == "nb" and a.nynorsk_markers:
                add(rec, "nynorsk", f"Nynorsk form(s) {', '.join(sorted(set(a.nynorsk_markers))[:5])} in a Bokmål answer")
            for msg in _codes(answer, icpc2, icd10)[:1]:
                add(rec, "invalid_code", msg)
        if analyze is not None:
            types = Counter(e.type for c in contents for e in analyze(c))
            if types:
                add(rec, "pii", "personal data: " + ", ".join(f"{t} x{n}" for t, n in sorted(types.items())))
    if duplicates:
        out += duplicate_problems(records, cfg)
    if grounding:  # issue 14: the hallucination gate's checker on the training pairs
        from .grounding import ungrounded_problems
        out += ungrounded_problems(records, "warning" if "ungrounded" in warn else "error")
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
