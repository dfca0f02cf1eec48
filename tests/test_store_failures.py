"""Bad input is recorded in ``failures`` and the run goes on: damaged WARCs, huge files, bad URLs."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
import uuid

import pytest

from newsledger.sources.document import RawDocument, Rejection
from newsledger.store.db import connect
from newsledger.store.ingest import ingest, ingest_items

PAGE = (
    "<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
    "<p>This is paragraph one of story number {n}, about the harbour and its ferries.</p>"
    "<p>Officials said the service would resume on Monday after repairs to pier {n}.</p>"
    "</article></body></html>"
)


def _record(n: int, *, lie_about_length: int = 0) -> bytes:
    body = PAGE.format(n=n).encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/{n}\r\n"
        f"WARC-Date: 2023-11-0{n % 9 + 1}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.UUID(int=n)}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + lie_about_length}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _rows(db, sql):
    conn = connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_truncated_warc_and_wrong_length_record_are_failures(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = corpus / "good.warc"
    good.write_bytes(_record(1) + _record(2))
    full = _record(3) + _record(4) + _record(5)
    (corpus / "truncated.warc").write_bytes(full[: len(full) - 200])
    (corpus / "wrong-length.warc").write_bytes(
        _record(6) + _record(7, lie_about_length=-40) + _record(8)
    )
    (corpus / "truncated.warc.gz").write_bytes(gzip.compress(_record(9) + _record(10))[:-30])
    db = tmp_path / "l.db"
    stats = ingest([str(corpus)], db=db, analysis=False)
    assert stats.failed >= 3
    failed_paths = {r[0] for r in _rows(db, "SELECT path FROM failures")}
    for name in ("truncated.warc", "wrong-length.warc", "truncated.warc.gz"):
        assert any(p and p.endswith(name) for p in failed_paths), (name, failed_paths)
    urls = {r[0] for r in _rows(db, "SELECT url FROM documents")}
    # Every intact record made it in, whatever happened around it.
    for n in (1, 2, 3, 4, 6, 9):
        assert f"https://news.example/{n}" in urls, (n, urls)
    # A second run adds no rows anywhere.
    before = [
        _rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in ("documents", "articles", "failures")
    ]
    again = ingest([str(corpus)], db=db, analysis=False)
    assert again.ingested == 0
    assert [
        _rows(db, f"SELECT COUNT(*) FROM {t}")[0][0] for t in ("documents", "articles", "failures")
    ] == before


def test_a_200_mb_document_is_a_failure_and_nothing_else_is_lost(tmp_path):
    # The ledger sits inside the folder being ingested: its own files must be skipped.
    (tmp_path / "a.html").write_text(PAGE.format(n=1), encoding="utf-8")
    with open(tmp_path / "huge.html", "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: costs no disk, still 200 MB to a reader
    (tmp_path / "z.html").write_text(PAGE.format(n=2), encoding="utf-8")
    db = tmp_path / "l.db"
    start = time.monotonic()
    stats = ingest([str(tmp_path)], db=db, analysis=False)
    assert time.monotonic() - start < 60
    assert stats.failed == 1
    reason = _rows(db, "SELECT reason FROM failures WHERE path LIKE '%huge.html'")
    assert reason and ("bytes" in reason[0][0] or "large" in reason[0][0])
    assert _rows(db, "SELECT COUNT(*) FROM documents")[0][0] == 2


def test_rejections_and_internal_errors_become_failures(tmp_path, monkeypatch):
    from newsledger.errors import ExtractionError
    from newsledger.store import ingest as ingest_mod

    def fake_process(raw, analysis):
        if b"boom" in raw.data:
            return ingest_mod.Processed(
                None,
                None,
                ingest_mod.Failure(
                    "extract",
                    ingest_mod._reason(RuntimeError("boom")),
                    document=raw.id,
                    path=raw.path,
                ),
                False,
            )
        if b"empty" in raw.data:
            return ingest_mod.Processed(
                None,
                None,
                ingest_mod.Failure(
                    "extract",
                    ingest_mod._reason(ExtractionError("no article text")),
                    document=raw.id,
                ),
                False,
            )
        return ingest_mod.Processed(None, None, None, False)

    monkeypatch.setattr(ingest_mod, "process_document", fake_process)
    from newsledger.model import DocumentKind

    items = [
        Rejection("cannot open WARC file", path="/x.warc"),
        RawDocument(data=b"boom", kind=DocumentKind.TEXT, path="/b.txt"),
        RawDocument(data=b"empty", kind=DocumentKind.TEXT, path="/e.txt"),
        RawDocument(data=b"fine", kind=DocumentKind.TEXT, path="/f.txt"),
        RawDocument(data=b"fine", kind=DocumentKind.TEXT, path="/f-again.txt"),
    ]
    stats = ingest_items(items, db=tmp_path / "l.db", analysis=False)
    assert (stats.failed, stats.duplicates) == (3, 1)
    reasons = dict(_rows(tmp_path / "l.db", "SELECT stage || ':' || key, reason FROM failures"))
    assert reasons["source:/x.warc"] == "cannot open WARC file"
    assert any(v.startswith("internal error: RuntimeError") for v in reasons.values())
    assert _rows(tmp_path / "l.db", "SELECT COUNT(*) FROM documents")[0][0] == 3


# -- URLs: a local server only ------------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802 (http.server API)
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif self.path.startswith("/slow"):
            time.sleep(6)
            self.send_response(200)
            self.end_headers()
        elif self.path == "/robots.txt":
            self.send_response(404)
            self.end_headers()
        else:
            body = PAGE.format(n=42).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture()
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_timeouts_and_redirect_loops_are_failures(tmp_path, server):
    pytest.importorskip(
        "newsledger.sources.fetch", reason="the fetcher (sources.fetch) is not there yet"
    )
    db = tmp_path / "l.db"
    urls = [f"{server}/ok", f"{server}/loop", f"{server}/slow"]
    start = time.monotonic()
    stats = ingest(
        [],
        db=db,
        urls=urls,
        analysis=False,
        fetch_options={"timeout": 1.0, "per_host_delay": 0.0, "retries": 0},
    )
    assert time.monotonic() - start < 60
    assert stats.failed == 2
    failed = {r[0] for r in _rows(db, "SELECT url FROM failures")}
    assert any("/loop" in u for u in failed) and any("/slow" in u for u in failed)
    assert [r[0] for r in _rows(db, "SELECT url FROM documents")] == [f"{server}/ok"]


def test_cli_ingest_urls_file(tmp_path, server):
    from click.testing import CliRunner

    from newsledger.cli import cli

    urls = tmp_path / "urls.txt"
    urls.write_text(f"# a comment\n{server}/ok\n\n{server}/loop\n", encoding="utf-8")
    db = tmp_path / "l.db"
    r = CliRunner().invoke(
        cli,
        ["ingest", "--urls", str(urls), "--db", str(db), "--no-analysis", "--fetch-timeout", "2"],
        catch_exceptions=False,
    )
    assert r.exit_code == 0, r.output
    assert "ingested 1, duplicates 0, failed 1" in r.output
    assert [row[0] for row in _rows(db, "SELECT url FROM failures")] == [f"{server}/loop"]
