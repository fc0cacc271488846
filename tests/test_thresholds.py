"""Threshold expressions and the [gates] section."""

from __future__ import annotations

import pytest

from gate.config import load_config
from gate.errors import ConfigError
from gate.thresholds import GATE_METRICS, Threshold, gate_thresholds


@pytest.mark.parametrize("text, metric, op, value", [
    ("rouge_l > 0.6", "rouge_l", ">", 0.6),
    ("hallucination_rate < 0.05", "hallucination_rate", "<", 0.05),
    ("pii_leaks == 0", "pii_leaks", "==", 0.0),
    ("latency_p95_s<2.0", "latency_p95_s", "<", 2.0),
    ("  terminology_pass_rate >= .95 ", "terminology_pass_rate", ">=", 0.95),
    ("x <= 1e-3", "x", "<=", 0.001),
])
def test_parse(text, metric, op, value):
    t = Threshold.parse(text)
    assert (t.metric, t.op, t.value) == (metric, op, value)


@pytest.mark.parametrize("op, value, good, bad", [
    (">", 0.6, 0.61, 0.6), (">=", 0.95, 0.95, 0.9499), ("<", 0.05, 0.049, 0.05), ("<=", 2, 2.0, 2.01), ("==", 0, 0, 1),
])
def test_direction_travels_with_the_metric(op, value, good, bad):
    t = Threshold.parse(f"{op} {value}", metric="m")
    assert t.fails(good) is None
    reason = t.fails(bad)
    assert reason is not None and t.text in reason and "m =" in reason


def test_missing_value_fails():
    assert "not measured" in Threshold.parse("rouge_l > 0.6").fails(None)


@pytest.mark.parametrize("text", ["rouge_l", "rouge_l >> 0.6", "rouge_l > high", "> ", "rouge_l = 0.6", ""])
def test_malformed(text):
    with pytest.raises(ValueError):
        Threshold.parse(text, metric="rouge_l")


def test_defaults_are_the_clinic_targets():
    t = gate_thresholds(load_config())
    assert set(t) == set(GATE_METRICS)
    assert {g: x.text for g, x in t.items()} == {
        "rouge": "rouge_l > 0.6", "hallucination": "hallucination_rate < 0.05", "pii": "pii_leaks == 0",
        "latency": "latency_p95_s < 2", "terminology": "terminology_pass_rate >= 0.95",
        "benchmark": "benchmark_pass_rate >= 0.9", "red_flags": "red_flag_recall >= 0.95"}


def test_config_overrides_and_short_form(tmp_path):
    p = tmp_path / "chirogate.toml"
    p.write_text('[gates]\nrouge_l = "> 0.7"\nlatency_p95_s = "latency_p95_s < 1.5"\n', "utf-8")
    t = gate_thresholds(load_config(p))
    assert t["rouge"].text == "rouge_l > 0.7"
    assert t["latency"].value == 1.5
    assert t["pii"].text == "pii_leaks == 0"


@pytest.mark.parametrize("line, needle", [
    ('rouge_l = "rouge_l >> 0.6"', "cannot parse"),
    ('rouge_l = "hallucination_rate < 0.05"', "this field is for 'rouge_l'"),
])
def test_bad_expression_names_file_line_and_field(tmp_path, line, needle):
    p = tmp_path / "chirogate.toml"
    p.write_text(f"[other]\n\n[gates]\npii_leaks = \"== 0\"\n{line}\n", "utf-8")
    with pytest.raises(ConfigError) as e:
        gate_thresholds(load_config(p))
    msg = str(e.value)
    assert f"{p}:5" in msg and "gates.rouge_l" in msg and needle in msg


def test_wrong_type_is_a_config_error(tmp_path):
    p = tmp_path / "chirogate.toml"
    p.write_text("[gates]\nrouge_l = 0.6\n", "utf-8")
    with pytest.raises(ConfigError, match="rouge_l"):
        gate_thresholds(load_config(p))
