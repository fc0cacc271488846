"""ICD-10 code form: a letter, two digits and an optional decimal part ("M54", "M54.5", "G44.2")."""

from __future__ import annotations

import re

_ICD10 = re.compile(r"^[A-Z]\d{2}(?:\.\d{1,2})?$")


def is_wellformed(code: str) -> bool:
    """Whether ``code`` has ICD-10's shape (a letter, 2 digits, optional .d or .dd).

    Shape only: the full WHO list is not bundled, so "M54.5" and "M99.9" both pass while
    "M5.4", "M545" or "54.5" do not."""
    return bool(_ICD10.match(code.strip().upper()))
