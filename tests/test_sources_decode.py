"""decode(): BOMs, declared charsets, meta tags, detection, binary refusal, speed."""

from __future__ import annotations

import codecs
import gzip
import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.errors import DecodeError
from newsledger.sources.decode import binary_reason, decode, normalize_charset

TEXT = "Café “quoted” — naïve façade, 10 €"


@pytest.mark.parametrize(
    "bom,codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_wins_over_everything(bom, codec):
    data = bom + f"<p>{TEXT}</p>".encode(codec)
    # Even a contradicting header loses to the BOM.
    assert decode(data, "text/html; charset=iso-8859-1") == f"<p>{TEXT}</p>"


def test_http_charset_then_meta():
    data = f"<p>{TEXT}</p>".encode("cp1252")
    assert decode(data, "text/html; charset=windows-1252") == f"<p>{TEXT}</p>"
    assert decode(data, 'text/html; charset="ISO-8859-1"') == f"<p>{TEXT}</p>"
    meta = b'<html><head><meta charset="windows-1252"></head>' + data
    assert TEXT in decode(meta)
    equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' + data
    assert TEXT in decode(equiv)


def test_http_header_beats_meta():
    body = "<p>Ёлка и новости</p>".encode("koi8-r")
    data = b'<meta charset="windows-1251">' + body
    assert "Ёлка и новости" in decode(data, "text/html; charset=koi8-r")


def test_cjk_declared_charsets():
    jp = "日本語のニュース記事です。"
    assert jp in decode(f'<meta charset="shift_jis"><p>{jp}</p>'.encode("cp932"))
    zh = "中国新闻报道内容"
    # gb2312 is read as its superset gb18030, as browsers do.
    assert zh in decode(f"<p>{zh}</p>".encode("gb18030"), "text/html; charset=gb2312")
    ko = "한국어 뉴스 기사"
    assert ko in decode(f'<meta charset="euc-kr"><p>{ko}</p>'.encode("cp949"))


def test_wrong_single_byte_declaration_loses_to_valid_utf8():
    data = f'<meta charset="iso-8859-1"><p>{TEXT}</p>'.encode()
    assert TEXT in decode(data)
    assert TEXT in decode(data, "text/html; charset=latin1")


def test_wrong_utf8_declaration_falls_back_to_detection():
    data = ("<p>" + TEXT * 20 + "</p>").encode("cp1252")
    assert TEXT in decode(data, "text/html; charset=utf-8")


def test_a_few_broken_bytes_keep_the_declared_charset():
    data = ("<p>" + "Grüße aus Köln. " * 200 + "</p>").encode() + b"\xff"
    text = decode(data, "text/html; charset=utf-8")
    assert "Grüße aus Köln." in text and text.count("\ufffd") == 1


def test_undeclared_detection():
    assert decode(f"<p>{TEXT}</p>".encode()) == f"<p>{TEXT}</p>"
    assert decode(f"<p>{TEXT}</p>".encode("cp1252")) == f"<p>{TEXT}</p>"
    ru = "Правительство объявило о новых мерах поддержки экономики. " * 10
    assert ru.strip() in decode(ru.encode("cp1251"))


def test_utf16_without_bom():
    html = "<html><body><p>Hello, world</p></body></html>"
    assert decode(html.encode("utf-16-le")) == html
    assert decode(html.encode("utf-16-be")) == html


def test_nuls_and_controls_stripped():
    assert decode(b"<p>he\x00llo \x01wor\x00ld</p>") == "<p>hello world</p>"
    assert decode(b"a\tb\nc\r\nd\x0ce") == "a\tb\nc\r\nd\x0ce"


def test_unknown_or_dangerous_labels_ignored():
    assert normalize_charset("no-such-charset") is None
    assert normalize_charset("rot13") is None  # not a text encoding
    assert normalize_charset("base64") is None
    assert normalize_charset("ISO-8859-1") == "cp1252"
    assert normalize_charset("GB2312") == "gb18030"
    assert decode(b"<p>plain</p>", "text/html; charset=x-bogus") == "<p>plain</p>"
    assert decode(b'<meta charset="rot13"><p>plain</p>') == '<meta charset="rot13"><p>plain</p>'


@pytest.mark.parametrize(
    "data,what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (gzip.compress(b"<p>hi</p>"), "gzip"),
        (b"\x00" * 500, "NUL"),
    ],
)
def test_binary_magic_raises(data, what):
    with pytest.raises(DecodeError, match=what):
        decode(data)


def test_random_bytes_are_binary():
    data = os.urandom(20_000)
    assert binary_reason(data) is not None
    with pytest.raises(DecodeError):
        decode(data)


def test_empty_and_tiny():
    assert decode(b"") == ""
    assert decode(b"x") == "x"
    assert binary_reason(b"") is None


def test_fifty_megabytes_fast():
    page = (
        "<html><body>"
        + "<p>Une phrase française, avec des accents.</p>\n" * 1_100_000
        + "</body></html>"
    )
    for data, ctype in [
        (page.encode(), None),
        (page.encode("cp1252"), None),
        (page.encode("cp1252"), "text/html; charset=utf-8"),
    ]:
        assert len(data) > 50_000_000
        start = time.monotonic()
        text = decode(data, ctype)
        assert time.monotonic() - start < 10
        assert text.startswith("<html><body><p>Une phrase française")


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=4000),
    st.sampled_from(
        [
            None,
            "text/html",
            "text/html; charset=utf-8",
            "text/html; charset=shift_jis",
            "text/html; charset=utf-16",
        ]
    ),
)
def test_decode_never_raises_anything_but_decode_error(data, ctype):
    try:
        text = decode(data, ctype)
    except DecodeError:
        return
    assert isinstance(text, str)
    assert "\x00" not in text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_utf8_text_round_trips(text):
    text = "".join(c for c in text if (c >= " " and c != "\x7f") or c in "\t\n\r\x0c")
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return  # lone surrogates are not text
    if binary_reason(data):
        return
    assert decode(data) == text.lstrip("\ufeff")


def test_every_python_codec_label_is_safe():
    """A page may declare any label; none may crash decode (idna, punycode, escape codecs...)."""
    import encodings.aliases

    labels = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    labels |= {
        "idna",
        "punycode",
        "unicode_escape",
        "raw_unicode_escape",
        "undefined",
        "utf-7",
        "hex",
    }
    samples = [
        b"<p>abc \\x \\u12 \xff\xfe caf\xe9</p>",
        b"xn--abc-.-",
        "日本語".encode(),
        b"+AGEAYgBj-",
    ]
    for label in sorted(labels):
        for sample in samples:
            assert isinstance(decode(sample, f"text/html; charset={label}"), str)
            assert isinstance(decode(f'<meta charset="{label}">'.encode() + sample), str)
    assert normalize_charset("utf-7") is None
