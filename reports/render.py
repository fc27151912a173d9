"""Render a briefing as HTML (self-contained), Markdown or a short plain-text digest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from reports.briefing_data import Briefing
from reports.charts import sparkline
from reports.i18n import texts
from reports.summary import summary_sentences

# Autoescape is on for every HTML template: post text is untrusted.
_ENV = Environment(loader=PackageLoader("reports", "templates"),
                   autoescape=select_autoescape(["html", "j2"]))


def counter_message(item: dict[str, Any], lang: str = "id") -> str:
    explanation = (item.get("fc_explanation") or "").strip()
    if explanation:
        first = explanation.split(". ")[0].strip().rstrip(".")
        return f"{first}." + (f" Sumber: {item['fc_url']}" if item.get("fc_url") else "")
    return texts(lang)["counter_default"]


def render_html(b: Briefing, lang: str = "id", map_svg: str = "") -> str:
    t = texts(lang)
    return _ENV.get_template("briefing.html.j2").render(
        b=b, t=t, lang=lang, q=b.quality, summary=summary_sentences(b, lang),
        window_start=b.day - timedelta(days=13), map_svg=map_svg,
        sparkline=lambda values, label: sparkline(values, label=label),
        counter_message=lambda item: counter_message(item, lang))


def _status(t: dict[str, str], status: str) -> str:
    return t.get(f"status_{status}", status)


def render_markdown(b: Briefing, lang: str = "id") -> str:
    t = texts(lang)
    q = b.quality
    lines = [f"# {t['title']} — {b.scope_name} — {b.day}", "",
             f"{t['quality']}: {q.get('received') or 0} {t['received']}, "
             f"{q.get('duplicates') or 0} {t['duplicates']}, "
             f"{q.get('quarantined') or 0} {t['quarantined']}. {t['model']}: "
             f"{b.model_version or '—'}", "", f"## {t['summary']}", ""]
    lines += [f"- {s}" for s in summary_sentences(b, lang)]
    lines += ["", f"## {t['top']}", ""]
    for i, n in enumerate(b.narratives, 1):
        regions = ", ".join(f"{r['region_name']} ({r['posts']})" for r in n["regions"])
        lines += [f"### {i}. {n['label']} ({_status(t, n['status'])})", "",
                  "> " + (n["rep_text"] or "")[:400].replace("\n", " "), "",
                  f"- {t['likelihood']}: {(n['hoax_score'] or 0) * 100:.0f}%",
                  f"- {t['posts_week']}: {n['week_posts']} · {t['growth']}: ×{n['growth']:.1f}",
                  f"- {t['regions']}: {regions}",
                  f"- {t['fact_check']}: " + (f"[{n['fc_verdict']}] {n['fc_url']}"
                                             if n.get("fc_url") else t["no_fact_check"]),
                  f"- {t['response']}: {counter_message(n, lang)}", ""]
    lines += [f"## {t['region_table']}", "", f"| {t['region']} | {t['flagged_posts']} | "
              f"{t['top_narrative']} |", "|---|---|---|"]
    lines += [f"| {r['region_name']} | {r['flagged_posts']} | {r['top_label']} |"
              for r in b.regions]
    lines += ["", f"## {t['method']}", "", t["method_text"], ""]
    return "\n".join(lines)


def render_text(b: Briefing, lang: str = "id", limit: int = 5) -> str:
    """A digest sized for one WhatsApp/Telegram message."""
    t = texts(lang)
    lines = [f"*{t['title']}* — {b.scope_name}, {b.day}", ""]
    lines += summary_sentences(b, lang)[:2]
    lines.append("")
    for i, n in enumerate(b.narratives[:limit], 1):
        fc = f" Cek fakta: {n['fc_url']}" if n.get("fc_url") else ""
        lines.append(f"{i}. {n['label']} ({_status(t, n['status'])}, {n['week_posts']} "
                     f"unggahan).{fc}")
    return "\n".join(lines)[:3500]
