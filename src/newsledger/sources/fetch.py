"""Fetch pages over HTTP(S), politely: a named user agent, robots.txt, per-host pacing,
timeouts, bounded retries with backoff, a redirect limit and a size cap.

Every URL yields exactly one :class:`RawDocument` or one :class:`Rejection`.
"""

from __future__ import annotations

import email.utils
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsledger._version import __version__
from newsledger.errors import FetchError, UnsupportedInput
from newsledger.model import DocumentKind
from newsledger.sources.detect import detect_kind
from newsledger.sources.document import RawDocument, Rejection
from newsledger.sources.limits import MAX_DOCUMENT_BYTES
from newsledger.sources.robots import MAX_ROBOTS_BYTES, RobotsCache

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_USER_AGENT", "Fetcher", "fetch_url", "fetch_urls"]

DEFAULT_USER_AGENT = f"newsledger/{__version__} (+https://github.com/newsledger/newsledger)"
# Read timeout per network operation; news sites answer well within this.
DEFAULT_TIMEOUT = 20.0
# Connecting takes a round trip or two; a host that cannot connect in this long is down.
CONNECT_TIMEOUT = 10.0
# A whole download may take this many read timeouts: stops a server that trickles
# bytes forever without ever tripping the per-read timeout.
TOTAL_TIMEOUT_FACTOR = 3.0
# Retries after the first try, on 5xx, 429, timeouts and connection failures.
DEFAULT_RETRIES = 2
# First backoff delay in seconds; it doubles on each retry.
DEFAULT_BACKOFF = 1.0
# Seconds between two requests to the same host: one page a second is polite.
DEFAULT_PER_HOST_DELAY = 1.0
# Browsers stop at 20; a news article needs at most a few (http->https, amp, canonical).
DEFAULT_MAX_REDIRECTS = 5
# A Retry-After (or Crawl-delay) longer than this is not waited for: the URL is
# rejected instead of stalling a whole run.
MAX_WAIT_SECONDS = 60.0

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_TEXT_TYPES = ("text/", "application/xhtml+xml", "application/xml", "application/rss+xml")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


