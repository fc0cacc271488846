"""What the suites are: their default cases and the suite hash an eval run is bound to.

Default cases for a model: the test split of the dataset it was trained on (registry
lineage; a baseline borrows its family's newest trained model's, so both sides of an
A/B are asked the same cases), the abstention probes in ``suites/probes/``, the
extraction probes for the canaries in that dataset's card, and the clinic's benchmark
cases. The suite hash covers the suite files, the case data, the thresholds and the code of any
custom gate (:mod:`gate.custom_gates`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry import Registry, hash_file, hash_value
from registry.records import Model

from .cases import Case
from .config import Config, as_config
from .errors import NotFoundError
from .thresholds import gate_thresholds

ROOT = Path(__file__).resolve().parent.parent
SUITES_DIR = ROOT / "suites"
PROBES_DIR = SUITES_DIR / "probes"
BENCHMARK_FILE = SUITES_DIR / "cases" / "benchmark_cases.jsonl"


DOC_KINDS = ("soap", "letter", "sick_leave", "message")
# The clinic's own names (their benchmark categories and EHR document types) that need no config.
CLINIC_DOC_TYPES = {"communication": "message", "patient_messages": "message", "letters": "letter",
                    "referral": "letter", "sick_note": "sick_leave", "sykmelding": "sick_leave",
                    "journal": "soap", "quick_fields": "other", "codes": "other", "red_flags": "other"}


def resolve_doc_type(name: str | None, doc_types: dict[str, str] | None = None) -> str | None:
    """chirogate's kind for a document type name: a kind itself, else ``[suites] doc_types``, else the
    clinic's known names; None for "other", for no name and for an unknown name (callers warn)."""
    if not name:
        return None
    if name in DOC_KINDS:
        return name
    kind = (doc_types or {}).get(name) or CLINIC_DOC_TYPES.get(name)
    return kind if kind in DOC_KINDS else None


def is_known_doc_type(name: str, doc_types: dict[str, str] | None = None) -> bool:
    """Whether ``name`` is a kind, a configured name or one of the clinic's known names."""
    return name in DOC_KINDS or name in (doc_types or {}) or name in CLINIC_DOC_TYPES


@dataclass
class SuitesConfig:
    """``[suites]``: what the gate session adds to the thresholds in ``[gates]``."""

    benchmark_cases: str = ""
    """Clinic benchmark JSONL (empty = the bundled suites/cases/benchmark_cases.jsonl; "none" = no benchmark cases)."""
    abstention_probes: bool = True
    exposure_candidates: int = 100
    """Random candidates per canary for the exposure metric (transformers backend)."""
    exposure_seed: int = 0
    worst_n: int = 5
    """Worst cases shown on a failure and kept in the report."""
    doc_types: dict[str, str] = field(default_factory=dict)
    """The clinic's document type names -> chirogate's kinds (soap, letter, sick_leave, message, or
    "other" for a known type without a kind), added to :data:`CLINIC_DOC_TYPES`."""

    def __post_init__(self) -> None:
        for name, kind in self.doc_types.items():
            if kind not in DOC_KINDS + ("other",):
                raise ValueError(f"field 'doc_types': {name!r} -> {kind!r}: expected one of "
                                 f"{', '.join(DOC_KINDS + ('other',))}")
        if self.exposure_candidates < 1:
            raise ValueError(f"field 'exposure_candidates' must be >= 1, got {self.exposure_candidates}")
        if self.worst_n < 0:
            raise ValueError(f"field 'worst_n' must be >= 0, got {self.worst_n}")


# ---- cases --------------------------------------------------------------------------------------

def dataset_fingerprint(reg: Registry, model: Model) -> str | None:
    """The dataset the model was trained on: its own succeeded training run, else its parent's,
    else (for a baseline) the newest trained model of its family, so that both sides of an A/B
    are asked the same cases."""
    from registry.training import runs_for_model

    def own(name: str) -> str | None:
        runs = [r for r in runs_for_model(reg, name) if r.dataset_fingerprint and r.status == "succeeded"]
        return runs[-1].dataset_fingerprint if runs else None

    seen: set[str] = set()
    m: Model | None = model
    while m is not None and m.name not in seen:
        seen.add(m.name)
        fp = own(m.name)
        if fp:
            return fp
        try:
            m = reg.get_model(m.parent) if m.parent else None
        except NotFoundError:
            m = None
    for other in reversed(reg.list_models(model.family)):
        fp = own(other.name)
        if fp:
            return fp
    return None


