"""The desk web app (FastAPI): pages read the warehouse snapshot, actions write the desk store.

Security, in short (docs/desk.md): sessions are Starlette's signed cookies (itsdangerous) with
an absolute and an idle expiry, ended by a password reset or a disabled account; every form
carries a CSRF token signed for the session; passwords are argon2id; failed logins are
rate-limited per user and per client; templates autoescape and a strict CSP forbids scripts,
so post text (untrusted) stays text; every action checks role and scope on the server.
"""


import copy
import re
import secrets
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from itsdangerous import BadSignature, URLSafeTimedSerializer
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import Response

from desk import auth
from desk.data import (
    Warehouse,
    latest_day,
    like_pattern,
    posts_in_scope,
)
from desk.i18n import texts
from desk.pages import precomputed
from desk.search import SearchIndex, index_path, search_ids
from desk.settings import DeskSettings
from desk.store import Conflict, DeskError, DeskStore, User, store_path
from pipelines.gazetteer import region_name, regions
from reports.briefing_data import redact
from reports.i18n import LANGS, fmt_date, fmt_dec, fmt_int, fmt_pct
from reports.response import build_response, safe_url
from warehouse.queries import fetch_dicts

SEARCH_LIMIT = 50
STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
# Briefings are self-contained HTML with their own inline stylesheet and inline SVG map.
BRIEFING_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
_BRIEFING_FILE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(briefing-(nasional|\d{2}(?:-\d{2})?)"
                            r"(?:\.[a-z]{2})?\.(html|pdf|md|txt))$")


class NeedLogin(Exception):
    pass


class Forbidden(Exception):
    pass


class NotFound(Exception):
    pass


class BadCsrf(Exception):
    pass


def scope_name(scope: str, lang: str) -> str:
    return texts(lang)["national"] if not scope else (region_name(scope) or scope)


