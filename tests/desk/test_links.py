"""The list's card links (desk.app.narrative_links) are exactly what url_for gives, root path
and odd ids included."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from desk.app import narrative_links

IDS = ["N20261122-abcdef12", "a b", "x?y#z", "ü<&>\"'", "1"]


def test_narrative_links_equal_url_for() -> None:
    app = FastAPI(root_path="/desk")

    @app.get("/n/{narrative_id}", name="narrative")
    def narrative(narrative_id: str) -> str:
        return narrative_id

    @app.get("/check")
    def check(request: Request) -> list[list[str]]:
        href = narrative_links(request)
        return [[href(i), str(request.url_for("narrative", narrative_id=i))] for i in IDS]

    pairs = TestClient(app).get("/check").json()
    assert len(pairs) == len(IDS)
    for got, wanted in pairs:
        assert got == wanted
