"""The cluster stage across days: stable IDs on reruns and out-of-order backfills, official
clarifications, recycling, merges seen through the views, urgency and response by region.

The warehouse is filled directly (posts, regions, real embeddings of the texts below) and only
the cluster stage runs, so the tests stay fast.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

from pipelines.normalize import normalize_texts
from pipelines.settings import Settings
from pipelines.stages.cluster import cluster
from pipelines.stages.tag_regions import ensure_regions
from warehouse.connection import writer
from warehouse.vectors import store_vectors

D0 = date(2026, 11, 20)
MODEL = "test-model"

# (day offset, source, region code, text). Narrative A: PLN blackout hoax; B: HPV vaccine hoax;
# C: fake eggs. diskominfo-* are official. Day 40: A returns after a month of silence.
POSTS: list[tuple[int, str, str, str]] = [
    (0, "wa-a", "12.71", "PLN akan memadamkan listrik total se-Sumatera selama tiga hari mulai "
                         "Jumat karena pasokan gas terhenti."),
    (0, "wa-b", "12.71", "INFO PENTING mulai Jumat listrik se-Sumatera padam total 3 hari 3 "
                         "malam krn pasokan gas pembangkit putus, siapkan lilin"),
    (0, "fb-c", "12", "gaes katanya jumat listrik sesumatera mati total 3 hari, gas buat "
                      "pembangkit abis"),
    (0, "fb-d", "13.71", "Dijual motor Beat 2019 mulus, pajak hidup, harga nego tipis."),
    (1, "wa-e", "13.71", "Pemadaman serentak se-Pulau Sumatera 3x24 jam mulai Jumat akibat "
                         "gangguan suplai gas ke pembangkit. Mohon bersiap."),
    (1, "fb-f", "13", "bener ga sih sumatera bakal padam total 3 hari? gas pembangkit abis "
                      "katanya"),
    (1, "wa-g", "32.73", "BAHAYA vaksin HPV di sekolah bikin anak perempuan mandul permanen, "
                         "jangan tanda tangani surat persetujuan"),
    (1, "fb-h", "32.73", "serius vaksin hpv bikin mandul? anak kelas 5 disuruh vaksin minggu "
                         "depan"),
    (1, "wa-i", "32", "Vaksin HPV untuk siswi SD disebut menyebabkan kemandulan, orang tua "
                      "menolak imunisasi di sekolah"),
    (2, "diskominfo-sumut", "12", "Diskominfo menegaskan kabar pemadaman listrik total "
                                  "se-Sumatera selama tiga hari karena pasokan gas adalah "
                                  "hoaks, pasokan gas pembangkit normal."),
    (2, "wa-j", "12.71", "Listrik Sumatera padam total 3 hari mulai Jumat karena gas pembangkit "
                         "habis, isi penuh powerbank"),
    (2, "fb-k", "32.73", "katanya vaksin hpv di sd bikin cewe ga bisa hamil nanti. ngeri"),
    (2, "fb-l", "31.71", "Telur palsu dari gelatin dan kapur beredar di pasar, kuningnya kenyal "
                         "seperti karet kalau digoreng"),
    (3, "wa-m", "31.71", "AWAS TELUR PALSU kulitnya dari kapur isinya gelatin, digoreng kuningnya "
                         "kenyal seperti karet"),
    (3, "fb-n", "31.71", "telur palsu beredar lagi di pasar, cangkang dari kapur isinya gelatin "
                         "kenyal"),
    (3, "fb-o", "12.71", "Hari ini hujan deras dari sore, jalan depan kompleks tergenang."),
    (40, "wa-p", "12.71", "Mulai Jumat listrik se-Sumatera padam total 3 hari karena pasokan gas "
                          "pembangkit terhenti, siapkan lilin"),
    (40, "wa-q", "12", "PLN akan memadamkan listrik total se-Sumatera tiga hari, pasokan gas ke "
                       "pembangkit putus"),
    (40, "fb-r", "13", "katanya listrik se-sumatera mati total 3 hari lagi, gas pembangkit "
                       "abis"),
]
SOURCES = sorted({p[1] for p in POSTS})


@pytest.fixture(scope="module")
def vectors(embedder) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    norm = normalize_texts([p[3] for p in POSTS], detect_lang=False)
    texts = norm.column("text_norm").to_pylist()
    return dict(zip(norm.column("content_hash").to_pylist(), embedder.encode(texts),
                    strict=True))


def _load(settings: Settings, vectors: dict[str, np.ndarray], days: set[int]) -> None:
    """Posts of the given day offsets into the warehouse (as ingest…embed would leave them)."""
    rows = [(i, p) for i, p in enumerate(POSTS) if p[0] in days]
    norm = normalize_texts([p[3] for _, p in rows], detect_lang=False).to_pylist()
    with writer(settings.warehouse_path) as con:
        ensure_regions(con)
        for source in SOURCES:
            con.execute("INSERT OR IGNORE INTO sources VALUES (?, 'test', NULL, ?, NULL)",
                        [source, source.startswith("diskominfo")])
        for (i, (offset, source, region, text)), n in zip(rows, norm, strict=True):
            day = D0 + timedelta(days=offset)
            pid = f"{source}:{i}"
            con.execute(
                "INSERT INTO raw_posts (post_id, batch_day, source, source_id, published_at,"
                " author, text, shares, connector, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                " 'test', ?)",
                [pid, day, source, str(i), datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
                 f"author-{source}", text, i % 3, datetime.now(UTC)])
            con.execute("INSERT INTO stg_posts (post_id, batch_day, day, text_clean, text_norm,"
                        " content_hash) VALUES (?, ?, ?, ?, ?, ?)",
                        [pid, day, day, n["text_clean"], n["text_norm"], n["content_hash"]])
            province = region.split(".")[0]
            con.execute("INSERT INTO post_regions VALUES (?, ?, ?, 'province', ?, 0.9, NULL,"
                        " 'test')", [pid, day, province, province])
            if "." in region:
                con.execute("INSERT INTO post_regions VALUES (?, ?, ?, 'regency', ?, 0.9, NULL,"
                            " 'test')", [pid, day, region, province])
            hashes = [n["content_hash"]]
            present = con.execute("SELECT count(*) FROM embeddings WHERE content_hash = ?",
                                  hashes).fetchall()
            if present == [(0,)]:
                store_vectors(con, MODEL, hashes, vectors[hashes[0]][None, :])


def _run(settings: Settings, vectors: dict[str, np.ndarray], offsets: list[int]) -> list[dict]:
    out = []
    for offset in offsets:
        _load(settings, vectors, {offset})
        out.append(cluster(settings, D0 + timedelta(days=offset), embedder=_FakeModel()))
    return out


class _FakeModel:
    model_id = MODEL
    dimension = 384

    def encode(self, texts: Any, show_progress: bool = False) -> np.ndarray:  # never called
        raise AssertionError("the cluster stage reads cached vectors")


def _snapshot(settings: Settings) -> dict[str, Any]:
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return {
            "posts": con.execute("SELECT post_id, narrative_id, batch_day, assigned_by,"
                                 " round(similarity, 4) FROM narrative_posts ORDER BY 1")
            .fetchall(),
            "dim": con.execute("SELECT narrative_id, created_day, updated_day, n_members, label,"
                               " keywords, representative_post_id FROM narrative_dim ORDER BY 1")
            .fetchall(),
            "events": con.execute("SELECT * FROM narrative_events ORDER BY ALL").fetchall(),
            "sums": con.execute("SELECT narrative_id, day, n, cum_n FROM narrative_day_sums"
                                " ORDER BY 1, 2").fetchall(),
        }
    finally:
        con.close()


def _settings(tmp_path: Path, name: str) -> Settings:
    s = Settings(home=tmp_path / name)
    s.ensure_dirs()
    return s


ORDER = [0, 1, 2, 3, 40]


@pytest.fixture(scope="module")
def chronological(tmp_path_factory: pytest.TempPathFactory,
                  vectors: dict[str, np.ndarray]) -> tuple[Settings, dict[str, Any]]:
    settings = _settings(tmp_path_factory.mktemp("chrono"), "home")
    _run(settings, vectors, ORDER)
    return settings, _snapshot(settings)


def _narrative_of(snapshot: dict[str, Any], source: str) -> str | None:
    return next((r[1] for r in snapshot["posts"] if r[0].startswith(f"{source}:")), None)


def test_narratives_form_across_days_and_clarifications_link(
        chronological: tuple[Settings, dict[str, Any]]) -> None:
    _, snap = chronological
    pln = _narrative_of(snap, "wa-a")
    assert pln is not None and pln.startswith("N20261120-")
    # later days join the narrative found on day one
    assert {_narrative_of(snap, s) for s in ("wa-b", "fb-c", "wa-e", "fb-f", "wa-j")} == {pln}
    hpv = _narrative_of(snap, "wa-g")
    assert hpv is not None and hpv != pln
    assert _narrative_of(snap, "fb-k") == hpv
    # the fake-egg posts are one per day at first: the pending pool lets them form a narrative
    eggs = _narrative_of(snap, "fb-l")
    assert eggs is not None and _narrative_of(snap, "wa-m") == eggs
    # chatter stays out; the official post is a clarification of the blackout hoax
    assert _narrative_of(snap, "fb-d") is None and _narrative_of(snap, "fb-o") is None
    clar = [r for r in snap["posts"] if r[0].startswith("diskominfo-sumut:")]
    assert clar and clar[0][1] == pln and clar[0][3] == "clarification"
    labels = {r[0]: r[4] for r in snap["dim"]}
    assert "Sumatera" in labels[pln] and "padam" in labels[pln].lower()


def test_rerunning_a_day_changes_nothing_and_replays_nothing(
        tmp_path: Path, vectors: dict[str, np.ndarray],
        chronological: tuple[Settings, dict[str, Any]]) -> None:
    settings = _settings(tmp_path, "rerun")
    _run(settings, vectors, ORDER)
    for offset in (1, 0, 40):
        result = cluster(settings, D0 + timedelta(days=offset), embedder=_FakeModel())
        assert result["replayed_days"] == 0
    assert _snapshot(settings) == chronological[1]


def test_backfilling_out_of_order_gives_the_chronological_result(
        tmp_path: Path, vectors: dict[str, np.ndarray],
        chronological: tuple[Settings, dict[str, Any]]) -> None:
    settings = _settings(tmp_path, "backfill")
    results = _run(settings, vectors, [2, 40, 0, 3, 1])
    # day 0 arrived after days 2 and 40 had been clustered: they were replayed in order
    assert results[2]["replayed_days"] == 2
    assert _snapshot(settings) == chronological[1]


def test_a_narrative_back_after_a_month_is_new_and_marked_recycled(
        chronological: tuple[Settings, dict[str, Any]]) -> None:
    settings, snap = chronological
    pln = _narrative_of(snap, "wa-a")
    back = _narrative_of(snap, "wa-p")
    assert back is not None and back != pln and back.startswith("N20261230-")
    assert (back, D0 + timedelta(days=40), "recycled", pln) in [e[:4] for e in snap["events"]]
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    row = con.execute("SELECT recycled, recycled_reason FROM narratives WHERE narrative_id = ?",
                      [back]).fetchone()
    con.close()
    assert row is not None and row[0] and "last seen" in row[1]


def test_response_by_region_and_urgency(chronological: tuple[Settings, dict[str, Any]]) -> None:
    settings, snap = chronological
    pln = _narrative_of(snap, "wa-a")
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        as_of = D0 + timedelta(days=3)
        response = {r[0]: r[1:] for r in con.execute(
            "SELECT region_code, first_seen, first_clarification, clarified_by,"
            " response_lag_days, uncountered FROM narrative_region_response_asof(?)"
            " WHERE narrative_id = ?", [as_of, pln]).fetchall()}
        # Sumatera Utara (12) answered two days after the first sighting; Sumatera Barat not
        assert response["12"] == (D0, D0 + timedelta(days=2), "diskominfo-sumut", 2, False)
        assert response["13"][2] is None and response["13"][4] is True
        national = con.execute("SELECT narrative_id, status, posts_recent, urgency, urgency_rank,"
                               " countered FROM narrative_urgency(?, NULL)", [as_of]).fetchall()
        assert {r[0] for r in national} >= {pln, _narrative_of(snap, "fb-l")}
        assert sorted(r[4] for r in national) == list(range(1, len(national) + 1))
        assert all(r[3] > 0 for r in national)
        scoped = con.execute("SELECT narrative_id, countered FROM narrative_urgency(?, '13')",
                             [as_of]).fetchall()
        assert scoped == [(pln, False)]
        status = dict(con.execute("SELECT narrative_id, status FROM narrative_status(?)",
                                  [as_of]).fetchall())
        assert status[_narrative_of(snap, "fb-l")] == "emerging"
        activity = con.execute(
            "SELECT sum(posts), sum(sources), sum(clarifications) FROM narrative_region_activity"
            " WHERE narrative_id = ? AND region_code = '12'", [pln]).fetchone()
        assert activity is not None and activity[0] >= 3 and activity[2] == 1
    finally:
        con.close()


def test_views_count_a_merged_narrative_under_the_one_it_joined(
        tmp_path: Path, vectors: dict[str, np.ndarray],
        chronological: tuple[Settings, dict[str, Any]]) -> None:
    settings = _settings(tmp_path, "merge")
    _run(settings, vectors, [0, 1])
    snap = _snapshot(settings)
    pln, hpv = _narrative_of(snap, "wa-a"), _narrative_of(snap, "wa-g")
    with writer(settings.warehouse_path) as con:
        before = dict(con.execute("SELECT narrative_id, posts FROM narrative_status(?)",
                                  [D0 + timedelta(days=1)]).fetchall())
        con.execute("INSERT INTO narrative_events VALUES (?, ?, 'merged_into', ?, 'test')",
                    [hpv, D0 + timedelta(days=1), pln])
        after = dict(con.execute("SELECT narrative_id, posts FROM narrative_status(?)",
                                 [D0 + timedelta(days=1)]).fetchall())
        merged = con.execute("SELECT merged_narratives FROM narratives WHERE narrative_id = ?",
                             [pln]).fetchone()
    assert hpv not in after and after[pln] == before[pln] + before[hpv]
    assert merged == (1,)


def test_ids_are_derived_from_content() -> None:
    from pipelines.stages.cluster import narrative_id_for

    hashes = [hashlib.sha1(t.encode()).hexdigest() for t in ("a", "b", "c")]
    assert narrative_id_for(D0, hashes) == narrative_id_for(D0, list(reversed(hashes)))
    assert narrative_id_for(D0, hashes) != narrative_id_for(D0, hashes[:2])


def test_a_day_embedded_with_another_model_is_refused_not_mixed(
        tmp_path: Path, vectors: dict[str, np.ndarray]) -> None:
    """Centroids of one model compared with vectors of another (the same size: MiniLM and
    multilingual-e5-small both have 384) join and split at random: the stage says so instead."""
    from pipelines.narratives.store import NarrativeModelError

    settings = _settings(tmp_path, "switch")
    _run(settings, vectors, [0, 1])
    _load(settings, vectors, {2})
    other = _FakeModel()
    other.model_id = "another-model"
    with writer(settings.warehouse_path) as con:  # day 2 embedded by the other model only
        hashes = [r[0] for r in con.execute(
            "SELECT content_hash FROM stg_posts WHERE batch_day = ?",
            [D0 + timedelta(days=2)]).fetchall()]
        store_vectors(con, other.model_id, hashes, np.stack([vectors[h] for h in hashes]))
        before = con.execute("SELECT count(*) FROM narrative_posts").fetchone()
    with pytest.raises(NarrativeModelError, match="PANTAU_EMBEDDING_MODEL=test-model"):
        cluster(settings, D0 + timedelta(days=2), embedder=other)
    with writer(settings.warehouse_path) as con:  # nothing written, earlier days intact
        assert con.execute("SELECT count(*) FROM narrative_posts").fetchone() == before
    # the same model goes on as before
    assert cluster(settings, D0 + timedelta(days=2), embedder=_FakeModel())["assigned"] > 0


def test_the_stage_tells_the_tracker_which_posts_are_in_another_language(
        tmp_path: Path, vectors: dict[str, np.ndarray], monkeypatch: pytest.MonkeyPatch) -> None:
    """The normalise stage's ``lang`` reaches the day step: a Javanese post is marked foreign
    (matched by the embedding when the n-grams leave it out), the Indonesian ones are not."""
    import pipelines.narratives.store as store

    settings = _settings(tmp_path, "lang")
    _load(settings, vectors, {0})
    with writer(settings.warehouse_path) as con:
        con.execute("UPDATE stg_posts SET lang = CASE WHEN post_id LIKE 'fb-c:%' THEN 'jv'"
                    " ELSE 'id' END")
        javanese = con.execute("SELECT content_hash FROM stg_posts WHERE post_id LIKE 'fb-c:%'"
                               ).fetchone()[0]  # type: ignore[index]
    seen: dict[str, bool] = {}
    real = store.day_step

    def spy(day: date, active: Any, posts: Any, *args: Any, **kwargs: Any) -> Any:
        seen.update(zip(posts.keys, posts.foreign.tolist(), strict=True))
        return real(day, active, posts, *args, **kwargs)

    monkeypatch.setattr(store, "day_step", spy)
    cluster(settings, D0, embedder=_FakeModel())
    assert len(seen) == 4 and {h for h, f in seen.items() if f} == {javanese}


def test_a_reply_follows_the_post_it_answers_from_an_earlier_day(
        tmp_path: Path, vectors: dict[str, np.ndarray], embedder: Any) -> None:
    """"Ya Allah, semoga gak bener" under the blackout post of the day before joins the
    blackout narrative as a reply (counted in its spread, not in its title)."""
    settings = _settings(tmp_path, "reply")
    _run(settings, vectors, [0])
    text = "Ya Allah... semoga gak bener 😢"
    norm = normalize_texts([text], detect_lang=False).to_pylist()[0]
    day = D0 + timedelta(days=1)
    with writer(settings.warehouse_path) as con:
        con.execute(
            "INSERT INTO raw_posts (post_id, batch_day, source, source_id, published_at, text,"
            " reply_to, connector, received_at) VALUES ('wa-a:r1', ?, 'wa-a', 'r1', ?, ?, '0',"
            " 'test', ?)", [day, datetime(day.year, day.month, day.day, 10, tzinfo=UTC), text,
                            datetime.now(UTC)])
        con.execute("INSERT INTO stg_posts (post_id, batch_day, day, text_clean, text_norm,"
                    " content_hash) VALUES ('wa-a:r1', ?, ?, ?, ?, ?)",
                    [day, day, norm["text_clean"], norm["text_norm"], norm["content_hash"]])
        store_vectors(con, MODEL, [norm["content_hash"]], embedder.encode([norm["text_norm"]]))
    _run(settings, vectors, [1])
    snap = _snapshot(settings)
    reply = next(r for r in snap["posts"] if r[0] == "wa-a:r1")
    assert reply[1] == _narrative_of(snap, "wa-a") and reply[3] == "reply"
    label = next(d[4] for d in snap["dim"] if d[0] == reply[1])
    assert "semoga" not in (label or "").lower()
    cluster(settings, day, embedder=_FakeModel())  # a rerun of the day changes nothing
    assert _snapshot(settings) == snap


def test_the_stage_gives_the_tracker_the_links_of_the_batch_and_of_known_narratives(
        tmp_path: Path, vectors: dict[str, np.ndarray], monkeypatch: pytest.MonkeyPatch) -> None:
    import pipelines.narratives.store as store

    settings = _settings(tmp_path, "links")
    site = "https://pln-info.example/pemadaman"
    _load(settings, vectors, {0})
    with writer(settings.warehouse_path) as con:
        con.execute("UPDATE stg_posts SET urls = [?] WHERE post_id IN ('wa-a:0', 'wa-b:1')",
                    [site])
    cluster(settings, D0, embedder=_FakeModel())
    _load(settings, vectors, {1})
    with writer(settings.warehouse_path) as con:
        con.execute("UPDATE stg_posts SET urls = [?, 'https://www.facebook.com/']"
                    " WHERE post_id = 'wa-e:4'", [site.upper()])
    seen: list[Any] = []
    real = store.day_step

    def spy(day: date, active: Any, posts: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(posts.links)
        return real(day, active, posts, *args, **kwargs)

    monkeypatch.setattr(store, "day_step", spy)
    cluster(settings, D0 + timedelta(days=1), embedder=_FakeModel())
    snap = _snapshot(settings)
    key = "pln-info.example/pemadaman"
    assert seen[0].known == {key: {_narrative_of(snap, "wa-a"): 2}}
    assert sorted(k for keys in seen[0].post for k in keys) == [key]
