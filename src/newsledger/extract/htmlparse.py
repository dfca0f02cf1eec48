"""Robust HTML parsing: any decoded page in, one lxml tree out (or a clear error).

Web pages are often broken: stray NUL bytes, control characters, an XML
declaration in front of HTML, markup nested thousands of levels deep, or tens of
megabytes of inline data.  :func:`parse_html` cleans what would make lxml fail
and bounds the work so that every input gives a tree or an
:class:`~newsledger.errors.InputError` within a few seconds.
"""

from __future__ import annotations

import logging
import re
import threading

from lxml import etree
from lxml import html as lxml_html

from newsledger.errors import InputError

__all__ = ["MAX_HTML_CHARS", "parse_html"]

log = logging.getLogger(__name__)

# Larger pages are refused: lxml needs ~4 s for 50 MB of markup, so 100 M characters
# stays a few seconds per page while no real article page comes near it.
MAX_HTML_CHARS = 100_000_000

# C0 control characters other than tab/newline/carriage return, plus DEL: libxml2
# either stops at them (NUL) or reports them as errors; they never carry text.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Every byte but those controls.  In UTF-8 a byte below 0x80 is always that ASCII character,
# so deleting these from the encoded page leaves exactly its control characters: a C pass
# ~5x faster than a regex search over the str.
_NON_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL_CHARS.match(chr(b)))
# lxml refuses a str that still declares its byte encoding; the text is decoded already.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)

# huge_tree lifts libxml2's limits on text-node size and raises the nesting limit
# from 256 to 2048 levels, so deep real pages keep their content; anything deeper
# than that (hostile input) is cut by libxml2 instead of recursing without end.
# lxml parser objects must not be shared between threads, so each thread builds its own.
# Pages are handed to libxml2 as UTF-8 bytes: given a str, lxml passes it on as Latin-1,
# UTF-16 or UCS-4 (Python's internal form) and libxml2 converts it first, which makes
# the parse ~30% slower; the tree is the same (a declared <meta charset> is ignored
# because the parser's encoding is fixed).
_LOCAL = threading.local()


def _parser(utf8: bool = True) -> lxml_html.HTMLParser:
    name = "parser" if utf8 else "str_parser"
    parser = getattr(_LOCAL, name, None)
    if parser is None:
        parser = lxml_html.HTMLParser(
            remove_comments=True,
            remove_pis=True,
            huge_tree=True,
            encoding="utf-8" if utf8 else None,
            # No table of id attributes: nothing looks elements up by id (XPath id(),
            # getElementById), and building the table costs ~5% of the parse.
            collect_ids=False,
        )
        # lxml.html picks each element's Python class in Python code (form, input, label...
        # get their own classes), which costs more than the parse on a big page; a lookup in
        # C that makes every element a plain HtmlElement keeps the same API for the text.
        parser.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml_html.HtmlElement,
                comment=lxml_html.HtmlComment,
                pi=lxml_html.HtmlProcessingInstruction,
                entity=lxml_html.HtmlEntity,
            )
        )
        setattr(_LOCAL, name, parser)
    return parser


def parse_html(html: str) -> lxml_html.HtmlElement:
    """Parse a decoded HTML page into an lxml tree (the ``<html>`` element).

    Control characters are stripped first.  Raises :class:`InputError` for empty,
    whitespace-only or oversized input, and for input in which no element can be found.
    """
    if not isinstance(html, str):
        raise InputError(f"parse_html expects decoded text (str), got {type(html).__name__}")
    if len(html) > MAX_HTML_CHARS:
        raise InputError(
            f"HTML page too large: {len(html):,} characters (limit {MAX_HTML_CHARS:,})"
        )
    text = html
    try:
        data: bytes | None = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: only lxml's str path takes them
        data = None
    if data is None or data.translate(None, _NON_CONTROL_BYTES):
        # Rare: a page with control characters.  (str.translate is ~100x slower than this regex.)
        text = _CONTROL_CHARS.sub("", text)
        edited = data is not None
    else:
        edited = False
    if text.startswith("\ufeff"):
        text = text[1:]
        edited = True
    # match(), not a test on text.lstrip(): that would copy the whole page.
    decl = _XML_DECL.match(text)
    if decl:
        text = text[decl.end() :]
        edited = True
    if not text or text.isspace():
        raise InputError(
            "empty HTML document: no content after removing whitespace and control characters"
        )
    if edited and data is not None:
        data = text.encode("utf-8")
    try:
        if data is not None:
            root = lxml_html.document_fromstring(data, parser=_parser())
        else:
            root = lxml_html.document_fromstring(text, parser=_parser(utf8=False))
    except (etree.ParserError, ValueError) as exc:
        # "Document is empty" and friends: markup with no element lxml can keep.
        raise InputError(f"unparsable HTML document: {exc}") from exc
    if root is None:
        raise InputError("unparsable HTML document: no root element")
    return root
