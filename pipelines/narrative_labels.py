"""Readable narrative labels: c-TF-IDF keywords over Sastrawi-stemmed text, and a short title from
the most representative post."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from pipelines.stemming import stem_token, stopwords


@dataclass(frozen=True)
class Background:
    """A day's posts as word counts: in how many posts each word is (``df``) and how often
    (``tf``). Every narrative of the day is labelled against the day without its own posts
    (``without``), which then costs its own posts, not the day's again."""

    posts: int
    df: Counter[str]
    tf: Counter[str]

    @classmethod
    def of(cls, texts: Sequence[str]) -> Background:
        df: Counter[str] = Counter()
        tf: Counter[str] = Counter()
        for text in texts:
            words = (text or "").split()
            tf.update(words)
            df.update(set(words))
        return cls(len(texts), df, tf)

    def without(self, texts: Sequence[str]) -> Background:
        gone = Background.of(texts)
        return Background(self.posts - gone.posts, self.df - gone.df, self.tf - gone.tf)

    def doc(self, min_share: float) -> str:
        """These posts' stemmed words as one c-TF-IDF document (counts matter, not order).

        With ``min_share``, only words at least that share of the posts use: a keyword must
        speak for the claim, not for a few posts of a neighbouring one that joined it. Without
        it, from five posts on, words of one post only are left out: they cannot be keywords,
        and typos would cost Sastrawi a slow lookup each. Stopwords never count."""
        if self.posts <= 0:
            return ""
        if min_share > 0:
            need = max(1.0, min_share * self.posts)
            kept = {w: n for w, n in self.tf.items() if self.df[w] >= need}
        elif self.posts < 5:
            kept = dict(self.tf)
        else:
            kept = {w: n for w, n in self.tf.items() if self.df[w] > 1}
        stop = stopwords()
        return " ".join(" ".join([stem_token(w)] * n) for w, n in sorted(kept.items())
                        if w not in stop)


@lru_cache(maxsize=16)
def _group_doc(texts: tuple[str, ...], min_share: float) -> str:
    """One group's stemmed words as one document (cached: a narrative relabelled again on a
    day often has the same sampled members)."""
    return Background.of(texts).doc(min_share)


def class_keywords(groups: Sequence[Sequence[str]], top_n: int = 5,
                   min_share: float = 0.0,
                   background: Background | None = None) -> list[list[str]]:
    """Top words per group: frequent in the group, rare in the others (c-TF-IDF). With
    ``min_share``, a group's keywords are words that share of its posts use. ``background``,
    when given, is one more group (whose keywords are not returned)."""
    if not groups:
        return []
    docs = [_group_doc(tuple(texts), min_share) for texts in groups]
    if background is not None and background.posts > 0:
        docs.append(background.doc(min_share))
    vectorizer = CountVectorizer(token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
    try:
        counts = vectorizer.fit_transform(docs).toarray().astype(float)
    except ValueError:  # no word of 3+ letters anywhere
        return [[] for _ in groups]
    words = vectorizer.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    avg = counts.sum() / len(docs)
    idf = np.log(1 + avg / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    return [[str(words[j]) for j in np.argsort(-row)[:top_n] if row[j] > 0]
            for row in scores[:len(groups)]]


# --- titles an officer can read --------------------------------------------------------------

# The bare-domain branch starts only at the start of a word ((?<!\S)): from anywhere inside,
# a long word without a dot would be rescanned once per character (quadratic).
_URL = re.compile(r"https?://\S+|www\.\S+|(?<!\S)\S+\.(?:apk|com|id|net|org)\b\S*", re.I)
_SYMBOLS = re.compile(r"[^\w\s.,:;!?()%/'\"-]+")
# Forward headers and calls to share carry no claim: "INFO PENTING!!", "*WASPADA*", "Sebarkan!"
_HEADER = re.compile(
    r"^\W*(?:info(?:rmasi)?(?: penting| terbaru| resmi| dari [\w ]{1,30})?|penting|waspada|awas|"
    r"bahaya|darurat|viral|bocor|peringatan|pengumuman|kabar gembira|breaking news|"
    r"hati[- ]hati|forward(?:ed)?|diteruskan|"
    # greetings that open a chain message: "Assalamualaikum wr wb", "Selamat pagi", "Halo"
    r"ass?alamu'?\s?['a]?alaikum(?:\s+(?:wr\.?\s*wb|warahmatullahi\s+wabarakatuh)\.?)?|"
    r"salam sejahtera|salam sehat|selamat (?:pagi|siang|sore|malam)|bismillah|"
    r"hal+o+|hai|dear all|kepada yth\.?)\b[\s\W]*", re.I)
_CALL = re.compile(r"\b(?:sebarkan|teruskan|viralkan|bagikan|share)\b.*$", re.I)
# A sentence ends at . ! ? before a space, or at a line break, but not after the abbreviations
# addresses and names are written with ("Jl. Sudirman", "Kec. Coblong", "Kab. Malang", "dr. Ani")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_ABBREVIATIONS = frozenset({
    "jl", "jln", "gg", "no", "rt", "rw", "ds", "dsn", "kel", "kec", "kab", "prov",  # addresses
    "dr", "drg", "ir", "prof", "bpk", "bp", "sdr", "hj", "h", "kh", "st",  # titles before names
    "rp", "tgl", "dll", "dsb", "dkk", "yth", "pt", "cv", "tbk",
})


