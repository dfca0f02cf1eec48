"""Commands over single documents: ``extract``, ``analyze`` and ``demo``."""
from __future__ import annotations

import json
import logging
import sys

import click

log = logging.getLogger("newsledger")


def register(group: click.Group) -> None:
    """Add the per-document commands to ``group``."""
    group.add_command(extract_cmd)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "markdown", "text"]), default=None,
              help="Output format (default: json for one document, jsonl for several).")
@click.option("--kind", type=click.Choice(["auto", "html", "text"]), default="auto", show_default=True,
              help="Force the document kind instead of detecting it.")
@click.option("--url", default=None, help="The page URL (single document).")
@click.option("--no-analysis", is_flag=True, help="Extraction only: skip entities, quotes and claims.")
def extract_cmd(paths: tuple[str, ...], fmt: str | None, kind: str, url: str | None, no_analysis: bool) -> None:
    """Extract articles from PATHS (files, folders, globs, .gz, WARC, or - for stdin)."""
    from newsledger.cli.render import render_article
    from newsledger.pipeline import run_documents

    results = list(run_documents(paths, kind=kind, url=url, analysis=not no_analysis))
    if fmt is None:
        fmt = "json" if len(results) == 1 else "jsonl"
    failed = 0
    for item in results:
        if isinstance(item, str):
            failed += 1
            click.echo(f"newsledger: skipped: {item}", err=True)
            continue
        click.echo(render_article(item, fmt))
    if failed and failed == len(results):
        sys.exit(1)
