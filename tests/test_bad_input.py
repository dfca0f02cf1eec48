"""Hostile and broken input, end to end: a result or a clear NewsledgerError, quickly, never a crash.

Goes through the public ``newsledger.extract`` and through ``iter_documents`` +
``extract_document``, so every stage (sources, HTML parsing, metadata, body,
text dumps) is exercised on the same bad inputs.
"""

from __future__ import annotations

import gzip
import os
import time

import pytest

import newsledger
from newsledger.errors import InputError, NewsledgerError
from newsledger.extract import extract_document
from newsledger.model import Article
from newsledger.sources.document import RawDocument, Rejection
from newsledger.sources.files import iter_documents

# Small bad inputs must be answered at once; this leaves room for a loaded CI machine.
SMALL_SECONDS = 10.0
# A 50 MB document is decoded, trimmed of scripts/styles and then refused by the size
# policy of newsledger.extract: ~1-3 s on a 2-core machine; the bound leaves room for load.
BIG_SECONDS = 20.0

PARA = b"<p>The minister said the plan would cost more than 9,227 dollars in total, officials said.</p>\n"
TITLE = b"<title>Broken page</title>"


def _paras(n: int) -> bytes:
    """``n`` distinct paragraphs (repeated identical lines would look like boilerplate)."""
    return b"".join(PARA.replace(b"in total", b"in total (item %d)" % i) for i in range(n))


def _page(body: bytes, head: bytes = TITLE) -> bytes:
    return (
        b"<!doctype html><html><head>"
        + head
        + b"</head><body><article>"
        + body
        + b"</article></body></html>"
    )


def _outcome(data: bytes, **kw) -> tuple[Article | NewsledgerError, float]:
    """Extract ``data``; any exception other than a NewsledgerError fails the test."""
    start = time.monotonic()
    try:
        result: Article | NewsledgerError = newsledger.extract(data, **kw)
    except NewsledgerError as exc:
        result = exc
    return result, time.monotonic() - start


def _assert_clear_error(result, kinds=(NewsledgerError,)):
    assert isinstance(result, kinds), f"expected a clear error, got {result!r}"
    assert str(result), "the error must say what is wrong"


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", b"\x00\x00\x00"])
def test_empty_input_is_a_clear_error(data):
    result, seconds = _outcome(data)
    _assert_clear_error(result, InputError)
    assert seconds < SMALL_SECONDS


@pytest.mark.parametrize(
    "data",
    [
        os.urandom(200_000),
        b"\x89PNG\r\n\x1a\n" + os.urandom(5000),
        b"%PDF-1.5\n" + os.urandom(5000),
        gzip.compress(_page(PARA)),
        bytes(range(256)) * 100,
    ],
)
def test_binary_junk_is_a_clear_input_error(data):
    result, seconds = _outcome(data)
    _assert_clear_error(result, InputError)
    assert seconds < SMALL_SECONDS


def test_invalid_utf8_gives_an_article():
    broken = _paras(10).replace(b"minister", b"minist\xe8re \xc3\x28 \xff")
    for data in (_page(broken, TITLE + b'<meta charset="utf-8">'), _page(broken), broken):
        result, seconds = _outcome(data)
        assert isinstance(result, Article), result
        assert "9,227 dollars" in result.text
        assert seconds < SMALL_SECONDS


def test_nul_ridden_page_gives_clean_text():
    data = _page(_paras(10)).replace(b" ", b" \x00").replace(b"<p>", b"<p>\x00\x00")
    result, seconds = _outcome(data)
    assert isinstance(result, Article), result
    assert "\x00" not in result.text
    assert "9,227 dollars" in result.text
    assert result.title == "Broken page"
    assert seconds < SMALL_SECONDS


def test_utf16_page_without_bom():
    data = _page(_paras(5)).decode().encode("utf-16-le")
    result, seconds = _outcome(data)
    assert isinstance(result, Article), result
    assert "9,227 dollars" in result.text
    assert seconds < SMALL_SECONDS


def test_text_dump_with_junk_bytes():
    data = b"Broken dump\n\n" + (
        b"Officials said the toll rose to 120 \x81\x8d people.\x00\n\n" * 20
    )
    result, seconds = _outcome(data, kind="text")
    assert isinstance(result, (Article, NewsledgerError))
    assert seconds < SMALL_SECONDS


@pytest.mark.parametrize("shape", ["closed", "unclosed", "inline", "table"])
def test_html_nested_100000_levels(shape):
    depth = 100_000
    if shape == "closed":
        body = b"<div>" * depth + PARA + b"</div>" * depth
    elif shape == "unclosed":
        body = b"<div><span>" * (depth // 2) + PARA
    elif shape == "inline":
        body = b"<b>" * depth + PARA + b"</b>" * depth
    else:
        body = b"<table><tr><td>" * (depth // 3) + PARA + b"</td></tr></table>" * (depth // 3)
    result, seconds = _outcome(_page(body))
    assert isinstance(result, (Article, NewsledgerError))
    if isinstance(result, NewsledgerError):
        _assert_clear_error(result)
    assert seconds < SMALL_SECONDS


@pytest.fixture(scope="module")
def fifty_mb_page() -> bytes:
    return _page(PARA * (50_000_000 // len(PARA)))


@pytest.mark.slow
def test_fifty_megabyte_page(fifty_mb_page):
    assert len(fifty_mb_page) >= 50_000_000
    result, seconds = _outcome(fifty_mb_page)
    assert isinstance(result, (Article, NewsledgerError))
    if isinstance(result, Article):
        assert result.title == "Broken page"
        assert result.text.startswith("The minister said")
    assert seconds < BIG_SECONDS


@pytest.mark.slow
def test_fifty_megabyte_text_dump():
    line = b"The minister said the plan would cost more than 9,227 dollars, officials said.\n\n"
    data = b"Huge dump\n\n" + line * (50_000_000 // len(line))
    result, seconds = _outcome(data, kind="text")
    assert isinstance(result, (Article, NewsledgerError))
    assert seconds < BIG_SECONDS


def test_bad_files_through_iter_documents(tmp_path):
    files = {
        "a-empty.html": b"",
        "b-junk.bin": os.urandom(50_000),
        "c-invalid-utf8.html": _page(_paras(5).replace(b"minister", b"minist\xe8re\xff")),
        "d-nul.html": _page(_paras(5)).replace(b" ", b" \x00"),
        "e-deep.html": _page(b"<div>" * 100_000 + PARA + b"</div>" * 100_000),
        "f-png.html": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "g-truncated.html.gz": gzip.compress(_page(_paras(50)))[:-200],
        "h-dump.txt": b"Headline here\n\n" + _paras(5).replace(b"<p>", b"").replace(b"</p>", b"\n"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    start = time.monotonic()
    outcomes: dict[str, str] = {}
    for item in iter_documents([str(tmp_path)]):
        name = os.path.basename(item.path)
        if isinstance(item, Rejection):
            assert item.reason
            outcomes[name] = "rejected"
            continue
        assert isinstance(item, RawDocument)
        try:
            extract_document(item)
            outcomes[name] = "article"
        except NewsledgerError as exc:
            assert str(exc)
            outcomes[name] = "error"
    assert time.monotonic() - start < SMALL_SECONDS * 2
    assert set(outcomes) == set(files)
    assert outcomes["a-empty.html"] == "rejected"
    assert outcomes["b-junk.bin"] == "rejected"
    assert outcomes["f-png.html"] == "rejected"
    assert outcomes["c-invalid-utf8.html"] == "article"
    assert outcomes["d-nul.html"] == "article"
    assert outcomes["h-dump.txt"] == "article"
