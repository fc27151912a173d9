"""Score the narrative tracker through the real stages: a labelled JSONL of posts with days goes
into a scratch warehouse, ``ingest → normalise → embed → cluster`` run day by day (the stage
functions the pipeline runs, nothing re-implemented), and the narratives they write are scored.

The file holds one post per line: ``id``, ``day`` (1, 2, … or YYYY-MM-DD), ``text``,
``narrative`` (a key, or null for unrelated posts), optionally ``role`` (``claim``,
``clarification``, ``unrelated``), ``official``, ``split`` (``tune``/``test``: choose settings
on ``tune`` only), ``source`` and ``reply_to`` (the ``id`` of the row of the same source it
replies to).

Scores, over claims and unrelated posts (a post left out of every narrative counts as its own
singleton, as unrelated posts are in the truth): adjusted Rand index, NMI, and per true
narrative the number of predicted pieces (unassigned posts each count as one) and the share of
its posts in the largest piece. Clarifications are scored apart: linked to the narrative that
holds most of their claim's posts, or not.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from pipelines.errors import EvalDataError
from pipelines.fileio import read_jsonl
from pipelines.settings import REPO_ROOT, Settings

DEFAULT_PATH = REPO_ROOT / "data" / "eval" / "narratives.jsonl"
ROLES = ("claim", "clarification", "unrelated")
FIRST_DAY = date(2026, 1, 5)     # day 1 of a file that numbers its days
EVAL_STAGES = ("ingest", "normalise", "embed", "cluster")


@dataclass(frozen=True)
class EvalPost:
    id: str
    split: str
    day: date
    narrative: str | None
    role: str
    official: bool
    text: str
    source: str
    reply_to: str | None = None  # the id of the row (same source) this post replies to

    @property
    def post_id(self) -> str:
        return f"{self.source}:{self.id}"


def _day(value: Any) -> date:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return FIRST_DAY + timedelta(days=value - 1)
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError("day must be 1, 2, … or YYYY-MM-DD")


def load(path: Path = DEFAULT_PATH) -> list[EvalPost]:
    posts: list[EvalPost] = []
    seen: set[str] = set()
    for number, row in read_jsonl(path, EvalDataError):
        try:
            official = bool(row.get("official", False))
            post = EvalPost(
                id=str(row["id"]), split=str(row.get("split", "test")),
                day=_day(row.get("day", 1)), narrative=row.get("narrative") or None,
                role=str(row.get("role") or ("claim" if row.get("narrative")
                                             else "unrelated")),
                official=official, text=str(row["text"]),
                source=str(row.get("source") or ("eval-official" if official
                                                 else "eval-crowd")),
                reply_to=str(row["reply_to"]) if row.get("reply_to") is not None else None)
        except (KeyError, TypeError, ValueError) as exc:
            raise EvalDataError(f"{path}:{number}: needs 'id', 'day' and 'text' ({exc})"
                                ) from None
        if post.role not in ROLES:
            raise EvalDataError(f"{path}:{number}: role must be one of {', '.join(ROLES)}")
        if post.role != "unrelated" and not post.narrative:
            raise EvalDataError(f"{path}:{number}: a {post.role} needs a 'narrative'")
        if post.post_id in seen:
            raise EvalDataError(f"{path}:{number}: duplicate id {post.id!r}")
        seen.add(post.post_id)
        posts.append(post)
    if not posts:
        raise EvalDataError(f"{path}: no posts")
    return posts


def select(posts: Sequence[EvalPost], split: str) -> list[EvalPost]:
    chosen = [p for p in posts if split == "all" or p.split == split]
    if not chosen:
        raise EvalDataError(f"no posts in split {split!r}")
    return chosen


# --- the scratch warehouse --------------------------------------------------------------------


def write_inbox(posts: Sequence[EvalPost], home: Path) -> list[date]:
    """The posts as the pipeline receives them: ``inbox/<day>/posts.jsonl`` and a sources
    file that marks the official sources."""
    inbox = home / "inbox"
    by_day: dict[date, list[EvalPost]] = {}
    for p in posts:
        by_day.setdefault(p.day, []).append(p)
    for day, rows in by_day.items():
        folder = inbox / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "posts.jsonl").open("w", encoding="utf-8") as fh:
            for k, p in enumerate(rows):
                stamp = f"{day.isoformat()}T{8 + k * 12 // max(len(rows), 1):02d}:00:00+07:00"
                record = {"id": p.id, "text": p.text, "published_at": stamp,
                          "source": p.source, "author": f"{p.source}-{k}"}
                if p.reply_to:
                    record["reply_to"] = p.reply_to
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    official = {p.source: p.official for p in posts}
    with (home / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source", "platform", "home_region", "official", "description"])
        for source, off in sorted(official.items()):
            w.writerow([source, "eval", "", str(off).lower(), "labelled evaluation set"])
    return sorted(by_day)


@contextmanager
def scratch_settings(base: Settings, keep: Path | None = None) -> Iterator[Settings]:
    """Settings for a throw-away PANTAU_HOME (or ``keep``), with ``base``'s narrative knobs."""
    home = keep or Path(tempfile.mkdtemp(prefix="pantau-narrative-eval-"))
    try:
        fields = {k: getattr(base, k) for k in type(base).model_fields
                  if k.startswith(("narrative_", "embedding_", "normalise_"))}
        settings = Settings(home=home, inbox=home / "inbox", sources_file=home / "sources.csv",
                            **fields)
        settings.ensure_dirs()
        yield settings
    finally:
        if keep is None:
            shutil.rmtree(home, ignore_errors=True)