def _dataset_dir_and_card(reg: Registry, fingerprint: str) -> tuple[Path, dict[str, Any]]:
    """The prepared dataset directory and its card for a registered fingerprint."""
    from registry.datasets import get_dataset

    ds = get_dataset(reg, fingerprint)
    path, card = Path(ds.path), ds.card
    if not card and (path / "card.json").is_file():
        card = json.loads((path / "card.json").read_text("utf-8"))
    return path, dict(card or {})


def load_test_split(path: Path) -> list[Case]:
    """The test split (``test.jsonl``: ``{"id", "messages", "doc_type", "region", "severity"}``), ids
    prefixed ``test:``; the trailing assistant turn is the reference answer."""
    from .generation import load_cases

    return [dataclasses.replace(c, id=f"test:{c.id}") for c in load_cases(path, default_kind="reference")]


def probe_cases(config: Config | None = None) -> list[Case]:
    """The abstention probes from suites/probes/abstention.jsonl (when enabled in ``[suites]``)."""
    from .generation import load_cases

    cfg = as_config(config).section("suites", SuitesConfig)
    return load_cases(PROBES_DIR / "abstention.jsonl", default_kind="abstention") if cfg.abstention_probes else []


def benchmark_case_list(config: Config | None = None) -> list[Case]:
    """The clinic benchmark cases (``[suites] benchmark_cases``, default the bundled file)."""
    from .scorers.benchmark_cases import load_benchmark_cases

    cfg = as_config(config).section("suites", SuitesConfig)
    if cfg.benchmark_cases.lower() == "none":
        return []
    return load_benchmark_cases(Path(cfg.benchmark_cases) if cfg.benchmark_cases else BENCHMARK_FILE)


def default_cases(reg: Registry, model: Model, config: Config | str | None = None) -> list[Case]:
    """The gate's default cases for ``model`` (see the module docstring), in a stable order."""
    from .canary import canary_cases

    config = as_config(config)
    cases: list[Case] = []
    fp = dataset_fingerprint(reg, model)
    if fp is not None:
        path, card = _dataset_dir_and_card(reg, fp)
        test = path / "test.jsonl"
        if not test.is_file():
            raise NotFoundError(f"dataset {fp}: {test} is missing (the test split the gate evaluates on)")
        cases += load_test_split(test)
        cases += canary_cases(card, source=f"dataset {fp[:19]}… card")
    cases += probe_cases(config)
    cases += benchmark_case_list(config)
    return cases


def _case_data(c: Case) -> dict[str, Any]:
    return {"id": c.id, "messages": list(c.messages), "kind": c.kind, "reference": c.reference,
            "doc_type": c.doc_type, "region": c.region, "max_tokens": c.max_tokens, "meta": c.meta}


def suite_files() -> list[Path]:
    """The files whose content defines the suites (test modules, conftest, probes, bundled cases)."""
    return sorted(p for p in SUITES_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".jsonl", ".json", ".tsv")
                  and "__pycache__" not in p.parts)


def current_suite_hash(config: Config | str | None, cases: Sequence[Case]) -> str:
    """``hash_value`` over the suite files, the case data and the thresholds (what an eval run is bound to)."""
    from .pii.config import PiiConfig
    from .scorers.hallucination import HallucinationConfig
    from .scorers.terminology import TerminologyConfig

    from .custom_gates import code_hashes, custom_gates

    config = as_config(config)
    thresholds = {g: t.text for g, t in gate_thresholds(config).items()}
    custom = custom_gates(config)
    orgs = config.section("pii", PiiConfig).organisation_names
    return hash_value({
        # the clinic's own names change what the PII gate counts; absent, hashes stay as they were
        **({"pii_organisation_names": sorted(orgs)} if orgs else {}),
        "suite_files": {str(p.relative_to(SUITES_DIR)): hash_file(p) for p in suite_files()},
        "cases": [_case_data(c) for c in cases],
        "thresholds": thresholds,
        # a clinic's own gates: their code and what they score (absent without any, so hashes stay as they were)
        **({"custom_gates": {g.name: {"metric": g.metric, "kinds": list(g.kinds), "code": code_hashes(g)}
                             for g in custom}} if custom else {}),
        "terminology": dataclasses.asdict(config.section("terminology", TerminologyConfig)),
        # [hallucination] changes verdicts (inferences fail or not); left out at its defaults so the
        # hash of every existing suite stays what it was
        **({"hallucination": h} if (h := dataclasses.asdict(config.section("hallucination", HallucinationConfig)))
           != dataclasses.asdict(HallucinationConfig()) else {}),
    })
