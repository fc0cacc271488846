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
    # One test per custom gate of this session (test_custom_gates.py); None when there is none.
    if "custom_gate" in metafunc.fixturenames:
        from gate.gates import BUILTIN
        from gate.pytest_plugin import get_session

        session = get_session(metafunc.config)
        names = [g for g in session.gates if g not in BUILTIN] if session is not None else []
        metafunc.parametrize("custom_gate", names or [None], ids=names or ["none"])


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
