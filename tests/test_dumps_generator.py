"""bench.dumps: the two styles of text dump made from HTML pages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root holds bench/

from bench.dumps import dom_text_dump, iter_dumps, make_dump, rendered_text_dump  # noqa: E402

PAGE = """<!doctype html><html><head><title>T</title><style>p{}</style></head><body>
<nav><a href="/">Home</a><a href="/news">News</a></nav><script>var x = 1;</script>
<h1>Big headline</h1><p>First <b>bold</b>  paragraph.</p><p>Second<br>line</p>
<!-- a comment --><div hidden>Hidden text</div><div style="display: none">Also hidden</div>
<noscript>Enable JS</noscript><template><p>tpl</p></template>
<table><tr><td>a</td><td>b</td></tr></table><footer>© 2024</footer></body></html>"""


def test_dom_dump_is_text_content_glued():
    dump = dom_text_dump(PAGE)
    assert "HomeNews" in dump  # no separator added between elements
    assert "Big headlineFirst bold  paragraph.Second" in dump  # whitespace as in the source
    assert "Hidden text" in dump  # textContent keeps hidden elements
    for gone in ("var x", "p{}", "Enable JS", "tpl", "a comment", "<"):
        assert gone not in dump


def test_rendered_dump_is_inner_text_like():
    dump = rendered_text_dump(PAGE)
    lines = dump.split("\n")
    assert "HomeNews" in lines  # inline links stay on one line
    assert "Big headline" in lines
    assert "First bold paragraph." in lines  # whitespace collapsed
    assert "Second" in lines and "line" in lines  # <br> is a newline
    assert "a\tb" in lines  # table cells
    assert "\n\nFirst bold paragraph.\n\n" in dump  # <p> set off by blank lines
    for gone in ("Hidden text", "Also hidden", "var x", "Enable JS", "tpl"):
        assert gone not in dump


def test_make_dump_rejects_unknown_style():
    with pytest.raises(ValueError):
        make_dump(PAGE, "pdf")


def test_empty_html():
    assert dom_text_dump("") == ""
    assert rendered_text_dump("") == ""


def test_iter_dumps_on_a_tiny_dataset(tmp_path):
    import gzip
    import json

    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (tmp_path / "ground-truth.json").write_text(
        json.dumps({"p1": {"articleBody": "First bold paragraph.", "url": "https://e.x/1"}})
    )
    items = list(iter_dumps(tmp_path, "rendered"))
    assert [(i.id, i.url, i.reference) for i in items] == [
        ("p1", "https://e.x/1", "First bold paragraph.")
    ]
    assert "Big headline" in items[0].text
