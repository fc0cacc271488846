"""Run every fact extractor over a text."""

from __future__ import annotations

from .base import Doc, Fact
from .clinical_tests import extract_tests
from .codes import extract_codes
from .diagnoses import extract_acuity, extract_diagnoses
from .exam import extract_exam
from .history import extract_history
from .imaging import extract_imaging
from .levels import extract_levels
from .medications import extract_medications
from .numbers import extract_numbers
from .plan import extract_plan
from .redflags import extract_red_flags
from .regions import extract_regions
from .symptoms import extract_symptoms
from .timing import extract_timing


def extract_facts(text: str | Doc) -> list[Fact]:
    """All clinical facts ``text`` asserts (or denies), in text order."""
    doc = text if isinstance(text, Doc) else Doc.of(text)
    levels = extract_levels(doc)
    facts = [*extract_regions(doc), *extract_tests(doc), *extract_numbers(doc), *levels,
             *extract_codes(doc, [(f.start, f.end) for f in levels]), *extract_medications(doc),
             *extract_imaging(doc), *extract_red_flags(doc), *extract_symptoms(doc), *extract_timing(doc),
             *extract_exam(doc), *extract_diagnoses(doc), *extract_acuity(doc), *extract_history(doc), *extract_plan(doc)]
    titles = [f.extra["title_span"] for f in facts if f.type == "code" and f.extra.get("title_span")]
    if titles:  # a diagnosis word inside a code's written-out title is the code's name
        facts = [f for f in facts if f.type != "diagnosis" or not any(a <= f.start < b for a, b in titles)]
    return sorted(facts, key=lambda f: (f.start, f.type))
