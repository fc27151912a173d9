"""Training examples from what a deployment ingests, not only from hand labels.

Every deployment reads fact-check feeds and mainstream and official news. Those are labels:

* a fact-check's claim (the title without its verdict tag) and the narrative it quotes
  ("berisi narasi: …") are hoax examples; a BENAR verdict is a not-hoax example;
* news headlines and leads are not-hoax examples;
* official clarifications, which repeat a hoax's words beside "tidak benar" or "hoaks", are
  not-hoax examples too, weighted up as hard negatives: a classifier that has only seen news
  learns "mentions the hoax's topic => hoax" and flags the clarification;
* human labels (`pantau labels import`) override all of these.

`build_training_set` turns such items into a `LabelledSet` (deduplicated by content hash,
oldest first, one weight per example). `warehouse_items` reads the items from the warehouse;
the real-data benchmark builds the same items from `../shared/data` and calls the same function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from models.training import LabelledSet, TrainingError, labelled_set
from pipelines.normalize import normalize_texts
from warehouse.queries import query_text

if TYPE_CHECKING:
    from pipelines.embedder import Embedder
    from pipelines.settings import Settings

# How much one example of each kind counts. Clarifications are the errors an officer notices
# first (an official denial flagged as a hoax), human labels are the ground truth.
SOURCE_WEIGHTS = {"fact_check": 1.0, "news": 1.0, "official": 1.0, "clarification": 2.0,
                  "label": 3.0}
NOT_DEBUNKS = {"BENAR", "SATIRE", "PARODI"}
MIN_WORDS = 3
LEAD_CHARS = 300

# An official post that repeats a hoax to deny it.
CLARIFICATION = re.compile(
    r"\b(hoa[kx]s?|tidak benar|bukan fakta|klarifikasi|disinformasi|informasi palsu|"
    r"berita bohong|dipastikan palsu|penipuan)\b", re.IGNORECASE)
CLAIM_JOIN = " — "


@dataclass(frozen=True)
class FeedItem:
    text: str
    label: int          # 1 hoax, 0 not hoax
    kind: str           # a key of SOURCE_WEIGHTS
    source: str         # publisher or account: the group of a source-disjoint split
    ts: str             # ISO timestamp; '' when unknown (sorts first)


def lead(text: str, chars: int = LEAD_CHARS) -> str:
    """The start of an article, cut at a word boundary."""
    text = " ".join((text or "").split())
    if len(text) <= chars:
        return text
    cut = text.find(" ", chars)
    return text[:cut if cut > 0 else len(text)]


def build_training_set(items: Iterable[FeedItem],
                       weights: dict[str, float] | None = None,
                       min_words: int = MIN_WORDS) -> LabelledSet:
    """Deduplicate by normalised content, let human labels override feed-derived ones, drop
    texts the feeds disagree on, order by time. Raises TrainingError when a class is missing."""
    table = dict(SOURCE_WEIGHTS, **(weights or {}))
    rows = [i for i in items if i.text and i.text.strip()]
    if not rows:
        raise TrainingError("No fact-checks, news or labels in the warehouse yet: ingest the "
                            "feeds (`pantau ingest`) or import labels first.")
    norm = normalize_texts([r.text for r in rows], detect_lang=False)
    texts = norm.column("text_norm").to_pylist()
    hashes = norm.column("content_hash").to_pylist()
    by_hash: dict[str, list[int]] = {}
    for i, (text, h) in enumerate(zip(texts, hashes, strict=True)):
        if len(text.split()) >= min_words:
            by_hash.setdefault(h, []).append(i)
    keep: list[tuple[Any, ...]] = []
    for h, idx in by_hash.items():
        human = [i for i in idx if rows[i].kind == "label"]
        if human:
            votes = sum(1 if rows[i].label == 1 else -1 for i in human)
            if votes == 0:
                continue  # labellers tie: no say
            label, kind = int(votes > 0), "label"
        else:
            classes = {rows[i].label for i in idx}
            if len(classes) > 1:
                continue  # a headline that is also a fact-checked claim says nothing
            label = classes.pop()
            # The strongest kind decides the weight (a clarification also seen as news).
            kind = max((rows[i].kind for i in idx), key=lambda k: table.get(k, 1.0))
        first = min(idx, key=lambda i: rows[i].ts)
        keep.append((rows[first].ts, h, texts[first], label, rows[first].source,
                     table.get(kind, 1.0), kind))
    return labelled_set(keep, "texts from the feeds and labels",
                        "Ingest fact-check feeds and news, or import labels.")


def items_from_rows(fact_checks: Iterable[tuple[str, str, str, str]],
                    posts: Iterable[tuple[str | None, str, str, bool, str | None, str]],
                    labels: Iterable[tuple[str, str, str, str]] = ()) -> list[FeedItem]:
    """Feed items from rows shaped like the training_*.sql queries return them:
    fact-checks (claim, verdict, publisher, ts), posts of news and official sources (title,
    text, source, official, platform, ts), human labels (text, label, ts, source)."""
    items: list[FeedItem] = []
    for claim, verdict, publisher, ts in fact_checks:
        tag = (verdict or "").upper()
        if tag in NOT_DEBUNKS - {"BENAR"}:
            continue  # satire and parody are neither hoax nor news
        label = 0 if tag == "BENAR" else 1
        # The store keeps "claim — quoted narrative" (pipelines/post_contract.py): two examples.
        for part in claim.split(CLAIM_JOIN, 1):
            items.append(FeedItem(part, label, "fact_check", publisher, ts))
    for title, text, source, official, platform, ts in posts:
        if platform == "news" and not official:
            for piece in (title, lead(text)):
                if piece:
                    items.append(FeedItem(piece, 0, "news", source, ts))
        else:
            kind = "clarification" if CLARIFICATION.search(text) else "official"
            items.append(FeedItem(text, 0, kind, source, ts))
    for labelled, verdict_label, stamp, origin in labels:
        items.append(FeedItem(labelled, 1 if verdict_label == "hoax" else 0, "label", origin,
                              stamp))
    return items


def warehouse_items(con: duckdb.DuckDBPyConnection, since: date | None = None,
                    ) -> list[FeedItem]:
    """Fact-checks, news, official posts and human labels of the warehouse as feed items."""
    start = since or date(1970, 1, 1)
    return items_from_rows(con.execute(query_text("training_fact_checks"), [start]).fetchall(),
                           con.execute(query_text("training_posts"), [start]).fetchall(),
                           con.execute(query_text("training_labels")).fetchall())


def inbox_items(con: duckdb.DuckDBPyConnection, inbox: Path, settings: Settings
                ) -> list[FeedItem]:
    """Feed items from an inbox folder (one sub-folder per day) read through the connectors,
    without storing anything: how `make run` bootstraps its first model before the first run.
    Sources (platform, official) and human labels come from the warehouse."""
    from pipelines.ingest_parse import folder_files, parse_files

    declared = {s: (p, bool(o)) for s, p, o in con.execute(
        "SELECT source, platform, coalesce(official, false) FROM sources").fetchall()}
    fact_checks: list[tuple[str, str, str, str]] = []
    posts: list[tuple[str | None, str, str, bool, str | None, str]] = []
    for folder in sorted(p for p in inbox.iterdir() if p.is_dir()):
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue
        # as the day's ingest reads them: a file no connector reads is left out, not fatal
        result = parse_files(folder_files(folder), day, settings=settings, refuse=False)
        for fc in result.fact_checks:
            stamp = fc.get("published_at")
            fact_checks.append((fc["claim"], fc["verdict"], fc["publisher"],
                                stamp.isoformat() if stamp else ""))
        for post in result.posts:
            platform, official = declared.get(post["source"], (post.get("platform"), False))
            if platform == "news" or official:
                posts.append((post.get("title"), post["text"], post["source"], official,
                              platform, post["published_at"].isoformat()))
    return items_from_rows(fact_checks, posts,
                           con.execute(query_text("training_labels")).fetchall())


def fact_check_count(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM fact_checks").fetchall()[0][0])


def train_from_warehouse(con: duckdb.DuckDBPyConnection, settings: Settings,
                         embedder: Embedder, since: date | None = None, seed: int = 0,
                         show_progress: bool = False) -> tuple[Any, dict[str, Any]]:
    """`pantau train --from-warehouse`: the feed-built set, trained and evaluated on its newest
    slice like any candidate; the caller hands it to the promotion gate."""
    from models.training import train_candidate

    data = build_training_set(warehouse_items(con, since))
    return train_candidate(con, settings, embedder, seed=seed, show_progress=show_progress,
                           data=data, trained_on="feeds",
                           extra_params={"since": since.isoformat() if since else None,
                                         "n_fact_checks": fact_check_count(con)})