def create_app(settings: DeskSettings | None = None, warehouse_path: Path | None = None,
               reports_dir: Path | None = None) -> FastAPI:
    settings = settings or DeskSettings()
    home = settings.home
    store = DeskStore(store_path(home))
    wh = Warehouse(warehouse_path or home / "pantau.duckdb")
    wh.cache_size = settings.desk_page_cache
    reports_root = reports_dir or home / "reports"
    secret = settings.secret()
    csrf_signer = URLSafeTimedSerializer(secret, salt="pantau-desk-csrf")
    max_age = int(settings.desk_session_hours * 3600)
    zone = ZoneInfo(settings.timezone)

    app = FastAPI(title="Pantau desk", docs_url=None, redoc_url=None, openapi_url=None,
                  root_path=settings.desk_root_path)
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="pantau_desk",
                       max_age=max_age, same_site="strict",
                       https_only=settings.desk_secure_cookie)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    env = Environment(loader=PackageLoader("desk", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    templates = Jinja2Templates(env=env)
    app.state.store = store
    app.state.warehouse = wh
    search_index = SearchIndex(index_path(home))
    wh.on_new_snapshot = lambda stamp: search_index.refresh_for(stamp, wh.cursor)
    app.state.search_index = search_index

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[..., Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if not request.url.path.startswith("/static"):
            response.headers["Cache-Control"] = "no-store"
        return response

    # --- session, user, CSRF -----------------------------------------------------------

    def session_id(request: Request) -> str:
        sid = request.session.get("sid")
        if not sid:
            sid = secrets.token_urlsafe(24)
            request.session["sid"] = sid
        return str(sid)

    def lang_of(request: Request) -> str:
        lang = request.session.get("lang", "id")
        return lang if lang in LANGS else "id"

    def current_user(request: Request) -> User:
        name = request.session.get("user")
        if not name:
            raise NeedLogin()
        found = store.user(name)
        now = time.time()
        login_at = float(request.session.get("login_at", 0))
        seen_at = float(request.session.get("seen_at", 0))
        if (found is None or found[0].disabled
                or found[0].session_epoch != request.session.get("epoch")
                or now - login_at > settings.desk_session_hours * 3600
                or now - seen_at > settings.desk_idle_minutes * 60):
            request.session.clear()
            raise NeedLogin()
        request.session["seen_at"] = now
        return found[0]

    def check_csrf(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
        try:
            value = csrf_signer.loads(csrf_token, max_age=max_age)
        except BadSignature:
            raise BadCsrf() from None
        if not request.session.get("sid") or not secrets.compare_digest(
                str(value), str(request.session["sid"])):
            raise BadCsrf()

    UserDep = Annotated[User, Depends(current_user)]
    Csrf = Depends(check_csrf)

    def page(request: Request, name: str, user: User | None, status_code: int = 200,
             **context: Any) -> HTMLResponse:
        lang = lang_of(request)
        t = texts(lang)
        return templates.TemplateResponse(request, name, {
            "t": t, "lang": lang, "user": user,
            "csrf": csrf_signer.dumps(session_id(request)),
            "scope_label": scope_name(user.scope, lang) if user else "",
            "fmt_int": lambda v: fmt_int(v, lang), "fmt_pct": lambda v: fmt_pct(v, lang),
            "fmt_dec": lambda v, d=1: fmt_dec(v, lang, d),
            "fmt_date": lambda v, s="short": fmt_date(v, lang, s) if v else "—",
            "fmt_time": lambda v: _local_time(v, zone),
            "region_name": lambda c: (region_name(c) or c) if c else t["national"],
            **context}, status_code=status_code)

    @app.exception_handler(NeedLogin)
    async def _need_login(request: Request, exc: NeedLogin) -> Response:
        return RedirectResponse(str(request.url_for("login_form")), status_code=303)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        t = texts(lang_of(request))
        return page(request, "message.html.j2", None, 403, title=t["forbidden"],
                    message=str(exc) or t["forbidden_text"])

    @app.exception_handler(BadCsrf)
    async def _bad_csrf(request: Request, exc: BadCsrf) -> Response:
        t = texts(lang_of(request))
        return page(request, "message.html.j2", None, 403, title=t["forbidden"],
                    message=t["csrf"])

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        t = texts(lang_of(request))
        return page(request, "message.html.j2", None, 404, title=t["not_found"],
                    message=str(exc))

    @app.exception_handler(DeskError)
    async def _desk_error(request: Request, exc: DeskError) -> Response:
        t = texts(lang_of(request))
        return page(request, "message.html.j2", None, 409 if isinstance(exc, Conflict) else 400,
                    title=t["error"], message=str(exc))

    # --- login ---------------------------------------------------------------------------

    @app.get("/login", response_class=HTMLResponse, name="login_form")
    def login_form(request: Request) -> HTMLResponse:
        return page(request, "login.html.j2", None)

    @app.post("/login", dependencies=[Csrf])
    def login_submit(request: Request, username: Annotated[str, Form()],
                     password: Annotated[str, Form()]) -> Response:
        t = texts(lang_of(request))
        client = request.client.host if request.client else "?"
        try:
            user = auth.login(store, username.strip(), password, client,
                              settings.desk_max_failed_logins,
                              settings.desk_lockout_minutes * 60)
        except auth.RateLimited:
            return page(request, "login.html.j2", None, 429, error=t["login_limited"])
        except auth.LoginRefused:
            return page(request, "login.html.j2", None, 401, error=t["login_failed"])
        lang = lang_of(request)
        request.session.clear()  # a fresh session id at login (no fixation)
        now = time.time()
        request.session.update({"sid": secrets.token_urlsafe(24), "user": user.username,
                                "epoch": user.session_epoch, "login_at": now, "seen_at": now,
                                "lang": lang})
        return RedirectResponse(str(request.url_for("today")), status_code=303)

    @app.post("/logout", dependencies=[Csrf])
    def logout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse(str(request.url_for("login_form")), status_code=303)

    @app.get("/lang/{lang}")
    def set_lang(request: Request, lang: str, next: str = "/") -> Response:
        if lang in LANGS:
            request.session["lang"] = lang
        target = next if next.startswith("/") and not next.startswith("//") else "/"
        return RedirectResponse(target, status_code=303)

    # --- pages ---------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, name="today")
    def today(request: Request, user: UserDep, day: str | None = None) -> HTMLResponse:
        lang = lang_of(request)

        def read(cur: Any) -> tuple[date, list[dict[str, Any]]]:
            latest = latest_day(cur)
            the_day = _parse_day(day) or latest
            ready = precomputed(cur)
            if ready and ready[0] == the_day == latest and user.scope in ready[1]:
                return the_day, fetch_dicts(cur, "desk_page_today", {"scope": user.scope})
            return the_day, fetch_dicts(cur, "brief_top_narratives", {
                "day": the_day, "scope": user.scope or None, "limit": 50})

        the_day, cached_items = wh.cached(("today", day, user.scope), read)
        # the loop below only sets top-level keys: a shallow copy keeps the cached rows intact
        items = [dict(i) for i in cached_items]
        reviews = _review_states(store, [i["narrative_id"] for i in items])
        for item in items:
            item["label"] = redact(item.get("label") or "", lang) or "—"
            item["rep_text"] = redact(item.get("rep_text") or "", lang)
            item["review"] = reviews.get(item["narrative_id"], {})
        return page(request, "today.html.j2", user, items=items, day=the_day,
                    narrative_url=narrative_links(request))

    @app.get("/n/{narrative_id}", response_class=HTMLResponse, name="narrative")
    def narrative(request: Request, narrative_id: str, user: UserDep) -> HTMLResponse:
        lang = lang_of(request)

        def read(cur: Any) -> dict[str, Any] | None:
            day = latest_day(cur)
            q = _queries(cur, day)
            rows = fetch_dicts(cur, q["narrative"], {"narrative_id": narrative_id})
            if not rows:
                return None
            n = rows[0]
            in_scope = _in_scope(cur, q, narrative_id, user.scope)
            province = user.scope.split(".")[0] if user.scope else None
            by_region = fetch_dicts(cur, q["regions"], {
                "narrative_id": narrative_id, "day": day, "province": province})
            trend = fetch_dicts(cur, q["trend"], {
                "narrative_id": narrative_id, "day": day, "scope": user.scope or None})
            posts = fetch_dicts(cur, q["posts"], {"narrative_id": narrative_id, "limit": 10})
            candidates = fetch_dicts(cur, q["fact_checks"], {"narrative_id": narrative_id})
            related = fetch_dicts(cur, "desk_narrative_related", {"narrative_id": narrative_id})
            countered = fetch_dicts(cur, q["countered"], {
                "narrative_id": narrative_id, "day": day, "scope": user.scope or None})
            effect = fetch_dicts(cur, q["effect"], {"narrative_id": narrative_id})
            spread_regions = sorted({r["region_code"] for r in fetch_dicts(
                cur, q["regions"],
                {"narrative_id": narrative_id, "day": day, "province": None})}
                | {r["region_code"] for r in by_region})
            return {"n": n, "day": day, "in_scope": in_scope, "by_region": by_region,
                    "trend": trend, "posts": posts, "candidates": candidates,
                    "related": related, "countered": countered, "effect": effect,
                    "spread_regions": spread_regions}

        got = copy.deepcopy(wh.cached(("narrative", narrative_id, user.scope), read))
        if got is None:
            raise NotFound(narrative_id)
        n, day, in_scope, by_region = got["n"], got["day"], got["in_scope"], got["by_region"]
        trend, posts, candidates = got["trend"], got["posts"], got["candidates"]
        related, countered, effect = got["related"], got["countered"], got["effect"]
        spread_regions = got["spread_regions"]
        labels_by_id = _labels_of(wh, [r["other_id"] for r in related])
        state = store.narrative_state(narrative_id)
        for key in ("label", "rep_text", "fc_explanation"):
            n[key] = redact(n.get(key) or "", lang)
        for p in posts:
            p["text"] = redact(p["text"] or "", lang)
        for c in candidates:
            c["decision"] = state["matches"].get(c["fact_check_id"])
            c["url"] = safe_url(c.get("url"))
        n["fc_url"] = safe_url(n.get("fc_url"))
        prefill = build_response(n | {"keywords": list(n.get("keywords") or [])},
                                 lang).message(lang)
        table, days = _pivot(by_region, day)
        my_label = next((x["label"] for x in state["labels"] if x["target"] == "narrative"
                         and x["username"] == user.username), None)
        region_choices = [c for c in ([""] if not user.scope else []) + spread_regions
                          if auth.region_in_scope(user.scope, c)] or [user.scope]
        return page(request, "narrative.html.j2", user, n=n, day=day, in_scope=in_scope,
                    table=table, days=days, trend=trend, posts=posts, candidates=candidates,
                    related=related, related_labels=labels_by_id,
                    countered=countered[0] if countered else {}, effect=effect, state=state,
                    prefill=prefill, my_label=my_label, region_choices=region_choices,
                    timeline=_timeline(n, countered[0] if countered else {}, state, zone),
                    can=lambda what: in_scope and auth.allowed(user, what))

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, user: UserDep, q: str = "") -> HTMLResponse:
        lang = lang_of(request)
        q = q.strip()[:200]
        results: list[dict[str, Any]] = []
        if len(q) >= 3:
            def read(cur: Any) -> list[dict[str, Any]]:
                ids = search_ids(search_index.path, q, SEARCH_LIMIT)
                if ids is None:  # no index yet (first publish being indexed): a scan
                    return fetch_dicts(cur, "desk_search", {"pattern": like_pattern(q),
                                                            "limit": SEARCH_LIMIT})
                return fetch_dicts(cur, "desk_search_posts", {"post_ids": ids}) if ids else []

            results = copy.deepcopy(wh.cached(("search", q), read))
            for r in results:
                r["text"] = redact(r["text"] or "", lang)
                r["narrative_label"] = redact(r.get("narrative_label") or "", lang)
        return page(request, "search.html.j2", user, q=q, results=results, limit=SEARCH_LIMIT)

    @app.get("/queue", response_class=HTMLResponse)
    def queue(request: Request, user: UserDep) -> HTMLResponse:
        from models.label_queue import build_queue

        lang = lang_of(request)
        done = store.labelled_posts()
        with wh.cursor() as cur:
            items = [i for i in build_queue(cur, n=300, as_of=latest_day(cur))
                     if i.post_id not in done]
            mine = posts_in_scope(cur, [i.post_id for i in items], user.scope)
        shown = [i for i in items if i.post_id in mine][:50]
        for i in shown:
            i.text = redact(i.text or "", lang)
        return page(request, "queue.html.j2", user, items=shown)

    @app.get("/briefings", response_class=HTMLResponse)
    def briefings(request: Request, user: UserDep) -> HTMLResponse:
        from reports.briefings import index_entries, slug_code

        days = []
        for day, entries in index_entries(reports_root):
            mine = [e for e in entries if e.slug == "nasional"
                    or auth.region_in_scope(user.scope, slug_code(e.slug) or "")]
            if mine:
                days.append((day, mine))
        return page(request, "briefings.html.j2", user, days=days[:30])

    @app.get("/briefings/{day}/{name}")
    def briefing_file(day: str, name: str, user: UserDep) -> Response:
        m = _BRIEFING_FILE.match(f"{day}/{name}")
        if not m:
            raise NotFound(name)
        slug = m.group(3)
        code = None if slug == "nasional" else slug.replace("-", ".")
        if code and not auth.region_in_scope(user.scope, code):
            raise Forbidden()
        path = reports_root / m.group(1) / m.group(2)
        if not path.is_file():
            raise NotFound(name)
        media = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                 "md": "text/plain; charset=utf-8", "txt": "text/plain; charset=utf-8"}
        return FileResponse(path, media_type=media[m.group(4)],
                            headers={"Content-Security-Policy": BRIEFING_CSP})

    @app.get("/audit", response_class=HTMLResponse)
    def audit(request: Request, user: UserDep, narrative: str | None = None) -> HTMLResponse:
        scope = "" if user.role == "admin" else user.scope
        rows = store.actions(scope=scope, narrative_id=narrative or None, limit=300)
        return page(request, "audit.html.j2", user, rows=rows, narrative=narrative)

    @app.get("/pack", response_class=HTMLResponse)
    def pack(request: Request, user: UserDep) -> HTMLResponse:
        return page(request, "pack.html.j2", user, text=_pack_text(user, lang_of(request)))

    @app.get("/pack.txt")
    def pack_txt(request: Request, user: UserDep) -> PlainTextResponse:
        return PlainTextResponse(_pack_text(user, lang_of(request)), headers={
            "Content-Disposition": 'attachment; filename="pantau-respons.txt"'})

    def _pack_text(user: User, lang: str) -> str:
        messages = store.approved_messages(user.scope)
        labels = _labels_of(wh, [m["narrative_id"] for m in messages])
        parts = []
        for m in messages:
            head = labels.get(m["narrative_id"]) or m["narrative_id"]
            where = scope_name(m["region_code"], lang)
            parts.append(f"*{redact(head, lang)}* ({where})\n\n{m['text'].strip()}")
        return "\n\n———\n\n".join(parts)

    # --- actions -------------------------------------------------------------------------

    def guard(user: User, narrative_id: str, what: str) -> None:
        if not auth.allowed(user, what):
            raise Forbidden()
        with wh.cursor() as cur:
            q = _queries(cur, latest_day(cur))
            if not fetch_dicts(cur, q["narrative"], {"narrative_id": narrative_id}):
                raise NotFound(narrative_id)
            if not _in_scope(cur, q, narrative_id, user.scope):
                raise Forbidden()

    def back(request: Request, narrative_id: str) -> Response:
        return RedirectResponse(str(request.url_for("narrative", narrative_id=narrative_id)),
                                status_code=303)

    @app.post("/n/{narrative_id}/label", dependencies=[Csrf])
    def label_narrative(request: Request, narrative_id: str, user: UserDep,
                        label: Annotated[str, Form()]) -> Response:
        guard(user, narrative_id, "label")
        store.label(user, "narrative", narrative_id, label, narrative_id)
        return back(request, narrative_id)

    @app.post("/label-post", dependencies=[Csrf])
    def label_post(request: Request, user: UserDep, post_id: Annotated[str, Form()],
                   label: Annotated[str, Form()],
                   narrative_id: Annotated[str, Form()] = "",
                   next: Annotated[str, Form()] = "") -> Response:
        if not auth.allowed(user, "label"):
            raise Forbidden()
        with wh.cursor() as cur:
            if post_id not in posts_in_scope(cur, [post_id], user.scope):
                raise Forbidden()
        store.label(user, "post", post_id, label, narrative_id or None)
        if next == "queue":
            return RedirectResponse(str(request.url_for("queue")), status_code=303)
        return back(request, narrative_id) if narrative_id else RedirectResponse(
            str(request.url_for("today")), status_code=303)

    @app.post("/n/{narrative_id}/match", dependencies=[Csrf])
    def match(request: Request, narrative_id: str, user: UserDep,
              fact_check_id: Annotated[str, Form()],
              decision: Annotated[str, Form()]) -> Response:
        guard(user, narrative_id, "match")
        with wh.cursor() as cur:
            q = _queries(cur, latest_day(cur))
            known = {c["fact_check_id"] for c in fetch_dicts(
                cur, q["fact_checks"], {"narrative_id": narrative_id})}
        if fact_check_id not in known:
            raise DeskError("That fact-check is not a candidate for this narrative.")
        store.decide_match(user, narrative_id, fact_check_id, decision)
        return back(request, narrative_id)

    def check_region(user: User, region_code: str) -> str:
        region_code = region_code.strip()
        if region_code and region_code not in regions():
            raise DeskError(f"Unknown region code '{region_code}'.")
        if not auth.region_in_scope(user.scope, region_code) or (user.scope and not
                                                                 region_code):
            raise Forbidden()
        return region_code

    @app.post("/n/{narrative_id}/countered", dependencies=[Csrf])
    def countered(request: Request, narrative_id: str, user: UserDep,
                  region_code: Annotated[str, Form()], url: Annotated[str, Form()]) -> Response:
        guard(user, narrative_id, "mark_countered")
        region = check_region(user, region_code)
        if not region:
            raise DeskError("Choose the region where the narrative was countered.")
        link = safe_url(url)
        if link is None:
            raise DeskError("The link must start with https:// or http://.")
        store.mark_countered(user, narrative_id, region, link)
        return back(request, narrative_id)

    @app.post("/n/{narrative_id}/messages", dependencies=[Csrf])
    def draft(request: Request, narrative_id: str, user: UserDep,
              text: Annotated[str, Form()], region_code: Annotated[str, Form()] = "",
              fact_check_id: Annotated[str, Form()] = "",
              message_id: Annotated[str, Form()] = "") -> Response:
        guard(user, narrative_id, "draft")
        region = check_region(user, region_code)
        body = text.strip()
        if not body or len(body) > 4000:
            raise DeskError("A counter-message needs text (at most 4,000 characters).")
        existing = int(message_id) if message_id.strip().isdigit() else None
        if existing is not None:
            old = store.message(existing)
            if old is None or not auth.region_in_scope(user.scope, old["region_code"]):
                raise Forbidden()
        store.draft_message(user, narrative_id, region, body, fact_check_id or None, existing)
        return back(request, narrative_id)

    def advance(request: Request, user: UserDep, message_id: int, to: str) -> Response:
        row = store.message(message_id)
        if row is None:
            raise NotFound(str(message_id))
        guard(user, row["narrative_id"], "validate" if to == "validated" else "approve")
        if not auth.region_in_scope(user.scope, row["region_code"]):
            raise Forbidden()
        store.advance_message(user, message_id, to)
        return back(request, row["narrative_id"])

    @app.post("/messages/{message_id}/validate", dependencies=[Csrf])
    def validate(request: Request, message_id: int, user: UserDep) -> Response:
        return advance(request, user, message_id, "validated")

    @app.post("/messages/{message_id}/approve", dependencies=[Csrf])
    def approve(request: Request, message_id: int, user: UserDep) -> Response:
        return advance(request, user, message_id, "approved")

    return app


_LIVE = {"narrative": "desk_narrative", "regions": "desk_narrative_regions",
         "trend": "brief_narrative_trend", "posts": "desk_narrative_posts",
         "fact_checks": "desk_narrative_fact_checks", "countered": "brief_countered",
         "effect": "desk_narrative_effect", "in_scope": "desk_narrative_in_scope"}
_PRECOMPUTED = {"narrative": "desk_page_narrative", "regions": "desk_page_regions",
                "trend": "desk_page_trend", "posts": "desk_page_posts",
                "fact_checks": "desk_page_fact_checks", "countered": "desk_page_countered",
                "effect": "desk_page_effect", "in_scope": "desk_page_in_scope"}


def narrative_links(request: Request) -> Callable[[str], str]:
    """`url_for('narrative', ...)` for many cards: Starlette walks every route on each call
    (a fifth of the list's rendering); the URL is a fixed prefix plus the id, which Starlette
    inserts unquoted, so the prefix is built once. Odd ids still go through url_for."""
    prefix = str(request.url_for("narrative", narrative_id="_"))[:-1]

    def href(narrative_id: str) -> str:
        if not narrative_id or "/" in narrative_id:
            return str(request.url_for("narrative", narrative_id=narrative_id))
        return prefix + narrative_id
    return href


def _queries(cur: Any, day: date) -> dict[str, str]:
    """The narrative page's queries: over the tables publish precomputed for `day` when the
    snapshot has them, else the live ones (before the first publish of this version)."""
    ready = precomputed(cur)
    return _PRECOMPUTED if ready and ready[0] == day else _LIVE


def _in_scope(cur: Any, q: dict[str, str], narrative_id: str, scope: str) -> bool:
    if not scope:
        return True
    rows = fetch_dicts(cur, q["in_scope"], {"narrative_id": narrative_id, "scope": scope})
    return bool(rows and rows[0]["in_scope"])


def _parse_day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _local_time(value: str | datetime | None, zone: ZoneInfo) -> str:
    if not value:
        return "—"
    stamp = datetime.fromisoformat(value) if isinstance(value, str) else value
    return stamp.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def _review_states(store: DeskStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    out: dict[str, dict[str, Any]] = {i: {} for i in ids}
    for r in store.query(f"SELECT target_id, label, count(*) AS n FROM labels WHERE target ="
                         f" 'narrative' AND target_id IN ({marks}) GROUP BY 1, 2", ids):
        out[r["target_id"]].setdefault("labels", {})[r["label"]] = r["n"]
    for r in store.query(f"SELECT narrative_id, status FROM counter_messages WHERE narrative_id"
                         f" IN ({marks}) ORDER BY message_id", ids):
        out[r["narrative_id"]]["message"] = r["status"]
    return out


def _labels_of(wh: Warehouse, ids: list[str]) -> dict[str, str]:
    ids = sorted({i for i in ids if i})
    if not ids:
        return {}
    with wh.cursor() as c:
        return {r["narrative_id"]: r["label"] or r["narrative_id"] for r in fetch_dicts(
            c, "desk_narrative_labels", {"ids": ids})}


def _pivot(rows: list[dict[str, Any]], day: date) -> tuple[list[dict[str, Any]], list[date]]:
    from datetime import timedelta

    days = [day - timedelta(days=13 - i) for i in range(14)]
    table: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = table.setdefault(r["region_code"], {"code": r["region_code"],
                                                    "name": r["region_name"], "by_day": {},
                                                    "total": 0})
        entry["by_day"][r["day"]] = int(r["posts"])
        entry["total"] += int(r["posts"])
    ordered = sorted(table.values(), key=lambda e: (-e["total"], e["code"]))
    for e in ordered:
        e["cells"] = [e["by_day"].get(d, 0) for d in days]
    return ordered, days


def _timeline(n: dict[str, Any], countered: dict[str, Any], state: dict[str, Any],
              zone: ZoneInfo) -> list[dict[str, Any]]:
    """The narrative's life and the office's response to it, oldest first."""
    events: list[dict[str, Any]] = []
    if n.get("created_day"):
        events.append({"when": str(n["created_day"]), "what": "first_seen", "who": ""})
    if n.get("fc_published_at"):
        events.append({"when": _local_time(n["fc_published_at"], zone), "what": "fc_published",
                       "who": n.get("fc_publisher") or ""})
    if countered.get("first_official"):
        events.append({"when": str(countered["first_official"]), "what": "official",
                       "who": countered.get("official_source") or ""})
    for a in state["actions"]:
        events.append({"when": _local_time(a["at"], zone), "what": f"kind_{a['kind']}",
                       "who": a["username"]})
    return sorted(events, key=lambda e: e["when"])
