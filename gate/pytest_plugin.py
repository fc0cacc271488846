"""The gate's pytest plugin (entry point ``pytest11: chirogate``).

Adds the ``chirogate`` option group so that ``pytest suites --model NAME`` parses from
the repository root. The suites ask :func:`gate_session` for the session state built
in ``pytest_configure``.
"""

from __future__ import annotations

import pytest

BACKENDS = ("ollama", "llamacpp", "transformers", "replay")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("chirogate", "chirogate model gate")
    group.addoption("--model", action="store", default=None, metavar="NAME|FAMILY@ALIAS",
                    help="Registered model to gate, e.g. chiro-no-v2 or chiro-no@candidate.")
    group.addoption("--baseline", action="store", default=None, metavar="NAME|FAMILY@ALIAS",
                    help="Baseline model for the paired A/B comparison.")
    group.addoption("--backend", action="store", default=None, choices=BACKENDS,
                    help="Backend that generates the outputs (default: from config).")
    group.addoption("--config", dest="chirogate_config", action="store", default=None, metavar="PATH",
                    help="chirogate.toml to read thresholds from (default: ./chirogate.toml).")
