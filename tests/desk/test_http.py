"""The desk over HTTP (FastAPI's TestClient): login, sessions, CSRF, roles and scope, the chain
of actions, the audit log, and hostile post text on every page."""

from __future__ import annotations

import time

import pytest
from desk_helpers import app_client, logged_in, login, post, scan, token

from desk.store import DeskStore, store_path


def _actions(desk) -> list[dict]:  # type: ignore[no-untyped-def]
    return DeskStore(store_path(desk.home)).actions()


def test_pages_need_a_login_and_the_login_form_works(desk) -> None:  # type: ignore[no-untyped-def]
    client = app_client()
    for path in ("/", "/search?q=racun", "/queue", "/briefings", "/audit", "/pack"):
        r = client.get(path)
        assert r.status_code == 303 and r.headers["location"].endswith("/login"), path
    assert login(client, "ana", "wrong-password-x").status_code == 401
    assert login(client, "ana").status_code == 303
    page = client.get("/")
    assert page.status_code == 200
    assert "Narasi hoaks untuk Jawa Tengah" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")


def test_failed_logins_are_rate_limited_even_with_the_right_password_after(desk) -> None:  # type: ignore[no-untyped-def]
    client = app_client()
    for _ in range(5):
        assert login(client, "vera", "not-the-password").status_code == 401
    r = login(client, "vera")
    assert r.status_code == 429
    assert "Terlalu banyak" in r.text
    # another user is not locked out by vera's failures
    assert login(app_client(), "kepa").status_code == 303


def test_sessions_expire_when_idle_and_end_when_the_user_is_disabled(
        desk, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    client = logged_in("ana")
    assert client.get("/").status_code == 200
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 61 * 60)  # idle limit is 60 minutes
    assert client.get("/").status_code == 303
    monkeypatch.setattr(time, "time", real)

    client = logged_in("ana")
    DeskStore(store_path(desk.home)).update_user("ana", disabled=1)
    assert client.get("/").status_code == 303
    assert login(app_client(), "ana").status_code == 401


def test_a_form_without_its_csrf_token_is_refused_and_nothing_recorded(desk) -> None:  # type: ignore[no-untyped-def]
    pdam = desk.narrative("PDAM")
    client = logged_in("ana")
    r = client.post(f"/n/{pdam}/label", data={"label": "hoax"})
    assert r.status_code == 403 and "Formulir kedaluwarsa" in r.text
    # a token from another session does not work either
    other = logged_in("vera")
    foreign = token(other.get(f"/n/{pdam}").text)
    r = client.post(f"/n/{pdam}/label", data={"label": "hoax", "csrf_token": foreign})
    assert r.status_code == 403
    assert _actions(desk) == []
    # the login form itself carries one
    fresh = app_client()
    r = fresh.post("/login", data={"username": "ana", "password": "kata-sandi-uji-123"})
    assert r.status_code == 403


def test_the_chain_label_match_draft_validate_approve(desk) -> None:  # type: ignore[no-untyped-def]
    pdam = desk.narrative("PDAM")
    page = f"/n/{pdam}"
    ana, vera, kepa = logged_in("ana"), logged_in("vera"), logged_in("kepa")

    assert post(ana, f"{page}/label", {"label": "hoax"}, page).status_code == 303
    html = vera.get(page).text
    fc = html.split('name="fact_check_id" value="')[1].split('"')[0]
    # an analyst may not confirm a match; a verifier may
    assert post(ana, f"{page}/match", {"fact_check_id": fc, "decision": "confirmed"},
                page).status_code == 403
    assert post(vera, f"{page}/match", {"fact_check_id": fc, "decision": "confirmed"},
                page).status_code == 303

    # the draft form is prefilled from the fact-check's explanation, as the briefing does
    draft_html = ana.get(page).text
    prefill = draft_html.split('name="text" rows="8" maxlength="4000">')[1].split("</textarea>")[0]
    assert "Sumber:" in prefill or "PDAM" in prefill
    text = "Air PDAM Semarang aman diminum. Jangan sebarkan pesan racun. Cek kanal resmi."
    assert post(ana, f"{page}/messages", {"text": text, "region_code": "33"},
                page).status_code == 303
    message_id = DeskStore(store_path(desk.home)).query(
        "SELECT message_id FROM counter_messages")[0]["message_id"]

    # approval before validation is refused; the author cannot validate their own draft
    assert post(kepa, f"/messages/{message_id}/approve", {}, page).status_code == 409
    assert post(vera, f"/messages/{message_id}/validate", {}, page).status_code == 303
    assert post(vera, f"/messages/{message_id}/approve", {}, page).status_code == 403
    assert post(kepa, f"/messages/{message_id}/approve", {}, page).status_code == 303

    kinds = [a["kind"] for a in reversed(_actions(desk))]
    assert kinds == ["label_narrative", "match_confirmed", "draft_message", "validate_message",
                     "approve_message"]
    audit = kepa.get("/audit").text
    for who in ("ana", "vera", "kepa"):
        assert who in audit
    for words in ("label narasi", "konfirmasi cek fakta", "draf pesan", "validasi pesan",
                  "setujui pesan"):
        assert words in audit, words
    pack = kepa.get("/pack.txt")
    assert pack.status_code == 200 and text in pack.text and "Jawa Tengah" in pack.text

    # relabelling records what it replaced
    post(ana, f"{page}/label", {"label": "not_hoax"}, page)
    last = _actions(desk)[0]
    assert last["kind"] == "label_narrative" and '"hoax"' in last["previous"]


