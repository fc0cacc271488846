"""A clinic's own gate: an installed package with a ``chirogate.gates`` entry point, or a
``[gates.custom]`` entry. It runs in ``pytest suites``, is recorded, reported, paired in the
A/B and bound into the suite hash (its code and its threshold)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gate.ab_stats import CompareConfig, RunResults, paired_statistics
from gate.config import Config, load_config
from gate.custom_gates import _entry_point_gates
from gate.errors import ConfigError
from gate.report import build_report, to_markdown
from gate.suite_hash import current_suite_hash
from registry import Registry
from registry import evals
from test_gate_support import recorded_model

ROOT = Path(__file__).resolve().parent.parent

GATE_MODULE = '''"""The clinic's own check: a letter or note ends with the clinic's sign-off ("Mvh")."""

from gate.gates import Gate
from gate.scorers.base import Score
from gate.scorers.registry import scorer


@scorer("SCORER")
def signs_off(word: str = "mvh"):
    def score(case, output):
        ok = word in output.lower()
        return Score(1.0 if ok else 0.0, ok, "signed off" if ok else f"no sign-off ({word!r} missing)")

    return score


def signoff_gate():
    return Gate("signoff", "signoff_rate", "signoff_rate >= 0.5", "share of outputs with the clinic's sign-off",
                scorer=lambda config, threshold: signs_off())
'''

PYPROJECT = '''[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "clinic-signoff-gate"
version = "0.1.0"

[tool.setuptools]
py-modules = ["clinic_signoff_gate"]

[project.entry-points."chirogate.gates"]
signoff = "clinic_signoff_gate:signoff_gate"
'''


@pytest.fixture
def reg(chirogate_home):
    r = Registry()
    yield r
    r.close()


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The gate package, pip-installed (no deps, no network) into a target directory."""
    src = tmp_path_factory.mktemp("pkg")
    (src / "pyproject.toml").write_text(PYPROJECT, "utf-8")
    (src / "clinic_signoff_gate.py").write_text(GATE_MODULE.replace("SCORER", "clinic_signoff"), "utf-8")
    target = tmp_path_factory.mktemp("site")
    p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
                        "--quiet", "--target", str(target), str(src)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    assert (target / "clinic_signoff_gate.py").is_file()
    return target


def run_suites(*args: str, extra_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(extra_path)])}
    return subprocess.run([sys.executable, "-m", "pytest", "suites", *args, "-p", "no:cacheprovider"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)


def test_installed_gate_runs_in_the_suites_is_recorded_and_reported(reg, tmp_path, installed):
    # two of the three answers end with the sign-off: 2/3 >= 0.5 passes
    recorded_model(reg, tmp_path, "good", lambda c: c.reference + ("\nMvh Klinikken" if c.id != "note-2" else ""))
    p = run_suites("--model", "good", "--backend", "replay", "--cases", str(tmp_path / "cases.jsonl"),
                   "-k", "custom or rouge", extra_path=installed)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-2000:]
    assert "test_custom_gate[signoff] PASSED" in p.stdout or "passed" in p.stdout
    run = evals.latest_eval_run(reg, "good")
    assert run.gates["signoff"]["passed"] is True
    assert run.gates["signoff"]["measured"] == pytest.approx(2 / 3)
    assert run.gates["signoff"]["threshold"] == "signoff_rate >= 0.5"
    assert run.config["thresholds"]["signoff"] == "signoff_rate >= 0.5"
    assert len(evals.case_results(reg, run.id, "signoff")) == 3
    rep = build_report(reg, "good")
    row = next(g for g in rep.gates if g.gate == "signoff")
    assert row.measured == pytest.approx(2 / 3) and row.passed is True and row.n == 3
    assert "| signoff | 0.667 | signoff_rate >= 0.5 | ✅ pass | 3 |" in to_markdown(rep)


def test_installed_gate_threshold_from_config_fails_the_run(reg, tmp_path, installed):
    recorded_model(reg, tmp_path, "good", lambda c: c.reference + ("\nMvh Klinikken" if c.id != "note-2" else ""))
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[gates]\nsignoff_rate = ">= 0.9"\n', "utf-8")
    p = run_suites("--model", "good", "--backend", "replay", "--cases", str(tmp_path / "cases.jsonl"),
                   "--config", str(cfg), "-k", "custom", extra_path=installed)
    assert p.returncode == 1, p.stdout[-3000:] + p.stderr[-2000:]
    assert "signoff gate FAILED" in p.stdout and "note-2" in p.stdout
    run = evals.latest_eval_run(reg, "good")
    assert run.gates["signoff"]["passed"] is False and run.gates["signoff"]["threshold"] == "signoff_rate >= 0.9"


