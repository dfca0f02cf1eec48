"""Read-only queries over the ledger: search, quotes, claims (and their timeline), actors, show.

Every function takes an open connection and returns plain rows (lists of dicts with
stable keys) for the CLI to format.  With ``collapse=True`` (the default) a cluster of
near-duplicate articles counts once: search shows its best-ranked member, quotes and
claims repeated by copies of one story appear once, with the number of ``copies``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from newsledger.errors import StoreError
from newsledger.store.actors import normalize
from newsledger.store.codec import article_rowid, load_article

# Search fetches this many times ``limit`` ranked rows before collapsing clusters, so that
# a page of distinct stories is usually one query.
COLLAPSE_OVERFETCH = 4
# Weight of a title hit relative to a body hit in bm25 ranking: a query that names the
# story's subject usually appears in its headline.
TITLE_WEIGHT = 8.0
SNIPPET_TOKENS = 16
# bm25 costs a few microseconds per matching article: a query matching more articles
# than this ranks only the most recently ingested this-many of them (after filters), so
# that a query for a word in every article still answers in tens of milliseconds.
MAX_RANKED = 2000
# Words of a user query kept: longer queries are not searches but pasted paragraphs.
MAX_QUERY_TERMS = 32

_PHRASE = re.compile(r'"([^"]*)"')
_TERM = re.compile(r"[\w][\w'’.-]*\*?", re.UNICODE)
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fts_query(user: str) -> str:
    """Turn free text into a safe FTS5 query: every term quoted, "phrases" kept, ``term*`` prefix.

    FTS5 syntax in the input (AND, NEAR, column filters, stray quotes or parentheses) is
    treated as words, so no user string can make the query fail to parse.
    """
    parts: list[str] = []

    def term(t: str) -> str:
        star = t.endswith("*")
        core = t.rstrip("*").strip(".-'’")
        if not core:
            return ""
        return '"' + core.replace('"', '""') + '"' + ("*" if star else "")

    rest = user
    for m in _PHRASE.finditer(user):
        words = [w.strip(".-'’") for w in _TERM.findall(m.group(1))]
        words = [w.rstrip("*") for w in words if w.strip("*")]
        if words:
            parts.append('"' + " ".join(words).replace('"', '""') + '"')
    rest = _PHRASE.sub(" ", user).replace('"', " ")
    for t in _TERM.findall(rest):
        q = term(t)
        if q:
            parts.append(q)
    return " ".join(parts[:MAX_QUERY_TERMS])


def _day_bound(value: str | None, name: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if not _DAY.match(value):
        raise StoreError(f"--{name} wants a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return value


@dataclass(frozen=True)
class Filters:
    """Article filters shared by the query commands."""

    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None  # YYYY[-MM[-DD]], inclusive
    site: str | None = None
    section: str | None = None
    language: str | None = None

    def sql(self, alias: str = "a") -> tuple[str, list]:
        where: list[str] = []
        params: list = []
        since = _day_bound(self.since, "since")
        until = _day_bound(self.until, "until")
        if since:
            where.append(f"{alias}.day >= ?")
            params.append(since)
        if until:
            # "2023-11" as an upper bound includes the whole month.
            where.append(f"{alias}.day <= ?")
            params.append(until + "\uffff")
        esc = "ESCAPE '\\'"
        if self.site:
            where.append(f"({alias}.site_name LIKE ? {esc} OR {alias}.url LIKE ? {esc})")
            params += [f"%{_like(self.site)}%", f"%{_like(self.site)}%"]
        if self.section:
            where.append(f"{alias}.section LIKE ? {esc}")
            params.append(f"%{_like(self.section)}%")
        if self.language:
            # "en" also matches regional variants such as "en-GB".
            where.append(f"({alias}.language = ? OR {alias}.language LIKE ? {esc})")
            params += [self.language, f"{_like(self.language)}-%"]
        return (" AND ".join(where), params)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _and(*clauses: str) -> str:
    kept = [c for c in clauses if c]
    return ("WHERE " + " AND ".join(kept)) if kept else ""


# -- search --------------------------------------------------------------------------------
def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    filters: Filters = Filters(),
    limit: int = 20,
    collapse: bool = True,
) -> list[dict]:
    """Full-text search (bm25-ranked, title weighted) with a snippet per article."""
    q = fts_query(query)
    if not q:
        return []
    fsql, fparams = filters.sql("a")
    join = "JOIN articles a ON a.rowid = articles_fts.rowid" if fsql else ""
    # Cheap (no ranking): the rowid of the MAX_RANKED-th newest match, if there are that many.
    cap = conn.execute(
        f"""SELECT articles_fts.rowid FROM articles_fts {join} {_and("articles_fts MATCH ?", fsql)}
            ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET {MAX_RANKED - 1}""",
        [q, *fparams],
    ).fetchone()
    capped = "articles_fts.rowid >= ?" if cap else ""
    cap_params = [cap[0]] if cap else []
    out: list[dict] = []
    fetch = max(limit, 1) * (COLLAPSE_OVERFETCH if collapse else 1)
    while True:
        ranked = conn.execute(
            f"""SELECT articles_fts.rowid AS rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS rank
                FROM articles_fts {join}
                {_and("articles_fts MATCH ?", fsql, capped)}
                ORDER BY rank LIMIT ?""",
            [q, *fparams, *cap_params, fetch],
        ).fetchall()
        seen: set[int] = set()
        out = []
        for r in ranked:
            a = conn.execute(
                "SELECT rowid, id, title, day, site_name, section, url, cluster_id FROM articles WHERE rowid=?",
                (r["rowid"],),
            ).fetchone()
            if collapse and a["cluster_id"] in seen:
                continue
            seen.add(a["cluster_id"])
            out.append({**dict(a), "rank": r["rank"]})
            if len(out) == limit:
                break
        if len(out) >= limit or len(ranked) < fetch:
            break
        fetch *= 4
    sizes = _cluster_sizes(conn, {r["cluster_id"] for r in out}) if collapse else {}
    result = []
    for r in out:
        snip = conn.execute(
            f"SELECT snippet(articles_fts, 1, '[', ']', '…', {SNIPPET_TOKENS}) FROM articles_fts "
            "WHERE articles_fts MATCH ? AND rowid = ?",
            (q, r["rowid"]),
        ).fetchone()
        result.append(
            {
                "id": r["id"],
                "date": r["day"],
                "site": r["site_name"],
                "section": r["section"],
                "title": r["title"],
                "snippet": snip[0] if snip else "",
                "rank": round(-r["rank"], 3),
                "copies": sizes.get(r["cluster_id"], 1),
                "url": r["url"],
            }
        )
    return result


def _cluster_sizes(conn: sqlite3.Connection, ids: set[int]) -> dict[int, int]:
    if not ids:
        return {}
    marks = ",".join("?" for _ in ids)
    return {
        r[0]: r[1]
        for r in conn.execute(f"SELECT id, size FROM clusters WHERE id IN ({marks})", list(ids))
    }


# -- actors helpers ------------------------------------------------------------------------
def matching_actors(conn: sqlite3.Connection, name: str) -> list[int]:
    """Actors one of whose names contains ``name`` as whole words ("Blinken" -> Antony Blinken)."""
    norm = normalize(name)
    if not norm:
        return []
    pat = _like(norm)
    rows = conn.execute(
        """SELECT DISTINCT actor FROM actor_names
           WHERE norm = ? OR norm LIKE ? ESCAPE '\\' OR norm LIKE ? ESCAPE '\\' OR norm LIKE ? ESCAPE '\\'""",
        (norm, f"{pat} %", f"% {pat}", f"% {pat} %"),
    ).fetchall()
    return [r[0] for r in rows]


# -- newest-first listing with clusters counted once ----------------------------------------
# With no condition at all, a listing walks the articles newest first (date index) and
# stops as soon as it has ``limit`` rows.  With a condition (a speaker, words), it sorts
# the candidates instead: walking loses when they are few or collapse into few clusters.
def _newest_first(
    conn: sqlite3.Connection,
    table: str,
    cols: str,
    cand: list[str],
    params: list,
    filters: Filters,
    key: Callable[[sqlite3.Row], tuple],
    limit: int,
    collapse: bool,
) -> list[tuple[sqlite3.Row, int]]:
    """Rows of ``table`` (alias t) meeting ``cand``, newest article first, one per ``key`` when collapsing.

    The shown row of a group of near-duplicate copies is the newest one; each row comes
    with its number of copies (rows with the same key in its cluster that the query selects).
    """
    fsql, fparams = filters.sql("a")
    where = _and(*cand, fsql)
    if cand:
        src = f"{table} t JOIN articles a ON a.rowid = t.article"
    else:
        # Walk articles by date (index), probe each one's rows: stops after ``limit`` results.
        src = f"articles a INDEXED BY articles_day JOIN {table} t ON t.article = a.rowid"
    cur = conn.execute(
        f"""SELECT {cols}, a.id AS article_id, a.title, a.day, a.site_name, a.cluster_id, a.rowid AS arow
            FROM {src} LEFT JOIN actors ac ON ac.id = {"t.actor" if table == "quotes" else "t.source_actor"}
            {where} ORDER BY a.day DESC, a.rowid DESC, t.n""",
        [*params, *fparams],
    )
    out: list[sqlite3.Row] = []
    seen: set = set()
    for r in cur:
        k = (r["cluster_id"], *key(r)) if collapse else r["rowid"]
        if k in seen:
            continue
        seen.add(k)
        out.append(r)
        if len(out) >= limit:
            break
    cur.close()
    copies: dict = {}
    if collapse and out:
        clusters = sorted({r["cluster_id"] for r in out})
        marks = ",".join("?" for _ in clusters)
        # Copies among the rows this query selects (a big cluster's other rows are not read).
        for r in conn.execute(
            f"""SELECT {cols}, a.cluster_id FROM {table} t JOIN articles a ON a.rowid = t.article
                    LEFT JOIN actors ac ON ac.id = {"t.actor" if table == "quotes" else "t.source_actor"}
                    {_and(f"a.cluster_id IN ({marks})", *cand, fsql)}""",
            [*clusters, *params, *fparams],
        ):
            k = (r["cluster_id"], *key(r))
            copies[k] = copies.get(k, 0) + 1
    return [(r, copies.get((r["cluster_id"], *key(r)), 1) if collapse else 1) for r in out]


# -- quotes --------------------------------------------------------------------------------
_QUOTE_COLS = (
    "t.rowid AS rowid, t.text, t.type, t.cue, t.speaker_name, t.speaker_mention, t.actor, "
    't.start, t."end", t.n, ac.name AS actor_name'
)


def quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    about: str | None = None,
    filters: Filters = Filters(),
    limit: int = 50,
    collapse: bool = True,
) -> list[dict]:
    """Quotes, newest first, optionally by a speaker (any of an actor's names) and/or about a text."""
    cand: list[str] = []
    params: list = []
    if speaker:
        # Quotes linked to a matching actor (index), plus unresolved ones (no actor) whose
        # printed speaker has these words (full-text index).  A UNION: both halves use an index.
        actors = matching_actors(conn, speaker)
        fq = fts_query(speaker)
        if not fq and not actors:
            return []
        parts = []
        if fq:
            # The printed mention counts only when no name was resolved at all.
            parts.append("""SELECT rowid FROM quotes WHERE actor IS NULL AND rowid IN (
                             SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)""")
            parts.append("""SELECT rowid FROM quotes WHERE actor IS NULL AND speaker_name IS NULL AND rowid IN (
                             SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)""")
            params += ["speaker_name : (" + fq + ")", "speaker_mention : (" + fq + ")"]
        if actors:
            parts.append(
                f"SELECT rowid FROM quotes WHERE actor IN ({','.join('?' for _ in actors)})"
            )
            params += actors
        cand.append(f"t.rowid IN ({' UNION ALL '.join(parts)})")
    if about:
        fq = fts_query(about)
        if not fq:
            return []
        cand.append("t.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append("text : (" + fq + ")")
    rows = _newest_first(
        conn,
        "quotes",
        _QUOTE_COLS,
        cand,
        params,
        filters,
        lambda r: (r["actor"] or r["speaker_name"] or "", r["text"]),
        limit,
        collapse,
    )
    return [
        {
            "speaker": r["actor_name"] or r["speaker_name"] or r["speaker_mention"],
            "mention": r["speaker_mention"],
            "type": r["type"],
            "cue": r["cue"],
            "quote": r["text"],
            "date": r["day"],
            "site": r["site_name"],
            "article": r["article_id"],
            "title": r["title"],
            "start": r["start"],
            "end": r["end"],
            "copies": copies,
        }
        for r, copies in rows
    ]


# -- claims --------------------------------------------------------------------------------
_CLAIM_COLS = (
    "t.rowid AS rowid, t.text, t.value, t.qualifier, t.unit, t.what, t.source, t.place, "
    't.start, t."end", t.n, ac.name AS actor_name'
)


def _claims_where(
    what: str | None, source: str | None, place: str | None
) -> tuple[list[str], list] | None:
    cols = []
    for col, value in (("what", what), ("source", source), ("place", place)):
        if value:
            fq = fts_query(value)
            if not fq:
                return None
            cols.append(f"{col} : ({fq})")
    if not cols:
        return [], []
    return ["t.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"], [
        " AND ".join(cols)
    ]


def claims(
    conn: sqlite3.Connection,
    *,
    what: str | None = None,
    source: str | None = None,
    place: str | None = None,
    filters: Filters = Filters(),
    limit: int = 50,
    collapse: bool = True,
) -> list[dict]:
    """Reported figures, newest first, filtered on what was counted, the cited source and the place."""
    w = _claims_where(what, source, place)
    if w is None:
        return []
    cand, params = w
    rows = _newest_first(
        conn,
        "claims",
        _CLAIM_COLS,
        cand,
        params,
        filters,
        lambda r: (r["value"], r["what"] or "", r["source"] or ""),
        limit,
        collapse,
    )
    return [
        {
            "value": r["value"],
            "qualifier": r["qualifier"],
            "unit": r["unit"],
            "what": r["what"],
            "source": r["source"],
            "place": r["place"],
            "text": r["text"],
            "date": r["day"],
            "site": r["site_name"],
            "article": r["article_id"],
            "title": r["title"],
            "start": r["start"],
            "end": r["end"],
            "copies": copies,
        }
        for r, copies in rows
    ]


def format_value(value: float, qualifier: str | None = None, unit: str | None = None) -> str:
    """A figure as a reader writes it: "more than 9,227", "2.3", "45 %"."""
    num = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"
    text = f"{qualifier} {num}" if qualifier else num
    return f"{text} {unit}" if unit else text


def claims_timeline(
    conn: sqlite3.Connection,
    *,
    what: str | None = None,
    source: str | None = None,
    place: str | None = None,
    filters: Filters = Filters(),
    limit: int = 200,
    collapse: bool = True,
) -> list[dict]:
    """Per date, cited source and thing counted: the values reported (and in how many stories)."""
    w = _claims_where(what, source, place)
    if w is None:
        return []
    where, params = w
    fsql, fparams = filters.sql("a")
    count = "COUNT(DISTINCT a.cluster_id)" if collapse else "COUNT(DISTINCT a.rowid)"
    # The newest ``limit`` (date, source, what) groups, shown oldest first.
    rows = conn.execute(
        f"""SELECT a.day AS day, COALESCE(t.source, '') AS source, COALESCE(t.what, '') AS what,
                   json_group_array(DISTINCT json_array(t.value, t.qualifier, t.unit)) AS vals,
                   group_concat(DISTINCT t.place) AS places, {count} AS articles
            FROM claims t JOIN articles a ON a.rowid = t.article
            {_and(*where, fsql)}
            GROUP BY a.day, COALESCE(t.source, ''), COALESCE(t.what, '')
            ORDER BY a.day DESC, source DESC, what DESC LIMIT ?""",
        [*params, *fparams, limit],
    ).fetchall()[::-1]
    # Undated groups (sorted first by the reversal) go last.
    rows = [r for r in rows if r["day"] is not None] + [r for r in rows if r["day"] is None]
    out = []
    for r in rows:
        vals = sorted(json.loads(r["vals"]), key=lambda v: v[0])
        out.append(
            {
                "date": r["day"],
                "source": r["source"] or None,
                "what": r["what"] or None,
                "values": "; ".join(format_value(v, q, u) for v, q, u in vals),
                "max": max(v[0] for v in vals) if vals else None,
                "place": r["places"],
                "articles": r["articles"],
            }
        )
    return out


# -- actors --------------------------------------------------------------------------------
def actors(
    conn: sqlite3.Connection,
    *,
    name: str | None = None,
    label: str | None = None,
    limit: int = 50,
    collapse: bool = True,
) -> list[dict]:
    """Actors, most mentioned first, with their roles (and when), quotes and cited figures.

    With ``collapse``, ``articles`` counts near-duplicate clusters (a wire story printed by
    ten sites counts once).
    """
    where: list[str] = []
    params: list = []
    if name:
        ids = matching_actors(conn, name)
        if not ids:
            return []
        where.append(f"ac.id IN ({','.join('?' for _ in ids)})")
        params += ids
    if label:
        where.append("ac.label = ?")
        params.append(label.upper())
    rows = conn.execute(
        f"""SELECT ac.id, ac.name, ac.label, ac.first_seen, ac.last_seen,
                   (SELECT COUNT(DISTINCT {"a.cluster_id" if collapse else "e.article"}) FROM entities e
                    JOIN articles a ON a.rowid = e.article WHERE e.actor = ac.id) AS articles,
                   (SELECT COUNT(*) FROM quotes q WHERE q.actor = ac.id) AS quotes,
                   (SELECT COUNT(*) FROM claims c WHERE c.source_actor = ac.id) AS figures
            FROM actors ac {_and(*where)}
            ORDER BY articles DESC, quotes DESC, ac.id LIMIT ?""",
        [*params, limit],
    ).fetchall()
    out = []
    for r in rows:
        roles = conn.execute(
            """SELECT role, MIN(day) AS first, MAX(day) AS last FROM actor_roles WHERE actor=?
               GROUP BY role ORDER BY COUNT(*) DESC, role LIMIT 5""",
            (r["id"],),
        ).fetchall()
        names = [
            n[0]
            for n in conn.execute(
                "SELECT name FROM actor_names WHERE actor=? AND name != ? ORDER BY length(name) DESC LIMIT 5",
                (r["id"], r["name"]),
            )
        ]
        out.append(
            {
                "actor": r["id"],
                "name": r["name"],
                "label": r["label"],
                "articles": r["articles"],
                "quotes": r["quotes"],
                "figures": r["figures"],
                "roles": "; ".join(_role_text(x) for x in roles),
                "aliases": "; ".join(names),
                "first_seen": r["first_seen"],
                "last_seen": r["last_seen"],
            }
        )
    return out


def _role_text(r: sqlite3.Row) -> str:
    if not r["first"]:
        return r["role"]
    when = r["first"] if r["first"] == r["last"] else f"{r['first']}..{r['last']}"
    return f"{r['role']} ({when})"


# -- show ----------------------------------------------------------------------------------
def show(conn: sqlite3.Connection, ident: str) -> tuple[object, dict]:
    """The article with id (or unique id prefix) ``ident``, and ledger facts about it."""
    rowid = article_rowid(conn, ident)
    article = load_article(conn, rowid)
    row = conn.execute(
        """SELECT a.cluster_id, c.size, d.size AS raw_size, d.ingested_at, a.analyzed
           FROM articles a JOIN documents d ON d.id = a.id LEFT JOIN clusters c ON c.id = a.cluster_id
           WHERE a.rowid=?""",
        (rowid,),
    ).fetchone()
    others = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM articles WHERE cluster_id=? AND rowid != ? ORDER BY rowid LIMIT 20",
            (row["cluster_id"], rowid),
        )
    ]
    failures = [
        dict(r)
        for r in conn.execute("SELECT stage, reason, at FROM failures WHERE key=?", (article.id,))
    ]
    return article, {
        "cluster_size": row["size"],
        "duplicates": others,
        "raw_bytes": row["raw_size"],
        "ingested_at": row["ingested_at"],
        "analyzed": bool(row["analyzed"]),
        "failures": failures,
    }


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the main tables (for summaries and tests)."""
    tables = ("documents", "articles", "actors", "quotes", "claims", "clusters", "failures")
    return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
