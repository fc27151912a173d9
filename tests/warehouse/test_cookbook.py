"""Every cookbook query runs on a warehouse built from the fixture inbox and on synthetic load,
returns the columns its header promises, and docs/cookbook.md shows them all."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from warehouse.connection import reader
from warehouse.cookbook import recipes, render_markdown, run

REPO = Path(__file__).resolve().parents[2]
RECIPES = recipes()


def test_there_are_at_least_ten_documented_questions() -> None:
    assert len(RECIPES) >= 10
    assert [r.number for r in RECIPES] == list(range(1, len(RECIPES) + 1))
    for r in RECIPES:
        assert r.question.endswith("?"), r.file
        assert r.columns and r.reads, r.file
        assert all(p.name in r.sql for p in r.parameters), r.file


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.file for r in RECIPES])
def test_query_on_the_fixture_pipeline_warehouse(recipe: Any, pipeline_run: Any) -> None:
    with reader(pipeline_run.settings.warehouse_path) as con:
        columns, _ = run(con, recipe)
    assert columns == recipe.columns


def test_most_queries_answer_something_on_the_fixture_warehouse(pipeline_run: Any) -> None:
    answered = []
    with reader(pipeline_run.settings.warehouse_path) as con:
        for recipe in RECIPES:
            _, rows = run(con, recipe, {"as_of": date(2026, 11, 21)})
            if rows:
                answered.append(recipe.file)
    # two days of fixture posts: most questions already have an answer
    assert len(answered) >= 6, answered


def test_every_query_answers_on_synthetic_load(synthetic_warehouse: Path) -> None:
    with reader(synthetic_warehouse) as con:
        for recipe in RECIPES:
            columns, rows = run(con, recipe)
            assert columns == recipe.columns, recipe.file
            assert rows, f"{recipe.file} returned nothing on three weeks of synthetic load"


def test_parameters_change_the_answer(synthetic_warehouse: Path) -> None:
    recipe = next(r for r in RECIPES if r.name == "new_narratives_per_day")
    with reader(synthetic_warehouse) as con:
        _, default = run(con, recipe)
        _, week = run(con, recipe, {"days": 7, "as_of": date(2026, 11, 15)})
        _, again = run(con, recipe)  # variables do not leak into the next query
    assert len(week) == 7 and week[-1][0] == date(2026, 11, 15)
    assert again == default and len(default) == 30  # the default window: 30 days


def test_docs_cookbook_md_shows_every_query() -> None:
    docs = (REPO / "docs" / "cookbook.md").read_text(encoding="utf-8")
    for recipe in RECIPES:
        assert recipe.question in docs, recipe.file
        assert recipe.body.strip() in docs, (
            f"docs/cookbook.md is out of date for {recipe.file}; regenerate it with "
            "`pantau cookbook --format md --output docs/cookbook.md`")
    assert render_markdown().splitlines()[0] == docs.splitlines()[0]
