"""Narrative clustering without the model: lexical signal, joins, blocked average linkage,
splits, merges, clarifications, titles and keywords."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.metrics import adjusted_rand_score

from pipelines.narrative_labels import class_keywords, make_title
from pipelines.narratives.grouping import (
    CentroidThenAgglomerative,
    add_profiles,
    batch_idf,
    best_matches,
    find_merges,
    find_splits,
    group_leftovers,
    keep_large_groups,
    lexical_tf,
    light_stem,
    profile_of,
    profiles_matrix,
    weigh,
)
from pipelines.narratives.step import Known, NarrativeParams, plan_day


def _blobs(n_clusters: int, per: int, dim: int = 32, spread: float = 0.08,
           seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(n_clusters, dim))
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    labels = np.repeat(np.arange(n_clusters), per)
    x = centers[labels] + rng.normal(scale=spread, size=(len(labels), dim))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    order = rng.permutation(len(labels))
    return x[order].astype(np.float32), labels[order]


def test_paraphrases_are_lexically_closer_than_other_claims() -> None:
    texts = ["pln akan memadamkan listrik total se sumatera tiga hari karena pasokan gas",
             "katanya listrik sesumatera mati total 3 hari gas pembangkit habis",
             "vaksin hpv di sekolah bikin anak perempuan mandul"]
    tf = lexical_tf(texts)
    lex = weigh(tf, batch_idf(tf))
    sims = (lex @ lex.T).toarray()
    assert np.allclose(np.diag(sims), 1.0, atol=1e-5)
    assert sims[0, 1] > 2 * max(sims[0, 2], sims[1, 2])
    assert light_stem("pemadaman") == light_stem("pemadamannya") == light_stem("dipadamkan")
    assert light_stem("listrik") == "listrik" and light_stem("hoaks") == "hoaks"


def test_the_stemmer_keeps_root_words_and_finds_roots_under_affixes() -> None:
    """A root word is never cut into another word (pepaya is not "paya", sebelah is not
    "sebe", tinggi is not "tingg"), and the forms of one root meet, colloquial "-in" included,
    so "daun pepaya sembuhin dbd" and "daun pepaya menyembuhkan DBD" share their words."""
    for root in ("pepaya", "tinggi", "mandi", "sekolah", "jangan"):
        assert light_stem(root) == root
    assert light_stem("sebelah") == light_stem("belah") == "belah"
    assert light_stem("sembuhin") == light_stem("menyembuhkan") == light_stem("sembuh")
    assert light_stem("bersihkan") == light_stem("bersih")
    assert light_stem("rumahnya") == "rumah" and light_stem("makanlah") == "makan"
    # a word the dictionary does not know still loses its affixes as before
    assert light_stem("diviralkan") == light_stem("memviralkan") == light_stem("viral")


def test_profiles_add_up_and_stay_bounded() -> None:
    tf = lexical_tf(["telur palsu dari gelatin", "telur palsu kulit kapur", "beras plastik"])
    a, b = profile_of(tf[:2]), profile_of(tf[2:])
    both = add_profiles(a, b)
    dense = profiles_matrix([both]).toarray().ravel()
    assert np.allclose(dense[:tf.shape[1]], np.asarray(tf.sum(axis=0)).ravel(), atol=1e-5)
    small = add_profiles(a, b, top_k=10)
    assert len(small[0]) == 10 and np.all(np.diff(small[0]) > 0)


def test_join_known_group_the_rest_and_leave_singletons() -> None:
    x, labels = _blobs(4, 10)
    known = np.stack([x[labels == 0].mean(axis=0), x[labels == 1].mean(axis=0)])
    algo = CentroidThenAgglomerative(0.8, 0.7, 3)  # positional order kept from the first version
    outlier = np.eye(32, dtype=np.float32)[:1] * -1
    result = algo.assign(np.concatenate([x, outlier]), known)
    joined, groups = result.joined[:-1], result.new_group[:-1]
    assert set(joined[labels == 0]) == {0} and set(joined[labels == 1]) == {1}
    assert np.all(groups[labels < 2] == -1)
    assert len(set(groups[labels == 2])) == 1 and len(set(groups[labels == 3])) == 1
    assert groups[labels == 2][0] != groups[labels == 3][0] and groups.max() == 1
    assert result.joined[-1] == -1 and result.new_group[-1] == -1


def test_keep_large_groups_renumbers_by_first_appearance() -> None:
    out = keep_large_groups(np.array([5, 5, 1, 5, 2, 1, 1, 9]), 3)
    assert out.tolist() == [0, 0, 1, 0, -1, 1, 1, -1]


def test_blocked_average_linkage_matches_exact_and_scales() -> None:
    x, labels = _blobs(60, 50, spread=0.08, seed=1)  # 3,000 posts, 60 groups
    exact = group_leftovers(x, None, 1.0, 0.5, max_block=5000)
    started = time.perf_counter()
    blocked = group_leftovers(x, None, 1.0, 0.5, max_block=400)
    seconds = time.perf_counter() - started
    assert adjusted_rand_score(labels, exact) > 0.99
    assert adjusted_rand_score(labels, blocked) > 0.99
    assert seconds < 20


def test_blocks_grouped_in_forked_workers_give_the_same_labels() -> None:
    x, _ = _blobs(30, 40, spread=0.1, seed=4)  # 1,200 posts in blocks of at most 200
    texts = [f"klaim nomor {i % 30} tentang kota {i % 7}" for i in range(len(x))]
    tf = lexical_tf(texts)
    lex = weigh(tf, batch_idf(tf))
    one = group_leftovers(x, lex, 0.6, 0.45, max_block=200)
    two = group_leftovers(x, lex, 0.6, 0.45, max_block=200, processes=2)
    assert np.array_equal(one, two)
    assert len(np.unique(one)) < len(x)  # the blocks did group something


def test_blocked_path_keeps_lexical_signal() -> None:
    texts = ([f"harimau lepas dari kebun binatang surabaya warga takut {i}" for i in range(30)]
             + [f"beasiswa lpdp jalur cepat bayar biaya pendaftaran {i}" for i in range(30)])
    rng = np.random.default_rng(3)
    x = rng.normal(size=(60, 16)).astype(np.float32)  # embeddings say nothing
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    tf = lexical_tf(texts)
    lex = weigh(tf, batch_idf(tf))
    labels = keep_large_groups(group_leftovers(x, lex, 0.1, 0.3, max_block=25), 3)
    assert len(set(labels[:30])) == 1 and len(set(labels[30:])) == 1
    assert labels[0] != labels[30] and labels[0] >= 0


def test_best_matches_shortlist_agrees_with_full_scoring() -> None:
    x, _ = _blobs(700, 2, seed=2)
    centroids = x[::2] + 0.01  # 700 narratives: above 512 the embedding shortlists
    best, sims = best_matches(x[:80], centroids, None, None, 1.0)
    unit = centroids / np.linalg.norm(centroids, axis=1, keepdims=True)
    full = x[:80] @ unit.T
    assert np.array_equal(best, full.argmax(axis=1))
    assert np.allclose(sims, full.max(axis=1), atol=1e-5)


def test_merges_pair_the_younger_with_the_older() -> None:
    x, labels = _blobs(3, 20, seed=4)
    a = x[labels == 0]
    cents = np.stack([a[:10].mean(axis=0), x[labels == 1].mean(axis=0), a[10:].mean(axis=0)])
    merges = find_merges(cents, None, np.array([False, False, True]), np.array([0, 1, 2]),
                         1.0, 0.9)
    assert [(young, old) for young, old, _ in merges] == [(2, 0)]
    assert find_merges(cents, None, np.zeros(3, dtype=bool), np.arange(3), 1.0, 0.9) == []


def test_a_dense_group_far_from_the_centroid_splits_off() -> None:
    x, labels = _blobs(2, 8, seed=5, spread=0.05)
    keep = np.concatenate([np.flatnonzero(labels == 0), np.flatnonzero(labels == 1)[:6]])
    x, labels = x[keep], labels[keep]  # 8 posts close to the centroid, 6 barely in
    joined = np.zeros(len(x), dtype=np.int64)
    sims = np.where(labels == 0, 0.9, 0.5).astype(np.float32)
    splits = find_splits(x, None, joined, sims, 1.0, 0.7, split_threshold=0.6, min_size=3)
    assert len(splits) == 1
    parent, members = splits[0]
    assert parent == 0 and set(labels[members]) == {1}
    assert find_splits(x, None, joined, np.full(len(x), 0.9, dtype=np.float32), 1.0, 0.7,
                       split_threshold=0.6, min_size=3) == []


def test_plan_day_links_official_posts_at_the_lower_threshold() -> None:
    x, labels = _blobs(2, 6, seed=6, spread=0.05)
    rng = np.random.default_rng(7)
    official = x[labels == 0][0] + rng.normal(scale=0.1, size=32).astype(np.float32)
    official /= np.linalg.norm(official)
    vectors = np.concatenate([x, official[None, :]]).astype(np.float32)
    texts = ["kabar"] * len(vectors)
    is_official = np.zeros(len(vectors), dtype=bool)
    is_official[-1] = True
    known = Known(["A"], x[labels == 0].mean(axis=0, keepdims=True),
                  profile_matrix_for(texts[:1]), np.array([6]))
    params = NarrativeParams(join_threshold=0.9, cluster_threshold=0.8, embedding_weight=1.0,
                             clarification_threshold=0.3, min_size=3)
    plan = plan_day(vectors, lexical_tf(texts), is_official, known, params)
    assert set(plan.joined[:-1][labels == 0]) == {0}
    assert plan.joined[-1] == -1 and plan.clarifies[-1] == 0
    assert len(plan.new_groups) == 1 and set(labels[plan.new_groups[0]]) == {1}
    strict = plan_day(vectors, lexical_tf(texts), is_official, known,
                      NarrativeParams(join_threshold=0.9, cluster_threshold=0.8,
                                      embedding_weight=1.0, clarification_threshold=0.99))
    assert strict.clarifies[-1] == -1


def profile_matrix_for(texts: list[str]) -> sp.csr_matrix:
    return profiles_matrix([profile_of(lexical_tf(texts))])


@pytest.mark.parametrize(("text", "title"), [
    ("‼️INFO PENTING‼️ Mulai Jumat listrik se-Sumatera PADAM TOTAL 3 hari. Sebarkan!",
     "Mulai Jumat listrik se-Sumatera padam total 3 hari"),
    ("AWAS!!! Harimau lepas dari KBS dan masuk kampung di Wonokromo. Jangan keluar rumah!",
     "Harimau lepas dari KBS dan masuk kampung di Wonokromo"),
    ("Beredar klaim bahwa vaksin HPV yang diberikan kepada siswi SD menyebabkan kemandulan di "
     "kemudian hari menurut pesan berantai yang beredar di grup orang tua murid",
     "Beredar klaim bahwa vaksin HPV yang diberikan kepada siswi SD menyebabkan kemandulan di…"),
])
def test_titles_are_short_first_clauses(text: str, title: str) -> None:
    assert make_title(text) == title


def test_keywords_are_stemmed_and_specific() -> None:
    groups = [["pemadaman listrik total di sumatera", "listrik padam total tiga hari",
               "pemadaman listrik sumatera karena gas", "listrik mati total sumatera",
               "pemadaman total listrik jumat"],
              ["vaksin hpv bikin mandul", "vaksin hpv menyebabkan kemandulan",
               "tolak vaksin hpv di sekolah"]]
    words = class_keywords(groups)
    assert "listrik" in words[0] and "vaksin" in words[1]
    assert not set(words[0]) & set(words[1])


def test_keywords_speak_for_the_claim_not_a_few_joined_posts() -> None:
    claim = ["pemadaman listrik total sumatera"] * 8 + ["vaksin hpv mandul sumatera"] * 2
    background = ["harga cabai naik di pasar", "jalan rusak di desa", "banjir di kota"]
    words = class_keywords([claim, background], min_share=0.25)[0]
    assert "listrik" in words
    assert not {"vaksin", "hpv", "mandul"} & set(words)


@pytest.mark.parametrize("min_share", [0.0, 0.2])
def test_a_day_background_less_a_narrative_labels_as_the_other_posts_would(
        min_share: float) -> None:
    """relabel counts the day once and takes each narrative's own posts out of the counts;
    the keywords are exactly those of passing the other posts as a group."""
    import random

    from pipelines.narrative_labels import Background

    # a busy day from a small vocabulary, so words recur across posts in every proportion
    vocab = ["listrik", "padam", "total", "sumatera", "gas", "harga", "cabai", "pasar", "jalan",
             "rusak", "desa", "banjir", "kota", "pesisir", "rob", "malam", "gardu", "warga"]
    pick = random.Random(49)  # a day where the c-TF-IDF ranking depends on every count
    day = [" ".join(pick.choices(vocab, k=pick.randint(3, 8))) for _ in range(30)]
    claim, others = day[:4], day[4:]
    # every word, in order: the whole c-TF-IDF ranking, not just its head, must agree
    expected = class_keywords([claim, others], top_n=50, min_share=min_share)[0]
    background = Background.of(day).without(claim)
    assert background.posts == len(others)
    assert class_keywords([claim], top_n=50, min_share=min_share,
                          background=background)[0] == expected


def test_anchors_read_one_amount_in_every_register() -> None:
    from pipelines.narratives.anchors import extract

    amounts = [extract(t)["number"] for t in ("blt rp 600.000 cair", "isi link blt 600 ribu",
                                              "blt 600rb katanya")]
    assert amounts[0] == amounts[1] == amounts[2] == {"600000"}
    assert extract("gelap total tiga hari")["number"] == extract("gelap 3 hari")["number"]
    assert extract("gempa m5,6 maluku")["number"] == extract("magnitudo 5,6")["number"]
    assert extract("naik mulai jumat")["date"] == {"w5"}


def test_anchor_term_rewards_agreement_and_never_a_silent_rewrite(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.narratives import anchors

    rows = anchors.anchor_rows(["pertamax naik jadi rp 17.500", "pertamax naik 17.500 per liter",
                                "pertalite naik jadi rp 15.000", "bensin naik lagi katanya"])
    sim = anchors.anchor_similarity(rows, rows)
    assert sim[0, 1] > sim[0, 2] >= 0   # the same amount beats a different one
    assert sim[0, 3] == 0               # a rewrite without figures is never penalised
    monkeypatch.setattr(anchors, "CONFLICT", 1.0)
    sim = anchors.anchor_similarity(rows, rows)
    assert sim[0, 2] < 0 and sim[0, 3] == 0  # with a conflict weight, differing amounts cost


def test_params_come_from_the_settings_only() -> None:
    from pipelines.settings import Settings

    defaults, from_settings = NarrativeParams(), NarrativeParams.from_settings(Settings())
    assert defaults == from_settings
    assert defaults.clusterer().join_threshold == Settings().narrative_join_threshold


def test_embedding_similarity_counts_from_the_models_unrelated_baseline() -> None:
    """multilingual-e5-small puts two unrelated posts near cosine 0.84: without the baseline, the
    embedding term alone pushes every pair of posts past the grouping threshold."""
    from pipelines.narratives.grouping import calibrate, similarity_matrix
    from pipelines.narratives.step import NarrativeParams
    from pipelines.settings import Settings

    assert NarrativeParams.from_settings(
        Settings(embedding_model="multilingual-e5-small")).embedding_baseline == 0.84
    assert NarrativeParams.from_settings(
        Settings(embedding_model="all-MiniLM-L6-v2")).embedding_baseline == 0.0
    assert NarrativeParams.from_settings(Settings(
        narrative_embedding_baseline=0.5)).embedding_baseline == 0.5
    # claim anchors: on for e5 (they raised its held-out split), off for MiniLM (they lowered it)
    assert Settings(embedding_model="multilingual-e5-small").narrative_anchor_weight == 0.1
    assert Settings(embedding_model="all-MiniLM-L6-v2").narrative_anchor_weight == 0.0
    assert np.allclose(calibrate(np.array([0.84, 1.0]), 0.84), [0.0, 1.0], atol=1e-6)
    # two unrelated posts (no shared n-gram) at the e5 baseline cosine
    a = np.array([1.0, 0.0], dtype=np.float32)
    b = np.array([0.84, np.sqrt(1 - 0.84 ** 2)], dtype=np.float32)
    vec = np.stack([a, b])
    lex = sp.csr_matrix(np.eye(2, dtype=np.float32))
    raw = similarity_matrix(vec, lex, 0.15)
    cal = similarity_matrix(vec, lex, 0.15, baseline=0.84)
    assert raw[0, 1] > 0.12 and abs(cal[0, 1]) < 1e-5


def _fold_case(post_text: str, member_text: str = "bantuan rp 600.000 cair hari ini",
               cos_a: float = 0.27, cos_b: float = 0.0) -> tuple[np.ndarray, sp.csr_matrix,
                                                                Known]:
    """One leftover post at cosine ``cos_a`` to narrative A's centroid and ``cos_b`` to B's:
    below the join threshold (0.31), above the fold threshold (0.25)."""
    from pipelines.narratives.grouping import claim_rows

    dim = 8
    e = np.eye(dim, dtype=np.float32)
    post = cos_a * e[0] + cos_b * e[1]
    post += np.sqrt(max(1.0 - cos_a ** 2 - cos_b ** 2, 0.0)) * e[2]
    profiles = profiles_matrix([profile_of(claim_rows([member_text] * 5)),
                                profile_of(claim_rows(["harga cabai naik di pasar"] * 5))])
    known = Known(["A", "B"], np.stack([e[0], e[1]]), profiles, np.array([5, 5]))
    return post[None, :].astype(np.float32), claim_rows([post_text]), known


FOLD = NarrativeParams(join_threshold=0.31, cluster_threshold=0.19, min_size=3,
                       embedding_weight=1.0, anchor_weight=0.0, pending_days=3,
                       fold_threshold=0.25, fold_margin=0.05)


def test_a_leftover_folds_into_the_clearly_closest_narrative_on_its_last_pending_day() -> None:
    vec, tf, known = _fold_case("bantuan 600 ribu cair katanya")
    official = np.zeros(1, dtype=bool)
    last = plan_day(vec, tf, official, known, FOLD, age=np.array([3]))
    assert last.joined[0] == 0 and 0.25 <= last.join_similarity[0] < 0.31
    # still in its pending window: it may found a claim with later posts, so it waits
    early = plan_day(vec, tf, official, known, FOLD, age=np.array([1]))
    assert early.joined[0] == -1 and not early.new_groups
    off = plan_day(vec, tf, official, known, NarrativeParams(
        join_threshold=0.31, cluster_threshold=0.19, min_size=3, embedding_weight=1.0,
        anchor_weight=0.0, fold_threshold=1.0), age=np.array([3]))
    assert off.joined[0] == -1


def test_a_leftover_between_two_claims_or_with_a_conflicting_amount_stays_out() -> None:
    official = np.zeros(1, dtype=bool)
    # as close to B as to A: no clear margin
    vec, tf, known = _fold_case("bantuan 600 ribu cair katanya", cos_a=0.27, cos_b=0.25)
    assert plan_day(vec, tf, official, known, FOLD, age=np.array([3])).joined[0] == -1
    # A's members say Rp 600.000, the post Rp 300.000: another claim on the topic
    vec, tf, known = _fold_case("bantuan rp 300.000 cair katanya")
    assert plan_day(vec, tf, official, known, FOLD, age=np.array([3])).joined[0] == -1
    # a post that states no amount never conflicts
    vec, tf, known = _fold_case("bantuan sudah cair katanya")
    assert plan_day(vec, tf, official, known, FOLD, age=np.array([3])).joined[0] == 0


def test_anchor_conflict_needs_both_sides_to_state_the_kind() -> None:
    from pipelines.narratives.anchors import anchor_conflict_rowwise, anchor_rows

    rows = anchor_rows(["naik jadi rp 17.500", "naik 17.500 per liter", "naik jadi rp 15.000",
                        "bensin naik lagi", "naik mulai jumat 17.500"])
    pairs = np.array([[0, 1], [0, 2], [0, 3], [3, 2], [4, 2], [4, 0]])
    conflict = anchor_conflict_rowwise(rows, rows, pairs[:, 0], pairs[:, 1])
    assert conflict.tolist() == [False, True, False, False, True, False]


def test_a_leftover_folds_into_a_group_founded_today_at_any_age() -> None:
    x, labels = _blobs(1, 4, seed=3, spread=0.02)
    group = x[labels == 0]
    rng = np.random.default_rng(4)
    centre = group.mean(axis=0)
    centre /= np.linalg.norm(centre)
    side = rng.normal(size=32).astype(np.float32)
    side -= (side @ centre) * centre
    side /= np.linalg.norm(side)
    post = 0.3 * centre + np.sqrt(1 - 0.3 ** 2) * side  # joins no pair of the group at 0.19
    vectors = np.concatenate([group, post[None, :]]).astype(np.float32)
    tf = lexical_tf(["kabar"] * len(vectors))
    official = np.zeros(len(vectors), dtype=bool)
    empty = Known.empty(32)
    params = NarrativeParams(join_threshold=0.31, cluster_threshold=0.5, min_size=3,
                             embedding_weight=1.0, anchor_weight=0.0, fold_threshold=0.25,
                             fold_margin=0.05)
    plan = plan_day(vectors, tf, official, empty, params, age=np.zeros(len(vectors), int))
    assert len(plan.new_groups) == 1 and plan.new_groups[0].tolist() == [0, 1, 2, 3, 4]
    without = plan_day(vectors, tf, official, empty, NarrativeParams(
        join_threshold=0.31, cluster_threshold=0.5, min_size=3, embedding_weight=1.0,
        anchor_weight=0.0, fold_threshold=1.0), age=np.zeros(len(vectors), int))
    assert without.new_groups[0].tolist() == [0, 1, 2, 3]


def test_folding_is_on_for_e5_and_off_for_minilm() -> None:
    """Chosen like the anchors: folding raised e5's held-out split and lowered MiniLM's."""
    from pipelines.settings import Settings

    assert Settings(embedding_model="multilingual-e5-small").narrative_fold_threshold == 0.25
    assert Settings(embedding_model="all-MiniLM-L6-v2").narrative_fold_threshold == 1.0
    assert Settings(embedding_model="all-MiniLM-L6-v2",
                    narrative_fold_threshold=0.3).narrative_fold_threshold == 0.3


def _frame_day(texts: list[str], claims: list[str]) -> tuple[np.ndarray, sp.csr_matrix, Known]:
    """Today's posts, all with one embedding (the frame dominates what a model sees), and
    known narratives of ``claims`` (5 members each) whose centroids are far from it."""
    from pipelines.narratives.grouping import claim_rows

    dim = 8
    e = np.eye(dim, dtype=np.float32)
    vectors = np.repeat(e[:1], len(texts), axis=0)
    profiles = profiles_matrix([profile_of(claim_rows([c] * 5)) for c in claims])
    known = Known([f"K{i}" for i in range(len(claims))], e[1:1 + len(claims)], profiles,
                  np.full(len(claims), 5))
    return vectors, claim_rows(texts), known


FRAME = NarrativeParams(join_threshold=0.31, cluster_threshold=0.19, min_size=3,
                        embedding_weight=0.15, anchor_weight=0.0, fold_threshold=1.0,
                        frame_share=0.8, frame_cohesion=0.2, frame_mass=0.3,
                        frame_join_threshold=0.15, frame_margin=0.05)
CLAIMS = ["dibuka lowongan kerja pegawai bumn tanpa tes, pelamar wajib bayar biaya admin 250 "
          "ribu lewat transfer ke rekening panitia",
          "vaksin campak di sekolah ternyata berisi microchip untuk melacak anak, orang tua "
          "diminta menolak imunisasi",
          "bansos tunai cair minggu ini, daftar lewat link berikut dan isi nomor ktp serta "
          "rekening bank"]


def test_a_group_held_together_only_by_a_question_frame_is_not_founded() -> None:
    texts = ["Ini beneran? lowongan yg bayar admin? Ada sumber resminya gak?",
             "Ini beneran? vaksin ada microchip-nya? Ada sumber resminya gak?",
             "Ini beneran? bansos lewat link? Ada sumber resminya gak?"]
    vectors, tf, known = _frame_day(texts, CLAIMS)
    official = np.zeros(len(texts), dtype=bool)
    # below the join threshold each, the frame groups them: without the check, one bogus
    # narrative "Ini beneran? ..." of three claims
    off = plan_day(vectors, tf, official, known, replace(FRAME, frame_cohesion=0.0))
    assert [g.tolist() for g in off.new_groups] == [[0, 1, 2]]
    plan = plan_day(vectors, tf, official, known, FRAME)
    assert plan.new_groups == []
    assert plan.joined.tolist() == [0, 1, 2]  # each joins the claim its slot names


def test_a_template_whose_slots_point_nowhere_stays_a_group() -> None:
    # one question asked from three towns: no known claim is named, the group is its own
    texts = ["Ada rekomendasi bengkel motor yg jujur di Lhokseumawe? Motor bunyi terus",
             "Ada rekomendasi bengkel motor yg jujur di Sleman? Motor bunyi terus",
             "Ada rekomendasi bengkel motor yg jujur di Banyuwangi? Motor bunyi terus"]
    vectors, tf, known = _frame_day(texts, CLAIMS)
    plan = plan_day(vectors, tf, np.zeros(len(texts), dtype=bool), known, FRAME)
    assert [g.tolist() for g in plan.new_groups] == [[0, 1, 2]]


def test_frame_check_cohesion_is_the_mean_pairwise_residual_cosine() -> None:
    from pipelines.narratives.grouping import frame_check

    rng = np.random.default_rng(3)
    dense = rng.random((12, 40)) * (rng.random((12, 40)) < 0.25)
    dense[:, :3] = 1.0  # a frame every member carries
    dense[5, 3:] = 0.0  # one member that is all frame: no residual
    lex = sp.csr_matrix(dense / np.linalg.norm(dense, axis=1, keepdims=True))
    members = np.array([0, 2, 3, 5, 7, 8, 11])
    check = frame_check(lex, members, share=0.8)
    assert set(check.frame.tolist()) >= {0, 1, 2}
    res = check.residual.toarray()
    res = res[np.linalg.norm(res, axis=1) > 0]
    gram = res @ res.T
    k = len(res)
    assert k == len(members) - 1
    expected = (gram.sum() - np.trace(gram)) / (k * (k - 1))
    assert check.cohesion == pytest.approx(expected, rel=1e-5, abs=1e-6)
