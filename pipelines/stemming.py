"""Sastrawi stemming and stopword removal over ``text_norm``.

Sastrawi is pure Python and takes around a millisecond per word, but post vocabulary is Zipfian, so
a per-token LRU cache makes a stemmed corpus cost roughly its number of distinct words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Social-media fillers that carry no claim; Sastrawi's list is written for formal text.
SOCIAL_FILLERS = _words("""
wkwk haha hehe hihi sih dong nih deh tuh kok lho loh yuk ya iya nah wah kan gan sis bro oke aja dah
mah kek ayo yah eh oh
""")

# Sastrawi lists negations as stopwords, but they flip a claim ("vaksin tidak aman" vs "vaksin
# aman"), which matters more to hoax narratives than to search, so they are kept.
KEPT_NEGATIONS = _words("tidak tak bukan bukannya belum jangan tanpa enggak")


@cache
def stopwords() -> frozenset[str]:
    """Sastrawi's Indonesian stopwords plus social fillers, minus negations."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    sastrawi = frozenset(StopWordRemoverFactory().get_stop_words())
    return (sastrawi - KEPT_NEGATIONS) | SOCIAL_FILLERS


@cache
def _stemmer() -> Any:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The factory wraps the stemmer in an unbounded dict cache and re-normalises every call;
    # the bare stemmer plus our bounded LRU avoids both.
    return StemmerFactory().create_stemmer().delegatedStemmer


@lru_cache(maxsize=1 << 18)
def stem_token(token: str) -> str:
    """Root of one lowercase token. Numbers and non-Latin words pass through untouched."""
    if not (token.isascii() and token.isalpha()):
        return token
    return str(_stemmer().stem_word(token)) or token


def stem_text(text_norm: str, remove_stopwords: bool = True) -> str:
    """Stem every token of ``text_norm`` (already lowercase, tokenised by spaces)."""
    tokens = text_norm.split()
    if remove_stopwords:
        stop = stopwords()
        tokens = [t for t in tokens if t not in stop]
    return " ".join(stem_token(t) for t in tokens)


def stem_texts(texts: Sequence[str], remove_stopwords: bool = True) -> list[str]:
    """``stem_text`` for each text, in order."""
    return [stem_text(t, remove_stopwords) for t in texts]
