"""Spinal levels (C5-C6, L4/L5, L4-5, L5-S1, T5-T7, Th12, S1), normalised to segment tuples."""

from __future__ import annotations

import re

from .base import Doc, Fact

_SEG = r"(?P<{n}r>C|Th|T|L|S)(?P<{n}n>[1-9]|1[0-2])"
LEVEL_RE = re.compile(
    r"(?<![\w.])" + _SEG.format(n="a") + r"(?:\s*(?:-|–|/|til)\s*(?P<br>C|Th|T|L|S)?(?P<bn>[1-9]|1[0-2]))?(?![\w])")
MAX = {"C": 8, "T": 12, "L": 5, "S": 5}


def _seg(region: str, n: str) -> str | None:
    region = "T" if region == "Th" else region
    return f"{region}{int(n)}" if 1 <= int(n) <= MAX[region] else None


def extract_levels(doc: Doc) -> list[Fact]:
    """Level facts: key = normalised expression (``L4-L5``), value = tuple of segments."""
    facts = []
    for m in LEVEL_RE.finditer(doc.text):
        a = _seg(m.group("ar"), m.group("an"))
        if a is None:
            continue
        segs: tuple[str, ...] = (a,)
        if m.group("bn"):
            b = _seg(m.group("br") or m.group("ar"), m.group("bn"))
            if b is None:
                continue
            segs = (a, b)
        facts.append(Fact("level", "-".join(segs), segs, m.group(0), m.start(), m.end(), plan=False,
                          extra={"spine": a[0]}))
    return facts
