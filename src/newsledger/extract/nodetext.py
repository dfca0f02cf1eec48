"""Reading text out of an lxml tree without changing it."""
from __future__ import annotations

from lxml.html import HtmlElement

__all__ = ["SKIP_TAGS", "text_of"]

# Elements whose content is never visible text.
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})


def _collect(el: HtmlElement, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in SKIP_TAGS:
            if tag == "br":
                out.append(" ")
            _collect(child, out)
        if child.tail:
            out.append(child.tail)


def text_of(el: HtmlElement) -> str:
    """The visible text of ``el`` with whitespace collapsed (scripts, styles and buttons left out)."""
    if not isinstance(el.tag, str):
        return ""
    out: list[str] = []
    _collect(el, out)
    return " ".join("".join(out).split())
