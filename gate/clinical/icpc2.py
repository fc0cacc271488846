"""ICPC-2 codes a chiropractor uses, from the bundled list ``icpc2_nb.tsv`` (code, Norwegian title, chapter).

The list is a checked subset (symptom and diagnosis codes of chapters A, L, N, H and a few P);
codes outside it are reported as invalid. Notably tension headache is N95, and N02 does not
exist in ICPC-2 (it was ICPC-1's tension headache).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

CHAPTERS = {"A": "Allment og uspesifisert", "H": "Øre", "L": "Muskel- og skjelettsystemet",
            "N": "Nervesystemet", "P": "Psykisk"}
_FORM = re.compile(r"^[A-Z]\d{2}$")


@lru_cache(maxsize=1)
def codes() -> dict[str, tuple[str, str]]:
    """All bundled codes: ``{code: (title, chapter letter)}``."""
    text = resources.files("gate.clinical").joinpath("icpc2_nb.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, title, chapter = line.split("\t")
        out[code] = (title, chapter)
    return out


def _norm(code: str) -> str:
    return code.strip().upper()


def is_valid(code: str) -> bool:
    """Whether ``code`` (e.g. "L03", case-insensitive) is a known ICPC-2 code."""
    c = _norm(code)
    return bool(_FORM.match(c)) and c in codes()


def title(code: str) -> str | None:
    """The Norwegian title of ``code`` ("N95" -> "Spenningshodepine"), None if not a known code."""
    entry = codes().get(_norm(code))
    return entry[0] if entry else None


def chapter(code: str) -> str | None:
    """The chapter letter of a known code ("L83" -> "L"), None if not a known code."""
    entry = codes().get(_norm(code))
    return entry[1] if entry else None