def _sentences(s: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _SENTENCE.finditer(s):
        before = s[start:m.start()]
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        if not m.group().startswith("\n") and last.endswith(".") and \
                last[:-1].lower().strip("(\"'") in _ABBREVIATIONS:
            continue  # "Jl. Sudirman": the sentence goes on
        parts.append(before)
        start = m.end()
    parts.append(s[start:])
    return parts


def _decap(word: str, shouted: bool = False) -> str:
    """SHOUTED words to lower case; acronyms (up to 4 letters: BMKG, KPU, OJK) stay, except,
    in a title shouted throughout, the short common words ("YANG", "BISA")."""
    core = word.strip(".,:;!?()\"'")
    if core.isupper() and core.isalpha() and (
            len(core) > 4 or (shouted and core.lower() in stopwords())):
        return word.lower()
    return word


_WORDISH = re.compile(r"\w+", re.UNICODE)


def standard_share(text: str) -> float:
    """The share of a post's words that read as standard Indonesian (`is_standard_word`), for
    choosing which of a narrative's central posts gives its title: "BMKG memprediksi megathrust
    pada 28 November, sekolah di Sumatera Barat diliburkan" over "Sekolah2 di Sumbar katanya
    mau diliburin tgl 28 gara2 prediksi megathrust dr BMKG". Names and acronyms (a capital
    inside the word run, BMKG, Sumbar) and plain numbers count for neither side."""
    from pipelines.narratives.grouping import is_standard_word

    standard = judged = 0
    for i, m in enumerate(_WORDISH.finditer(unicodedata.normalize("NFKC", text or ""))):
        word = m.group()
        if word.isdigit() or (i > 0 and word[:1].isupper()) or (word.isupper() and len(word) > 1):
            continue
        judged += 1
        standard += is_standard_word(word.lower())
    return standard / judged if judged else 0.0


def make_title(text: str, max_chars: int = 90) -> str:
    """A short Indonesian title from a post: its first clause without forward boilerplate,
    links, emoji or shouting, cut at a word boundary."""
    # NFKC folds the 𝘍𝘢𝘯𝘤𝘺 and ｆｕｌｌ-ｗｉｄｔｈ letters scam posts use to dodge filters
    s = _URL.sub(" ", unicodedata.normalize("NFKC", text or ""))
    s = _SYMBOLS.sub(" ", s)
    for _ in range(3):
        stripped = _HEADER.sub("", s.strip())
        if stripped == s.strip():
            break
        s = stripped
    parts = [p.strip(" -:;,") for p in _sentences(s) if p and p.strip(" -:;,")]
    title = ""
    for part in parts:
        part = _CALL.sub("", part).strip(" -:;,")
        if not part:
            continue
        title = f"{title} {part}".strip() if title else part
        if len(title) >= 30:
            break
    letters = [c for c in title if c.isalpha()]
    shouted = bool(letters) and sum(c.isupper() for c in letters) > 0.7 * len(letters)
    title = re.sub(r"([!?.])\1+", r"\1", " ".join(_decap(w, shouted) for w in title.split()))
    title = title.rstrip(" .!?,;:")
    if len(title) > max_chars:
        cut = title[:max_chars].rsplit(" ", 1)[0]
        title = cut.rstrip(" ,;:") + "…"
    return title[:1].upper() + title[1:] if title else ""
