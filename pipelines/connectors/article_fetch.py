"""Full text of the pages RSS items link to (`pantau ingest --fetch-articles`, off by default).

Polite by construction: our user agent (PantauBot, with a link to the project), robots.txt
obeyed (fetched once per host; unreachable or 5xx means "do not fetch", RFC 9309), at most one
request per host every `min_interval_s` seconds (or the site's Crawl-delay when larger),
timeouts and a size cap. The main text is extracted with trafilatura (boilerplate, menus and
comments removed). Extracted texts are cached under $PANTAU_HOME/cache/articles/, so rerunning
a day fetches nothing again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from pipelines.connectors.http_fetch import (
    MAX_BYTES,
    USER_AGENT,
    FetchError,
    _write_atomic,
    http_get,
)
from pipelines.settings import Settings

log = logging.getLogger(__name__)

MAX_ARTICLE_CHARS = 50_000
MIN_INTERVAL_S = 1.0  # between two requests to one host (a site's Crawl-delay can raise it)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Article:
    url: str
    text: str | None
    status: str  # "fetched" | "cached" | "robots-disallowed" | "error" | "no-text"
    detail: str = ""


class ArticleFetcher:
    def __init__(self, settings: Settings, cache_dir: Path | None = None,
                 min_interval_s: float | None = None,
                 timeout_s: float = 10.0, max_bytes: int = MAX_BYTES,
                 user_agent: str = USER_AGENT,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.cache_dir = cache_dir
        self.min_interval_s = MIN_INTERVAL_S if min_interval_s is None else min_interval_s
        self.max_crawl_delay_s = settings.fetch_max_crawl_delay_s
        self.deadline_s = settings.fetch_deadline_s
        self.allow_networks = list(settings.fetch_allow_networks)
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self._clock = clock
        self._sleep = sleep
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_error: dict[str, str] = {}  # why a host's robots.txt could not be read
        self._last: dict[str, float] = {}
        self.requests: list[str] = []  # every URL requested, in order (for logs and tests)

    # -- politeness ---------------------------------------------------------------------
    def _wait_turn(self, host: str, interval: float) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _get(self, url: str, host: str, interval: float) -> tuple[int, dict[str, str], bytes]:
        self._wait_turn(host, interval)
        self.requests.append(url)
        response = http_get(url, timeout_s=self.timeout_s, max_bytes=self.max_bytes,
                            user_agent=self.user_agent, deadline_s=self.deadline_s,
                            allow_networks=self.allow_networks)
        return response.status, response.headers, response.body

    def robots(self, url: str) -> RobotFileParser | None:
        """The host's robots.txt rules; None means the host must not be fetched at all."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self._robots:
            return self._robots[origin]
        try:
            status, _headers, body = self._get(origin + "/robots.txt", parts.netloc,
                                               self.min_interval_s)
        except FetchError as exc:
            log.info("robots.txt of %s unreachable (%s): not fetching from it", origin, exc)
            self._robots_error[origin] = str(exc)
            status, body = 0, b""
        if status == 0 or status >= 500:  # unreachable: RFC 9309 says assume complete disallow
            self._robots[origin] = None
            return None
        parser = RobotFileParser(origin + "/robots.txt")
        if status == 200:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        elif status in (401, 403):
            parser.parse(["User-agent: *", "Disallow: /"])
        else:
            parser.parse([])  # no robots.txt (404 …): everything allowed
        self._robots[origin] = parser
        return parser

    def allowed(self, url: str) -> bool:
        parser = self.robots(url)
        return parser is not None and parser.can_fetch(self.user_agent, url)

    def _interval(self, url: str) -> float:
        parser = self._robots.get(_origin(url))
        delay = parser.crawl_delay(self.user_agent) if parser is not None else None
        try:
            asked = float(delay or 0)
        except (TypeError, ValueError):
            asked = 0.0
        # A site may ask for any delay ("Crawl-delay: 100000000"): obeyed up to a cap, past
        # which its pages simply wait their turn at the cap.
        return max(self.min_interval_s, min(asked, self.max_crawl_delay_s))

    # -- cache ----------------------------------------------------------------------------
    def _cache_path(self, url: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / (hashlib.sha1(url.encode("utf-8")).hexdigest() + ".json")

    def _cached(self, url: str) -> str | None:
        path = self._cache_path(url)
        if path is None or not path.exists():
            return None
        try:
            text = json.loads(path.read_text(encoding="utf-8")).get("text")
        except (OSError, ValueError):
            return None
        return text if isinstance(text, str) else None

    def _store(self, url: str, text: str) -> None:
        path = self._cache_path(url)
        if path is not None:
            _write_atomic(path, json.dumps({"url": url, "text": text},
                                           ensure_ascii=False).encode("utf-8"))

    # -- fetch ----------------------------------------------------------------------------
    def fetch(self, url: str) -> Article:
        if urlsplit(url).scheme not in ("http", "https"):
            return Article(url, None, "error", "not an http(s) URL")
        cached = self._cached(url)
        if cached is not None:
            return Article(url, cached, "cached")
        try:
            if not self.allowed(url):
                error = self._robots_error.get(_origin(url))
                if error:  # unreachable or refused (an address inside): say which
                    return Article(url, None, "error", error)
                return Article(url, None, "robots-disallowed")
            status, headers, body = self._get(url, urlsplit(url).netloc, self._interval(url))
        except FetchError as exc:
            return Article(url, None, "error", str(exc))
        except Exception as exc:  # whatever a hostile server does, the item keeps its summary
            return Article(url, None, "error", f"{type(exc).__name__}: {exc}"[:200])
        if status != 200:
            return Article(url, None, "error", f"HTTP {status}")
        content_type = headers.get("content-type", "text/html").lower()
        if not any(t in content_type for t in _HTML_TYPES):
            return Article(url, None, "error", f"not an HTML page ({content_type})")
        text = extract_main_text(body, url)
        if not text:
            return Article(url, None, "no-text")
        text = text[:MAX_ARTICLE_CHARS]
        self._store(url, text)
        return Article(url, text, "fetched")


def extract_main_text(html: bytes | str, url: str | None = None) -> str | None:
    import trafilatura  # heavy (lxml); only when article fetching is switched on

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                                   favor_precision=True)
    except Exception as exc:  # a broken page must not stop the ingest
        log.info("trafilatura failed on %s: %s", url, exc)
        return None
    return text.strip() if isinstance(text, str) and text.strip() else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
