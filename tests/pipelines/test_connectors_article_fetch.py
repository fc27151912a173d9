"""Article pages and feeds over HTTP, against a local server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.connectors import article_fetch
from pipelines.connectors.article_fetch import ArticleFetcher, extract_main_text
from pipelines.connectors.http_fetch import USER_AGENT, FetchError, fetch_feed, http_get
from pipelines.connectors.rss import RssConnector
from pipelines.settings import Settings, reset_settings

WEB = Path(__file__).parent.parent / "fixtures" / "connectors" / "web"
ARTICLE = (WEB / "artikel-banjir.html").read_bytes()


class Site(ThreadingHTTPServer):
    daemon_threads = True
    robots_status = 200
    feed_version = "v1"

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out on purpose (see /lambat) is not a test failure

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site = self.server
        site.requests.append((self.path, dict(self.headers.items())))
        if self.path == "/robots.txt":
            if site.robots_status != 200:
                self._send(site.robots_status)
            else:
                self._send(200, b"User-agent: *\nDisallow: /privat/\n", "text/plain")
        elif self.path == "/2026/11/20/tanggul-wulan-aman":
            self._send(200, ARTICLE)
        elif self.path == "/laporan.pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif self.path == "/lambat":
            time.sleep(1.0)
            self._send(200, ARTICLE)
        elif self.path == "/feed.xml":
            etag = f'"{site.feed_version}"'
            if self.headers.get("If-None-Match") == etag:
                self._send(304)
                return
            body = (WEB / "feed.xml.tmpl").read_text(encoding="utf-8").replace(
                "{base}", site.base).encode()
            self._send(200, body, "application/rss+xml",
                       {"ETag": etag, "Last-Modified": "Thu, 20 Nov 2026 02:00:00 GMT"})
        else:
            self._send(404, b"tidak ada")


@pytest.fixture(autouse=True)
def loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The site runs on 127.0.0.1, which fetching refuses unless allowed (test_fetch_fence)."""
    monkeypatch.setenv("PANTAU_FETCH_ALLOW_NETWORKS", '["127.0.0.1/32"]')
    reset_settings()
    yield
    reset_settings()


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def paths(site: Site) -> list[str]:
    return [p for p, _ in site.requests]


def test_article_text_is_the_main_text_only(site: Site, tmp_path: Path) -> None:
    fetcher = ArticleFetcher(Settings(), cache_dir=tmp_path, min_interval_s=0)
    article = fetcher.fetch(site.base + "/2026/11/20/tanggul-wulan-aman")
    assert article.status == "fetched" and article.text
    assert "tanggul tidak jebol dan belum ada perintah evakuasi" in article.text
    assert "Berita Terpopuler" not in article.text and "hak dilindungi" not in article.text
    assert all(h.get("User-Agent") == USER_AGENT for _, h in site.requests)
    assert USER_AGENT == "PantauBot/0.1 (+https://github.com/pantau-id/pantau)"
    # cached: a rerun of the day asks the site nothing
    again = ArticleFetcher(Settings(), cache_dir=tmp_path, min_interval_s=0)
    assert again.fetch(site.base + "/2026/11/20/tanggul-wulan-aman").status == "cached"
    assert again.requests == []


def test_robots_txt_is_obeyed_and_read_once(site: Site) -> None:
    fetcher = ArticleFetcher(Settings(), min_interval_s=0)
    assert fetcher.fetch(site.base + "/privat/berita-anggota").status == "robots-disallowed"
    assert fetcher.fetch(site.base + "/2026/11/20/dihapus").detail == "HTTP 404"
    assert fetcher.fetch(site.base + "/laporan.pdf").status == "error"  # not HTML
    assert "/privat/berita-anggota" not in paths(site)
    assert paths(site).count("/robots.txt") == 1


@pytest.mark.parametrize("status, allowed", [(404, True), (403, False), (503, False)])
def test_robots_txt_missing_forbidden_or_failing(site: Site, status: int, allowed: bool) -> None:
    site.robots_status = status
    fetcher = ArticleFetcher(Settings(), min_interval_s=0)
    article = fetcher.fetch(site.base + "/2026/11/20/tanggul-wulan-aman")
    assert (article.status == "fetched") is allowed
    assert ("/2026/11/20/tanggul-wulan-aman" in paths(site)) is allowed


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 3))
        now[0] += seconds

    fetcher = ArticleFetcher(Settings(), min_interval_s=2.0, clock=lambda: now[0], sleep=sleep)
    fetcher.fetch(site.base + "/2026/11/20/tanggul-wulan-aman")  # robots.txt, then the page
    fetcher.fetch(site.base + "/2026/11/20/dihapus")
    assert slept == [2.0, 2.0]
    assert len(fetcher.requests) == 3


