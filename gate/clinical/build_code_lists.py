"""Rebuild the bundled ICPC-2 and ICD-10 lists from the npm package ``@navikt/diagnosekoder``.

Run by hand when a new version is published (``npm pack @navikt/diagnosekoder``, unpack, then
``python -m gate.clinical.build_code_lists package/``). The package (MIT, NAV) holds the code
lists of the Norwegian Directorate of Health (Helsedirektoratet, kodeverk 7170 ICPC-2 and 7110
ICD-10) with their Norwegian titles, as served by its terminology API; we keep code and title
only and write them as sorted TSV with the version and source in the header.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent


def _header(system: str, version: str, extra: str) -> str:
    return (f"# {system} with Norwegian titles. Source: npm @navikt/diagnosekoder {version} (MIT), the code list of\n"
            f"# Helsedirektoratet (Norwegian Directorate of Health) as its terminology API serves it. {extra}\n"
            "# Rebuilt with gate/clinical/build_code_lists.py; do not edit by hand.\n")


def build(package: Path) -> None:
    """Write ``icpc2_nb.tsv`` and ``icd10_nb.tsv.gz`` beside this module from an unpacked npm package."""
    version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    icpc = json.loads((package / "lib" / "ICPC2.json").read_text("utf-8"))
    lines = [_header("ICPC-2 (kodeverk 7170)", version,
                     "Components 1 (symptoms, -01..-29) and 7 (diagnoses, -70..-99) of all 17 chapters;\n"
                     "# the process codes (-30..-69) are the same in every chapter and are recognised by rule in icpc2.py.")
             + "# code\tNorwegian title\tchapter"]
    for row in sorted(icpc, key=lambda r: r["code"]):
        lines.append(f"{row['code']}\t{row['text'].strip()}\t{row['code'][0]}")
    (HERE / "icpc2_nb.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    icd = json.loads((package / "lib" / "ICD10.json").read_text("utf-8"))
    text = _header("ICD-10 (kodeverk 7110)", version, "Codes without the dot (M542 = M54.2); the list holds\n"
                   "# the codes a clinician may record, so a three-character category is valid when a code starts with it.")
    text += "# code\tNorwegian title\n" + "".join(f"{r['code']}\t{r['text'].strip()}\n"
                                                 for r in sorted(icd, key=lambda r: r["code"]))
    with gzip.GzipFile(HERE / "icd10_nb.tsv.gz", "wb", mtime=0) as f:
        f.write(text.encode("utf-8"))


if __name__ == "__main__":
    build(Path(sys.argv[1]))
