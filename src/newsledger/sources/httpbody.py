"""Undo HTTP transfer and content encodings (chunked, gzip, deflate, br, zstd) with size caps.

Archived HTTP bodies are stored as sent on the wire; decoding them here, rather than
in the WARC library, lets every step be bounded (a gzip bomb stops at the cap) and
every failure be a clear message.
"""

from __future__ import annotations

import io
import zlib

from newsledger.errors import InputError

__all__ = ["decode_content", "dechunk", "gunzip_bounded"]

# A chunk-size line longer than this is not HTTP chunked encoding.
MAX_CHUNK_LINE = 1024


class BodyError(InputError):
    """An HTTP body whose encoding cannot be undone (broken, or over the size cap)."""


def dechunk(data: bytes, max_bytes: int) -> bytes:
    """Decode an HTTP/1.1 ``Transfer-Encoding: chunked`` body.

    A body cut short returns what was complete (archives often truncate); a body
    with no valid first chunk raises :class:`BodyError`.
    """
    out = bytearray()
    pos = 0
    n = len(data)
    while pos < n:
        eol = data.find(b"\n", pos, pos + MAX_CHUNK_LINE)
        if eol < 0:
            break
        line = data[pos:eol].split(b";", 1)[0].strip()
        try:
            size = int(line, 16)
        except ValueError:
            if not out:
                raise BodyError("malformed chunked transfer encoding") from None
            break
        if size < 0:
            raise BodyError("malformed chunked transfer encoding")
        if size == 0:
            break
        start = eol + 1
        out += data[start : start + size]
        if len(out) > max_bytes:
            raise BodyError(f"decoded body is larger than {max_bytes} bytes")
        pos = start + size
        # The CRLF after the chunk data.
        if data[pos : pos + 2] == b"\r\n":
            pos += 2
        elif data[pos : pos + 1] == b"\n":
            pos += 1
    return bytes(out)


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    d = zlib.decompressobj(wbits=wbits)
    out = d.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise BodyError(f"compressed body expands beyond {max_bytes} bytes (a decompression bomb?)")
    out += d.flush(max_bytes + 1 - len(out)) if not d.eof else b""
    if len(out) > max_bytes:
        raise BodyError(f"compressed body expands beyond {max_bytes} bytes (a decompression bomb?)")
    if not out and not d.eof and data:
        # Not even the first block could be decoded: garbage, or cut inside the header.
        raise zlib.error("no decodable data")
    return out


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip (or zlib) ``data``, refusing to produce more than ``max_bytes``.

    A stream cut short yields what could be decompressed; data that is not gzip at
    all raises :class:`BodyError`.
    """
    try:
        # 47 = 32 + 15: accept a gzip or a zlib header.
        return _inflate(data, 47, max_bytes)
    except zlib.error as exc:
        raise BodyError(f"broken gzip data: {exc}") from None


def _via_fastwarc(reader_cls: type, data: bytes, max_bytes: int, name: str) -> bytes:
    try:
        out = reader_cls(io.BytesIO(data)).read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        raise BodyError(f"broken {name} data: {exc}") from None
    if len(out) > max_bytes:
        raise BodyError(f"compressed body expands beyond {max_bytes} bytes (a decompression bomb?)")
    return out


def decode_content(data: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """Undo a ``Content-Encoding`` (possibly a list, applied in order) on ``data``."""
    if not encoding:
        return data
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
    for coding in reversed(codings):
        if coding in ("identity", "none", "binary", "utf-8", "8bit", "7bit"):
            continue
        if coding in ("gzip", "x-gzip"):
            data = gunzip_bounded(data, max_bytes)
        elif coding == "deflate":
            # Servers send either zlib-wrapped or raw deflate under this name.
            try:
                data = _inflate(data, 15, max_bytes)
            except zlib.error:
                try:
                    data = _inflate(data, -15, max_bytes)
                except zlib.error as exc:
                    raise BodyError(f"broken deflate data: {exc}") from None
        elif coding == "br":
            from fastwarc.stream_io import BrotliReader

            data = _via_fastwarc(BrotliReader, data, max_bytes, "brotli")
        elif coding == "zstd":
            from fastwarc.stream_io import ZstdReader

            data = _via_fastwarc(ZstdReader, data, max_bytes, "zstd")
        else:
            raise BodyError(f"unsupported content encoding {coding!r}")
    return data
