"""Hallucination scorer: every clinical fact the output asserts must be supported by the input.

The facts (regions with laterality, tests with results, numbers with units, spinal
levels, codes, medications, imaging, red flags, symptoms, days/dates/times, examination
findings) are extracted by :mod:`gate.facts`; unsupported facts and contradictions are
hallucinations. For abstention cases any objective finding not in the input is invented.
"""

from __future__ import annotations

from gate.cases import Case
from gate.facts import check_output

from .base import Score
from .registry import scorer


@scorer("hallucination")
def hallucination(ignore_types: tuple[str, ...] = ()):
    """Hallucination scorer factory: value 1.0 when the output has >= 1 hallucination, else 0.0.

    ``ignore_types`` drops finding types (e.g. ``("timing",)``) for suites where they do not apply.
    ``details["findings"]`` lists ``{type, text, start, end, reason, kind}`` with offsets into the output."""
    ignored = frozenset(ignore_types)

    def score(case: Case, output: str) -> Score:
        findings = [f for f in check_output(case.prompt, output, abstention=case.kind == "abstention")
                    if f.type not in ignored]
        if not findings:
            return Score(0.0, True, "every asserted fact is supported by the input", details={"findings": []})
        first = findings[0]
        more = f" (+{len(findings) - 1} more)" if len(findings) > 1 else ""
        return Score(1.0, False, f"{first.kind}: {first.reason}{more}",
                     details={"findings": [f.to_dict() for f in findings]})

    return score
