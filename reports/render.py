"""Render a briefing as self-contained HTML, PDF, Markdown, or a short message digest.

Post text is untrusted throughout: Jinja2 autoescapes every HTML template, links are limited to
http(s), Markdown escapes its markup characters, the Telegram digest escapes HTML, and the PDF
renderer may fetch nothing (no network, no files).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from reports.briefing_data import Briefing
from reports.charts import likelihood_meter, trend_bars
from reports.i18n import fmt_change, fmt_date, fmt_dec, fmt_int, fmt_pct, texts
from reports.province_map import MapView, highlighted_province_map, national_map, regency_map
from reports.response import Response, build_response, counter_message, safe_url
from reports.summary import summary_sentences

__all__ = ["counter_message", "render_html", "render_markdown", "render_pdf", "render_text",
           "briefing_map", "DIGEST_LIMIT"]

# Autoescape is on for every HTML template: post text is untrusted.
TEMPLATES = Environment(loader=PackageLoader("reports", "templates"),
                   autoescape=select_autoescape(["html", "j2"]))
REGION_ROWS = 12  # rows of the region table in HTML; the rest summed in one line
CARDS = 5  # narratives shown in full; the rest in a short table
DIGEST_LIMIT = 3500  # one WhatsApp/Telegram message is 4096 characters at most: keep a margin
_RED_VERDICTS = {"HOAKS", "HOAX", "SALAH", "DISINFORMASI", "PENIPUAN", "FITNAH", "KONTEN PALSU",
                 "KONTEN YANG DIMANIPULASI"}
_BLUE_VERDICTS = {"KLARIFIKASI", "BENAR"}


def verdict_class(verdict: str | None) -> str:
    v = (verdict or "").upper()
    return "red" if v in _RED_VERDICTS else "blue" if v in _BLUE_VERDICTS else "amber"


_TAG = re.compile(r"^\s*\[[^\]]*\]\s*")


def fc_headline(n: dict[str, Any]) -> str:
    """The fact-check's title without its [VERDICT] tag (the verdict is shown on its own)."""
    return _TAG.sub("", n.get("fc_title") or "").strip() or (n.get("fc_claim") or "")


def _day(value: Any, lang: str, ref: date | None) -> str:
    """'21 Nov', or '10 Mei 2021' when the year differs from the briefing's."""
    if value is None:
        return "—"
    same_year = ref is None or value.year == ref.year
    return fmt_date(value, lang, "short" if same_year else "long")


def _countered_text(n: dict[str, Any], lang: str, ref: date | None = None) -> str:
    t = texts(lang)
    bits = []
    lags = []
    if n.get("first_official"):
        bits.append(t["countered_official"].format(
            day=_day(n["first_official"], lang, ref),
            source=n.get("official_name") or n.get("official_source") or "—"))
        if n.get("response_lag_days") is not None:
            lags.append(int(n["response_lag_days"]))
    if n.get("fact_check_day"):
        fc_lag = n.get("fact_check_lag_days")
        key = "countered_fc_before" if fc_lag is not None and fc_lag < 0 else "countered_fc"
        bits.append(t[key].format(day=_day(n["fact_check_day"], lang, ref)))
        if fc_lag is not None and fc_lag >= 0:
            lags.append(int(fc_lag))
    text = "; ".join(bits)
    text = text[:1].upper() + text[1:]
    if lags:
        lag = min(lags)
        text += " (" + (t["lag_same_day"] if lag == 0 else t["lag"].format(n=lag)) + ")"
    return text


