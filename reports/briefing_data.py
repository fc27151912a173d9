"""Everything a briefing says, gathered from the warehouse for one day and one scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb
from pipelines.gazetteer import region_name

from models import registry
from warehouse.queries import fetch_dicts

_PHONE = re.compile(r"(?:\+?62|0)8\d{2}[\s.-]?\d{3,4}[\s.-]?\d{3,5}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_MENTION = re.compile(r"@\w{2,}")


def redact(text: str) -> str:
    """Personal data out of quoted posts: phone numbers, e-mail addresses, @handles."""
    text = _PHONE.sub("[nomor disamarkan]", text)
    text = _EMAIL.sub("[email disamarkan]", text)
    return _MENTION.sub("@[akun]", text)


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
    province_activity: dict[str, int] = field(default_factory=dict)


def gather(con: duckdb.DuckDBPyConnection, day: date, scope: str | None = None,
           limit: int = 8) -> Briefing:
    scope_name = "Nasional" if scope is None else (region_name(scope) or scope)
    province = scope if scope is not None and "." not in scope else None
    champion = registry.production(con)
    quality = (fetch_dicts(con, "brief_data_quality", {"day": day}) or [{}])[0]
    narratives = fetch_dicts(con, "brief_top_narratives",
                             {"day": day, "scope": scope, "limit": limit})
    for item in narratives:
        nid = item["narrative_id"]
        item["rep_text"] = redact(item["rep_text"] or "")
        item["regions"] = fetch_dicts(con, "brief_narrative_regions", {
            "narrative_id": nid, "day": day, "province": province})
        item["trend"] = [r["posts"] for r in fetch_dicts(
            con, "brief_narrative_trend", {"narrative_id": nid, "day": day, "scope": scope})]
        countered = fetch_dicts(con, "brief_countered",
                                {"narrative_id": nid, "day": day, "scope": scope})
        item.update(countered[0] if countered else {})
    regions = fetch_dicts(con, "brief_region_table", {"day": day, "province": province})
    return Briefing(
        day=day, scope_code=scope, scope_name=scope_name,
        generated_at=datetime.now(UTC), model_version=champion.version if champion else None,
        quality=quality, narratives=narratives, regions=regions,
        province_activity={r["region_code"]: int(r["flagged_posts"]) for r in regions},
    )
