"""Article <-> rows: how an :class:`~newsledger.model.Article` is laid out in the ledger tables.

:func:`insert_article` writes every field of the model; :func:`load_article` rebuilds an
identical model from the rows (a round trip that the tests check field by field).
"""

from __future__ import annotations

import json
import re
import sqlite3

from newsledger.model import (
    Article,
    Claim,
    DocumentKind,
    EmbeddedPost,
    Entity,
    Mention,
    Origin,
    Quote,
    QuoteType,
    RelatedLink,
    Source,
    Speaker,
)

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def day_of(iso: str | None) -> str | None:
    """The YYYY-MM-DD part of an ISO 8601 date or date-time, None when there is none."""
    if not iso:
        return None
    m = _DAY.match(iso.strip())
    return m.group(1) if m else None


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def insert_article(conn: sqlite3.Connection, a: Article, *, analyzed: bool) -> int:
    """Insert the article row and its paragraphs, entities, quotes and claims; return its rowid.

    Entities are inserted without actors; quotes and claims without actor links: the writer
    resolves those afterwards (see :mod:`newsledger.store.actors`).
    """
    cur = conn.execute(
        """INSERT INTO articles(id, url, site_name, language, title, description, authors, published,
               day, modified, section, text, captions, embedded_posts, related, credits, provenance,
               source_path, source_url, source_kind, schema, version, analysis_skipped, analyzed)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
        (
            a.id,
            a.url,
            a.site_name,
            a.language,
            a.title,
            a.description,
            _j(a.authors),
            a.published,
            day_of(a.published),
            a.modified,
            a.section,
            a.text,
            _j(a.captions),
            _j([p.model_dump(mode="json") for p in a.embedded_posts]),
            _j([r.model_dump(mode="json") for r in a.related]),
            a.credits,
            _j({k: v.value for k, v in a.provenance.items()}),
            a.source.path,
            a.source.url,
            a.source.kind.value,
            a.schema_,
            a.version,
            _j(a.analysis_skipped),
            int(analyzed),
        ),
    )
    rowid = int(cur.lastrowid)
    conn.executemany(
        'INSERT INTO paragraphs(article, n, start, "end") VALUES (?,?,?,?)',
        [(rowid, i, s, e) for i, (s, e) in enumerate(a.paragraphs)],
    )
    for n, e in enumerate(a.entities):
        conn.execute(
            "INSERT INTO entities(article, local_id, n, name, label, roles) VALUES (?,?,?,?,?,?)",
            (rowid, e.id, n, e.name, e.label, _j(e.roles)),
        )
        conn.executemany(
            'INSERT INTO mentions(article, local_id, n, text, start, "end") VALUES (?,?,?,?,?,?)',
            [(rowid, e.id, i, m.text, m.start, m.end) for i, m in enumerate(e.mentions)],
        )
    for i, q in enumerate(a.quotes):
        s = q.speaker
        conn.execute(
            """INSERT INTO quotes(article, n, text, start, "end", type, cue, cue_start, cue_end,
                   speaker_name, speaker_mention, speaker_start, speaker_end, speaker_entity)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                rowid,
                i,
                q.text,
                q.start,
                q.end,
                q.type.value,
                q.cue,
                q.cue_start,
                q.cue_end,
                s.name if s else None,
                s.mention if s else None,
                s.start if s else None,
                s.end if s else None,
                s.entity if s else None,
            ),
        )
    conn.executemany(
        """INSERT INTO claims(article, n, text, start, "end", value, qualifier, unit, what, source, place, quote)
           VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
        [
            (
                rowid,
                i,
                c.text,
                c.start,
                c.end,
                c.value,
                c.qualifier,
                c.unit,
                c.what,
                c.source,
                c.place,
                c.quote,
            )
            for i, c in enumerate(a.claims)
        ],
    )
    return rowid


def article_rowid(conn: sqlite3.Connection, ident: str) -> int:
    """The rowid of the article whose document id is ``ident`` or starts with it (>= 4 hex digits)."""
    from newsledger.errors import StoreError

    ident = ident.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{4,64}", ident):
        raise StoreError(f"{ident!r} is not a document id (4 to 64 hex digits)")
    rows = conn.execute(
        "SELECT rowid, id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
        (ident, ident + "g"),
    ).fetchall()
    if not rows:
        raise StoreError(f"no article with id {ident}")
    if len(rows) > 1:
        raise StoreError(
            f"id prefix {ident} is ambiguous ({rows[0][1][:12]}..., {rows[1][1][:12]}...): "
            "give more digits"
        )
    return int(rows[0][0])


def load_article(conn: sqlite3.Connection, rowid: int) -> Article:
    """Rebuild the :class:`Article` stored at ``rowid``."""
    r = conn.execute("SELECT * FROM articles WHERE rowid=?", (rowid,)).fetchone()
    if r is None:
        from newsledger.errors import StoreError

        raise StoreError(f"no article at rowid {rowid}")
    paragraphs = [
        (p[0], p[1])
        for p in conn.execute(
            'SELECT start, "end" FROM paragraphs WHERE article=? ORDER BY n', (rowid,)
        )
    ]
    mentions: dict[str, list[Mention]] = {}
    for m in conn.execute(
        'SELECT local_id, text, start, "end" FROM mentions WHERE article=? ORDER BY local_id, n',
        (rowid,),
    ):
        mentions.setdefault(m[0], []).append(Mention(text=m[1], start=m[2], end=m[3]))
    entities = [
        Entity(
            id=e["local_id"],
            name=e["name"],
            label=e["label"],
            roles=json.loads(e["roles"]),
            mentions=mentions.get(e["local_id"], []),
        )
        for e in conn.execute("SELECT * FROM entities WHERE article=? ORDER BY n", (rowid,))
    ]
    quotes = []
    for q in conn.execute("SELECT * FROM quotes WHERE article=? ORDER BY n", (rowid,)):
        speaker = None
        if q["speaker_mention"] is not None:
            speaker = Speaker(
                name=q["speaker_name"],
                mention=q["speaker_mention"],
                start=q["speaker_start"],
                end=q["speaker_end"],
                entity=q["speaker_entity"],
            )
        quotes.append(
            Quote(
                text=q["text"],
                start=q["start"],
                end=q["end"],
                type=QuoteType(q["type"]),
                cue=q["cue"],
                cue_start=q["cue_start"],
                cue_end=q["cue_end"],
                speaker=speaker,
            )
        )
    claims = [
        Claim(
            text=c["text"],
            start=c["start"],
            end=c["end"],
            value=c["value"],
            qualifier=c["qualifier"],
            unit=c["unit"],
            what=c["what"],
            source=c["source"],
            place=c["place"],
            quote=c["quote"],
        )
        for c in conn.execute("SELECT * FROM claims WHERE article=? ORDER BY n", (rowid,))
    ]
    return Article.model_validate(
        {
            "schema": r["schema"],
            "id": r["id"],
            "source": Source(
                path=r["source_path"], url=r["source_url"], kind=DocumentKind(r["source_kind"])
            ),
            "url": r["url"],
            "site_name": r["site_name"],
            "language": r["language"],
            "title": r["title"],
            "description": r["description"],
            "authors": json.loads(r["authors"]),
            "published": r["published"],
            "modified": r["modified"],
            "section": r["section"],
            "text": r["text"],
            "paragraphs": paragraphs,
            "captions": json.loads(r["captions"]),
            "embedded_posts": [EmbeddedPost(**p) for p in json.loads(r["embedded_posts"])],
            "related": [RelatedLink(**x) for x in json.loads(r["related"])],
            "credits": r["credits"],
            "provenance": {k: Origin(v) for k, v in json.loads(r["provenance"]).items()},
            "version": r["version"],
            "entities": entities,
            "quotes": quotes,
            "claims": claims,
            "analysis_skipped": json.loads(r["analysis_skipped"]),
        }
    )
