"""``chirogate score FILE.jsonl``: run the scorers on outputs produced elsewhere.

Input lines: ``{"id", "prompt", "output", "reference"?, "doc_type"?, "house_style"?}`` (other
fields ignored). ``doc_type`` is one of chirogate's kinds or a clinic name that ``[suites]
doc_types`` maps to one; an unknown name is a warning (once per name and file) and the case
gets the type-independent checks only. Output lines: ``{"id", "rouge_l": float|null,
"hallucination": {"flagged", "findings" (each with a
severity), "inferences"}, "pii": {"flagged", "entities": [{"type", "text",
"start", "end"}]}, "terminology": {"flagged", "problems"}}``. ``pii.flagged`` means personal
data in the output that is not in the prompt. Every personal datum found in an output (a leak
or not) is masked wherever output text is written (entity texts, problem and finding texts)
unless ``--show-pii`` asks for clear text; the console summary is always masked.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from gate.errors import InputError
from registry.jsonl import read_jsonl

from ..scorers.pii import pii_leaks
from .output import json_option, print_json, print_table

DOC_TYPES = ("soap", "letter", "sick_leave", "message")


def read_score_input(path: Path, doc_types: dict[str, str] | None = None,
                     warn: Callable[[str], None] = warnings.warn) -> list[dict[str, Any]]:
    """Validated input records; a bad line is an :class:`InputError` with file:line and field.

    ``doc_types`` maps the clinic's document type names to chirogate's kinds (``[suites]
    doc_types``; "other" = known, no kind). A name neither known nor mapped is reported through
    ``warn`` once per name in the file, and the record is scored without a kind."""
    from gate.suite_hash import is_known_doc_type, resolve_doc_type

    records, seen = [], {}
    warned: set[str] = set()
    for lineno, obj in read_jsonl(path):
        if "id" not in obj:
            raise InputError.at(path, "missing", line=lineno, field="id")
        if isinstance(obj["id"], bool) or not isinstance(obj["id"], (str, int)) or str(obj["id"]).strip() == "":
            raise InputError.at(path, "expected a non-empty string or integer", line=lineno, field="id")
        rid = str(obj["id"])
        if rid in seen:
            raise InputError.at(path, f"duplicate id (first on line {seen[rid]})", line=lineno, field="id")
        seen[rid] = lineno
        for name in ("prompt", "output"):
            if name not in obj:
                raise InputError.at(path, "missing", line=lineno, field=name)
            if not isinstance(obj[name], str):
                raise InputError.at(path, f"expected a string, got {type(obj[name]).__name__}", line=lineno,
                                    field=name)
        for name in ("reference", "doc_type", "house_style"):
            if obj.get(name) is not None and not isinstance(obj[name], str):
                raise InputError.at(path, f"expected a string or null, got {type(obj[name]).__name__}",
                                    line=lineno, field=name)
        if obj.get("house_style") not in (None, "bokmal", "nynorsk"):
            raise InputError.at(path, f"expected 'bokmal' or 'nynorsk', got {obj['house_style']!r}", line=lineno,
                                field="house_style")
        name = obj.get("doc_type")
        kind = resolve_doc_type(name, doc_types)
        if name and not is_known_doc_type(name, doc_types) and name not in warned:
            warned.add(name)
            warn(f"{path}:{lineno}: field 'doc_type': unknown document type {name!r} (first here; map it in "
                 f"[suites] doc_types to one of {', '.join(DOC_TYPES)}); scored with the type-independent checks")
        records.append({"id": rid, "prompt": obj["prompt"], "output": obj["output"],
                        "reference": obj.get("reference") or None, "doc_type": kind,
                        "house_style": obj.get("house_style"), "line": lineno})
    if not records:  # nothing scored must not look like a clean result
        raise InputError(f"{path}: no records to score (the file is empty)")
    return records


def _masked(output: str, spans: list[tuple[int, int]]) -> str:
    """``output`` with every span masked character for character (same length, so offsets hold)."""
    from gate.scorers.pii import mask

    chars = list(output)
    for s, e in spans:
        chars[s:e] = list(mask(output[s:e]))
    return "".join(chars)


def _mask_items(items: list[dict[str, Any]], output: str, masked: str, spans: list[tuple[int, int]]) -> None:
    """Mask, in place, the personal data inside problem / finding texts and messages."""
    clear = sorted({output[s:e] for s, e in spans}, key=len, reverse=True)
    for item in items:
        s, e = item.get("start"), item.get("end")
        if isinstance(s, int) and isinstance(e, int) and item.get("text") == output[s:e]:
            item["text"] = masked[s:e]
        for key in ("text", "message", "reason", "claim", "evidence"):
            if isinstance(item.get(key), str):
                for c in clear:
                    item[key] = item[key].replace(c, _masked(c, [(0, len(c))]))


def score_records(records: list[dict[str, Any]], *, terminology_args: dict[str, Any] | None = None,
                  allow: tuple[str, ...] = (), progress: bool = False,
                  show_pii: bool = False) -> list[dict[str, Any]]:
    """The output lines of the contract, one per input record, in input order.

    ``allow``: organisation names (``[pii] organisation_names``) that are never a leak. Personal
    data in the output (every entity the analyser finds, leaked or not) is masked in every text
    written, unless ``show_pii``."""
    from gate.cases import Case
    from gate.scorers.hallucination import hallucination
    from gate.scorers.rouge import rouge
    from gate.scorers.terminology import terminology

    rouge_l, hall, term = rouge("rougeL"), hallucination(), terminology(**(terminology_args or {}))
    out = []
    from rich.progress import Progress

    with Progress(disable=not progress, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("scoring", total=len(records))
        for r in records:
            meta = {"house_style": r["house_style"]} if r.get("house_style") else {}
            case = Case(id=r["id"], messages=({"role": "user", "content": r["prompt"]},), reference=r["reference"],
                        doc_type=r["doc_type"], meta=meta)
            rl = rouge_l(case, r["output"])
            h = hall(case, r["output"])
            t = term(case, r["output"])
            found: dict[str, list] = {}

            def analyze(text: str) -> list:  # one Presidio pass serves the leaks and the masking
                if text not in found:
                    from gate.pii import analyze as pii_analyze

                    found[text] = pii_analyze(text)
                return found[text]

            leaks = pii_leaks(r["prompt"], r["output"], analyze, allow=allow)
            findings = [dict(f) for f in h.details["findings"]]
            problems = [dict(p) for p in t.details["problems"]]
            if not show_pii:
                spans = [(e.start, e.end) for e in analyze(r["output"])] + [(x["start"], x["end"]) for x in leaks]
                masked = _masked(r["output"], spans)
                leaks = [dict(x, text=masked[x["start"]:x["end"]]) for x in leaks]
                _mask_items(findings, r["output"], masked, spans)
                _mask_items(problems, r["output"], masked, spans)
            out.append({"id": r["id"], "rouge_l": rl.value,
                        "hallucination": {"flagged": not h.passed, "findings": findings,
                                          "inferences": h.details["inferences"]},
                        "pii": {"flagged": bool(leaks), "entities": leaks},
                        "terminology": {"flagged": not t.passed, "problems": problems}})
            bar.advance(task)
    return out


def _stderr_console():
    from rich.console import Console

    return Console(file=sys.stderr)


def write_jsonl_atomic(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write JSONL through a temp file in the same directory and rename it into place."""
    from registry.files import write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


