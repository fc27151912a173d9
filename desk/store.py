"""The desk's own store: SQLite in WAL mode at $PANTAU_HOME/desk.sqlite.

The pipeline holds DuckDB's single writer for minutes, so the desk never writes the warehouse:
users, the append-only action log and the current state of every review live here, and the
pipeline mirrors them into the warehouse (desk/mirror.py) at the start of the stages that need
them. WAL lets the pipeline read while officers write; each action is one short transaction.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROLES = ("analis", "verifikator", "kepala", "admin")
LABELS = ("hoax", "not_hoax")
MESSAGE_STATES = ("draft", "validated", "approved")

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    username      TEXT PRIMARY KEY,
    display_name  TEXT,
    role          TEXT NOT NULL CHECK (role IN ('analis', 'verifikator', 'kepala', 'admin')),
    scope         TEXT NOT NULL DEFAULT '',      -- '' national, else a region code
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    session_epoch INTEGER NOT NULL DEFAULT 0,    -- bumped to end every session of the user
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS login_failures (
    username TEXT NOT NULL,
    client   TEXT NOT NULL,
    at       REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_at ON login_failures (at);
CREATE TABLE IF NOT EXISTS actions (
    action_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    username     TEXT NOT NULL,
    role         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    narrative_id TEXT,
    post_id      TEXT,
    region_code  TEXT NOT NULL DEFAULT '',
    value        TEXT,                           -- JSON: what the action set
    previous     TEXT                            -- JSON: what it replaced (null if nothing)
);
CREATE INDEX IF NOT EXISTS actions_narrative ON actions (narrative_id);
CREATE TRIGGER IF NOT EXISTS actions_no_update BEFORE UPDATE ON actions
BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS actions_no_delete BEFORE DELETE ON actions
BEGIN SELECT RAISE(ABORT, 'the action log is append-only'); END;
CREATE TABLE IF NOT EXISTS labels (
    target       TEXT NOT NULL CHECK (target IN ('post', 'narrative')),
    target_id    TEXT NOT NULL,
    username     TEXT NOT NULL,
    label        TEXT NOT NULL CHECK (label IN ('hoax', 'not_hoax')),
    narrative_id TEXT,
    at           TEXT NOT NULL,
    action_id    INTEGER NOT NULL,
    PRIMARY KEY (target, target_id, username)
);
CREATE TABLE IF NOT EXISTS match_decisions (
    narrative_id  TEXT NOT NULL,
    fact_check_id TEXT NOT NULL,
    decision      TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
    username      TEXT NOT NULL,
    at            TEXT NOT NULL,
    action_id     INTEGER NOT NULL,
    PRIMARY KEY (narrative_id, fact_check_id)
);
CREATE TABLE IF NOT EXISTS counter_messages (
    message_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    narrative_id  TEXT NOT NULL,
    region_code   TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    fact_check_id TEXT,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'validated', 'approved')),
    drafted_by    TEXT NOT NULL,
    drafted_at    TEXT NOT NULL,
    validated_by  TEXT,
    validated_at  TEXT,
    approved_by   TEXT,
    approved_at   TEXT
);
CREATE TABLE IF NOT EXISTS countered_marks (
    narrative_id TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    url          TEXT NOT NULL,
    username     TEXT NOT NULL,
    at           TEXT NOT NULL,
    action_id    INTEGER NOT NULL,
    PRIMARY KEY (narrative_id, region_code)
);
"""

# The store's own migrations, in order: MIGRATIONS[i] takes PRAGMA user_version from i + 1 to
# i + 2 (SCHEMA above is version 1; a store from before versions were kept reads 0 and gets
# SCHEMA, which creates only what is missing, then the rest). Never edit one that has shipped:
# append a new one.
MIGRATIONS: tuple[str, ...] = (
    # 2: an officer's own contact, so delivery reaches desk users without a separate list
    """
    ALTER TABLE users ADD COLUMN email TEXT;
    ALTER TABLE users ADD COLUMN phone TEXT;      -- WhatsApp number, +62...
    ALTER TABLE users ADD COLUMN telegram TEXT;   -- a Telegram chat id
    """,
)
SCHEMA_VERSION = 1 + len(MIGRATIONS)
CONTACTS = ("email", "phone", "telegram")
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")
_TELEGRAM = re.compile(r"-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31}")


