"""The ``chirogate`` command line.

Subcommands live in their own modules and are imported only when used, so
``chirogate --help`` and ``chirogate registry list`` start fast. A
:class:`ChirogateError` is printed as one line (``error: ...``) on stderr with exit
code 2 and no traceback.
"""

from __future__ import annotations

import importlib
import sys

import click

from registry.errors import ChirogateError

# name -> "module:attribute"; each stage adds its line here.
COMMANDS: dict[str, str] = {
    "registry": "gate.cli.registry_cmd:registry",
    "demo": "gate.cli.demo_cmd:demo",
    "score": "gate.cli.score_cmd:score",
    "base": "gate.cli.train_cmd:base",
    "train": "gate.cli.train_cmd:train",
    "export": "gate.cli.train_cmd:export",
    "compare": "gate.cli.compare_cmd:compare",
    "baseline": "gate.cli.baseline_cmd:baseline",
    "review": "gate.cli.review_cmd:review",
    "report": "gate.cli.report_cmd:report",
    "promote": "gate.cli.promote_cmd:promote",
    "rollback": "gate.cli.promote_cmd:rollback",
    "generate": "gate.cli.generate_cmd:generate",
    "latency": "gate.cli.generate_cmd:latency",
    "data": "gate.cli.data_cmd:data",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, _, attr = self.lazy[name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="chirogate")
def cli() -> None:
    """chirogate: the quality gate and model registry for clinical language models."""


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the CLI and turn chirogate errors into exit code 2."""
    try:
        cli.main(args=argv, prog_name="chirogate", standalone_mode=False)
    except ChirogateError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.UsageError as exc:  # a bad option or argument (an unreadable FILE, a missing one): one line
        where = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
        click.echo(f"error: {' '.join(exc.format_message().split())}{where}", err=True)
        sys.exit(exc.exit_code)
    except OSError as exc:
        if not exc.filename:
            raise
        # A path the user gave that cannot be used (no permission, a read-only file system, a loop)
        # and that no check before caught: still one line naming it, never a traceback.
        click.echo(f"error: {exc.filename}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
