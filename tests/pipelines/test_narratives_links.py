"""Posts the text left out join the narrative their links belong to: a scam's site in many
templates is one campaign; a link many narratives carry, or one post's, belongs to none."""

from __future__ import annotations

import numpy as np

from pipelines.narratives.grouping import claim_rows
from pipelines.narratives.links import Links, follow_links, link_key, link_keys
from pipelines.narratives.step import Known, NarrativeParams, plan_day

SITE = "rekrutmen-bumn2026.example/daftar"


def test_link_keys_name_content_not_sites() -> None:
    assert link_key("https://www.Rekrutmen-BUMN2026.example/daftar/") == SITE
    assert link_key("bansos-kemensos.site") == "bansos-kemensos.site"  # a scam's own site
    assert link_key("https://www.youtube.com/watch?v=abc&t=30") == "youtube.com/watch?v=abc"
    assert link_key("https://bit.ly/loker-bumn?utm_source=wa") == "bit.ly/loker-bumn"
    for generic in ("https://www.facebook.com/", "kompas.com", "https://bit.ly",
                    "https://www.bmkg.go.id/", "Rp50.000", "http://10.0.0.1/x"):
        assert link_key(generic) is None, generic
    assert link_keys(["https://bit.ly/a", "bit.ly/a/", "kompas.com"]) == ("bit.ly/a",)


def test_leftovers_and_groups_join_the_narrative_their_links_belong_to() -> None:
    known = ["N-loker", "N-pinjol"]
    # post 0: leftover with the loker site; 1-3: a group of today, two with the site;
    # 4: leftover with a link both narratives carry; 5: leftover with a link of one post only
    post = [(SITE,), (SITE,), (SITE,), (), ("bit.ly/shared",), ("bit.ly/once",)]
    links = Links(post, {SITE: {"N-loker": 5, "N-pinjol": 1},
                         "bit.ly/shared": {"N-loker": 3, "N-pinjol": 3},
                         "bit.ly/once": {"N-pinjol": 1}})
    joined = np.full(6, -1)
    groups = follow_links(np.arange(6), links, known, joined, [np.array([1, 2, 3])])
    assert joined.tolist() == [0, 0, 0, 0, -1, -1] and groups == []
    # a link the group's own posts carry mostly is not another narrative's
    links = Links(post, {SITE: {"N-loker": 1}})
    joined = np.full(6, -1)
    groups = follow_links(np.arange(6), links, known, joined, [np.array([1, 2, 3])])
    assert [g.tolist() for g in groups] == [[0, 1, 2, 3]]  # the leftover joins today's group
    assert joined.tolist() == [-1] * 6


def test_the_day_step_reads_links_and_can_be_turned_off() -> None:
    e = np.eye(8, dtype=np.float32)
    known = Known(["N-loker"], e[[0]], claim_rows(["lowongan kerja bumn tanpa tes"]),
                  np.array([4]))
    text = ["Lumayan nih info loker, gak pake tes, katanya gaji 7jt"]
    links = Links([(SITE,)], {SITE: {"N-loker": 4}})
    params = NarrativeParams(join_threshold=0.31, cluster_threshold=0.19, min_size=3,
                             embedding_weight=0.15, fold_threshold=1.0,
                             crosslingual_threshold=1.0, follow_links=True)
    plan = plan_day(e[[3]], claim_rows(text), np.zeros(1, dtype=bool), known, params,
                    links=links)
    assert plan.joined.tolist() == [0]
    off = NarrativeParams(join_threshold=0.31, cluster_threshold=0.19, min_size=3,
                          embedding_weight=0.15, fold_threshold=1.0,
                          crosslingual_threshold=1.0, follow_links=False)
    assert plan_day(e[[3]], claim_rows(text), np.zeros(1, dtype=bool), known, off,
                    links=links).joined.tolist() == [-1]
