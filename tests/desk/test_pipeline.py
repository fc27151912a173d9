"""The desk into the pipeline: the next run mirrors the desk store into the warehouse, its
labels reach `labels` (and the next retrain trains on them), an approved counter-message shows
in the next briefing as "Saran respons (disetujui)", a verifier's match decision overrides the
model's; and a desk action never waits on the warehouse writer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import duckdb
from desk_helpers import logged_in, post

from desk.store import DeskStore, User, store_path
from pipelines.daily import run_stage
from warehouse.connection import reader
from warehouse.queries import fetch_dicts

DAY_TEXT = "Air PDAM Semarang aman diminum, hasil uji lab memenuhi baku mutu. Cek kanal resmi."


def _user(store: DeskStore, name: str) -> User:
    found = store.user(name)
    assert found
    return found[0]


def test_the_next_run_sees_the_desk(desk) -> None:  # type: ignore[no-untyped-def]
    from conftest import DAY

    store = DeskStore(store_path(desk.home))
    ana, vera, kepa = (_user(store, n) for n in ("ana", "vera", "kepa"))
    pdam, vaccine = desk.narrative("PDAM"), desk.narrative("Vaksin")
    store.label(ana, "narrative", pdam, "hoax", pdam)
    store.label(ana, "post", "fb-grup-info-solo:h2", "hoax", pdam)
    with reader(desk.settings.warehouse_path) as con:
        model_fc = con.execute("SELECT fact_check_id FROM narrative_dim WHERE narrative_id = ?",
                               [vaccine]).fetchone()[0]
        pdam_fc = con.execute("SELECT fact_check_id FROM narrative_dim WHERE narrative_id = ?",
                              [pdam]).fetchone()[0]
    assert model_fc and pdam_fc
    store.decide_match(vera, vaccine, model_fc, "rejected")
    store.decide_match(vera, pdam, pdam_fc, "confirmed")
    mid = store.draft_message(ana, pdam, "33", DAY_TEXT, pdam_fc)
    store.advance_message(vera, mid, "validated")
    store.advance_message(kepa, mid, "approved")

    # the stages of the next `pantau run` that read the desk: publish mirrors it, brief uses it
    for stage in ("publish", "brief"):
        run_stage(stage, desk.settings, DAY)

    with reader(desk.settings.warehouse_path) as con:
        labels = con.execute("SELECT post_id, label, labeller FROM labels"
                             " WHERE source_file = 'desk' ORDER BY post_id").fetchall()
        members = {r[0] for r in con.execute(
            "SELECT np.post_id FROM narrative_posts np JOIN stg_posts s USING (post_id)"
            " WHERE np.narrative_id = ? AND s.duplicate_of IS NULL", [pdam]).fetchall()}
        assert {p for p, _, _ in labels} == members | {"fb-grup-info-solo:h2"}
        assert {(lab, who) for _, lab, who in labels} == {("hoax", "ana")}
        actions = con.execute("SELECT kind FROM desk_actions ORDER BY action_id").fetchall()
        assert [a[0] for a in actions] == ["label_narrative", "label_post", "match_rejected",
                                           "match_confirmed", "draft_message",
                                           "validate_message", "approve_message"]
        review = fetch_dicts(con, "brief_approved_response",
                             {"narrative_id": pdam, "scope": "33"})
        assert review and review[0]["text"] == DAY_TEXT
        row = con.execute("SELECT desk_label, message_status, fact_check_decided_by"
                          " FROM narrative_reviews WHERE narrative_id = ?", [pdam]).fetchone()
        assert row == ("hoax", "approved", "desk")
        # the rejected model match no longer answers the vaccine narrative
        eff = con.execute("SELECT fact_check_id, decided_by FROM narrative_fact_check_effective"
                          " WHERE narrative_id = ?", [vaccine]).fetchone()
        assert eff == (None, None)
        top = {n["narrative_id"]: n for n in fetch_dicts(
            con, "brief_top_narratives", {"day": DAY, "scope": None, "limit": 10})}
        assert top[vaccine]["fc_url"] is None and top[pdam]["fc_decided_by"] == "desk"

    folder = desk.settings.reports_dir / DAY.isoformat()
    regional = (folder / "briefing-33.html").read_text()
    assert "Saran respons (disetujui)" in regional and DAY_TEXT in regional
    assert DAY_TEXT in (folder / "briefing-33.txt").read_text()
    # the message was approved for Jawa Tengah, not for the nation
    assert DAY_TEXT not in (folder / "briefing-nasional.html").read_text()
    # the snapshot the desk reads has the mirror too
    snap = duckdb.connect(str(desk.home / "pantau_snapshot.duckdb"), read_only=True)
    try:
        assert snap.execute("SELECT count(*) FROM desk_actions").fetchone()[0] == 7
    finally:
        snap.close()


def test_the_next_retrain_trains_on_the_desk_labels(desk) -> None:  # type: ignore[no-untyped-def]
    from models.feed_training import build_training_set, warehouse_items
    from models.retrain import train_step
    from models.training import collect_labels
    from pipelines.normalize import normalize_texts

    store = DeskStore(store_path(desk.home))
    ana = _user(store, "ana")
    post_id = "fb-grup-info-solo:h2"
    store.label(ana, "post", post_id, "hoax", None)
    with reader(desk.settings.warehouse_path) as con:
        before = collect_labels(con)
        text = con.execute("SELECT text FROM raw_posts WHERE post_id = ?", [post_id]).fetchone()
    h = normalize_texts([text[0]], detect_lang=False).column("content_hash").to_pylist()[0]
    assert h not in before.content_hash

    trained = train_step(desk.settings)  # what `pantau retrain` and the retrain DAG run

    with reader(desk.settings.warehouse_path) as con:
        after = collect_labels(con)
        trained_on = build_training_set(warehouse_items(con))  # the set the retrain used
        fingerprint = con.execute("SELECT data_fingerprint FROM models WHERE version = ?",
                                  [trained["version"]]).fetchone()[0]
    assert h in after.content_hash and len(after.y) == len(before.y) + 1
    assert h in trained_on.content_hash  # the desk's label is in the model's training data
    assert fingerprint == trained_on.fingerprint()


def test_a_desk_action_never_waits_on_the_warehouse_writer(desk) -> None:  # type: ignore[no-untyped-def]
    """Another process holds DuckDB's writer (as a pipeline stage does for minutes); the desk
    still shows pages (from the snapshot) and records actions at once."""
    pdam = desk.narrative("PDAM")
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from warehouse.connection import writer
        from pathlib import Path
        with writer(Path({str(desk.settings.warehouse_path)!r})) as con:
            print("holding", flush=True)
            time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        # the main file is locked: a reader would wait
        client = logged_in("ana")
        start = time.monotonic()
        page = client.get(f"/n/{pdam}")
        r = post(client, f"/n/{pdam}/label", {"label": "hoax"}, f"/n/{pdam}")
        elapsed = time.monotonic() - start
        assert page.status_code == 200 and r.status_code == 303
        assert elapsed < 10, elapsed  # lock_timeout is 120 s: no waiting on the writer
        assert holder.poll() is None  # the writer still held the file throughout
        assert DeskStore(store_path(desk.home)).actions()[0]["kind"] == "label_narrative"
    finally:
        holder.kill()
        holder.wait()