def _vector_cache(base: Settings) -> Path:
    safe = "".join(c if c.isalnum() else "_" for c in base.embedding_model)
    return base.home / "cache" / f"narrative-eval-vectors-{safe}.parquet"


def run_stages(settings: Settings, days: Sequence[date], cache: Path | None = None,
               stages: Sequence[str] = EVAL_STAGES) -> None:
    """The pipeline's stage functions, day by day. Vectors of texts embedded before are put in
    the embedding cache first (the embed stage embeds only what is missing), and new ones are
    saved after, so a rerun costs the clustering, not the model."""
    from pipelines.daily import run_stage
    from warehouse.connection import writer

    if cache is not None and cache.exists():
        with writer(settings.warehouse_path) as con:
            con.execute("INSERT INTO embeddings SELECT * FROM read_parquet(?)"
                        " ON CONFLICT DO NOTHING", [str(cache)])
    for day in days:
        for name in stages:
            run_stage(name, settings, day)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with writer(settings.warehouse_path) as con:
            con.execute(f"COPY (SELECT * FROM embeddings ORDER BY ALL) TO '{_sql_path(cache)}'"
                        " (FORMAT parquet)")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def canonical_assignments(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str],
                                                                    dict[str, str]]:
    """post_id → canonical narrative of its crowd assignment, and of its clarification link."""
    rows = con.execute(
        "SELECT np.post_id, c.canonical_id, np.assigned_by FROM narrative_posts np"
        " JOIN narrative_canonical c USING (narrative_id)").fetchall()
    crowd = {p: n for p, n, how in rows if not how.startswith("clarification")}
    clar = {p: n for p, n, how in rows if how.startswith("clarification")}
    return crowd, clar


