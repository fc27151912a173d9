"""The desk in a real browser: headless Debian Chromium driven by Playwright, against
`pantau serve`'s app on loopback. Three officers take one narrative through label → match
confirmation → counter-message draft → validation → approval; the audit log shows each step;
a Jawa Tengah officer is refused (403) on a Jawa Timur narrative; a form stripped of its CSRF
token is refused; the hostile posts stay inert on every page (no script runs, no dialog opens,
nothing is fetched from elsewhere)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest

from reports.browser import find_chromium

CHROMIUM = find_chromium()
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (make system-deps)")]
PASSWORD = "kata-sandi-uji-123"
ACTIVE = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName;
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'IMG', 'svg'].includes(tag)) bad.push(tag);
    for (const a of el.attributes) if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
  }
  return bad;
}"""


@pytest.fixture
def server(desk) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import uvicorn

    from desk.app import create_app
    from desk.settings import DeskSettings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(DeskSettings()), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the desk did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


class Officer:
    """One person in their own browser context (own cookies), watching what the page does."""

    def __init__(self, browser: Any, base: str, name: str, **context: Any) -> None:
        self.base = base
        self.ctx = browser.new_context(**context)
        self.page = self.ctx.new_page()
        self.problems: list[str] = []
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog {d.message}"),
                                          d.dismiss()))
        self.page.on("pageerror", lambda e: self.problems.append(f"error {e}"))
        self.page.on("request", self._request)
        self.go("/login")
        self.page.fill("input[name=username]", name)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("#login button")
        assert name.capitalize() in self.page.inner_text("#whoami")

    def _request(self, request: Any) -> None:
        if urlparse(request.url).hostname != "127.0.0.1":
            self.problems.append(f"request {request.url}")

    def go(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def inert(self) -> None:
        assert self.page.evaluate(ACTIVE) == [], self.page.url
        assert self.problems == [], self.problems


def test_three_officers_take_a_narrative_to_an_approved_counter_message(
        desk, server: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    pdam = desk.narrative("PDAM")
    path = f"/n/{pdam}"
    ana = Officer(browser, server, "ana")
    vera = Officer(browser, server, "vera")
    kepa = Officer(browser, server, "kepa")

    ana.go("/")
    assert "PDAM" in ana.page.inner_text("#narratives")
    ana.page.click(f"#narratives a[href$='{path}']")
    ana.inert()
    ana.page.click("#label-form button[value=hoax]")
    assert "Ana: hoaks" in ana.page.inner_text("#review") or \
        "ana: hoaks" in ana.page.inner_text("#review")

    vera.go(path)
    vera.page.click(".match-form button[value=confirmed]")
    assert "dikonfirmasi" in vera.page.inner_text("#fact-checks")

    ana.go(path)
    prefill = ana.page.input_value("#draft-form textarea")
    assert prefill.strip(), "the draft is prefilled from the fact-check"
    ana.page.fill("#draft-form textarea", prefill + "\n\nDari Diskominfo Jawa Tengah.")
    ana.page.click("#draft-form button[type=submit]")
    assert "draf" in ana.page.inner_text("#messages")
    assert ana.page.locator(".validate-form").count() == 0  # an analyst cannot validate

    vera.go(path)
    vera.page.click(".validate-form button")
    assert "divalidasi" in vera.page.inner_text("#messages")
    assert vera.page.locator(".approve-form").count() == 0  # nor may a verifier approve

    kepa.go(path)
    kepa.page.click(".approve-form button")
    assert "disetujui" in kepa.page.inner_text("#messages .state")

    kepa.go("/audit")
    audit = kepa.page.inner_text("#audit")
    for step in ("label narasi", "konfirmasi cek fakta", "draf pesan", "validasi pesan",
                 "setujui pesan"):
        assert step in audit, step
    rows = kepa.page.locator("#audit tr").all_inner_texts()[1:]
    assert [r.split("\t")[1].split(" ")[0] for r in rows] == ["kepa", "vera", "ana", "vera",
                                                             "ana"]
    kepa.go("/pack")
    assert "Dari Diskominfo Jawa Tengah." in kepa.page.input_value("#pack")
    for who in (ana, vera, kepa):
        who.inert()


def test_scope_csrf_and_hostile_posts_in_the_browser(
        desk, server: str, browser: Any) -> None:  # type: ignore[no-untyped-def]
    bansos, pdam = desk.narrative("bansos"), desk.narrative("PDAM")
    ana = Officer(browser, server, "ana", bypass_csp=True)  # CSP bypassed only to edit forms

    # Jawa Tengah officer on a Jawa Timur narrative: view only, and 403 on its actions
    ana.go(f"/n/{bansos}")
    assert ana.page.locator("#out-of-scope").count() == 1
    assert ana.page.locator("#label-form").count() == 0
    ana.go(f"/n/{pdam}")
    # the same form, pointed at the Jawa Timur narrative: the server refuses it
    ana.page.eval_on_selector("#label-form", f"f => f.action = '/n/{bansos}/label'")
    with ana.page.expect_navigation():
        ana.page.click("#label-form button[value=hoax]")
    assert ana.page.locator("h1").inner_text() == "Tidak diizinkan"
    response = ana.ctx.request.post(f"{server}/n/{bansos}/label",
                                    form={"label": "hoax", "csrf_token": "x"})
    assert response.status == 403

    # a form without its CSRF token is refused
    ana.go(f"/n/{pdam}")
    ana.page.eval_on_selector("#label-form input[name=csrf_token]", "e => e.remove()")
    with ana.page.expect_navigation() as nav:
        ana.page.click("#label-form button[value=hoax]")
    assert nav.value.status == 403
    assert "Formulir kedaluwarsa" in ana.page.inner_text("#message")
    from desk.store import DeskStore, store_path

    assert DeskStore(store_path(desk.home)).actions() == []

    # hostile posts are text on every page, in both languages
    viewer = Officer(browser, server, "nasional")
    shown = ""
    for lang in ("id", "en"):
        viewer.go(f"/lang/{lang}?next=/")
        for page in ("/", f"/n/{pdam}", "/search?q=racun", "/search?q=xss", "/queue",
                     "/briefings", "/audit", "/pack"):
            viewer.go(page)
            viewer.inert()
            shown += viewer.page.inner_text("body")
    assert "xss-" in shown and "onerror" in shown
    assert "warga.semarang@example.com" not in shown