def summarize(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate numbers with personal data masked (safe for the console and logs)."""
    from gate.scorers.rouge import rouge_summary

    n = len(rows)
    rs = rouge_summary([r["rouge_l"] for r in rows])
    worst = []
    for r in rows:
        fails = [f for f in r["hallucination"]["findings"] if f.get("severity") != "inference"]
        reasons = [f"hallucination: {f['reason']}" for f in fails[:1]]
        reasons += [f"pii: {e['type']} <{e['type']}> not in prompt" for e in r["pii"]["entities"][:1]]
        reasons += [f"terminology: {p['type']}" for p in r["terminology"]["problems"][:1]]
        if reasons:
            worst.append({"id": r["id"], "reasons": reasons})
    return {"cases": n,
            "rouge_l": {"mean": rs.mean, "ci95": [rs.ci_low, rs.ci_high], "scored": rs.n_scored, "unscored": rs.n_unscored},
            "hallucination_rate": sum(r["hallucination"]["flagged"] for r in rows) / n if n else None,
            "hallucination_inferences": sum(r["hallucination"].get("inferences", 0) for r in rows),
            "pii_leaks": sum(len(r["pii"]["entities"]) for r in rows),
            "pii_flagged_cases": sum(r["pii"]["flagged"] for r in rows),
            "terminology_pass_rate": sum(not r["terminology"]["flagged"] for r in rows) / n if n else None,
            "flagged": worst}


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the per-case JSONL here (atomically) and print a summary instead.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              help="chirogate.toml to read [terminology] and [suites] doc_types from.")
@click.option("--show-pii", is_flag=True, help="Write personal data in clear text in the per-case JSONL "
                                                "(masked by default).")
@json_option
def score(file: Path, out: Path | None, config_path: Path | None, show_pii: bool, as_json: bool) -> None:
    """Score outputs made elsewhere: ROUGE-L, hallucination, PII leaks, terminology.

    FILE is JSONL with {"id", "prompt", "output", "reference"?, "doc_type"?, "house_style"?} per
    line. Without --out the per-case JSONL goes to stdout; with --out a summary is printed.
    Personal data is masked everywhere unless --show-pii."""
    from dataclasses import asdict

    from gate.config import load_config
    from gate.scorers.terminology import TerminologyConfig
    from gate.suite_hash import SuitesConfig

    from gate.pii.config import PiiConfig

    cfg = load_config(config_path)
    term_cfg = cfg.section("terminology", TerminologyConfig)
    allow = tuple(cfg.section("pii", PiiConfig).organisation_names)
    doc_types = cfg.section("suites", SuitesConfig).doc_types
    records = read_score_input(file, doc_types, warn=lambda m: click.echo(f"warning: {m}", err=True))
    if show_pii:
        click.echo("note: --show-pii: the per-case output holds personal data in clear text", err=True)
    rows = score_records(records, terminology_args=asdict(term_cfg), allow=allow, progress=sys.stderr.isatty(),
                         show_pii=show_pii)
    if out is None:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    write_jsonl_atomic(out, rows)
    summary = summarize(rows)
    if as_json:
        print_json(summary)
        return
    r = summary["rouge_l"]
    fmt = (lambda v: "-" if v is None else f"{v:.3f}")
    print_table(f"chirogate score: {summary['cases']} cases -> {out}", ["metric", "value"], [
        ["ROUGE-L mean [95 % CI]", f"{fmt(r['mean'])} [{fmt(r['ci95'][0])}, {fmt(r['ci95'][1])}] "
                                   f"({r['scored']} scored, {r['unscored']} without reference)"],
        ["hallucination rate", fmt(summary["hallucination_rate"])],
        ["PII leaks (cases)", f"{summary['pii_leaks']} ({summary['pii_flagged_cases']})"],
        ["terminology pass rate", fmt(summary["terminology_pass_rate"])],
    ])
    if summary["flagged"]:
        print_table("flagged cases (first 20)", ["id", "why"],
                    [[w["id"], "; ".join(w["reasons"])] for w in summary["flagged"][:20]])
