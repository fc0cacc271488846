"""Hallucination scorer: every clinical fact the output asserts must be supported by the input.

The facts (regions with laterality, tests with results, numbers with units, spinal
levels, codes, medications with doses and frequencies, imaging, red flags, symptoms,
days/dates/times, examination findings, diagnoses, history, plan commitments) are
extracted by :mod:`gate.facts` after both texts are normalised (clinic shorthand written
out). Every finding has a severity: contradictions and inventions fail the case;
inferences (a hedged reading such as "kan være forenlig med ...") are reported and
counted, and fail only with ``[hallucination] fail_on_inference = true``. For abstention
cases any objective finding not in the input is invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gate.cases import Case
from gate.facts import check_output, failing

from .base import Score
from .registry import scorer


@dataclass
class HallucinationConfig:
    """``[hallucination]`` in chirogate.toml."""

    fail_on_inference: bool = False
    """Count inferences (hedged clinical readings the input does not state) as hallucinations."""
    ignore_types: list[str] = field(default_factory=list)
    """Finding types left out (e.g. ``["timing"]``) for suites where they do not apply."""

    def __post_init__(self) -> None:
        if not isinstance(self.fail_on_inference, bool):
            raise ValueError(f"fail_on_inference must be true or false, got {self.fail_on_inference!r}")


@scorer("hallucination")
def hallucination(ignore_types: tuple[str, ...] = (), fail_on_inference: bool = False):
    """Hallucination scorer factory: value 1.0 when the output has >= 1 failing finding, else 0.0.

    ``ignore_types`` drops finding types (e.g. ``("timing",)``) for suites where they do not apply;
    ``fail_on_inference`` makes inferences fail too. ``details["findings"]`` lists every finding
    ``{type, text, start, end, reason, kind, severity}`` with offsets into the output (inferences
    included), ``details["inferences"]`` counts the inferences."""
    ignored = frozenset(ignore_types)

    def score(case: Case, output: str) -> Score:
        findings = [f for f in check_output(case.prompt, output, abstention=case.kind == "abstention")
                    if f.type not in ignored]
        fails = failing(findings, fail_on_inference=fail_on_inference)
        inferences = sum(1 for f in findings if f.severity == "inference")
        details = {"findings": [f.to_dict() for f in findings], "inferences": inferences}
        if not fails:
            note = f" ({inferences} inference(s) reported)" if inferences else ""
            return Score(0.0, True, "every asserted fact is supported by the input" + note, details=details)
        first = fails[0]
        more = f" (+{len(fails) - 1} more)" if len(fails) > 1 else ""
        return Score(1.0, False, f"{first.severity}: {first.reason}{more}", details=details)

    return score
