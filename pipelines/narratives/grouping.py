"""Narrative clustering: join known narratives by centroid, group the rest, find splits, merges.

Similarity between a post and a narrative, or between two posts, is a weighted sum of two cosines:

    sim = w · cos(embedding) + (1 − w) · cos(char n-gram TF-IDF)

The lexical half is what keeps Indonesian paraphrases of one claim together when an English
embedding model (the offline default) sees them only dimly: hashed character 4-grams of the
stop-word-free normalised text, square-root term frequency, IDF from the day's own batch. Hashing
needs no vocabulary, so a narrative's lexical profile is a plain sum of its members' vectors that
adds up across days like its embedding centroid does (kept per day in ``narrative_day_sums``).

Posts that join no narrative are grouped among themselves by average linkage with a similarity
threshold. Average linkage decomposes exactly over the connected components of the "similarity ≥
threshold" graph, and the average similarity between two groups is the dot product of their mean
vectors; ``group_leftovers`` uses both facts to scale: above ``max_block`` posts it partitions the
posts with mini-batch k-means on the embeddings (recursively, so no block exceeds ``max_block``),
runs exact average linkage inside each block, then continues average linkage across blocks on the
blocks' sub-clusters (exact group-average similarities from mean vectors) and finally lets
leftover singletons join a group whose average similarity to them passes the threshold. Work is
O(n · max_block) instead of O(n²); see docs/narratives.md for the measured cost and accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Protocol

import numpy as np
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from pipelines import parallel
from pipelines.narratives.anchors import (
    ANCHOR_FEATURES,
    anchor_conflict_rowwise,
    anchor_rows,
    anchor_rowwise,
    anchor_similarity,
)

LEXICAL_HASH = 1 << 18  # per analyser: character n-grams, then words
LEXICAL_FEATURES = 2 * LEXICAL_HASH
LEXICAL_NGRAMS = (4, 4)
CLAIM_FEATURES = LEXICAL_FEATURES + ANCHOR_FEATURES  # claim rows: n-grams, then anchors
PROFILE_TOP_K = 1024  # lexical profile entries kept per narrative (largest weights)
SKETCH_DIM = 256  # dense sketch of the lexical half, for partitioning big batches
_CHUNK = 4096
LEXICAL_CHUNK = 50_000  # texts turned into lexical rows at a time (bounds the temporaries)


# --- lexical signal --------------------------------------------------------------------------


_PARTICLE = re.compile(r"(?:lah|kah|tah|pun)$")
_POSSESSIVE = re.compile(r"(?:nya|ku|mu)$")
_SUFFIX = re.compile(r"(?:kan|an|i)$")
_COLLOQUIAL_SUFFIX = re.compile(r"in$")  # Jakarta "-in" for "-kan"/"-i": sembuhin, bikin
_PREFIX = re.compile(r"^(?:meng|meny|mem|men|me|peng|peny|pem|pen|per|pe|ber|be|ter|te|di|ke|se)")


_NASAL = {"mem": "p", "pem": "p", "men": "t", "pen": "t", "meny": "s", "peny": "s"}
_VOWELS = frozenset("aeiou")


@cache
def _roots() -> frozenset[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return frozenset(StemmerFactory().get_words_from_file())


def _strip_prefix(t: str) -> str:
    match = _PREFIX.match(t)
    if match and len(t) - match.end() >= 4:
        rest = t[match.end():]
        restore = _NASAL.get(match.group(0), "")
        return restore + rest if restore and rest[0] in _VOWELS else rest
    return t


def _strip_suffix(t: str, suffix: re.Pattern[str] = _SUFFIX) -> str:
    cut = suffix.sub("", t, count=1)
    return cut if len(cut) >= 4 else t


def root_of(t: str, colloquial: bool = True) -> str | None:
    """The first of ``t`` and its affix-stripped forms that is a root word of Sastrawi's
    dictionary, if any; ``colloquial`` also tries the spoken "-in" (sembuhin)."""
    roots = _roots()
    if t in roots:
        return t
    suffixless = _strip_suffix(t)
    if suffixless in roots:
        return suffixless
    prefixless = _strip_prefix(t)
    for candidate in (prefixless, _strip_prefix(suffixless), _strip_suffix(prefixless)):
        if candidate in roots:
            return candidate
    spoken = _strip_suffix(t, _COLLOQUIAL_SUFFIX) if colloquial else t
    if spoken != t:
        for candidate in (spoken, _strip_prefix(spoken)):
            if candidate in roots:
                return candidate
    return None


@lru_cache(maxsize=1 << 18)
def light_stem(token: str) -> str:
    """A fast Indonesian stemmer for the clustering signal. A token that is, or whose
    affix-stripped form is, a root word of Sastrawi's dictionary becomes that root (pepaya
    stays pepaya, sebelah → belah, dipadamkan → padam, sembuhin → sembuh: the colloquial
    "-in" only where a root is left); otherwise one particle, possessive, prefix and suffix
    come off, never leaving fewer than 4 letters, a nasal prefix before a vowel giving back the
    consonant it replaced (pemadaman → padam). Sastrawi's own stemmer (``stemming.py``) takes
    0.1–3 ms per new word, too slow for 100k-post days full of typos; this costs a few set
    look-ups per distinct word. The labels still use Sastrawi."""
    if len(token) < 5 or not token.isalpha():
        return token
    t = _PARTICLE.sub("", token)
    cut = _POSSESSIVE.sub("", t, count=1)
    if len(cut) >= 4:
        t = cut
    root = root_of(token)
    if root is None and t != token:
        root = root_of(t)
    return root if root is not None else _strip_suffix(_strip_prefix(t))


@lru_cache(maxsize=1 << 16)
def is_standard_word(word: str) -> bool:
    """Whether a lowercase word is standard Indonesian: a stop word, a root word of Sastrawi's
    dictionary, or one under formal affixes (katanya, diliburkan); not a spoken form (udah,
    diliburin, gak) or a spelling with digits (gara2)."""
    from pipelines.stemming import stopwords

    if word in stopwords() or word in _roots():
        return True
    if not word.isalpha():
        return False
    t = _PARTICLE.sub("", word)
    cut = _POSSESSIVE.sub("", t, count=1)
    return any(root_of(base, colloquial=False) is not None for base in {word, t, cut})


def lexical_text(text_norm: str) -> str:
    """The words that carry a claim: ``text_norm`` without stop words, roughly stemmed."""
    from pipelines.stemming import stopwords

    stop = stopwords()
    return " ".join(light_stem(t) for t in text_norm.split() if t not in stop)


@lru_cache(maxsize=1 << 18)
def _word_features(word: str) -> np.ndarray:
    """Hashed features of one word: its character 4-grams within " word " (as scikit-learn's
    ``char_wb``) in the first half, the word itself in the second. Cached per word, so a batch
    costs about its number of distinct words (Zipf), not its number of characters."""
    from sklearn.utils import murmurhash3_32

    padded = f" {word} "
    grams = {padded[i:i + n] for n in range(LEXICAL_NGRAMS[0], LEXICAL_NGRAMS[1] + 1)
             for i in range(max(1, len(padded) - n + 1))}
    ids = [murmurhash3_32(g, positive=True) % LEXICAL_HASH for g in sorted(grams)]
    if len(word) >= 2:
        ids.append(LEXICAL_HASH + murmurhash3_32(word, positive=True) % LEXICAL_HASH)
    return np.array(ids, dtype=np.int64)


class _TokenWords(dict[str, int]):
    """Token → id of its stemmed word in ``words`` (−1 for stop words), filled on first sight:
    a batch costs one dictionary look-up per token and one stemming per distinct token."""

    def __init__(self) -> None:
        super().__init__()
        from pipelines.stemming import stopwords

        self.stop = stopwords()
        self.words: dict[str, int] = {}

    def __missing__(self, token: str) -> int:
        word = "" if token in self.stop else light_stem(token)
        value = self.words.setdefault(word, len(self.words)) if word else -1
        self[token] = value
        return value


def lexical_tf(texts_norm: Sequence[str]) -> sp.csr_matrix:
    """Unit rows of square-root term frequencies: hashed character 4-grams and hashed words,
    each half normalised to the same weight.

    Built as (document × distinct word counts) @ (distinct word × hashed features), so the
    per-token work is a dictionary look-up. Rows depend on their own text only, so a long
    batch is built ``LEXICAL_CHUNK`` texts at a time and stacked (same rows, a fraction of the
    temporaries)."""
    n = len(texts_norm)
    if n == 0:
        return sp.csr_matrix((0, LEXICAL_FEATURES), dtype=np.float32)
    if n > LEXICAL_CHUNK:
        return stack_rows([_lexical_tf(texts_norm[s:s + LEXICAL_CHUNK])
                           for s in range(0, n, LEXICAL_CHUNK)])
    return _lexical_tf(texts_norm)


def claim_rows(texts_norm: Sequence[str]) -> sp.csr_matrix:
    """``lexical_tf`` rows with the claim anchors appended (``CLAIM_FEATURES`` columns): what
    the tracker sums into a narrative's profile, so its anchors add up across days too."""
    return sp.csr_matrix(sp.hstack([lexical_tf(texts_norm), anchor_rows(texts_norm)],
                                   format="csr"), dtype=np.float32)


