"""Read HTML pages out of WARC archives (Common Crawl, CC-NEWS, wget, Heritrix...).

Only successful (2xx) HTTP responses whose payload is HTML/XHTML are yielded, plus
``resource`` records holding HTML. Damage never stops the whole file: a truncated
record, a wrong ``Content-Length`` or garbage between records becomes a
:class:`~newsledger.sources.document.Rejection`, and reading resumes at the next
record header found after the damage (when the input can seek).
"""

from __future__ import annotations

import logging
import os
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from newsledger.errors import InputError
from newsledger.model import DocumentKind
from newsledger.sources.decode import binary_reason
from newsledger.sources.detect import detect_kind
from newsledger.sources.document import RawDocument, Rejection, document_id
from newsledger.sources.httpbody import BodyError, dechunk, decode_content
from newsledger.sources.limits import MAX_DOCUMENT_BYTES, READ_CHUNK_BYTES

log = logging.getLogger(__name__)

__all__ = ["PrefixedReader", "iter_warc"]

# After damage, give up on a file once this many resynchronisations have failed
# to get anywhere: a file that broken is not a WARC worth scanning byte by byte.
MAX_RESYNCS = 1000
# A WARC record header longer than this is not a header (the WARC library's own cap).
MAX_WARC_HEADER_BYTES = 32 * 1024

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml+xhtml"})
# Content types servers use when they do not know; the payload is sniffed instead.
UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "unk", "unknown", "binary/octet-stream"})

_RECORD_START = re.compile(rb"(?:^|\n)WARC/1\.\d\r?\n")
_GZIP_MEMBER = b"\x1f\x8b\x08"


class PrefixedReader:
    """A forward-only binary stream: ``prefix`` bytes, then the rest of ``raw``.

    Lets a caller sniff the head of a pipe (stdin) and still hand the whole stream
    to the WARC reader, which needs ``tell()``.
    """

    def __init__(self, raw: BinaryIO, prefix: bytes = b"") -> None:
        self._raw = raw
        self._prefix = prefix
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        """Read up to ``size`` bytes (all when negative)."""
        out = b""
        if self._prefix:
            if size is None or size < 0:
                out, self._prefix = self._prefix, b""
            else:
                out, self._prefix = self._prefix[:size], self._prefix[size:]
                size -= len(out)
                if size == 0:
                    self._pos += len(out)
                    return out
        rest = self._raw.read(size if size is not None and size >= 0 else -1) or b""
        out += rest
        self._pos += len(out)
        return out

    def tell(self) -> int:
        """Bytes read so far."""
        return self._pos

    def seekable(self) -> bool:
        """Never: this stream only goes forward."""
        return False

    def close(self) -> None:
        """Close the underlying stream."""
        self._raw.close()


@dataclass
class _Pending:
    item: RawDocument | Rejection
    pos: int


def _is_seekable(stream: object) -> bool:
    seekable = getattr(stream, "seekable", None)
    if seekable is None:
        return False
    try:
        return bool(seekable())
    except (OSError, ValueError):
        return False


