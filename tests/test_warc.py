"""iter_warc on WARCs built in the test: good, compressed, and damaged in many ways."""

from __future__ import annotations

import gzip
import io
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.model import DocumentKind
from newsledger.sources.document import RawDocument, Rejection, document_id
from newsledger.sources.warc import PrefixedReader, iter_warc
from warc_factory import (
    WARC_DATE,
    cc_news_records,
    gzip_members,
    page,
    record,
    request,
    response,
    warcinfo,
)


def _brotli(data: bytes) -> bytes:
    from fastwarc.stream_io import BrotliWriter

    out = io.BytesIO()
    writer = BrotliWriter(out)
    writer.write(data)
    writer.close()
    return out.getvalue()


def _run(data: bytes, **kw) -> list[RawDocument | Rejection]:
    return list(iter_warc(io.BytesIO(data), source_path="test.warc", **kw))


def _docs(items):
    return [x for x in items if isinstance(x, RawDocument)]


def _rejections(items):
    return [x for x in items if isinstance(x, Rejection)]


def _urls(items):
    return [d.url for d in _docs(items)]


URLS = [f"https://news.example.org/2024/story-{i}.html" for i in (1, 2, 3)]


def test_cc_news_style_warc():
    items = _run(b"".join(cc_news_records(3)))
    assert _rejections(items) == []
    docs = _docs(items)
    assert [d.url for d in docs] == URLS
    first = docs[0]
    assert first.data == page(1)
    assert first.kind is DocumentKind.HTML
    assert first.date == WARC_DATE
    assert first.content_type == "text/html; charset=utf-8"
    assert first.path == "test.warc"
    assert first.id == document_id(page(1))


def test_gzip_per_record_warc_and_path_input(tmp_path):
    path = tmp_path / "news.warc.gz"
    path.write_bytes(gzip_members(cc_news_records(3)))
    items = list(iter_warc(str(path)))
    assert _urls(items) == URLS
    assert all(d.path == str(path) for d in _docs(items))


def test_only_successful_html_responses():
    records = [
        warcinfo(),
        response(
            "https://x.org/img.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, content_type="image/jpeg"
        ),
        response("https://x.org/missing", page(0), status="404 Not Found"),
        response(
            "https://x.org/moved", b"", status="301 Moved Permanently", headers={"Location": "/a"}
        ),
        response("https://x.org/robots.txt", b"User-agent: *", content_type="text/plain"),
        response("https://x.org/xhtml", page(5), content_type="application/xhtml+xml"),
        response("https://x.org/untyped", page(6), content_type=None),
        response(
            "https://x.org/octet", b"\x00\x01\x02\x03" * 20, content_type="application/octet-stream"
        ),
        record("resource", page(7), uri="file:///saved.html", content_type="text/html"),
        record(
            "metadata",
            b"fetchTimeMs: 12\r\n",
            uri="https://x.org/xhtml",
            content_type="application/warc-fields",
        ),
    ]
    items = _run(b"".join(records))
    assert _urls(items) == ["https://x.org/xhtml", "https://x.org/untyped", "file:///saved.html"]
    assert _rejections(items) == []


def test_chunked_and_content_encodings_are_decoded():
    body = page(1)
    zipped = gzip.compress(body)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(zipped), zipped)
    records = [
        response("https://x.org/gz", zipped, headers={"Content-Encoding": "gzip"}),
        response(
            "https://x.org/chunked-gz",
            chunked,
            headers={"Transfer-Encoding": "chunked", "Content-Encoding": "gzip"},
        ),
        response("https://x.org/br", _brotli(body), headers={"Content-Encoding": "br"}),
        # Common Crawl stores decoded payloads and renames the original headers.
        response("https://x.org/cc", body, headers={"X-Crawler-Content-Encoding": "gzip"}),
    ]
    docs = _docs(_run(b"".join(records)))
    assert [d.data for d in docs] == [body] * 4


