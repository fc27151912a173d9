"""Polite HTTP for feeds: our own user agent, timeouts, a size cap, conditional GET.

`fetch_feed(url, state_dir)` keeps the last body and its validators (ETag, Last-Modified) in
`state_dir`; the next fetch sends If-None-Match / If-Modified-Since, and a 304 answer means the
feed has not changed (nothing is downloaded, nothing needs ingesting).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pipelines.connectors.base import ConnectorError
from pipelines.connectors.rss import slugify

USER_AGENT = "PantauBot/0.1 (+https://github.com/pantau-id/pantau)"
TIMEOUT_S = 20.0
MAX_BYTES = 10 * 1024 * 1024


class FetchError(ConnectorError):
    """The URL could not be fetched (network, HTTP error, too large)."""


@dataclass
class HttpResponse:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


def http_get(url: str, headers: dict[str, str] | None = None, timeout_s: float = TIMEOUT_S,
             max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT) -> HttpResponse:
    """GET with our user agent; HTTP error statuses are returned, network failures raised."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"Only http(s) URLs can be fetched: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": user_agent,
                                                   "Accept-Encoding": "identity",
                                                   **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"{url} is larger than {max_bytes} bytes; not fetched.")
            return HttpResponse(response.geturl(), response.status,
                                {k.lower(): v for k, v in response.headers.items()}, body)
    except urllib.error.HTTPError as exc:  # 304, 404, 5xx … arrive here in urllib
        return HttpResponse(url, exc.code, {k.lower(): v for k, v in (exc.headers or {}).items()},
                            b"")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"Cannot fetch {url}: {reason}") from None


@dataclass
class FeedFetch:
    url: str
    path: Path          # the last body received (also when not modified)
    changed: bool       # False: 304 Not Modified, the stored body is still current
    status: int
    etag: str | None
    last_modified: str | None


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def feed_paths(url: str, state_dir: Path) -> tuple[Path, Path]:
    """(body file, validators file) for a feed URL."""
    # The RSS connector names the source after the file: keep it readable and stable
    # ("https://kabar.example/feed/" -> kabar-example-feed.xml).
    parts = urlsplit(url)
    name = slugify(f"{parts.netloc}{parts.path}{'-' + parts.query if parts.query else ''}")
    if len(name) > 80:
        name = name[:60] + "-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    return state_dir / f"{name}.xml", state_dir / f"{name}.validators.json"


def fetch_feed(url: str, state_dir: Path, timeout_s: float = TIMEOUT_S) -> FeedFetch:
    """Fetch a feed with a conditional GET; store the body and the new validators."""
    body_path, state_path = feed_paths(url, state_dir)
    state: dict[str, str] = {}
    if state_path.exists() and body_path.exists():
        try:
            state = json.loads(state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    response = http_get(url, headers, timeout_s)
    if response.status == 304 and body_path.exists():
        return FeedFetch(url, body_path, False, 304, state.get("etag"),
                         state.get("last_modified"))
    if response.status != 200:
        raise FetchError(f"Cannot fetch {url}: HTTP {response.status}")
    _write_atomic(body_path, response.body)
    new_state = {"url": url, "fetched_at": datetime.now(UTC).isoformat(),
                 "etag": response.headers.get("etag", ""),
                 "last_modified": response.headers.get("last-modified", "")}
    _write_atomic(state_path, json.dumps(new_state, indent=1).encode("utf-8"))
    return FeedFetch(url, body_path, True, 200, new_state["etag"] or None,
                     new_state["last_modified"] or None)
