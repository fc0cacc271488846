"""Clinical fact extraction and checking for Norwegian clinical text.

One module per kind of fact (regions and laterality, clinical tests, numbers with
units, spinal levels, codes, medications, imaging, red flags and symptoms, days/dates/
times, examination findings, diagnoses, history, plan commitments); :func:`extract_facts`
runs them all, :func:`check_output` compares the facts an output asserts with those in its
input (each finding a contradiction, an invention or an inference) and :func:`failing`
keeps the findings that fail the gate.
"""

from .base import Doc, Fact, Finding
from .check import check_output, failing
from .extract import extract_facts

__all__ = ["Doc", "Fact", "Finding", "check_output", "extract_facts", "failing"]
