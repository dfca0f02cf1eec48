"""parse_html: every input gives a tree or a clear InputError, fast."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.errors import InputError
from newsledger.extract import htmlparse
from newsledger.extract.htmlparse import parse_html


def _timed(html: str):
    t0 = time.perf_counter()
    tree = parse_html(html)
    return tree, time.perf_counter() - t0


def test_plain_page():
    tree = parse_html(
        "<html><head><title>T</title></head><body><p>Hello <b>world</b></p></body></html>"
    )
    assert tree.tag == "html"
    assert tree.find("body").text_content() == "Hello world"


def test_nul_and_control_characters_are_stripped():
    tree = parse_html("<p>a\x00b\x01c\x1fd\x7fe\tf</p>")
    assert tree.text_content() == "abcde\tf"


@pytest.mark.parametrize("html", ["", "   \n\t  ", "\x00\x00\x01", "\ufeff  "])
def test_empty_input_is_a_clear_error(html):
    with pytest.raises(InputError, match="empty"):
        parse_html(html)


def test_comment_only_input_is_a_clear_error():
    with pytest.raises(InputError):
        parse_html("<!-- nothing here -->")


def test_bytes_are_refused():
    with pytest.raises(InputError, match="str"):
        parse_html(b"<p>x</p>")  # type: ignore[arg-type]


def test_too_large_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(htmlparse, "MAX_HTML_CHARS", 1000)
    with pytest.raises(InputError, match="too large"):
        parse_html("<p>" + "x" * 2000 + "</p>")


def test_xml_declaration_in_text():
    tree = parse_html(
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<html><body><p>Grüße</p></body></html>'
    )
    assert "Grüße" in tree.text_content()


def test_broken_markup_gives_a_tree():
    html = "<div><p>unclosed <b>bold <i>italic</div></table></td><p>next <<>> para</span></html></body>"
    tree, seconds = _timed(html)
    text = tree.text_content()
    assert "unclosed" in text and "next" in text
    assert seconds < 2


def test_deep_nesting_gives_a_tree_quickly():
    depth = 100_000
    html = "<div>" * depth + "deep text" + "</div>" * depth + "<p>after the nest</p>"
    tree, seconds = _timed(html)
    assert tree is not None
    assert seconds < 5
    # libxml2 caps the depth; whatever it kept must be walkable without recursion errors.
    assert sum(1 for _ in tree.iter()) > 100


def test_fifty_megabyte_page_gives_a_tree_quickly():
    para = "<p>" + ("Words of a long paragraph, repeated to fill the page. " * 18) + "</p>\n"
    n = 50_000_000 // len(para) + 1
    html = "<html><body>" + para * n + "</body></html>"
    assert len(html) >= 50_000_000
    tree, seconds = _timed(html)
    assert len(tree.find("body")) >= n
    assert seconds < 15  # ~3 s on an idle core; generous for a shared CI machine


@settings(max_examples=150, deadline=2000)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF)
        | st.sampled_from(list("<>/=\"' ")),
        max_size=300,
    )
)
def test_any_text_gives_a_tree_or_input_error(text):
    try:
        tree = parse_html(text)
    except InputError:
        return
    assert tree is not None
    tree.text_content()


def test_control_characters_after_non_ascii_text_are_stripped():
    tree = parse_html("<p>Grüße\x01 中文\x0c!</p>")
    assert tree.text_content() == "Grüße 中文!"


def test_declared_charset_does_not_change_decoded_text():
    # The page is already text: a <meta charset> naming a single-byte code page must not
    # make the parser re-read it.
    tree = parse_html('<meta charset="iso-8859-1"><p>Grüße — 中文 ✓</p>')
    assert tree.find(".//p").text_content() == "Grüße — 中文 ✓"


def test_lone_surrogate_gives_a_tree():
    tree = parse_html("<p>before</p><p>a\ud800b</p>")
    assert "before" in tree.text_content()
