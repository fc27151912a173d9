"""Desk figures on a synthetic warehouse (`pantau loadgen`): p95 latency of the narrative list,
a narrative page and a search; concurrent users on loopback with their error count; and desk
actions while another process holds the warehouse's writer (as a pipeline stage does).

    python benchmarks/desk_bench.py --days 30 --posts-per-day 33334 --users 20 --seconds 20

Runs `pantau serve` as a subprocess (one uvicorn process, its thread pool) on 127.0.0.1 and
talks to it over HTTP with httpx, logging in through the real form. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import httpx

PASSWORD = "kata-sandi-bench-1"
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
_LINK = re.compile(r'href="[^"]*/n/([^"]+)"')


def p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1] * 1000, 1) if len(values) >= 2 else 0.0


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1) if values else 0.0


def login(base: str, user: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    page = client.get("/login").text
    r = client.post("/login", data={"username": user, "password": PASSWORD,
                                    "csrf_token": _TOKEN.findall(page)[0]})
    assert r.status_code == 303, r.status_code
    return client


def timed(client: httpx.Client, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    r = client.get(path)
    return time.perf_counter() - start, r.status_code


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--posts-per-day", type=int, default=33334)
    ap.add_argument("--repeats", type=int, default=30)
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--home", type=Path, default=None, help="reuse a loadgen home")
    args = ap.parse_args()

    from benchmarks.loadgen import load
    from desk.auth import hash_password
    from desk.store import DeskStore, store_path
    from warehouse.connection import snapshot_path_for

    home = args.home or Path(tempfile.mkdtemp(prefix="desk-bench-"))
    wh = home / "pantau.duckdb"
    out: dict[str, Any] = {"home": str(home)}
    if not wh.exists():
        started = time.perf_counter()
        result = load(wh, args.days, args.posts_per_day)
        out["loadgen_s"] = round(time.perf_counter() - started, 1)
        out["posts"] = result.posts
        from warehouse.connection import writer

        with writer(wh):  # migrations and views of this version (desk tables included)
            pass
        shutil.copyfile(wh, snapshot_path_for(wh))
    con = duckdb.connect(str(snapshot_path_for(wh)), read_only=True)
    out["posts"] = con.execute("SELECT count(*) FROM raw_posts").fetchone()[0]  # type: ignore[index]
    word = con.execute("SELECT k FROM (SELECT unnest(keywords) AS k FROM narrative_dim"
                       " WHERE flagged) WHERE length(k) >= 5 GROUP BY k ORDER BY count(*) DESC"
                       " LIMIT 1").fetchone()
    con.close()
    query = word[0] if word else "vaksin"
    store = DeskStore(store_path(home))
    if store.user("bench") is None:
        store.add_user("bench", hash_password(PASSWORD), "admin", "")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PANTAU_HOME": str(home), "PANTAU_DESK_PORT": str(port)}
    server = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "serve"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        client = login(base, "bench")
        listing = client.get("/").text
        ids = list(dict.fromkeys(_LINK.findall(listing)))[:10]
        out["narratives_listed"] = len(ids)
        pages = {"narrative_list": lambda i: "/",
                 "narrative_page": lambda i: f"/n/{ids[i % len(ids)]}",
                 "search": lambda i: f"/search?q={query}"}
        for name, path in pages.items():
            times = []
            timed(client, path(0))  # warm
            for i in range(args.repeats):
                t, status = timed(client, path(i))
                assert status == 200, (name, status)
                times.append(t)
            out[name] = {"median_ms": median_ms(times), "p95_ms": p95(times),
                         "n": len(times)}
        out["search_query"] = query

        # concurrent users: each its own session, random pages, for a fixed time
        results: list[tuple[float, int]] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds

        def user(k: int) -> None:
            c = login(base, "bench")
            rnd = random.Random(k)
            names = list(pages)
            while time.monotonic() < stop:
                name = rnd.choice(names)
                try:
                    r = timed(c, pages[name](rnd.randrange(100)))
                except httpx.HTTPError:
                    r = (0.0, 599)
                with lock:
                    results.append(r)

        threads = [threading.Thread(target=user, args=(k,)) for k in range(args.users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ok = [t for t, s in results if s == 200]
        out["concurrent"] = {"users": args.users, "seconds": args.seconds,
                             "requests": len(results), "errors": len(results) - len(ok),
                             "median_ms": median_ms(ok), "p95_ms": p95(ok)}

        # desk actions while another process holds DuckDB's writer on the main file
        holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import time
            from pathlib import Path
            from warehouse.connection import writer
            with writer(Path({str(wh)!r})):
                print("holding", flush=True)
                time.sleep(600)
            """)], stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
            action_times = []
            for i in range(20):
                nid = ids[i % len(ids)]
                token = _TOKEN.findall(client.get(f"/n/{nid}").text)[0]
                start = time.perf_counter()
                r = client.post(f"/n/{nid}/label", data={
                    "label": "hoax" if i % 2 else "not_hoax", "csrf_token": token})
                action_times.append(time.perf_counter() - start)
                assert r.status_code == 303, r.status_code
            out["action_during_writer"] = {
                "n": len(action_times), "median_ms": median_ms(action_times),
                "max_ms": round(max(action_times) * 1000, 1),
                "writer_still_held": holder.poll() is None}
        finally:
            holder.kill()
            holder.wait()
    finally:
        server.terminate()
        server.wait(30)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
