"""detect_kind(): WARC, HTML or text, and refusal of binary data."""

from __future__ import annotations

import gzip
import os

import pytest

from newsledger.errors import UnsupportedInput
from newsledger.model import DocumentKind
from newsledger.sources.detect import detect_kind
from warc_factory import cc_news_records, gzip_members

HTML = DocumentKind.HTML
TEXT = DocumentKind.TEXT


def test_warc_plain_and_gzipped():
    data = b"".join(cc_news_records(1))
    assert detect_kind(data) is DocumentKind.WARC
    assert detect_kind(gzip_members(cc_news_records(1))) is DocumentKind.WARC


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body>x</body></html>",
        b"\n\n  <!doctype HTML>\n<title>x</title>",
        b"<?xml version='1.0'?>\n<!-- saved -->\n<html xmlns='http://www.w3.org/1999/xhtml'>",
        b"<html lang=en>",
        b"\xef\xbb\xbf<!doctype html><p>bom</p>",
        "<!doctype html><p>wide</p>".encode("utf-16"),
        "<html><body><p>wide, no BOM</p></body></html>".encode("utf-16-le"),
        b"Some intro text\n<head><title>late head</title></head>",
        b"<div><p>fragment</p><a href=x>link</a><span>s</span><br><img src=y></div>",
    ],
)
def test_html(data):
    assert detect_kind(data) is HTML


@pytest.mark.parametrize(
    "data",
    [
        b"Blinken meets Netanyahu\n\nBy Staff\nPublished On 3 Nov 2023\n\nThe US top diplomat said...",
        b"Prices rose 3% when x < y and y > z.",
        "Страница новостей\nПравительство объявило".encode("cp1251"),
        b"Use <b> for bold.",
    ],
)
def test_text(data):
    assert detect_kind(data) is TEXT


def test_extension_hints():
    assert detect_kind(b"Just words, no tags.", "page.html") is HTML
    assert detect_kind(b"Just words, no tags.", "page.HTM.gz") is HTML
    # .txt keeps a dump that mentions tags as text...
    assert detect_kind(b"Story text <p> and <div> and <a> and <span> and <br>", "dump.txt") is TEXT
    # ...but content that plainly is HTML wins.
    assert detect_kind(b"<!doctype html><p>x</p>", "misnamed.txt") is HTML


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n...",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        os.urandom(4096),
        b"\x00" * 100,
        gzip.compress(b"<html>not a warc</html>"),
    ],
)
def test_binary_raises(data):
    with pytest.raises(UnsupportedInput):
        detect_kind(data)


def test_empty_is_text():
    assert detect_kind(b"") is TEXT
