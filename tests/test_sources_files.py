"""iter_documents(): files, folders, globs, .gz, WARC, stdin, and everything that can go wrong."""

from __future__ import annotations

import gzip
import io
import os
import sys

import pytest

from newsledger.errors import InputError
from newsledger.model import DocumentKind
from newsledger.sources.document import RawDocument, Rejection
from newsledger.sources.files import iter_documents
from warc_factory import cc_news_records, gzip_members

PAGE = b"<!doctype html><html><body><p>A page.</p></body></html>"
DUMP = b"Headline\n\nBy A Reporter\n\nFirst paragraph of the story."


@pytest.fixture()
def tree(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "b" / "z.txt").write_bytes(DUMP)
    (tmp_path / "b" / "deep" / "c.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "b" / ".secret.html").write_bytes(PAGE)
    (tmp_path / ".hidden" / "x.html").write_bytes(PAGE)
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 10)
    return tmp_path


def _summary(items, root):
    out = []
    for x in items:
        rel = os.path.relpath(x.path, root) if x.path not in (None, "-") else x.path
        out.append(
            (type(x).__name__, rel, x.kind.value if isinstance(x, RawDocument) else x.reason)
        )
    return out


def test_folder_is_recursive_sorted_and_skips_hidden(tree):
    got = _summary(iter_documents([str(tree)]), tree)
    assert got == [
        ("RawDocument", "a.html", "html"),
        ("RawDocument", "b/deep/c.html.gz", "html"),
        ("RawDocument", "b/z.txt", "text"),
        ("Rejection", "empty.html", "empty file"),
        ("Rejection", "junk.bin", got[4][2]),
    ]
    assert "binary" in got[4][2]


def test_gz_document_is_decompressed(tree):
    [doc] = list(iter_documents([str(tree / "b" / "deep" / "c.html.gz")]))
    assert doc.data == PAGE and doc.kind is DocumentKind.HTML


def test_glob_and_missing(tree):
    got = _summary(
        iter_documents([str(tree / "*.html"), str(tree / "nope.html"), str(tree / "zz*")]), tree
    )
    assert got == [
        ("RawDocument", "a.html", "html"),
        ("Rejection", "empty.html", "empty file"),
        ("Rejection", "nope.html", "no such file or folder"),
        ("Rejection", "zz*", "no file matches this pattern"),
    ]
    recursive = [x.path for x in iter_documents([str(tree / "**" / "*.txt")])]
    assert recursive == [str(tree / "b" / "z.txt")]


def test_size_cap_and_gzip_bomb(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b" " * 3_000_000))
    got = list(iter_documents([str(big), str(bomb)], max_bytes=1000))
    assert [type(x) for x in got] == [Rejection, Rejection]
    assert "1000-byte limit" in got[0].reason
    assert "gzip bomb" in got[1].reason


def test_broken_gzip_file(tmp_path):
    path = tmp_path / "broken.html.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"not deflate at all" * 10)
    [rej] = list(iter_documents([str(path)]))
    assert isinstance(rej, Rejection) and "gzip" in rej.reason


def test_warc_files_in_a_folder(tmp_path):
    (tmp_path / "one.warc").write_bytes(b"".join(cc_news_records(2)))
    (tmp_path / "two.warc.gz").write_bytes(gzip_members(cc_news_records(1)))
    docs = list(iter_documents([str(tmp_path)]))
    assert all(isinstance(d, RawDocument) for d in docs)
    assert [(os.path.basename(d.path), d.url.rsplit("/", 1)[1]) for d in docs] == [
        ("one.warc", "story-1.html"),
        ("one.warc", "story-2.html"),
        ("two.warc.gz", "story-1.html"),
    ]
    assert all(d.kind is DocumentKind.HTML and d.date for d in docs)


def test_forced_kind(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    [doc] = list(iter_documents([str(path)], kind="text"))
    assert doc.kind is DocumentKind.TEXT
    junk = tmp_path / "junk"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    [rej] = list(iter_documents([str(junk)], kind="html"))
    assert isinstance(rej, Rejection) and "PNG" in rej.reason
    with pytest.raises(InputError):
        iter_documents([str(path)], kind="pdf")


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(PAGE))
    [doc] = list(iter_documents(["-"]))
    assert doc.data == PAGE and doc.path == "-" and doc.kind is DocumentKind.HTML
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip.compress(DUMP)))
    [doc] = list(iter_documents(["-"]))
    assert doc.data == DUMP and doc.kind is DocumentKind.TEXT
    monkeypatch.setattr(sys, "stdin", _Stdin(b""))
    [rej] = list(iter_documents(["-"]))
    assert isinstance(rej, Rejection) and "empty" in rej.reason


def test_stdin_warc(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip_members(cc_news_records(3))))
    docs = list(iter_documents(["-"]))
    assert len(docs) == 3 and all(isinstance(d, RawDocument) and d.path == "-" for d in docs)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.html"
    path.write_bytes(PAGE)
    path.chmod(0)
    try:
        [rej] = list(iter_documents([str(path)]))
        assert isinstance(rej, Rejection) and "cannot read" in rej.reason
    finally:
        path.chmod(0o600)


def test_not_a_regular_file_and_lazy_paths(tmp_path):
    fifo = tmp_path / "fifo"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        [rej] = list(iter_documents([str(fifo)]))
        assert isinstance(rej, Rejection) and "regular file" in rej.reason
    page = tmp_path / "p.html"
    page.write_bytes(PAGE)

    def paths():
        yield str(page)
        raise AssertionError("paths must be consumed lazily")

    assert isinstance(next(iter_documents(paths())), RawDocument)


def test_permission_error_is_a_rejection(tmp_path, monkeypatch):
    # Works as root too: the open() used by the reader is made to fail.
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    import newsledger.sources.files as files

    monkeypatch.setattr(files, "open", denied, raising=False)
    got = list(iter_documents([str(path), str(path)]))
    assert [type(x) for x in got] == [Rejection, Rejection]
    assert "cannot read: Permission denied" in got[0].reason
