"""Which posts to label next: the ones a label would teach the model most about.

Priority mixes three signals, each in [0, 1]:

* uncertainty — a score near 0.5 (``1 - 2·|score - 0.5|``); a post never scored counts as 1;
* growth — the post's narrative is spreading (growth of the last 3 days over the 7 before,
  from the ``narrative_status`` macro, capped at ``GROWTH_CAP``);
* no answer yet — no fact-check matched the post.

``priority = 0.5·uncertainty + 0.3·growth + 0.2·no_fact_check``. Posts already labelled and
duplicates are left out, and at most ``per_narrative`` posts come from one narrative so the
queue is not one story 200 times. The CSV has empty ``label``/``labeller``/``labelled_at``
columns: fill them and give the file back to ``pantau labels import``.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

import duckdb

from pipelines.normalize import normalize_texts

GROWTH_CAP = 5.0
WEIGHTS = {"uncertainty": 0.5, "growth": 0.3, "no_fact_check": 0.2}
CSV_COLUMNS = ("post_id", "text", "label", "labeller", "labelled_at", "note", "priority",
               "reason", "hoax_score", "model_version", "narrative_id", "narrative_growth",
               "fact_check_id", "source", "published_at")


@dataclass
class QueueItem:
    post_id: str
    text: str
    priority: float
    reason: str
    hoax_score: float | None
    model_version: str | None
    narrative_id: str | None
    narrative_growth: float | None
    fact_check_id: str | None
    source: str
    published_at: Any

    def row(self) -> dict[str, Any]:
        return {"post_id": self.post_id, "text": self.text, "label": "", "labeller": "",
                "labelled_at": "", "note": "", "priority": round(self.priority, 4),
                "reason": self.reason,
                "hoax_score": None if self.hoax_score is None else round(self.hoax_score, 4),
                "model_version": self.model_version, "narrative_id": self.narrative_id,
                "narrative_growth": None if self.narrative_growth is None
                else round(self.narrative_growth, 2),
                "fact_check_id": self.fact_check_id, "source": self.source,
                "published_at": self.published_at}


def priority_of(score: float | None, growth: float | None,
                has_fact_check: bool) -> tuple[float, str]:
    """The priority of one post and the reasons behind it, in words."""
    uncertainty = 1.0 if score is None or math.isnan(score) else 1 - 2 * abs(score - 0.5)
    spread = min(max(growth or 0.0, 0.0), GROWTH_CAP) / GROWTH_CAP
    no_fc = 0.0 if has_fact_check else 1.0
    value = (WEIGHTS["uncertainty"] * uncertainty + WEIGHTS["growth"] * spread
             + WEIGHTS["no_fact_check"] * no_fc)
    reasons = []
    if score is None or math.isnan(score):
        reasons.append("not scored")
    elif uncertainty >= 0.6:
        reasons.append(f"uncertain score {score:.2f}")
    if growth is not None and growth >= 1.5:
        reasons.append(f"narrative growing x{growth:.1f}")
    if not has_fact_check:
        reasons.append("no fact-check match")
    return value, "; ".join(reasons)


def _labelled_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    texts = [r[0] for r in con.execute(
        "SELECT DISTINCT text FROM labels WHERE text IS NOT NULL").fetchall()]
    if not texts:
        return set()
    return set(normalize_texts(texts, detect_lang=False).column("content_hash").to_pylist())


def build_queue(con: duckdb.DuckDBPyConnection, n: int = 200, as_of: date | None = None,
                window_days: int = 14, per_narrative: int = 3) -> list[QueueItem]:
    """The `n` posts most worth labelling among those of the last `window_days` days."""
    if as_of is None:
        row = con.execute("SELECT max(day) FROM stg_posts").fetchone()
        if row is None or row[0] is None:
            return []
        as_of = row[0]
    since = as_of - timedelta(days=window_days - 1)
    rows = con.execute(
        """
        SELECT s.post_id, r.text, s.content_hash, ps.hoax_score, ps.model_version,
               np.narrative_id, st.growth, ps.fact_check_id, r.source, r.published_at
        FROM stg_posts s
        JOIN raw_posts r USING (post_id)
        LEFT JOIN post_scores ps USING (post_id)
        LEFT JOIN narrative_posts np USING (post_id)
        LEFT JOIN narrative_status(?::DATE) st USING (narrative_id)
        WHERE s.duplicate_of IS NULL AND s.day BETWEEN ? AND ?
          AND s.post_id NOT IN (SELECT post_id FROM labels WHERE post_id IS NOT NULL)
        ORDER BY s.post_id
        """, [as_of, since, as_of]).fetchall()
    done = _labelled_hashes(con)
    items = []
    for pid, text, chash, score, version, nid, growth, fc, source, published in rows:
        if chash in done:
            continue
        value, reason = priority_of(score, growth, fc is not None)
        items.append(QueueItem(pid, text, value, reason, score, version, nid, growth, fc,
                               source, published))
    # Highest priority first; ties broken by post id so the file is reproducible.
    items.sort(key=lambda i: (-round(i.priority, 9), i.post_id))
    out: list[QueueItem] = []
    taken: dict[str, int] = {}
    for item in items:
        if item.narrative_id is not None:
            if taken.get(item.narrative_id, 0) >= per_narrative:
                continue
            taken[item.narrative_id] = taken.get(item.narrative_id, 0) + 1
        out.append(item)
        if len(out) >= n:
            break
    return out


def write_queue(items: list[QueueItem], handle: TextIO) -> None:
    writer = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    for item in items:
        writer.writerow(item.row())


def write_queue_file(items: list[QueueItem], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_queue(items, handle)
