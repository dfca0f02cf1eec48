"""Render articles and analyses for the terminal or for pipes."""

from __future__ import annotations

import json

from newsledger.model import Analysis, Article


def _json(obj: Article | Analysis, indent: int | None) -> str:
    return json.dumps(obj.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=indent)


def _speaker(q) -> str:
    if q.speaker is None:
        return "(unattributed)"
    if q.speaker.name and q.speaker.name != q.speaker.mention:
        return f"{q.speaker.name} ({q.speaker.mention})"
    return q.speaker.name or q.speaker.mention


def _figures_md(article: Article | Analysis) -> list[str]:
    out: list[str] = []
    if article.quotes:
        out += ["", "## Quotes", ""]
        for q in article.quotes:
            out.append(f"- **{_speaker(q)}** [{q.type.value}, {q.cue or '-'}]: “{q.text}”")
    if article.claims:
        out += ["", "## Figures", ""]
        for c in article.claims:
            qual = f"{c.qualifier} " if c.qualifier else ""
            src = c.source or "reporter"
            where = f" in {c.place}" if c.place else ""
            out.append(
                f"- {qual}{c.value:,.10g} {c.what or ''}{where} — source: {src} (“{c.text}”)"
            )
    if article.entities:
        out += ["", "## Actors", ""]
        for e in article.entities:
            roles = f" — {', '.join(e.roles)}" if e.roles else ""
            out.append(f"- {e.name} ({e.label}, {len(e.mentions)} mentions){roles}")
    return out


def article_markdown(a: Article) -> str:
    lines = [f"# {a.title or '(untitled)'}", ""]
    meta = [
        ("URL", a.url),
        ("Site", a.site_name),
        ("Section", a.section),
        ("Published", a.published),
        ("Modified", a.modified),
        ("Authors", ", ".join(a.authors) if a.authors else None),
        ("Language", a.language),
    ]
    lines += [f"- {k}: {v}" for k, v in meta if v]
    if a.description:
        lines += ["", f"> {a.description}"]
    lines += ["", a.text]
    if a.captions:
        lines += ["", "## Captions", ""] + [f"- {c}" for c in a.captions]
    if a.embedded_posts:
        lines += ["", "## Embedded posts", ""]
        for p in a.embedded_posts:
            who = " ".join(x for x in (p.author, f"({p.handle})" if p.handle else None) if x)
            lines.append(f"- {who} {p.date or ''}: {p.text}".rstrip())
    if a.related:
        lines += ["", "## Related", ""] + [
            f"- {r.title}" + (f" <{r.url}>" if r.url else "") for r in a.related
        ]
    if a.credits:
        lines += ["", f"_{a.credits}_"]
    lines += _figures_md(a)
    return "\n".join(lines) + "\n"


def render_article(a: Article, fmt: str) -> str:
    if fmt == "json":
        return _json(a, 2)
    if fmt == "jsonl":
        return _json(a, None)
    if fmt == "markdown":
        return article_markdown(a)
    if fmt == "text":
        head = a.title or ""
        return (head + "\n\n" if head else "") + a.text + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def render_analysis(an: Analysis, fmt: str) -> str:
    if fmt == "json":
        return _json(an, 2)
    if fmt == "jsonl":
        return _json(an, None)
    if fmt == "markdown":
        return "\n".join(_figures_md(an)).strip() + "\n"
    raise ValueError(f"unknown format {fmt!r}")
