"""Fetching stays outside and always ends: refused addresses on every hop, a capped
Crawl-delay, a total deadline, broken bodies as errors, and no fetch under the writer lock.

Servers run on 127.0.0.1 only; loopback is reachable only through the explicit allow-list
(PANTAU_FETCH_ALLOW_NETWORKS), which these tests set where they need it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from pipelines.connectors.article_fetch import ArticleFetcher
from pipelines.connectors.http_fetch import FetchError, fetch_feed, http_get
from pipelines.settings import Settings
from pipelines.stages import ingest as ingest_stage
from pipelines.stages import stage_run as stage_run_module

LOOPBACK = ["127.0.0.1/32"]
ARTICLE = (b"<html><head><title>Tanggul aman</title></head><body><article><p>"
           + b"BPBD memastikan tanggul Sungai Wulan tidak jebol dan warga tidak perlu mengungsi. "
           * 8 + b"</p></article></body></html>")


class RawServer:
    """A TCP server on 127.0.0.1 whose handler writes whatever bytes a test wants."""

    def __init__(self, handler: Callable[[socket.socket, str], None]) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.paths: list[str] = []
        self._handler = handler
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            path = data.split(b" ", 2)[1].decode()
            self.paths.append(path)
            with contextlib.suppress(OSError):  # the client hung up: some tests want that
                self._handler(conn, path)

    def close(self) -> None:
        self.sock.close()


def reply(status: str, body: bytes = b"", headers: str = "",
          ctype: str = "text/html") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
            f"Connection: close\r\n{headers}\r\n").encode() + body


@pytest.fixture
def server_factory() -> Iterator[Callable[[Callable[[socket.socket, str], None]], RawServer]]:
    servers: list[RawServer] = []

    def make(handler: Callable[[socket.socket, str], None]) -> RawServer:
        servers.append(RawServer(handler))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/", "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/",
    "http://192.168.1.1/admin", "http://172.16.0.1/", "http://[::1]/", "http://0.0.0.0/",
    "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "http://localhost/",
])
def test_addresses_inside_are_refused_before_connecting(url: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="Refused to fetch"):
        http_get(url, allow_networks=[], timeout_s=5)
    assert time.monotonic() - started < 2  # refused at resolution, nothing waited for


def test_the_allow_list_opens_loopback_and_nothing_else(server_factory: Callable,
                                                        tmp_path: Path) -> None:
    site = server_factory(lambda conn, path: conn.sendall(reply("200 OK", b"ok")))
    assert http_get(site.base + "/x", allow_networks=LOOPBACK).body == b"ok"
    with pytest.raises(FetchError, match="Refused"):
        http_get(site.base + "/x", allow_networks=[])
    with pytest.raises(FetchError, match="Refused"):
        http_get(site.base + "/x")  # nothing private unless allowed
    # the setting, as the feed fetch and the article fetcher pass it
    assert fetch_feed(site.base + "/x", tmp_path, Settings(fetch_allow_networks=LOOPBACK)).changed


def test_every_redirect_hop_is_checked_again(server_factory: Callable) -> None:
    inner = server_factory(lambda conn, path: conn.sendall(reply("200 OK", b"rahasia")))
    # 127.0.0.2 is loopback too, but not in the allow-list: a redirect there is refused
    hop = f"http://127.0.0.2:{inner.port}/meta"

    def redirector(conn: socket.socket, path: str) -> None:
        if path == "/same-host":
            conn.sendall(reply("302 Found", headers="Location: /final\r\n"))
        elif path == "/final":
            conn.sendall(reply("200 OK", b"sampai"))
        elif path == "/to-file":
            conn.sendall(reply("301 Moved", headers="Location: file:///etc/passwd\r\n"))
        elif path == "/loop":
            conn.sendall(reply("302 Found", headers="Location: /loop\r\n"))
        else:
            conn.sendall(reply("302 Found", headers=f"Location: {hop}\r\n"))

    site = server_factory(redirector)
    assert http_get(site.base + "/same-host", allow_networks=LOOPBACK).body == b"sampai"
    with pytest.raises(FetchError, match="Refused to fetch from 127.0.0.2"):
        http_get(site.base + "/elsewhere", allow_networks=LOOPBACK)
    assert inner.paths == []  # the inner server was never reached
    with pytest.raises(FetchError, match="Only http"):
        http_get(site.base + "/to-file", allow_networks=LOOPBACK)
    with pytest.raises(FetchError, match="redirects"):
        http_get(site.base + "/loop", allow_networks=LOOPBACK)


def test_a_drip_feeding_server_is_cut_at_the_deadline(server_factory: Callable) -> None:
    def drip(conn: socket.socket, path: str) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n"
                     b"\r\n")
        for _ in range(200):  # one byte every 50 ms: each read is well within its timeout
            conn.sendall(b"x")
            time.sleep(0.05)

    site = server_factory(drip)
    started = time.monotonic()
    with pytest.raises(FetchError, match="longer than 1 s"):
        http_get(site.base + "/", allow_networks=LOOPBACK, timeout_s=5, deadline_s=1)
    assert time.monotonic() - started < 3


def test_a_body_cut_short_is_an_error_not_a_crash(server_factory: Callable) -> None:
    def broken(conn: socket.socket, path: str) -> None:
        if path == "/robots.txt":
            conn.sendall(reply("404 Not Found"))
        elif path == "/chunked":
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n5\r\nhalo\r\nzz\r\n")
        else:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                         b"Content-Length: 5000\r\n\r\n<html>short")

    site = server_factory(broken)
    with pytest.raises(FetchError, match="ended early"):
        http_get(site.base + "/short", allow_networks=LOOPBACK)
    with pytest.raises(FetchError, match="Cannot fetch"):
        http_get(site.base + "/chunked", allow_networks=LOOPBACK)
    article = ArticleFetcher(Settings(fetch_allow_networks=LOOPBACK),
                             min_interval_s=0).fetch(site.base + "/short")
    assert article.status == "error" and "ended early" in article.detail


def test_a_huge_crawl_delay_is_capped(server_factory: Callable) -> None:
    def site_handler(conn: socket.socket, path: str) -> None:
        if path == "/robots.txt":
            conn.sendall(reply("200 OK", b"User-agent: *\nCrawl-delay: 100000000\n",
                               ctype="text/plain"))
        else:
            conn.sendall(reply("200 OK", ARTICLE))

    site = server_factory(site_handler)
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    fetcher = ArticleFetcher(Settings(fetch_allow_networks=LOOPBACK, fetch_max_crawl_delay_s=30),
                             min_interval_s=1, clock=lambda: now[0], sleep=sleep)
    fetcher.fetch(site.base + "/a")
    fetcher.fetch(site.base + "/b")
    assert slept and max(slept) <= 30


def test_articles_are_fetched_before_the_writer_opens(
        settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        server_factory: Callable) -> None:
    events: list[str] = []

    def handler(conn: socket.socket, path: str) -> None:
        events.append("fetch " + path)
        conn.sendall(reply("404 Not Found") if path == "/robots.txt" else reply("200 OK", ARTICLE))

    site = server_factory(handler)
    feed = tmp_path / "news-uji.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Uji</title>'
        f'<item><title>Tanggul aman</title><link>{site.base}/berita/1</link>'
        "<description>ringkasan</description><pubDate>Fri, 20 Nov 2026 08:00:00 +0700"
        "</pubDate></item></channel></rss>", encoding="utf-8")
    real_writer = stage_run_module.writer  # the stage opens its writer through stage_run

    def logging_writer(*args: object, **kwargs: object) -> object:
        events.append("writer")
        return real_writer(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stage_run_module, "writer", logging_writer)
    fetching = settings.model_copy(update={"fetch_articles": True,
                                           "fetch_allow_networks": LOOPBACK})
    result = ingest_stage.ingest(fetching, date(2026, 11, 20), [feed])
    assert result.accepted_posts == 1
    assert events.index("writer") > max(i for i, e in enumerate(events) if e.startswith("fetch"))
    assert "fetch /berita/1" in events
