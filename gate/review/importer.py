"""``chirogate review import``: a filled packet becomes a recorded clinician sign-off.

The file is checked against what the registry recorded at export, in this order, and
the first problem is reported naming the sheet and cell: it is a chirogate packet with
a packet id; this registry exported that id; every sheet, row and content cell (case
id, region, input, outputs) is exactly as exported (per-cell hashes, then the overall
content hash); every choice cell holds an allowed value and none is empty. Then the
approved share (``klinisk korrekt: ja`` for the reviewed model, unblinded with the key
from the registry), hallucination and language shares and the A/B preference are
computed and the sign-off is recorded against ``[review]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry import Registry, hash_file
from registry.signoffs import Signoff, get_packet, record_signoff

from ..errors import InputError
from . import ReviewConfig
from .layout import INSTRUCTIONS, PACKET_ID_CELL, cell_hash, column_letter, columns, content_hash


@dataclass(frozen=True)
class ReviewOutcome:
    """What a filled packet says, and the sign-off recorded from it."""

    packet_id: str
    model: str
    reviewer: str
    n_reviewed: int
    approved_share: float
    """Share of cases where the reviewed model's output is clinically correct."""
    hallucination_share: float
    language_ok_share: float
    approved: bool
    """Meets ``[review]``: ``approved_share >= min_correct_share`` on ``>= min_cases`` cases."""
    preference: dict[str, int] = field(default_factory=dict)
    """Blind A/B packets: ``{"candidate": n, "baseline": n, "tie": n}``."""
    baseline_approved_share: float | None = None
    signoff: Signoff | None = None


