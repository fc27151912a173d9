"""Claim anchors: the numbers and dates a claim states, which tell two claims on one topic apart.

"Pertamax naik jadi Rp 17.500" and "Pertalite naik jadi Rp 15.000" share nearly every word; their
amounts differ. "Gempa 8,5 di Palu 15 Desember" and "gempa 5,6 di Maluku" share the topic. A
paraphrase keeps the anchors, whatever its register: "Rp 600.000", "600 ribu" and "600rb" are one
amount, "tiga hari" and "3 hari" one duration, "Jumat" one day.

Each kind (numbers; dates and weekdays) is a unit vector over its hashed values, plus a presence
column. For two posts the anchor term is Σ over kinds both carry of
(1 + c)·agreement − c: agreement is the cosine of their values, c = ``CONFLICT`` the penalty when
both state a number (or a day) and none agree; 0 when either is silent, so a slang rewrite that
drops the figures is never penalised. The term is bilinear, so the mean
rows of a narrative give the average over its members, as the rest of the similarity does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

ANCHOR_HASH = 1 << 12
# Weight of the conflict penalty against the agreement bonus. Measured on the sample (whose
# hoaxes, like real ones, are localised: "45 siswa di Banda Aceh", "30 anak di Garut"): 1.0 and
# 0.5 lowered its ARI (0.886 → 0.824 and 0.870 over its 19 narratives), so conflicts cost
# nothing and agreement is a bonus; see docs/narratives.md.
CONFLICT = 0.0
KINDS = ("number", "date")
ANCHOR_FEATURES = len(KINDS) * ANCHOR_HASH + len(KINDS)  # values, then one presence per kind

_UNITS = {"rb": 1e3, "ribu": 1e3, "k": 1e3, "jt": 1e6, "juta": 1e6, "m": 1e9, "miliar": 1e9,
          "milyar": 1e9, "t": 1e12, "triliun": 1e12}
_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
          "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100,
          "seribu": 1000, "sejuta": 1e6}
_MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "maret": 3, "mar": 3, "april": 4,
           "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8,
           "agu": 8, "agt": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
           "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12}
_WEEKDAYS = {"senin": 1, "selasa": 2, "rabu": 3, "kamis": 4, "jumat": 5, "jum'at": 5,
             "sabtu": 6, "ahad": 7}  # not "minggu": also "week"
# a number, optionally glued to a unit ("100jt", "2,4jt", "600rb") or a multiplier ("10.000x")
_NUMBER = re.compile(r"^[a-z]{0,2}?(\d+(?:[.,]\d+)*)(rb|ribu|k|jt|juta|m|miliar|milyar|t|"
                     r"triliun|x|%)?$")


def _value(digits: str) -> float | None:
    """Indonesian notation: '.' groups thousands ("17.500"), ',' marks decimals ("5,6")."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        digits = digits.replace(".", "")
    elif re.fullmatch(r"\d{1,2}\.\d{2}", digits):  # a time, 23.00
        return float(digits.replace(".", "")) + 1e7
    digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def extract(text_norm: str) -> dict[str, set[str]]:
    """The anchors of one normalised post, per kind."""
    numbers: set[str] = set()
    dates: set[str] = set()
    toks = text_norm.split()
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if tok in _WORDS:
            value: float | None = float(_WORDS[tok])
            if nxt in _UNITS:
                value = (value or 0) * _UNITS[nxt]
            numbers.add(f"{value:g}")
            continue
        if tok in _MONTHS:
            dates.add(f"m{_MONTHS[tok]}")
            continue
        if tok in _WEEKDAYS:
            dates.add(f"w{_WEEKDAYS[tok]}")
            continue
        if tok.isalpha():  # most words: _NUMBER needs a digit
            continue
        m = _NUMBER.match(tok)
        if not m:
            continue
        value = _value(m.group(1))
        if value is None:
            continue
        unit = m.group(2) or (nxt if nxt in _UNITS else "")
        if unit in _UNITS:
            value *= _UNITS[unit]
        numbers.add(f"{value:g}")
    return {"number": numbers, "date": dates}


def anchor_rows(texts_norm: Sequence[str]) -> sp.csr_matrix:
    """One row per post: per kind, its anchors as a unit vector of hashed values, then the
    kinds' presence columns."""
    from sklearn.utils import murmurhash3_32

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, text in enumerate(texts_norm):
        found = extract(text)
        for k, kind in enumerate(KINDS):
            values = sorted(found[kind])
            if not values:
                continue
            hashed = sorted({k * ANCHOR_HASH + murmurhash3_32(v, positive=True) % ANCHOR_HASH
                             for v in values})
            w = 1.0 / np.sqrt(len(hashed))
            rows.extend([r] * (len(hashed) + 1))
            cols.extend(hashed + [len(KINDS) * ANCHOR_HASH + k])
            vals.extend([w] * len(hashed) + [1.0])
    return sp.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)),
                         shape=(len(texts_norm), ANCHOR_FEATURES))


def anchor_similarity(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    """Σ over kinds both carry of (2·agreement − 1), for every row pair (dense a × b)."""
    split = len(KINDS) * ANCHOR_HASH
    a = sp.csr_matrix(a)
    b = sp.csr_matrix(b)
    agree = (a[:, :split] @ b[:, :split].T).toarray()
    both = (a[:, split:] @ b[:, split:].T).toarray()
    return ((1.0 + CONFLICT) * agree - CONFLICT * both).astype(np.float32)


def anchor_rowwise(a: sp.csr_matrix, b: sp.csr_matrix, rows_a: np.ndarray,
                   rows_b: np.ndarray) -> np.ndarray:
    """``anchor_similarity`` of the pairs (rows_a[i], rows_b[i]) only."""
    if len(rows_a) == 0:
        return np.zeros(0, dtype=np.float32)
    split = len(KINDS) * ANCHOR_HASH
    prod = sp.csr_matrix(a[rows_a].multiply(b[rows_b]))
    sign = np.where(np.arange(ANCHOR_FEATURES) < split, 1.0 + CONFLICT, -CONFLICT
                    ).astype(np.float32)
    return np.asarray(prod @ sign, dtype=np.float32).ravel()


def anchor_conflict_rowwise(a: sp.csr_matrix, b: sp.csr_matrix, rows_a: np.ndarray,
                            rows_b: np.ndarray) -> np.ndarray:
    """For the pairs (rows_a[i], rows_b[i]): whether they conflict — some kind (numbers; dates
    and weekdays) is stated on both sides and no value of it is shared. ``b`` may hold a
    narrative's member means: a kind counts as stated when any member states it, as shared
    when any member shares a value. A side silent on a kind never conflicts on it."""
    if len(rows_a) == 0:
        return np.zeros(0, dtype=bool)
    split = len(KINDS) * ANCHOR_HASH
    prod = sp.csr_matrix(sp.csr_matrix(a)[rows_a].multiply(sp.csr_matrix(b)[rows_b]))
    prod.sum_duplicates()
    entry_rows = np.repeat(np.arange(len(rows_a)), np.diff(prod.indptr))
    cols = prod.indices
    conflict = np.zeros(len(rows_a), dtype=bool)
    for k in range(len(KINDS)):
        both = np.zeros(len(rows_a), dtype=bool)
        both[entry_rows[(cols == split + k) & (prod.data > 0)]] = True
        in_kind = (cols >= k * ANCHOR_HASH) & (cols < (k + 1) * ANCHOR_HASH) & (prod.data > 0)
        shared = np.zeros(len(rows_a), dtype=bool)
        shared[entry_rows[in_kind]] = True
        conflict |= both & ~shared
    return conflict
