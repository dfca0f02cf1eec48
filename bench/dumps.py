"""Turn HTML pages into plain-text dumps, to test text-dump extraction on pages with a reference.

Two styles of dump are made, because the dumps people save come in both:

* ``dom``: the DOM text content of ``<body>`` (``Node.textContent``): scripts, styles,
  ``<noscript>`` and ``<template>`` removed, every other text node concatenated exactly
  as in the source.  No separator is added, so menus, headlines and paragraphs are glued
  together unless the HTML source had whitespace between them (like the seed dump).
* ``rendered``: a browser-like ``innerText``: block elements on their own lines, ``<p>``
  set off by a blank line, ``<br>`` as a newline, table cells separated by tabs, hidden
  elements dropped, whitespace collapsed inside lines (kept in ``<pre>``).

:func:`iter_dumps` walks a dataset in the Scrapinghub layout (``ground-truth.json`` and
``html/<id>.html.gz``) and yields each page's dump with its reference text.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

__all__ = ["DumpItem", "STYLES", "dom_text_dump", "iter_dumps", "make_dump", "rendered_text_dump"]

STYLES = ("dom", "rendered")

# Elements whose content is never text on the page.
_NEVER_TEXT = ("script", "style", "noscript", "template")
# Elements a browser does not render as text at all (innerText skips them).
# fmt: off
_NOT_RENDERED = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "meta", "link",
        "iframe", "object", "embed", "video", "audio", "canvas", "svg", "math",
        "select", "datalist", "source", "track", "img", "input", "textarea", "map", "param",
    }
)
# fmt: on
# CSS display:block (or list-item, table...) elements in the default user-agent style sheet.
# fmt: off
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend",
        "li", "listing", "main", "menu", "nav", "ol", "optgroup", "option", "section",
        "summary", "table", "caption", "thead", "tbody", "tfoot", "tr", "ul", "xmp", "html",
    }
)
# fmt: on
_CELLS = frozenset({"td", "th"})
_PREFORMATTED = frozenset({"pre", "listing", "xmp", "plaintext"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_COLLAPSE = re.compile(r"[ \t\n\r\f]+")


def _parse(html: str) -> etree._Element:
    if not html or not html.strip():
        return lxml_html.fromstring("<html><body></body></html>")
    # lxml refuses str input that declares an encoding; bytes with the declaration stripped work.
    try:
        return lxml_html.document_fromstring(html)
    except ValueError:
        return lxml_html.document_fromstring(html.encode("utf-8"))
    except etree.ParserError:
        return lxml_html.fromstring("<html><body></body></html>")


def _body(root: etree._Element) -> etree._Element:
    body = root.find(".//body")
    return body if body is not None else root


def dom_text_dump(html: str) -> str:
    """The DOM text content of ``<body>``: text nodes glued exactly as in the source.

    Script, style, noscript and template elements are removed (their tails kept);
    comments are not text nodes and are left out.
    """
    root = _parse(html)
    etree.strip_elements(root, *_NEVER_TEXT, with_tail=False)
    body = _body(root)
    parts: list[str] = []
    _collect_text(body, parts)
    return "".join(parts)


def _collect_text(el: etree._Element, parts: list[str]) -> None:
    # Iterative depth-first walk: text, children, then tail (deep pages would overflow recursion).
    stack: list[tuple[etree._Element, bool]] = [(el, False)]
    while stack:
        node, done = stack.pop()
        if done:
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if not isinstance(node.tag, str):  # comment / PI
            if node.tail and node is not el:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed(node):
            stack.append((child, False))


def _hidden(el: etree._Element) -> bool:
    get = el.get
    if get("hidden") is not None:
        return True
    style = get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def rendered_text_dump(html: str) -> str:
    """A browser-like ``innerText`` of ``<body>`` (without CSS beyond inline styles)."""
    root = _parse(html)
    body = _body(root)
    # Items: str = text, int = a required line break count, None = a literal newline.
    items: list[str | int | None] = []
    stack: list[tuple[etree._Element, int]] = [(body, 0)]
    while stack:
        node, phase = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if phase == 1:  # closing the element
            if tag == "p":
                items.append(2)
            elif tag in _BLOCK:
                items.append(1)
            elif tag in _CELLS:
                items.append("\t")
            if node.tail and node is not body:
                items.append(_COLLAPSE.sub(" ", node.tail))
            continue
        if not tag or tag in _NOT_RENDERED or _hidden(node):
            if node.tail and node is not body:
                items.append(_COLLAPSE.sub(" ", node.tail))
            continue
        if tag == "br":
            items.append(None)
            if node.tail:
                items.append(_COLLAPSE.sub(" ", node.tail))
            continue
        if tag == "p":
            items.append(2)
        elif tag in _BLOCK:
            items.append(1)
        if tag in _PREFORMATTED:
            items.append(2)
            items.append("\x00" + node.text_content())  # kept as written
            items.append(2)
            if node.tail:
                items.append(_COLLAPSE.sub(" ", node.tail))
            continue
        if node.text:
            items.append(_COLLAPSE.sub(" ", node.text))
        stack.append((node, 1))
        for child in reversed(node):
            stack.append((child, 0))
    return _assemble(items)


def _assemble(items: list[str | int | None]) -> str:
    out: list[str] = []
    pending = 0  # required line breaks waiting for the next text
    for it in items:
        if isinstance(it, int):
            pending = max(pending, it)
            continue
        if it is None:
            out.append("\n")
            pending = 0
            continue
        preformatted = it.startswith("\x00")
        text = it[1:] if preformatted else it
        if pending and out:
            out.append("\n" * pending)
        pending = 0
        at_line_start = not out or out[-1].endswith("\n")
        if not preformatted and (at_line_start or out[-1].endswith((" ", "\t"))):
            # Collapsed whitespace never doubles, and a line never starts with it.
            text = text.lstrip(" ")
        if text:
            out.append(text)
    lines = [line.strip(" \t") for line in "".join(out).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


@dataclass(frozen=True)
class DumpItem:
    """One page of a dataset as a text dump."""

    id: str
    url: str | None
    text: str  # the dump
    reference: str  # the reference article body


def make_dump(html: str, style: str) -> str:
    """The dump of ``html`` in ``style`` (``"dom"`` or ``"rendered"``)."""
    if style == "dom":
        return dom_text_dump(html)
    if style == "rendered":
        return rendered_text_dump(html)
    raise ValueError(f"unknown dump style {style!r}: use one of {', '.join(STYLES)}")


def iter_dumps(dataset_dir: str | Path, style: str) -> Iterator[DumpItem]:
    """Yield every page of a Scrapinghub-layout dataset as a dump, in id order."""
    if style not in STYLES:
        raise ValueError(f"unknown dump style {style!r}: use one of {', '.join(STYLES)}")
    d = Path(dataset_dir)
    truth = json.loads((d / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        entry = truth[page_id]
        gz = d / "html" / f"{page_id}.html.gz"
        raw = (
            gzip.decompress(gz.read_bytes())
            if gz.exists()
            else (d / "html" / f"{page_id}.html").read_bytes()
        )
        html = raw.decode("utf-8", errors="replace")
        yield DumpItem(
            id=page_id,
            url=entry.get("url"),
            text=make_dump(html, style),
            reference=entry.get("articleBody") or "",
        )