def narrative_view(n: dict[str, Any], rank: int, lang: str, ref: date | None = None
                   ) -> dict[str, Any]:
    """Display strings for one narrative (shared by HTML and Markdown)."""
    t = texts(lang)
    status = n["status"]
    if status == "emerging" or not n.get("prior_posts"):
        growth, growth_sub = t["growth_new"], ""
    else:
        growth, growth_sub = f"{fmt_dec(n['growth'], lang)}\u00d7", t["growth_sub"]
    fc = None
    if n.get("fc_url") or n.get("fc_title"):
        fc = {"url": safe_url(n.get("fc_url")), "verdict": n.get("fc_verdict") or "",
              "verdict_class": verdict_class(n.get("fc_verdict")),
              "title": fc_headline(n),
              "publisher": n.get("fc_publisher") or "",
              "day": _day(n.get("fc_published_at"), lang, ref)
              if n.get("fc_published_at") else "",
              "similarity": fmt_pct(n["fc_similarity"], lang)
              if n.get("fc_similarity") is not None else "",
              # 'mungkin terkait': shown as a suggestion, never as the debunk
              "suggested": n.get("fc_tier") == "mungkin terkait"}
    since = n.get("days_since_first_seen")
    return {
        "id": n["narrative_id"], "rank": rank, "label": n.get("label") or "—",
        "keywords": [k for k in (n.get("keywords") or [])
                     if k and k.lower() not in (n.get("label") or "").lower()][:5],
        "status": status, "status_text": t.get(f"status_{status}", status),
        "quote": n.get("rep_text") or "", "platform": n.get("rep_platform_name") or "—",
        "quote_day": fmt_date(n.get("rep_day"), lang, "short") if n.get("rep_day") else "",
        "score": fmt_pct(n.get("hoax_score"), lang), "score_value": n.get("hoax_score") or 0,
        "week_posts": fmt_int(n.get("week_posts"), lang),
        "recent_posts": fmt_int(n.get("recent_posts"), lang), "growth": growth,
        "growth_sub": growth_sub,
        "first_seen": fmt_date(n.get("first_seen"), lang, "short"),
        "regions": [(r["region_name"], fmt_int(r["posts"], lang)) for r in n.get("regions", [])],
        "fc": fc, "countered": bool(n.get("countered")),
        "countered_text": _countered_text(n, lang, ref),
        "not_countered_text": t["not_countered_since"].format(n=since)
        if since is not None else "",
        "response": build_response(n, lang),
        "approved": n.get("approved_response"),
        "trend": n.get("trend", []), "trend_days": n.get("trend_days", []),
    }


def briefing_map(b: Briefing) -> MapView | None:
    if b.scope_level == "nation":
        return national_map(b.province_activity, b.lang)
    if b.province_code is None:
        return None
    view = regency_map(b.province_code, b.province_activity,
                       b.scope_code if b.scope_level == "regency" else None, b.lang)
    return view or highlighted_province_map(b.province_code, b.lang)


def _region_rows(b: Briefing) -> list[dict[str, Any]]:
    rows = []
    for r in b.regions:
        now, before = int(r["flagged_posts"]), int(r.get("previous_posts") or 0)
        rows.append({"name": r["region_name"], "posts": fmt_int(now, b.lang),
                     "change": fmt_change(now, before, b.lang),
                     "direction": "up" if now > before else "down" if now < before else "",
                     "narratives": fmt_int(r.get("narratives"), b.lang),
                     "top_label": r.get("top_label") or "—",
                     "effect": effect_text(r, b.lang),
                     "highlight": bool(r.get("highlight"))})
    return rows


def effect_text(r: dict[str, Any], lang: str) -> str:
    """'−45 % (−70 % … −10 %)' after a response to the region's top narrative, 'terlalu dini
    untuk dinilai' with too little data, '—' without a response (narrative_response_effect)."""
    t = texts(lang)
    kind = r.get("effect_assessment")
    if not kind:
        return "—"
    if kind == "too_early":
        return t["effect_too_early"]
    change = r.get("effect_change")
    point = fmt_signed_pct(change, lang) + " " if change is not None else ""
    return (f"{t['effect_' + kind]} {point}({fmt_signed_pct(r.get('effect_low'), lang)} … "
            f"{fmt_signed_pct(r.get('effect_high'), lang)})")


