"""Desk figures on a synthetic warehouse (`pantau loadgen`): p95 latency of the narrative list,
a narrative page and a search; concurrent users on loopback with their error count; and desk
actions while another process holds the warehouse's writer (as a pipeline stage does).

    python benchmarks/desk_bench.py --days 30 --posts-per-day 100000 --users 50 --seconds 60

Does what `publish` does for the desk (desk/pages.py precomputes the pages in the warehouse,
then the snapshot is copied) and builds the search index (desk/search.py), timing both; then
runs `pantau serve` as a subprocess (--workers N uvicorn processes, default one, each with its
thread pool) on 127.0.0.1 with
the page cache off (every request is a first view; --cache turns it on) and talks to it over
HTTP with httpx, logging in through the real form. Prints JSON.
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
    ap.add_argument("--cache", action="store_true", help="keep the per-snapshot page cache on")
    ap.add_argument("--workers", type=int, default=1, help="pantau serve --workers N")
    ap.add_argument("--no-search", action="store_true",
                    help="skip the search index build and the search page (list and page only)")
    args = ap.parse_args()

    from benchmarks.loadgen import load
    from desk.auth import hash_password
    from desk.pages import precomputed, refresh_pages
    from desk.search import index_path, refresh_index
    from desk.store import DeskStore, store_path
    from warehouse.connection import snapshot_path_for, writer

    home = args.home or Path(tempfile.mkdtemp(prefix="desk-bench-"))
    wh = home / "pantau.duckdb"
    out: dict[str, Any] = {"home": str(home)}
    if not wh.exists():
        started = time.perf_counter()
        result = load(wh, args.days, args.posts_per_day)
        out["loadgen_s"] = round(time.perf_counter() - started, 1)
        out["posts"] = result.posts
    snap = snapshot_path_for(wh)
    ready = None
    if snap.exists():
        with duckdb.connect(str(snap), read_only=True) as check:
            ready = precomputed(check)
    if ready is None:
        with writer(wh) as wcon:  # migrations and views of this version, then what publish adds
            started = time.perf_counter()
            out["desk_pages"] = refresh_pages(wcon, home)
            out["desk_pages_s"] = round(time.perf_counter() - started, 1)
            wcon.execute("CHECKPOINT")
        shutil.copyfile(wh, snap)
    con = duckdb.connect(str(snap), read_only=True)
    if args.no_search and not index_path(home).exists():
        # an empty index marked up to date, so the server's own refresh adds nothing
        from desk.search import _connect

        high = con.execute("SELECT max(received_at)::VARCHAR FROM raw_posts").fetchall()[0][0]
        icon = _connect(index_path(home))
        with icon:
            icon.execute("INSERT OR REPLACE INTO meta VALUES ('received_through', ?)", (high,))
        icon.close()
    if not args.no_search:
        started = time.perf_counter()
        out["search_index"] = refresh_index(index_path(home), con)
        out["search_index_s"] = round(time.perf_counter() - started, 1)
    out["posts"] = con.execute("SELECT count(*) FROM raw_posts").fetchone()[0]  # type: ignore[index]
    words = [r[0] for r in con.execute(
        "SELECT k FROM (SELECT unnest(keywords) AS k FROM narrative_dim WHERE flagged)"
        " WHERE length(k) >= 5 GROUP BY k ORDER BY count(*) DESC, k LIMIT 20").fetchall()]
    con.close()
    queries = words or ["vaksin"]
    store = DeskStore(store_path(home))
    if store.user("bench") is None:
        store.add_user("bench", hash_password(PASSWORD), "admin", "")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PANTAU_HOME": str(home), "PANTAU_DESK_PORT": str(port),
           "PANTAU_DESK_PAGE_CACHE": "512" if args.cache else "0"}
    server = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "serve",
                               "--workers", str(args.workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):
            try:
                httpx.get(base + "/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        client = login(base, "bench")
        listing = client.get("/").text
        ids = list(dict.fromkeys(_LINK.findall(listing)))[:50]
        out["narratives_listed"] = len(ids)
        out["page_cache"] = args.cache
        out["workers"] = args.workers
        out["load_average_before"] = os.getloadavg()
        pages = {"narrative_list": lambda i: "/",
                 "narrative_page": lambda i: f"/n/{ids[i % len(ids)]}",
                 "search": lambda i: f"/search?q={queries[i % len(queries)]}"}
        if args.no_search:
            del pages["search"]
        # the floor on this machine: a page with no warehouse read (the login form)
        floor = [timed(client, "/login")[0] for _ in range(args.repeats)]
        out["login_page_floor"] = {"median_ms": median_ms(floor), "p95_ms": p95(floor),
                                   "n": len(floor)}
        for name, path in pages.items():
            times = []
            timed(client, path(0))  # warm
            for i in range(args.repeats):
                t, status = timed(client, path(i))
                assert status == 200, (name, status)
                times.append(t)
            out[name] = {"median_ms": median_ms(times), "p95_ms": p95(times),
                         "n": len(times)}
        out["search_queries"] = queries

        # concurrent users: each its own session, random pages, for a fixed time
        results: list[tuple[str, float, int]] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds

        def user(k: int) -> None:
            c = login(base, "bench")
            rnd = random.Random(k)
            names = list(pages)
            while time.monotonic() < stop:
                name = rnd.choice(names)
                try:
                    took, status = timed(c, pages[name](rnd.randrange(100)))
                except httpx.HTTPError:
                    took, status = 0.0, 599
                with lock:
                    results.append((name, took, status))

        threads = [threading.Thread(target=user, args=(k,)) for k in range(args.users)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        ok = [t for _, t, s in results if s == 200]
        out["concurrent"] = {"users": args.users, "seconds": args.seconds,
                             "requests": len(results), "errors": len(results) - len(ok),
                             "median_ms": median_ms(ok), "p95_ms": p95(ok),
                             "p95_ms_by_page": {n: p95([t for m, t, s in results
                                                        if m == n and s == 200])
                                                for n in pages},
                             "requests_per_s": round(len(ok) / args.seconds, 1),
                             "load_average_after": os.getloadavg()}

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
