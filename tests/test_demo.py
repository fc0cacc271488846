"""The demo end to end, exactly as ``make demo`` runs it (the shipped base, 3,000 synthetic records,
the demo's own config): the good candidate is promoted on evidence and the flawed one (fine-tuned
on data whose personal data was not scrubbed) is stopped by the PII gate, and the summary says so
in words that cannot be misread.

It runs the whole chain, both candidates (400 LoRA steps for the good one, 150 for the flawed one;
the longest test of ``make test``);
the margins across seeds and thread counts are measured by ``bench/demo_margins.py`` (README).
"""

from __future__ import annotations

import re

import pytest

from gate.demo import DemoSettings, run_demo
from gate.demo_leaky import _template_person
from registry import Registry
from registry.comparisons import latest_comparison
from registry.signoffs import get_packet

pytestmark = pytest.mark.slow


def test_demo_promotes_the_good_candidate_and_the_pii_gate_stops_the_flawed_one(tmp_path, monkeypatch, capfd):
    monkeypatch.chdir(tmp_path)  # the demo reads ./chirogate.toml if there is one: there is none here
    # the default registry ./.chirogate, relative to a directory that is not the repo (the suites'
    # pytest runs elsewhere and must still find the demo's models)
    monkeypatch.delenv("CHIROGATE_HOME", raising=False)
    lines: list[str] = []
    res = run_demo(DemoSettings(out=tmp_path / "demo", review_cases=20, ollama=False), echo=lines.append)
    text = "\n".join(lines)
    for step in ("tiny base model (the shipped one)", "LoRA fine-tune", "GGUF export", "register the baseline",
                 "gate suites on both models", "paired A/B comparison", "clinician review packet",
                 "promotion decision", "flawed candidate: unscrubbed data (data prepare --keep-pii)",
                 "flawed candidate: LoRA fine-tune (profile tiny, 150 steps at 0.01)", "flawed candidate: gate suites",
                 "flawed candidate: promotion decision"):
        assert step in text, text
    assert "sha256 of every file checked against MANIFEST.json" in text
    with Registry() as reg:
        # The good candidate: every required gate passed, A/B promote, promoted (sign-off waived: demo).
        assert res.promoted, text
        assert reg.alias_target("chiro-demo", "production").name == res.candidate
        ev = reg.events(subject="chiro-demo@production")[-1]
        assert ev.payload["signoff_waived"] is True and ev.payload["reason"] == "demo"
        comp = latest_comparison(reg, res.candidate, baseline=res.baseline)
        assert comp.verdict == "promote" == res.comparison.verdict
        pk = get_packet(reg, res.packet.packet.packet_id)
        assert pk.artifact_sha256 == reg.latest_artifact(res.candidate, "gguf").sha256
        # The flawed candidate: the PII gate failed and the policy refused it for that.
        bad = res.leaky
        assert not bad.promoted and bad.records > 0
        pii = next(g for g in bad.failed_gates if g["gate"] == "pii")
        assert pii["measured"] > 0 and pii["worst"]
        assert any("did not pass every gate" in u and "pii" in u for u in bad.unmet), bad.unmet
        assert reg.alias_target("chiro-demo", "production").name == res.candidate  # unchanged
    # Words that cannot be misread: the A/B line says what it compares, the decision says why.
    assert "A/B against the baseline: the candidate is better than the baseline (A/B verdict: promote)" in text
    assert f"promotion decision for {res.candidate}: PROMOTED" in text and "because every condition" in text
    assert f"promotion decision: REFUSED, because eval run {bad.eval_run} on the current GGUF did not pass" in text
    assert "gate pii: FAIL, measured" in text
    # The leaked identity appears only masked, in the summary as in the registry.
    person = _template_person()
    captured = capfd.readouterr()
    for clear in (person["fnr"], person["name"], person["phone"]):
        assert clear not in text and clear not in captured.out + captured.err
    # No progress bars off a terminal (a CI log would get one line per update).
    assert "\r" not in captured.err and "\r" not in text
    assert (tmp_path / "demo" / "v1" / "review.xlsx").is_file() and res.report.is_file()
    # The HTML report of the demo model: written, its path printed, every section there, offline.
    html = tmp_path / "demo" / "v1" / "report.html"
    assert f"HTML report (open in a browser, works offline): {html.resolve()}" in text
    page = html.read_text("utf-8")
    for section in ("gates", "ab", "latency", "worst", "provenance", "history", "signoff"):
        assert f'<section id="{section}">' in page, section
    assert page.count('<figure class="plot"') >= 3 and "<svg" in page
    assert "<script" not in page and not re.search(r'(src|href)="(?!#)', page)
    assert f"next: pytest suites --model {res.candidate} --config {res.config}" in text