def test_broken_or_bombing_content_encoding_is_rejected():
    bomb = gzip.compress(b"a" * 5_000_000)
    records = [
        response("https://x.org/bomb", bomb, headers={"Content-Encoding": "gzip"}),
        response(
            "https://x.org/broken", b"\x1f\x8b\x08\x00garbage", headers={"Content-Encoding": "gzip"}
        ),
        response("https://x.org/odd", b"xx", headers={"Content-Encoding": "compress"}),
        response("https://x.org/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        response("https://x.org/ok", page(1)),
    ]
    items = _run(b"".join(records), max_bytes=1_000_000)
    assert _urls(items) == ["https://x.org/ok"]
    reasons = {r.url: r.reason for r in _rejections(items)}
    assert "bomb" in reasons["https://x.org/bomb"]
    assert "gzip" in reasons["https://x.org/broken"]
    assert "compress" in reasons["https://x.org/odd"]
    assert "PNG" in reasons["https://x.org/png"]


def test_record_above_max_bytes_is_rejected():
    big = b"<html><body>" + b"<p>words</p>" * 10_000 + b"</body></html>"
    items = _run(
        response("https://x.org/big", big) + response("https://x.org/small", page(1)),
        max_bytes=50_000,
    )
    assert _urls(items) == ["https://x.org/small"]
    [rej] = _rejections(items)
    assert rej.url == "https://x.org/big" and "50000-byte limit" in rej.reason


@pytest.mark.parametrize("cut", [10, 40, 100, 200])
def test_truncated_warc_keeps_earlier_records(cut):
    data = b"".join(cc_news_records(3))
    items = _run(data[:-cut])
    assert _urls(items)[:2] == URLS[:2]
    rejections = _rejections(items)
    if len(_docs(items)) == 2:
        assert rejections, "a cut-off last record must be reported"
        assert any("truncated" in r.reason or "damaged" in r.reason for r in rejections)


def test_truncated_inside_header():
    data = b"".join(cc_news_records(2)) + request(URLS[2])
    last = data.rindex(b"WARC/1.0")
    items = _run(data[: last + 30])
    assert _urls(items) == URLS[:2]
    assert len(_rejections(items)) == 1


@pytest.mark.parametrize("delta", [+150, -30])
def test_wrong_content_length_rejected_and_later_records_recovered(delta):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page(2)
    records = [
        warcinfo(),
        response(URLS[0], page(1)),
        record("response", http, uri=URLS[1], content_length=len(http) + delta),
        response(URLS[2], page(3)),
    ]
    items = _run(b"".join(records))
    assert _urls(items) == [URLS[0], URLS[2]]
    rejections = _rejections(items)
    assert any(r.url == URLS[1] and "Content-Length" in r.reason for r in rejections)


def test_garbage_between_records():
    records = cc_news_records(3)
    records.insert(3, b"GARBAGE LINE\r\nmore junk \x00\x01\x02\r\n")
    items = _run(b"".join(records))
    assert _urls(items) == URLS
    [rej] = _rejections(items)
    assert "damaged WARC data" in rej.reason and rej.path == "test.warc"


def test_corrupted_gzip_member_is_skipped():
    records = cc_news_records(3)
    members = [gzip.compress(r) for r in records]
    broken = bytearray(members[4])  # the response of story 2
    for i in range(20, 40):
        broken[i] ^= 0x55
    members[4] = bytes(broken)
    items = _run(b"".join(members))
    assert _urls(items) == [URLS[0], URLS[2]]
    assert len(_rejections(items)) == 1


def test_non_seekable_stream():
    data = b"".join(cc_news_records(3))
    items = list(iter_warc(PrefixedReader(io.BytesIO(data[100:]), data[:100])))
    assert _urls(items) == URLS
    # Damage in a pipe cannot be skipped: earlier records are kept and the rest is reported.
    records = cc_news_records(3)
    records.insert(3, b"GARBAGE\r\n")
    items = list(iter_warc(PrefixedReader(io.BytesIO(b"".join(records)))))
    assert _urls(items) == URLS[:1]
    assert "rest of the stream is skipped" in _rejections(items)[0].reason


def test_missing_file_and_not_a_warc(tmp_path):
    [rej] = list(iter_warc(str(tmp_path / "nope.warc")))
    assert isinstance(rej, Rejection) and "cannot open" in rej.reason
    items = _run(b"just some text\n" * 50)
    assert _docs(items) == [] and len(_rejections(items)) == 1


class _CountingReader(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self._buf = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, pos: int, whence: int = 0) -> int:
        return self._buf.seek(pos, whence)

    def tell(self) -> int:
        return self._buf.tell()

    def readinto(self, b) -> int:
        data = self._buf.read(len(b))
        b[: len(data)] = data
        self.consumed += len(data)
        return len(data)


def test_streams_record_by_record():
    body = b"<html><body>" + b"<p>filler text</p>" * 3000 + b"</body></html>"
    records = [warcinfo()] + [response(f"https://x.org/{i}", body) for i in range(200)]
    data = b"".join(records)
    reader = _CountingReader(data)
    items = iter_warc(reader)
    first = next(items)
    assert isinstance(first, RawDocument)
    assert reader.consumed < len(data) / 10


# -- property tests -------------------------------------------------------------

_GOOD = b"".join(cc_news_records(3))
_GOOD_GZ = gzip_members(cc_news_records(3))


def _mutate(data: bytes, seed: int, n: int) -> bytes:
    rng = random.Random(seed)
    buf = bytearray(data)
    for _ in range(n):
        op = rng.randrange(4)
        pos = rng.randrange(len(buf) + 1) if buf else 0
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rng.randrange(256)
        elif op == 1:
            del buf[pos : pos + rng.randrange(1, 200)]
        elif op == 2:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50)))
        else:
            # Insert a plausible-looking but wrong header line.
            buf[pos:pos] = rng.choice(
                [
                    b"Content-Length: 99999999999\r\n",
                    b"WARC/1.0\r\n",
                    b"\r\n\r\n",
                    b"Content-Length: -5\r\n",
                    b"\x1f\x8b\x08",
                ]
            )
    return bytes(buf)