def languages(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """post_id → the language the normalise stage gave it."""
    return dict(con.execute("SELECT post_id, lang FROM stg_posts").fetchall())


# --- scoring ---------------------------------------------------------------------------------


def score(truth: dict[str, str | None], assigned: dict[str, str],
          clarifications: dict[str, str] | None = None,
          clarified: dict[str, str] | None = None,
          langs: dict[str, str] | None = None) -> dict[str, Any]:
    """``truth``: post → true narrative (None: unrelated); ``assigned``: post → predicted
    narrative; ``clarified``: official post → the narrative it clarifies, scored against
    ``clarifications`` (its predicted link); ``langs``: post → the language the normalise stage
    gave it, for the share of each language's claims in their narrative's largest piece."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    posts = sorted(truth)
    t = [truth[p] or f"~{p}" for p in posts]
    pred = [assigned.get(p) or f"~{p}" for p in posts]
    per: list[dict[str, Any]] = []
    majority: dict[str, str] = {}
    for key in sorted({x for x in truth.values() if x}):
        mine = [pp for tt, pp in zip(t, pred, strict=True) if tt == key]
        pieces = Counter(mine)
        largest, size = pieces.most_common(1)[0]
        majority[key] = largest
        per.append({"narrative": key, "posts": len(mine), "pieces": len(pieces),
                    "largest_share": round(size / len(mine), 4),
                    "unassigned": sum(x.startswith("~") for x in mine)})
    report: dict[str, Any] = {
        "posts": len(posts),
        "narratives_true": len(per),
        "narratives_found": len({p for p in pred if not p.startswith("~")}),
        "unassigned_claims": sum(1 for p, tt in zip(pred, posts, strict=True)
                                 if truth[tt] and p.startswith("~")),
        "ari": round(float(adjusted_rand_score(t, pred)), 4),
        "nmi": round(float(normalized_mutual_info_score(t, pred)), 4),
        "min_largest_share": min((r["largest_share"] for r in per), default=None),
        "max_pieces": max((r["pieces"] for r in per), default=None),
        "per_narrative": per,
    }
    if langs:
        by: dict[str, list[int]] = {}
        for post, key, guess in zip(posts, t, pred, strict=True):
            if truth[post]:
                row = by.setdefault(langs.get(post) or "und", [0, 0, 0])
                row[0] += 1
                row[1] += guess == majority[key] and not guess.startswith("~")
                row[2] += guess.startswith("~")
        report["by_language"] = [
            {"lang": lang, "claims": n, "in_largest_piece": ok,
             "share": round(ok / n, 4), "unassigned": left}
            for lang, (n, ok, left) in sorted(by.items(), key=lambda kv: -kv[1][0])]
    if clarified:
        linked = [p for p in clarified if p in (clarifications or {})]
        correct = [p for p in linked
                   if (clarifications or {})[p] == majority.get(clarified[p], "-")]
        report.update({
            "clarifications": len(clarified), "clarifications_linked": len(linked),
            "clarification_precision": round(len(correct) / len(linked), 4) if linked else None,
            "clarification_recall": round(len(correct) / len(clarified), 4)})
    return report


def evaluate(posts: Sequence[EvalPost], base: Settings, keep: Path | None = None
             ) -> dict[str, Any]:
    """``posts`` through ingest → normalise → embed → cluster on a scratch warehouse, scored."""
    from warehouse.connection import reader

    with scratch_settings(base, keep) as settings:
        days = write_inbox(posts, settings.home)
        run_stages(settings, days, _vector_cache(base))
        with reader(settings.warehouse_path) as con:
            crowd, clar = canonical_assignments(con)
            langs = languages(con)
    truth = {p.post_id: p.narrative for p in posts if p.role != "clarification"}
    clarified = {p.post_id: p.narrative for p in posts
                 if p.role == "clarification" and p.narrative}
    return {"days": len(days), **score(truth, crowd, clar, clarified, langs)}


def sample_truth(path: Path, meta: Path | None = None, hoax_only: bool = True
                 ) -> dict[str, str]:
    """post_id → narrative key from a truth CSV (``source,id,narrative_key``, as
    data/sample/truth/narratives.csv); clarifications and, with ``hoax_only``, narratives
    whose meta row says ``hoax=false`` left out."""
    hoax: set[str] | None = None
    if hoax_only and meta is not None and meta.is_file():
        with meta.open(encoding="utf-8", newline="") as fh:
            hoax = {r["narrative_key"] for r in csv.DictReader(fh) if r.get("hoax") == "true"}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {f"{r['source']}:{r['id']}": r["narrative_key"] for r in rows
            if r["narrative_key"] and ":" not in r["narrative_key"]
            and (hoax is None or r["narrative_key"] in hoax)}


def score_warehouse(con: duckdb.DuckDBPyConnection, truth: dict[str, str]) -> dict[str, Any]:
    """The narratives a warehouse holds, scored on the posts ``truth`` labels."""
    crowd, _ = canonical_assignments(con)
    present = {r[0] for r in con.execute("SELECT post_id FROM raw_posts").fetchall()}
    labelled: dict[str, str | None] = {p: k for p, k in truth.items() if p in present}
    return score(labelled, crowd, langs=languages(con))


def recluster(settings: Settings, days: Sequence[date] | None = None) -> list[date]:
    """Run the cluster stage again over every day (or ``days``), from nothing, in order: what
    a chronological run with the current settings gives. For tuning on a copy of a
    warehouse; never on the production one."""
    from pipelines.stages.cluster import cluster
    from warehouse.connection import writer

    with writer(settings.warehouse_path) as con:
        if days is None:
            days = [r[0] for r in con.execute(
                "SELECT DISTINCT batch_day FROM stg_posts ORDER BY 1").fetchall()]
        for table in ("narrative_posts", "narrative_day_sums", "narrative_events",
                      "narrative_fact_checks", "narrative_dim"):
            con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        con.execute("DELETE FROM runs WHERE stage = 'cluster'")
    for day in days:
        cluster(settings, day)
    return list(days)


def per_narrative_table(report: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(r["narrative"], r["posts"], r["pieces"], r["largest_share"], r["unassigned"])
            for r in report["per_narrative"]]


