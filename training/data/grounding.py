"""The ``ungrounded`` data check: training answers that assert facts their prompt lacks.

A model learns to invent from pairs whose answer adds findings, drugs, referrals or history
the prompt never gave. For the document types written from the prompt's facts (SOAP notes,
letters, sick-leave notes, epicrises), the hallucination gate's own checker
(:func:`gate.facts.check_output`) runs on every pair; a pair with a contradiction or an
invention is ``ungrounded``, reported with ``file:line`` and the facts. Inferences (hedged
readings) are not counted. Records of other document types (a patient's question answered
with general advice) are not checked; a record without a document type is checked when its
answer is laid out as a note (S/O/A/P sections).
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks import Problem
from .formats import RawRecord

GROUNDED_DOC_TYPES = frozenset({"soap", "letter", "sick_leave", "referral", "epicrisis", "epikrise", "journal",
                                "note", "henvisning", "sykmelding"})
MAX_FACTS = 6  # facts named per problem; the rest are counted


@dataclass(frozen=True)
class Ungrounded:
    """One ungrounded record: where, and the facts its answer asserts without support."""

    file: str
    line: int
    facts: tuple[str, ...]
    """``"<severity> <type>: <reason>"`` per failing finding."""


def is_grounded_type(rec: RawRecord) -> bool:
    """Whether ``rec``'s answer is written from its prompt's facts (and so must not add any)."""
    from gate.facts import Doc

    doc_type = (rec.meta.get("doc_type") or "").lower()
    if doc_type:
        return doc_type in GROUNDED_DOC_TYPES
    return len(Doc(rec.content("assistant")).sections) >= 2


def find_ungrounded(records: list[RawRecord]) -> list[Ungrounded]:
    """The records among ``records`` whose answer asserts facts their prompt lacks (see module docstring)."""
    from gate.facts import check_output, failing

    out = []
    for rec in records:
        prompt, answer = rec.content("user"), rec.content("assistant")
        if not prompt.strip() or not answer.strip() or rec.meta.get("template") or not is_grounded_type(rec):
            continue
        fails = failing(check_output(prompt, answer, abstention=rec.meta.get("severity") == "admin"))
        if fails:
            out.append(Ungrounded(rec.file, rec.line, tuple(f"{f.severity} {f.type}: {f.reason}" for f in fails)))
    return out


def ungrounded_problems(records: list[RawRecord], severity: str) -> list[Problem]:
    """``ungrounded`` problems (``severity`` "error" or "warning") naming each record's facts; the
    quoted facts pass through the PII redaction, like every message that quotes content."""
    from gate.pii import redact_for_log

    out = []
    for u in find_ungrounded(records):
        shown = "; ".join(u.facts[:MAX_FACTS]) + (f"; +{len(u.facts) - MAX_FACTS} more" if len(u.facts) > MAX_FACTS
                                                  else "")
        out.append(Problem("ungrounded", severity, u.file, u.line,
                           redact_for_log(f"answer asserts what its prompt lacks: {shown}")))
    return out
