"""Latency measurement: probe sets, warm-up excluded, percentiles, cold load apart, the gate's config,
and that probes never touch the generation cache."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from gate.backends import get_backend
from gate.backends.ollama_backend import OllamaBackend
from gate.cases import Case
from gate.config import load_config
from gate.errors import BackendError, ConfigError
from gate.latency import LatencyConfig, latency_config, load_probes, measure_latency, percentile
from registry import generations as cache

pytest_plugins = ["ollama_fixture"]


@pytest.mark.parametrize("probe_set, lo, hi", [("fields", 15, 30), ("soap", 15, 30)])
def test_probe_sets_are_realistic_norwegian_and_well_formed(probe_set, lo, hi):
    probes = load_probes(probe_set)
    assert lo <= len(probes) <= hi
    assert len({p.id for p in probes}) == len(probes)
    assert all(p.kind == "latency" and p.meta["probe_set"] == probe_set for p in probes)
    text = " ".join(p.prompt for p in probes)
    assert re.search(r"[æøå]", text) and "bokmål" in text
    # Field prompts are short; SOAP prompts carry a whole consultation and ask for all four sections.
    lengths = [len(p.prompt) for p in probes]
    if probe_set == "fields":
        assert max(lengths) < 300 and all(p.max_tokens <= 64 for p in probes)
    else:
        assert min(lengths) > 250 and all("SOAP" in p.prompt for p in probes)
    # No personal data in the probes: no 11-digit numbers (fødselsnummer), no phone numbers.
    assert not re.search(r"\d{8,}", text)


def test_percentile_matches_numpy():
    xs = [0.31, 0.12, 0.5, 0.44, 2.0, 0.05, 0.9]
    for q in (0, 50, 95, 100):
        assert percentile(xs, q) == pytest.approx(np.percentile(xs, q))


def test_measure_latency_in_process_excludes_warmup_and_writes_no_cache(tiny_models):
    reg = tiny_models.reg
    backend = get_backend("llamacpp", tiny_models.candidate, reg)
    report = measure_latency(reg, backend, config=LatencyConfig(warmup=2, max_tokens=8))
    probes = load_probes("fields")
    assert report.n == len(probes) and report.warmup == 2 and len(report.per_probe) == len(probes)
    assert [p["id"] for p in report.per_probe] == [p.id for p in probes]
    assert report.total_s.p50 <= report.total_s.p95 <= report.total_s.max
    assert report.ttft_s.p50 <= report.ttft_s.p95 <= report.ttft_s.max
    assert report.total_s.max == pytest.approx(max(p["total_s"] for p in report.per_probe))
    assert report.total_s.p95 == pytest.approx(np.percentile([p["total_s"] for p in report.per_probe], 95))
    assert report.tokens_per_s and report.tokens_per_s > 0
    assert report.cold_load_s is not None and report.cold_load_source.startswith("in-process")
    assert report.metric == "p95_total_s" and report.value == report.total_s.p95
    assert report.passed and report.fails() is None  # a tiny model on a CPU is well under 2 s
    assert cache.count(reg) == 0 and not reg.events(action="generation.add")
    strict = measure_latency(reg, backend, config=LatencyConfig(metric="max_ttft_s", threshold_s=1e-9, warmup=0),
                             cases=load_probes("fields")[:3])
    assert not strict.passed and strict.value == strict.ttft_s.max
    assert "max_ttft_s" in strict.fails() and "1e-09" in strict.fails()
    backend.close()


def test_cold_load_from_ollama_load_duration(tiny_models, fake_ollama):
    reg = tiny_models.reg
    fake_ollama.add_model("tiny-cand", reg.artifact_path(reg.latest_artifact("tiny-cand", "gguf", "q8_0")))
    backend = OllamaBackend("tiny-cand", host=fake_ollama.url)
    probes = [Case(id=f"p{i}", kind="latency", max_tokens=6,
                   messages=({"role": "user", "content": f"Fyll ut feltet nr. {i}"},)) for i in range(4)]
    report = measure_latency(None, backend, config=LatencyConfig(warmup=1), cases=probes)
    assert report.n == 4 and report.cold_load_s > 0
    assert report.cold_load_source == "ollama load_duration of the first request"
    # The load went to the warm-up request, not into the measured ones.
    chats = [r for r in fake_ollama.requests if r == "POST /api/chat"]
    assert len(chats) == 5


def test_replay_cannot_measure_latency(tiny_models):
    reg = tiny_models.reg
    live = get_backend("llamacpp", tiny_models.candidate, reg)
    from gate.generation import run_generations

    run_generations(reg, live, load_probes("fields")[:1], live_params(), progress=False)
    replay = get_backend("replay", tiny_models.candidate, reg)
    with pytest.raises(BackendError, match="replay"):
        measure_latency(reg, replay)
    live.close()


def live_params():
    from gate.backends.base import DecodingParams

    return DecodingParams(max_tokens=4)


def test_latency_config_section_and_errors(tmp_path):
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[latency]\nmetric = "p50_ttft_s"\nprobe_set = "soap"\nthreshold_s = 5\nwarmup = 0\n')
    loaded = latency_config(load_config(cfg))
    assert (loaded.metric, loaded.probe_set, loaded.threshold_s, loaded.warmup) == ("p50_ttft_s", "soap", 5.0, 0)
    assert latency_config(load_config(None)) == LatencyConfig()  # defaults: p95 total on fields < 2 s
    cfg.write_text('[latency]\nmetric = "p99_total_s"\n')
    with pytest.raises(ConfigError, match=r"chirogate.toml:1.*metric"):
        latency_config(load_config(cfg))
    cfg.write_text("[latency]\n\nwarmup = -1\n")
    with pytest.raises(ConfigError, match="warmup"):
        latency_config(load_config(cfg))


def test_cli_latency_table_json_and_failing_threshold(tiny_models, cli, tmp_path):
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text("[latency]\nwarmup = 1\nmax_tokens = 4\n")
    table = cli("latency", "tiny-cand", "--backend", "llamacpp", "--config", cfg)
    assert table.code == 0, table.err
    assert "p95" in table.out and "PASS: p95_total_s" in table.out and "cold load" in table.out
    as_json = cli("latency", "tiny-cand", "--backend", "llamacpp", "--config", cfg, "--json", "--probe-set", "soap")
    data = json.loads(as_json.out)
    assert data["probe_set"] == "soap" and data["n"] == len(load_probes("soap")) and data["passed"] is True
    cfg.write_text("[latency]\nwarmup = 0\nmax_tokens = 4\nthreshold_s = 0.000001\n")
    failing = cli("latency", "tiny-cand", "--backend", "llamacpp", "--config", cfg)
    assert failing.code == 1 and "FAIL: p95_total_s" in failing.out
