"""Everything a briefing says, gathered from the warehouse for one day and one scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from pipelines.gazetteer import regions as all_regions
from reports.i18n import texts
from warehouse.queries import fetch_dicts

# Personal data in quoted posts. Order matters: NIK (16 digits) before phone numbers, e-mail
# addresses before @handles. Matching runs on a copy with every dash, odd space and full-width
# digit folded to its plain form (same length, so the spans fit the original): "0812‑3456‑7890"
# with U+2011 is a phone number too. A letter may touch a number ("HP0812…", "NIK3201…"), and
# separators are bounded runs of spaces, dots, dashes and parentheses ("+62 (812) 3456-7890",
# "0812 - 3456 - 7890"), which keeps every pattern linear.
_FOLD = str.maketrans({**{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"},
                       **{c: " " for c in "\u00a0\u2007\u2008\u2009\u200a\u202f\u205f\u3000"},
                       **{chr(0xFF10 + d): str(d) for d in range(10)}})
_SEP = r"[\s.()-]{0,3}"
_NIK = re.compile(r"(?<!\d)\d(?:[ .-]?\d){15}(?!\d)")
_PHONE = re.compile(rf"(?<![\d+])(?:\+\s?62|62|0)\)?{_SEP}8\d{{1,2}}(?:{_SEP}\d){{6,9}}(?!\d)")
# Landlines: 0 + area code (2-3 digits, not 8: that is a mobile prefix), then 5-8 digits.
_LANDLINE = re.compile(
    rf"(?<![\d+])(?:\+\s?62{_SEP}|\(?0)[2-79]\d{{1,2}}\)?(?:{_SEP}\d){{5,8}}(?!\d)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_REKENING = re.compile(
    r"(?i)\b(rek(?:ening)?\.?|no\.?\s{0,3}rek\.?)\s{0,3}(?::\s{0,3})?\d[\d .-]{6,40}\d")


def _sub_folded(pattern: re.Pattern[str], text: str, repl: Any) -> str:
    """pattern.sub over `text`, matched on its folded copy."""
    folded = text.translate(_FOLD)
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(folded):
        out.append(text[pos:match.start()])
        out.append(repl(match) if callable(repl) else repl)
        pos = match.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


PLATFORMS = {"facebook": "Facebook", "whatsapp": "WhatsApp", "x": "X", "twitter": "X",
             "instagram": "Instagram", "tiktok": "TikTok", "telegram": "Telegram",
             "youtube": "YouTube", "news": "Berita daring", "government": "Akun pemerintah",
             "kim": "KIM"}
PLATFORMS_EN = {**PLATFORMS, "news": "Online news", "government": "Government account"}

WINDOW_DAYS = 7
TREND_DAYS = 14


def redact(text: str, lang: str = "id") -> str:
    """Personal data out of quoted posts: NIK, phone (mobile and landline) and account
    numbers, e-mail, @handles."""
    t = texts(lang)
    text = _sub_folded(_NIK, text, t["redact_nik"])
    text = _sub_folded(_REKENING, text, lambda m: f"{m.group(1)} {t['redact_phone']}")
    text = _sub_folded(_PHONE, text, t["redact_phone"])
    text = _sub_folded(_LANDLINE, text, t["redact_phone"])
    text = _sub_folded(_EMAIL, text, t["redact_email"])
    return _sub_folded(_HANDLE, text, t["redact_handle"])


@dataclass
class Briefing:
    day: date
    scope_code: str | None
    scope_name: str
    generated_at: datetime
    model_version: str | None
    quality: dict[str, Any]
    narratives: list[dict[str, Any]] = field(default_factory=list)
    regions: list[dict[str, Any]] = field(default_factory=list)
    # posts of flagged narratives in the week, per region drawn on the map
    province_activity: dict[str, int] = field(default_factory=dict)
    lang: str = "id"
    scope_level: str = "nation"  # nation | province | regency
    province_code: str | None = None  # the province whose kabupaten/kota are listed and mapped
    province_name: str | None = None
    timezone: str = "Asia/Jakarta"
    # the production model learnt from the bundled sample only (registry.is_demo)
    model_demo: bool = False

    @property
    def window_start(self) -> date:
        return self.day - timedelta(days=WINDOW_DAYS - 1)

    @property
    def trend_start(self) -> date:
        return self.day - timedelta(days=TREND_DAYS - 1)

    @property
    def generated_local(self) -> datetime:
        return self.generated_at.astimezone(ZoneInfo(self.timezone))

    @property
    def totals(self) -> dict[str, int]:
        """Counts over every active flagged narrative in the scope (the query's window totals);
        `uncountered` is known for the listed ones only, `listed` says how many those are."""
        n = self.narratives
        first = n[0] if n else {}
        return {
            "narratives": int(first.get("active_total") or len(n)),
            "emerging": int(first.get("emerging_total")
                            or sum(1 for x in n if x["status"] == "emerging")),
            "uncountered": sum(1 for x in n if not x.get("countered")),
            "posts": int(first.get("posts_total") or sum(int(x["week_posts"] or 0) for x in n)),
            "listed": len(n),
        }


def _platform(name: str | None, lang: str) -> str:
    table = PLATFORMS if lang == "id" else PLATFORMS_EN
    return table.get((name or "").lower(), (name or "—").capitalize())


def _official_name(source: str | None, description: str | None) -> str | None:
    """'Akun resmi …: Diskominfo Kota Medan' -> 'Diskominfo Kota Medan'."""
    if source is None:
        return None
    if description and ":" in description:
        return description.split(":", 1)[1].strip() or source
    return description.strip() if description and len(description) <= 80 else source


def scope_of(scope: str | None, lang: str = "id") -> tuple[str, str, str | None, str | None]:
    """(name, level, province code, province name) of a scope code; None is the nation."""
    if scope is None:
        return texts(lang)["nation"], "nation", None, None
    table = all_regions()
    region = table.get(scope)
    if region is None:
        return scope, "province" if "." not in scope else "regency", None, None
    province = table.get(region.province_code)
    pname = province.name if province else None
    return region.name, region.level if region.level == "province" else "regency", \
        region.province_code, pname


def gather(con: duckdb.DuckDBPyConnection, day: date, scope: str | None = None,
           limit: int = 10, lang: str = "id", timezone: str = "Asia/Jakarta") -> Briefing:
    """Read one briefing's data. `scope`: None (nation), a province or a kab/kota code."""
    # here, not at the top: the registry pulls in skops and scikit-learn (about 20 s of
    # imports on a loaded machine), which the desk's server processes never need
    from models import registry

    scope_name, level, province, province_name = scope_of(scope, lang)
    champion = registry.production(con)
    quality = (fetch_dicts(con, "brief_data_quality", {"day": day, "scope": scope}) or [{}])[0]
    quality["silent_sources"] = list(quality.get("silent_sources") or [])
    narratives = fetch_dicts(con, "brief_top_narratives",
                             {"day": day, "scope": scope, "limit": limit})
    for item in narratives:
        nid = item["narrative_id"]
        item["rep_text"] = redact(item["rep_text"] or "", lang)
        # labels may be titles made from a post: personal data out of them too
        item["label"] = redact(item.get("label") or "", lang) or "—"
        item["rep_platform_name"] = _platform(item.get("rep_platform"), lang)
        if item.get("fc_explanation"):
            item["fc_explanation"] = redact(item["fc_explanation"], lang)
        item["keywords"] = list(item.get("keywords") or [])
        item["regions"] = fetch_dicts(con, "brief_narrative_regions", {
            "narrative_id": nid, "day": day, "province": province})
        trend = fetch_dicts(con, "brief_narrative_trend",
                            {"narrative_id": nid, "day": day, "scope": scope})
        item["trend"] = [int(r["posts"]) for r in trend]
        item["trend_days"] = [r["day"] for r in trend]
        countered = fetch_dicts(con, "brief_countered",
                                {"narrative_id": nid, "day": day, "scope": scope})
        item.update(countered[0] if countered else {"countered": False})
        # the counter-message the desk approved for this scope (docs/desk.md), if any
        approved = fetch_dicts(con, "brief_approved_response",
                               {"narrative_id": nid, "scope": scope})
        item["approved_response"] = approved[0] if approved else None
        item["official_name"] = _official_name(item.get("official_source"),
                                               item.get("official_description"))
    region_rows = fetch_dicts(con, "brief_region_table", {"day": day, "province": province})
    for row in region_rows:
        row["highlight"] = row["region_code"] == scope
        row["top_label"] = redact(row.get("top_label") or "", lang) or None
    return Briefing(
        day=day, scope_code=scope, scope_name=scope_name,
        generated_at=datetime.now(UTC), model_version=champion.version if champion else None,
        quality=quality, narratives=narratives, regions=region_rows,
        province_activity={r["region_code"]: int(r["flagged_posts"]) for r in region_rows},
        lang=lang, scope_level=level, province_code=province, province_name=province_name,
        timezone=timezone, model_demo=registry.is_demo(champion) if champion else False,
    )