#: Limits checked on the zip directory before anything is parsed: a real packet of a few hundred
#: cases is well under 1 MB packed and 5 MB unpacked; a 1 MB file that unpacks to a 1 GiB cell
#: must be refused in well under a second, not after gigabytes of memory.
MAX_PACKET_BYTES = 20 * 2**20
MAX_UNPACKED_BYTES = 100 * 2**20
MAX_PART_BYTES = 50 * 2**20
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def _shown(value: Any, limit: int = 40) -> str:
    """A cell value as an error message may quote it: one line, cut short."""
    text = " ".join(_text(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def check_packet_size(path: Path) -> None:
    """Refuse a file too large to be a review packet, or one whose zip parts unpack too large,
    from the zip directory alone (before openpyxl parses anything)."""
    import zipfile

    size = path.stat().st_size
    if size > MAX_PACKET_BYTES:
        raise InputError(f"{path}: {size / 2**20:.1f} MB is too large for a review packet "
                         f"(limit {MAX_PACKET_BYTES // 2**20} MB)")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(f"{path}: not a readable .xlsx review packet (not a zip file)") from None
    total = sum(i.file_size for i in infos)
    big = max(infos, key=lambda i: i.file_size, default=None)
    if big is not None and big.file_size > MAX_PART_BYTES:
        raise InputError(f"{path}: part {_shown(big.filename)} unpacks to {big.file_size / 2**20:.0f} MB, too large "
                         f"for a review packet (limit {MAX_PART_BYTES // 2**20} MB): refused before reading it")
    if total > MAX_UNPACKED_BYTES:
        raise InputError(f"{path}: unpacks to {total / 2**20:.0f} MB, too large for a review packet "
                         f"(limit {MAX_UNPACKED_BYTES // 2**20} MB): refused before reading it")


def read_packet_id(path: Path) -> tuple[Any, str]:
    """Open the workbook and read its packet id (errors name the file, sheet and cell)."""
    from openpyxl import load_workbook

    if not path.is_file():
        raise InputError(f"{path}: review packet file does not exist")
    check_packet_size(path)
    try:
        # Formulas are read as formulas (not their cached values): a formula in a choice cell is refused.
        wb = load_workbook(path, data_only=False)
    except Exception as exc:  # noqa: BLE001 - zip/xml errors of every kind: not a workbook
        raise InputError(f"{path}: not a readable .xlsx review packet ({type(exc).__name__})") from None
    if INSTRUCTIONS not in wb.sheetnames:
        raise InputError(f"{path}: no sheet '{INSTRUCTIONS}': this is not a chirogate review packet")
    pid = _text(wb[INSTRUCTIONS][PACKET_ID_CELL].value).strip()
    if not pid:
        raise InputError(f"{path}: sheet '{INSTRUCTIONS}' cell {PACKET_ID_CELL}: no packet id: "
                         "this is not a chirogate review packet")
    return wb, pid


def import_packet(reg: Registry, path: str | Path, reviewer: str, *, config: ReviewConfig | None = None,
                  record: bool = True) -> ReviewOutcome:
    """Validate a filled packet against its export record and record the sign-off."""
    config = config or ReviewConfig()
    path = Path(path)
    if not reviewer or not reviewer.strip():
        raise InputError("--reviewer NAME is required (who signs the review)")
    wb, pid = read_packet_id(path)
    from ..errors import NotFoundError

    try:
        packet = get_packet(reg, pid)
    except NotFoundError:
        raise InputError(f"{path}: sheet '{INSTRUCTIONS}' cell {PACKET_ID_CELL}: packet '{_shown(pid)}' was not exported "
                         "from this registry (a foreign or altered packet)") from None
    recorded = packet.meta.get("instructions")
    if recorded is not None:  # packets exported before the instructions were recorded are not covered
        from .layout import instruction_cells

        now_cells = instruction_cells(wb[INSTRUCTIONS])
        for ref in sorted(set(recorded) | set(now_cells)):
            if recorded.get(ref) != now_cells.get(ref):
                raise InputError(f"{path}: sheet '{INSTRUCTIONS}' cell {ref}: the instructions were edited after "
                                 "export (model, content hash and approval text must stay as exported)")
    blind = bool(packet.blind_key)
    cols = columns(blind)
    expected_sheets = sorted({c["sheet"] for c in packet.cases})
    for s in expected_sheets:
        if s not in wb.sheetnames:
            raise InputError(f"{path}: sheet '{s}' is missing (the packet was changed after export)")
    extra = sorted(set(wb.sheetnames) - set(expected_sheets) - {INSTRUCTIONS})
    if extra:
        raise InputError(f"{path}: sheet '{extra[0]}' was not in the exported packet")
    for s in expected_sheets:
        ws = wb[s]
        for j, col in enumerate(cols):
            ref = f"{column_letter(j)}1"
            if _text(ws[ref].value) != col.header:
                raise InputError(f"{path}: sheet '{s}' cell {ref}: expected the header '{col.header}', "
                                 f"found '{_shown(ws[ref].value)}' (columns were changed)")
        n_rows = sum(1 for c in packet.cases if c["sheet"] == s)
        for row in ws.iter_rows(min_row=n_rows + 2):
            for cell in row:
                if cell.value not in (None, ""):
                    raise InputError(f"{path}: sheet '{s}' cell {cell.coordinate}: content below the last "
                                     "exported case (rows were added)")
    # Content: per cell first (to name the cell), then the packet-wide hash.
    content_cells = []
    for case in packet.cases:
        ws = wb[case["sheet"]]
        for ref, expected in case["cells"].items():
            value = _text(ws[ref].value)
            if cell_hash(case["sheet"], ref, value) != expected:
                raise InputError(f"{path}: sheet '{case['sheet']}' cell {ref}: the exported content was edited "
                                 f"(case {case['id']}); content cells must stay as exported")
            content_cells.append((case["sheet"], ref, value))
    if content_hash(pid, packet.model, content_cells) != packet.content_sha256:
        raise InputError(f"{path}: the packet's content hash does not match the export record of '{pid}'")
    # Choices.
    answers: dict[str, dict[str, str]] = {}
    for case in packet.cases:
        ws = wb[case["sheet"]]
        got = {}
        for j, col in enumerate(cols):
            if col.kind == "content":
                continue
            ref = f"{column_letter(j)}{case['row']}"
            cell = ws[ref]
            raw = _text(cell.value).strip()
            if cell.data_type == "f" or raw.startswith("="):
                raise InputError(f"{path}: sheet '{case['sheet']}' cell {ref}: a formula is not an answer "
                                 f"('{col.header}', case {case['id']}): type the value")
            if len(raw) > MAX_CELL_CHARS:
                raise InputError(f"{path}: sheet '{case['sheet']}' cell {ref}: {len(raw)} characters is too long "
                                 f"('{col.header}', case {case['id']})")
            if col.kind == "text":
                got[col.key] = raw
                continue
            if not raw:
                raise InputError(f"{path}: sheet '{case['sheet']}' cell {ref}: '{col.header}' is empty for case "
                                 f"{case['id']} (the packet is incomplete: every case must be reviewed)")
            match = next((c for c in col.choices if c.lower() == raw.lower()), None)
            if match is None:
                raise InputError(f"{path}: sheet '{case['sheet']}' cell {ref}: '{_shown(raw)}' is not one of "
                                 f"{', '.join(col.choices)} ('{col.header}', case {case['id']})")
            got[col.key] = match
        answers[case["id"]] = got
    return _outcome(reg, path, packet, answers, reviewer.strip(), config, record)


def _check_not_signed(reg, path, packet, reviewer, config) -> None:
    """One sign-off per packet (``[review] signoffs_per_packet`` for several, each by another
    reviewer), whether signed from a workbook or in the browser: the same packet signed under
    other names must not add up to evidence."""
    from registry.errors import DuplicateError
    from registry.signoffs import signoffs

    where = f"{path}: " if path is not None else ""

    done = [s for s in signoffs(reg, packet.model) if s.packet_id == packet.packet_id]
    if any(s.reviewer == reviewer for s in done):
        raise DuplicateError(f"{where}reviewer '{reviewer}' has already signed packet '{packet.packet_id}'")
    if len(done) >= config.signoffs_per_packet:
        names = ", ".join(sorted({s.reviewer for s in done}))
        raise DuplicateError(f"{where}packet '{packet.packet_id}' is already signed ({len(done)} sign-off(s): {names}; "
                         f"[review] signoffs_per_packet = {config.signoffs_per_packet}): export a new packet")


def signoff_from_answers(reg: Registry, packet, answers: dict[str, dict[str, str]], reviewer: str,
                         config: ReviewConfig, *, record: bool = True) -> ReviewOutcome:
    """The outcome of judgements made in the browser (``answers[case_id][column key]``), by the same
    ``[review]`` rule and the same sign-off record as an imported workbook."""
    return _outcome(reg, None, packet, answers, reviewer, config, record)


def _outcome(reg, path, packet, answers, reviewer, config, record) -> ReviewOutcome:
    n = len(answers)
    blind = bool(packet.blind_key)
    pref = {"candidate": 0, "baseline": 0, "tie": 0}
    correct = halluc = lang_ok = 0
    base_correct = 0
    for cid, a in answers.items():
        mine = packet.blind_key.get(cid, "A") if blind else ""
        other = ("B" if mine == "A" else "A") if blind else None
        correct += a[f"correct{mine}"] == "ja"
        halluc += a[f"hallucination{mine}"] == "ja"
        lang_ok += a[f"language{mine}"] == "ok"
        if blind:
            base_correct += a[f"correct{other}"] == "ja"
            p = a["preferred"]
            pref["tie" if p == "lik" else "candidate" if p == mine else "baseline"] += 1
    share = correct / n if n else 0.0
    approved = n >= config.min_cases and share >= config.min_correct_share
    comments = {cid: a["comment"] for cid, a in answers.items() if a.get("comment")}
    outcome = ReviewOutcome(packet.packet_id, packet.model, reviewer, n, share, halluc / n if n else 0.0,
                            lang_ok / n if n else 0.0, approved, pref if blind else {},
                            base_correct / n if blind and n else None)
    if not record:
        return outcome
    _check_not_signed(reg, path, packet, reviewer, config)
    # The browser review signs from its recorded judgements (no file); an xlsx import records its
    # answers as judgements too, in the sign-off's transaction: either way one review, one sign-off.
    details = {"file_sha256": hash_file(path) if path is not None else None,
               "source": "xlsx" if path is not None else "browser",
               "hallucination_share": outcome.hallucination_share,
               "language_ok_share": outcome.language_ok_share, "preference": outcome.preference,
               "baseline_approved_share": outcome.baseline_approved_share, "artifact_sha256": packet.artifact_sha256,
               "policy": {"min_cases": config.min_cases, "min_correct_share": config.min_correct_share},
               "comments": comments}
    with reg.transaction():
        if path is not None:
            from registry.judgements import record_judgement

            for cid, a in answers.items():
                record_judgement(reg, packet_id=packet.packet_id, case_id=cid, reviewer=reviewer,
                                 answers={k: v for k, v in a.items() if k != "comment"}, source="xlsx")
        s = record_signoff(reg, model=packet.model, packet_id=packet.packet_id, reviewer=reviewer, n_reviewed=n,
                           approved_share=share, approved=approved, details=details)
    return ReviewOutcome(**{**outcome.__dict__, "signoff": s})
