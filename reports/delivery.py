"""Deliver the daily digest by e-mail (SMTP) and Telegram — only where configured.

Configuration, from PANTAU_* variables or the same TOML file as the other settings:

    PANTAU_SMTP_HOST, PANTAU_SMTP_PORT (587), PANTAU_SMTP_USER, PANTAU_SMTP_PASSWORD,
    PANTAU_SMTP_SECURITY (starttls | ssl | none), PANTAU_EMAIL_FROM,
    PANTAU_EMAIL_TO (JSON list or comma-separated addresses)
    PANTAU_TELEGRAM_BOT_TOKEN, PANTAU_TELEGRAM_CHAT_IDS (JSON list or comma-separated),
    PANTAU_TELEGRAM_API_BASE (https://api.telegram.org)

Under Airflow, an SMTP connection (`PANTAU_SMTP_CONN_ID`, default `pantau_smtp`: host, port,
login, password; extra `{"from": …, "to": […], "security": …}`) and a Telegram connection
(`PANTAU_TELEGRAM_CONN_ID`, default `pantau_telegram`: password = bot token, host = API base;
extra `{"chat_ids": […]}`) fill whatever the variables leave empty.

Delivery follows scope. Subscribers with a scope get the briefing and digest of that scope only:

    PANTAU_SUBSCRIBERS='[{"email": "humas@jatengprov.go.id", "scope": "Jawa Tengah"},
                         {"telegram": "-1001234", "scope": "33.74"},
                         {"email": "pusat@komdigi.go.id", "scope": ""}]'

or `[[subscribers]]` tables in the TOML file. A scope is national (`""`), a province or a
kabupaten/kota (a name or a Kemendagri code), or `"*"` for every briefing scope of the day (the
national one and PANTAU_BRIEF_REGIONS). The plain lists PANTAU_EMAIL_TO and
PANTAU_TELEGRAM_CHAT_IDS are `"*"` subscribers (the central desk that reads every scope), as
before.

Desk users are subscribers too: every active (not disabled) user of `pantau users` with an
e-mail address or a Telegram chat (`pantau users add … --email/--telegram`, `pantau users
contact`) gets the briefing of their own scope, beside PANTAU_SUBSCRIBERS, once (a recipient in
both gets it once per scope). Their WhatsApp number is kept but not sent to: there is no
WhatsApp channel (the digest is written for WhatsApp; KIM relay it by hand).

Each digest goes to each of its recipients (e-mail address, Telegram chat) once per day: a
marker file beside the briefing (`delivered-<channel>-<scope>-<recipient hash>.json`), written
as soon as that recipient's message went out, makes a retry skip exactly who already got it, so
a failure half-way re-sends to nobody. E-mail goes as one message per address (recipients do
not see each other). Two deliveries of a day at once (the CLI and the DAG) take turns.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import smtplib
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    NoDecode,
)

from pipelines.settings import PantauBaseSettings, Settings
from reports.briefings import (
    BriefingError,
    briefing_path,
    load_briefing,
    resolve_scope,
    scope_slug,
)
from reports.i18n import fmt_date, texts
from reports.render import render_text

log = logging.getLogger(__name__)


class DeliveryError(BriefingError):
    """A channel is configured but refused the message (bad address, token, server)."""


def _split(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            value = json.loads(value)
        else:
            return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return value


ALL_SCOPES = "*"


class Subscriber(BaseModel):
    """One recipient and the scope whose briefing it gets."""

    model_config = ConfigDict(extra="forbid")

    email: str | None = None
    telegram: str | None = None  # a chat id
    scope: str = ""  # national; a province / kabupaten-kota name or code; "*" every scope

    @field_validator("telegram", mode="before")
    @classmethod
    def _chat_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value

    @model_validator(mode="after")
    def _one_channel(self) -> Subscriber:
        if bool(self.email) == bool(self.telegram):
            raise ValueError("a subscriber needs exactly one of 'email' or 'telegram'")
        return self

    @property
    def channel(self) -> str:
        return "email" if self.email else "telegram"

    @property
    def recipient(self) -> str:
        return self.email or self.telegram or ""


class DeliveryConfig(PantauBaseSettings):
    # Secrets for delivery live apart from the pipeline settings, read the same way.

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_security: str = Field(default="starttls", pattern="^(starttls|ssl|none)$")
    smtp_timeout_s: float = 30.0
    email_from: str | None = None
    email_to: Annotated[list[str], NoDecode] = Field(default_factory=list)
    telegram_bot_token: SecretStr | None = None
    telegram_chat_ids: Annotated[list[str], NoDecode] = Field(default_factory=list)
    telegram_api_base: str = "https://api.telegram.org"
    subscribers: Annotated[list[Subscriber], NoDecode] = Field(default_factory=list)
    smtp_conn_id: str = "pantau_smtp"
    telegram_conn_id: str = "pantau_telegram"

    @field_validator("email_to", "telegram_chat_ids", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _split(value)

    @field_validator("subscribers", mode="before")
    @classmethod
    def _subscribers(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value) if value.strip() else []
            except ValueError:
                raise ValueError("PANTAU_SUBSCRIBERS must be a JSON list like "
                                 '[{"email": "a@b.id", "scope": "Jawa Tengah"}]') from None
        return value

    def _has(self, channel: str) -> bool:
        return any(s.channel == channel for s in self.subscribers)

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_host and (self.email_to or self._has("email")))

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_bot_token and (self.telegram_chat_ids or self._has("telegram")))

    def everyone(self) -> list[Subscriber]:
        """Every subscriber: the scoped ones, then the plain lists as every-scope ones."""
        plain = ([Subscriber(email=a, scope=ALL_SCOPES) for a in self.email_to]
                 + [Subscriber(telegram=c, scope=ALL_SCOPES) for c in self.telegram_chat_ids])
        return [*self.subscribers, *plain]

    def with_airflow_connections(self, get: Callable[[str], Any] | None = None
                                 ) -> DeliveryConfig:
        """Fill empty fields from Airflow connections (inside a task; quietly skipped
        where Airflow or the connection is absent)."""
        if get is None:
            try:
                from airflow.sdk import BaseHook
            except ImportError:
                return self
            get = BaseHook.get_connection
        update: dict[str, Any] = {}
        smtp = _connection(get, self.smtp_conn_id)
        if smtp is not None and not self.smtp_host:
            extra = _extra(smtp)
            update |= {"smtp_host": smtp.host, "smtp_user": smtp.login or None}
            if smtp.port:
                update["smtp_port"] = int(smtp.port)
            if smtp.password:
                update["smtp_password"] = SecretStr(smtp.password)
            if extra.get("from") and not self.email_from:
                update["email_from"] = extra["from"]
            if extra.get("to") and not self.email_to:
                update["email_to"] = _split(extra["to"])
            if extra.get("security"):
                update["smtp_security"] = extra["security"]
        tg = _connection(get, self.telegram_conn_id)
        if tg is not None and not self.telegram_bot_token:
            extra = _extra(tg)
            if tg.password:
                update["telegram_bot_token"] = SecretStr(tg.password)
            if tg.host:
                host = str(tg.host)
                update["telegram_api_base"] = host if "://" in host else f"https://{host}"
            if extra.get("chat_ids") and not self.telegram_chat_ids:
                update["telegram_chat_ids"] = [str(c) for c in _split(extra["chat_ids"])]
        return self.model_copy(update=update) if update else self


def _connection(get: Callable[[str], Any], conn_id: str) -> Any:
    try:
        return get(conn_id)
    except Exception:  # noqa: BLE001 - "not defined" has many shapes across Airflow versions
        return None


def _extra(conn: Any) -> dict[str, Any]:
    extra = getattr(conn, "extra_dejson", None)
    if isinstance(extra, dict):
        return extra
    try:
        return dict(json.loads(getattr(conn, "extra", None) or "{}"))
    except ValueError:
        return {}


def send_email(cfg: DeliveryConfig, subject: str, text: str,
               attachments: list[Path] | None = None, to: list[str] | None = None) -> None:
    """One message to the addresses `to` (default: all of `email_to`); briefings attached."""
    if not cfg.email_enabled:
        return
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = cfg.email_from or cfg.smtp_user or f"pantau@{cfg.smtp_host}"
    msg["To"] = ", ".join(to if to is not None else cfg.email_to)
    msg.set_content(text)
    types = {".html": ("text", "html"), ".pdf": ("application", "pdf"),
             ".md": ("text", "markdown")}
    for path in attachments or []:
        maintype, subtype = types.get(path.suffix, ("application", "octet-stream"))
        msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                           filename=path.name)
    password = cfg.smtp_password.get_secret_value() if cfg.smtp_password else None
    try:
        smtp: smtplib.SMTP
        if cfg.smtp_security == "ssl":
            smtp = smtplib.SMTP_SSL(cfg.smtp_host or "", cfg.smtp_port,
                                    timeout=cfg.smtp_timeout_s,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(cfg.smtp_host or "", cfg.smtp_port, timeout=cfg.smtp_timeout_s)
        with smtp:
            if cfg.smtp_security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if cfg.smtp_user and password:
                smtp.login(cfg.smtp_user, password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"E-mail via {cfg.smtp_host}:{cfg.smtp_port} failed: {exc}") from exc


_BOT_TOKEN = re.compile(r"\d{3,15}:[A-Za-z0-9_-]{30,64}")


def telegram_endpoint(cfg: DeliveryConfig) -> str:
    """The sendMessage URL, after checking the token and the API base. The URL carries the
    token, so it never goes into a message, a log line or a traceback."""
    token = cfg.telegram_bot_token.get_secret_value().strip() if cfg.telegram_bot_token else ""
    if not _BOT_TOKEN.fullmatch(token):
        raise DeliveryError("PANTAU_TELEGRAM_BOT_TOKEN is not a bot token (expected "
                            "<digits>:<35 letters> from @BotFather); check it for stray quotes "
                            "or spaces.")
    base = cfg.telegram_api_base.strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise DeliveryError(f"PANTAU_TELEGRAM_API_BASE {base[:80]!r} is not an http(s) URL; "
                            "set it like https://api.telegram.org.")
    return f"{base}/bot{token}/sendMessage"


def send_telegram(cfg: DeliveryConfig, text: str, chats: list[str] | None = None) -> None:
    """sendMessage to `chats` (default: every configured chat; HTML parse mode: the digest is
    escaped for it)."""
    if not cfg.telegram_enabled or cfg.telegram_bot_token is None:
        return
    url = telegram_endpoint(cfg)
    token = cfg.telegram_bot_token.get_secret_value().strip()

    def hide(message: str) -> str:
        return message.replace(token, "***")

    for chat in chats if chats is not None else cfg.telegram_chat_ids:
        body = json.dumps({"chat_id": chat, "text": text, "parse_mode": "HTML",
                           "disable_web_page_preview": True}).encode("utf-8")
        error: str | None = None
        try:
            request = urllib.request.Request(url, data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                reply = json.loads(response.read().decode("utf-8") or "{}")
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:200]
            error = f"Telegram refused the message for chat {chat}: HTTP {exc.code} {detail}"
        except Exception as exc:  # noqa: BLE001 - anything here may carry the URL (the token)
            error = f"Telegram unreachable: {type(exc).__name__}: {getattr(exc, 'reason', exc)}"
        if error is not None:
            raise DeliveryError(hide(error)) from None
        if not reply.get("ok"):
            raise DeliveryError(hide(f"Telegram refused the message for chat {chat}: "
                                     f"{reply.get('description', reply)}"))


def _marker(settings: Settings, day: date, channel: str, code: str | None,
            recipient: str | None = None) -> Path:
    # the recipient (an address, a chat id) is hashed: file names end up in logs and listings
    who = "" if recipient is None else "-" + hashlib.sha256(
        recipient.encode("utf-8")).hexdigest()[:16]
    return (settings.reports_dir / day.isoformat()
            / f"delivered-{channel}-{scope_slug(code)}{who}.json")


def desk_subscribers(home: Path) -> list[Subscriber]:
    """The desk's active users with an e-mail address or a Telegram chat, each for their own
    scope ('' national, else a region code). None where the desk has no store yet."""
    from desk.store import DeskStore, store_path

    path = store_path(home)
    if not path.exists():
        return []
    out: list[Subscriber] = []
    for user in DeskStore(path).subscribers():
        if user["email"]:
            out.append(Subscriber(email=user["email"], scope=user["scope"]))
        if user["telegram"]:
            out.append(Subscriber(telegram=user["telegram"], scope=user["scope"]))
    return out


def with_desk_users(settings: Settings, cfg: DeliveryConfig) -> DeliveryConfig:
    """`cfg` with the desk's users added to its subscribers (recipients_by_scope dedupes)."""
    desk = desk_subscribers(settings.home)
    return cfg.model_copy(update={"subscribers": [*cfg.subscribers, *desk]}) if desk else cfg


