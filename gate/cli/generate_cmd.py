"""``chirogate generate`` and ``chirogate latency``: run a registered model on cases or probes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .output import json_option, print_json, print_table

_backend_option = click.option(
    "--backend", "backend_kind", type=click.Choice(["ollama", "llamacpp", "transformers", "replay", "openai"]),
    help="Backend (default: [backends] default in chirogate.toml, else llamacpp).")
_config_option = click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                              help="chirogate.toml to use (default: $CHIROGATE_CONFIG or ./chirogate.toml).")


def _setup(model_ref: str, backend_kind: str | None, config_path: Path | None, **opts):
    from gate.backends import backends_config, get_backend
    from gate.config import load_config
    from registry import Registry

    config = load_config(config_path)
    reg = Registry()
    try:
        model = reg.resolve(model_ref)
        backend = get_backend(backend_kind, model, reg, config, **{k: v for k, v in opts.items() if v is not None})
    except BaseException:
        reg.close()
        raise
    return config, reg, model, backend, backends_config(config)


@click.command()
@click.argument("model")
@click.option("--cases", "cases_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="JSONL cases: one {\"id\", \"messages\", ...} per line.")
@_backend_option
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write outputs as JSONL ({id, prompt, output, reference, ...}: the input of `chirogate score`).")
@click.option("--concurrency", type=click.IntRange(min=1), help="Requests in flight (default: [backends] concurrency).")
@click.option("--max-tokens", type=click.IntRange(min=1), help="Default generation limit (a case's own wins).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0, min_open=True), help="Per-request timeout, s.")
@click.option("--retries", type=click.IntRange(min=0), help="Retries for transient failures (default: config).")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@_config_option
@json_option
def generate(model, cases_path, backend_kind, out_path, concurrency, max_tokens, timeout_s, retries, no_progress,
             config_path, as_json):
    """Generate MODEL's answers to the cases in FILE (cached: a re-run only generates what is missing)."""
    import dataclasses

    from gate.generation import load_cases, run_generations

    cases = load_cases(cases_path)
    config, reg, m, backend, bcfg = _setup(model, backend_kind, config_path, timeout_s=timeout_s)
    try:
        params = bcfg.decoding()
        if max_tokens:
            params = dataclasses.replace(params, max_tokens=max_tokens)
        results = run_generations(reg, backend, cases, params, concurrency=concurrency or getattr(backend, "concurrency", None) or bcfg.concurrency,
                                  timeout_s=timeout_s, retries=bcfg.retries if retries is None else retries,
                                  progress=not no_progress and not as_json)
        digest = backend.digest
    finally:
        getattr(backend, "close", lambda: None)()
        reg.close()
    rows = [{"id": c.id, "prompt": c.prompt, "output": results[c.id].text, "reference": c.reference,
             "doc_type": c.doc_type, "cached": bool(results[c.id].meta.get("cached")),
             "ttft_s": results[c.id].ttft_s, "total_s": results[c.id].total_s,
             "prompt_tokens": results[c.id].prompt_tokens, "completion_tokens": results[c.id].completion_tokens}
            for c in cases]
    if out_path is not None:
        _write_jsonl(out_path, rows)
    n_cached = sum(r["cached"] for r in rows)
    summary = {"model": m.name, "backend": backend.name, "model_digest": digest, "cases": len(rows),
               "cached": n_cached, "generated": len(rows) - n_cached, "out": str(out_path) if out_path else None}
    if as_json:
        print_json({**summary, "generations": rows if out_path is None else None})
        return
    click.echo(f"{m.name} ({backend.name}, {digest[:19]}…): {len(rows)} cases, {len(rows) - n_cached} generated, "
               f"{n_cached} from cache" + (f"; outputs in {out_path}" if out_path else ""))


@click.command()
@click.argument("model")
@_backend_option
@click.option("--probe-set", type=click.Choice(["fields", "soap"]), help="Probe set (default: [latency] probe_set).")
@click.option("--warmup", type=click.IntRange(min=0), help="Warm-up requests excluded (default: [latency] warmup).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0, min_open=True), help="Per-request timeout, s.")
@_config_option
@json_option
def latency(model, backend_kind, probe_set, warmup, timeout_s, config_path, as_json):
    """Measure MODEL's latency on the probe set: p50/p95/max of total time and TTFT, tokens/s, cold load.

    Exits 1 when the configured metric is not below the threshold (default: p95 total < 2 s).
    """
    from gate.latency import latency_config, measure_latency

    config, reg, m, backend, _ = _setup(model, backend_kind, config_path, timeout_s=timeout_s)
    try:
        report = measure_latency(reg, backend, config=latency_config(config), probe_set=probe_set, warmup=warmup,
                                 timeout_s=timeout_s, progress=not as_json)
    finally:
        getattr(backend, "close", lambda: None)()
        reg.close()
    if as_json:
        print_json({"model": m.name, **_report_dict(report)})
    else:
        def f(x):
            return "-" if x is None else f"{x:.3f}"

        click.echo(f"latency of {m.name} ({report.backend}, '{report.probe_set}' probes, n={report.n}, "
                   f"{report.warmup} warm-up excluded)")
        print_table(None, ["measure", "p50 s", "p95 s", "max s"],
                    [("total", f(report.total_s.p50), f(report.total_s.p95), f(report.total_s.max)),
                     ("ttft", f(report.ttft_s.p50), f(report.ttft_s.p95), f(report.ttft_s.max))])
        tps = f"{report.tokens_per_s:.1f}" if report.tokens_per_s else "-"
        click.echo(f"tokens/s: {tps}   cold load: {f(report.cold_load_s)} s ({report.cold_load_source})")
        c = report.conditions
        load = "-" if c.get("load_1m_before") is None else f"{c['load_1m_before']:.2f}"
        click.echo(f"measured in {c.get('runs_in')} on {c.get('cpus')} CPUs, load average {load}, "
                   f"OMP_WAIT_POLICY={c.get('omp_wait_policy') or '-'}, threads={c.get('backend_threads') or 'default'}")
        if report.busy_warning:
            click.echo(f"warning: {report.busy_warning}", err=True)
        verdict = "PASS" if report.passed else "FAIL"
        click.echo(f"{verdict}: {report.metric} = {report.value:.3f} s (threshold < {report.threshold_s:g} s)")
    if not report.passed:
        raise SystemExit(1)


def _report_dict(report) -> dict:
    import dataclasses

    return dataclasses.asdict(report)


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    """Write all lines to a temp file beside ``path`` and rename: never a half-written output."""
    from registry.files import write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
