"""'Saran respons': counter-message points for KIM groups, from the matched fact-check.

Fact-check articles (TurnBackHoax/Mafindo style) explain in sections: PENJELASAN (the facts),
KESIMPULAN (the verdict) and often PESAN PENANGKAL (a counter-message written for the public).
The points reuse those sentences verbatim — nothing is invented — and end with the link. With no
fact-check, a short generic message; officers are asked to confirm with the agency concerned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reports.i18n import texts

_SECTION = re.compile(r"\b(PENJELASAN|KESIMPULAN|PESAN PENANGKAL|REFERENSI)\s*:", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
# framing that explains the article rather than the facts
_SKIP = re.compile(r"^(Berdasarkan tujuh jenis|Beredar (pesan|unggahan|video|foto)|Sebelumnya)",
                   re.IGNORECASE)
_SCAM = re.compile(r"\b(link|tautan|nik|otp|pin|rekening|transfer|data pribadi|klaim)\b",
                   re.IGNORECASE)
_TAG = re.compile(r"^\s*\[[^\]]*\]\s*")
SAFE_SCHEMES = ("http://", "https://")


@dataclass
class Response:
    facts: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    source_url: str | None = None
    source_name: str | None = None
    verdict: str | None = None
    claim: str | None = None
    generic: bool = False

    def message(self, lang: str = "id") -> str:
        """A plain text a KIM member can forward as is."""
        t = texts(lang)
        lines = []
        if self.verdict and self.claim:
            lines.append(f"[{self.verdict}] {self.claim}")
        if self.facts:
            lines.append(" ".join(self.facts))
        if self.advice:
            lines.append(" ".join(self.advice))
        if self.source_url:
            lines.append(f"{t['source']}: {self.source_url}")
        return "\n\n".join(lines)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links leave the warehouse (no javascript:, data:, …)."""
    if not url:
        return None
    url = url.strip()
    return url if url.lower().startswith(SAFE_SCHEMES) and not any(
        c in url for c in "\"'<> \n\t") else None


def sections(explanation: str) -> dict[str, str]:
    """Split an explanation into PENJELASAN / KESIMPULAN / PESAN PENANGKAL parts."""
    parts: dict[str, str] = {}
    matches = list(_SECTION.finditer(explanation))
    if not matches:
        return {"PENJELASAN": explanation.strip()}
    head = explanation[:matches[0].start()].strip()
    if head:
        parts["PENJELASAN"] = head
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(explanation)
        key = m.group(1).upper()
        parts[key] = (parts.get(key, "") + " " + explanation[m.end():end].strip()).strip()
    return parts


def sentences(text: str) -> list[str]:
    out = []
    for s in _SENTENCE.split(" ".join(text.split())):
        s = s.strip()
        if len(s) >= 20 and not _SKIP.match(s):
            out.append(s if s[-1] in ".!?" else s + ".")
    return out


def build_response(item: dict[str, Any], lang: str = "id", max_facts: int = 2,
                   max_advice: int = 2) -> Response:
    t = texts(lang)
    explanation = (item.get("fc_explanation") or "").strip()
    url = safe_url(item.get("fc_url"))
    # A suggested ('mungkin terkait') fact-check may be about another claim: not the answer.
    if item.get("fc_tier") == "mungkin terkait":
        explanation, url = "", None
    if explanation or url:
        parts = sections(explanation) if explanation else {}
        facts = sentences(parts.get("PENJELASAN", ""))[:max_facts]
        advice = sentences(parts.get("PESAN PENANGKAL", ""))[:max_advice]
        if not advice:
            advice = [t["generic_1"]]
        return Response(facts=facts, advice=advice, source_url=url,
                        source_name=item.get("fc_publisher"), verdict=item.get("fc_verdict"),
                        claim=_TAG.sub("", item.get("fc_title") or "").strip()
                        or item.get("fc_claim"))
    advice = [t["generic_1"], t["generic_2"], t["generic_3"]]
    if _SCAM.search(" ".join([item.get("rep_text") or "", *(item.get("keywords") or [])])):
        advice.insert(1, t["generic_scam"])
    return Response(advice=advice, generic=True)


def counter_message(item: dict[str, Any], lang: str = "id") -> str:
    """One line: the first fact and the link, or the generic advice."""
    r = build_response(item, lang)
    if r.generic:
        return r.advice[0]
    first = (r.facts or r.advice)[0]
    return first + (f" {texts(lang)['source']}: {r.source_url}" if r.source_url else "")
