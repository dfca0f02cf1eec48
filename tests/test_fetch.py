"""fetch_urls against a local HTTP server on 127.0.0.1 (no other network)."""

from __future__ import annotations

import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsledger.errors import FetchError
from newsledger.model import DocumentKind
from newsledger.sources.document import RawDocument, Rejection
from newsledger.sources.fetch import DEFAULT_USER_AGENT, Fetcher, fetch_urls

PAGE = b"<!doctype html><html><head><title>Ok</title></head><body><p>Hello.</p></body></html>"
SLOW_SECONDS = 1.5


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(
        self,
        status: int,
        body: bytes = b"",
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        srv = self.server
        with srv.lock:
            srv.hits.append((self.path, self.headers.get("User-Agent"), time.monotonic()))
        path = self.path
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private\n", "text/plain")
        elif path == "/ok":
            self._send(200, PAGE)
        elif path == "/text":
            self._send(200, b"A plain text dump.\nSecond line.", "text/plain; charset=utf-8")
        elif path == "/gzip":
            body = gzip.compress(PAGE)
            self._send(200, body, headers={"Content-Encoding": "gzip"})
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, PAGE)
        elif path == "/loop/a":
            self._send(302, headers={"Location": "/loop/b"})
        elif path == "/loop/b":
            self._send(302, headers={"Location": "/loop/a"})
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(301, headers={"Location": f"/chain/{n + 1}"})
        elif path == "/to-ok":
            self._send(301, headers={"Location": "/ok"})
        elif path == "/to-ftp":
            self._send(302, headers={"Location": "ftp://example.org/x"})
        elif path == "/flaky":
            with srv.lock:
                srv.flaky += 1
                first = srv.flaky == 1
            if first:
                self._send(503, b"busy", headers={"Retry-After": "0"})
            else:
                self._send(200, PAGE)
        elif path == "/always503":
            self._send(503, b"busy")
        elif path == "/retry-much-later":
            self._send(429, b"slow down", headers={"Retry-After": "3600"})
        elif path == "/private/page":
            self._send(200, PAGE)
        elif path == "/huge":
            # No Content-Length: the size cap must stop the stream itself.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + b"x" * 16_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50_000_000))
            self.end_headers()
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        elif path == "/junk":
            self._send(200, bytes(range(256)) * 20, "text/html")
        else:
            self._send(404, b"not found")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.hits: list[tuple[str, str | None, float]] = []
        self.flaky = 0


@pytest.fixture()
def server(monkeypatch):
    # The fetcher honours proxy variables; the local server must be reached directly.
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    yield base, srv
    srv.shutdown()
    srv.server_close()


FAST = dict(timeout=0.5, retries=1, backoff=0.01, per_host_delay=0.0)


def _one(base: str, path: str, **options) -> RawDocument | Rejection:
    opts = {**FAST, **options}
    results = list(fetch_urls([base + path], **opts))
    assert len(results) == 1
    return results[0]


def test_ok_page_with_user_agent(server):
    base, srv = server
    doc = _one(base, "/ok")
    assert isinstance(doc, RawDocument)
    assert doc.data == PAGE
    assert doc.kind is DocumentKind.HTML
    assert doc.url == base + "/ok"
    assert doc.content_type.startswith("text/html")
    assert doc.date and doc.date.endswith("Z")
    agents = {ua for _, ua, _ in srv.hits}
    assert agents == {DEFAULT_USER_AGENT}
    assert DEFAULT_USER_AGENT.startswith("newsledger/")
    # robots.txt is fetched first, then the page
    assert [p for p, _, _ in srv.hits] == ["/robots.txt", "/ok"]


def test_plain_text_and_gzip_bodies(server):
    base, _ = server
    text = _one(base, "/text")
    assert isinstance(text, RawDocument) and text.kind is DocumentKind.TEXT
    zipped = _one(base, "/gzip")
    assert isinstance(zipped, RawDocument) and zipped.data == PAGE


def test_slow_page_times_out_quickly(server):
    base, _ = server
    start = time.monotonic()
    result = _one(base, "/slow", timeout=0.2, retries=1)
    elapsed = time.monotonic() - start
    assert isinstance(result, Rejection)
    assert "timed out" in result.reason
    assert "2 tries" in result.reason
    assert elapsed < SLOW_SECONDS * 2


def test_redirect_loop_is_rejected(server):
    base, _ = server
    result = _one(base, "/loop/a")
    assert isinstance(result, Rejection)
    assert "redirect loop" in result.reason


def test_redirect_limit(server):
    base, _ = server
    result = _one(base, "/chain/0", max_redirects=3)
    assert isinstance(result, Rejection)
    assert "more than 3 redirects" in result.reason


def test_redirect_followed_and_final_url_kept(server):
    base, _ = server
    doc = _one(base, "/to-ok")
    assert isinstance(doc, RawDocument)
    assert doc.url == base + "/ok"


