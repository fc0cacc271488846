"""``chirogate report NAME``: what the gate says about a model, for people (markdown) and machines (JSON).

The report reads the registry only: the model's newest eval run (preferring one on its
current GGUF), the per-gate summary recorded with it (measured value vs threshold), the
newest A/B comparison, the newest sign-off, and the worst cases per gate. Case text is
never shown; explanations are passed through the PII scanner and masked, because the
report goes to CI job summaries that more people read than the registry.

Evidence that does not belong to the eval run shown (an A/B comparison recorded under
another suite hash, or on another run's bytes or backend; a sign-off on a packet of other
bytes) is marked as such in every format: ``foreign`` lists the differences in the JSON,
and markdown and HTML print them beside the section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from registry import Registry
from registry.comparisons import latest_comparison
from registry.evals import CaseResult, EvalRun, case_results, get_eval_run, report_eval_run
from registry.signoffs import get_packet, signoffs

from .gate_result import gate_outcomes
from .gates import gate_named

WORST_N = 5


@dataclass(frozen=True)
class GateRow:
    """One gate of an eval run: measured value against its threshold."""

    gate: str
    measured: float | None
    threshold: str | None
    passed: bool | None
    n: int
    """Cases with a result for this gate."""
    worst: list[dict[str, Any]] = field(default_factory=list)
    """Up to five worst cases: id, value, passed, a masked explanation."""


@dataclass(frozen=True)
class Report:
    """Everything ``chirogate report`` prints."""

    model: str
    family: str
    kind: str
    gguf_sha256: str | None
    aliases: list[str]
    eval_run: dict[str, Any] | None
    gates: list[GateRow]
    comparison: dict[str, Any] | None
    signoff: dict[str, Any] | None


def _mask(text: str) -> str:
    """``text`` with personal data the scanner finds replaced by ``‹TYPE›``."""
    if not text:
        return text
    from gate.pii import analyze

    out, pos = [], 0
    for e in sorted(analyze(text), key=lambda e: e.start):
        if e.start < pos:
            continue
        out.append(text[pos:e.start])
        out.append(f"‹{e.type}›")
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _explanation(d: Any) -> str:
    if not isinstance(d, dict):
        return ""
    text = d.get("explanation") or ""
    if not text:
        for key in ("findings", "problems", "entities"):
            items = d.get(key)
            if isinstance(items, list) and items:
                kinds = sorted({str(i.get("type", "?")) for i in items if isinstance(i, dict)})
                text = f"{len(items)} {key}: {', '.join(kinds)}"
                break
    return _mask(str(text))[:160]


def build_report(reg: Registry, name: str) -> Report:
    """The report for model ``name`` (a name or ``FAMILY@ALIAS``)."""
    model = reg.resolve(name)
    ggufs = reg.artifacts(model.name, "gguf")
    gguf = ggufs[-1].sha256 if ggufs else None
    aliases = [f"{f}@{a}" for f, a, n in reg.aliases(model.family) if n == model.name]
    run = report_eval_run(reg, model.name, gguf)
    gates: list[GateRow] = []
    eval_run = None
    if run is not None:
        eval_run = {"id": run.id, "backend": run.backend, "suite_hash": run.suite_hash,
                    "artifact_sha256": run.artifact_sha256, "on_current_gguf": run.artifact_sha256 == gguf,
                    "status": run.status, "passed": run.passed, "finished_at": run.finished_at}
        outcomes = gate_outcomes(run.gates)
        results: dict[str, list[CaseResult]] = {}
        for r in case_results(reg, run.id):
            results.setdefault(r.gate, []).append(r)
        for gate in sorted(set(outcomes) | set(results)):
            o = outcomes.get(gate)
            record = gate_named(gate)
            graded = record is not None and record.worst_always
            rs = results.get(gate, [])
            # Worst first: failed cases, then (for graded gates) the lowest values.
            ranked = sorted(rs, key=lambda r: (r.passed is None, bool(r.passed),
                                               r.value if graded and r.value is not None else 0.0, r.case_id))
            worst = [{"case_id": r.case_id, "value": r.value, "passed": r.passed,
                      "explanation": _explanation(r.details)}
                     for r in ranked if graded or r.passed is False][:WORST_N]
            gates.append(GateRow(gate, o.value if o else None, o.threshold if o else None, o.passed if o else None,
                                 len(rs), worst))
    comp = latest_comparison(reg, model.name)
    comparison = None
    if comp is not None:
        comparison = {"id": comp.id, "baseline": comp.baseline, "verdict": comp.verdict, "reasons": comp.reasons,
                      "suite_hash": comp.suite_hash, "stats": comp.stats, "created_at": comp.created_at,
                      "foreign": _comparison_foreign(reg, comp, run)}
    s = signoffs(reg, model.name)
    signoff = None
    if s:
        last = s[-1]
        signoff = {"id": last.id, "reviewer": last.reviewer, "n_reviewed": last.n_reviewed,
                   "approved_share": last.approved_share, "approved": last.approved, "packet_id": last.packet_id,
                   "preference": last.details.get("preference") or {}, "created_at": last.created_at,
                   "foreign": _signoff_foreign(reg, last, run)}
    return Report(model.name, model.family, model.kind, gguf, aliases, eval_run, gates, comparison, signoff)


def _short(h: str | None) -> str:
    return (h or "none").removeprefix("sha256:")[:12]


def _comparison_foreign(reg: Registry, comp, run: EvalRun | None) -> list[str]:
    """How the A/B comparison's evidence differs from the eval run the report shows (empty: it belongs)."""
    if run is None:
        return ["there is no eval run of this model to set it beside"]
    out = []
    if comp.suite_hash != run.suite_hash:
        out.append(f"recorded under another suite hash ({_short(comp.suite_hash)}, this run {_short(run.suite_hash)})")
    if comp.candidate_run_id is not None and comp.candidate_run_id != run.id:
        cand = get_eval_run(reg, comp.candidate_run_id)
        if cand.artifact_sha256 != run.artifact_sha256:
            out.append(f"made on other bytes ({_short(cand.artifact_sha256)}, this run "
                       f"{_short(run.artifact_sha256)})")
        if cand.backend != run.backend:
            out.append(f"made with another backend ({cand.backend}, this run {run.backend})")
    return out


