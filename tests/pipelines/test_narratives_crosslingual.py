"""Retellings of a claim in English, Javanese or Sundanese join the claim's narrative by the
embedding when the n-grams leave them out; a retelling between two claims stays out."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from pipelines.narratives.crosslingual import closest_clearly, is_foreign
from pipelines.narratives.grouping import claim_rows, profile_of, profiles_matrix
from pipelines.narratives.step import Known, NarrativeParams, plan_day

PARAMS = NarrativeParams(join_threshold=0.31, cluster_threshold=0.19, min_size=3,
                         embedding_weight=0.15, embedding_baseline=0.0, anchor_weight=0.0,
                         pending_days=3, fold_threshold=1.0, crosslingual_threshold=0.4,
                         crosslingual_margin=0.05)
OUTAGE = "pln akan memadamkan listrik total se jawa bali selama tiga hari mulai senin"
CHILI = "harga cabai rawit di pasar naik jadi seratus ribu sekilo"
ENGLISH = "apparently the state power company will cut electricity on java and bali for days"

E = np.eye(8, dtype=np.float32)


def _known() -> Known:
    profiles = profiles_matrix([profile_of(claim_rows([OUTAGE] * 5)),
                                profile_of(claim_rows([CHILI] * 5))])
    return Known(["outage", "chili"], np.stack([E[0], E[1]]), profiles, np.array([5, 5]))


def _post(cos_outage: float, cos_chili: float = 0.0) -> np.ndarray:
    rest = np.sqrt(1.0 - cos_outage ** 2 - cos_chili ** 2)
    return (cos_outage * E[0] + cos_chili * E[1] + rest * E[2])[None, :].astype(np.float32)


def test_an_english_retelling_joins_its_claim_on_its_last_pending_day() -> None:
    vec, tf, official = _post(0.6), claim_rows([ENGLISH]), np.zeros(1, dtype=bool)
    plan = plan_day(vec, tf, official, _known(), PARAMS, age=np.array([3]),
                    foreign=np.array([True]))
    assert plan.joined[0] == 0 and abs(plan.join_similarity[0] - 0.6) < 1e-5
    # the same post read as Indonesian: the n-grams decide, and they share too little
    assert plan_day(vec, tf, official, _known(), PARAMS, age=np.array([3]),
                    foreign=np.array([False])).joined[0] == -1
    # before its last day it waits: it may still found its own claim with later posts
    assert plan_day(vec, tf, official, _known(), PARAMS, age=np.array([1]),
                    foreign=np.array([True])).joined[0] == -1
    # off (the English-only model's default)
    off = replace(PARAMS, crosslingual_threshold=1.0)
    assert plan_day(vec, tf, official, _known(), off, age=np.array([3]),
                    foreign=np.array([True])).joined[0] == -1


def test_a_retelling_between_two_claims_or_far_from_both_stays_out() -> None:
    tf, official, foreign = claim_rows([ENGLISH]), np.zeros(1, dtype=bool), np.array([True])
    between = plan_day(_post(0.6, 0.58), tf, official, _known(), PARAMS, age=np.array([3]),
                       foreign=foreign)
    assert between.joined[0] == -1
    far = plan_day(_post(0.3), tf, official, _known(), PARAMS, age=np.array([3]),
                   foreign=foreign)
    assert far.joined[0] == -1


def test_a_group_of_english_posts_joins_the_indonesian_group_of_its_claim() -> None:
    """Both groups formed today: the n-grams keep them apart (nothing in common), the
    embedding puts the English group's centroid next to the Indonesian one's."""
    rng = np.random.default_rng(0)
    ind = E[3] + rng.normal(scale=0.02, size=(3, 8))
    eng = 0.75 * E[3] + 0.66 * E[4] + rng.normal(scale=0.02, size=(3, 8))
    other = E[5] + rng.normal(scale=0.02, size=(3, 8))
    vec = np.concatenate([ind, eng, other]).astype(np.float32)
    vec /= np.linalg.norm(vec, axis=1, keepdims=True)
    texts = ([OUTAGE] * 3 + [ENGLISH] * 3
             + ["free data package from the operator, claim it through this link"] * 3)
    tf, official = claim_rows(texts), np.zeros(9, dtype=bool)
    foreign = np.array([False] * 3 + [True] * 6)
    empty = Known.empty(8)
    plan = plan_day(vec, tf, official, empty, PARAMS, foreign=foreign)
    assert sorted(g.tolist() for g in plan.new_groups) == [[0, 1, 2, 3, 4, 5], [6, 7, 8]]
    apart = plan_day(vec, tf, official, empty, PARAMS)
    assert sorted(g.tolist() for g in apart.new_groups) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]


def test_languages_the_ngrams_cannot_cross_and_defaults_per_model() -> None:
    from pipelines.settings import Settings

    assert is_foreign(["id", "en", "jv", "su", "mixed", "und", None]).tolist() == [
        False, True, True, True, True, False, False]
    assert Settings(embedding_model="multilingual-e5-small").narrative_crosslingual_threshold \
        == 0.4
    # all-MiniLM-L6-v2 is an English model: its vectors of an Indonesian and an English text
    # are no evidence of one claim
    assert Settings(embedding_model="all-MiniLM-L6-v2").narrative_crosslingual_threshold == 1.0
    target, sim = closest_clearly(E[[0]], np.stack([E[0] * 3, E[1]]), 0.4, 0.05, 0.0)
    assert target.tolist() == [0] and abs(sim[0] - 1.0) < 1e-6
