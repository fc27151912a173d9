"""Passwords (argon2id via argon2-cffi), login with a rate limit, and who may do what where."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk.store import DeskError, DeskStore, User

_HASHER = PasswordHasher()
# Verified when the user does not exist, so a wrong name takes as long as a wrong password.
_DUMMY = _HASHER.hash("pantau-no-such-user")
MIN_PASSWORD = 10

# Who may do what (docs/desk.md): everyone labels and drafts; a verifikator confirms matches
# and validates; the kepala approves; admin may do all.
PERMISSIONS: dict[str, set[str]] = {
    "label": {"analis", "verifikator", "kepala", "admin"},
    "mark_countered": {"analis", "verifikator", "kepala", "admin"},
    "draft": {"analis", "verifikator", "kepala", "admin"},
    "match": {"verifikator", "kepala", "admin"},
    "validate": {"verifikator", "admin"},
    "approve": {"kepala", "admin"},
}


class LoginRefused(DeskError):
    """Wrong name or password, a disabled user, or too many failures."""


class RateLimited(LoginRefused):
    pass


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise DeskError(f"A password needs at least {MIN_PASSWORD} characters.")
    return _HASHER.hash(password)


def login(store: DeskStore, username: str, password: str, client: str, max_failures: int,
          lockout_s: float) -> User:
    by_user, by_client = store.recent_failures(username, client, lockout_s)
    if by_user >= max_failures or by_client >= 4 * max_failures:
        raise RateLimited("Too many failed logins; wait a few minutes and try again.")
    found = store.user(username)
    ok = False
    try:
        ok = _HASHER.verify(found[1] if found else _DUMMY, password) and found is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or found is None or found[0].disabled:
        store.record_failure(username, client, keep_s=lockout_s)
        raise LoginRefused("Wrong user name or password.")
    if _HASHER.check_needs_rehash(found[1]):
        store.update_user(username, password_hash=_HASHER.hash(password))
        found = store.user(username)
        assert found is not None
    store.clear_failures(username)
    return found[0]


def allowed(user: User, what: str) -> bool:
    return user.role in PERMISSIONS[what]


def region_in_scope(scope: str, region_code: str) -> bool:
    """'' (national) covers everything; '33' covers '33' and its kabupaten/kota '33.xx'."""
    if not scope:
        return True
    return region_code == scope or region_code.startswith(scope + ".")
