"""What the benches share: alternating repeats of a measurement and its named baseline."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def add_repeats_option(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--repeats", type=int, default=2, help="Alternating runs of each; the best is kept "
                    "(the machine is shared, so the slower runs measure the neighbours).")


def best_of_alternating(repeats: int, baseline: Callable[[], dict], ours: Callable[[], dict], key: str,
                        best=max) -> tuple[dict, dict]:
    """Run ``baseline()`` then ``ours()``, ``repeats`` times; return each one's best result by ``key``
    (``best=max`` for a rate, ``min`` for a time)."""
    base_runs, our_runs = [], []
    for _ in range(repeats):
        base_runs.append(baseline())
        our_runs.append(ours())
    return best(base_runs, key=lambda r: r[key]), best(our_runs, key=lambda r: r[key])
