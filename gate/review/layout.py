"""The layout of a review packet, shared by export and import so they cannot drift apart.

A packet has an instructions sheet (``Instruksjoner``, in Norwegian, with the packet id)
and one sheet per document type. Row 1 holds the headers; each following row is one
case. *Content* columns (case id, region, input, outputs) are what the reviewer must not
change: each content cell's hash is recorded in the registry, so an edit is reported
with its sheet and cell. *Choice* columns are dropdowns; the comment column is free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from registry import hash_value

INSTRUCTIONS = "Instruksjoner"
PACKET_ID_CELL = "B3"
YES_NO = ("ja", "nei")
LANGUAGE = ("ok", "ikke ok")
PREFERENCE = ("A", "B", "lik")

DOC_TYPE_SHEETS = {
    "soap": "SOAP-notater", "letter": "Brev", "sick_leave": "Sykmeldinger", "message": "Meldinger",
    "referral": "Henvisninger", "ukjent": "Annet",
}


@dataclass(frozen=True)
class Column:
    """One column of a case sheet."""

    key: str
    header: str
    kind: str
    """``content`` (read-only, hashed), ``choice`` (dropdown) or ``text`` (free comment)."""
    choices: tuple[str, ...] = ()
    width: int = 14


def columns(blind: bool) -> list[Column]:
    """The columns of a case sheet: one output, or outputs A and B for a blind A/B packet."""
    cols = [Column("case_id", "case-id", "content", width=16), Column("region", "region", "content", width=12),
            Column("input", "inndata", "content", width=60)]
    labels = ("A", "B") if blind else ("",)
    for lab in labels:
        cols.append(Column(f"output{lab}", f"utdata {lab}".strip(), "content", width=60))
    for lab in labels:
        sfx = f" {lab}" if lab else ""
        cols += [Column(f"correct{lab}", f"klinisk korrekt{sfx}", "choice", YES_NO),
                 Column(f"hallucination{lab}", f"hallusinasjon{sfx}", "choice", YES_NO),
                 Column(f"language{lab}", f"språk{sfx}", "choice", LANGUAGE)]
    if blind:
        cols.append(Column("preferred", "foretrukket", "choice", PREFERENCE, width=12))
    cols.append(Column("comment", "kommentar", "text", width=40))
    return cols


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (A, B, ..., Z, AA, ...)."""
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def sheet_name(doc_type: str) -> str:
    """The sheet for a document type (Excel: at most 31 characters, no ``[]:*?/\\``)."""
    name = DOC_TYPE_SHEETS.get(doc_type) or re.sub(r"[\[\]:*?/\\]", "-", doc_type)[:31] or "Annet"
    return name if name != INSTRUCTIONS else "Annet"


def cell_hash(sheet: str, ref: str, value: str) -> str:
    """Hash of one content cell (bound to where it sits, so a moved value is an edit too)."""
    return hash_value([sheet, ref, value])


def content_hash(packet_id: str, model: str, cells: list[tuple[str, str, str]]) -> str:
    """Hash of everything the reviewer must not change: ``(sheet, cell, value)`` for every content cell."""
    return hash_value([packet_id, model, sorted(cells)])


INSTRUCTION_LINES = (
    "Slik gjør du gjennomgangen",
    "",
    "1. Hvert ark inneholder én dokumenttype (SOAP-notater, brev, sykmeldinger, meldinger). Hver rad er ett tilfelle.",
    "2. Les inndata (det modellen fikk) og utdata (det modellen skrev).",
    "3. Velg i nedtrekkslistene for hver rad:",
    "   - «klinisk korrekt»: ja hvis teksten er faglig riktig og kan brukes i journalen uten rettelser av betydning.",
    "   - «hallusinasjon»: ja hvis utdata inneholder funn, tester, tall, nivåer, koder eller tidspunkter "
    "som ikke står i inndata.",
    "   - «språk»: ok hvis teksten er god norsk bokmål med riktig fagterminologi, ellers «ikke ok».",
    "   - «foretrukket» (bare i blind A/B-pakker): A, B eller «lik». Du får ikke vite hvilken modell som er A og B.",
    "4. Skriv gjerne en kort kommentar. Kommentarer skal ikke inneholde pasientopplysninger.",
    "5. Ikke endre kolonnene case-id, region, inndata eller utdata, og ikke legg til eller slett rader eller ark: "
    "pakken kontrolleres mot registeret ved import, og endret innhold avvises.",
    "6. Alle rader må fylles ut. Lagre filen og send den tilbake; den importeres med "
    "«chirogate review import FIL --reviewer NAVN».",
    "",
    "Gul bakgrunn betyr at personopplysninger (navn, fødselsnummer, telefon, adresse o.l.) ble funnet i cellen; "
    "de er markert med rød, fet skrift. Vurder om de hører hjemme i teksten.",
    "",
    "Godkjenning krever at minst {share} av tilfellene er klinisk korrekte, på minst {min_cases} gjennomgåtte tilfeller.",
)


def instruction_cells(ws) -> dict[str, str]:
    """Every non-empty cell of the instructions sheet as ``{coordinate: text}`` (export records it;
    import compares it, so the model name, content hash and approval text cannot be edited)."""
    return {c.coordinate: str(c.value) for row in ws.iter_rows() for c in row if c.value not in (None, "")}
