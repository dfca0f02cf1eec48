"""robots.txt rules per origin, fetched once and cached (RFC 9309 semantics)."""

from __future__ import annotations

import logging
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

__all__ = ["RobotsCache", "RobotsRules"]

# robots.txt files above this size are cut here (RFC 9309 asks crawlers to parse
# at least 500 KiB).
MAX_ROBOTS_BYTES = 512 * 1024


@dataclass
class RobotsRules:
    """The verdict for one origin: a parser, or a blanket allow/deny."""

    parser: urllib.robotparser.RobotFileParser | None = None
    allow_all: bool = False
    deny_all: bool = False

    def allowed(self, user_agent: str, url: str) -> bool:
        """Whether ``user_agent`` may fetch ``url``."""
        if self.deny_all:
            return False
        if self.allow_all or self.parser is None:
            return True
        return self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float | None:
        """The ``Crawl-delay`` for ``user_agent``, if the file sets one."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        try:
            return float(delay) if delay is not None else None
        except (TypeError, ValueError):
            return None


# A robots.txt getter: (url) -> (HTTP status or None when unreachable, body bytes).
RobotsGetter = Callable[[str], tuple[int | None, bytes]]


class RobotsCache:
    """robots.txt rules per ``scheme://host:port``, fetched on first use with ``getter``."""

    def __init__(self, getter: RobotsGetter) -> None:
        self._getter = getter
        self._rules: dict[str, RobotsRules] = {}

    def rules(self, origin: str) -> RobotsRules:
        """The rules of ``origin`` (fetching its robots.txt the first time)."""
        cached = self._rules.get(origin)
        if cached is not None:
            return cached
        status, body = self._getter(origin + "/robots.txt")
        if status is None or status >= 500:
            # RFC 9309: an unreachable robots.txt means "assume complete disallow".
            rules = RobotsRules(deny_all=True)
        elif status >= 400:
            # RFC 9309: a 4xx robots.txt (no file) allows everything.
            rules = RobotsRules(allow_all=True)
        elif status >= 300:
            # Redirects were already followed by the getter; anything left is unusable.
            rules = RobotsRules(allow_all=True)
        else:
            parser = urllib.robotparser.RobotFileParser()
            text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            rules = RobotsRules(parser=parser)
        log.debug("robots.txt for %s: status %s", origin, status)
        self._rules[origin] = rules
        return rules
