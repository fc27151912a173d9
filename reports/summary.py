"""The 'Ringkasan': a few sentences generated from the data, no language model needed."""

from __future__ import annotations

from reports.briefing_data import Briefing


def summary_sentences(b: Briefing, lang: str = "id") -> list[str]:
    flagged = b.narratives
    q = b.quality
    out: list[str] = []
    en = lang == "en"
    if not flagged:
        return ["No flagged hoax narratives this week." if en
                else "Tidak ada narasi hoaks yang ditandai dalam tujuh hari terakhir."]
    emerging = [n for n in flagged if n["status"] == "emerging"]
    top = flagged[0]
    where = ", ".join(r["region_name"] for r in top["regions"][:2])
    if en:
        out.append(f"{len(flagged)} flagged narratives are active in {b.scope_name}; "
                   f"{len(emerging)} of them appeared in the last three days.")
        out.append(f"Most urgent: \u201c{top['label']}\u201d with {top['recent_posts']} posts in "
                   f"three days" + (f", mostly in {where}." if where else "."))
    else:
        out.append(f"{len(flagged)} narasi hoaks yang ditandai aktif di {b.scope_name}; "
                   f"{len(emerging)} di antaranya muncul dalam tiga hari terakhir.")
        out.append(f"Paling mendesak: \u201c{top['label']}\u201d dengan {top['recent_posts']} "
                   f"unggahan dalam tiga hari" + (f", terutama di {where}." if where else "."))
    uncountered = [n for n in flagged if n.get("first_official") is None]
    if uncountered:
        out.append(
            f"{len(uncountered)} narratives have no official clarification in this scope yet."
            if en else
            f"{len(uncountered)} narasi belum mendapat klarifikasi resmi di wilayah ini.")
    matched = [n for n in flagged if n.get("fc_url")]
    if matched:
        out.append(f"{len(matched)} match an existing fact-check; reuse its counter-message."
                   if en else
                   f"{len(matched)} narasi cocok dengan cek fakta yang sudah ada; gunakan "
                   "bahannya untuk kontra-narasi.")
    if q.get("quarantined"):
        out.append(f"{q['quarantined']} input records were quarantined for review." if en else
                   f"{q['quarantined']} rekaman masukan dikarantina untuk diperiksa.")
    return out[:5]
