"""Guess what a document is: a WARC archive, an HTML page or a plain-text dump."""

from __future__ import annotations

import os
import re
import zlib

from newsledger.errors import UnsupportedInput
from newsledger.model import DocumentKind
from newsledger.sources.decode import binary_reason, sniff_bom

__all__ = ["HTML_EXTENSIONS", "TEXT_EXTENSIONS", "detect_kind", "gunzip_head", "is_warc_head"]

# How much of a document the detector reads: the markers it looks for sit at the top.
HEAD_BYTES = 16 * 1024
# This many distinct HTML tags in the head make a page HTML even without <html>/<body>
# (fragments, pages saved without their wrapper). A text dump rarely contains any.
MIN_HTML_TAGS = 5

# ... or this many known tags in all (a fragment made only of <p> elements).
MIN_HTML_TAG_COUNT = 10

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml", ".xht"})
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md"})

_WARC_MAGIC = re.compile(rb"\A\s*WARC/1\.\d")
_STRONG_HTML = re.compile(
    rb"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL
)
_STARTS_WITH_TAG = re.compile(rb"\A\s*<[a-zA-Z][a-zA-Z0-9]*[\s/>]")
_HTML_MARKER = re.compile(rb"<(?:html|head|body)[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    rb"</?(p|div|span|a|br|script|style|meta|link|title|table|tr|td|li|ul|ol|h[1-6]|img"
    rb"|section|article|header|footer|nav|main|figure|form|iframe|noscript|em|strong|b|i)[\s/>]",
    re.IGNORECASE,
)


def gunzip_head(data: bytes, size: int = HEAD_BYTES) -> bytes:
    """Up to ``size`` decompressed bytes from the start of gzip ``data`` (b"" if it is not gzip)."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, size)
    except zlib.error:
        return b""


def is_warc_head(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file, possibly gzipped) starts a WARC file."""
    if head.startswith(b"\x1f\x8b"):
        head = gunzip_head(head)
    return bool(_WARC_MAGIC.match(head[:64]))


def _ascii_head(data: bytes) -> bytes:
    """The head as ASCII-compatible bytes, whatever its UTF-16/32 encoding."""
    head = data[:HEAD_BYTES]
    bom = sniff_bom(head)
    if bom and bom[0] != "utf-8":
        codec, skip = bom
        return head[skip:].decode(codec, errors="replace").encode("utf-8", errors="replace")
    if bom:
        return head[len(b"\xef\xbb\xbf") :]
    nuls = head.count(0)
    if nuls and nuls > len(head) // 5:
        # UTF-16 without a BOM: dropping the NULs leaves its ASCII characters.
        return head.replace(b"\x00", b"")
    return head


def _extension(path: str | None) -> str:
    if not path:
        return ""
    name = os.path.basename(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def detect_kind(data: bytes, path: str | None = None) -> DocumentKind:
    """Detect whether ``data`` is a WARC archive, an HTML page or a plain-text dump.

    ``path`` (optional) lends its extension as a hint: ``.html``/``.htm`` mean HTML,
    ``.txt`` means text unless the content plainly starts as HTML.
    Raises :class:`UnsupportedInput` for binary data (images, archives, PDFs...).
    """
    data = bytes(data)
    if is_warc_head(data[:HEAD_BYTES]):
        return DocumentKind.WARC
    reason = binary_reason(data)
    if reason:
        raise UnsupportedInput(f"not a web page or text: {reason}")
    head = _ascii_head(data)
    if _STRONG_HTML.match(head):
        return DocumentKind.HTML
    ext = _extension(path)
    if ext in HTML_EXTENSIONS:
        return DocumentKind.HTML
    if ext in TEXT_EXTENSIONS:
        return DocumentKind.TEXT
    if _HTML_MARKER.search(head):
        return DocumentKind.HTML
    found = [m.group(1).lower() for m in _HTML_TAG.finditer(head)]
    if len(set(found)) >= MIN_HTML_TAGS or len(found) >= MIN_HTML_TAG_COUNT:
        return DocumentKind.HTML
    if _STARTS_WITH_TAG.match(head) and found:
        return DocumentKind.HTML
    return DocumentKind.TEXT