class _Retry(Exception):
    """Internal: this attempt failed in a way worth retrying."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.wait = wait


@dataclass
class _Response:
    status: int
    url: str
    headers: httpx.Headers
    body: bytes


class Fetcher:
    """A polite HTTP client: one per run, so robots.txt and pacing are shared across URLs."""

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        per_host_delay: float = DEFAULT_PER_HOST_DELAY,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        max_bytes: int = MAX_DOCUMENT_BYTES,
        respect_robots: bool = True,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = max(0.0, backoff)
        self.per_host_delay = max(0.0, per_host_delay)
        self.max_redirects = max(0, max_redirects)
        self.max_bytes = max_bytes
        self.respect_robots = respect_robots
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            headers={
                "User-Agent": user_agent,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
            },
            timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
            follow_redirects=False,  # redirects are followed here, checking each hop
            # Honour HTTP(S)_PROXY / NO_PROXY / SSL_CERT_FILE like curl and wget do.
            trust_env=True,
        )
        self._robots = RobotsCache(self._get_robots)

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- pacing and robots -------------------------------------------------

    def _pace(self, url: str) -> None:
        origin = _origin(url)
        delay = self.per_host_delay
        if self.respect_robots and not url.endswith("/robots.txt"):
            crawl_delay = self._robots.rules(origin).crawl_delay(self.user_agent)
            if crawl_delay:
                delay = max(delay, min(crawl_delay, MAX_WAIT_SECONDS))
        last = self._last_request.get(origin)
        if last is not None:
            wait = last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        self._last_request[origin] = time.monotonic()

    def _get_robots(self, url: str) -> tuple[int | None, bytes]:
        try:
            response = self._request(
                url, max_bytes=MAX_ROBOTS_BYTES, redirects=self.max_redirects, check_robots=False
            )
        except FetchError as exc:
            log.info("robots.txt unavailable at %s: %s", url, exc)
            return None, b""
        return response.status, response.body

    # -- one request ---------------------------------------------------------

    def _once(self, url: str, max_bytes: int) -> _Response:
        self._pace(url)
        allowed = self.timeout * TOTAL_TIMEOUT_FACTOR
        deadline = time.monotonic() + allowed
        try:
            with self._client.stream("GET", url) as response:
                status = response.status_code
                if status in RETRY_STATUSES:
                    raise _Retry(
                        f"HTTP {status}", _retry_after(response.headers.get("Retry-After"))
                    )
                length = response.headers.get("Content-Length", "")
                if status < 300 and length.isdigit() and int(length) > max_bytes:
                    raise FetchError(
                        f"response of {length} bytes exceeds the {max_bytes}-byte limit"
                    )
                body = bytearray()
                if status < 300:
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise FetchError(f"response exceeds the {max_bytes}-byte limit")
                        if time.monotonic() > deadline:
                            raise _Retry(f"download took longer than {allowed:.1f} s")
                return _Response(status, str(response.url), response.headers, bytes(body))
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out ({type(exc).__name__})") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise _Retry(f"connection failed ({exc})") from None
        except httpx.DecodingError as exc:
            raise FetchError(f"undecodable response body ({exc})") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP error ({exc})") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"malformed URL ({exc})") from None

    def _with_retries(self, url: str, max_bytes: int) -> _Response:
        attempt = 0
        while True:
            try:
                return self._once(url, max_bytes)
            except _Retry as retry:
                if attempt >= self.retries:
                    raise FetchError(f"{retry} (after {attempt + 1} tries)") from None
                wait = self.backoff * (2**attempt)
                if retry.wait is not None:
                    if retry.wait > MAX_WAIT_SECONDS:
                        raise FetchError(
                            f"{retry}: server asks to retry after {retry.wait:.0f} s"
                        ) from None
                    wait = max(wait, retry.wait) if retry.wait > 0 else retry.wait
                log.info("%s: %s; retrying in %.1f s", url, retry, wait)
                time.sleep(wait)
                attempt += 1

    def _request(
        self, url: str, *, max_bytes: int, redirects: int, check_robots: bool
    ) -> _Response:
        seen: set[str] = set()
        current = url
        while True:
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https"):
                raise FetchError(f"unsupported URL scheme {parts.scheme!r} (only http and https)")
            if not parts.hostname:
                raise FetchError("URL without a host")
            if check_robots and self.respect_robots:
                rules = self._robots.rules(_origin(current))
                if not rules.allowed(self.user_agent, current):
                    raise FetchError(f"robots.txt disallows {current}")
            seen.add(current)
            response = self._with_retries(current, max_bytes)
            if response.status not in REDIRECT_STATUSES:
                return response
            location = response.headers.get("Location")
            if not location:
                raise FetchError(f"HTTP {response.status} redirect without a Location")
            target = urljoin(current, location.strip())
            if target in seen:
                raise FetchError(f"redirect loop at {target}")
            if len(seen) > redirects:
                raise FetchError(f"more than {redirects} redirects")
            current = target

    # -- public --------------------------------------------------------------

    def fetch(self, url: str) -> RawDocument:
        """Fetch one page; raises :class:`FetchError` (or :class:`UnsupportedInput`) when it cannot."""
        url = url.strip()
        try:
            response = self._request(
                url, max_bytes=self.max_bytes, redirects=self.max_redirects, check_robots=True
            )
        except ValueError as exc:  # malformed URL (bad port, bad IPv6 literal...)
            raise FetchError(f"malformed URL ({exc})") from None
        if not 200 <= response.status < 300:
            raise FetchError(f"HTTP {response.status}")
        content_type = response.headers.get("Content-Type")
        mime = (content_type or "").split(";", 1)[0].strip().lower()
        if mime and not mime.startswith(_TEXT_TYPES):
            raise UnsupportedInput(f"not a web page: content type {mime}")
        if not response.body.strip():
            raise FetchError("empty response body")
        kind = detect_kind(response.body)
        if mime in ("text/html", "application/xhtml+xml"):
            kind = DocumentKind.HTML
        if kind is DocumentKind.WARC:
            raise UnsupportedInput("a WARC archive was served; download it and read it as a file")
        return RawDocument(
            data=response.body,
            kind=kind,
            url=response.url,
            content_type=content_type,
            date=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        )


def fetch_url(url: str, **options) -> RawDocument:
    """Fetch one page with a fresh :class:`Fetcher` (``options`` as for :func:`fetch_urls`)."""
    with Fetcher(**options) as fetcher:
        return fetcher.fetch(url)


def fetch_urls(
    urls: Iterable[str],
    *,
    user_agent: str = DEFAULT_USER_AGENT,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    per_host_delay: float = DEFAULT_PER_HOST_DELAY,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    respect_robots: bool = True,
) -> Iterator[RawDocument | Rejection]:
    """Fetch each URL in turn, yielding a :class:`RawDocument` or a :class:`Rejection` per URL.

    Only http and https are fetched. robots.txt is honoured per host (unless
    ``respect_robots`` is false), requests to one host are spaced by
    ``per_host_delay`` seconds (or the site's Crawl-delay), 5xx/429/timeouts are
    retried ``retries`` times with exponential backoff (honouring Retry-After).
    """
    with Fetcher(
        user_agent=user_agent,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        per_host_delay=per_host_delay,
        max_redirects=max_redirects,
        max_bytes=max_bytes,
        respect_robots=respect_robots,
    ) as fetcher:
        for url in urls:
            url = url.strip()
            if not url:
                continue
            try:
                yield fetcher.fetch(url)
            except (FetchError, UnsupportedInput) as exc:
                yield Rejection(str(exc), url=url)