def test_timeouts_and_unreachable_hosts(site: Site) -> None:
    with pytest.raises(FetchError, match="Cannot fetch"):
        http_get(site.base + "/lambat", timeout_s=0.2, allow_networks=["127.0.0.1/32"])
    with pytest.raises(FetchError, match="Cannot fetch"):
        # nothing listens on port 9
        http_get("http://127.0.0.1:9/tidak-ada", timeout_s=1, allow_networks=["127.0.0.1/32"])
    with pytest.raises(FetchError, match="Only http"):
        http_get("file:///etc/passwd")
    fetched = ArticleFetcher(Settings(), min_interval_s=0).fetch("ftp://contoh.example/a")
    assert fetched.status == "error"
    assert extract_main_text(b"<html><body>   </body></html>") is None


def test_conditional_get_for_feeds(site: Site, tmp_path: Path) -> None:
    first = fetch_feed(site.base + "/feed.xml", tmp_path, Settings())
    assert first.changed and first.status == 200 and first.etag == '"v1"'
    assert first.path.read_bytes().startswith(b"<?xml")
    second = fetch_feed(site.base + "/feed.xml", tmp_path, Settings())
    assert not second.changed and second.status == 304 and second.path == first.path
    sent = site.requests[-1][1]
    assert sent.get("If-None-Match") == '"v1"'
    assert sent.get("If-Modified-Since") == "Thu, 20 Nov 2026 02:00:00 GMT"
    site.feed_version = "v2"
    assert fetch_feed(site.base + "/feed.xml", tmp_path, Settings()).changed
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_feed(site.base + "/tidak-ada.xml", tmp_path, Settings())


def test_rss_items_get_the_article_text_when_switched_on(site: Site, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_fetch, "MIN_INTERVAL_S", 0.0)  # spacing is tested above
    feed = tmp_path / "news-kabarpantura.xml"
    feed.write_text((WEB / "feed.xml.tmpl").read_text(encoding="utf-8").replace(
        "{base}", site.base), encoding="utf-8")
    plain = [r.fields for r in RssConnector().parse(feed, Settings(home=tmp_path / "home"))
             if r.fields]
    assert plain[0]["text"].endswith("BPBD memastikan tanggul aman")
    assert not any("/2026/" in p for p in paths(site))  # off by default: nothing fetched
    settings = Settings(home=tmp_path / "home", fetch_articles=True)
    records = [r.fields for r in RssConnector().parse(feed, settings) if r.fields]
    assert "belum ada perintah evakuasi" in records[0]["text"]
    assert records[0]["text"].startswith("BPBD Demak: Tanggul Sungai Wulan Aman")
    assert records[0]["summary"] == "BPBD memastikan tanggul aman..."
    assert [r["article_fetch"] for r in records] == ["fetched", "robots-disallowed", "error"]
    assert records[1]["text"].endswith("Ringkasan berita anggota")  # the feed's text stays


def test_cli_fetch_articles_and_feed_urls(site: Site, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_fetch, "MIN_INTERVAL_S", 0.0)
    monkeypatch.setenv("PANTAU_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PANTAU_INBOX", raising=False)
    reset_settings()
    runner = CliRunner()
    try:
        url = site.base + "/feed.xml"
        done = runner.invoke(app, ["ingest", "--format", "rss", "--fetch-articles",
                                   "--date", "2026-11-20", url])
        assert done.exit_code == 0, done.output
        assert "received 3 = stored 3 + duplicates 0 + quarantined 0" in done.output
        again = runner.invoke(app, ["ingest", "--date", "2026-11-20", url])
        assert again.exit_code == 0, again.output
        assert "not modified" in again.output
    finally:
        reset_settings()
    con = duckdb.connect(str(tmp_path / "home" / "pantau.duckdb"), read_only=True)
    try:
        text = con.execute("SELECT text FROM raw_posts WHERE url LIKE '%tanggul-wulan-aman'"
                           " AND batch_day = ?", [date(2026, 11, 20)]).fetchone()
    finally:
        con.close()
    assert text is not None and "belum ada perintah evakuasi" in text[0]
