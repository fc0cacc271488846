"""Red-flag recall: a red flag the input states must be carried forward into the output.

A red flag (cauda equina, saddle anaesthesia, bladder/bowel disturbance, progressive
weakness, unexplained weight loss, fever, night pain, malignancy, trauma, the
vertebrobasilar warning signs ...; the lexicon of :mod:`gate.facts.redflags`) that the
input *states* (mentions without denying it: a finding, a suspicion or a safety-net
instruction alike) must be stated in the output too, by any of its lexicon's words. An
output that drops it, or denies it ("ingen feber" for an input with fever), loses the
one thing the clinician must not miss. Denied flags ("ingen tegn til cauda equina") and a
generic "ingen røde flagg" are not red flags to carry.

Both texts are read as the hallucination checker reads them: clinic shorthand written out
(:func:`gate.clinical.normalise.expand_with_map`), then the red-flag extractor.

A case whose input states no red flag is not scored (``Score(None, None)``); the red-flag
gate (:mod:`gate.gates`) selects its cases with :func:`states_red_flag`, so only red-flag
cases count. Per case: ``value`` = the number of red flags dropped, ``passed`` = none
dropped; ``details`` holds the flags' canonical keys only (``fever``, ``cauda_equina``),
never text from the input or output.
"""

from __future__ import annotations

from functools import lru_cache

from gate.cases import Case

from .base import Score
from .registry import scorer


@lru_cache(maxsize=4096)
def _flags(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """``(stated, denied)`` red-flag keys of ``text`` (``no_red_flags`` left out)."""
    from gate.clinical.normalise import expand_with_map
    from gate.facts.base import Doc
    from gate.facts.check import NATIVE_FORMS
    from gate.facts.redflags import extract_red_flags

    facts = [f for f in extract_red_flags(Doc.of(expand_with_map(text, NATIVE_FORMS).text)) if f.key != "no_red_flags"]
    return frozenset(f.key for f in facts if not f.negated), frozenset(f.key for f in facts if f.negated)


def stated_red_flags(text: str) -> frozenset[str]:
    """The red flags ``text`` states (mentions and does not deny), as canonical keys."""
    return _flags(text)[0]


def states_red_flag(case: Case) -> bool:
    """Whether the case's input (its user turns) states at least one red flag: a red-flag case."""
    return bool(stated_red_flags(case.prompt))


@scorer("red_flags")
def red_flags():
    """Red-flag recall scorer factory: value = red flags of the input the output dropped, passed = none dropped.

    ``details``: ``flags`` (the input's red flags), ``dropped`` (those the output does not state) and
    ``denied`` (the dropped ones the output denies), all canonical keys."""

    def score(case: Case, output: str) -> Score:
        flags = stated_red_flags(case.prompt)
        if not flags:
            return Score(None, None, "the input states no red flag")
        said, denied = _flags(output)
        dropped = sorted(flags - said)
        details = {"flags": sorted(flags), "dropped": dropped, "denied": [k for k in dropped if k in denied]}
        if not dropped:
            return Score(0.0, True, f"every red flag carried forward ({', '.join(sorted(flags))})", details=details)
        how = [f"{k} (denied)" if k in denied else k for k in dropped]
        return Score(float(len(dropped)), False, f"dropped {len(dropped)} of {len(flags)} red flag(s): "
                                                 f"{', '.join(how)}", details=details)

    return score
