"""The HTML report's figures, drawn by matplotlib into inline SVG strings.

Each function takes plain values (no registry access) and returns one ``<svg>`` element;
text stays text (``svg.fonttype = none``) so the file is small and searchable, and the
SVG hash salt is fixed so the same report data gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Sequence

PASS, FAIL, NEUTRAL, BASE = "#2e7d32", "#c62828", "#546e7a", "#90a4ae"


@dataclass(frozen=True)
class GatePoint:
    """One gate's measured value, its interval (if it has one) and threshold."""

    gate: str
    measured: float | None
    low: float | None
    high: float | None
    threshold: float | None
    passed: bool | None


@dataclass(frozen=True)
class DiffRow:
    """A paired difference (candidate - baseline) with its CI and, for safety gates, the margin."""

    label: str
    diff: float
    low: float
    high: float
    margin: float | None = None
    higher_is_better: bool = True


@dataclass(frozen=True)
class LatencySeries:
    """Per-probe total seconds of one eval run, labelled by backend and endpoint."""

    label: str
    values: list[float]
    p50: float | None
    p95: float | None
    cold_load_s: float | None


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "chirogate", "font.size": 9,
                         "axes.spines.top": False, "axes.spines.right": False})
    return plt


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def gates_svg(points: Sequence[GatePoint]) -> str:
    """One row per gate: the measured value (dot), its CI (bar) and the threshold (dashed line)."""
    plt = _plt()
    fig, axes = plt.subplots(len(points), 1, figsize=(7, 1.1 * len(points) + 0.5), squeeze=False,
                             layout="constrained")
    for ax, p in zip(axes[:, 0], points):
        color = {True: PASS, False: FAIL, None: NEUTRAL}[p.passed]
        xs = [v for v in (p.measured, p.low, p.high, p.threshold) if v is not None] or [0.0]
        lo, hi = min(xs + [0.0]), max(xs)
        pad = (hi - lo) * 0.15 or 0.5
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_ylim(-1, 1)
        ax.set_yticks([])
        ax.set_ylabel(p.gate, rotation=0, ha="right", va="center")
        if p.threshold is not None:
            ax.axvline(p.threshold, color="#333", linestyle="--", linewidth=1)
            ax.annotate("terskel", (p.threshold, 0.6), fontsize=7, ha="left", color="#333")
        if p.measured is None:
            ax.annotate("ikke målt", (0.5, 0), xycoords="axes fraction", ha="center", color=NEUTRAL)
            continue
        if p.low is not None and p.high is not None:
            ax.errorbar([p.measured], [0], xerr=[[p.measured - p.low], [p.high - p.measured]], fmt="o", color=color,
                        capsize=4, markersize=7)
        else:
            ax.plot([p.measured], [0], "o", color=color, markersize=7)
        ax.annotate(f"{p.measured:.3g}", (p.measured, -0.75), ha="center", fontsize=8, color=color)
    fig.suptitle("Gates: målt verdi (95 % KI) mot terskel", fontsize=10)
    return _svg(fig)


def ab_svg(rows: Sequence[DiffRow]) -> str:
    """Forest plot of paired differences, candidate minus baseline, with 95 % CIs and margins."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(rows) + 1.0))
    for i, r in enumerate(rows):
        y = len(rows) - 1 - i
        worse = (r.high < 0) if r.higher_is_better else (r.low > 0)
        beyond = r.margin is not None and ((r.high > r.margin) if not r.higher_is_better else (r.low < -r.margin))
        color = FAIL if worse or beyond else PASS if ((r.low > 0) if r.higher_is_better else (r.high <= 0)) \
            else NEUTRAL
        ax.errorbar([r.diff], [y], xerr=[[r.diff - r.low], [r.high - r.diff]], fmt="o", color=color, capsize=4)
        if r.margin is not None:
            ax.plot([r.margin if not r.higher_is_better else -r.margin], [y], marker="|", markersize=14, color=FAIL)
    ax.axvline(0, color="#333", linewidth=1)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r.label for r in reversed(rows)])
    ax.set_xlabel("kandidat − baseline (95 % KI; rød strek: non-inferiority-margin)")
    ax.set_title("A/B: parvise forskjeller", fontsize=10)
    return _svg(fig)


def rouge_scatter_svg(pairs: Sequence[tuple[str, float, float]]) -> str:
    """ROUGE-L per case: baseline (x) against candidate (y); above the diagonal the candidate is better."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(4.6, 4.4))
    xs = [b for _, _, b in pairs]
    ys = [c for _, c, _ in pairs]
    colors = [PASS if c > b else FAIL if c < b else NEUTRAL for c, b in zip(ys, xs)]
    ax.scatter(xs, ys, c=colors, s=14, alpha=0.8)
    ax.plot([0, 1], [0, 1], color="#333", linewidth=1, linestyle="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("baseline ROUGE-L")
    ax.set_ylabel("kandidat ROUGE-L")
    ax.set_title(f"ROUGE-L per tilfelle ({len(pairs)} par)", fontsize=10)
    return _svg(fig)


def latency_svg(series: Sequence[LatencySeries], threshold_s: float | None) -> str:
    """Per-probe total time per backend/endpoint (box + points), p50/p95 marked; cold load listed apart."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 0.8 * len(series) + 1.2))
    for i, s in enumerate(series):
        y = len(series) - 1 - i
        ax.boxplot([s.values], positions=[y], orientation="horizontal", widths=0.5, showfliers=False)
        ax.scatter(s.values, [y] * len(s.values), s=8, color=BASE, zorder=3)
        for v, mark, name in ((s.p50, "D", "p50"), (s.p95, "s", "p95")):
            if v is not None:
                ax.plot([v], [y + 0.32], marker=mark, color="#1f3a5f", markersize=5)
                ax.annotate(f"{name} {v:.2f} s", (v, y + 0.38), fontsize=7, ha="center")
    if threshold_s is not None:
        ax.axvline(threshold_s, color=FAIL, linestyle="--", linewidth=1)
    ax.set_yticks(range(len(series)))
    ax.set_yticklabels([s.label + ("" if s.cold_load_s is None else f"\n(kaldstart {s.cold_load_s:.1f} s, utelatt)")
                        for s in reversed(series)])
    ax.set_xlabel("total tid per forespørsel (s); stiplet: p95-terskel")
    ax.set_title("Latens (oppvarmet; kaldstart vist for seg)", fontsize=10)
    return _svg(fig)


def history_svg(versions: Sequence[str], values: dict[str, list[float | None]],
                thresholds: dict[str, float | None]) -> str:
    """One small panel per gate: its measured value on each registered version of the family."""
    plt = _plt()
    gates = sorted(values)
    fig, axes = plt.subplots(len(gates), 1, figsize=(7, 1.3 * len(gates) + 0.6), squeeze=False, sharex=True,
                             layout="constrained")
    x = list(range(len(versions)))
    for ax, g in zip(axes[:, 0], gates):
        ys = values[g]
        pts = [(i, v) for i, v in zip(x, ys) if v is not None]
        if pts:
            ax.plot([i for i, _ in pts], [v for _, v in pts], "o-", color="#1f3a5f", markersize=4)
        if thresholds.get(g) is not None:
            ax.axhline(thresholds[g], color=FAIL, linestyle="--", linewidth=1)
        ax.set_ylabel(g, rotation=0, ha="right", va="center")
    axes[-1, 0].set_xticks(x)
    axes[-1, 0].set_xticklabels(versions, rotation=20, ha="right")
    fig.suptitle("Historikk: gate-verdier per registrert versjon", fontsize=10)
    return _svg(fig)
