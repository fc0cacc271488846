"""A recorded review packet read back for the browser: its cases' texts, checked against the export record.

The registry keeps the packet's hashes and a copy of its workbook (the ``review-packet``
artifact), never the case text itself. The browser review therefore reads the texts from
that stored workbook, re-checks every content cell against the hashes recorded at export
(so the screen shows exactly what the xlsx showed), and marks the personal data the
scanner finds, as the xlsx does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from registry import Registry, hash_file
from registry.signoffs import ReviewPacket, get_packet

from ..errors import InputError, NotFoundError
from .layout import cell_hash, column_letter, columns, content_hash


@dataclass(frozen=True)
class Finding:
    """A span the gate flagged in an output, which the clinician confirms or rejects."""

    id: str
    """Stable within the packet: ``<label>:<start>-<end>`` (label A/B, or ``-`` for a one-model packet)."""
    label: str
    start: int
    end: int
    kind: str
    """What the scanner found (``PII:NO_FNR``, ...)."""


@dataclass(frozen=True)
class CaseView:
    """One case of a packet as the clinician sees it."""

    case_id: str
    doc_type: str
    region: str
    input: str
    outputs: list[str]
    """In packet order: ``[A, B]`` for a blind A/B packet, else ``[output]``."""
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class PacketView:
    """A packet and its cases, in the export's order."""

    packet: ReviewPacket
    cases: list[CaseView]

    @property
    def blind(self) -> bool:
        return bool(self.packet.blind_key)


def resolve_packet(reg: Registry, ref: str) -> ReviewPacket:
    """The packet named by ``ref``: a packet id, or the path of an exported (or filled) packet workbook."""
    p = Path(ref)
    if p.suffix.lower() == ".xlsx":
        from .importer import read_packet_id

        _, pid = read_packet_id(p)
        try:
            return get_packet(reg, pid)
        except NotFoundError:
            raise InputError(f"{p}: packet '{pid}' was not exported from this registry") from None
    return get_packet(reg, ref)


def load_packet_view(reg: Registry, packet: ReviewPacket) -> PacketView:
    """Read the packet's cases from its stored workbook, verified against the export record."""
    from openpyxl import load_workbook

    from .export import _pii_spans

    arts = [a for a in reg.artifacts(packet.model, "review-packet") if a.sha256 == packet.sha256]
    if not arts:
        raise NotFoundError(f"review packet '{packet.packet_id}': its workbook is not in the artifact store")
    path = reg.artifact_path(arts[-1])
    if hash_file(path) != packet.sha256:
        raise InputError(f"{path}: the stored workbook of packet '{packet.packet_id}' does not match its sha256")
    with open(path, "rb") as f:  # the store names files by sha256, without the .xlsx openpyxl wants
        wb = load_workbook(f)
    blind = bool(packet.blind_key)
    cols = columns(blind)
    out_keys = ("outputA", "outputB") if blind else ("output",)
    cells_seen = []
    cases = []
    for case in packet.cases:
        ws = wb[case["sheet"]]
        values = {}
        for j, col in enumerate(cols):
            if col.kind != "content":
                continue
            ref = f"{column_letter(j)}{case['row']}"
            v = ws[ref].value
            text = "" if v is None else str(v)
            if cell_hash(case["sheet"], ref, text) != case["cells"].get(ref):
                raise InputError(f"{path}: sheet '{case['sheet']}' cell {ref}: differs from the export record "
                                 f"(case {case['id']})")
            cells_seen.append((case["sheet"], ref, text))
            values[col.key] = text
        outputs = [values[k] for k in out_keys]
        findings = []
        for label, text in zip(("A", "B") if blind else ("-",), outputs):
            findings += _findings(label, case, values["input"], text, _pii_spans)
        cases.append(CaseView(case["id"], case.get("doc_type", ""), values.get("region", ""), values["input"],
                              outputs, findings))
    if content_hash(packet.packet_id, packet.model, cells_seen) != packet.content_sha256:
        raise InputError(f"{path}: the content hash of packet '{packet.packet_id}' does not match its export record")
    return PacketView(packet, cases)


def _findings(label: str, case: dict, input_text: str, output: str, pii_spans) -> list[Finding]:
    """What the gate flags in one output, as the suites' scorers see it: personal data (the PII
    scanner), unsupported facts (hallucination scorer) and terminology problems, with offsets."""
    from ..cases import Case
    from ..scorers.hallucination import hallucination
    from ..scorers.terminology import terminology

    c = Case(case["id"], ({"role": "user", "content": input_text},), "reference",
             doc_type=case.get("doc_type") if case.get("doc_type") not in (None, "", "ukjent") else None)
    out: dict[str, Finding] = {}
    for s, e, t in pii_spans(output):
        out.setdefault(f"{label}:{s}-{e}", Finding(f"{label}:{s}-{e}", label, s, e, f"PII:{t}"))
    for name, scorer, key in (("hallusinasjon", hallucination(), "findings"),
                              ("terminologi", terminology(), "problems")):
        for f in scorer(c, output).details.get(key, []):
            s, e = f.get("start"), f.get("end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(output):
                out.setdefault(f"{label}:{s}-{e}", Finding(f"{label}:{s}-{e}", label, s, e, f"{name}:{f.get('type')}"))
    return sorted(out.values(), key=lambda f: f.start)
