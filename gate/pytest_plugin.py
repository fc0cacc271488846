"""The gate's pytest plugin (entry point ``pytest11: chirogate``).

Adds the ``chirogate`` option group so that ``pytest suites --model NAME`` parses from
the repository root. With ``--model``, ``pytest_configure`` builds one
:class:`gate.session.GateSession` and keeps it on the pytest config (as pytest-benchmark
keeps its session); the suites get it through the ``gate_session`` fixture, and the eval
run is recorded at session finish. Without ``--model`` the plugin does nothing, so
``pytest tests`` is unaffected; ``suites/conftest.py`` turns a missing ``--model`` into a
usage error that says what to pass.
"""

from __future__ import annotations

import pytest

BACKENDS = ("ollama", "llamacpp", "transformers", "replay", "openai")
SESSION_KEY = pytest.StashKey["object"]()

MISSING_MODEL = ("the gate suites need a model: pytest suites --model NAME|FAMILY@ALIAS "
                 "[--backend ollama|llamacpp|transformers|replay|openai] [--baseline NAME] [--cases FILE] [--config PATH] "
                 "[--no-record]   (registered models: chirogate registry list)")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("chirogate", "chirogate model gate")
    group.addoption("--model", action="store", default=None, metavar="NAME|FAMILY@ALIAS",
                    help="Registered model to gate, e.g. chiro-no-v2 or chiro-no@candidate.")
    group.addoption("--baseline", action="store", default=None, metavar="NAME|FAMILY@ALIAS",
                    help="Baseline model for the paired A/B comparison.")
    group.addoption("--backend", action="store", default=None, choices=BACKENDS,
                    help="Backend that generates the outputs (default: [backends] default in config).")
    group.addoption("--config", dest="chirogate_config", action="store", default=None, metavar="PATH",
                    help="chirogate.toml to read thresholds from (default: $CHIROGATE_CONFIG or ./chirogate.toml).")
    group.addoption("--cases", dest="chirogate_cases", action="store", default=None, metavar="FILE",
                    help="Cases JSONL instead of the default cases (test split from lineage + probes + benchmark).")
    group.addoption("--record", dest="chirogate_record", action="store_true", default=True,
                    help="Record the eval run in the registry (default).")
    group.addoption("--no-record", dest="chirogate_record", action="store_false",
                    help="Do not record the eval run.")


def _check_contradictions(config: pytest.Config) -> None:
    model = config.getoption("model")
    others = [flag for flag, dest in (("--baseline", "baseline"), ("--backend", "backend"),
                                      ("--cases", "chirogate_cases")) if config.getoption(dest)]
    if model is None and others:
        raise pytest.UsageError(f"{', '.join(others)} given without --model: {MISSING_MODEL}")
    if model is not None and config.getoption("baseline") == model:
        raise pytest.UsageError(f"--baseline {model} is the model under test itself: pass the family's baseline")


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Build the gate session when ``--model`` is given (a user error becomes a one-line UsageError)."""
    _check_contradictions(config)
    model = config.getoption("model")
    if model is None or getattr(config, "workerinput", None) is not None:
        return
    from registry.errors import ChirogateError

    from .session import GateSession

    try:
        session = GateSession.from_options(
            model, baseline=config.getoption("baseline"), backend=config.getoption("backend"),
            config=config.getoption("chirogate_config"), cases=config.getoption("chirogate_cases"),
            record=config.getoption("chirogate_record"))
    except ChirogateError as exc:
        raise pytest.UsageError(f"chirogate: {exc}") from None
    config.stash[SESSION_KEY] = session


def get_session(config: pytest.Config):
    """The gate session of this pytest run, or None without ``--model``."""
    return config.stash.get(SESSION_KEY, None)


@pytest.fixture(scope="session")
def gate_session(request: pytest.FixtureRequest):
    """The :class:`gate.session.GateSession` built from ``--model`` (usage error without it)."""
    session = get_session(request.config)
    if session is None:
        raise pytest.UsageError(MISSING_MODEL)
    return session


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Record the eval run (pass/fail per gate) and release the backend."""
    gs = get_session(session.config)
    if gs is None:
        return
    try:
        gs.finish(int(exitstatus))
    finally:
        gs.close()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """One line per gate (measured vs threshold) and where the eval run was recorded."""
    gs = get_session(config)
    if gs is None:
        return
    tr = terminalreporter
    for s in [gs] + ([gs._baseline_session] if gs._baseline_session is not None else []):
        if not s._results:
            continue
        tr.write_sep("-", f"chirogate gate: {s.model.name} ({s.backend_kind}, suite {s.suite_hash[7:19]})")
        for note in s.notes:
            tr.write_line(f"note: {note}")
        for g, r in s._results.items():
            state = "skipped" if r.skipped else ("PASS" if r.passed else "FAIL")
            measured = "-" if r.value is None else f"{r.value:.4g}"
            tr.write_line(f"{g:<14} {state:<8} {r.threshold.metric} = {measured:<10} threshold {r.threshold.text}"
                          + (f"  ({r.reason})" if r.skipped else ""))
        if s.eval_run_id is not None:
            tr.write_line(f"eval run {s.eval_run_id} recorded for {s.model.name}")
        elif not s.record:
            tr.write_line("eval run not recorded (--no-record)")