def test_entry_point_is_found_in_process(installed, monkeypatch):
    monkeypatch.syspath_prepend(str(installed))
    _entry_point_gates.cache_clear()
    try:
        from gate.gates import all_gates

        names = [g.name for g in all_gates(Config())]
        assert names[-1] == "signoff" and names[:6] == ["rouge", "hallucination", "pii", "latency", "terminology",
                                                          "benchmark"]
    finally:
        _entry_point_gates.cache_clear()


def test_an_installed_gate_can_be_required_by_the_policy_and_the_ab(installed, monkeypatch, tmp_path):
    from gate.policy import PolicyConfig

    monkeypatch.syspath_prepend(str(installed))
    _entry_point_gates.cache_clear()
    try:
        cfg = tmp_path / "chirogate.toml"
        cfg.write_text('[policy]\nrequired_gates = ["rouge", "signoff"]\n\n[compare]\nsafety_gates = ["pii", "signoff"]\n',
                       "utf-8")
        assert load_config(cfg).section("policy", PolicyConfig).required_gates == ["rouge", "signoff"]
        assert load_config(cfg).section("compare", CompareConfig).safety_gates == ["pii", "signoff"]
    finally:
        _entry_point_gates.cache_clear()


def _config_gate(tmp_path: Path, monkeypatch, module: str = "my_clinic_gate", threshold: str | None = None) -> Config:
    (tmp_path / f"{module}.py").write_text(GATE_MODULE.replace("SCORER", module), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text((f'[gates]\nsignoff_rate = "{threshold}"\n\n' if threshold else "")
                   + f'[gates.custom]\nsignoff = "{module}:signoff_gate"\n', "utf-8")
    return load_config(cfg)


def test_config_gate_enters_the_suite_hash_with_its_code_and_threshold(tmp_path, monkeypatch):
    plain = current_suite_hash(Config(), [])
    cfg = _config_gate(tmp_path, monkeypatch)
    with_gate = current_suite_hash(cfg, [])
    assert with_gate != plain
    stricter = current_suite_hash(_config_gate(tmp_path, monkeypatch, threshold="signoff_rate >= 0.9"), [])
    assert stricter != with_gate
    # the gate's code changes (one word of its scorer): old evidence no longer counts
    (tmp_path / "my_clinic_gate.py").write_text(
        GATE_MODULE.replace("SCORER", "my_clinic_gate").replace('word: str = "mvh"', 'word: str = "hilsen"'), "utf-8")
    assert current_suite_hash(load_config(tmp_path / "chirogate.toml"), []) != with_gate


def test_config_gate_errors_name_the_file_line_and_field(tmp_path, monkeypatch):
    cfg = tmp_path / "chirogate.toml"
    cfg.write_text('[gates.custom]\nsignoff = "no_such_module_here:gate"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"chirogate.toml:2: field 'gates.custom.signoff': cannot import module"):
        current_suite_hash(load_config(cfg), [])
    (tmp_path / "wrong_name_gate.py").write_text(GATE_MODULE.replace("SCORER", "wrong_name_gate"), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    cfg.write_text('[gates.custom]\nsign = "wrong_name_gate:signoff_gate"\n', "utf-8")
    with pytest.raises(ConfigError, match="is called 'signoff', not 'sign'"):
        current_suite_hash(load_config(cfg), [])
    cfg.write_text('[gates.custom]\nrouge = "wrong_name_gate:signoff_gate"\n', "utf-8")
    with pytest.raises(ConfigError):
        current_suite_hash(load_config(cfg), [])


def test_custom_gate_is_paired_in_the_ab():
    ids = [f"c{i}" for i in range(10)]

    def side(model: str, signoff_fail: set[str]) -> RunResults:
        return RunResults(None, model, None, "sha256:x", "replay", {}, None, None,
                          {"rouge": {i: 0.5 for i in ids}},
                          {"signoff": {i: i not in signoff_fail for i in ids}})

    _, gates, _ = paired_statistics(side("cand", {"c1", "c2", "c3"}), side("base", set()), CompareConfig())
    assert "signoff" in gates and gates["signoff"].mcnemar.only_b_pass == 3 and gates["signoff"].margin is None
    _, gates, _ = paired_statistics(side("cand", {"c1"}), side("base", set()),
                                    CompareConfig(safety_gates=["hallucination", "pii", "signoff"],
                                                  non_inferiority={"hallucination": 0.02, "pii": 0.0,
                                                                   "signoff": 0.05}))
    assert gates["signoff"].margin == 0.05
