"""Scoring labelled files with a registered model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from models import registry
from models.classifier import hoax_probability, make_frame
from models.evaluation import evaluate_scores
from models.labels import LabelFileError, clean_label, read_label_rows
from pipelines.embedder import get_embedder
from pipelines.normalize import normalize_texts
from pipelines.settings import Settings
from warehouse.connection import reader


def evaluate_file(settings: Settings, path: Path, version: str | None = None) -> dict[str, Any]:
    rows = []
    for row in read_label_rows(path):
        try:
            item = clean_label(row)
        except ValueError:
            continue
        if item["text"]:
            rows.append(item)
    if not rows:
        raise LabelFileError(f"{path} has no usable rows (need columns text and label).")
    with reader(settings.warehouse_path) as con:
        record = registry.get(con, version) if version else registry.production(con)
    if record is None:
        raise registry.RegistryError("No production model; pass --model or run `pantau train`.")
    model = registry.load_model(record)
    norm = normalize_texts([r["text"] for r in rows])
    texts = norm.column("text_norm").to_pylist()
    vectors = get_embedder(settings).encode(texts)
    scores = hoax_probability(model, make_frame(texts, vectors))
    y = [1 if r["label"] == "hoax" else 0 for r in rows]
    return {"model": record.version, **evaluate_scores(y, scores, settings.hoax_threshold)}
