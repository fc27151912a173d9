"""The 'Ringkasan': three to five sentences generated from the data, no language model needed.

Each sentence answers one question an officer has at 7 a.m.: how much is going on, what is most
urgent, what is growing fastest, what has nobody answered yet, and where it is concentrated.
"""

from __future__ import annotations

from typing import Any

from reports.briefing_data import Briefing
from reports.i18n import fmt_change, fmt_date, fmt_dec, fmt_int, fmt_pct

Q = "\u201c{}\u201d"


def _where(item: dict[str, Any], lang: str) -> str:
    names = [r["region_name"] for r in item.get("regions", [])[:2]]
    joiner = " dan " if lang == "id" else " and "
    return joiner.join(names)


def summary_sentences(b: Briefing, lang: str | None = None) -> list[str]:
    lang = lang or b.lang
    en = lang == "en"
    flagged = b.narratives
    if b.scope_level == "nation":
        where_scope = "nationwide" if en else "secara nasional"
    else:
        where_scope = f"in {b.scope_name}" if en else f"di {b.scope_name}"
    start, end = fmt_date(b.window_start, lang, "short"), fmt_date(b.day, lang, "short")
    if not flagged:
        return [f"No flagged hoax narratives {where_scope} between {start} and {end}." if en else
                f"Tidak ada narasi hoaks yang ditandai {where_scope} pada {start} – {end}.",
                *_data_sentences(b, lang)]
    totals = b.totals
    out: list[str] = []
    n, new, posts = totals["narratives"], totals["emerging"], fmt_int(totals["posts"], lang)
    if en:
        out.append(f"Between {start} and {end}, {n} flagged hoax narrative"
                   f"{'s were' if n != 1 else ' was'} active {where_scope} with {posts} posts; "
                   f"{new} appeared in the last three days.")
    else:
        out.append(f"Pada {start} – {end}, {n} narasi hoaks yang ditandai beredar {where_scope} "
                   f"dengan {posts} unggahan; {new} di antaranya baru muncul dalam tiga hari "
                   "terakhir.")

    top = flagged[0]
    where = _where(top, lang)
    recent = fmt_int(top["recent_posts"], lang)
    score = fmt_pct(top["hoax_score"], lang)
    if en:
        out.append(f"Most urgent: {Q.format(top['label'])} (hoax likelihood {score}), {recent} "
                   f"posts in three days" + (f", mostly in {where}." if where else "."))
    else:
        out.append(f"Paling mendesak: {Q.format(top['label'])} (kemungkinan hoaks {score}), "
                   f"{recent} unggahan dalam tiga hari" +
                   (f", terutama di {where}." if where else "."))

    growing = [x for x in flagged[1:] if x["status"] == "rising" and x["growth"] >= 1.5
               and x["recent_posts"] >= 3]
    if growing:
        g = max(growing, key=lambda x: x["growth"])
        pace = fmt_dec(g["growth"], lang)
        out.append(f"Growing fastest: {Q.format(g['label'])}, at {pace}\u00d7 the previous "
                   "week's daily pace." if en else
                   f"Paling cepat meningkat: {Q.format(g['label'])}, {pace}\u00d7 laju harian "
                   "minggu sebelumnya.")

    open_items = [x for x in flagged if not x.get("countered")]
    among = "" if totals["listed"] >= totals["narratives"] else (
        f" among the top {totals['listed']}" if en else f" dari {totals['listed']} teratas")
    if open_items:
        names = ", ".join(Q.format(x["label"]) for x in open_items[:2])
        k = len(open_items)
        out.append(f"{k} narrative{'s' if k != 1 else ''}{among} "
                   f"{'have' if k != 1 else 'has'} no official clarification or fact-check yet, "
                   f"starting with {names}; see the suggested response." if en else
                   f"{k} narasi{among} belum dibantah oleh klarifikasi resmi maupun cek fakta, "
                   f"terutama {names}; lihat bagian Saran respons.")
    else:
        out.append(f"Every narrative{among} already has a fact-check or official "
                   "clarification; reuse it in the suggested response." if en else
                   f"Semua narasi{among} sudah memiliki cek fakta atau klarifikasi resmi; "
                   "gunakan bahannya di bagian Saran respons.")

    if b.regions and len(out) < 5:
        r = b.regions[0]
        change = fmt_change(int(r["flagged_posts"]), int(r["previous_posts"] or 0), lang)
        posts_r = fmt_int(r["flagged_posts"], lang)
        if change in ("baru", "new"):
            trend = ", new this week" if en else ", baru minggu ini"
        else:
            trend = f" ({change} vs last week)" if en else f" ({change} dari minggu lalu)"
        out.append(f"Most activity: {r['region_name']}, {posts_r} posts{trend}." if en else
                   f"Aktivitas tertinggi: {r['region_name']}, {posts_r} unggahan{trend}.")
    return out[:5]


def _data_sentences(b: Briefing, lang: str) -> list[str]:
    """When nothing is flagged, say whether the data came in: silence is only news then."""
    q = b.quality
    en = lang == "en"
    # Without a production model only fact-check matches can flag a narrative: say so.
    no_model = [] if b.model_version else [
        "No hoax classifier is in production yet, so only narratives matching a fact-check "
        "can be flagged (pantau models bootstrap --labels LABELS.csv)." if en else
        "Belum ada model klasifikasi hoaks di produksi, jadi hanya narasi yang cocok dengan cek "
        "fakta yang dapat ditandai (pantau models bootstrap --labels LABEL.csv)."]
    if not q.get("received"):
        return ["No data was received for this day, so the absence of narratives means little."
                if en else "Tidak ada data yang masuk untuk hari ini, jadi ketiadaan narasi "
                "belum berarti aman.", *no_model]
    received, sources = fmt_int(q.get("received"), lang), fmt_int(q.get("sources_today"), lang)
    quarantined = fmt_int(q.get("quarantined"), lang)
    out = [f"Today {received} posts came in from {sources} sources; {quarantined} were "
           "quarantined." if en else
           f"Hari ini masuk {received} unggahan dari {sources} sumber; {quarantined} "
           "dikarantina."]
    silent = q.get("silent_sources") or []
    if silent:
        out.append(f"{len(silent)} regular sources sent nothing today; check that monitoring "
                   "is running." if en else
                   f"{len(silent)} sumber rutin tidak mengirim data hari ini; pastikan "
                   "pemantauan berjalan.")
    else:
        out.append("Every regular source sent data, so the quiet is not a data gap." if en else
                   "Semua sumber rutin mengirim data, jadi ketiadaan narasi bukan karena data "
                   "yang hilang.")
    return out + no_model
