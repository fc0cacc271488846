"""Confirm the check digits of every identifier in pii_precision_v3.jsonl with python-stdnum.

Run with the project venv: /work/main/.venv/bin/python tests/labelled/heldout_v3/_check_ids.py
Exit 1 when one is invalid. Also prints which account numbers validate as a fødselsnummer (H-number
included), the issue-18 case of typing by context.
"""

import json
import re
import sys
from pathlib import Path

from stdnum.no import fodselsnummer, kontonr, orgnr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _write_pii import CASES  # noqa: E402

CHECK = {"fnr": fodselsnummer, "fnr_separated": fodselsnummer, "d_nummer": fodselsnummer,
         "account_number": kontonr, "orgnr_separated": orgnr}


def main():
    bad = 0
    for c in CASES:
        mod = CHECK.get(c["kind"])
        if mod is None:
            continue
        digits = re.sub(r"\D", "", c["value"])
        try:
            mod.validate(digits)
            extra = ""
            if c["kind"] == "d_nummer" and int(digits[0]) < 4:
                raise ValueError("not a D-nummer: first digit below 4")
            if c["kind"] in ("fnr", "fnr_separated") and int(digits[0]) >= 4:
                raise ValueError("a D-nummer labelled as fødselsnummer")
            if c["kind"] == "account_number" and fodselsnummer.is_valid(digits):
                extra = " (also valid as fødselsnummer/H-number)"
            print(f"ok   {c['kind']:16} {digits}{extra}")
        except Exception as exc:  # stdnum raises ValidationError subclasses
            bad += 1
            print(f"BAD  {c['kind']:16} {digits}: {exc}")
    rows = [json.loads(x) for x in (Path(__file__).parent / "pii_precision_v3.jsonl").open(encoding="utf-8")]
    print(f"{len(rows)} cases, {bad} invalid identifiers")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
