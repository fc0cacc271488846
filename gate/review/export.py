"""``chirogate review export``: the clinician's packet as an xlsx workbook and a printable HTML page.

Both files are written to temporary names first; the packet (id, file sha256, content
hash, per-cell hashes, blind key, the GGUF sha256 it shows) is recorded in the registry,
with a copy of the workbook as a ``review-packet`` artifact, in one transaction; only
then are the files renamed into place. A blind A/B packet puts the candidate's and the
baseline's outputs in random order as A and B; which is which is kept only in the registry.
"""

from __future__ import annotations

import datetime as _dt
import html
import random
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from registry import Registry, hash_file
from registry.signoffs import ReviewPacket, record_packet

from ..errors import InputError
from . import ReviewConfig
from .layout import (
    INSTRUCTION_LINES, INSTRUCTIONS, PACKET_ID_CELL, cell_hash, column_letter, columns, content_hash, instruction_cells,
    sheet_name,
)
from .sample import ReviewItem

HIGHLIGHT_FILL = "FFF2CC"  # light yellow: this cell holds personal data
PII_FONT_COLOR = "C00000"


@dataclass(frozen=True)
class ExportResult:
    """Where the packet went and what was recorded."""

    packet: ReviewPacket
    xlsx: Path
    html: Path
    n_cases: int
    n_pii_cells: int
    """Cells in which the PII scanner found personal data (highlighted)."""


def _pii_spans(text: str) -> list[tuple[int, int, str]]:
    """Merged ``(start, end, type)`` spans of personal data found by the Norwegian recognisers."""
    from gate.pii import analyze

    spans = sorted((e.start, e.end, e.type) for e in analyze(text))
    merged: list[tuple[int, int, str]] = []
    for s, e, t in spans:
        if merged and s < merged[-1][1]:
            ps, pe, pt = merged[-1]
            merged[-1] = (ps, max(pe, e), pt if t == pt else f"{pt}/{t}")
        else:
            merged.append((s, e, t))
    return merged


def _cell_safe(text: str) -> str:
    """The text as a spreadsheet cell can hold it (control characters other than tab and newline
    replaced); the content hash is taken over this form, so import compares like with like."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _rich(text: str, spans: list[tuple[int, int, str]]):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    parts, pos = [], 0
    for s, e, _ in spans:
        if s > pos:
            parts.append(text[pos:s])
        parts.append(TextBlock(InlineFont(b=True, color=PII_FONT_COLOR), text[s:e]))
        pos = e
    if pos < len(text):
        parts.append(text[pos:])
    return CellRichText(*parts)


def _ordered(items: list[ReviewItem], blind: bool, key_rng: random.Random) -> list[tuple[ReviewItem, list[str], str]]:
    """Each item with its outputs in sheet order and the label (A/B) of the reviewed model's output."""
    out = []
    for it in items:
        if not blind:
            out.append((it, [it.output], "A"))
            continue
        if it.output_b is None:
            raise InputError(f"case '{it.case_id}': a blind A/B packet needs the baseline's output too")
        label = key_rng.choice("AB")
        out.append((it, [it.output, it.output_b] if label == "A" else [it.output_b, it.output], label))
    return out


