"""ICPC-2, the whole published code list with Norwegian titles, from the bundled ``icpc2_nb.tsv``.

The file holds components 1 (symptoms and complaints, -01..-29) and 7 (diagnoses, -70..-99) of
all 17 chapters as Helsedirektoratet publishes them (source and version in its header). The
process codes (-30..-69: examinations, tests, treatment, referral, administration) are the same
in every chapter, so they are recognised by rule, written either with a chapter letter ("L31")
or with a dash ("-31"); Norwegian titles for them are not shipped (:func:`title` returns None).
Tension headache is N95; N02 does not exist in ICPC-2 (it was ICPC-1's tension headache).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

CHAPTER_LETTERS = "ABDFHKLNPRSTUWXYZ"
_FORM = re.compile(r"^[A-Z]\d{2,3}$")  # 4 characters: Norwegian extensions ("R991" Covid-19)
_PROCESS = re.compile(rf"^[{CHAPTER_LETTERS}-]([3-6]\d)$")


@lru_cache(maxsize=1)
def codes() -> dict[str, tuple[str, str]]:
    """All listed codes (components 1 and 7): ``{code: (Norwegian title, chapter letter)}``."""
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


def is_process(code: str) -> bool:
    """Whether ``code`` is a process code (-30..-69, with a chapter letter or a dash)."""
    return bool(_PROCESS.match(_norm(code)))


def is_valid(code: str) -> bool:
    """Whether ``code`` (e.g. "L03", "K86", "L31", case-insensitive) is an ICPC-2 code."""
    c = _norm(code)
    return (bool(_FORM.match(c)) and c in codes()) or is_process(c)


def title(code: str) -> str | None:
    """The Norwegian title of ``code`` ("N95" -> "Tensjonshodepine"), None if not a listed code."""
    entry = codes().get(_norm(code))
    return entry[0] if entry else None


def chapter(code: str) -> str | None:
    """The chapter letter of a valid code ("L83" -> "L"), None if not a valid code."""
    c = _norm(code)
    if c in codes():
        return codes()[c][1]
    return c[0] if is_process(c) and c[0] != "-" else None
