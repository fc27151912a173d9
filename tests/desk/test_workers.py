"""`pantau serve --workers N`: what a process keeps must not matter. A session, a form token
and the login rate limit made by one set of server processes hold after every one of them has
been replaced (SIGHUP makes uvicorn's supervisor start new workers and retire the old ones), so
they live on disk (the signing key file, the desk store), not in a worker's memory."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest
from desk_helpers import PASSWORD, token

from desk.store import DeskStore, store_path
from reports.browser import stop_process


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _workers(supervisor: psutil.Process) -> set[int]:
    # the spawned server processes, alive (multiprocessing's resource tracker does not serve;
    # a retired worker may linger a moment as a zombie)
    out = set()
    for child in supervisor.children():
        try:
            if child.status() != psutil.STATUS_ZOMBIE \
                    and "resource_tracker" not in " ".join(child.cmdline()):
                out.add(child.pid)
        except psutil.Error:
            pass
    return out


@pytest.fixture
def served(desk, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, psutil.Process]]:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PANTAU_DESK_SECRET")  # the key file, as in production
    port = _free_port()
    env = {**os.environ, "PANTAU_DESK_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "serve", "--workers", "2"],
                            env=env, cwd=Path(__file__).resolve().parents[2])
    base = f"http://127.0.0.1:{port}"
    supervisor = psutil.Process(proc.pid)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, "pantau serve --workers 2 exited"
            assert time.monotonic() < deadline, "the desk did not start"
            try:
                if httpx.get(base + "/login", timeout=2).status_code == 200 \
                        and len(_workers(supervisor)) == 2:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        yield base, supervisor
    finally:
        stop_process(proc, 30)


def _replace_every_worker(base: str, supervisor: psutil.Process) -> None:
    old = _workers(supervisor)
    assert len(old) == 2
    supervisor.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 120
    while True:
        assert time.monotonic() < deadline, "the workers were not replaced"
        now = _workers(supervisor)
        if len(now) == 2 and not now & old:
            try:
                if httpx.get(base + "/login", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.2)


def _login(client: httpx.Client, user: str, password: str = PASSWORD) -> httpx.Response:
    page = client.get("/login")
    return client.post("/login", data={"username": user, "password": password,
                                       "csrf_token": token(page.text)})


def test_sessions_tokens_and_the_login_limit_outlive_every_worker(
        desk, served: tuple[str, psutil.Process]) -> None:  # type: ignore[no-untyped-def]
    base, supervisor = served
    # a new connection per request: the kernel hands each to either worker
    fresh = httpx.Limits(max_keepalive_connections=0)
    ana = httpx.Client(base_url=base, limits=fresh, follow_redirects=False, timeout=60)
    assert _login(ana, "ana").status_code == 303
    for _ in range(12):
        r = ana.get("/")
        assert r.status_code == 200 and "Narasi hoaks untuk Jawa Tengah" in r.text
    nid = desk.narrative("pdam")
    form = token(ana.get(f"/n/{nid}").text)  # a form shown by the old workers
    outsider = httpx.Client(base_url=base, limits=fresh, follow_redirects=False, timeout=60)
    for _ in range(3):
        assert _login(outsider, "vera", "salah-kata-sandi-1").status_code == 401

    _replace_every_worker(base, supervisor)

    r = ana.get("/")  # the cookie signed by a process that is gone
    assert r.status_code == 200 and "Narasi hoaks untuk Jawa Tengah" in r.text
    r = ana.post(f"/n/{nid}/label", data={"label": "hoax", "csrf_token": form})
    assert r.status_code == 303, r.text[:300]
    actions = DeskStore(store_path(desk.home)).actions(narrative_id=nid)
    assert [(a["username"], a["kind"]) for a in actions] == [("ana", "label_narrative")]
    # 3 failures before the restart + 2 after reach the limit (5): the right password is
    # refused now, whichever worker answers
    for _ in range(2):
        assert _login(outsider, "vera", "salah-kata-sandi-1").status_code == 401
    assert _login(outsider, "vera").status_code == 429
    # one key on disk, made once
    assert (desk.home / "desk_secret").stat().st_mode & 0o777 == 0o600
    assert not list(desk.home.glob(".desk_secret.*"))


_READ_KEY = """
import sys, time
from pathlib import Path
from desk.settings import DeskSettings
go = Path(sys.argv[1]) / "go"
while not go.exists():
    time.sleep(0.001)
print(DeskSettings(home=Path(sys.argv[1])).secret())
"""


def test_processes_starting_at_once_share_one_key(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight processes make the key at the same moment (as N workers starting without a
    parent that made it first would): one key, and none of them reads it half-written."""
    monkeypatch.delenv("PANTAU_DESK_SECRET", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    procs = [subprocess.Popen([sys.executable, "-c", _READ_KEY, str(home)],
                              stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2]) for _ in range(8)]
    time.sleep(3.0)  # let them import and wait at the line
    (home / "go").touch()
    keys = set()
    for p in procs:
        out, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        keys.add(out.strip())
    assert len(keys) == 1 and len(next(iter(keys))) >= 40
    assert (home / "desk_secret").read_text().strip() in keys
    assert not list(home.glob(".desk_secret.*"))
