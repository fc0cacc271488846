"""The two sides of an A/B comparison: recorded eval runs or live gate sessions, and whether they
are comparable (same suite hash, backend, decoding parameters and quantisation)."""

from __future__ import annotations

from registry import Registry

from .ab_stats import RunResults

def load_run(reg: Registry, run_id: int) -> RunResults:
    """An eval run and its per-case results, as recorded by the suites (:mod:`registry.evals`)."""
    from registry.evals import case_results, get_eval_run

    r = get_eval_run(reg, run_id)
    quant = _quantization_of(reg, r.artifact_sha256)
    values: dict[str, dict[str, float | None]] = {}
    passes: dict[str, dict[str, bool | None]] = {}
    for c in case_results(reg, run_id):
        values.setdefault(c.gate, {})[c.case_id] = c.value
        passes.setdefault(c.gate, {})[c.case_id] = c.passed
    decoding = r.config.get("decoding") if isinstance(r.config.get("decoding"), dict) else {}
    return RunResults(r.id, r.model, r.artifact_sha256, r.suite_hash, r.backend, decoding, quant, r.passed,
                      values, passes)


def latest_run_id(reg: Registry, model: str, *, suite_hash: str | None = None,
                  backend: str | None = None) -> int | None:
    """Id of the newest finished eval run of ``model`` (under ``suite_hash`` / ``backend``), or None."""
    from registry.evals import latest_eval_run

    run = latest_eval_run(reg, model, suite_hash, backend=backend)
    return run.id if run else None


def comparability_problems(cand: RunResults, base: RunResults) -> list[str]:
    """Every way in which the two runs were not made under the same conditions (empty: comparable)."""
    problems = []
    if cand.suite_hash != base.suite_hash:
        problems.append(f"suite hash differs ({_short(cand.suite_hash)} vs {_short(base.suite_hash)})")
    if cand.backend != base.backend:
        problems.append(f"backend differs ({cand.backend} vs {base.backend})")
    if cand.decoding != base.decoding:
        keys = sorted(k for k in set(cand.decoding) | set(base.decoding) if cand.decoding.get(k) != base.decoding.get(k))
        problems.append("decoding parameters differ ("
                        + ", ".join(f"{k}: {cand.decoding.get(k)!r} vs {base.decoding.get(k)!r}" for k in keys) + ")")
    if cand.quantization != base.quantization:
        problems.append(f"quantisation differs ({cand.quantization} vs {base.quantization})")
    return problems


def _short(h: str | None) -> str:
    return (h or "none").removeprefix("sha256:")[:12]



def _quantization_of(reg: Registry, sha: str | None) -> str | None:
    if not sha:
        return None
    arts = reg.artifacts_with_sha256(sha)
    return arts[-1].quantization if arts else None


def session_results(session) -> RunResults:
    """A live :class:`gate.session.GateSession`'s per-case results in the form :func:`paired_statistics` takes.

    Asks the session for every gate the comparison uses (scored once, then cached by the
    session), so the same numbers go into the eval run it records at the end.
    """
    values: dict[str, dict[str, float | None]] = {}
    passes: dict[str, dict[str, bool | None]] = {}
    for gate, g in session.gates.items():
        if g.ab is None:
            continue
        r = session.result(gate)
        values[gate] = {cid: s.value for cid, s in r.per_case}
        passes[gate] = {cid: s.passed for cid, s in r.per_case}
    sha = session.evaluated_artifact()
    return RunResults(None, session.model.name, sha, session.suite_hash, session.backend_kind, session.decoding(),
                      _quantization_of(session.reg, sha), None, values, passes)

