"""Build small WARC files in tests (CC-NEWS style: warcinfo, then request/response pairs)."""

from __future__ import annotations

import gzip

WARC_DATE = "2024-03-05T10:20:30Z"


def record(
    warc_type: str,
    block: bytes,
    *,
    uri: str | None = None,
    content_type: str = "application/http; msgtype=response",
    content_length: int | None = None,
    extra: dict[str, str] | None = None,
    record_id: int = 1,
) -> bytes:
    """One WARC/1.0 record; ``content_length`` overrides the true block length (to break it)."""
    lines = [
        "WARC/1.0",
        f"WARC-Type: {warc_type}",
        f"WARC-Date: {WARC_DATE}",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{record_id:012d}>",
    ]
    if uri is not None:
        lines.append(f"WARC-Target-URI: {uri}")
    for key, value in (extra or {}).items():
        lines.append(f"{key}: {value}")
    lines.append(f"Content-Type: {content_type}")
    length = len(block) if content_length is None else content_length
    lines.append(f"Content-Length: {length}")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + block + b"\r\n\r\n"


def warcinfo() -> bytes:
    return record(
        "warcinfo",
        b"software: newsledger-tests\r\nformat: WARC File Format 1.0\r\n",
        content_type="application/warc-fields",
        record_id=0,
    )


def http_response(
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str | None = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> bytes:
    lines = [f"HTTP/1.1 {status}"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    for key, value in (headers or {}).items():
        lines.append(f"{key}: {value}")
    if not any(k.lower() == "transfer-encoding" for k in (headers or {})):
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def response(
    uri: str, body: bytes, *, record_id: int = 1, content_length: int | None = None, **http
) -> bytes:
    return record(
        "response",
        http_response(body, **http),
        uri=uri,
        record_id=record_id,
        content_length=content_length,
    )


def request(uri: str, *, record_id: int = 1) -> bytes:
    host = uri.split("/")[2]
    block = f"GET /{uri.split('/', 3)[-1]} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: test\r\n\r\n".encode()
    return record(
        "request",
        block,
        uri=uri,
        content_type="application/http; msgtype=request",
        record_id=record_id,
    )


def page(n: int) -> bytes:
    return (
        f"<!doctype html><html><head><title>Story {n}</title></head>"
        f"<body><article><p>Paragraph of story number {n}.</p></article></body></html>"
    ).encode()


def cc_news_records(n: int = 3) -> list[bytes]:
    """warcinfo + n request/response pairs of HTML pages."""
    out = [warcinfo()]
    for i in range(1, n + 1):
        uri = f"https://news.example.org/2024/story-{i}.html"
        out.append(request(uri, record_id=2 * i))
        out.append(response(uri, page(i), record_id=2 * i + 1))
    return out


def gzip_members(records: list[bytes]) -> bytes:
    """Per-record gzip members, as Common Crawl writes .warc.gz files."""
    return b"".join(gzip.compress(r) for r in records)