def _check(items):
    for item in items:
        assert isinstance(item, (RawDocument, Rejection))
        if isinstance(item, RawDocument):
            assert item.data and item.kind is DocumentKind.HTML
        else:
            assert item.reason


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 6), gz=st.booleans())
def test_mutated_warc_never_crashes(seed, n, gz):
    data = _mutate(_GOOD_GZ if gz else _GOOD, seed, n)
    _check(_run(data))


@settings(max_examples=100, deadline=2000)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data):
    _check(_run(b"WARC/1.0\r\n" + data))


def test_request_records_do_not_become_documents():
    items = _run(warcinfo() + request(URLS[0]) + response(URLS[0], page(1)))
    assert _urls(items) == [URLS[0]]


def _fastwarc_written(records: list[tuple[str, bytes]], gzip_stream: bool) -> bytes:
    """A WARC written by fastwarc's own writer: checks we read more than our own hand-made bytes."""
    from fastwarc.stream_io import GzipWriter
    from fastwarc.warc import WarcRecord, WarcRecordType

    raw = io.BytesIO()
    writer = GzipWriter(raw) if gzip_stream else raw
    for uri, body in records:
        http = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)
            + body
        )
        rec = WarcRecord()
        rec.init_headers(WarcRecordType.response, content_length=len(http))
        rec.headers.append("WARC-Target-URI", uri)
        rec.headers.append("Content-Type", "application/http; msgtype=response")
        rec.set_bytes_content(http)
        rec.write(writer)
    if gzip_stream:
        writer.close()
    return raw.getvalue()


@pytest.mark.parametrize("gzip_stream", [False, True])
def test_warc_written_by_fastwarc(gzip_stream):
    pages = [(f"https://x.org/{i}", page(i) * 50) for i in range(20)]
    data = _fastwarc_written(pages, gzip_stream)
    items = _run(data)
    assert _rejections(items) == []
    assert [(d.url, d.data) for d in _docs(items)] == pages
    cut = _run(data[: len(data) * 2 // 3])
    assert _docs(cut) and len(_docs(cut)) < len(pages)
    assert _rejections(cut), "a cut-off file must be reported"
