"""Polite, fenced HTTP for feeds and articles: our own user agent, a per-read timeout and a
total deadline, a size cap, conditional GET, and no way inside: every host (every redirect hop)
is resolved and refused when any address is loopback, private, link-local, multicast or
reserved, unless PANTAU_FETCH_ALLOW_NETWORKS lists it (tests use 127.0.0.1/32).

`fetch_feed(url, state_dir, settings)` keeps the last body and its validators (ETag,
Last-Modified) in `state_dir`; the next fetch sends If-None-Match / If-Modified-Since, and a
304 answer means the feed has not changed (nothing is downloaded, nothing needs ingesting).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import json
import os
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from pipelines.connectors.base import ConnectorError
from pipelines.connectors.rss import slugify
from pipelines.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

USER_AGENT = "PantauBot/0.1 (+https://github.com/pantau-id/pantau)"
TIMEOUT_S = 20.0
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
DEADLINE_S = 60.0  # the default of PANTAU_FETCH_DEADLINE_S
CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(ConnectorError):
    """The URL could not be fetched (network, HTTP error, too large, refused address)."""


@dataclass
class HttpResponse:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


def _networks(allow: Iterable[str]) -> list[IPNetwork]:
    try:
        return [ipaddress.ip_network(n, strict=False) for n in allow]
    except ValueError as exc:
        raise FetchError(f"PANTAU_FETCH_ALLOW_NETWORKS has a bad network: {exc}") from None


def refused_address(ip: IPAddress, allow: list[IPNetwork]) -> bool:
    """Loopback, private, link-local (169.254.169.254: cloud metadata), multicast, reserved
    and unspecified addresses are inside; fetching never goes there unless allowed."""
    if any(ip in net for net in allow if net.version == ip.version):
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return refused_address(ip.ipv4_mapped, allow)
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_link_local


def resolve_outside(host: str, port: int, allow: list[IPNetwork]) -> str:
    """The first address of `host` after checking them all; FetchError if any is inside (a
    name resolving to both a public and a private address is refused too)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve {host}: {exc}") from None
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if refused_address(ip, allow):
            raise FetchError(f"Refused to fetch from {host}: it resolves to {ip}, a "
                             "private, loopback, link-local or reserved address.")
    if not addresses:
        raise FetchError(f"Cannot resolve {host}: no address")
    return addresses[0]


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address it checked, not to whatever a second lookup returns (DNS
    rebinding); the check runs for every connection, so for every redirect hop."""

    allow: list[IPNetwork]

    def connect(self) -> None:
        address = resolve_outside(self.host, self.port, self.allow)
        self.sock = socket.create_connection((address, self.port), self.timeout)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    allow: list[IPNetwork]

    def connect(self) -> None:
        address = resolve_outside(self.host, self.port, self.allow)
        sock = socket.create_connection((address, self.port), self.timeout)
        context = ssl.create_default_context()
        self.sock = context.wrap_socket(sock, server_hostname=self.host)


def http_get(url: str, headers: dict[str, str] | None = None, timeout_s: float = TIMEOUT_S,
             max_bytes: int = MAX_BYTES, user_agent: str = USER_AGENT,
             deadline_s: float = DEADLINE_S, allow_networks: Iterable[str] = (),
             max_redirects: int = MAX_REDIRECTS) -> HttpResponse:
    """GET with our user agent. HTTP error statuses are returned (with no body); network
    failures, refused addresses, broken bodies and the deadline are raised as FetchError.

    Redirects are followed by hand (at most `max_redirects`), each hop's host resolved and
    checked again. `deadline_s` (PANTAU_FETCH_DEADLINE_S) bounds the whole fetch, so a server
    that drips one byte at a time still ends; `timeout_s` bounds each read. `allow_networks`
    (PANTAU_FETCH_ALLOW_NETWORKS) are the private networks it may reach; none by default.
    """
    allow = _networks(allow_networks)
    deadline = time.monotonic() + deadline_s
    current = url
    for _hop in range(max_redirects + 1):
        response = _get_once(current, headers or {}, timeout_s, max_bytes, user_agent,
                             deadline, deadline_s, allow)
        location = response.headers.get("location")
        if response.status not in _REDIRECTS or not location:
            return response
        current = urljoin(current, location.strip())
    raise FetchError(f"Cannot fetch {url}: more than {max_redirects} redirects")


def _get_once(url: str, headers: dict[str, str], timeout_s: float, max_bytes: int,
              user_agent: str, deadline: float, deadline_s: float,
              allow: list[IPNetwork]) -> HttpResponse:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"Only http(s) URLs can be fetched: {url[:200]}")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"Cannot fetch {url}: took longer than {deadline_s:g} s "
                         "(PANTAU_FETCH_DEADLINE_S)")
    kind = _CheckedHTTPSConnection if parts.scheme == "https" else _CheckedHTTPConnection
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"Cannot fetch {url[:200]}: bad port") from None
    conn = kind(parts.hostname, port, timeout=min(timeout_s, remaining))
    conn.allow = allow
    # The deadline is enforced from outside: a socket timeout is per read, and a server that
    # sends a byte now and then would otherwise never be timed out.
    watchdog = threading.Timer(remaining, _shut, args=(conn,))
    watchdog.daemon = True
    watchdog.start()
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    try:
        conn.request("GET", target, headers={"User-Agent": user_agent,
                                             "Accept-Encoding": "identity", **headers})
        response = conn.getresponse()
        got = {k.lower(): v for k, v in response.getheaders()}
        body = _read_body(response, url, max_bytes) if 200 <= response.status < 300 else b""
        if time.monotonic() >= deadline:  # the watchdog cut it: what came is not the page
            raise OSError("deadline")
        return HttpResponse(url, response.status, got, body)
    except FetchError:
        raise
    except http.client.IncompleteRead as exc:
        if time.monotonic() >= deadline:
            raise FetchError(f"Cannot fetch {url}: took longer than {deadline_s:g} s "
                             "(PANTAU_FETCH_DEADLINE_S)") from None
        raise FetchError(f"Cannot fetch {url}: the body ended early "
                         f"({len(exc.partial)} bytes read)") from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        if time.monotonic() >= deadline:
            raise FetchError(f"Cannot fetch {url}: took longer than {deadline_s:g} s "
                             "(PANTAU_FETCH_DEADLINE_S)") from None
        reason = getattr(exc, "reason", None) or exc or type(exc).__name__
        raise FetchError(f"Cannot fetch {url}: {reason}") from None
    finally:
        watchdog.cancel()
        conn.close()


def _read_body(response: http.client.HTTPResponse, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = response.read(min(CHUNK, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"{url} is larger than {max_bytes} bytes; not fetched.")
    if response.length:  # read(n) returns short instead of raising when the body ends early
        raise http.client.IncompleteRead(b"".join(chunks), response.length)
    return b"".join(chunks)


def _shut(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


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


def fetch_feed(url: str, state_dir: Path, settings: Settings,
               timeout_s: float = TIMEOUT_S) -> FeedFetch:
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
    response = http_get(url, headers, timeout_s, deadline_s=settings.fetch_deadline_s,
                        allow_networks=settings.fetch_allow_networks)
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
