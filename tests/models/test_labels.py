"""Label import: every label kept, conflicts reported with how training resolves them."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.labels import LabelFileError, import_labels
from models.training import TrainingError, collect_labels
from pipelines.settings import Settings
from warehouse.connection import writer

HEADER = "post_id,text,label,labeller,labelled_at,note\n"


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_conflicts_are_kept_reported_and_resolved_by_majority(settings: Settings,
                                                              tmp_path: Path) -> None:
    first = _write(tmp_path / "a.csv", [
        ",Vaksin booster berisi chip 5G,hoax,ana,2026-11-01T10:00:00+07:00,",
        ",Pasar murah digelar Sabtu di lapangan,not_hoax,ana,2026-11-01T10:01:00+07:00,",
    ])
    second = _write(tmp_path / "b.csv", [
        # The same text, written differently: a conflict after normalisation.
        ",VAKSIN booster berisi chip 5G!!,not_hoax,budi,2026-11-02T10:00:00+07:00,",
        ",Pasar murah digelar Sabtu di lapangan,hoax,budi,2026-11-02T10:01:00+07:00,",
        ",Pasar murah digelar Sabtu di lapangan,not_hoax,citra,2026-11-02T10:02:00+07:00,",
        ",,maybe,budi,,",
        ",Teks belum dilabeli,,,,",
    ])
    with writer(settings.warehouse_path) as con:
        import_labels(con, first)
        report = import_labels(con, second)
        stored = con.execute("SELECT count(*) FROM labels").fetchone()[0]  # type: ignore[index]
    assert stored == 5  # nothing is overwritten or dropped
    assert (report.imported, report.unlabelled) == (3, 1)
    assert report.rejected and report.rejected[0][0] == 5
    by_text = {c["text"].lower()[:12]: c for c in report.conflicts}
    assert set(by_text) == {"vaksin boost", "pasar murah "}
    vaksin, pasar = by_text["vaksin boost"], by_text["pasar murah "]
    assert vaksin["labellers"] == {"hoax": ["ana"], "not_hoax": ["budi"]}
    assert vaksin["resolution"].startswith("tie")
    assert pasar["votes"] == {"hoax": 1, "not_hoax": 2}
    assert pasar["resolution"] == "majority: not_hoax"


def test_reimporting_a_file_adds_nothing(settings: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", [",Teks satu,hoax,ana,2026-11-01T10:00:00+07:00,"])
    with writer(settings.warehouse_path) as con:
        import_labels(con, path)
        again = import_labels(con, path)
    assert (again.imported, again.already_present) == (0, 1)


def test_unusable_files_and_too_few_labels_say_so(settings: Settings, tmp_path: Path) -> None:
    with writer(settings.warehouse_path) as con:
        with pytest.raises(LabelFileError, match="not found"):
            import_labels(con, tmp_path / "missing.csv")
        (tmp_path / "labels.xlsx").write_bytes(b"PK")
        with pytest.raises(LabelFileError, match="must be .csv or .jsonl"):
            import_labels(con, tmp_path / "labels.xlsx")
        import_labels(con, _write(tmp_path / "a.csv",
                                  [",Teks satu,hoax,ana,2026-11-01T10:00:00+07:00,"]))
        with pytest.raises(TrainingError, match="at least 20"):
            collect_labels(con)
