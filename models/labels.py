"""Labelled examples: import from CSV/JSONL into `labels`, keep conflicts, report them."""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.connectors.dates import parse_datetime
from pipelines.errors import PantauError

LABEL_VALUES = {"hoax": "hoax", "hoaks": "hoax", "1": "hoax", "true": "hoax",
                "not_hoax": "not_hoax", "bukan_hoax": "not_hoax", "valid": "not_hoax",
                "0": "not_hoax", "false": "not_hoax"}


class LabelFileError(PantauError):
    """The label file cannot be used as a whole."""


@dataclass
class LabelImport:
    imported: int = 0
    already_present: int = 0
    unlabelled: int = 0  # rows with an empty label, e.g. a labelling queue not finished yet
    rejected: list[tuple[int, str]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def read_label_rows(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise LabelFileError(f"Label file not found: {path}")
    if path.suffix.lower() in {".jsonl", ".ndjson"}:
        rows = []
        for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise LabelFileError(f"{path}:{n}: invalid JSON ({exc.msg})") from exc
        return rows
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    raise LabelFileError(f"{path.name}: labels must be .csv or .jsonl")


def clean_label(row: dict[str, Any]) -> dict[str, Any]:
    label = LABEL_VALUES.get(str(row.get("label", "")).strip().lower())
    if label is None:
        raise ValueError(f"label must be hoax or not_hoax, got {row.get('label')!r}")
    post_id = (row.get("post_id") or "").strip() or None
    if post_id and row.get("source") and ":" not in post_id:
        post_id = f"{row['source']}:{post_id}"
    text = (row.get("text") or "").strip() or None
    if not post_id and not text:
        raise ValueError("a label needs a post_id or a text")
    labelled = parse_datetime(str(row.get("labelled_at") or ""))
    return {"post_id": post_id, "text": text, "label": label,
            "labeller": (row.get("labeller") or "").strip() or None,
            "labelled_at": labelled, "note": (row.get("note") or "").strip() or None}


def import_labels(con: duckdb.DuckDBPyConnection, path: Path) -> LabelImport:
    """Append labels; the same row imported twice is stored once."""
    report = LabelImport()
    now = datetime.now(UTC)
    for n, row in enumerate(read_label_rows(path), start=2):
        if not str(row.get("label") or "").strip():
            report.unlabelled += 1
            continue
        try:
            item = clean_label(row)
        except ValueError as exc:
            report.rejected.append((n, str(exc)))
            continue
        key = "|".join(str(item[k]) for k in ("post_id", "text", "label", "labeller",
                                              "labelled_at"))
        label_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
        exists = con.execute("SELECT 1 FROM labels WHERE label_id = ?", [label_id]).fetchone()
        if exists:
            report.already_present += 1
            continue
        con.execute(
            "INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [label_id, item["post_id"], item["text"], item["label"], item["labeller"],
             item["labelled_at"], item["note"], path.name, now])
        report.imported += 1
    report.conflicts = label_conflicts(con)
    return report


def label_conflicts(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Items labelled both hoax and not_hoax. Every label is kept; an item is the same text
    after normalisation (as training sees it), whether labelled by post id or by text.

    Training takes the majority label of an item and leaves ties out; `resolution` says which.
    """
    from pipelines.normalize import normalize_texts

    rows = con.execute(
        "SELECT l.post_id, coalesce(r.text, l.text) AS text, l.label, l.labeller"
        " FROM labels l LEFT JOIN raw_posts r ON r.post_id = l.post_id"
        " ORDER BY l.imported_at, l.label_id").fetchall()
    if not rows:
        return []
    texts = [r[1] or "" for r in rows]
    hashes = normalize_texts(texts, detect_lang=False).column("content_hash").to_pylist()
    groups: dict[str, dict[str, Any]] = {}
    for (post_id, text, label, labeller), h in zip(rows, hashes, strict=True):
        key = h if text else f"post:{post_id}"
        g = groups.setdefault(key, {"item": post_id or text, "text": text, "votes": {},
                                    "labellers": {}})
        g["votes"][label] = g["votes"].get(label, 0) + 1
        g["labellers"].setdefault(label, set()).add(labeller or "?")
    out = []
    for g in groups.values():
        if len(g["votes"]) < 2:
            continue
        ranked = sorted(g["votes"].items(), key=lambda kv: -kv[1])
        tie = ranked[0][1] == ranked[1][1]
        out.append({
            "item": g["item"], "text": g["text"],
            "labels": sorted(g["votes"]), "votes": dict(sorted(g["votes"].items())),
            "labellers": {k: sorted(v) for k, v in sorted(g["labellers"].items())},
            "resolution": "tie: left out of training" if tie else f"majority: {ranked[0][0]}",
        })
    return sorted(out, key=lambda c: str(c["item"]))
