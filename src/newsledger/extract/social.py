"""Embedded social-media posts: the standard embed markup of each platform, no site rules.

Twitter/X, Bluesky and Threads publish a ``<blockquote>`` holding the post's
text in ``<p>`` and a "— Name (@handle) date" line linking to the post;
Instagram and TikTok use blockquotes with the post URL in data attributes;
Facebook uses ``div.fb-post`` (or a plugin iframe).  Embeds loaded only as an
iframe yield a post with its URL and no text.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from lxml.html import HtmlElement

from newsledger.extract.nodetext import text_of
from newsledger.model import EmbeddedPost

__all__ = ["embed_platform", "read_embed"]

# More embeds than this in one page is a social wall, not an article; the rest are ignored.
MAX_POSTS = 50

_CLASS_PLATFORM = {
    "twitter-tweet": "twitter",
    "twitter-video": "twitter",
    "instagram-media": "instagram",
    "tiktok-embed": "tiktok",
    "fb-post": "facebook",
    "fb-video": "facebook",
    "bluesky-embed": "bluesky",
    "text-post-media": "threads",
    "mastodon-embed": "mastodon",
}
_IFRAME_PLATFORM = (
    ("platform.twitter.com/embed", "twitter"),
    ("facebook.com/plugins/post", "facebook"),
    ("facebook.com/plugins/video", "facebook"),
    ("instagram.com/p/", "instagram"),
    ("instagram.com/reel/", "instagram"),
    ("tiktok.com/embed", "tiktok"),
    ("embed.bsky.app", "bluesky"),
)
_SIGNATURE = re.compile(
    r"(?:^|[—–-])\s*(?P<name>[^()\n]{1,80}?)\s*\(\s*@(?P<handle>[\w.]{1,50})(?:@[\w.-]+)?\s*\)\s*(?P<date>.*)$",
    re.DOTALL,
)
# "A post shared by Name (@handle)" in the languages Instagram localises embeds into.
_SHARED_BY = re.compile(
    r"(?:(?:post|video|reel|photo)\s+shared\s+by|beitrag\s+geteilt\s+von|publication\s+partagée\s+par|"
    r"publicación\s+compartida\s+por|post\s+condiviso\s+da|publicação\s+compartilhada\s+por|"
    r"bericht\s+gedeeld\s+door)\s+(?P<name>.+?)\s*\(\s*@(?P<handle>[\w.]+)\s*\)",
    re.IGNORECASE,
)
_POSTED_BY = re.compile(
    r"posted\s+by\s+(?P<name>.+?)\s+on\s+(?P<date>.+)$", re.IGNORECASE | re.DOTALL
)
_TWEET_ID = re.compile(r"[?&]id=(\d+)")


def embed_platform(el: HtmlElement) -> str | None:
    """The platform whose embed markup ``el`` is (``"twitter"``, ``"instagram"``...), else ``None``."""
    if el.tag == "iframe":
        src = el.get("src") or el.get("data-src") or ""
        for needle, platform in _IFRAME_PLATFORM:
            if needle in src:
                return platform
        return None
    for cls in (el.get("class") or "").split():
        platform = _CLASS_PLATFORM.get(cls)
        if platform:
            return platform
    return None


def _links(el: HtmlElement) -> list[tuple[str, str]]:
    return [(a.get("href") or "", text_of(a)) for a in el.iter("a")]


def _paragraphs(el: HtmlElement) -> str:
    paras = [text_of(p) for p in el.iter("p")]
    return "\n".join(p for p in paras if p)


def read_embed(el: HtmlElement, platform: str) -> EmbeddedPost | None:
    """Read one embed element (found by :func:`embed_platform`); ``None`` if it holds nothing useful."""
    if el.tag == "iframe":
        return _iframe(el, platform)
    author = handle = date = url = None
    text = ""
    if platform in ("twitter", "bluesky", "threads", "mastodon"):
        text = _paragraphs(el)
        whole = text_of(el)
        # The signature line follows the post text and starts with an em dash.
        dash = whole.rfind("—")
        m = _SIGNATURE.search(whole[dash:] if dash >= 0 else whole)
        if m:
            author, handle = m.group("name").strip(" —–-") or None, m.group("handle")
            date = m.group("date").strip() or None
        for href, label in reversed(_links(el)):
            if "/status/" in href or "/post/" in href:
                url = href.split("?", 1)[0]
                date = label or date
                break
        url = url or el.get("cite") or el.get("data-bluesky-uri")
    elif platform == "instagram":
        url = el.get("data-instgrm-permalink") or el.get("cite")
        m = _SHARED_BY.search(text_of(el))
        if m:
            author, handle = m.group("name").strip(), m.group("handle")
        # The caption paragraphs, without the "A post shared by" and date lines.
        text = "\n".join(
            t
            for t in (text_of(p) for p in el.iter("p") if next(p.iter("time"), None) is None)
            if t and not _SHARED_BY.search(t)
        )
        t = next(el.iter("time"), None)
        if t is not None:
            date = t.get("datetime") or text_of(t) or None
    elif platform == "tiktok":
        url = el.get("cite")
        m = re.search(r"tiktok\.com/@([\w.]+)", url or "")
        handle = m.group(1) if m else None
        text = _paragraphs(el)
    elif platform == "facebook":
        url = el.get("data-href") or el.get("cite")
        inner = next(el.iter("blockquote"), None)
        text = _paragraphs(inner if inner is not None else el)
        whole = text_of(inner if inner is not None else el)
        m = _POSTED_BY.search(whole[len(text) :] if whole.startswith(text) else whole)
        if m:
            author, date = m.group("name").strip(), m.group("date").strip()
    if url:
        url = url.split("?utm_", 1)[0]
    if not (text or url):
        return None
    return EmbeddedPost(
        platform=platform, author=author, handle=handle, text=text, date=date, url=url
    )


def _iframe(el: HtmlElement, platform: str) -> EmbeddedPost | None:
    src = el.get("src") or el.get("data-src") or ""
    url: str | None = None
    if platform == "facebook":
        href = parse_qs(urlsplit(src).query).get("href")
        url = unquote(href[0]) if href else None
    elif platform == "twitter":
        m = _TWEET_ID.search(src)
        url = f"https://twitter.com/i/status/{m.group(1)}" if m else None
    else:
        url = src.split("?", 1)[0] or None
    if not url:
        return None
    return EmbeddedPost(platform=platform, url=url)
