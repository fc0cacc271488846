"""Gate names in ``[policy] required_gates`` and ``[compare] safety_gates``: any gate of the config
(a ``[gates.custom]`` one included) is accepted; a misspelt one is a one-line config error (exit 2)
naming the file, line, field and the name, and listing the known gates."""

from __future__ import annotations

import pytest

from gate.ab_stats import CompareConfig
from gate.config import load_config
from gate.errors import ConfigError
from gate.policy import PolicyConfig
from test_custom_gates import GATE_MODULE

KNOWN = "rouge, hallucination, pii, latency, terminology, benchmark, red_flags"


def _write(tmp_path, text: str):
    p = tmp_path / "chirogate.toml"
    p.write_text(text, "utf-8")
    return p


def test_a_custom_gate_can_be_required_and_a_safety_gate(tmp_path, monkeypatch):
    (tmp_path / "names_clinic_gate.py").write_text(GATE_MODULE.replace("SCORER", "names_clinic_gate"), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    cfg = load_config(_write(tmp_path, '[gates.custom]\nsignoff = "names_clinic_gate:signoff_gate"\n\n'
                                       '[policy]\nrequired_gates = ["rouge", "pii", "signoff"]\n\n'
                                       '[compare]\nsafety_gates = ["hallucination", "pii", "signoff"]\n'))
    assert cfg.section("policy", PolicyConfig).required_gates == ["rouge", "pii", "signoff"]
    assert cfg.section("compare", CompareConfig).safety_gates == ["hallucination", "pii", "signoff"]


def test_a_misspelt_required_gate_is_a_config_error_naming_file_line_field_and_known_gates(tmp_path):
    p = _write(tmp_path, '[policy]\nrequire_signoff = false\nrequired_gates = ["rouge", "halucination"]\n')
    with pytest.raises(ConfigError) as e:
        load_config(p).section("policy", PolicyConfig)
    assert str(e.value) == (f"{p}:3: field 'policy.required_gates': unknown gate 'halucination'; known: {KNOWN}")


def test_a_misspelt_or_unpaired_safety_gate_is_a_config_error(tmp_path):
    p = _write(tmp_path, '[compare]\nmin_paired_cases = 30\nsafety_gates = ["hallucination", "pi"]\n')
    with pytest.raises(ConfigError) as e:
        load_config(p).section("compare", CompareConfig)
    assert str(e.value) == (f"{p}:3: field 'compare.safety_gates': unknown gate 'pi'; "
                            "known: hallucination, pii, terminology")
    # a gate that exists but is not paired by pass/fail in the A/B
    p = _write(tmp_path, '[compare]\nsafety_gates = ["red_flags"]\n')
    with pytest.raises(ConfigError, match=r":2: field 'compare.safety_gates': not a pass/fail gate of the A/B "
                                          r"'red_flags'; known: hallucination, pii, terminology$"):
        load_config(p).section("compare", CompareConfig)


@pytest.mark.parametrize("args, section", [(("promote", "chiro-no-v2"), "policy"),
                                           (("rollback", "chiro-no"), "policy"),
                                           (("compare", "chiro-no-v2"), "compare")])
def test_the_cli_exits_2_with_one_line(cli, chirogate_home, tmp_path, args, section):
    key = "required_gates" if section == "policy" else "safety_gates"
    p = _write(tmp_path, f'[{section}]\n{key} = ["hallucinaton"]\n')
    r = cli(*args, "--config", str(p))
    assert r.code == 2, r.out + r.err
    assert r.err.strip() == f"error: {p}:2: field '{section}.{key}': unknown gate 'hallucinaton'; known: " + (
        KNOWN if section == "policy" else "hallucination, pii, terminology")
    assert "Traceback" not in r.err