def export_packet(reg: Registry, model: str, items: list[ReviewItem], out: str | Path, *, blind: bool = False,
                  baseline: str | None = None, config: ReviewConfig | None = None,
                  artifact_sha256: str | None = None) -> ExportResult:
    """Write the packet for ``model`` (``items`` already sampled) to ``out`` (.xlsx) and ``out``.html.

    ``artifact_sha256`` is the GGUF the outputs came from (default: the model's newest GGUF),
    so that a sign-off counts only for those bytes.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    config = config or ReviewConfig()
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise InputError(f"{out}: the review packet must be an .xlsx file")
    if not items:
        raise InputError("no cases to put in the review packet")
    m = reg.get_model(model)
    if artifact_sha256 is None:
        ggufs = reg.artifacts(m.name, "gguf")
        artifact_sha256 = ggufs[-1].sha256 if ggufs else None
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: output directory does not exist")
    packet_id = f"rp-{_dt.datetime.now(_dt.timezone.utc):%Y%m%d}-{secrets.token_hex(4)}"
    cols = columns(blind)
    # The A/B order must not be guessable from anything public: a system RNG, not the sample seed.
    ordered = _ordered(items, blind, random.SystemRandom())

    wb = Workbook()
    ins = wb.active
    ins.title = INSTRUCTIONS
    by_sheet: dict[str, list] = {}
    for it, outs, label in ordered:
        by_sheet.setdefault(sheet_name(it.doc_type), []).append((it, outs, label))
    content_cells: list[tuple[str, str, str]] = []
    case_entries: list[dict] = []
    blind_key: dict[str, str] = {}
    pii_cells = 0
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    fill = PatternFill("solid", fgColor=HIGHLIGHT_FILL)
    for sname in sorted(by_sheet):
        ws = wb.create_sheet(sname)
        for j, col in enumerate(cols):
            c = ws.cell(row=1, column=j + 1, value=col.header)
            c.font = bold
            ws.column_dimensions[column_letter(j)].width = col.width
        ws.freeze_panes = "A2"
        rows = by_sheet[sname]
        last = len(rows) + 1
        for j, col in enumerate(cols):
            if col.kind == "choice":
                dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle="Ugyldig verdi",
                                    error="Velg en verdi fra listen: " + ", ".join(col.choices))
                ws.add_data_validation(dv)
                dv.add(f"{column_letter(j)}2:{column_letter(j)}{last}")
        for i, (it, outs, label) in enumerate(rows, start=2):
            values = {"case_id": it.case_id, "region": it.region, "input": it.input}
            for k, text in zip(("outputA", "outputB") if blind else ("output",), outs):
                values[k] = text
            values = {k: _cell_safe(v) for k, v in values.items()}
            cells = {}
            for j, col in enumerate(cols):
                ref = f"{column_letter(j)}{i}"
                cell = ws.cell(row=i, column=j + 1)
                cell.alignment = wrap
                if col.kind != "content":
                    cell.protection = Protection(locked=False)
                    continue
                text = values[col.key]
                spans = _pii_spans(text) if col.key.startswith(("input", "output")) else []
                if spans:
                    cell.value = _rich(text, spans)
                    cell.fill = fill
                    cell.comment = Comment("Personopplysninger funnet: " + ", ".join(sorted({t for *_, t in spans})),
                                           "chirogate")
                    pii_cells += 1
                else:
                    cell.value = text
                    if text.startswith("="):
                        cell.data_type = "s"  # model text, never a formula
                cells[ref] = cell_hash(sname, ref, text)
                content_cells.append((sname, ref, text))
            case_entries.append({"id": it.case_id, "sheet": sname, "row": i, "doc_type": it.doc_type,
                                 "region": it.region, "cells": cells})
            if blind:
                blind_key[it.case_id] = label
        # Protection against accidental edits (no password: the hashes are the real check).
        ws.protection.sheet = True
        ws.protection.formatCells = False
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    chash = content_hash(packet_id, m.name, content_cells)
    _write_instructions(ins, packet_id, m.name, len(case_entries), chash, blind, config)

    from registry.files import crash_point, owned_prefix
    from registry.publish import begin, clean_start, finish, settle

    # Recorded from a temp folder, moved into place after the commit; a journal entry lets the next
    # export finish the moves (or drop the folder) if this process dies in between.
    clean_start("review", out.parent, f".{out.name}.tmp-*", reg)
    tmpdir = Path(tempfile.mkdtemp(prefix=owned_prefix(f".{out.name}.tmp-"), dir=out.parent))
    pub = None
    try:
        tmp_xlsx = tmpdir / out.name
        wb.save(tmp_xlsx)
        html_out = out.with_suffix(".html")
        tmp_html = tmpdir / html_out.name
        tmp_html.write_text(_html(packet_id, m.name, chash, cols, by_sheet, blind, config), "utf-8")
        sha = hash_file(tmp_xlsx)
        meta = {"file": out.name, "html": html_out.name, "blind_ab": blind, "baseline": baseline,
                "n_cases": len(case_entries), "pii_cells": pii_cells,
                # what the reviewer reads as the packet's identity and rules (model, hash, approval
                # text): the import refuses a packet whose instructions sheet was edited
                "instructions": instruction_cells(ins)}
        pub = begin(reg, "review", tmpdir, [(tmp_xlsx, out), (tmp_html, html_out)],
                    {"row": ["review_packets", packet_id]}, replace=True)
        crash_point("review.staged")
        with reg.transaction():
            packet = record_packet(reg, packet_id=packet_id, model=m.name, sha256=sha, content_sha256=chash,
                                   blind_key=blind_key, cases=case_entries, artifact_sha256=artifact_sha256, meta=meta)
            reg.add_artifact(m.name, "review-packet", tmp_xlsx, meta={"packet_id": packet_id})
    except BaseException:
        if pub is not None:
            settle(reg, pub)
        else:
            shutil.rmtree(tmpdir, ignore_errors=True)
        raise
    crash_point("review.registered")
    try:
        finish(pub)
    except OSError as exc:
        raise InputError(f"{out}: review packet {packet_id} is recorded but could not be moved there ({exc}); "
                         f"it is kept in {tmpdir}") from None
    return ExportResult(packet, out, html_out, len(case_entries), pii_cells)


def _write_instructions(ws, packet_id: str, model: str, n: int, chash: str, blind: bool, config: ReviewConfig) -> None:
    from openpyxl.styles import Font

    ws["A1"] = "chirogate – klinisk gjennomgang av modellutdata"
    ws["A1"].font = Font(bold=True, size=14)
    rows = [("Pakke-ID", packet_id), ("Modell", model), ("Antall tilfeller", n),
            ("Type", "blind A/B-sammenligning" if blind else "gjennomgang av én modell"), ("Innholds-hash", chash)]
    for i, (k, v) in enumerate(rows, start=3):
        ws.cell(row=i, column=1, value=k).font = Font(bold=True)
        ws.cell(row=i, column=2, value=v)
    assert ws[PACKET_ID_CELL].value == packet_id
    start = 3 + len(rows) + 1
    for i, line in enumerate(INSTRUCTION_LINES):
        ws.cell(row=start + i, column=1,
                value=line.format(share=f"{config.min_correct_share:.0%}", min_cases=config.min_cases))
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 80
    ws.protection.sheet = True


def _html_text(text: str) -> str:
    spans = _pii_spans(text)
    parts, pos = [], 0
    for s, e, t in spans:
        parts.append(html.escape(text[pos:s]))
        parts.append(f'<mark title="{html.escape(t)}">{html.escape(text[s:e])}</mark>')
        pos = e
    parts.append(html.escape(text[pos:]))
    return "".join(parts).replace("\n", "<br>")


def _html(packet_id: str, model: str, chash: str, cols, by_sheet, blind: bool, config: ReviewConfig) -> str:
    lines = [
        "<!doctype html>", '<html lang="nb"><head><meta charset="utf-8">',
        f"<title>Klinisk gjennomgang {html.escape(packet_id)}</title>",
        "<style>body{font-family:sans-serif;font-size:11pt;margin:2em} .case{border:1px solid #999;padding:.6em;"
        "margin:1em 0;page-break-inside:avoid} .label{font-weight:bold;margin-top:.4em} mark{background:#fff2cc;"
        "color:#c00000;font-weight:bold} h2{page-break-before:always} .choices span{margin-right:1.5em}"
        " @media print{body{margin:1cm}}</style></head><body>",
        "<h1>Klinisk gjennomgang av modellutdata</h1>",
        f"<p>Pakke-ID: <b>{html.escape(packet_id)}</b><br>Modell: {html.escape(model)}<br>"
        f"Innholds-hash: <code>{html.escape(chash)}</code></p>",
        "<div>" + "<br>".join(html.escape(line.format(share=f"{config.min_correct_share:.0%}",
                                                      min_cases=config.min_cases)) for line in INSTRUCTION_LINES)
        + "</div>",
    ]
    choice_cols = [c for c in cols if c.kind == "choice"]
    for sname in sorted(by_sheet):
        lines.append(f"<h2>{html.escape(sname)}</h2>")
        for it, outs, _ in by_sheet[sname]:
            lines.append(f'<div class="case"><div><b>{html.escape(it.case_id)}</b> · {html.escape(it.region)}</div>')
            lines.append(f'<div class="label">Inndata</div><div>{_html_text(it.input)}</div>')
            for lab, text in zip(("A", "B") if blind else ("",), outs):
                lines.append(f'<div class="label">Utdata {lab}</div><div>{_html_text(text)}</div>')
            lines.append('<div class="choices">' + "<br>".join(
                f"<b>{html.escape(c.header)}:</b> " + "".join(f"<span>☐ {html.escape(v)}</span>" for v in c.choices)
                for c in choice_cols) + "</div>")
            lines.append('<div class="label">Kommentar</div><div style="height:3em;border-bottom:1px dotted #999">'
                         "</div></div>")
    lines.append("</body></html>")
    return "\n".join(lines) + "\n"
