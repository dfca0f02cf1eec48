"""The ``newsledger`` command line. Each command parses options, calls the Python API and formats."""

from __future__ import annotations

import logging
import sys

import click

from newsledger._version import __version__
from newsledger.errors import NewsledgerError


class _Group(click.Group):
    """Turns expected errors into a one-line message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NewsledgerError as exc:
            click.echo(f"newsledger: error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="newsledger")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """newsledger: turn raw news pages into a searchable ledger of what the news says."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="newsledger: %(levelname)s: %(message)s", stream=sys.stderr
    )


def _register() -> None:
    from newsledger.cli import article_cmds, ledger_cmds

    article_cmds.register(cli)
    ledger_cmds.register(cli)


_register()


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="newsledger")
