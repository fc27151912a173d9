"""E-mail and Telegram delivery against local stand-ins: an SMTP server (aiosmtpd) on
127.0.0.1 and an HTTP server in place of the Telegram Bot API. Never the internet."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from datetime import date
from email import message_from_bytes, policy
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from pipelines.settings import Settings
from reports.delivery import (
    DeliveryConfig,
    DeliveryError,
    deliver_daily,
    send_email,
    send_telegram,
)

DAY = date(2026, 11, 21)


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[int, _Inbox]]:
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd needs one up front)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()


class _FakeTelegram(BaseHTTPRequestHandler):
    calls: list[tuple[str, dict[str, Any]]] = []
    reply: tuple[int, dict[str, Any]] = (200, {"ok": True, "result": {"message_id": 1}})
    refuse: set[str] = set()  # chat ids answered "chat not found"

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).calls.append((self.path, body))
        status, payload = type(self).reply
        if str(body.get("chat_id")) in type(self).refuse:
            status, payload = 400, {"ok": False, "description": "Bad Request: chat not found"}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def telegram() -> Iterator[tuple[str, type[_FakeTelegram]]]:
    handler = type("Handler", (_FakeTelegram,), {"calls": [], "reply": _FakeTelegram.reply,
                                                 "refuse": set()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        server.shutdown()
        server.server_close()


# The shape of a real bot token: send_telegram checks it.
TOKEN = "123456789:AAFakeTokenForTestsOnly0123456789ab"


def _cfg(**kw: Any) -> DeliveryConfig:
    return DeliveryConfig(_env_file=None, **kw)  # type: ignore[call-arg]


def test_nothing_is_sent_when_nothing_is_configured(home: Settings,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("PANTAU_SMTP_HOST", "PANTAU_EMAIL_TO", "PANTAU_TELEGRAM_BOT_TOKEN",
                "PANTAU_TELEGRAM_CHAT_IDS"):
        monkeypatch.delenv(var, raising=False)
    out = deliver_daily(home, DAY, _cfg())
    assert out == {"email": 0, "telegram": 0, "skipped": 0, "configured": []}


def test_send_email_reaches_the_smtp_server(smtp: tuple[int, _Inbox], tmp_path: Path) -> None:
    port, inbox = smtp
    attachment = tmp_path / "briefing-nasional.html"
    attachment.write_text("<p>hi</p>")
    cfg = _cfg(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
               email_from="pantau@diskominfo.example.id",
               email_to=["kim@example.id", "humas@example.id"])
    send_email(cfg, "Briefing Harian Pantau — Nasional", "isi ringkas", [attachment])
    assert len(inbox.messages) == 1
    sender, rcpts, msg = inbox.messages[0]
    assert sender == "pantau@diskominfo.example.id"
    assert rcpts == ["kim@example.id", "humas@example.id"]
    assert msg["Subject"] == "Briefing Harian Pantau — Nasional"
    names = [part.get_filename() for part in msg.walk() if part.get_filename()]
    assert names == ["briefing-nasional.html"]


def test_send_email_failure_is_a_clear_error() -> None:
    cfg = _cfg(smtp_host="127.0.0.1", smtp_port=1, smtp_security="none", email_to=["a@b.id"],
               smtp_timeout_s=2)
    with pytest.raises(DeliveryError, match="127.0.0.1:1"):
        send_email(cfg, "s", "t")


def test_send_telegram_posts_to_the_bot_api(telegram: tuple[str, Any]) -> None:
    base, handler = telegram
    cfg = _cfg(telegram_bot_token=TOKEN, telegram_chat_ids=["-1001", "42"],
               telegram_api_base=base)
    send_telegram(cfg, "<b>Briefing</b> isi")
    assert [c[0] for c in handler.calls] == [f"/bot{TOKEN}/sendMessage"] * 2
    assert [c[1]["chat_id"] for c in handler.calls] == ["-1001", "42"]
    assert handler.calls[0][1]["parse_mode"] == "HTML"
    assert handler.calls[0][1]["text"] == "<b>Briefing</b> isi"


def test_send_telegram_refusal_is_a_clear_error(telegram: tuple[str, Any]) -> None:
    base, handler = telegram
    handler.reply = (400, {"ok": False, "description": "Bad Request: chat not found"})
    cfg = _cfg(telegram_bot_token=TOKEN, telegram_chat_ids=["9"], telegram_api_base=base)
    with pytest.raises(DeliveryError, match="chat not found"):
        send_telegram(cfg, "x")


def test_deliver_daily_sends_each_scope_once(home: Settings, smtp: tuple[int, _Inbox],
                                             telegram: tuple[str, Any]) -> None:
    port, inbox = smtp
    base, handler = telegram
    for f in (home.reports_dir / DAY.isoformat()).glob("delivered-*"):
        f.unlink()
    settings = home.model_copy(update={"brief_regions": ["33"]})
    cfg = _cfg(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
               email_to=["kim@example.id"], telegram_bot_token=TOKEN,
               telegram_chat_ids=["5"], telegram_api_base=base)
    out = deliver_daily(settings, DAY, cfg)
    assert (out["email"], out["telegram"], out["skipped"]) == (2, 2, 0)
    subjects = sorted(m[2]["Subject"] for m in inbox.messages)
    assert subjects == ["Briefing Harian Pantau — Jawa Tengah — 21 November 2026",
                        "Briefing Harian Pantau — Nasional — 21 November 2026"]
    attached = {p.get_filename() for m in inbox.messages for p in m[2].walk()
                if p.get_filename()}
    assert {"briefing-nasional.html", "briefing-nasional.pdf", "briefing-33.pdf"} <= attached
    texts = [c[1]["text"] for c in handler.calls]
    assert all(len(t) < 4096 and t.startswith("<b>Briefing Harian Pantau") for t in texts)
    assert all("<script>" not in t for t in texts)  # hostile post text arrives escaped
    # an Airflow retry: everything already went out, nothing is sent twice
    again = deliver_daily(settings, DAY, cfg)
    assert (again["email"], again["telegram"], again["skipped"]) == (0, 0, 4)
    assert len(inbox.messages) == 2 and len(handler.calls) == 2
    forced = deliver_daily(settings, DAY, cfg, force=True)
    assert forced["email"] == 2 and len(inbox.messages) == 4


def test_a_partial_failure_re_sends_to_nobody_already_served(
        home: Settings, smtp: tuple[int, _Inbox], telegram: tuple[str, Any]) -> None:
    port, inbox = smtp
    base, handler = telegram
    for f in (home.reports_dir / DAY.isoformat()).glob("delivered-*"):
        f.unlink()
    home = home.model_copy(update={"brief_regions": []})  # the national digest only
    cfg = _cfg(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
               email_to=["kim@example.id", "humas@example.id"], telegram_bot_token=TOKEN,
               telegram_chat_ids=["1", "2", "3"], telegram_api_base=base)
    handler.refuse = {"2"}  # the second chat fails: the first got it, the third never tried
    with pytest.raises(DeliveryError, match="chat 2"):
        deliver_daily(home, DAY, cfg)
    assert [c[1]["chat_id"] for c in handler.calls] == ["1", "2"]
    # one message per address: recipients do not see each other
    assert sorted(m[1] for m in inbox.messages) == [["humas@example.id"], ["kim@example.id"]]
    markers = sorted(f.name for f in (home.reports_dir / DAY.isoformat()).glob("delivered-*"))
    assert len(markers) == 3 and not any("kim" in m or "@" in m for m in markers)
    handler.refuse = set()
    again = deliver_daily(home, DAY, cfg)  # the retry sends to chats 2 and 3 only
    assert (again["email"], again["telegram"], again["skipped"]) == (0, 2, 3)
    assert [c[1]["chat_id"] for c in handler.calls] == ["1", "2", "2", "3"]
    assert len(inbox.messages) == 2


def test_config_from_environment_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_EMAIL_TO", "a@x.id, b@y.id")
    monkeypatch.setenv("PANTAU_TELEGRAM_CHAT_IDS", "[-100123, 42]")
    monkeypatch.setenv("PANTAU_SMTP_HOST", "smtp.example.id")
    monkeypatch.setenv("PANTAU_TELEGRAM_BOT_TOKEN", "secret-token")
    cfg = DeliveryConfig()
    assert cfg.email_to == ["a@x.id", "b@y.id"]
    assert cfg.telegram_chat_ids == ["-100123", "42"]
    assert cfg.email_enabled and cfg.telegram_enabled
    assert "secret-token" not in repr(cfg)


def test_airflow_connections_fill_what_the_environment_leaves_empty() -> None:
    class Conn:
        def __init__(self, **kw: Any) -> None:
            self.__dict__.update(kw)

    conns = {
        "pantau_smtp": Conn(host="smtp.kominfo.example.id", port=465, login="pantau",
                            password="pw", extra_dejson={"to": "a@x.id,b@x.id",
                                                         "from": "p@x.id", "security": "ssl"}),
        "pantau_telegram": Conn(host="127.0.0.1:8081", password="tok", login=None,
                                extra_dejson={"chat_ids": [-5]}),
    }

    def get(conn_id: str) -> Any:
        if conn_id not in conns:
            raise KeyError(conn_id)
        return conns[conn_id]

    cfg = _cfg().with_airflow_connections(get)
    assert (cfg.smtp_host, cfg.smtp_port, cfg.smtp_security) == ("smtp.kominfo.example.id",
                                                                 465, "ssl")
    assert cfg.email_to == ["a@x.id", "b@x.id"] and cfg.email_from == "p@x.id"
    assert cfg.telegram_chat_ids == ["-5"] and cfg.telegram_api_base == "https://127.0.0.1:8081"
    assert cfg.telegram_bot_token is not None and cfg.telegram_bot_token.get_secret_value() == "tok"
    # nothing defined: unchanged, no error
    assert _cfg().with_airflow_connections(lambda _id: (_ for _ in ()).throw(KeyError(_id))) \
        == _cfg()


def test_delivery_follows_each_subscribers_scope(home: Settings, smtp: tuple[int, _Inbox],
                                                 telegram: tuple[str, Any]) -> None:
    from reports.briefings import load_briefing
    from reports.render import render_text

    port, inbox = smtp
    base, handler = telegram
    for f in (home.reports_dir / DAY.isoformat()).glob("delivered-*"):
        f.unlink()
    settings = home.model_copy(update={"brief_regions": []})
    cfg = _cfg(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
               telegram_bot_token=TOKEN, telegram_api_base=base,
               subscribers=json.dumps([
                   {"email": "humas@jatengprov.go.id", "scope": "Jawa Tengah"},
                   {"email": "humas@jatimprov.go.id", "scope": "35"},
                   {"telegram": 3300, "scope": "33"}]))
    out = deliver_daily(settings, DAY, cfg)
    assert (out["email"], out["telegram"], out["skipped"]) == (2, 1, 0)
    assert out["scopes"] == ["33", "35"]  # nobody subscribed to the national digest
    by_rcpt = {m[1][0]: m[2] for m in inbox.messages}
    jateng, jatim = by_rcpt["humas@jatengprov.go.id"], by_rcpt["humas@jatimprov.go.id"]
    assert "Jawa Tengah" in jateng["Subject"] and "Jawa Timur" not in jateng["Subject"]
    assert "Jawa Timur" in jatim["Subject"]
    want_33 = render_text(load_briefing(settings, DAY, "33"), style="plain")
    want_35 = render_text(load_briefing(settings, DAY, "35"), style="plain")
    assert want_33 != want_35
    def body(m: Message) -> list[str]:  # e-mail turns line ends into CRLF
        return [line.rstrip() for line in m.get_body(("plain",)).get_content().strip().splitlines()]

    assert body(jateng) == [line.rstrip() for line in want_33.strip().splitlines()]
    assert body(jatim) == [line.rstrip() for line in want_35.strip().splitlines()]
    assert [c[1]["chat_id"] for c in handler.calls] == ["3300"]
    assert handler.calls[0][1]["text"] == render_text(load_briefing(settings, DAY, "33"),
                                                      style="telegram")
    # a retry: each recipient already has its scope's digest
    again = deliver_daily(settings, DAY, cfg)
    assert (again["email"], again["telegram"], again["skipped"]) == (0, 0, 3)
    assert len(inbox.messages) == 2 and len(handler.calls) == 1


def test_an_unknown_subscriber_scope_stops_before_any_message(
        home: Settings, smtp: tuple[int, _Inbox]) -> None:
    from reports.briefings import BriefingError

    port, inbox = smtp
    cfg = _cfg(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
               subscribers=[{"email": "a@x.id", "scope": "33"},
                            {"email": "b@x.id", "scope": "Atlantis"}])
    with pytest.raises(BriefingError, match="Atlantis"):
        deliver_daily(home, DAY, cfg)
    assert inbox.messages == []
    with pytest.raises(ValueError, match="exactly one"):
        _cfg(subscribers=[{"email": "a@x.id", "telegram": "5", "scope": ""}])


@pytest.fixture
def desk_users(home: Settings) -> Iterator[Path]:
    """A desk store in the built home, removed afterwards (the home is shared by the suite)."""
    from desk.store import store_path

    path = store_path(home.home)
    for f in (home.reports_dir / DAY.isoformat()).glob("delivered-*"):
        f.unlink()
    yield path
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        part.unlink(missing_ok=True)
    for f in (home.reports_dir / DAY.isoformat()).glob("delivered-*"):
        f.unlink()


def test_desk_users_get_their_own_scopes_briefing(home: Settings, smtp: tuple[int, _Inbox],
                                                  telegram: tuple[str, Any],
                                                  desk_users: Path) -> None:
    """Officers added with `pantau users add --email/--telegram` receive their scope's digest
    beside PANTAU_SUBSCRIBERS, once; a disabled officer and one without a contact get nothing."""
    from typer.testing import CliRunner

    from pipelines.cli import app
    from reports.briefings import load_briefing
    from reports.render import render_text

    port, inbox = smtp
    base, handler = telegram
    runner = CliRunner()

    def cli(*args: str) -> str:
        result = runner.invoke(app, list(args), input="kata-sandi-uji-1\n")
        assert result.exit_code == 0, result.output
        return result.output

    cli("users", "add", "sari", "--role", "analis", "--scope", "Jawa Tengah",
        "--email", "sari@jatengprov.go.id", "--phone", "0812 3456 7890", "--password-stdin")
    cli("users", "add", "budi", "--role", "verifikator", "--scope", "35",
        "--telegram", "3500", "--password-stdin")
    cli("users", "add", "pusat", "--role", "admin", "--email", "pusat@komdigi.go.id",
        "--password-stdin")
    cli("users", "add", "lama", "--role", "analis", "--scope", "33",
        "--email", "lama@jatengprov.go.id", "--password-stdin")
    cli("users", "add", "tanpa", "--role", "analis", "--scope", "33", "--password-stdin")
    cli("users", "disable", "lama")
    listed = {u["user"]: u for u in json.loads(cli("users", "list", "--format", "json"))}
    assert listed["sari"]["contact"] == "sari@jatengprov.go.id WA +6281234567890"
    assert listed["budi"]["contact"] == "TG 3500" and listed["tanpa"]["contact"] == "—"
    assert listed["lama"]["state"] == "disabled"
    bad = runner.invoke(app, ["users", "contact", "tanpa", "--email", "bukan-alamat"])
    assert bad.exit_code == 2 and "not an e-mail address" in bad.output

    settings = home.model_copy(update={"brief_regions": []})
    cfg = _cfg(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
               telegram_bot_token=TOKEN, telegram_api_base=base,
               # sari is on the list too, for the same scope: she gets it once
               subscribers=[{"email": "sari@jatengprov.go.id", "scope": "33"}])
    out = deliver_daily(settings, DAY, cfg)
    assert (out["email"], out["telegram"], out["skipped"]) == (2, 1, 0)
    assert out["scopes"] == ["nasional", "33", "35"]
    by_rcpt: dict[str, list[Message]] = {}
    for _sender, rcpts, msg in inbox.messages:
        assert len(rcpts) == 1
        by_rcpt.setdefault(rcpts[0], []).append(msg)
    assert sorted(by_rcpt) == ["pusat@komdigi.go.id", "sari@jatengprov.go.id"]
    assert all(len(v) == 1 for v in by_rcpt.values())
    sari = by_rcpt["sari@jatengprov.go.id"][0]
    assert "Jawa Tengah" in sari["Subject"]
    want_33 = render_text(load_briefing(settings, DAY, "33"), style="plain")
    assert [line.rstrip() for line in sari.get_body(("plain",)).get_content().strip()
            .splitlines()] == [line.rstrip() for line in want_33.strip().splitlines()]
    assert "Nasional" in by_rcpt["pusat@komdigi.go.id"][0]["Subject"]
    assert [c[1]["chat_id"] for c in handler.calls] == ["3500"]
    assert handler.calls[0][1]["text"] == render_text(load_briefing(settings, DAY, "35"),
                                                      style="telegram")

    # re-enabling the disabled officer: the retry sends to them only
    cli("users", "reset-password", "lama", "--password-stdin")
    again = deliver_daily(settings, DAY, cfg)
    assert (again["email"], again["telegram"], again["skipped"]) == (1, 0, 3)
    assert inbox.messages[-1][1] == ["lama@jatengprov.go.id"]
    # clearing a contact takes the officer off the list
    cli("users", "contact", "pusat", "--email", "")
    from reports.delivery import desk_subscribers

    assert "pusat@komdigi.go.id" not in {s.email for s in desk_subscribers(home.home)}


def test_an_old_desk_store_is_migrated_in_place(tmp_path: Path) -> None:
    """A store from before contacts (no user_version) keeps its users and gains the columns."""
    import sqlite3

    from desk.store import SCHEMA, SCHEMA_VERSION, DeskStore

    path = tmp_path / "desk.sqlite"
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    con.execute("INSERT INTO users (username, role, scope, password_hash, created_at,"
                " updated_at) VALUES ('sari', 'analis', '33', 'x', 'now', 'now')")
    con.commit()
    con.close()
    store = DeskStore(path)
    assert store.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
    assert store.subscribers() == []
    store.set_contact("sari", email="sari@jatengprov.go.id")
    assert store.subscribers() == [{"username": "sari", "scope": "33",
                                    "email": "sari@jatengprov.go.id", "phone": None,
                                    "telegram": None}]
    DeskStore(path)  # opening again changes nothing
    assert store.users()[0]["email"] == "sari@jatengprov.go.id"
