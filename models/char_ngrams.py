"""The char_wb TF-IDF counts computed one distinct word at a time, for scoring a fitted model.

scikit-learn's ``analyzer="char_wb"`` builds every n-gram of every word of every post as a
Python string and looks each up in the vocabulary: 10 of the classify stage's 13.6 s on a
100k-post day. Those n-grams never cross a word boundary, so a post's counts are the sum of its
words' counts, and words repeat (a day of 100k posts has a few tens of thousands of distinct
words against millions of word tokens). `WordCachedCharTfidf` keeps, per distinct word, the
vocabulary indices of its n-grams and builds the count matrix from those; the result is the
matrix scikit-learn builds (same entries, dtype and sparse type; tests/models/test_char_ngrams.py
checks it against scikit-learn on hostile text).

`scoring_view(model)` is a shallow copy of a fitted pipeline whose char_wb vectorizers are of
this class; the model itself is left as loaded, so a model saved again stays plain scikit-learn
(the artifact loader trusts only sklearn/numpy/scipy types).
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.utils import _align_api_if_sparse

# Distinct words kept per vectorizer; beyond this the cache starts afresh (a day's vocabulary
# of hashtags and URLs fragments must not grow memory without bound).
MAX_CACHED_WORDS = 500_000


class WordCachedCharTfidf(TfidfVectorizer):
    """A fitted ``TfidfVectorizer(analyzer="char_wb")`` whose transform counts n-grams per
    distinct word (see the module docstring). Fitting is scikit-learn's own."""

    _word_cache: dict[str, tuple[int, ...]]

    def _word_indices(self, word: str) -> tuple[int, ...]:
        vocabulary = self.vocabulary_
        min_n, max_n = self.ngram_range
        w = " " + word + " "
        w_len = len(w)
        found: list[int] = []
        # The loop of sklearn's _char_wb_ngrams, n-grams replaced by their vocabulary index.
        for n in range(min_n, max_n + 1):
            offset = 0
            index = vocabulary.get(w[offset:offset + n])
            if index is not None:
                found.append(index)
            while offset + n < w_len:
                offset += 1
                index = vocabulary.get(w[offset:offset + n])
                if index is not None:
                    found.append(index)
            if offset == 0:  # a short word is counted once
                break
        return tuple(found)

    def _count_vocab(self, raw_documents: Iterable[Any], fixed_vocab: bool) -> Any:
        if not fixed_vocab or self.analyzer != "char_wb" or self.preprocessor is not None:
            return super()._count_vocab(raw_documents, fixed_vocab)
        cache = self.__dict__.setdefault("_word_cache", {})
        preprocess = self.build_preprocessor()
        decode = self.decode
        indices: list[int] = []
        extend = indices.extend
        indptr = [0]
        for doc in raw_documents:
            for word in preprocess(decode(doc)).split():
                found = cache.get(word)
                if found is None:
                    if len(cache) >= MAX_CACHED_WORDS:
                        cache.clear()
                    found = cache[word] = self._word_indices(word)
                extend(found)
            indptr.append(len(indices))
        dtype = np.int64 if len(indices) > np.iinfo(np.int32).max else np.int32
        j = np.asarray(indices, dtype=dtype)
        ptr = np.asarray(indptr, dtype=dtype)
        counts = sp.csr_array((np.ones(len(j), dtype=np.intc), j, ptr),
                              shape=(len(ptr) - 1, len(self.vocabulary_)))
        counts.sum_duplicates()  # repeated n-grams become counts, indices sorted
        return self.vocabulary_, _align_api_if_sparse(counts.astype(self.dtype))


def _fast_vectorizer(transformer: Any) -> Any:
    if type(transformer) is TfidfVectorizer and transformer.analyzer == "char_wb":
        fast = copy.copy(transformer)  # shares the fitted vocabulary and idf
        fast.__class__ = WordCachedCharTfidf
        return fast
    return transformer


def _view(model: Any) -> Any:
    if isinstance(model, Pipeline):
        view = copy.copy(model)
        view.steps = [(name, _view(step)) for name, step in model.steps]
        return view
    if isinstance(model, ColumnTransformer) and hasattr(model, "transformers_"):
        view = copy.copy(model)
        view.transformers_ = [(name, _fast_vectorizer(t), cols)
                              for name, t, cols in model.transformers_]
        return view
    return _fast_vectorizer(model)


_VIEWS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def scoring_view(model: Any) -> Any:
    """`model` with its char_wb vectorizers counting per distinct word; the same predictions.
    Kept per model, so the word cache lasts across the day's scoring chunks."""
    try:
        return _VIEWS[model]
    except KeyError:
        view = _VIEWS[model] = _view(model)
        return view
    except TypeError:  # not weak-referenceable: a view for this call only
        return _view(model)
