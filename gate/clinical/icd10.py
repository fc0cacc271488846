"""ICD-10 as Norway uses it, from the bundled ``icd10_nb.tsv.gz`` (Helsedirektoratet's list).

The list holds the codes a clinician may record, written without the dot ("M542" is M54.2);
a three-character category ("M54") is valid when some listed code starts with it. So "M54.2"
exists and "M54.7" does not. :func:`is_wellformed` keeps the shape check (a letter, two digits,
an optional decimal part) for callers that only need the form.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

_ICD10 = re.compile(r"^[A-Z]\d{2}(?:\.\d{1,2})?$")


def is_wellformed(code: str) -> bool:
    """Whether ``code`` has ICD-10's shape (a letter, 2 digits, optional .d or .dd)."""
    return bool(_ICD10.match(code.strip().upper()))


@lru_cache(maxsize=1)
def codes() -> dict[str, str]:
    """All listed codes without the dot: ``{"M542": "Smerte i nakke", ...}``."""
    raw = resources.files("gate.clinical").joinpath("icd10_nb.tsv.gz").read_bytes()
    out = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            code, title = line.split("\t", 1)
            out[code] = title
    return out


@lru_cache(maxsize=1)
def _categories() -> frozenset[str]:
    return frozenset(c[:3] for c in codes())


def _key(code: str) -> str:
    return code.strip().upper().replace(".", "")


def is_valid(code: str) -> bool:
    """Whether ``code`` ("M54.2", "M542", "M54") is in the list (a category when a code starts with it)."""
    if not is_wellformed(code) and not re.match(r"^[A-Z]\d{3,4}$", code.strip().upper()):
        return False
    k = _key(code)
    return k in codes() or (len(k) == 3 and k in _categories())


def title(code: str) -> str | None:
    """The Norwegian title of a listed code ("M54.2" -> "Smerte i nakke"), None otherwise."""
    return codes().get(_key(code))
