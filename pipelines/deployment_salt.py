"""The per-deployment salt for hashing personal identifiers (phone numbers, chat names).

A public salt makes a phone hash reversible: Indonesian mobile numbers are few enough
(~10^9 per prefix) to hash them all and look a stored hash up. So the salt is either set by the
operator (PANTAU_AUTHOR_SALT) or generated once, at random, at $PANTAU_HOME/secret_salt with
mode 0600, and reused from then on. The public default of earlier versions is refused.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.connectors.base import ConnectorError

if TYPE_CHECKING:
    from pipelines.settings import Settings

OLD_PUBLIC_SALT = "pantau-default-author-salt-v1"
SALT_FILE = "secret_salt"


class SaltError(ConnectorError):
    """The salt is unusable (the old public default, or an unreadable salt file)."""


def salt_path(settings: Settings) -> Path:
    return settings.home / SALT_FILE


def author_salt(settings: Settings) -> str:
    """PANTAU_AUTHOR_SALT, else the deployment's salt file, created on first use."""
    if settings.author_salt is not None:
        value = settings.author_salt.get_secret_value()
        if value.strip() == OLD_PUBLIC_SALT:
            raise SaltError(
                "PANTAU_AUTHOR_SALT is the old public default, so stored phone hashes could be "
                f"reversed; unset it (a secret salt is then generated at {salt_path(settings)}) "
                "or set a secret of your own.")
        if not value.strip():
            raise SaltError("PANTAU_AUTHOR_SALT is empty; unset it or set a secret.")
        return value
    path = salt_path(settings)
    try:
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        value = _create(path)
    except OSError as exc:
        raise SaltError(f"Cannot read the salt file {path}: {exc.strerror}.") from None
    if value == OLD_PUBLIC_SALT or not value:
        raise SaltError(f"{path} holds {'no' if not value else 'the old public'} salt; delete it "
                        "to generate a secret one (hashes made with it will change).")
    return value


def _create(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(32)
    try:
        # O_EXCL: two processes starting at once agree on the first one's salt.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    return value
