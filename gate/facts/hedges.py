"""Hedged clinical readings: "kan være forenlig med", "mulig", "sannsynlig", "taler for", "obs".

A diagnosis the input does not state but the output offers as a hedge is an *inference*, not an
invention: the gate reports and counts it, and fails on it only when configured to.
"""

from __future__ import annotations

import re

from .base import Doc

HEDGE = re.compile(r"\b(?:kan\s+(?:være|passe|tyde|skyldes)|forenlig\w*|mulig\w*|sannsynlig\w*|trolig\w*|"
                   r"taler\s+for|tyder\s+på|mistanke\s+om|mistenk\w*|differensialdiagnos\w*|dd\b|"
                   r"ikke\s+utelukke\w*|utelukke\w*|suspekt\w*|antatt|antakelig\w*|kan\s+ikke\s+utelukkes|"
                   r"bildet\s+kan|muligens|evt\.?|eventuell\w*|vurder(?!ing\b)\w*|obs\b\.?|følge\s+med\s+på|"
                   r"avklar\w*|se\s+an|typisk\s+for|passer\s+med|minner\s+om|spørsmål\s+om|\?)", re.IGNORECASE)


def hedged(doc: Doc, start: int) -> bool:
    """Whether the sentence around ``start`` offers its claim as a possibility, not a finding."""
    ss, se = doc.sentence(start)
    return bool(HEDGE.search(doc.text, ss, se))