def test_redirect_to_other_scheme_rejected(server):
    base, _ = server
    result = _one(base, "/to-ftp")
    assert isinstance(result, Rejection) and "scheme" in result.reason


def test_503_then_ok_is_retried(server):
    base, srv = server
    doc = _one(base, "/flaky", retries=2)
    assert isinstance(doc, RawDocument)
    assert [p for p, _, _ in srv.hits].count("/flaky") == 2


def test_persistent_503_gives_up(server):
    base, srv = server
    result = _one(base, "/always503", retries=2)
    assert isinstance(result, Rejection)
    assert "HTTP 503" in result.reason
    assert [p for p, _, _ in srv.hits].count("/always503") == 3


def test_long_retry_after_is_not_waited_for(server):
    base, _ = server
    start = time.monotonic()
    result = _one(base, "/retry-much-later", retries=3)
    assert isinstance(result, Rejection) and "retry after" in result.reason
    assert time.monotonic() - start < 2


def test_robots_disallow(server):
    base, srv = server
    result = _one(base, "/private/page")
    assert isinstance(result, Rejection) and "robots.txt" in result.reason
    assert "/private/page" not in [p for p, _, _ in srv.hits]
    # ... unless the caller turns robots.txt off.
    doc = _one(base, "/private/page", respect_robots=False)
    assert isinstance(doc, RawDocument)


def test_robots_fetched_once_per_host(server):
    base, srv = server
    results = list(fetch_urls([base + "/ok", base + "/text", base + "/ok"], **FAST))
    assert all(isinstance(r, RawDocument) for r in results)
    assert [p for p, _, _ in srv.hits].count("/robots.txt") == 1


def test_huge_body_is_capped(server):
    base, _ = server
    result = _one(base, "/huge", max_bytes=100_000)
    assert isinstance(result, Rejection) and "100000-byte limit" in result.reason
    declared = _one(base, "/huge-declared", max_bytes=100_000)
    assert isinstance(declared, Rejection) and "limit" in declared.reason


def test_non_page_content_rejected(server):
    base, _ = server
    image = _one(base, "/image")
    assert isinstance(image, Rejection) and "image/png" in image.reason
    junk = _one(base, "/junk")
    assert isinstance(junk, Rejection) and "binary" in junk.reason


def test_http_errors_and_bad_urls(server):
    base, _ = server
    results = list(
        fetch_urls([base + "/missing", "ftp://example.org/", "not a url", "http://"], **FAST)
    )
    assert len(results) == 4
    assert all(isinstance(r, Rejection) for r in results)
    assert "HTTP 404" in results[0].reason
    assert "scheme" in results[1].reason


def test_per_host_delay_spaces_requests(server):
    base, srv = server
    delay = 0.3
    results = list(fetch_urls([base + "/ok", base + "/text"], **{**FAST, "per_host_delay": delay}))
    assert all(isinstance(r, RawDocument) for r in results)
    times = [t for p, _, t in srv.hits if p in ("/ok", "/text")]
    assert times[1] - times[0] >= delay * 0.9


def test_fetcher_raises_fetch_error(server):
    base, _ = server
    with Fetcher(**FAST) as fetcher, pytest.raises(FetchError):
        fetcher.fetch(base + "/loop/a")


def test_robots_cache_semantics():
    from newsledger.sources.robots import RobotsCache

    answers = {
        "http://ok/robots.txt": (
            200,
            b"User-agent: newsledger\nDisallow: /x\nCrawl-delay: 2\n\nUser-agent: *\nDisallow: /\n",
        ),
        "http://gone/robots.txt": (404, b""),
        "http://down/robots.txt": (503, b""),
        "http://unreachable/robots.txt": (None, b""),
    }
    calls: list[str] = []

    def getter(url):
        calls.append(url)
        return answers[url]

    cache = RobotsCache(getter)
    ua = DEFAULT_USER_AGENT
    assert cache.rules("http://ok").allowed(ua, "http://ok/a")
    assert not cache.rules("http://ok").allowed(ua, "http://ok/x/1")
    assert not cache.rules("http://ok").allowed("otherbot/1.0", "http://ok/a")
    assert cache.rules("http://ok").crawl_delay(ua) == 2.0
    assert cache.rules("http://gone").allowed(ua, "http://gone/anything")  # RFC 9309: 4xx = allow
    assert not cache.rules("http://down").allowed(ua, "http://down/a")  # 5xx = disallow
    assert not cache.rules("http://unreachable").allowed(ua, "http://unreachable/a")
    assert calls.count("http://ok/robots.txt") == 1


def test_retry_after_parsing():
    from email.utils import formatdate

    from newsledger.sources.fetch import _retry_after

    assert _retry_after("7") == 7.0
    assert _retry_after(None) is None
    assert _retry_after("soon") is None
    later = _retry_after(formatdate(time.time() + 30, usegmt=True))
    assert later is not None and 25 <= later <= 31
    assert _retry_after(formatdate(time.time() - 30, usegmt=True)) == 0.0