def split_claim(x: sp.csr_matrix) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(n-gram part, anchor part) of claim rows; rows without anchor columns get empty ones."""
    x = sp.csr_matrix(x)
    if x.shape[1] < CLAIM_FEATURES:
        x = sp.csr_matrix((x.data, x.indices, x.indptr), shape=(x.shape[0], CLAIM_FEATURES))
    return sp.csr_matrix(x[:, :LEXICAL_FEATURES]), sp.csr_matrix(x[:, LEXICAL_FEATURES:])


def stack_rows(parts: Sequence[sp.csr_matrix]) -> sp.csr_matrix:
    """Row blocks stacked into one CSR matrix (the single block as it is)."""
    if len(parts) == 1:
        return parts[0]
    return sp.csr_matrix(sp.vstack(parts, format="csr"))


def _lexical_tf(texts_norm: Sequence[str]) -> sp.csr_matrix:
    n = len(texts_norm)
    lookup = _TokenWords()
    get = lookup.__getitem__
    flat: list[int] = []
    counts_per_text: list[int] = []
    for text in texts_norm:  # one text's tokens alive at a time: no work for the GC
        before = len(flat)
        flat.extend(map(get, text.split()))
        counts_per_text.append(len(flat) - before)
    lengths = np.array(counts_per_text, dtype=np.int64)
    ids = np.array(flat, dtype=np.int64)
    keep = ids >= 0
    rows = np.repeat(np.arange(n), lengths)[keep]
    docs = sp.csr_matrix((np.ones(int(keep.sum()), dtype=np.float32), (rows, ids[keep])),
                         shape=(n, len(lookup.words)))
    features = [_word_features(w) for w in lookup.words]
    indptr = np.zeros(len(features) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(f) for f in features])
    cols = np.concatenate(features) if features else np.zeros(0, dtype=np.int64)
    vocab = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr),
                          shape=(len(features), LEXICAL_FEATURES))
    vocab.sum_duplicates()
    counts = sp.csr_matrix(docs @ vocab)
    counts.sum_duplicates()
    counts.data = np.sqrt(counts.data)
    # each half (character 4-grams, words) to unit length, then the row: a row with both
    # halves ends at 1/√2 per half
    entry_rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    half = (counts.indices >= LEXICAL_HASH).astype(np.int64)
    cell = entry_rows * 2 + half
    sq = np.bincount(cell, weights=np.square(counts.data, dtype=np.float64), minlength=2 * n)
    norms = np.sqrt(sq).reshape(n, 2)
    present = (norms > 0).sum(axis=1)
    scale = np.divide(1.0, norms * np.sqrt(np.maximum(present, 1))[:, None],
                      out=np.zeros_like(norms), where=norms > 0)
    counts.data = (counts.data * scale.ravel()[cell]).astype(np.float32)
    return counts


def _unit_rows(x: sp.csr_matrix) -> sp.csr_matrix:
    x = sp.csr_matrix(x, dtype=np.float32)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(scale.astype(np.float32)) @ x)


def batch_idf(tf: sp.csr_matrix) -> np.ndarray:
    """Smoothed IDF from the document frequencies of one batch (the day's posts)."""
    n = tf.shape[0]
    df = np.bincount(tf.indices, minlength=tf.shape[1]).astype(np.float32)
    return (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)


def weigh(x: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """IDF-weighted unit rows, ready for cosine by dot product."""
    if x.shape[1] > len(idf):  # claim rows: the anchor columns are not n-grams
        x = sp.csr_matrix(x)[:, :len(idf)]
    if x.shape[0] == 0:
        return sp.csr_matrix(x, dtype=np.float32)
    return _unit_rows(sp.csr_matrix(x.multiply(idf[None, :])))


def truncate_profile(indices: np.ndarray, values: np.ndarray,
                     top_k: int = PROFILE_TOP_K) -> tuple[np.ndarray, np.ndarray]:
    """Keep the ``top_k`` largest entries of a sparse profile, sorted by feature index."""
    if len(values) > top_k:
        keep = np.argpartition(-values, top_k - 1)[:top_k]
        indices, values = indices[keep], values[keep]
    order = np.argsort(indices, kind="stable")
    return indices[order].astype(np.int32), values[order].astype(np.float32)


def profile_of(rows: sp.csr_matrix, top_k: int = PROFILE_TOP_K) -> tuple[np.ndarray, np.ndarray]:
    """Summed rows as a truncated sparse profile (indices, values)."""
    total = sp.csr_matrix(rows.sum(axis=0))
    return truncate_profile(total.indices, total.data.astype(np.float32), top_k)


def profiles_matrix(profiles: Sequence[tuple[np.ndarray, np.ndarray]]) -> sp.csr_matrix:
    """Stack (indices, values) profiles into a CSR matrix with one row each."""
    if not profiles:
        return sp.csr_matrix((0, CLAIM_FEATURES), dtype=np.float32)
    indptr = np.zeros(len(profiles) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(p[0]) for p in profiles])
    indices = np.concatenate([np.asarray(p[0], dtype=np.int32) for p in profiles])
    values = np.concatenate([np.asarray(p[1], dtype=np.float32) for p in profiles])
    return sp.csr_matrix((values, indices, indptr), shape=(len(profiles), CLAIM_FEATURES))


def add_profiles(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray],
                 top_k: int = PROFILE_TOP_K) -> tuple[np.ndarray, np.ndarray]:
    total = sp.csr_matrix(profiles_matrix([a, b]).sum(axis=0))
    return truncate_profile(total.indices, total.data.astype(np.float32), top_k)


