"""A reply its own words left out follows the post it answers: into the parent's narrative of
today or of an earlier day, along a chain of replies; never over the text's own verdict."""

from __future__ import annotations

from datetime import date

import numpy as np

from pipelines.narratives.grouping import claim_rows
from pipelines.narratives.step import (
    DayPosts,
    Known,
    NarrativeParams,
    day_step,
    narrative_id_for,
    plan_day,
)
from pipelines.narratives.threads import Threads, follow_parents

PARAMS = NarrativeParams(join_threshold=0.31, cluster_threshold=0.19, min_size=3,
                         embedding_weight=0.15, embedding_baseline=0.0, anchor_weight=0.0,
                         pending_days=3, fold_threshold=1.0, crosslingual_threshold=1.0)
CLAIM = ["bendungan katulampa jebol malam ini jakarta banjir lima meter",
         "DARURAT katulampa jebol, banjir 5 meter menuju jakarta malam ini",
         "grup rw heboh bendungan katulampa jebol, jakarta banjir lima meter"]
REACTION = "ya allah semoga gak bener 😢"


def test_follow_parents_takes_the_parents_narrative_along_a_chain() -> None:
    crowd = np.arange(6)
    joined = np.array([2, -1, -1, -1, 0, -1])
    groups = [np.array([5])]
    # 1 answers 0 (joined known 2); 2 answers 1 (a chain); 3 answers 5 (today's group);
    # 4 answers 0 but joined narrative 0 on its own words: it stays
    parent = np.array([-1, 0, 1, 5, 0, -1])
    followed = follow_parents(crowd, parent, np.full(6, -1), joined, groups)
    assert followed.tolist() == [1, 2, 3]
    assert joined.tolist() == [2, 2, 2, -1, 0, -1] and groups[0].tolist() == [3, 5]
    # a parent assigned on an earlier day (known index 1), and a parent that is a leftover
    joined = np.array([-1, -1])
    followed = follow_parents(np.arange(2), np.array([-1, -1]), np.array([1, -1]), joined, [])
    assert followed.tolist() == [0] and joined.tolist() == [1, -1]


def _batch(texts: list[str], vectors: np.ndarray, threads: Threads | None) -> DayPosts:
    return DayPosts([f"h{i}" for i in range(len(texts))], vectors, claim_rows(texts),
                    np.zeros(len(texts), dtype=bool), threads=threads)


def test_a_reaction_reply_joins_the_claim_it_answers_without_renaming_it() -> None:
    rng = np.random.default_rng(1)
    e = np.eye(16, dtype=np.float32)
    vec = np.concatenate([e[0] + rng.normal(scale=0.02, size=(3, 16)), e[[9]]]).astype(np.float32)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    texts = [*CLAIM, REACTION]
    day = date(2026, 11, 20)
    threads = Threads(np.array([-1, -1, -1, 1]), [None] * 4)
    out = day_step(day, {}, _batch(texts, vec, threads), PARAMS)
    nid = narrative_id_for(day, ["h0", "h1", "h2"])  # the founders name it, not the reply
    hows = {(a.narrative_id, a.how): a.positions.tolist() for a in out.assigned}
    assert hows == {(nid, "new"): [0, 1, 2], (nid, "reply"): [3]}
    assert out.sums[nid].n == 3  # the reply's words stay out of the claim's centroid
    # without the thread the reaction is a leftover
    alone = day_step(day, {}, _batch(texts, vec, None), PARAMS)
    assert {a.how: a.positions.tolist() for a in alone.assigned} == {"new": [0, 1, 2]}


def test_a_reply_to_a_post_of_an_earlier_day_joins_that_narrative() -> None:
    e = np.eye(16, dtype=np.float32)
    known = Known(["N-old", "N-other"], np.stack([e[0], e[1]]),
                  claim_rows([CLAIM[0], "harga cabai naik"]), np.array([3, 3]))
    plan = plan_day(e[[9]], claim_rows([REACTION]), np.zeros(1, dtype=bool), known, PARAMS,
                    threads=Threads(np.array([-1]), ["N-other"]))
    assert plan.joined.tolist() == [1] and plan.by_reply.tolist() == [0]
    # a parent narrative no longer active (merged away or dormant) leads nowhere
    plan = plan_day(e[[9]], claim_rows([REACTION]), np.zeros(1, dtype=bool), known, PARAMS,
                    threads=Threads(np.array([-1]), ["N-gone"]))
    assert plan.joined.tolist() == [-1]


def test_a_reply_goes_with_its_thread_when_the_first_post_split_off() -> None:
    from pipelines.narratives.step import _after_splits

    # 0 split off into N-split today; 1 replies to 0, 2 replies to 1; 3 replies to 4 (stayed)
    replies = np.array([False, True, True, True, False])
    parent = np.array([-1, 0, 1, 4, -1])
    out = _after_splits({"N-old": [1, 2, 3]}, {0: "N-split"}, replies, parent)
    assert out == {"N-split": [1, 2], "N-old": [3]}
