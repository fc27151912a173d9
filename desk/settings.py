"""Desk settings (PANTAU_DESK_*), apart from the pipeline's: the pipeline never needs them."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from pydantic import Field

from pipelines.settings import PantauBaseSettings


class DeskSettings(PantauBaseSettings):
    home: Path = Field(default=Path("var"), description="PANTAU_HOME: desk.sqlite lives there.")
    desk_host: str = Field(default="127.0.0.1", description="Address `pantau serve` binds.")
    desk_port: int = Field(default=8787, ge=1, le=65535)
    desk_root_path: str = Field(
        default="", description="URL prefix when served behind a reverse proxy (e.g. /desk).")
    desk_secure_cookie: bool = Field(
        default=False, description="Send the session cookie over HTTPS only (set it behind TLS).")
    desk_session_hours: float = Field(default=12.0, gt=0, description="A session ends after this.")
    desk_idle_minutes: float = Field(default=60.0, gt=0, description="... or after this idle time.")
    desk_max_failed_logins: int = Field(
        default=5, ge=1, description="Failed logins per user (x4 per client) before a lockout.")
    desk_lockout_minutes: float = Field(default=15.0, gt=0)
    desk_secret: str = Field(
        default="", description="Key signing sessions and forms; default a random one kept in "
                        "$PANTAU_HOME/desk_secret.")
    desk_workers: int = Field(
        default=1, ge=1, le=64, description="Server processes of `pantau serve` (--workers).")
    desk_page_cache: int = Field(
        default=512, ge=0, description="Page reads remembered per published snapshot (0: none).")
    timezone: str = Field(default="Asia/Jakarta")

    def secret(self) -> str:
        """The signing key, the same in every server process: the file is written whole under
        a temporary name and linked into place, so a second process starting at the same
        moment either links first (and the other reads its key) or reads the finished file,
        never an empty one."""
        if self.desk_secret:
            return self.desk_secret
        path = self.home / "desk_secret"
        if not path.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".desk_secret.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(48))
                    handle.flush()
                    os.fsync(handle.fileno())
                # fails if another process got there first: keep theirs
                with contextlib.suppress(FileExistsError):
                    os.link(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)
        value = path.read_text().strip()
        if not value:
            raise ValueError(f"{path} is empty; delete it (a new key is made) or set "
                             "PANTAU_DESK_SECRET.")
        return value