def calibrate(cos: np.ndarray, baseline: float) -> np.ndarray:
    """An embedding cosine on a scale where 0 is two unrelated posts: (cos − b) / (1 − b).

    Models differ: two unrelated posts sit near 0.05 under all-MiniLM-L6-v2 but near 0.84 under
    multilingual-e5-small (one shared component in every vector), so one weight and one set of
    thresholds only hold across models once the cosine is put on this scale."""
    if not baseline:
        return cos
    return (cos - np.float32(baseline)) / np.float32(1.0 - baseline)


# --- the interface ---------------------------------------------------------------------------


@dataclass
class Assignment:
    """Per post: index of the known narrative joined (or -1), and the new group (or -1)."""

    joined: np.ndarray
    join_similarity: np.ndarray
    new_group: np.ndarray


class Clusterer(Protocol):
    """Anything that joins posts to known narratives and groups the rest.

    ``vectors`` are unit embeddings of the posts, ``centroids`` the (unnormalised) mean embeddings
    of known narratives. ``lexical``/``known_lexical`` are optional IDF-weighted unit rows of the
    posts and of the narratives' lexical profiles; a clusterer may ignore them.
    """

    def assign(self, vectors: np.ndarray, centroids: np.ndarray,
               lexical: sp.csr_matrix | None = None,
               known_lexical: sp.csr_matrix | None = None,
               anchors: sp.csr_matrix | None = None,
               known_anchors: sp.csr_matrix | None = None) -> Assignment: ...


def _unit_dense(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32)


def _is_head(idx: np.ndarray) -> bool:
    """Whether sorted, distinct ``idx`` is 0, 1, …, len − 1."""
    return len(idx) > 0 and int(idx[0]) == 0 and int(idx[-1]) == len(idx) - 1


def take_rows(vectors: np.ndarray, lexical: sp.csr_matrix | None, idx: np.ndarray
              ) -> tuple[np.ndarray, sp.csr_matrix | None]:
    """``vectors[idx]`` and ``lexical[idx]`` for sorted, distinct ``idx``: views instead of
    copies when ``idx`` is the leading rows (a day's crowd posts come first, and most days
    every crowd post is left to group), so the big matrices are not duplicated."""
    if not _is_head(idx):
        return vectors[idx], None if lexical is None else lexical[idx]
    m = len(idx)
    if lexical is None or m == lexical.shape[0]:
        return vectors[:m], lexical
    end = int(lexical.indptr[m])
    head = sp.csr_matrix((lexical.data[:end], lexical.indices[:end], lexical.indptr[:m + 1]),
                         shape=(m, lexical.shape[1]), copy=False)
    return vectors[:m], head


def rowwise_sparse_dot(a: sp.csr_matrix, b: sp.csr_matrix, rows_a: np.ndarray,
                       rows_b: np.ndarray) -> np.ndarray:
    """dot(a[rows_a[i]], b[rows_b[i]]) for every i, without a dense product."""
    if len(rows_a) == 0:
        return np.zeros(0, dtype=np.float32)
    return np.asarray(a[rows_a].multiply(b[rows_b]).sum(axis=1), dtype=np.float32).ravel()


def _candidate_scores(vectors: np.ndarray, centroids: np.ndarray,
                      lexical: sp.csr_matrix | None, known_lexical: sp.csr_matrix | None,
                      weight: float, normalise: bool, candidates: int,
                      anchors: sp.csr_matrix | None, known_anchors: sp.csr_matrix | None,
                      anchor_weight: float, baseline: float
                      ) -> Iterator[tuple[int, np.ndarray | None, np.ndarray]]:
    """Per chunk of posts: (first row, candidate narratives per row or None for all, combined
    similarity to each candidate). Up to 512 narratives every pair is scored; above, the
    embedding shortlists ``candidates`` per post and the rest is scored for the shortlist."""
    n, k = len(vectors), len(centroids)
    use_anchors = anchors is not None and known_anchors is not None and anchor_weight > 0
    cents = _unit_dense(centroids) if normalise else centroids.astype(np.float32)
    use_lex = lexical is not None and known_lexical is not None and weight < 1.0
    w = 1.0 if not use_lex else weight
    for start in range(0, n, _CHUNK):
        emb = calibrate(vectors[start:start + _CHUNK] @ cents.T, baseline)
        m = len(emb)
        if k <= 512:
            combined = w * emb
            if use_lex:
                assert lexical is not None and known_lexical is not None
                combined = combined + (1 - w) * (lexical[start:start + m]
                                                 @ known_lexical.T).toarray()
            if use_anchors:
                assert anchors is not None and known_anchors is not None
                combined = combined + anchor_weight * anchor_similarity(
                    anchors[start:start + m], known_anchors)
            yield start, None, combined
            continue
        top = min(candidates, k)
        cand = np.argpartition(-emb, top - 1, axis=1)[:, :top]
        rows = np.repeat(np.arange(m), top)
        cols = cand.ravel()
        flat = w * emb[rows, cols]
        if use_lex:
            assert lexical is not None and known_lexical is not None
            flat += (1 - w) * rowwise_sparse_dot(lexical, known_lexical, rows + start, cols)
        if use_anchors:
            assert anchors is not None and known_anchors is not None
            flat += anchor_weight * anchor_rowwise(anchors, known_anchors, rows + start, cols)
        yield start, cand, flat.reshape(m, top)