def fmt_signed_pct(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "\u2212" if value < 0 else "") + fmt_pct(abs(value), lang)


def _generated(b: Briefing) -> str:
    """When the briefing was written, in the desk's own clock, with its zone named."""
    zone = "WIB" if b.timezone == "Asia/Jakarta" else b.timezone
    return f"{b.generated_local:%Y-%m-%d %H:%M} {zone}"


def _scope_line(b: Briefing) -> str:
    if b.scope_level == "regency" and b.province_name:
        return f"{b.scope_name}, {b.province_name}"
    if b.scope_level == "province":
        return ("Provinsi " if b.lang == "id" else "Province of ") + b.scope_name
    return b.scope_name


def render_html(b: Briefing, lang: str | None = None, map_svg: str | None = None) -> str:
    """The full briefing. `map_svg` overrides the map (tests); by default it is derived."""
    lang = lang or b.lang
    t = texts(lang)
    views = [narrative_view(n, i, lang, b.day) for i, n in enumerate(b.narratives, 1)]
    map_view = briefing_map(b)
    if map_svg is not None:
        map_view = MapView(svg=map_svg, title=t["map"]) if map_svg else None
    q = b.quality
    silent = list(q.get("silent_sources") or [])
    rows = _region_rows(b)
    rest = sum(int(r["flagged_posts"]) for r in b.regions[REGION_ROWS:])
    return TEMPLATES.get_template("briefing.html.j2").render(
        b=b, t=t, lang=lang, q=q, summary=summary_sentences(b, lang), totals=b.totals,
        cards=views[:CARDS], others=views[CARDS:], regions=rows[:REGION_ROWS],
        regions_rest={"count": len(rows) - REGION_ROWS, "posts": fmt_int(rest, lang)}
        if len(rows) > REGION_ROWS else None,
        map=map_view, map_svg=Markup(map_view.svg) if map_view else "",
        scope_line=_scope_line(b), silent=silent,
        day_long=fmt_date(b.day, lang, "weekday"),
        window=t["window_text"].format(start=fmt_date(b.window_start, lang, "short"),
                                       end=fmt_date(b.day, lang, "short")),
        generated=_generated(b),
        fmt_int=lambda v: fmt_int(v, lang),
        trend_svg=lambda v: Markup(trend_bars(v["trend"], v["trend_days"], lang, v["label"])),
        meter_svg=lambda v: Markup(likelihood_meter(v["score_value"])),
        regency_table=b.scope_level != "nation",
    )


FETCH_ATTEMPTS: list[str] = []  # what the PDF renderer was asked to fetch (tests check: none)


