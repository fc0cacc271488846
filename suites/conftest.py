"""The gate suites get their session from the chirogate pytest plugin (gate/pytest_plugin.py).

Run: ``pytest suites --model NAME|FAMILY@ALIAS [--backend llamacpp] [--baseline NAME]``.
"""

import pytest

from gate.pytest_plugin import MISSING_MODEL
from registry.errors import ChirogateError


def pytest_configure(config: pytest.Config) -> None:
    # Collected without --model: say what to pass instead of failing every test on a fixture.
    if config.getoption("model") is None:
        raise pytest.UsageError(MISSING_MODEL)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # One test per custom gate of this session (test_custom_gates.py), and one per built-in gate
    # without a suite module of its own (test_gates.py); None when there is none.
    for fixture in ("custom_gate", "builtin_gate"):
        if fixture in metafunc.fixturenames:
            from gate.pytest_plugin import get_session

            session = get_session(metafunc.config)
            names = [g for g in session.gates if _runs_in(g) == fixture] if session is not None else []
            metafunc.parametrize(fixture, names or [None], ids=names or ["none"])


def _runs_in(name: str) -> str | None:
    """Which generic test runs gate ``name``: ``custom_gate``, ``builtin_gate``, or None for a built-in
    gate with its own module here (``test_NAME.py`` or ``test_NAME_*.py``, e.g. test_pii_memorization.py)."""
    from pathlib import Path

    from gate.gates import BUILTIN

    if name not in BUILTIN:
        return "custom_gate"
    here = Path(__file__).parent
    own = (here / f"test_{name}.py").is_file() or any(here.glob(f"test_{name}_*.py"))
    return None if own else "builtin_gate"


@pytest.fixture
def gate(gate_session, record_property):
    """``gate("rouge")``: the gate's result, skipped with its reason, recorded in JUnit XML properties."""

    def get(name: str):
        problem = None
        try:
            r = gate_session.result(name)
        except ChirogateError as exc:  # backend down, recording missing, recognisers absent: one line
            problem = f"{name} gate could not be evaluated: {exc}"
        if problem:
            pytest.fail(problem, pytrace=False)
        record_property(f"{name}.threshold", r.threshold.text)
        record_property(f"{name}.measured", "" if r.value is None else f"{r.value:.6g}")
        record_property(f"{name}.n", r.n)
        if r.skipped:
            pytest.skip(f"{name}: {r.reason}")
        return r

    return get