def _read_bounded(reader, limit: int) -> bytes:
    parts: list[bytes] = []
    got = 0
    while got < limit:
        chunk = reader.read(min(READ_CHUNK_BYTES, limit - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _mime(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _is_html(mime: str, identified: str | None, payload: bytes) -> bool:
    if mime in HTML_TYPES:
        return True
    if mime not in UNKNOWN_TYPES:
        return False
    if _mime(identified) in HTML_TYPES:
        return True
    try:
        return detect_kind(payload[:16384]) is DocumentKind.HTML
    except InputError:
        return False


def _record_item(record, source: str | None, max_bytes: int) -> RawDocument | Rejection | None:
    """What one WARC record gives: a document, a rejection, or nothing (not an HTML page)."""
    from fastwarc.warc import WarcRecordType

    rtype = record.record_type
    headers = record.headers
    url = headers.get("WARC-Target-URI") or None
    if url:
        url = url.strip().strip("<>")
    where = f"WARC record at byte {record.stream_pos}"
    if rtype == WarcRecordType.response:
        if not record.is_http:
            return None
        http = record.http_headers
        status = http.status_code
        if status is None:
            return Rejection(
                f"{where}: response without a readable HTTP status line", path=source, url=url
            )
        if not 200 <= status < 300:
            return None
        content_type = http.get("Content-Type")
        transfer = (http.get("Transfer-Encoding") or "").lower()
        encoding = http.get("Content-Encoding")
    elif rtype == WarcRecordType.resource:
        content_type = headers.get("Content-Type")
        transfer, encoding = "", None
    else:
        return None
    mime = _mime(content_type)
    if mime not in HTML_TYPES and mime not in UNKNOWN_TYPES:
        return None  # images, scripts, PDFs...: not pages, and not an error either

    declared = record.content_length
    if declared > max_bytes and "chunked" not in transfer and not encoding:
        return Rejection(
            f"{where}: payload of {declared} bytes exceeds the {max_bytes}-byte limit",
            path=source,
            url=url,
        )
    try:
        raw = _read_bounded(record.reader, max_bytes + 1)
    except (OSError, ValueError) as exc:
        return Rejection(f"{where}: unreadable payload ({exc})", path=source, url=url)
    if len(raw) > max_bytes:
        return Rejection(
            f"{where}: payload exceeds the {max_bytes}-byte limit", path=source, url=url
        )
    if len(raw) < declared:
        return Rejection(
            f"{where}: truncated record ({len(raw)} of {declared} payload bytes present)",
            path=source,
            url=url,
        )
    try:
        if "chunked" in transfer:
            raw = dechunk(raw, max_bytes)
        payload = decode_content(raw, encoding, max_bytes)
    except BodyError as exc:
        return Rejection(f"{where}: {exc}", path=source, url=url, id=document_id(raw))
    if not payload.strip():
        return Rejection(f"{where}: empty payload", path=source, url=url)
    if not _is_html(mime, headers.get("WARC-Identified-Payload-Type"), payload):
        return None
    binary = binary_reason(payload)
    if binary:  # an image or archive served as text/html
        return Rejection(
            f"{where}: HTML content type but {binary}",
            path=source,
            url=url,
            id=document_id(payload),
        )
    return RawDocument(
        data=payload,
        kind=DocumentKind.HTML,
        path=source,
        url=url,
        content_type=content_type,
        date=_iso_date(headers.get("WARC-Date")),
    )


def _member_bytes(stream: BinaryIO, pos: int, gz: bool, limit: int) -> bytes:
    """Up to ``limit`` (decompressed) bytes of the record starting at ``pos``."""
    stream.seek(pos)
    if not gz:
        return stream.read(limit)
    d = zlib.decompressobj(wbits=31)
    out = bytearray()
    while len(out) < limit and not d.eof:
        chunk = stream.read(READ_CHUNK_BYTES)
        if not chunk:
            break
        try:
            out += d.decompress(chunk, limit - len(out))
        except zlib.error:
            break
    return bytes(out)


def _at_member_start(stream: BinaryIO, pos: int) -> bool:
    # In a .warc.gz written as one gzip stream (not one member per record), record
    # positions fall inside a member and cannot be checked on their own.
    try:
        stream.seek(pos)
        return stream.read(len(_GZIP_MEMBER)) == _GZIP_MEMBER
    except (OSError, ValueError):
        return False


def _record_intact(stream: BinaryIO, pos: int, gz: bool, max_bytes: int) -> bool:
    """Whether the record at ``pos`` ends where its ``Content-Length`` says (CRLF CRLF)."""
    try:
        if gz and not _at_member_start(stream, pos):
            return True  # cannot tell; keep the record
        head = _member_bytes(stream, pos, gz, MAX_WARC_HEADER_BYTES)
        end = head.find(b"\r\n\r\n")
        if end < 0:
            return False
        match = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head[:end])
        if not match:
            return False
        block_end = end + 4 + int(match.group(1))
        if block_end + 4 > max_bytes + MAX_WARC_HEADER_BYTES:
            return True  # too large to check cheaply; the record was read as declared
        data = _member_bytes(stream, pos, gz, block_end + 4)
        return data[block_end : block_end + 4] == b"\r\n\r\n"
    except (OSError, ValueError):
        return False


def _record_end(stream: BinaryIO, pos: int, gz: bool) -> int | None:
    """Byte offset just past the record (or gzip member) starting at ``pos``; ``None`` if unknown."""
    try:
        if gz:
            stream.seek(pos)
            d = zlib.decompressobj(wbits=31)
            consumed = 0
            while not d.eof:
                chunk = stream.read(READ_CHUNK_BYTES)
                if not chunk:
                    return None
                consumed += len(chunk)
                # Output is discarded; only the member's end matters. Bounded per call.
                while chunk and not d.eof:
                    d.decompress(chunk, READ_CHUNK_BYTES)
                    chunk = d.unconsumed_tail
            return pos + consumed - len(d.unused_data)
        head = _member_bytes(stream, pos, False, MAX_WARC_HEADER_BYTES)
        end = head.find(b"\r\n\r\n")
        match = re.search(rb"(?im)^content-length:\s*(\d+)\s*$", head[:end]) if end >= 0 else None
        if not match:
            return None
        return pos + end + 4 + int(match.group(1)) + 4
    except (OSError, ValueError, zlib.error):
        return None


def _trailing_damage(stream: BinaryIO, last_pos: int | None, start: int, gz: bool) -> int | None:
    """Where unread, non-blank bytes begin after the last record read cleanly, if any.

    The WARC library stops silently at a record cut off inside its header; this
    finds such a leftover so that it is reported.
    """
    if last_pos is not None and gz and not _at_member_start(stream, last_pos):
        return None  # one gzip stream: the WARC library read it to its end
    end = start if last_pos is None else _record_end(stream, last_pos, gz)
    if end is None:
        return last_pos  # the last record itself is cut short
    stream.seek(end)
    while True:
        chunk = stream.read(READ_CHUNK_BYTES)
        if not chunk:
            return None
        if chunk.strip():
            return end
        end += len(chunk)


def _find_next_record(stream: BinaryIO, start: int, gz: bool) -> int | None:
    """Byte offset of the first record (or gzip member) start at or after ``start``."""
    stream.seek(start)
    offset = start
    carry = b""
    while True:
        chunk = stream.read(READ_CHUNK_BYTES)
        if not chunk:
            return None
        window = carry + chunk
        base = offset - len(carry)
        if gz:
            idx = window.find(_GZIP_MEMBER)
            if idx >= 0:
                return base + idx
        else:
            match = _RECORD_START.search(window)
            while match is not None:
                idx = match.start() + (
                    1 if window[match.start() : match.start() + 1] == b"\n" else 0
                )
                if base + idx >= start and (idx > 0 or base == start):
                    return base + idx
                match = _RECORD_START.search(window, match.start() + 1)
        carry = window[-16:]
        offset += len(chunk)


def _panic(exc: BaseException) -> bool:
    # fastwarc (Rust) reports internal failures as pyo3's PanicException, a BaseException.
    return type(exc).__name__ == "PanicException"


def iter_warc(
    path_or_stream: str | os.PathLike[str] | BinaryIO,
    *,
    source_path: str | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[RawDocument | Rejection]:
    """Yield one :class:`RawDocument` per HTML page in a WARC (plain or gzipped) file or stream.

    ``source_path`` names the archive in the documents and rejections (defaults to
    the path given). Damaged data yields :class:`Rejection` values; reading goes on
    after the damage when the stream can seek. Never raises for bad content.
    """
    if isinstance(path_or_stream, (str, os.PathLike)):
        source = source_path or os.fspath(path_or_stream)
        try:
            stream = open(path_or_stream, "rb")  # noqa: SIM115  (closed in finally, generator)
        except OSError as exc:
            yield Rejection(f"cannot open WARC file: {exc.strerror or exc}", path=source)
            return
        try:
            yield from _iter_stream(stream, source, max_bytes)
        finally:
            stream.close()
    else:
        yield from _iter_stream(path_or_stream, source_path, max_bytes)


def _iter_stream(stream, source: str | None, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    from fastwarc.warc import ArchiveIterator

    seekable = _is_seekable(stream)
    gz = False
    if seekable:
        start = stream.tell()
        gz = stream.read(2) == b"\x1f\x8b"
        stream.seek(start)
    elif not hasattr(stream, "tell"):
        stream = PrefixedReader(stream)
    pos = stream.tell()
    resyncs = 0
    pending: _Pending | None = None
    while True:
        last_pos: int | None = None
        failure: BaseException | None = None
        try:
            for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
                last_pos = record.stream_pos
                if pending is not None:
                    yield pending.item
                    pending = None
                item = _record_item(record, source, max_bytes)
                if item is not None:
                    pending = _Pending(item, last_pos)
        except (OSError, ValueError, UnicodeError, OverflowError) as exc:
            failure = exc
        except BaseException as exc:
            if not _panic(exc):
                raise
            failure = exc
        if failure is None:
            reported = None
            if pending is not None:
                yield pending.item
                if isinstance(pending.item, Rejection):
                    reported = pending.pos
            leftover = _trailing_damage(stream, last_pos, pos, gz) if seekable else None
            if leftover is not None and leftover != reported:
                yield Rejection(
                    f"incomplete WARC record at byte {leftover} at the end of the file "
                    "(truncated file?)",
                    path=source,
                )
            return

        damage_at = last_pos if last_pos is not None else pos
        if pending is not None:
            ok = (
                _record_intact(stream, pending.pos, gz, max_bytes)
                if seekable
                else not (
                    isinstance(pending.item, RawDocument) and b"\r\nWARC/1." in pending.item.data
                )
            )
            if ok:
                yield pending.item
            else:
                yield Rejection(
                    f"WARC record at byte {pending.pos}: its Content-Length does not match "
                    "the data (the record overruns or stops short)",
                    path=source,
                    url=getattr(pending.item, "url", None),
                )
            pending = None
        what = (
            f"damaged WARC data after byte {damage_at} ({str(failure) or type(failure).__name__})"
        )
        if not seekable:
            yield Rejection(f"{what}; the rest of the stream is skipped", path=source)
            return
        if resyncs >= MAX_RESYNCS:
            yield Rejection(
                f"{what}; too much damage, the rest of the file is skipped", path=source
            )
            return
        try:
            nxt = _find_next_record(stream, damage_at + 1, gz)
        except (OSError, ValueError) as exc:
            yield Rejection(f"{what}; cannot scan further ({exc})", path=source)
            return
        if nxt is None:
            yield Rejection(f"{what}; no further record found", path=source)
            return
        if last_pos is not None or resyncs == 0:
            # One rejection per damaged stretch: a resync that lands on more damage
            # (no record read since) extends the stretch already reported.
            yield Rejection(f"{what}; resuming at byte {nxt}", path=source)
        log.info("%s: %s; resuming at byte %d", source or "WARC stream", what, nxt)
        resyncs += 1
        pos = nxt
        stream.seek(nxt)
