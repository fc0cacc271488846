"""``chirogate report NAME``: the gate's verdict on a model as markdown (CI job summary), JSON, or a
self-contained HTML page with plots (for the clinic lead and the clinician; a CI artifact)."""

from __future__ import annotations

from pathlib import Path

import click

from registry import Registry
from registry.files import write_text_atomic

from .output import print_json


@click.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "html"]), default="markdown", show_default=True,
              help="markdown for people and $GITHUB_STEP_SUMMARY, json for machines, html: one self-contained "
                   "file with plots (needs --out).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file (atomically) instead of stdout.")
def report(name, fmt, out):
    """Per-gate table (measured vs threshold), A/B statistics, sign-off and worst cases of model NAME."""
    import json

    from gate.report import build_report, to_json, to_markdown
    from registry.errors import InputError

    if fmt == "html":
        from gate.report_html import write_html_report

        if out is None:
            raise InputError("--format html needs --out FILE.html (the report is one self-contained file)")
        with Registry() as reg:
            path = write_html_report(reg, name, out)
        click.echo(f"report written to {path}")
        return
    with Registry() as reg:
        rep = build_report(reg, name)
    if out is None:
        if fmt == "json":
            print_json(to_json(rep))
        else:
            click.echo(to_markdown(rep), nl=False)
        return
    text = (json.dumps(to_json(rep), indent=2, ensure_ascii=False, sort_keys=True) + "\n" if fmt == "json"
            else to_markdown(rep))
    write_text_atomic(out, text)
    click.echo(f"report written to {out}")