def _no_fetch() -> Any:
    """A WeasyPrint URL fetcher that fetches nothing: the briefing is self-contained, and post
    text must never make the renderer reach the network or the disk."""
    from weasyprint.urls import URLFetcher

    class NoFetch(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            FETCH_ATTEMPTS.append(url)
            raise ValueError(f"briefing PDFs fetch nothing: {url[:80]}")

    return NoFetch()


def render_pdf(html_text: str) -> bytes:
    """A4 PDF from the briefing HTML (its print stylesheet), via WeasyPrint."""
    import logging

    from weasyprint import HTML

    # WeasyPrint warns about screen-only CSS it skips (overflow-x, …): not news for a user
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf = HTML(string=html_text, base_url=None, url_fetcher=_no_fetch()).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def md_url(url: str) -> str:
    """A URL for a Markdown link or bare in the text: brackets, parentheses, spaces and
    anything outside printable ASCII percent-encoded, so ")[x](javascript:…)" inside a
    link cannot close it and start another."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md(text: Any) -> str:
    """Untrusted text in Markdown: markup characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def render_markdown(b: Briefing, lang: str | None = None) -> str:
    lang = lang or b.lang
    t = texts(lang)
    q = b.quality
    views = [narrative_view(n, i, lang, b.day) for i, n in enumerate(b.narratives, 1)]
    silent = list(q.get("silent_sources") or [])
    lines = [f"# {t['title']} — {md(_scope_line(b))}", "",
             f"**{fmt_date(b.day, lang, 'weekday')}** · {t['window']}: "
             + t["window_text"].format(start=fmt_date(b.window_start, lang, "short"),
                                       end=fmt_date(b.day, lang, "short")), "",
             f"{t['generated']}: {md(_generated(b))} · {t['model']}: "
             f"{md(b.model_version or '—')}"
             + (f" ({t['model_demo_tag']})" if b.model_demo else ""), "",
             *([f"**{t['model_demo']}**", ""] if b.model_demo else []),
             f"{t['quality']}: {fmt_int(q.get('received'), lang)} {t['received']} = "
             f"{fmt_int(q.get('stored'), lang)} {t['stored']} + "
             f"{fmt_int(q.get('duplicates'), lang)} {t['duplicates']} + "
             f"{fmt_int(q.get('quarantined'), lang)} {t['quarantined']}; "
             + (f"{len(silent)} {t['silent']} ({md(', '.join(silent[:8]))}"
                + (", …" if len(silent) > 8 else "") + ")" if silent else t["silent_none"]),
             "", f"## {t['summary']}", ""]
    lines += [f"- {md(s)}" for s in summary_sentences(b, lang)]
    lines += ["", f"## {t['top']}", ""]
    if not views:
        lines += [t["none"], ""]
    for v in views:
        lines += [f"### {v['rank']}. {md(v['label'])} ({v['status_text']})", "",
                  f"> {md(v['quote'][:400])}", "",
                  f"— {t['quote_from']}: {md(v['platform'])}"
                  + (f", {v['quote_day']}" if v["quote_day"] else ""), "",
                  f"- {t['likelihood']}: **{v['score']}**",
                  f"- {t['posts_week']}: **{v['week_posts']}** · {t['growth']}: {v['growth']}"
                  + (f" ({v['growth_sub']})" if v["growth_sub"] else "") +
                  f" · {t['first_seen']}: {v['first_seen']}",
                  f"- {t['trend']}: " + " ".join(str(x) for x in v["trend"]),
                  f"- {t['regions']}: " + (", ".join(f"{md(name)} ({posts})"
                                                     for name, posts in v["regions"]) or "—")]
        fc = v["fc"]
        if fc and fc["url"]:
            label = t["fc_suggested"] if fc["suggested"] else t["fact_check"]
            lines.append(f"- {label}: **{md(fc['verdict'])}** "
                         f"[{md(fc['title'])}]({md_url(fc['url'])})"
                         + (f" — {md(fc['publisher'])}" if fc["publisher"] else ""))
        else:
            lines.append(f"- {t['fact_check']}: {t['no_fact_check']}")
        lines.append(f"- {t['countered']}: " + (md(v["countered_text"]) if v["countered"] else
                                              f"**{t['not_countered']}** "
                                              f"({v['not_countered_text']})"))
        lines.append("")
    lines += [f"## {t['region_table_regency'] if b.scope_level != 'nation' else t['region_table']}",
              ""]
    if b.regions:
        lines += [f"| {t['region']} | {t['flagged_posts']} | {t['change']} | {t['narratives']} |"
                  f" {t['top_narrative']} |", "|---|---:|---:|---:|---|"]
        lines += [f"| {md(r['name'])} | {r['posts']} | {r['change']} | {r['narratives']} | "
                  f"{md(r['top_label'])} |" for r in _region_rows(b)]
    else:
        lines.append(t["no_regions"])
    lines += ["", f"## {t['response']}", "", t["response_intro"], ""]
    for v in views[:CARDS]:
        r: Response = v["response"]
        lines.append(f"### {v['rank']}. {md(v['label'])}")
        lines.append("")
        if v.get("approved"):
            lines += [f"**{t['response_approved']}** ({md(v['approved']['approved_by'])}):", "",
                      md(v["approved"]["text"]), ""]
        if r.generic:
            lines.append(f"_{t['generic_points']}_")
            lines.append("")
        for label, items in ((t["facts"], r.facts), (t["advice"], r.advice)):
            lines += [f"- **{label}:** {md(x)}" for x in items]
        if r.source_url:
            lines.append(f"- **{t['source']}:** {md_url(r.source_url)}")
        lines.append("")
    lines += [f"## {t['method']}", "", t["method_text"], "", t["limits_text"], "",
              f"_{t['footer']}_", ""]
    return "\n".join(lines)


def _markup(style: str) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """(bold, escape) for a digest style: whatsapp (*bold*), telegram (HTML) or plain."""
    if style == "telegram":
        return (lambda s: f"<b>{html.escape(s, quote=False)}</b>",
                lambda s: html.escape(s, quote=False))
    if style == "whatsapp":
        return (lambda s: f"*{s}*"), (lambda s: s)
    return (lambda s: s), (lambda s: s)


def render_text(b: Briefing, lang: str | None = None, style: str = "whatsapp",
                limit: int = DIGEST_LIMIT, briefing_url: str | None = None) -> str:
    """A digest sized for one WhatsApp/Telegram message (under 4096 characters)."""
    lang = lang or b.lang
    t = texts(lang)
    bold, esc = _markup(style)
    views = [narrative_view(n, i, lang, b.day) for i, n in enumerate(b.narratives, 1)]
    head = [bold(f"{t['title']} · {_scope_line(b)}"),
            esc(fmt_date(b.day, lang, "weekday")), ""]
    head += [esc(s) for s in summary_sentences(b, lang)[:3]]
    tail = ["", esc(f"{t['quality']}: {fmt_int(b.quality.get('received'), lang)} "
                    f"{t['received']}, {fmt_int(b.quality.get('duplicates'), lang)} "
                    f"{t['duplicates']}, {fmt_int(b.quality.get('quarantined'), lang)} "
                    f"{t['quarantined']}.")]
    if b.model_demo:
        tail.append(esc(t["model_demo_short"]))
    if briefing_url:
        tail.append(esc(f"{t['full_briefing']}: {briefing_url}"))
    body: list[str] = []
    if views:
        body += ["", bold(t["top"])]
    shown = 0
    for v in views[:CARDS]:
        block = [f"{v['rank']}. {bold(v['label'])} — {esc(v['status_text'])}, "
                 f"{esc(v['week_posts'])} {'unggahan' if lang == 'id' else 'posts'}/7"
                 f"{' hari' if lang == 'id' else 'd'}, {esc(t['likelihood'].lower())} "
                 f"{esc(v['score'])}"]
        if v["regions"]:
            block.append("   " + esc(", ".join(name for name, _ in v["regions"][:3])))
        fc = v["fc"]
        if fc and fc["url"]:
            label = t["fc_suggested"] if fc["suggested"] else t["fact_check"]
            block.append("   " + esc(f"{label} [{fc['verdict']}]: {fc['url']}"))
        if not v["countered"]:
            block.append("   " + esc(f"{t['not_countered']} ({v['not_countered_text']})"))
        r: Response = v["response"]
        if v.get("approved"):
            block.append("   " + esc(f"{t['response_approved']}: {v['approved']['text']}"))
        elif r.advice:
            block.append("   " + esc(f"{t['advice']}: {r.advice[0]}"))
        candidate = "\n".join(head + body + block + tail)
        if len(candidate) > limit - 80:
            break
        body += block
        shown += 1
    if shown < len(views):
        body.append(esc("… " + t["more_narratives"].format(n=len(views) - shown)))
    text = "\n".join(head + body + tail)
    return text if len(text) < limit else text[: limit - 2] + "…"