class DeskError(Exception):
    """A desk request the user must correct (one line, says what to do)."""


class Conflict(DeskError):
    """The action does not fit the current state (e.g. approving an unvalidated message)."""


def _statements(script: str) -> list[str]:
    """Split a script into statements (triggers' BEGIN ... END; kept whole), so they run in
    one transaction (executescript would commit first)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s.rstrip(";").strip()]


def normalise_contact(kind: str, value: str | None) -> str | None:
    """An e-mail address, a WhatsApp number (+62…) or a Telegram chat id, checked; None or ''
    clears it."""
    value = (value or "").strip()
    if not value:
        return None
    if kind == "email":
        if not _EMAIL.fullmatch(value):
            raise DeskError(f"'{value}' is not an e-mail address (like humas@jatengprov.go.id).")
        return value
    if kind == "phone":
        digits = re.sub(r"[\s().-]", "", value)
        if digits.startswith("0"):
            digits = "+62" + digits[1:]
        elif digits.startswith("62"):
            digits = "+" + digits
        if not re.fullmatch(r"\+\d{8,15}", digits):
            raise DeskError(f"'{value}' is not a WhatsApp number (like 0812 3456 7890 or "
                            "+62 812 3456 7890).")
        return digits
    if kind == "telegram":
        if not _TELEGRAM.fullmatch(value):
            raise DeskError(f"'{value}' is not a Telegram chat id (digits, e.g. -1001234567).")
        return value
    raise ValueError(f"unknown contact kind {kind!r}")


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    role: str
    scope: str  # '' = national
    disabled: bool
    session_epoch: int


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def store_path(home: Path) -> Path:
    return home / "desk.sqlite"


class DeskStore:
    """One SQLite file; a connection per thread (sqlite3 connections are not shared)."""

    def __init__(self, path: Path, busy_timeout_ms: int = 5000) -> None:
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    def _migrate(self) -> None:
        con = self._con()
        if int(con.execute("PRAGMA user_version").fetchone()[0]) >= SCHEMA_VERSION:
            return
        con.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait, then see it
        try:
            version = int(con.execute("PRAGMA user_version").fetchone()[0])
            if version < 1:
                for statement in _statements(SCHEMA):
                    con.execute(statement)
                version = 1
            for sql in MIGRATIONS[version - 1:]:
                for statement in _statements(sql):
                    con.execute(statement)
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=True)
            con.row_factory = sqlite3.Row
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")  # durable at checkpoints; fine in WAL
            con.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
            con.execute("PRAGMA foreign_keys=ON")
            self._local.con = con
        return con

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        con = self._con()
        con.execute("BEGIN IMMEDIATE")  # take the write lock now: no upgrade deadlocks
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._con().execute(sql, params).fetchall()]

    # --- users ---------------------------------------------------------------------------

    def add_user(self, username: str, password_hash: str, role: str, scope: str,
                 display_name: str | None = None, *, email: str | None = None,
                 phone: str | None = None, telegram: str | None = None) -> None:
        if role not in ROLES:
            raise DeskError(f"Unknown role '{role}'; use one of {', '.join(ROLES)}.")
        contact = {k: normalise_contact(k, v)
                   for k, v in (("email", email), ("phone", phone), ("telegram", telegram))}
        stamp = now_iso()
        try:
            with self.transaction() as con:
                con.execute(
                    "INSERT INTO users (username, display_name, role, scope, password_hash,"
                    " email, phone, telegram, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (username, display_name or username, role, scope, password_hash,
                     contact["email"], contact["phone"], contact["telegram"], stamp, stamp))
        except sqlite3.IntegrityError:
            raise DeskError(f"User '{username}' already exists; use `pantau users "
                            "reset-password` to change the password.") from None

    def set_contact(self, username: str, **contact: str | None) -> None:
        """Set (a value) or clear ('') an officer's e-mail, WhatsApp number or Telegram chat;
        sessions go on (a contact is not a credential)."""
        if not contact or not set(contact) <= set(CONTACTS):
            raise ValueError(f"cannot set {sorted(set(contact) - set(CONTACTS))}")
        values = {k: normalise_contact(k, v) for k, v in contact.items()}
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as con:
            cur = con.execute(f"UPDATE users SET {sets}, updated_at = ? WHERE username = ?",
                              (*values.values(), now_iso(), username))
            if cur.rowcount == 0:
                raise DeskError(f"No user '{username}'; `pantau users list` shows them.")

    def subscribers(self) -> list[dict[str, Any]]:
        """Active (not disabled) users with a contact: username, scope ('' national), email,
        phone, telegram. What delivery sends each officer's scope to."""
        return self.query("SELECT username, scope, email, phone, telegram FROM users"
                          " WHERE disabled = 0 AND (coalesce(email, '') <> ''"
                          " OR coalesce(phone, '') <> '' OR coalesce(telegram, '') <> '')"
                          " ORDER BY username")

    def user(self, username: str) -> tuple[User, str] | None:
        rows = self.query("SELECT * FROM users WHERE username = ?", (username,))
        if not rows:
            return None
        r = rows[0]
        return (User(r["username"], r["display_name"] or r["username"], r["role"], r["scope"],
                     bool(r["disabled"]), int(r["session_epoch"])), r["password_hash"])

    def users(self) -> list[dict[str, Any]]:
        return self.query("SELECT username, display_name, role, scope, disabled, email, phone,"
                          " telegram, created_at, updated_at FROM users ORDER BY username")

    def update_user(self, username: str, **fields: Any) -> None:
        """Change a user; every change ends the user's current sessions."""
        allowed = {"password_hash", "disabled", "role", "scope", "display_name"}
        if not fields or not set(fields) <= allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        sets = ", ".join(f"{k} = ?" for k in fields)
        with self.transaction() as con:
            cur = con.execute(
                f"UPDATE users SET {sets}, session_epoch = session_epoch + 1, updated_at = ?"
                " WHERE username = ?", (*fields.values(), now_iso(), username))
            if cur.rowcount == 0:
                raise DeskError(f"No user '{username}'; `pantau users list` shows them.")

    # --- failed logins -------------------------------------------------------------------

    def recent_failures(self, username: str, client: str, window_s: float) -> tuple[int, int]:
        since = time.time() - window_s
        row = self._con().execute(
            "SELECT count(*) FILTER (WHERE username = ?), count(*) FILTER (WHERE client = ?)"
            " FROM login_failures WHERE at >= ?", (username, client, since)).fetchone()
        return int(row[0]), int(row[1])

    def record_failure(self, username: str, client: str, keep_s: float) -> None:
        with self.transaction() as con:
            con.execute("INSERT INTO login_failures VALUES (?, ?, ?)",
                        (username, client, time.time()))
            con.execute("DELETE FROM login_failures WHERE at < ?", (time.time() - keep_s,))

    def clear_failures(self, username: str) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM login_failures WHERE username = ?", (username,))

    # --- actions -------------------------------------------------------------------------

    @staticmethod
    def _log(con: sqlite3.Connection, user: User, kind: str, *, narrative_id: str | None,
             post_id: str | None = None, region_code: str = "", value: Any = None,
             previous: Any = None) -> int:
        cur = con.execute(
            "INSERT INTO actions (at, username, role, kind, narrative_id, post_id, region_code,"
            " value, previous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), user.username, user.role, kind, narrative_id, post_id, region_code,
             json.dumps(value, ensure_ascii=False, default=str),
             None if previous is None else json.dumps(previous, ensure_ascii=False,
                                                      default=str)))
        return int(cur.lastrowid or 0)

    def label(self, user: User, target: str, target_id: str, label: str,
              narrative_id: str | None) -> int:
        if label not in LABELS:
            raise DeskError(f"Unknown label '{label}'; use hoax or not_hoax.")
        with self.transaction() as con:
            old = con.execute("SELECT label FROM labels WHERE target = ? AND target_id = ? AND"
                              " username = ?", (target, target_id, user.username)).fetchone()
            action = self._log(con, user, f"label_{target}", narrative_id=narrative_id,
                               post_id=target_id if target == "post" else None,
                               region_code=user.scope, value={"label": label},
                               previous={"label": old["label"]} if old else None)
            con.execute("INSERT OR REPLACE INTO labels VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (target, target_id, user.username, label, narrative_id, now_iso(),
                         action))
        return action

    def decide_match(self, user: User, narrative_id: str, fact_check_id: str,
                     decision: str) -> int:
        if decision not in ("confirmed", "rejected"):
            raise DeskError("A match decision is confirmed or rejected.")
        with self.transaction() as con:
            old = con.execute("SELECT decision, username FROM match_decisions WHERE"
                              " narrative_id = ? AND fact_check_id = ?",
                              (narrative_id, fact_check_id)).fetchone()
            action = self._log(con, user, f"match_{decision}", narrative_id=narrative_id,
                               region_code=user.scope,
                               value={"fact_check_id": fact_check_id, "decision": decision},
                               previous=dict(old) if old else None)
            if decision == "confirmed":
                # one confirmed debunk per narrative: confirming another replaces it
                con.execute("UPDATE match_decisions SET decision = 'rejected' WHERE"
                            " narrative_id = ? AND fact_check_id <> ? AND decision ="
                            " 'confirmed'", (narrative_id, fact_check_id))
            con.execute("INSERT OR REPLACE INTO match_decisions VALUES (?, ?, ?, ?, ?, ?)",
                        (narrative_id, fact_check_id, decision, user.username, now_iso(),
                         action))
        return action

    def mark_countered(self, user: User, narrative_id: str, region_code: str, url: str) -> int:
        with self.transaction() as con:
            old = con.execute("SELECT url, username FROM countered_marks WHERE narrative_id = ?"
                              " AND region_code = ?", (narrative_id, region_code)).fetchone()
            action = self._log(con, user, "mark_countered", narrative_id=narrative_id,
                               region_code=region_code, value={"url": url},
                               previous=dict(old) if old else None)
            con.execute("INSERT OR REPLACE INTO countered_marks VALUES (?, ?, ?, ?, ?, ?)",
                        (narrative_id, region_code, url, user.username, now_iso(), action))
        return action

    def message(self, message_id: int) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM counter_messages WHERE message_id = ?", (message_id,))
        return rows[0] if rows else None

    def draft_message(self, user: User, narrative_id: str, region_code: str, text: str,
                      fact_check_id: str | None, message_id: int | None = None) -> int:
        """A new draft, or an edit of one; editing a validated message sends it back to draft
        (it has to be validated again: what was checked is no longer what would be sent)."""
        with self.transaction() as con:
            if message_id is None:
                cur = con.execute(
                    "INSERT INTO counter_messages (narrative_id, region_code, text,"
                    " fact_check_id, status, drafted_by, drafted_at) VALUES"
                    " (?, ?, ?, ?, 'draft', ?, ?)",
                    (narrative_id, region_code, text, fact_check_id, user.username, now_iso()))
                message_id = int(cur.lastrowid or 0)
                previous = None
            else:
                old = con.execute("SELECT * FROM counter_messages WHERE message_id = ?",
                                  (message_id,)).fetchone()
                if old is None or old["narrative_id"] != narrative_id:
                    raise DeskError(f"No counter-message {message_id} for this narrative.")
                if old["status"] == "approved":
                    raise Conflict("An approved counter-message cannot be edited; draft a new "
                                   "one.")
                previous = {"text": old["text"], "status": old["status"]}
                con.execute("UPDATE counter_messages SET text = ?, status = 'draft',"
                            " drafted_by = ?, drafted_at = ?, validated_by = NULL,"
                            " validated_at = NULL WHERE message_id = ?",
                            (text, user.username, now_iso(), message_id))
            self._log(con, user, "draft_message", narrative_id=narrative_id,
                      region_code=region_code,
                      value={"message_id": message_id, "text": text, "status": "draft"},
                      previous=previous)
        return message_id

    def advance_message(self, user: User, message_id: int, to: str) -> dict[str, Any]:
        """draft → validated (verifikator), validated → approved (kepala); two people."""
        need = {"validated": "draft", "approved": "validated"}[to]
        with self.transaction() as con:
            row = con.execute("SELECT * FROM counter_messages WHERE message_id = ?",
                              (message_id,)).fetchone()
            if row is None:
                raise DeskError(f"No counter-message {message_id}.")
            if row["status"] != need:
                raise Conflict(f"The counter-message is {row['status']}; it must be {need} "
                               f"to be {to}.")
            if to == "validated" and row["drafted_by"] == user.username:
                raise Conflict("The author of a counter-message cannot validate it; ask a "
                               "verifikator.")
            who, when = ("validated_by", "validated_at") if to == "validated" else \
                ("approved_by", "approved_at")
            con.execute(f"UPDATE counter_messages SET status = ?, {who} = ?, {when} = ?"
                        " WHERE message_id = ?", (to, user.username, now_iso(), message_id))
            kind = "validate_message" if to == "validated" else "approve_message"
            self._log(con, user, kind, narrative_id=row["narrative_id"],
                      region_code=row["region_code"],
                      value={"message_id": message_id, "status": to},
                      previous={"status": row["status"]})
            return dict(row) | {"status": to}

    # --- reads ---------------------------------------------------------------------------

    def narrative_state(self, narrative_id: str) -> dict[str, Any]:
        return {
            "labels": self.query("SELECT * FROM labels WHERE narrative_id = ? ORDER BY at",
                                 (narrative_id,)),
            "matches": {r["fact_check_id"]: r for r in self.query(
                "SELECT * FROM match_decisions WHERE narrative_id = ?", (narrative_id,))},
            "messages": self.query("SELECT * FROM counter_messages WHERE narrative_id = ?"
                                   " ORDER BY message_id DESC", (narrative_id,)),
            "marks": self.query("SELECT * FROM countered_marks WHERE narrative_id = ?"
                                " ORDER BY region_code", (narrative_id,)),
            "actions": self.query("SELECT * FROM actions WHERE narrative_id = ?"
                                  " ORDER BY action_id", (narrative_id,)),
        }

    def actions(self, scope: str = "", narrative_id: str | None = None, limit: int = 200,
                before: int | None = None) -> list[dict[str, Any]]:
        """Newest first; a regional scope sees the actions done inside it."""
        sql = "SELECT * FROM actions WHERE 1 = 1"
        params: list[Any] = []
        if scope:
            sql += " AND (region_code = ? OR region_code LIKE ?)"
            params += [scope, scope + ".%"]
        if narrative_id:
            sql += " AND narrative_id = ?"
            params.append(narrative_id)
        if before:
            sql += " AND action_id < ?"
            params.append(before)
        sql += " ORDER BY action_id DESC LIMIT ?"
        params.append(limit)
        return self.query(sql, params)

    def approved_messages(self, scope: str = "") -> list[dict[str, Any]]:
        sql = "SELECT * FROM counter_messages WHERE status = 'approved'"
        params: list[Any] = []
        if scope:
            sql += " AND (region_code = ? OR region_code LIKE ?)"
            params += [scope, scope + ".%"]
        return self.query(sql + " ORDER BY approved_at DESC", params)

    def labelled_posts(self) -> set[str]:
        return {r["target_id"] for r in self.query(
            "SELECT DISTINCT target_id FROM labels WHERE target = 'post'")}