def test_a_jawa_tengah_user_gets_403_on_a_jawa_timur_narrative(desk) -> None:  # type: ignore[no-untyped-def]
    bansos = desk.narrative("bansos")
    pdam = desk.narrative("PDAM")
    ana, timur = logged_in("ana"), logged_in("timur")
    page = f"/n/{bansos}"
    view = ana.get(page)
    assert view.status_code == 200 and "di luar cakupan" in view.text
    assert 'action="/n/' + bansos not in view.text  # no action forms out of scope
    csrf = token(view.text)
    for path, data in ((f"{page}/label", {"label": "hoax"}),
                       (f"{page}/messages", {"text": "x" * 20, "region_code": "33"}),
                       (f"{page}/countered", {"region_code": "33",
                                              "url": "https://example.id/x"})):
        assert ana.post(path, data={**data, "csrf_token": csrf}).status_code == 403, path
    # inside their own scope, the Jawa Timur analyst can act; not on Jawa Tengah
    assert post(timur, f"{page}/label", {"label": "hoax"}, page).status_code == 303
    assert post(timur, f"/n/{pdam}/label", {"label": "hoax"}, f"/n/{pdam}").status_code == 403
    # a region outside one's scope is refused even on a narrative inside it
    assert post(ana, f"/n/{pdam}/countered", {"region_code": "35",
                                              "url": "https://example.id/x"},
                f"/n/{pdam}").status_code == 403
    assert [a["username"] for a in _actions(desk)] == ["timur"]


def test_countered_link_must_be_http(desk) -> None:  # type: ignore[no-untyped-def]
    pdam = desk.narrative("PDAM")
    ana = logged_in("ana")
    r = post(ana, f"/n/{pdam}/countered", {"region_code": "33",
                                           "url": "javascript:alert(1)"}, f"/n/{pdam}")
    assert r.status_code == 400
    r = post(ana, f"/n/{pdam}/countered", {"region_code": "33.74",
                                           "url": "https://semarangkota.go.id/klarifikasi"},
             f"/n/{pdam}")
    assert r.status_code == 303
    assert "semarangkota.go.id/klarifikasi" in ana.get(f"/n/{pdam}").text


def test_hostile_posts_are_inert_on_every_page(desk) -> None:  # type: ignore[no-untyped-def]
    pdam = desk.narrative("PDAM")
    ana = logged_in("ana")
    post(ana, f"/n/{pdam}/label", {"label": "hoax"}, f"/n/{pdam}")
    post(ana, f"/n/{pdam}/messages", {"text": "<script>alert('xss-draft')</script>",
                                      "region_code": "33"}, f"/n/{pdam}")
    pages = {path: ana.get(path) for path in (
        "/", f"/n/{pdam}", "/search?q=racun", "/search?q=xss", "/queue", "/briefings",
        "/audit", "/pack", "/lang/en?next=/")}
    ana.get("/lang/en")
    pages["/en"] = ana.get(f"/n/{pdam}")
    shown = ""
    for path, r in pages.items():
        if r.status_code == 303:
            continue
        assert r.status_code == 200, path
        found = scan(r.text)
        assert found.bad == [], (path, found.bad)
        shown += " ".join(found.text)
    # not vacuous: the payloads are there, as text
    assert "xss-" in shown and "<script>" in shown and "onerror=" in shown
    # personal data is removed from quoted posts
    assert "warga.semarang@example.com" not in shown


def test_search_treats_like_wildcards_literally(desk) -> None:  # type: ignore[no-untyped-def]
    ana = logged_in("ana")
    assert "Tidak ada hasil" in ana.get("/search", params={"q": "%%%"}).text
    hits = ana.get("/search", params={"q": "racun tikus"}).text
    assert "racun tikus" in hits.lower()


def test_english_option(desk) -> None:  # type: ignore[no-untyped-def]
    ana = logged_in("ana")
    assert ana.get("/lang/en?next=/queue").headers["location"] == "/queue"
    assert ana.get("/lang/en?next=//evil.example").headers["location"] == "/"
    assert "Hoax narratives for Jawa Tengah" in ana.get("/").text