def recipients_by_scope(settings: Settings, cfg: DeliveryConfig
                        ) -> dict[str | None, dict[str, list[str]]]:
    """scope code (None = national) -> channel -> recipients, for the enabled channels.

    A recipient subscribed to a scope twice (say, "*" and its province) gets it once."""
    daily = [resolve_scope(r) for r in [None, *settings.brief_regions]]
    on = {c for c, enabled in (("email", cfg.email_enabled),
                               ("telegram", cfg.telegram_enabled)) if enabled}
    out: dict[str | None, dict[str, list[str]]] = {}
    for sub in cfg.everyone():
        if sub.channel not in on:
            continue
        scopes = daily if sub.scope.strip() == ALL_SCOPES else [resolve_scope(sub.scope)]
        for code in scopes:
            who = out.setdefault(code, {}).setdefault(sub.channel, [])
            if sub.recipient not in who:
                who.append(sub.recipient)
    # national first, then by code: a stable order for retries and logs
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is not None, kv[0] or "")))


def deliver_daily(settings: Settings, day: date, cfg: DeliveryConfig | None = None,
                  force: bool = False) -> dict[str, Any]:
    """Send each scope's digest to that scope's subscribers (see the module docstring).

    Counts are messages: `email` and `telegram` sent now, `skipped` already sent earlier;
    `scopes` the scopes that had subscribers."""
    from pipelines.fileio import write_atomic
    from pipelines.locks import exclusive, lock_path

    cfg = with_desk_users(settings, cfg or DeliveryConfig())
    result: dict[str, Any] = {"email": 0, "telegram": 0, "skipped": 0,
                              "configured": [c for c, on in (("email", cfg.email_enabled),
                                                             ("telegram", cfg.telegram_enabled))
                                             if on]}
    if not result["configured"]:
        log.info("delivery: no channel configured, nothing sent")
        return result
    lang = settings.brief_lang
    t = texts(lang)
    plan = recipients_by_scope(settings, cfg)  # unknown scopes fail here, before any message
    result["scopes"] = [scope_slug(code) for code in plan]
    with exclusive(lock_path(settings.home, f"deliver-{day.isoformat()}"),
                   f"Delivery of {day.isoformat()}", settings.lock_timeout_s):
        for code, by_channel in plan.items():
            b = load_briefing(settings, day, code, lang)
            html_path = briefing_path(settings, day, code, lang, "html")
            for channel, recipients in by_channel.items():
                # a marker from before per-recipient markers covers the whole channel
                everyone = _marker(settings, day, channel, code).exists() and not force
                for recipient in recipients:
                    marker = _marker(settings, day, channel, code, recipient)
                    if (everyone or marker.exists()) and not force:
                        result["skipped"] += 1
                        continue
                    if channel == "email":
                        attachments = [p for p in (html_path, briefing_path(
                            settings, day, code, lang, "pdf")) if p.exists()]
                        send_email(cfg, f"{t['title']} — {b.scope_name} — "
                                        f"{fmt_date(day, lang)}",
                                   render_text(b, style="plain"), attachments, to=[recipient])
                    else:
                        send_telegram(cfg, render_text(b, style="telegram"), chats=[recipient])
                    # right after this recipient's message: a later failure re-sends to nobody
                    write_atomic(marker, json.dumps({"sent_at": datetime.now(UTC).isoformat(),
                                                     "channel": channel}))
                    result[channel] += 1
    return result


def deliver_for(settings: Settings, day: date) -> dict[str, Any]:
    """What the Airflow `deliver` task calls: the run's day, Airflow connections honoured."""
    cfg = DeliveryConfig().with_airflow_connections()
    out = deliver_daily(settings, day, cfg)
    return {"email": out["email"], "telegram": out["telegram"],
            "skipped": out["skipped"], "configured": ",".join(out["configured"]) or "none"}