def _signoff_foreign(reg: Registry, signoff, run: EvalRun | None) -> list[str]:
    """How the sign-off's packet differs from the eval run's bytes (empty: the same bytes)."""
    from registry.errors import NotFoundError

    if run is None or not signoff.packet_id:
        return []
    try:
        packet = get_packet(reg, signoff.packet_id)
    except NotFoundError:
        return [f"its packet {signoff.packet_id} is not in this registry"]
    if packet.artifact_sha256 != run.artifact_sha256:
        return [f"given on a packet of other bytes ({_short(packet.artifact_sha256)}, this run "
                f"{_short(run.artifact_sha256)})"]
    return []


def _foreign_note(what: str, reasons: list[str]) -> str:
    return (f"> ⚠️ this {what} is not evidence about the eval run above: " + "; ".join(reasons)
            + ". It is shown for reference and does not count with this run's gates.")


def _fmt(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v:.3f}" if abs(v) < 100 else f"{v:.0f}"


def _ok(p: bool | None) -> str:
    return {True: "✅ pass", False: "❌ fail", None: "–"}[p]


def to_markdown(rep: Report) -> str:
    """The report as GitHub-flavoured markdown (for ``$GITHUB_STEP_SUMMARY`` and pull requests)."""
    out = [f"## chirogate report: `{rep.model}`", ""]
    out.append(f"family `{rep.family}` · kind {rep.kind} · GGUF `{(rep.gguf_sha256 or 'none')[7:19]}`"
               + (f" · aliases {', '.join(f'`{a}`' for a in rep.aliases)}" if rep.aliases else ""))
    out.append("")
    if rep.eval_run is None:
        out += ["**No finished eval run.** Run `pytest suites --model " + rep.model + "`.", ""]
    else:
        e = rep.eval_run
        verdict = {True: "**passed every gate**", False: "**failed**", None: "status unknown"}[e["passed"]]
        out.append(f"### Gates (eval run {e['id']}, {e['backend']}, suite `{e['suite_hash'][7:19]}`): {verdict}")
        if not e["on_current_gguf"]:
            out.append("")
            out.append("> ⚠️ this run was made on other bytes than the model's current GGUF: it does not count "
                       "for promotion.")
        out += ["", "| gate | measured | threshold | result | cases | worst |", "| --- | --- | --- | --- | --- | --- |"]
        for g in rep.gates:
            link = f"[{len(g.worst)} worst](#worst-{g.gate})" if g.worst else ""
            out.append(f"| {g.gate} | {_fmt(g.measured)} | {g.threshold or '–'} | {_ok(g.passed)} | {g.n} | {link} |")
        out.append("")
    c = rep.comparison
    if c is None:
        out += ["### A/B against the baseline", "", "No comparison recorded: `chirogate compare "
                + rep.model + "`.", ""]
    else:
        out += [f"### A/B against `{c['baseline']}`: **{c['verdict'].upper()}** (comparison {c['id']})", ""]
        if c.get("foreign"):
            out += [_foreign_note("A/B comparison", c["foreign"]), ""]
        st = c["stats"]
        r = st.get("rouge")
        out += ["| measure | candidate | baseline | paired statistic |", "| --- | --- | --- | --- |"]
        if r:
            ci = r["ci"]
            out.append(f"| ROUGE-L | {r['candidate_mean']:.3f} | {r['baseline_mean']:.3f} | diff "
                       f"{ci['mean_diff']:+.3f}, 95 % CI [{ci['low']:+.3f}, {ci['high']:+.3f}], Wilcoxon p = "
                       f"{r['wilcoxon']['p_value']:.3g} |")
            w = r["win_tie_loss"]
            out.append(f"| win / tie / loss | {w['wins']} / {w['ties']} / {w['losses']} | | {r['n']} paired cases |")
        for gate, g in (st.get("gates") or {}).items():
            m = g["mcnemar"]
            n = m["both_pass"] + m["both_fail"] + m["only_a_pass"] + m["only_b_pass"]
            a_fail = (m["both_fail"] + m["only_b_pass"]) / n if n else 0.0
            b_fail = (m["both_fail"] + m["only_a_pass"]) / n if n else 0.0
            out.append(f"| {gate} fail rate | {100 * a_fail:.1f} % | {100 * b_fail:.1f} % | McNemar p = "
                       f"{m['p_value']:.3g} |")
        lat = st.get("latency_p95_s") or {}
        fmt = lambda v: "–" if v is None else f"{v:.2f} s"  # noqa: E731
        out.append(f"| latency p95 | {fmt(lat.get('candidate'))} | {fmt(lat.get('baseline'))} | |")
        out.append("")
        out += [f"- {x}" for x in c["reasons"]]
        out.append("")
    s = rep.signoff
    out.append("### Clinician sign-off")
    out.append("")
    if s is None:
        out.append("None recorded.")
    else:
        out.append(f"{s['reviewer']}: {100 * s['approved_share']:.1f} % clinically correct on {s['n_reviewed']} "
                   f"cases: {'approved' if s['approved'] else 'not approved'} (packet `{s['packet_id']}`)")
        if s.get("foreign"):
            out += ["", _foreign_note("sign-off", s["foreign"])]
    out.append("")
    worst = [g for g in rep.gates if g.worst]
    if worst:
        out += ["### Worst cases", ""]
        for g in worst:
            out.append(f'<a id="worst-{g.gate}"></a>')
            out.append(f"**{g.gate}**")
            out.append("")
            for w in g.worst:
                expl = f": {w['explanation']}" if w["explanation"] else ""
                out.append(f"- `{w['case_id']}` value {_fmt(w['value'])} ({_ok(w['passed'])}){expl}")
            out.append("")
    return "\n".join(out) + "\n"


def to_json(rep: Report) -> dict[str, Any]:
    """The report as plain JSON values."""
    from dataclasses import asdict

    return asdict(rep)