def best_matches(vectors: np.ndarray, centroids: np.ndarray, lexical: sp.csr_matrix | None,
                 known_lexical: sp.csr_matrix | None, weight: float, normalise: bool = True,
                 candidates: int = 32, anchors: sp.csr_matrix | None = None,
                 known_anchors: sp.csr_matrix | None = None,
                 anchor_weight: float = 0.0,
                 baseline: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Best known narrative per post by combined similarity, and that similarity.

    With ``normalise`` the embedding part is the cosine to the centroid; without, the dot
    product with the mean, i.e. the average similarity to the members. Up to 512 narratives
    every pair is scored; above, the embedding shortlists ``candidates`` narratives per post
    and the lexical part is computed for the shortlist only (O(n · k · d), never a dense
    n × k lexical product). With ``anchors`` (rows of ``anchors.anchor_rows``, the narratives'
    as member means) ``anchor_weight`` times the anchor term is added.
    """
    best, sims, _ = best_two_matches(vectors, centroids, lexical, known_lexical, weight,
                                     normalise, candidates, anchors, known_anchors,
                                     anchor_weight, baseline)
    return best, sims


def best_two_matches(vectors: np.ndarray, centroids: np.ndarray,
                     lexical: sp.csr_matrix | None, known_lexical: sp.csr_matrix | None,
                     weight: float, normalise: bool = True, candidates: int = 32,
                     anchors: sp.csr_matrix | None = None,
                     known_anchors: sp.csr_matrix | None = None, anchor_weight: float = 0.0,
                     baseline: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``best_matches`` plus the similarity to the second-best narrative (−inf when there is
    only one)."""
    n, k = len(vectors), len(centroids)
    best = np.full(n, -1, dtype=np.int64)
    sims = np.zeros(n, dtype=np.float32)
    second = np.full(n, -np.inf, dtype=np.float32)
    if n == 0 or k == 0:
        return best, sims, second
    for start, cand, scores in _candidate_scores(vectors, centroids, lexical, known_lexical,
                                                 weight, normalise, candidates, anchors,
                                                 known_anchors, anchor_weight, baseline):
        m = len(scores)
        pick = scores.argmax(axis=1)
        best[start:start + m] = pick if cand is None else cand[np.arange(m), pick]
        sims[start:start + m] = scores[np.arange(m), pick]
        if scores.shape[1] > 1:
            rest = scores.copy()
            rest[np.arange(m), pick] = -np.inf
            second[start:start + m] = rest.max(axis=1)
    return best, sims, second


def fold_leftovers(vectors: np.ndarray, lexical: sp.csr_matrix | None,
                   anchors: sp.csr_matrix | None, centroids: np.ndarray,
                   known_lexical: sp.csr_matrix | None, known_anchors: sp.csr_matrix | None,
                   weight: float, threshold: float, margin: float, anchor_weight: float = 0.0,
                   baseline: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Narrative each leftover post folds into (−1: none), and its similarity.

    A post that joined nothing and formed no group folds into its closest narrative when the
    combined similarity reaches ``threshold`` (below the join threshold), that narrative is
    closer by at least ``margin`` than the next one (so a post between two claims on one
    topic stays out), and the claim anchors do not conflict: when the post states an amount
    or a date, and the narrative's members state that kind too, they share one
    (``anchors.anchor_conflict``)."""
    best, sims, second = best_two_matches(vectors, centroids, lexical, known_lexical, weight,
                                          anchors=anchors, known_anchors=known_anchors,
                                          anchor_weight=anchor_weight, baseline=baseline)
    ok = (best >= 0) & (sims >= threshold) & (sims - second >= margin)
    if anchors is not None and known_anchors is not None and ok.any():
        rows = np.flatnonzero(ok)
        ok[rows[anchor_conflict_rowwise(anchors, known_anchors, rows, best[rows])]] = False
    return np.where(ok, best, -1), sims


class CentroidThenAgglomerative:
    """Join a known narrative when the combined similarity to its centroid reaches
    ``join_threshold``; group the rest by average linkage at ``cluster_threshold`` (blocked above
    ``max_block`` posts); groups of at least ``min_size`` become new narratives."""

    def __init__(self, join_threshold: float, cluster_threshold: float, min_size: int,
                 embedding_weight: float = 1.0, max_block: int = 1000, seed: int = 0,
                 anchor_weight: float = 0.0, embedding_baseline: float = 0.0,
                 processes: int = 1) -> None:
        self.join_threshold = join_threshold
        self.processes = processes  # for the blocks of a big day (``group_leftovers``)
        self.embedding_baseline = embedding_baseline
        self.anchor_weight = anchor_weight
        self.cluster_threshold = cluster_threshold
        self.min_size = min_size
        self.embedding_weight = embedding_weight
        self.max_block = max_block
        self.seed = seed

    def _weight(self, lexical: sp.csr_matrix | None) -> float:
        return 1.0 if lexical is None else self.embedding_weight

    def assign(self, vectors: np.ndarray, centroids: np.ndarray,
               lexical: sp.csr_matrix | None = None,
               known_lexical: sp.csr_matrix | None = None,
               anchors: sp.csr_matrix | None = None,
               known_anchors: sp.csr_matrix | None = None) -> Assignment:
        n = len(vectors)
        w = self._weight(lexical)
        joined = np.full(n, -1, dtype=np.int64)
        sims = np.zeros(n, dtype=np.float32)
        if n and len(centroids):
            best, sims = best_matches(vectors, centroids, lexical, known_lexical, w,
                                      anchors=anchors, known_anchors=known_anchors,
                                      anchor_weight=self.anchor_weight,
                                      baseline=self.embedding_baseline)
            joined = np.where(sims >= self.join_threshold, best, -1)
        groups = np.full(n, -1, dtype=np.int64)
        rest = np.flatnonzero(joined < 0)
        if len(rest) >= self.min_size:
            vec, lex = take_rows(vectors, lexical, rest)
            labels = self.group(vec, lex, None if anchors is None else anchors[rest])
            groups[rest] = labels
        return Assignment(joined=joined, join_similarity=sims, new_group=groups)

    def group(self, vectors: np.ndarray, lexical: sp.csr_matrix | None,
              anchors: sp.csr_matrix | None = None) -> np.ndarray:
        """New groups (0…g−1, ordered by first member) or −1 for posts in no group ≥ min_size."""
        labels = group_leftovers(vectors, lexical, self._weight(lexical), self.cluster_threshold,
                                 self.max_block, self.seed, anchors, self.anchor_weight,
                                 self.embedding_baseline, self.processes)
        return keep_large_groups(labels, self.min_size)


def group_index(new_groups: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Per post of a batch of ``n``: the index of today's group it is in, or −1."""
    group_of = np.full(n, -1, dtype=np.int64)
    for g, members in enumerate(new_groups):
        group_of[members] = g
    return group_of


def regroup(new_groups: Sequence[np.ndarray], extra: dict[int, list[int]],
            dissolved: Container[int] = frozenset()) -> list[np.ndarray]:
    """Today's groups after a pass: ``extra`` members appended, ``dissolved`` ones dropped,
    members sorted (the passes that place leftovers and dissolve groups share this)."""
    return [np.sort(np.concatenate([g, np.asarray(extra.get(i, []), dtype=np.int64)]))
            for i, g in enumerate(new_groups) if i not in dissolved]


def keep_large_groups(labels: np.ndarray, min_size: int) -> np.ndarray:
    """Renumber groups of at least ``min_size`` as 0…g−1 by first appearance; others −1."""
    out = np.full(len(labels), -1, dtype=np.int64)
    if len(labels) == 0:
        return out
    _, first, inverse, counts = np.unique(labels, return_index=True, return_inverse=True,
                                          return_counts=True)
    order = np.argsort(first, kind="stable")
    rank = np.full(len(first), -1, dtype=np.int64)
    nxt = 0
    for g in order:
        if counts[g] >= min_size:
            rank[g] = nxt
            nxt += 1
    out[:] = rank[inverse]
    return out


# --- average linkage, exact in blocks ---------------------------------------------------------


def similarity_matrix(vectors: np.ndarray, lexical: sp.csr_matrix | None,
                      weight: float, anchors: sp.csr_matrix | None = None,
                      anchor_weight: float = 0.0, baseline: float = 0.0) -> np.ndarray:
    """Combined similarity of every pair of rows, as a dense float32 matrix."""
    s = np.asarray(calibrate(vectors @ vectors.T, baseline), dtype=np.float32)
    if lexical is not None and weight < 1.0:
        s *= np.float32(weight)
        s += np.float32(1 - weight) * lexical_gram(lexical)
    if anchors is not None and anchor_weight > 0:
        s += np.float32(anchor_weight) * anchor_similarity(anchors, anchors)
    return s


def lexical_gram(x: sp.csr_matrix) -> np.ndarray:
    """``x @ x.T`` as a dense float32 array, fast for the small blocks of similar posts that
    ``group_leftovers`` builds.

    A sparse product costs the sum over columns of (rows holding the column)²: the few character
    4-grams most rows of a block share dominate it, and a dense BLAS product handles those far
    faster. So columns present in at least 1/16 of the rows go through a dense product of just
    those columns, the rest through a sparse one, and columns present in a single row only add
    to the diagonal."""
    x = sp.csr_matrix(x, dtype=np.float32)
    x.sum_duplicates()
    m = x.shape[0]
    out = np.zeros((m, m), dtype=np.float32)
    if m == 0 or x.nnz == 0:
        return out
    rows = np.repeat(np.arange(m), np.diff(x.indptr))
    entry_df = np.bincount(x.indices, minlength=x.shape[1])[x.indices]
    heavy = entry_df >= max(2, m // 16)
    if heavy.any():
        cols = np.unique(x.indices[heavy])
        dense = np.zeros((m, len(cols)), dtype=np.float32)
        dense[rows[heavy], np.searchsorted(cols, x.indices[heavy])] = x.data[heavy]
        out = dense @ dense.T
    light = (entry_df >= 2) & ~heavy
    if light.any():
        cols, compact = np.unique(x.indices[light], return_inverse=True)
        part = sp.csr_matrix((x.data[light], (rows[light], compact)), shape=(m, len(cols)))
        out += (part @ part.T).toarray()
    single = entry_df == 1
    if single.any():
        diagonal = np.bincount(rows[single], weights=np.square(x.data[single], dtype=np.float64),
                               minlength=m)
        out[np.diag_indices(m)] += diagonal.astype(np.float32)
    return out


def _average_linkage(sim: np.ndarray, threshold: float) -> np.ndarray:
    """Exact average-linkage labels at ``threshold``.

    One linkage over the whole matrix: average linkage is monotone, so cutting its tree gives
    the same groups as running it per connected component of the "similarity ≥ threshold"
    graph, and building that graph costs more than the O(n²) linkage it would save."""
    n = len(sim)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    dist = np.subtract(1.0, sim, dtype=np.float64)
    np.clip(dist, 0.0, None, out=dist)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    cut = fcluster(tree, t=1.0 - threshold + 1e-9, criterion="distance")
    return (cut - 1).astype(np.int64)


def _weighted_average_linkage(sim: np.ndarray, sizes: np.ndarray,
                              threshold: float) -> np.ndarray:
    """Average linkage over groups that already hold ``sizes`` posts each: the Lance–Williams
    update weighted by size keeps every similarity an exact average over posts."""
    m = len(sim)
    s = sim.astype(np.float64).copy()
    np.fill_diagonal(s, -np.inf)
    size = sizes.astype(np.float64).copy()
    parent = np.arange(m)
    alive = np.ones(m, dtype=bool)
    while True:
        flat = int(np.argmax(s))
        i, j = divmod(flat, m)
        if not np.isfinite(s[i, j]) or s[i, j] < threshold:
            break
        merged = (size[i] * s[i] + size[j] * s[j]) / (size[i] + size[j])
        s[i, :] = merged
        s[:, i] = merged
        s[i, i] = -np.inf
        s[j, :] = -np.inf
        s[:, j] = -np.inf
        size[i] += size[j]
        alive[j] = False
        parent[parent == j] = i
    _, labels = np.unique(parent, return_inverse=True)
    return labels.astype(np.int64)


def _spherical_kmeans(vectors: _Rows, k: int, seed: int, iters: int = 8,
                      sample_size: int = 20000) -> np.ndarray:
    """Cluster indices by spherical k-means: k-means++ seeding and Lloyd steps on a sample of at
    most ``sample_size`` rows, then one assignment pass over all rows."""
    rng = np.random.default_rng(seed)
    n = len(vectors)
    sample = vectors[np.sort(rng.choice(n, size=min(n, sample_size), replace=False))]
    seeds = sample[rng.choice(len(sample), size=min(len(sample), 4096), replace=False)]
    centers = [seeds[int(rng.integers(len(seeds)))]]
    closest = 1.0 - seeds @ centers[0]
    for _ in range(1, k):
        weights = np.clip(closest, 0, None) ** 2
        total = weights.sum()
        pick = int(rng.choice(len(seeds), p=weights / total)) if total > 0 else \
            int(rng.integers(len(seeds)))
        centers.append(seeds[pick])
        closest = np.minimum(closest, 1.0 - seeds @ seeds[pick])
    c = np.stack(centers).astype(np.float32)

    def nearest(x: _Rows) -> np.ndarray:
        return np.concatenate([np.argmax(x[i:i + _CHUNK] @ c.T, axis=1)
                               for i in range(0, len(x), _CHUNK)])

    m = len(sample)
    previous = None
    for _ in range(iters):
        assigned = nearest(sample)
        if previous is not None and np.array_equal(assigned, previous):
            break  # converged: the centres would come out the same again
        previous = assigned
        member = sp.csr_matrix((np.ones(m, dtype=np.float32), (assigned, np.arange(m))),
                               shape=(k, m))
        sums = np.asarray(member @ sample)
        filled = np.bincount(assigned, minlength=k) > 0
        c[filled] = _unit_dense(sums[filled])
    return nearest(vectors)


@lru_cache(maxsize=4)
def _sketch_fold(n_features: int, dim: int) -> sp.csr_matrix:
    rng = np.random.default_rng(20261123)
    return sp.csr_matrix((rng.choice(np.array([-1.0, 1.0], dtype=np.float32), n_features),
                          (np.arange(n_features), rng.integers(0, dim, n_features))),
                         shape=(n_features, dim))


def lexical_sketch(lexical: sp.csr_matrix, dim: int = SKETCH_DIM,
                   out: np.ndarray | None = None) -> np.ndarray:
    """A count sketch of sparse rows: every feature goes to one of ``dim`` columns with a random
    sign, so dot products are kept in expectation (error about 1/√dim). Written into ``out``
    (rows × dim, float32) when given."""
    fold = _sketch_fold(lexical.shape[1], dim)  # one entry per feature, in feature order
    x = sp.csr_matrix(lexical, dtype=np.float32)
    if out is None:
        out = np.empty((x.shape[0], dim), dtype=np.float32)
    step = max(1, (1 << 20) // dim)  # chunks of rows: temporaries stay small and get reused
    for start in range(0, x.shape[0], step):
        stop = min(start + step, x.shape[0])
        lo, hi = x.indptr[start], x.indptr[stop]
        rows = np.repeat(np.arange(stop - start), np.diff(x.indptr[start:stop + 1]))
        cols = x.indices[lo:hi]
        values = x.data[lo:hi] * fold.data[cols]
        out[start:stop] = np.bincount(rows * dim + fold.indices[cols], weights=values,
                                      minlength=(stop - start) * dim).reshape(-1, dim)
    return out


def _partition_space(vectors: np.ndarray, lexical: sp.csr_matrix | None,
                     weight: float) -> np.ndarray:
    """Dense unit rows whose dot products approximate the combined similarity."""
    if lexical is None or weight >= 1.0:
        return vectors
    d = vectors.shape[1]
    z = np.empty((len(vectors), d + SKETCH_DIM), dtype=np.float32)
    lexical_sketch(lexical, out=z[:, d:])
    for start in range(0, len(z), _CHUNK):
        part = z[start:start + _CHUNK]
        np.multiply(vectors[start:start + _CHUNK], np.float32(np.sqrt(weight)), out=part[:, :d])
        part[:, d:] *= np.float32(np.sqrt(1.0 - weight))
        part /= np.maximum(np.sqrt(np.einsum("ij,ij->i", part, part)), np.float32(1e-12))[:, None]
    return z


class _Rows(Protocol):
    """Rows of a matrix by index array or slice (a numpy array is one)."""

    def __len__(self) -> int: ...

    def __getitem__(self, key: np.ndarray | slice, /) -> np.ndarray: ...


class _SpaceRows:
    """The rows of ``_partition_space(vectors, lexical, weight)``, computed when asked for.

    Every row depends on its own post only, so the rows come out exactly as in the whole
    matrix, which is never built: at a million posts it would be 2.5 GB next to the
    embeddings it is made from."""

    def __init__(self, vectors: np.ndarray, lexical: sp.csr_matrix | None,
                 weight: float) -> None:
        self.vectors = vectors
        self.lexical = None if weight >= 1.0 else lexical
        self.weight = weight

    def __len__(self) -> int:
        return len(self.vectors)

    def __getitem__(self, key: np.ndarray | slice, /) -> np.ndarray:
        if self.lexical is None:
            return self.vectors[key]
        return _partition_space(self.vectors[key], self.lexical[key], self.weight)


class _Subset:
    """Rows ``idx`` of ``rows``, read when asked for."""

    def __init__(self, rows: _Rows, idx: np.ndarray) -> None:
        self.rows = rows
        self.idx = idx

    def __len__(self) -> int:
        return len(self.idx)

    def __getitem__(self, key: np.ndarray | slice, /) -> np.ndarray:
        return self.rows[self.idx[key]]


def _partition(vectors: _Rows, max_block: int, seed: int) -> list[np.ndarray]:
    """Index blocks of at most ``max_block`` posts: spherical k-means on embeddings, recursively."""
    out: list[np.ndarray] = []
    todo = [np.arange(len(vectors))]
    while todo:
        idx = todo.pop()
        if len(idx) <= max_block:
            out.append(idx)
            continue
        k = max(2, int(np.ceil(len(idx) / (max_block * 0.6))))
        assigned = _spherical_kmeans(_Subset(vectors, idx), k, seed)
        parts = [idx[assigned == c] for c in range(k) if np.any(assigned == c)]
        if len(parts) == 1:  # k-means could not split (identical vectors): cut in order
            parts = [idx[i:i + max_block] for i in range(0, len(idx), max_block)]
        todo.extend(parts)
    return sorted(out, key=lambda b: int(b[0]))


def _group_means(x: sp.csr_matrix, groups: Sequence[np.ndarray]) -> sp.csr_matrix:
    """Mean row of each group, as a sparse matrix (one row per group)."""
    rows = np.concatenate([np.full(len(g), i) for i, g in enumerate(groups)])
    cols = np.concatenate(groups)
    weights = np.concatenate([np.full(len(g), 1.0 / len(g), dtype=np.float32) for g in groups])
    member = sp.csr_matrix((weights, (rows, cols)), shape=(len(groups), x.shape[0]))
    return sp.csr_matrix(member @ x)


def _block_groups(vectors: np.ndarray, lexical: sp.csr_matrix | None, weight: float,
                  threshold: float, anchors: sp.csr_matrix | None, anchor_weight: float,
                  baseline: float, block: np.ndarray) -> list[np.ndarray]:
    """The average-linkage groups of one block, as arrays of post indices."""
    lex = None if lexical is None else lexical[block]
    sim = similarity_matrix(vectors[block], lex, weight,
                            None if anchors is None else anchors[block], anchor_weight, baseline)
    labels = _average_linkage(sim, threshold)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    return [block[part] for part in np.split(order, bounds)]


def group_leftovers(vectors: np.ndarray, lexical: sp.csr_matrix | None, weight: float,
                    threshold: float, max_block: int, seed: int = 0,
                    anchors: sp.csr_matrix | None = None,
                    anchor_weight: float = 0.0, baseline: float = 0.0,
                    processes: int = 1) -> np.ndarray:
    """Average-linkage group labels for every post (singletons get their own label).

    The blocks are independent, so with ``processes`` > 1 they are grouped in forked workers
    (`pipelines.parallel`, results in block order: the same labels as in one process)."""
    n = len(vectors)
    if anchors is None or anchor_weight <= 0:
        anchors, anchor_weight = None, 0.0
    if n <= max_block:
        return _average_linkage(similarity_matrix(vectors, lexical, weight, anchors,
                                                  anchor_weight, baseline), threshold)
    blocks = _partition(_SpaceRows(vectors, lexical, weight), max_block, seed)
    groups: list[np.ndarray] = []
    work = partial(_block_groups, vectors, lexical, weight, threshold, anchors, anchor_weight,
                   baseline)
    for parts in parallel.map_ordered(work, blocks, parallel.processes_for(processes, len(blocks))):
        groups.extend(parts)
    multi = [g for g in groups if len(g) > 1]
    single = np.array([int(g[0]) for g in groups if len(g) == 1], dtype=np.int64)
    labels = np.full(n, -1, dtype=np.int64)
    if multi:
        sizes = np.array([len(g) for g in multi])
        mean_e = np.stack([vectors[g].mean(axis=0) for g in multi])
        mean_l = None
        if lexical is not None and weight < 1.0:
            mean_l = _group_means(lexical, multi)
        # group-average similarity between sub-clusters is the dot product of their means
        emb = calibrate(mean_e @ mean_e.T, baseline)
        sim = weight * emb if mean_l is not None else emb
        if mean_l is not None:
            sim = sim + (1 - weight) * (mean_l @ mean_l.T).toarray()
        mean_a = None if anchors is None else _group_means(anchors, multi)
        if mean_a is not None:
            sim = sim + anchor_weight * anchor_similarity(mean_a, mean_a)
        adjacency = sp.csr_matrix(sim >= threshold)
        n_comp, comp = connected_components(adjacency, directed=False)
        merged = np.empty(len(multi), dtype=np.int64)
        nxt = 0
        for c in range(n_comp):
            idx = np.flatnonzero(comp == c)
            if len(idx) == 1:
                merged[idx] = nxt
                nxt += 1
                continue
            sub = _weighted_average_linkage(sim[np.ix_(idx, idx)], sizes[idx], threshold)
            merged[idx] = sub + nxt
            nxt += int(sub.max()) + 1
        for g, lab in zip(multi, merged, strict=True):
            labels[g] = lab
        # singletons join the group whose average similarity to them passes the threshold
        if len(single):
            # posts per merged group, and its mean vectors (size-weighted means of its parts)
            m_sizes = np.bincount(merged, weights=sizes).astype(np.float32)
            weights = sp.csr_matrix((sizes.astype(np.float32) / m_sizes[merged],
                                     (merged, np.arange(len(multi)))), shape=(nxt, len(multi)))
            cent_e = np.asarray(weights @ mean_e, dtype=np.float32)
            cent_l = None if mean_l is None else sp.csr_matrix(weights @ mean_l)
            cent_a = None if mean_a is None else sp.csr_matrix(weights @ mean_a)
            for start in range(0, len(single), _CHUNK):
                chunk = single[start:start + _CHUNK]
                s = calibrate(vectors[chunk] @ cent_e.T, baseline)
                if cent_l is not None and lexical is not None:
                    s = weight * s + (1 - weight) * (lexical[chunk] @ cent_l.T).toarray()
                if cent_a is not None and anchors is not None:
                    extra = anchor_similarity(anchors[chunk], cent_a)
                    s = (s + np.float32(anchor_weight) * extra).astype(np.float32)
                best = s.argmax(axis=1)
                ok = s[np.arange(len(chunk)), best] >= threshold
                labels[chunk[ok]] = best[ok]
        next_label = nxt
    else:
        next_label = 0
    rest = np.flatnonzero(labels < 0)
    labels[rest] = np.arange(next_label, next_label + len(rest))
    return labels


# --- splits and merges -----------------------------------------------------------------------


def combined_pairwise(a_vec: np.ndarray, b_vec: np.ndarray, a_lex: sp.csr_matrix | None,
                      b_lex: sp.csr_matrix | None, weight: float,
                      baseline: float = 0.0) -> np.ndarray:
    """Combined cosine between the rows of a and b (unit rows expected)."""
    s = calibrate((a_vec @ b_vec.T).astype(np.float64), baseline)
    if a_lex is None or b_lex is None or weight >= 1.0:
        return s
    return weight * s + (1 - weight) * (a_lex @ b_lex.T).toarray()


def find_merges(centroids: np.ndarray, lexical: sp.csr_matrix | None, touched: np.ndarray,
                age_rank: np.ndarray, weight: float, threshold: float,
                anchors: sp.csr_matrix | None = None,
                anchor_weight: float = 0.0,
                baseline: float = 0.0) -> list[tuple[int, int, float]]:
    """Pairs (younger, older, similarity) of narratives whose centroids converged.

    Only pairs with at least one narrative touched today are compared (cost: touched × active).
    Each narrative takes part in at most one merge a day; the younger (higher ``age_rank``) is
    merged into the older.
    """
    k = len(centroids)
    t_idx = np.flatnonzero(touched)
    if k < 2 or len(t_idx) == 0:
        return []
    unit = _unit_dense(centroids)
    sims = combined_pairwise(unit[t_idx], unit, None if lexical is None else lexical[t_idx],
                             lexical, weight, baseline)
    if anchors is not None and anchor_weight > 0:
        sims = sims + anchor_weight * anchor_similarity(anchors[t_idx], anchors)
    sims[np.arange(len(t_idx)), t_idx] = -np.inf
    pairs: list[tuple[float, int, int]] = []
    rows, cols = np.nonzero(sims >= threshold)
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        a, b = int(t_idx[r]), int(c)
        pairs.append((float(sims[r, c]), min(a, b), max(a, b)))
    used: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for sim, a, b in sorted(set(pairs), key=lambda p: (-p[0], p[1], p[2])):
        if a in used or b in used:
            continue
        young, old = (a, b) if age_rank[a] > age_rank[b] else (b, a)
        used.update((a, b))
        out.append((young, old, sim))
    return out


def find_splits(vectors: np.ndarray, lexical: sp.csr_matrix | None, joined: np.ndarray,
                join_similarity: np.ndarray, weight: float, cluster_threshold: float,
                split_threshold: float, min_size: int, anchors: sp.csr_matrix | None = None,
                anchor_weight: float = 0.0,
                baseline: float = 0.0) -> list[tuple[int, np.ndarray]]:
    """(narrative, members) for dense groups of today's joiners that sit far from the centroid.

    For each narrative joined by at least 2 × ``min_size`` posts today, the joiners are grouped by
    average linkage; every group but the largest with ``min_size`` posts or more whose mean
    similarity to the narrative's centroid is below ``split_threshold`` (they only just joined)
    and whose similarity to the rest of today's joiners is below ``cluster_threshold`` (they
    form their own claim) splits off.
    """
    out: list[tuple[int, np.ndarray]] = []
    for nar in np.unique(joined[joined >= 0]):
        members = np.flatnonzero(joined == nar)
        if len(members) < 2 * min_size:
            continue
        lex = None if lexical is None else lexical[members]
        sim = similarity_matrix(vectors[members], lex, weight,
                                None if anchors is None else anchors[members], anchor_weight,
                                baseline)
        labels = _average_linkage(sim, cluster_threshold)
        sizes = np.bincount(labels)
        largest = int(np.argmax(sizes))
        for g in np.flatnonzero(sizes >= min_size):
            if g == largest:
                continue
            inside = labels == g
            if float(join_similarity[members[inside]].mean()) >= split_threshold:
                continue
            if float(sim[np.ix_(inside, ~inside)].mean()) >= cluster_threshold:
                continue
            out.append((int(nar), members[inside]))
    return out


# --- official clarifications --------------------------------------------------------------------


def link_clarifications(vectors: np.ndarray, lexical: sp.csr_matrix | None,
                        centroids: np.ndarray, known_lexical: sp.csr_matrix | None,
                        weight: float, threshold: float,
                        baseline: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Closest narrative for each official post, when the combined similarity reaches the
    (lower) clarification threshold: a clarification restates the claim to deny it."""
    best, sims = best_matches(vectors, centroids, lexical, known_lexical, weight,
                              baseline=baseline)
    return np.where(sims >= threshold, best, -1), sims


# --- frame groups ----------------------------------------------------------------------------


@dataclass
class FrameCheck:
    """What ``frame_check`` found in a candidate group: the n-gram columns most members share
    (its frame), each member's residual row (IDF-weighted unit row without the frame; empty
    when the member is all frame), the share of each member's weighted row the frame takes,
    and the mean cosine between the residual rows of members that have one."""

    frame: np.ndarray
    residual: sp.csr_matrix
    frame_mass: np.ndarray
    cohesion: float

    def is_frame_group(self, min_mass: float, max_cohesion: float) -> bool:
        """Held together by a shared frame alone: the frame carries at least ``min_mass`` of
        the members' rows on average while what is left of them (the slots) is mutually
        dissimilar (mean residual cosine below ``max_cohesion``)."""
        return (float(self.frame_mass.mean()) >= min_mass
                and self.cohesion < max_cohesion)


def frame_check(lex: sp.csr_matrix, members: np.ndarray, share: float) -> FrameCheck:
    """The frame of a candidate group: n-gram columns (``lex``: the day's IDF-weighted unit
    rows, ``weigh``, no anchors) present in at least ``share`` of its members (and in two at
    least).

    A group whose members copy one template around different claims (a question, a prayer, a
    thank-you wrapped around each claim in turn) shares the template's n-grams in every member
    and little else; a group of one claim shares the claim's n-grams, and what is left of its
    members still overlaps (paraphrases of one claim share words in pairs), or is empty (copies
    of one forward). ``cohesion`` is 1 when fewer than two members have a residual."""
    weighted = sp.csr_matrix(lex[members], dtype=np.float32)
    m = weighted.shape[0]
    need = max(2, int(np.ceil(share * m - 1e-9)))
    weighted.sum_duplicates()
    cols, counts = np.unique(weighted.indices, return_counts=True)  # members holding each
    frame = cols[counts >= need]
    in_frame = np.isin(weighted.indices, frame)
    sq = np.square(weighted.data, dtype=np.float64)
    row_of = np.repeat(np.arange(m), np.diff(weighted.indptr))
    total = np.bincount(row_of, weights=sq, minlength=m)
    framed = np.bincount(row_of[in_frame], weights=sq[in_frame], minlength=m)
    mass = np.divide(framed, total, out=np.zeros(m), where=total > 0)
    rest = weighted.copy()
    rest.data[in_frame] = 0.0
    rest.eliminate_zeros()
    residual = _unit_rows(rest)
    has = np.flatnonzero(np.diff(residual.indptr) > 0)
    cohesion = 1.0
    if len(has) >= 2:
        sub = sp.csr_matrix(residual[has])
        # The mean off-diagonal cosine without the k x k Gram matrix: its sum is the squared
        # norm of the rows' sum, its trace the rows' squared norms (at 100k posts the product
        # was most of the check's time).
        col_sum = np.asarray(sub.sum(axis=0), dtype=np.float64).ravel()
        trace = float(np.square(sub.data, dtype=np.float64).sum())
        k = len(has)
        cohesion = float((col_sum @ col_sum - trace) / (k * (k - 1)))
    return FrameCheck(frame, residual, mass, cohesion)
