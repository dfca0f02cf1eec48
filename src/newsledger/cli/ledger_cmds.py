"""Commands over the ledger database (ingest, search, quotes, claims, actors, show, export, reanalyze).

Each command parses options, calls :mod:`newsledger.store` and formats the rows with
:mod:`newsledger.cli.table`.  The database is ``--db``, else ``$NEWSLEDGER_DB``, else
``./newsledger.db``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click

from newsledger.cli.table import FORMATS, default_format, emit


def register(group: click.Group) -> None:
    """Add the ledger commands to ``group``."""
    for cmd in (
        ingest_cmd,
        search_cmd,
        quotes_cmd,
        claims_cmd,
        actors_cmd,
        show_cmd,
        export_cmd,
        reanalyze_cmd,
        failures_cmd,
    ):
        group.add_command(cmd)


# -- shared options ------------------------------------------------------------------------
def _db(f: Callable) -> Callable:
    return click.option(
        "--db",
        default=None,
        metavar="PATH",
        help="Ledger database (default: $NEWSLEDGER_DB, else ./newsledger.db).",
    )(f)


def _jobs(f: Callable) -> Callable:
    return click.option(
        "--jobs",
        type=click.IntRange(1, 256),
        default=1,
        show_default=True,
        help="Worker processes for extraction and analysis.",
    )(f)


def _fmt(f: Callable) -> Callable:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format (default: table on a terminal, jsonl otherwise).",
    )(f)


def _limit(default: int) -> Callable:
    return click.option(
        "--limit",
        type=click.IntRange(1, 100000),
        default=default,
        show_default=True,
        help="Most rows to show.",
    )


def _collapse(f: Callable) -> Callable:
    return click.option(
        "--collapse-duplicates/--no-collapse-duplicates",
        "collapse",
        default=True,
        show_default=True,
        help="Count a cluster of near-duplicate articles (wire copies, updates) once.",
    )(f)


def _filters(f: Callable) -> Callable:
    opts = [
        click.option(
            "--since", default=None, metavar="DATE", help="Published on or after (YYYY[-MM[-DD]])."
        ),
        click.option(
            "--until", default=None, metavar="DATE", help="Published on or before (YYYY[-MM[-DD]])."
        ),
        click.option("--site", default=None, help="Site name or URL contains this."),
        click.option("--section", default=None, help="Section contains this."),
        click.option("--language", default=None, help="Language code, e.g. en."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def _make_filters(since, until, site, section, language):
    from newsledger.store.queries import Filters

    return Filters(since=since, until=until, site=site, section=section, language=language)


def _open(db: str | None):
    from newsledger.store.db import connect

    return connect(db, readonly=True)


def _short(rows: list[dict], *keys: str) -> list[dict]:
    """Table rows with document ids cut to 12 hex digits (enough for `show`)."""
    out = []
    for r in rows:
        r = dict(r)
        for k in keys:
            if r.get(k):
                r[k] = r[k][:12]
        out.append(r)
    return out


def _emit(
    rows: list[dict], columns: list[str], fmt: str | None, id_keys: tuple[str, ...] = ()
) -> None:
    fmt = fmt or default_format()
    emit(_short(rows, *id_keys) if fmt == "table" else rows, columns, fmt)


# -- ingest --------------------------------------------------------------------------------
@click.command("ingest")
@click.argument("paths", nargs=-1)
@_db
@click.option(
    "--urls",
    "urls_file",
    default=None,
    metavar="FILE",
    help="Also fetch the URLs listed in FILE (one per line; - for stdin).",
)
@_jobs
@click.option("--no-analysis", is_flag=True, help="Extraction only: no entities, quotes or claims.")
@click.option(
    "--kind",
    type=click.Choice(["auto", "html", "text", "warc"]),
    default="auto",
    show_default=True,
    help="Force the document kind instead of detecting it.",
)
@click.option(
    "--fetch-timeout",
    type=click.FloatRange(0.1, 600),
    default=None,
    metavar="SECONDS",
    help="Per-request timeout for --urls (default: the fetcher's).",
)
def ingest_cmd(
    paths: tuple[str, ...],
    db: str | None,
    urls_file: str | None,
    jobs: int,
    no_analysis: bool,
    kind: str,
    fetch_timeout: float | None,
) -> None:
    """Add documents from PATHS (files, folders, globs, .gz, WARC, - for stdin) to the ledger."""
    from newsledger.store.ingest import ingest, read_url_list

    if not paths and not urls_file:
        raise click.UsageError("give at least one PATH or --urls FILE")
    urls = read_url_list(urls_file) if urls_file else []
    fetch_options = {"timeout": fetch_timeout} if fetch_timeout else None
    stats = ingest(
        paths,
        db=db,
        urls=urls,
        jobs=jobs,
        analysis=not no_analysis,
        kind=kind,
        fetch_options=fetch_options,
    )
    click.echo(f"newsledger: {stats.summary()}", err=True)
    for line in stats.failures[:10]:
        click.echo(f"  failed: {line}", err=True)
    if len(stats.failures) > 10:
        click.echo(
            f"  ... and {len(stats.failures) - 10} more (see `newsledger failures`)", err=True
        )
    if stats.seen and stats.failed == stats.seen:
        sys.exit(1)


@click.command("reanalyze")
@_db
@_jobs
@click.option("--no-analysis", is_flag=True, help="Re-extract only.")
def reanalyze_cmd(db: str | None, jobs: int, no_analysis: bool) -> None:
    """Re-run extraction and analysis on every stored document, from its stored raw bytes."""
    from newsledger.store.ingest import reanalyze

    stats = reanalyze(db=db, jobs=jobs, analysis=not no_analysis)
    click.echo(f"newsledger: re-{stats.summary()}", err=True)


# -- queries -------------------------------------------------------------------------------
@click.command("search")
@click.argument("query")
@_db
@_filters
@_limit(20)
@_collapse
@_fmt
def search_cmd(query: str, db, since, until, site, section, language, limit, collapse, fmt) -> None:
    """Full-text search of titles and texts (best match first)."""
    from newsledger.store.queries import search

    conn = _open(db)
    rows = search(
        conn,
        query,
        filters=_make_filters(since, until, site, section, language),
        limit=limit,
        collapse=collapse,
    )
    _emit(rows, ["date", "site", "title", "snippet", "copies", "id"], fmt, ("id",))


@click.command("quotes")
@_db
@click.option(
    "--speaker", default=None, metavar="NAME", help="Said by this actor (any of their names)."
)
@click.option("--about", default=None, metavar="TEXT", help="Quote contains these words.")
@_filters
@_limit(50)
@_collapse
@_fmt
def quotes_cmd(
    db, speaker, about, since, until, site, section, language, limit, collapse, fmt
) -> None:
    """Who said what: quotes with their speakers, newest first."""
    from newsledger.store.queries import quotes

    rows = quotes(
        _open(db),
        speaker=speaker,
        about=about,
        filters=_make_filters(since, until, site, section, language),
        limit=limit,
        collapse=collapse,
    )
    _emit(rows, ["date", "speaker", "type", "cue", "quote", "copies", "article"], fmt, ("article",))


@click.command("claims")
@_db
@click.option(
    "--what",
    default=None,
    metavar="TEXT",
    help="What was counted contains these words (e.g. killed).",
)
@click.option("--source", default=None, metavar="NAME", help="Cited source contains these words.")
@click.option("--place", default=None, metavar="NAME", help="Place contains these words.")
@click.option("--timeline", is_flag=True, help="Per date and cited source, the values reported.")
@_filters
@_limit(50)
@_collapse
@_fmt
def claims_cmd(
    db, what, source, place, timeline, since, until, site, section, language, limit, collapse, fmt
) -> None:
    """Reported figures with their cited sources (or, with --timeline, how they evolved)."""
    from newsledger.store.queries import claims, claims_timeline, format_value

    conn = _open(db)
    filters = _make_filters(since, until, site, section, language)
    if timeline:
        rows = claims_timeline(
            conn,
            what=what,
            source=source,
            place=place,
            filters=filters,
            limit=limit,
            collapse=collapse,
        )
        _emit(rows, ["date", "source", "what", "values", "place", "articles"], fmt)
        return
    rows = claims(
        conn, what=what, source=source, place=place, filters=filters, limit=limit, collapse=collapse
    )
    if (fmt or default_format()) == "table":
        rows = [{**r, "value": format_value(r["value"], r["qualifier"], r["unit"])} for r in rows]
    _emit(
        rows, ["date", "value", "what", "source", "place", "copies", "article"], fmt, ("article",)
    )


@click.command("actors")
@_db
@click.option("--name", default=None, help="One of the actor's names contains these words.")
@click.option("--label", default=None, help="Entity label: PERSON, ORG, GPE, NORP, ...")
@_limit(50)
@_collapse
@_fmt
def actors_cmd(db, name, label, limit, collapse, fmt) -> None:
    """People, organisations and places across the corpus, with roles and when they were seen."""
    from newsledger.store.queries import actors

    rows = actors(_open(db), name=name, label=label, limit=limit, collapse=collapse)
    _emit(
        rows,
        ["name", "label", "articles", "quotes", "figures", "roles", "first_seen", "last_seen"],
        fmt,
    )


@click.command("failures")
@_db
@_limit(100)
@_fmt
def failures_cmd(db, limit, fmt) -> None:
    """Documents that could not be ingested, and why."""
    conn = _open(db)
    rows = [
        dict(r)
        for r in conn.execute(
            "SELECT at, stage, COALESCE(path, url, document) AS what, reason, document FROM failures "
            "ORDER BY at DESC, key LIMIT ?",
            (limit,),
        )
    ]
    _emit(rows, ["at", "stage", "what", "reason"], fmt)


@click.command("show")
@click.argument("ident", metavar="ID")
@_db
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl"]),
    default=None,
    help="table: readable article; json/jsonl: the Article JSON (default: table on a terminal).",
)
def show_cmd(ident: str, db, fmt) -> None:
    """Show one article (ID or a unique prefix of it), with its quotes, figures and duplicates."""
    from newsledger.cli.render import article_markdown
    from newsledger.store.queries import show

    article, facts = show(_open(db), ident)
    fmt = fmt or default_format()
    if fmt == "json":
        click.echo(json.dumps(article.to_json_dict(), ensure_ascii=False, indent=2))
        return
    if fmt == "jsonl":
        click.echo(json.dumps(article.to_json_dict(), ensure_ascii=False))
        return
    click.echo(article_markdown(article).rstrip())
    click.echo("")
    click.echo(
        f"-- id {article.id}; {facts['raw_bytes']:,} raw bytes; ingested {facts['ingested_at']}"
        f"{'' if facts['analyzed'] else '; not analysed'}"
    )
    if facts["duplicates"]:
        click.echo(
            f"-- near-duplicates ({facts['cluster_size'] - 1}): "
            + ", ".join(d[:12] for d in facts["duplicates"])
        )
    for f in facts["failures"]:
        click.echo(f"-- failure ({f['stage']}): {f['reason']}")


# -- export --------------------------------------------------------------------------------
@click.command("export")
@_db
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    required=True,
    help="File format (parquet needs pyarrow).",
)
@click.option(
    "--out", required=True, metavar="PATH", help="Output file (a folder with --what all)."
)
@click.option(
    "--what",
    type=click.Choice(["articles", "quotes", "claims", "actors", "all"]),
    default="all",
    show_default=True,
    help="What to export.",
)
def export_cmd(db, fmt, out, what) -> None:
    """Export the ledger with stable column names (see docs/export.md)."""
    from newsledger.store.export import export

    done = export(_open(db), fmt=fmt, out=out, what=what)
    for name, (path, n) in done.items():
        click.echo(f"newsledger: wrote {n} {name} to {path}", err=True)
