"""``chirogate report NAME --format html``: one self-contained HTML file with the gate's evidence as pictures.

Built on :func:`gate.report.build_report` (the same registry reads, the same masking),
plus what only a picture shows well: each gate against its threshold with its confidence
interval, the paired A/B differences, ROUGE-L per case candidate against baseline, the
latency spread per backend and endpoint (cold load apart), and the family's history. The
figures are drawn by matplotlib (:mod:`gate.report_plots`) as inline SVG; the file loads
nothing from the network, so it opens from disk and as a CI artifact.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registry import Registry
from registry.comparisons import get_comparison
from registry.evals import EvalRun, case_results, eval_runs, get_eval_run, latest_eval_run

from .ab_stats import LATENCY_GATE, ROUGE_GATE
from .gate_result import GateOutcome, gate_outcomes
from .report import Report, build_report

Z95 = 0.95


@dataclass(frozen=True)
class HtmlReport:
    """Everything the HTML report draws, gathered from the registry (plain values only)."""

    report: Report
    gate_points: list[Any]
    ab_rows: list[Any]
    rouge_pairs: list[tuple[str, float, float]]
    latency: list[Any]
    latency_threshold_s: float | None
    provenance: dict[str, Any]
    history_versions: list[str] = field(default_factory=list)
    history: dict[str, list[float | None]] = field(default_factory=dict)
    history_thresholds: dict[str, float | None] = field(default_factory=dict)


def _threshold_value(text: str | None) -> float | None:
    if not text:
        return None
    from .thresholds import Threshold

    try:
        return Threshold.parse(text).value
    except Exception:  # noqa: BLE001 - an unparseable recorded threshold is drawn without its line
        return None


def _wilson(rate: float, n: int) -> tuple[float, float] | tuple[None, None]:
    """95 % Wilson interval of a rate measured on ``n`` cases (scipy's, not ours)."""
    if not n:
        return None, None
    from scipy.stats import binomtest

    k = int(round(rate * n))
    ci = binomtest(k, n).proportion_ci(confidence_level=Z95, method="wilson")
    return float(ci.low), float(ci.high)


def _gate_points(rep: Report, outcomes: dict[str, GateOutcome]):
    from .gates import fail_rate, gate_named, pass_rate
    from .report_plots import GatePoint

    points = []
    for g in rep.gates:
        o = outcomes.get(g.gate)
        s = o.summary if o is not None else {}
        record = gate_named(g.gate)
        low = high = None
        if s.get("ci_low") is not None and s.get("ci_high") is not None:  # the gate recorded its own CI
            low, high = s["ci_low"], s["ci_high"]
        elif record is not None and record.aggregate in (pass_rate, fail_rate) and g.measured is not None:
            low, high = _wilson(g.measured, int((o.n if o is not None else 0) or g.n))
        points.append(GatePoint(g.gate, g.measured, low, high, _threshold_value(g.threshold), g.passed))
    return points


def _ab_rows(stats: dict[str, Any]):
    from .report_plots import DiffRow

    rows = []
    r = stats.get("rouge")
    if r:
        ci = r["ci"]
        rows.append(DiffRow("ROUGE-L", ci["mean_diff"], ci["low"], ci["high"], None, True))
    for gate, g in sorted((stats.get("gates") or {}).items()):
        d = g.get("fail_diff")
        if d:
            rows.append(DiffRow(f"{gate} (feilrate)", d["mean_diff"], d["low"], d["high"], g.get("margin"), False))
    return rows


def _rouge_pairs(reg: Registry, cand_run: int | None, base_run: int | None) -> list[tuple[str, float, float]]:
    if cand_run is None or base_run is None:
        return []
    c = {r.case_id: r.value for r in case_results(reg, cand_run, ROUGE_GATE) if r.value is not None}
    b = {r.case_id: r.value for r in case_results(reg, base_run, ROUGE_GATE) if r.value is not None}
    return [(cid, c[cid], b[cid]) for cid in sorted(set(c) & set(b))]


def _endpoint(backend: str, config: dict[str, Any]) -> str:
    if backend == "ollama":
        host = ((config.get("config") or {}).get("backends") or {}).get("ollama", {}).get("host")
        return f"ollama {host or '(standard host)'}"
    return {"llamacpp": "llama.cpp i prosess (GGUF)", "transformers": "transformers i prosess"}.get(backend, backend)


def _latency(reg: Registry, model: str):
    """The newest run per backend/endpoint that measured latency, as plot series."""
    from .report_plots import LatencySeries
    from .stats import p95

    runs = [r for r in reversed(eval_runs(reg, model)) if r.finished_at is not None]
    seen: dict[str, Any] = {}
    threshold = None
    for r in runs:
        label = _endpoint(r.backend, r.config)
        if label in seen:
            continue
        vals = [c.value for c in sorted(case_results(reg, r.id, LATENCY_GATE), key=lambda c: c.case_id)
                if c.value is not None]
        if not vals:
            continue
        o = gate_outcomes(r.gates).get(LATENCY_GATE)
        g = o.summary if o is not None else {}
        threshold = threshold if threshold is not None else _threshold_value(o.threshold if o else None)
        import numpy as np

        seen[label] = LatencySeries(label, vals, g.get("p50_total_s", float(np.percentile(vals, 50))),
                                    g.get("p95_total_s", p95(vals)), g.get("cold_load_s"))
    return list(seen.values()), threshold


def _provenance(reg: Registry, rep: Report, run: EvalRun | None) -> dict[str, Any]:
    from registry.training import runs_for_model

    prov = run.provenance if run else {}
    trains = [t for t in runs_for_model(reg, rep.model) if t.status == "succeeded"] or runs_for_model(reg, rep.model)
    t = trains[-1] if trains else None
    commit = prov.get("git_commit")
    return {
        "GGUF sha256": rep.gguf_sha256,
        "suite hash": rep.eval_run["suite_hash"] if rep.eval_run else None,
        "dataset fingerprint": t.dataset_fingerprint if t else None,
        "backend": rep.eval_run["backend"] if rep.eval_run else None,
        "code version (eval)": (commit[:12] + (" (dirty)" if prov.get("git_dirty") else "")) if commit else None,
        "package version": prov.get("package_version"),
        "code version (training)": t.code_version if t else None,
        "evaluated bytes": rep.eval_run["artifact_sha256"] if rep.eval_run else None,
    }


def _history(reg: Registry, family: str):
    versions: list[str] = []
    values: dict[str, list[float | None]] = {}
    thresholds: dict[str, float | None] = {}
    for m in reg.list_models(family):
        run = latest_eval_run(reg, m.name)
        if run is None:
            continue
        versions.append(m.name)
        outcomes = gate_outcomes(run.gates)
        for g, o in outcomes.items():
            values.setdefault(g, [None] * (len(versions) - 1))
            thresholds.setdefault(g, _threshold_value(o.threshold))
        for g in values:
            o = outcomes.get(g)
            values[g].append(o.value if o is not None else None)
    values = {g: v for g, v in values.items() if any(x is not None for x in v)}
    return versions, values, thresholds


def build_html_report(reg: Registry, name: str) -> HtmlReport:
    """Gather what the HTML report of model ``name`` shows (registry reads only)."""
    rep = build_report(reg, name)
    model = reg.resolve(name)
    run = None
    outcomes: dict[str, GateOutcome] = {}
    if rep.eval_run is not None:
        run = get_eval_run(reg, rep.eval_run["id"])
        outcomes = gate_outcomes(run.gates)
    points = _gate_points(rep, outcomes)
    ab = _ab_rows(rep.comparison["stats"]) if rep.comparison else []
    pairs = []
    if rep.comparison:
        c = get_comparison(reg, rep.comparison["id"])
        pairs = _rouge_pairs(reg, c.candidate_run_id, c.baseline_run_id)
    lat, lat_thr = _latency(reg, model.name)
    versions, values, thresholds = _history(reg, model.family)
    return HtmlReport(rep, points, ab, pairs, lat, lat_thr, _provenance(reg, rep, run), versions, values,
                      thresholds)


CSS = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em 1.5em;color:#222}
h1{color:#1f3a5f} h2{border-bottom:2px solid #1f3a5f;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0} td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
.pass{color:#2e7d32;font-weight:bold} .fail{color:#c62828;font-weight:bold} code{font-size:.9em}
figure.plot{margin:.5em 0} figure.plot svg{max-width:100%;height:auto} .note{color:#555}
.verdict{font-size:1.2em;padding:.4em .8em;display:inline-block;border-radius:4px;background:#eceff1}
nav a{margin-right:1em}
"""


def _e(v: Any) -> str:
    return html.escape("–" if v is None else str(v))


def _num(v: Any) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if isinstance(v, float) else html.escape(str(v))


def _ok(p: bool | None) -> str:
    return {True: '<span class="pass">bestått</span>', False: '<span class="fail">ikke bestått</span>',
            None: "–"}[p]


def _figure(fig_id: str, svg: str, caption: str) -> str:
    return f'<figure class="plot" id="{fig_id}">{svg}<figcaption class="note">{html.escape(caption)}</figcaption></figure>'


def to_html(data: HtmlReport) -> str:
    """The report as one self-contained HTML document (inline CSS and SVG; no script, no network)."""
    from . import report_plots as plots

    rep = data.report
    out = ['<!doctype html><html lang="nb"><head><meta charset="utf-8">',
           f"<title>chirogate-rapport: {_e(rep.model)}</title><style>{CSS}</style></head><body>",
           f"<h1>chirogate-rapport: <code>{_e(rep.model)}</code></h1>",
           f'<p>familie <code>{_e(rep.family)}</code> · {_e(rep.kind)} · aliaser '
           f'{", ".join(f"<code>{_e(a)}</code>" for a in rep.aliases) or "–"}</p>',
           '<nav><a href="#gates">Gates</a><a href="#ab">A/B</a><a href="#latency">Latens</a>'
           '<a href="#worst">Verste tilfeller</a><a href="#provenance">Opphav</a><a href="#history">Historikk</a>'
           '<a href="#signoff">Klinisk signering</a></nav>']
    # Gates
    out.append('<section id="gates"><h2>Gates</h2>')
    if rep.eval_run is None:
        out.append(f"<p>Ingen fullført evalueringskjøring. Kjør <code>pytest suites --model {_e(rep.model)}</code>.</p>")
    else:
        e = rep.eval_run
        out.append(f'<p class="verdict">Kjøring {e["id"]} ({_e(e["backend"])}): '
                   f'{ {True: "alle gates bestått", False: "IKKE bestått", None: "status ukjent"}[e["passed"]] }</p>')
        if not e["on_current_gguf"]:
            out.append('<p class="fail">Kjøringen er gjort på andre bytes enn modellens nåværende GGUF: '
                       "den teller ikke for promotering.</p>")
        out.append("<table><tr><th>gate</th><th>målt</th><th>95 % KI</th><th>terskel</th><th>resultat</th>"
                   "<th>tilfeller</th></tr>")
        for g, p in zip(rep.gates, data.gate_points):
            ci = f"[{p.low:.3f}, {p.high:.3f}]" if p.low is not None and p.high is not None else "–"
            out.append(f"<tr><td>{_e(g.gate)}</td><td>{_num(g.measured)}</td><td>{ci}</td><td>{_e(g.threshold)}</td>"
                       f"<td>{_ok(g.passed)}</td><td>{g.n}</td></tr>")
        out.append("</table>")
        if data.gate_points:
            out.append(_figure("plot-gates", plots.gates_svg(data.gate_points),
                               "Prikk: målt verdi; strek: 95 % konfidensintervall (ROUGE-L: bootstrap; rater: "
                               "Wilson); stiplet: terskel. Grønn: bestått, rød: ikke bestått."))
    out.append("</section>")
    # A/B
    out.append('<section id="ab"><h2>A/B mot baseline</h2>')
    c = rep.comparison
    if c is None:
        out.append(f"<p>Ingen sammenligning registrert: <code>chirogate compare {_e(rep.model)}</code>.</p>")
    else:
        out.append(f'<p class="verdict">mot <code>{_e(c["baseline"])}</code>: <b>{_e(c["verdict"].upper())}</b> '
                   f'(sammenligning {c["id"]})</p><ul>' + "".join(f"<li>{_e(r)}</li>" for r in c["reasons"])
                   + "</ul>")
        if c.get("foreign"):
            out.append(_foreign_html("Sammenligningen", c["foreign"]))
        if data.ab_rows:
            out.append("<table><tr><th>mål</th><th>forskjell</th><th>95 % KI</th><th>margin</th></tr>" + "".join(
                f"<tr><td>{_e(r.label)}</td><td>{r.diff:+.3f}</td><td>[{r.low:+.3f}, {r.high:+.3f}]</td>"
                f"<td>{'–' if r.margin is None else f'{r.margin:.3f}'}</td></tr>" for r in data.ab_rows) + "</table>")
            out.append(_figure("plot-ab", plots.ab_svg(data.ab_rows),
                               "Kandidat minus baseline. ROUGE-L: høyere er bedre; feilrater: lavere er bedre."))
        if data.rouge_pairs:
            out.append(_figure("plot-rouge", plots.rouge_scatter_svg(data.rouge_pairs),
                               "Hvert punkt er ett tilfelle; over diagonalen skrev kandidaten nærmere referansen."))
    out.append("</section>")
    # Latency
    out.append('<section id="latency"><h2>Latens</h2>')
    if not data.latency:
        out.append("<p>Ingen latensmåling registrert (replay-kjøringer måler ikke tid).</p>")
    else:
        out.append("<table><tr><th>backend / endepunkt</th><th>prober</th><th>p50</th><th>p95</th>"
                   "<th>kaldstart</th></tr>" + "".join(
                       f"<tr><td>{_e(s.label)}</td><td>{len(s.values)}</td><td>{_num(s.p50)} s</td>"
                       f"<td>{_num(s.p95)} s</td><td>{_num(s.cold_load_s)}{' s' if s.cold_load_s else ''}</td></tr>"
                       for s in data.latency) + "</table>")
        out.append(_figure("plot-latency", plots.latency_svg(data.latency, data.latency_threshold_s),
                           "Total tid per probe etter oppvarming; kaldstart (første lasting) er målt for seg."))
    out.append("</section>")
    # Worst cases
    out.append('<section id="worst"><h2>Verste tilfeller</h2><p class="note">Forklaringer er maskert for '
               "personopplysninger; tilfellenes tekst vises ikke.</p>")
    worst = [g for g in rep.gates if g.worst]
    if not worst:
        out.append("<p>Ingen.</p>")
    for g in worst:
        out.append(f"<h3>{_e(g.gate)}</h3><table><tr><th>tilfelle</th><th>verdi</th><th>resultat</th>"
                   "<th>funn</th></tr>" + "".join(
                       f"<tr><td><code>{_e(w['case_id'])}</code></td><td>{_num(w['value'])}</td>"
                       f"<td>{_ok(w['passed'])}</td><td>{_e(w['explanation'] or '')}</td></tr>" for w in g.worst)
                   + "</table>")
    out.append("</section>")
    # Provenance
    out.append('<section id="provenance"><h2>Opphav</h2><table>' + "".join(
        f"<tr><th>{_e(k)}</th><td><code>{_e(v)}</code></td></tr>" for k, v in data.provenance.items())
        + "</table></section>")
    # History
    out.append('<section id="history"><h2>Historikk</h2>')
    if data.history:
        out.append(_figure("plot-history", plots.history_svg(data.history_versions, data.history,
                                                             data.history_thresholds),
                           "Siste fullførte evalueringskjøring per registrert versjon i familien; stiplet: terskel."))
    else:
        out.append("<p>Ingen versjoner med målte gates.</p>")
    out.append("</section>")
    s = rep.signoff
    out.append('<section id="signoff"><h2>Klinisk signering</h2>')
    out.append("<p>Ingen registrert.</p>" if s is None else
               f"<p>{_e(s['reviewer'])}: {100 * s['approved_share']:.1f} % klinisk korrekte på {s['n_reviewed']} "
               f"tilfeller: {'godkjent' if s['approved'] else 'ikke godkjent'} (pakke <code>{_e(s['packet_id'])}"
               "</code>)</p>")
    if s is not None and s.get("foreign"):
        out.append(_foreign_html("Signeringen", s["foreign"]))
    out.append("</section></body></html>")
    return "\n".join(out) + "\n"


def _foreign_html(what: str, reasons: list[str]) -> str:
    """The mark on evidence that belongs to another suite hash, GGUF or backend than the run shown."""
    return (f'<p class="fail foreign">{what} er ikke bevis for evalueringskjøringen over: '
            + "; ".join(_e(r) for r in reasons) + ". Den vises til orientering og teller ikke med kjøringens "
            "gates.</p>")


def write_html_report(reg: Registry, name: str, out: str | Path) -> Path:
    """Write the HTML report of ``name`` to ``out`` atomically (temp file + rename); returns the path."""
    from registry.files import write_text_atomic

    return write_text_atomic(Path(out), to_html(build_html_report(reg, name)))


def demo_html_report(reg: Registry, model: str, work: Path, echo) -> Path:
    """The demo's last step: write ``work/report.html`` for ``model`` and print where it is."""
    path = write_html_report(reg, model, Path(work) / "report.html")
    echo(f"HTML report (open in a browser, works offline): {path.resolve()}")
    return path
