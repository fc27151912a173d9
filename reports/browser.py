"""Drive headless Chromium over the DevTools protocol: load a page, collect console errors and
network requests, evaluate a check, take a screenshot. Used by the tests and by
`python -m reports.browser PAGE.html OUT.png` (the README screenshot).

Chromium runs with a fresh profile and no background services; nothing here touches the network
except the DevTools socket on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--hide-scrollbars", "--remote-debugging-port=0")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageResult:
    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    log_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    value: Any = None
    screenshot: bytes | None = None


class _Session:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        my_id = self.next_id
        await self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads(await self.ws.recv())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            if "method" in message:
                self.events.append(message)

    async def wait_for(self, event: str, timeout: float) -> None:
        if any(e["method"] == event for e in self.events):
            return
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                raw = await asyncio.wait_for(self.ws.recv(), deadline - time.monotonic())
            except TimeoutError:
                break
            message = json.loads(raw)
            if "method" in message:
                self.events.append(message)
                if message["method"] == event:
                    return
        raise TimeoutError(f"no {event} within {timeout} s")

    async def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                raw = await asyncio.wait_for(self.ws.recv(), deadline - time.monotonic())
            except TimeoutError:
                return
            message = json.loads(raw)
            if "method" in message:
                self.events.append(message)


def _args_text(args: list[dict[str, Any]]) -> str:
    return " ".join(str(a.get("value", a.get("description", ""))) for a in args)


async def _run(ws_url: str, url: str, width: int, height: int, mobile: bool,
               expression: str | None, screenshot: bool, full_page: bool,
               timeout: float) -> PageResult:
    from websockets.asyncio.client import connect

    result = PageResult()
    async with connect(ws_url, max_size=None) as ws:
        s = _Session(ws)
        for domain in ("Page", "Runtime", "Log", "Network"):
            await s.call(f"{domain}.enable")
        await s.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                     deviceScaleFactor=2 if mobile else 1, mobile=mobile)
        await s.call("Page.navigate", url=url)
        await s.wait_for("Page.loadEventFired", timeout)
        await s.drain(0.3)
        if expression:
            reply = await s.call("Runtime.evaluate", expression=expression, returnByValue=True)
            if "exceptionDetails" in reply:
                raise RuntimeError(f"check failed to run: {reply['exceptionDetails']}")
            result.value = reply.get("result", {}).get("value")
        if screenshot:
            params: dict[str, Any] = {"format": "png"}
            if full_page:
                metrics = await s.call("Page.getLayoutMetrics")
                size = metrics.get("cssContentSize") or metrics["contentSize"]
                params |= {"captureBeyondViewport": True,
                           "clip": {"x": 0, "y": 0, "width": width,
                                    "height": size["height"], "scale": 1}}
            shot = await s.call("Page.captureScreenshot", **params)
            result.screenshot = base64.b64decode(shot["data"])
        for e in s.events:
            method, p = e["method"], e.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                result.console_errors.append(_args_text(p.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = p.get("exceptionDetails", {})
                result.exceptions.append(str(details.get("exception", {}).get(
                    "description", details.get("text", ""))))
            elif method == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                result.log_errors.append(str(p["entry"].get("text", "")))
            elif method == "Network.requestWillBeSent":
                result.requests.append(str(p.get("request", {}).get("url", "")))
    return result


def load_page(path_or_url: str | Path, width: int = 1000, height: int = 1400,
              mobile: bool = False, expression: str | None = None, screenshot: bool = False,
              full_page: bool = True, timeout: float = 30.0,
              chromium: str | None = None) -> PageResult:
    """Open a page in a fresh headless Chromium and report what happened."""
    binary = chromium or find_chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (Debian package `chromium`)")
    url = str(path_or_url)
    if "://" not in url:
        url = Path(url).resolve().as_uri()
    profile = tempfile.mkdtemp(prefix="pantau-chromium-")
    try:
        with open(Path(profile) / "stderr.log", "wb") as log:
            # a session of its own: its helpers (zygote, renderers) are stopped with it below
            proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}",
                                     "about:blank"], stdout=subprocess.DEVNULL, stderr=log,
                                    start_new_session=True)
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + timeout
            while not (port_file.exists() and port_file.read_text().strip()):
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = (Path(profile) / "stderr.log").read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"chromium did not start: {err}")
                time.sleep(0.05)
            port = int(port_file.read_text().split()[0])
            ws_url = None
            while ws_url is None and time.monotonic() < deadline:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list",  # noqa: S310
                                            timeout=5) as r:
                    pages = [t for t in json.loads(r.read()) if t.get("type") == "page"]
                if pages:
                    ws_url = pages[0]["webSocketDebuggerUrl"]
                else:
                    time.sleep(0.05)
            if ws_url is None:
                raise RuntimeError("chromium opened no page")
            return asyncio.run(_run(ws_url, url, width, height, mobile, expression, screenshot,
                                    full_page, timeout))
        finally:
            stop_process(proc, 10)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # helpers that outlived the browser
    finally:
        _remove_profile(Path(profile))


def _remove_profile(path: Path) -> None:
    """Remove the throwaway profile. A helper killed just now may still be flushing a file
    into it (seen once: "Directory not empty: 'Default'"), so a few short retries first."""
    for attempt in range(20):
        try:
            shutil.rmtree(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            if attempt == 19:
                raise
            time.sleep(0.1)


def stop_process(proc: subprocess.Popen[Any], grace: float) -> None:
    """Ask a child to stop, give it `grace` seconds, then kill it: never leave one behind."""
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def main(argv: list[str]) -> int:  # pragma: no cover - a developer tool
    """python -m reports.browser PAGE.html OUT.png [WIDTH] [--mobile]"""
    if len(argv) < 2:
        print(main.__doc__)
        return 2
    width = int(argv[2]) if len(argv) > 2 and argv[2].isdigit() else 1000
    mobile = "--mobile" in argv
    res = load_page(argv[0], width=width, height=900 if mobile else 1400, mobile=mobile,
                    screenshot=True)
    Path(argv[1]).write_bytes(res.screenshot or b"")
    problems = res.console_errors + res.exceptions + res.log_errors
    print(f"{argv[1]}: {len(res.screenshot or b'')} bytes; console errors: {problems or 'none'}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
