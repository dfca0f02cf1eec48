"""Commands over single documents: ``extract``, ``analyze`` and ``demo``."""

from __future__ import annotations

import logging
import sys

import click

from newsledger.sources.document import Rejection

log = logging.getLogger("newsledger")


def register(group: click.Group) -> None:
    """Add the per-document commands to ``group``."""
    group.add_command(extract_cmd)
    group.add_command(analyze_cmd)
    group.add_command(demo_cmd)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "markdown", "text"]),
    default=None,
    help="Output format (default: json for one document, jsonl for several).",
)
@click.option(
    "--kind",
    type=click.Choice(["auto", "html", "text"]),
    default="auto",
    show_default=True,
    help="Force the document kind instead of detecting it.",
)
@click.option("--url", default=None, help="The page URL (single document).")
@click.option(
    "--no-analysis", is_flag=True, help="Extraction only: skip entities, quotes and claims."
)
def extract_cmd(
    paths: tuple[str, ...], fmt: str | None, kind: str, url: str | None, no_analysis: bool
) -> None:
    """Extract articles from PATHS (files, folders, globs, .gz, WARC, or - for stdin)."""
    from newsledger.cli.render import render_article
    from newsledger.pipeline import run_documents

    results = list(run_documents(paths, kind=kind, url=url, analysis=not no_analysis))
    if fmt is None:
        fmt = "json" if len(results) == 1 else "jsonl"
    failed = 0
    for item in results:
        if isinstance(item, Rejection):
            failed += 1
            click.echo(
                f"newsledger: skipped {item.path or item.url or item.id}: {item.reason}", err=True
            )
            continue
        click.echo(render_article(item, fmt))
    if failed and failed == len(results):
        sys.exit(1)


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "markdown"]),
    default=None,
    help="Output format (default: json for one text, jsonl for several).",
)
def analyze_cmd(paths: tuple[str, ...], fmt: str | None) -> None:
    """Analyse clean article texts (UTF-8 files, or - for stdin): offsets are into that exact text."""
    from newsledger import analyze
    from newsledger.cli.render import render_analysis
    from newsledger.errors import InputError

    texts: list[tuple[str, str]] = []
    for p in paths:
        try:
            if p == "-":
                texts.append(("-", sys.stdin.read()))
            else:
                with open(p, encoding="utf-8") as fh:
                    texts.append((p, fh.read()))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read {p}: {exc}") from exc
    if fmt is None:
        fmt = "json" if len(texts) == 1 else "jsonl"
    for _name, text in texts:
        click.echo(render_analysis(analyze(text), fmt))


def _summary(article) -> str:
    """A short human-readable account of one processed article."""
    from newsledger.cli.render import _speaker

    lines = [f"== {article.title or '(untitled)'}"]
    facts = [
        ("site", article.site_name),
        ("section", article.section),
        ("published", article.published),
        ("authors", ", ".join(article.authors) if article.authors else None),
        ("language", article.language),
    ]
    lines.append("   " + " | ".join(f"{k}: {v}" for k, v in facts if v))
    words = len(article.text.split())
    lines.append(
        f"   {len(article.paragraphs)} paragraphs, {words} words, {len(article.captions)} captions, "
        f"{len(article.embedded_posts)} embedded posts, {len(article.related)} related links"
    )
    if article.description:
        lines.append(f"   standfirst: {article.description}")
    for q in article.quotes:
        text = q.text if len(q.text) <= 90 else q.text[:87] + "..."
        lines.append(f"   quote [{q.type.value}] {_speaker(q)}: “{text}”")
    for c in article.claims:
        qual = f"{c.qualifier} " if c.qualifier else ""
        lines.append(
            f"   figure {qual}{c.value:,.10g} {c.what or ''} — source: {c.source or 'reporter'}"
            + (f", place: {c.place}" if c.place else "")
        )
    if article.analysis_skipped:
        lines.append("   analysis skipped: " + "; ".join(article.analysis_skipped))
    return "\n".join(lines)


@click.command("demo")
@click.argument("corpus", required=False, default="examples/corpus")
@click.option(
    "--db", default=None, help="Keep the demo ledger at this path (default: a temporary file)."
)
def demo_cmd(corpus: str, db: str | None) -> None:
    """Ingest the bundled example corpus into a ledger and print what newsledger found in it."""
    import os
    import tempfile

    from newsledger.cli.table import format_table
    from newsledger.errors import InputError
    from newsledger.store import queries
    from newsledger.store.codec import load_article
    from newsledger.store.db import connect
    from newsledger.store.ingest import ingest

    if not os.path.exists(corpus):
        raise InputError(f"example corpus not found: {corpus} (run from the repository root)")
    with tempfile.TemporaryDirectory(prefix="newsledger-demo-") as tmp:
        path = db or os.path.join(tmp, "demo.db")
        click.echo(f"Ingesting {corpus} into the ledger {path} (extraction + analysis)...\n")
        stats = ingest([corpus], db=path)
        conn = connect(path, readonly=True)
        try:
            rowids = [
                r[0] for r in conn.execute("SELECT rowid FROM articles ORDER BY published, rowid")
            ]
            for rowid in rowids:
                click.echo(_summary(load_article(conn, rowid)))
                click.echo()
            width = 118
            click.echo("== Actors across the ledger (newsledger actors)")
            rows = queries.actors(conn, limit=12)
            click.echo(
                format_table(
                    rows, ["name", "label", "articles", "quotes", "figures", "roles"], width
                )
            )
            click.echo()
            click.echo(
                "== Who reported how many killed, over time (newsledger claims --what killed --timeline)"
            )
            rows = queries.claims_timeline(conn, what="killed", limit=20)
            click.echo(format_table(rows, ["date", "source", "what", "values", "place"], width))
            click.echo()
            click.echo("== What Blinken said (newsledger quotes --speaker Blinken)")
            rows = queries.quotes(conn, speaker="Blinken", limit=10)
            click.echo(format_table(rows, ["date", "speaker", "type", "cue", "quote"], width))
            click.echo()
        finally:
            conn.close()
        click.echo(
            f"{stats.ingested} documents ingested, {stats.duplicates} duplicates, {stats.failed} failed."
        )
