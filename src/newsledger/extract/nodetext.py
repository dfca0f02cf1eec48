"""Reading text out of an lxml tree without changing it."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

__all__ = ["INVISIBLE", "SKIP_TAGS", "drop_invisible", "text_of"]

# Soft hyphens and zero-width characters: invisible, but they break words apart for any comparison.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CHARS}]")

# Elements whose content is never visible text.
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
# Inline formatting that may sit inside a word ("<b>W</b>ord"); every other element boundary
# separates words, so that "<span>Jane Doe</span><time>Nov 3</time>" does not read "Jane DoeNov 3".
_INLINE = frozenset(
    {"b", "i", "em", "strong", "u", "sup", "sub", "small", "mark", "abbr", "font", "q", "s"}
)


def _collect(el: HtmlElement, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in SKIP_TAGS:
            if tag in _INLINE:
                _collect(child, out)
            else:
                out.append(" ")
                _collect(child, out)
                out.append(" ")
        if child.tail:
            out.append(child.tail)


def drop_invisible(text: str) -> str:
    """``text`` without soft hyphens and zero-width characters.

    str.translate with a dict goes character by character through Python lookups on
    non-ASCII text; these characters are rare, so a regex search decides first (and an
    ASCII string, a flag check, cannot hold any).
    """
    if text.isascii() or not _INVISIBLE_RE.search(text):
        return text
    return text.translate(INVISIBLE)


def text_of(el: HtmlElement) -> str:
    """The visible text of ``el`` with whitespace collapsed (scripts, styles and buttons left out)."""
    if not isinstance(el.tag, str):
        return ""
    out: list[str] = []
    _collect(el, out)
    return " ".join(drop_invisible("".join(out)).split())
