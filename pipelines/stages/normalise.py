"""Stage 2: clean and normalise text, then link exact and near duplicates to their first post.

Two halves, so the sharded DAG (dags/pantau_daily_sharded.py) can run the heavy one on many
workers and the global one once:

* `normalise_partition` is a pure function of raw posts: text normalisation, language, and the
  MinHash LSH band keys of each text (vectorised, the same signatures as
  `pipelines.near_duplicates.NearDuplicateIndex`, which stays the reference implementation);
* `link_and_store` links each post to the first earlier post with the same normalised text
  (exact) or a near-identical one (MinHash, within `NEAR_DUPLICATE_WINDOW_DAYS`), in the order
  posts were published, and writes `stg_posts`.

The band keys of every stored text are kept next to the warehouse
(`$PANTAU_HOME/cache/near_duplicates/<batch day>.parquet`, keyed by content hash, so they never
go stale), so the history window is not re-hashed every day; a missing file is recomputed.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, partial
from pathlib import Path
from typing import overload
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipelines import parallel
from pipelines.near_duplicates import NearDuplicateIndex, shingles
from pipelines.normalize import normalize_texts
from pipelines.settings import Settings
from pipelines.stages.stage_run import stage_run
from warehouse import schemas
from warehouse.connection import transaction
from warehouse.store import fetch_arrow, replace_batch, stream_arrow

NEAR_DUPLICATE_WINDOW_DAYS = 7
KEY_CACHE_KEEP_DAYS = 60  # band-key files older than this (by batch day) are pruned
_SHINGLE_CHUNK = 100_000  # shingles hashed per numpy block (x num_perm uint32)
_SIGNATURE_TEXTS = 8192  # texts whose shingle hashes are listed at once
_KEY_MIX = np.uint64(0x9E3779B97F4A7C15)


# --- MinHash, vectorised --------------------------------------------------------------------

@dataclass(frozen=True)
class MinHashParams:
    """What `NearDuplicateIndex` uses: permutations, scheme, LSH banding and threshold."""

    a: np.ndarray
    b: np.ndarray
    scheme: str
    num_perm: int
    bands: int
    rows: int
    threshold: float
    shingle_size: int

    @property
    def tag(self) -> str:
        return (f"v1-{self.scheme}-p{self.num_perm}-b{self.bands}x{self.rows}"
                f"-s{self.shingle_size}")


@cache
def minhash_params() -> MinHashParams:
    index = NearDuplicateIndex()
    template = index._template
    a, b = np.asarray(template.permutations)
    return MinHashParams(a=a, b=b, scheme=str(template.scheme), num_perm=index.num_perm,
                         bands=int(index._lsh.b), rows=int(index._lsh.r),
                         threshold=index.threshold, shingle_size=index.shingle_size)


def _permute(hv: np.ndarray, p: MinHashParams) -> np.ndarray:
    """Permuted hash values of `hv` (a column), exactly as datasketch's update_batch."""
    from datasketch.minhash import _SCHEME_WIDTHS, _fmix, _max_hash, _mersenne_prime

    if p.scheme == "legacy":
        h = hv.astype(np.uint64).reshape(-1, 1)
        return np.bitwise_and((h * p.a + p.b) % _mersenne_prime, _max_hash)
    dtype = np.uint32 if _SCHEME_WIDTHS[p.scheme] == 32 else np.uint64
    h = _fmix(hv.astype(dtype).reshape(-1, 1), _SCHEME_WIDTHS[p.scheme])
    return h * p.a.astype(dtype) + p.b.astype(dtype)


def _signatures_numpy(texts_norm: Sequence[str], p: MinHashParams) -> tuple[np.ndarray,
                                                                             np.ndarray]:
    """Signatures `_SIGNATURE_TEXTS` texts at a time: the shingle hashes of a block are a
    Python list (about 150 ints a text), so a block bounds it however many texts there are."""
    n = len(texts_norm)
    sigs = np.zeros((n, p.num_perm), dtype=np.uint64 if p.scheme != "affine32" else np.uint32)
    valid = np.zeros(n, dtype=bool)
    for lo in range(0, n, _SIGNATURE_TEXTS):
        block_sigs, block_valid = _signatures_block(texts_norm[lo:lo + _SIGNATURE_TEXTS], p)
        sigs[lo:lo + len(block_valid)] = block_sigs
        valid[lo:lo + len(block_valid)] = block_valid
    return sigs, valid


def _signatures_block(texts_norm: Sequence[str], p: MinHashParams) -> tuple[np.ndarray,
                                                                            np.ndarray]:
    n = len(texts_norm)
    lengths = np.zeros(n, dtype=np.int64)
    hashes: list[int] = []
    crc = zlib.crc32
    size = p.shingle_size
    for i, text in enumerate(texts_norm):
        grams = shingles(text, size) if text else ()
        lengths[i] = len(grams)
        hashes.extend(crc(g.encode("utf-8")) for g in grams)
    valid = lengths > 0
    sigs = np.zeros((n, p.num_perm), dtype=np.uint64 if p.scheme != "affine32" else np.uint32)
    if not hashes:
        return sigs, valid
    flat = np.array(hashes, dtype=np.uint64)
    rows = np.flatnonzero(valid)
    ends = np.cumsum(lengths[rows])
    starts = ends - lengths[rows]
    # Whole texts per block, so each block's minimum per text is final.
    first = 0
    while first < len(rows):
        last = int(np.searchsorted(ends, starts[first] + _SHINGLE_CHUNK, side="right"))
        last = max(last, first + 1)
        lo, hi = int(starts[first]), int(ends[last - 1])
        phv = _permute(flat[lo:hi], p)
        sigs[rows[first:last]] = np.minimum.reduceat(phv, starts[first:last] - lo, axis=0)
        first = last
    return sigs, valid


@cache
def _numpy_matches_datasketch() -> bool:
    """The vectorised signatures are checked once against datasketch's own; on any
    difference (another datasketch version, say) the reference path is used instead."""
    probe = ["vaksin mengandung microchip yang bisa melacak lokasi warga lewat jaringan 5g",
             "dua kata", "satu"]
    try:
        sigs, _ = _signatures_numpy(probe, minhash_params())
    except Exception:  # a private datasketch helper moved
        return False
    index = NearDuplicateIndex()
    return all(np.array_equal(sigs[i], index._minhash(t).hashvalues)  # type: ignore[union-attr]
               for i, t in enumerate(probe))


def minhash_signatures(texts_norm: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(signatures, has_signature): one row per text; an empty text has none."""
    p = minhash_params()
    if _numpy_matches_datasketch():
        return _signatures_numpy(texts_norm, p)
    index = NearDuplicateIndex()
    sigs = np.zeros((len(texts_norm), p.num_perm), dtype=index._template.hashvalues.dtype)
    valid = np.zeros(len(texts_norm), dtype=bool)
    for i, text in enumerate(texts_norm):
        m = index._minhash(text) if text else None
        if m is not None:
            sigs[i] = m.hashvalues
            valid[i] = True
    return sigs, valid


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """One uint64 per LSH band (datasketch's b bands of r rows): texts sharing a key share
    that band's values (up to a 64-bit hash collision, which verification then rejects)."""
    p = minhash_params()
    n = len(sigs)
    keys = np.zeros((n, p.bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(p.bands):
            block = sigs[:, band * p.rows:(band + 1) * p.rows].astype(np.uint64)
            h = np.full(n, np.uint64(band + 1), dtype=np.uint64)
            for j in range(block.shape[1]):
                h = (h ^ block[:, j]) * _KEY_MIX
                h ^= h >> np.uint64(29)
            keys[:, band] = h
    return keys


# --- the pure half ----------------------------------------------------------------------------

NORMALISED_EXTRA = ("published_at", "day", "keys")


def normalise_partition(raw: pa.Table, timezone: str) -> pa.Table:
    """Raw posts (post_id, text, published_at) → their normalised columns, the local day and
    the LSH band keys (null for a text with no words). Pure: the same rows give the same
    table on any worker."""
    texts = raw.column("text").to_pylist()
    # Exact copies are common (forwards, reposts): each distinct text is normalised once.
    unique = list(dict.fromkeys(texts))
    norm = normalize_texts(unique)
    if len(unique) != len(texts):
        position = {t: i for i, t in enumerate(unique)}
        norm = norm.take(pa.array([position[t] for t in texts], pa.int64()))
    zone = ZoneInfo(timezone)
    days = [ts.astimezone(zone).date() for ts in raw.column("published_at").to_pylist()]
    norms = norm.column("text_norm").to_pylist()
    uniq_norm = list(dict.fromkeys(norms))
    sigs, valid = minhash_signatures(uniq_norm)
    keys = band_keys(sigs)
    at = {t: i for i, t in enumerate(uniq_norm)}
    idx = np.array([at[t] for t in norms], dtype=np.int64)
    p = minhash_params()
    flat = keys[idx].ravel() if len(idx) else np.zeros(0, dtype=np.uint64)
    mask = pa.array(~valid[idx]) if len(idx) else None
    key_col = pa.FixedSizeListArray.from_arrays(pa.array(flat, pa.uint64()), p.bands, mask=mask)
    sig_flat = sigs[idx].ravel() if len(idx) else np.zeros(0, dtype=sigs.dtype)
    sig_col = pa.FixedSizeListArray.from_arrays(pa.array(sig_flat), p.num_perm, mask=mask)
    return pa.table({
        "post_id": raw.column("post_id"),
        "published_at": raw.column("published_at"),
        "day": pa.array(days, pa.date32()),
        **{name: norm.column(name) for name in norm.column_names},
        "keys": key_col,
        # Full signatures, to verify candidates; optional (a shard may drop them to save
        # space, and linking then recomputes the few it needs).
        "signature": sig_col,
    })


# --- the global half --------------------------------------------------------------------------

def _key_cache_dir(settings: Settings) -> Path:
    return settings.home / "cache" / "near_duplicates" / minhash_params().tag


def _save_keys(settings: Settings, day: date, table: pa.Table) -> None:
    """The band keys of the day's distinct texts, for the next days' history window."""
    folder = _key_cache_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    keep = pc.is_valid(table.column("keys"))
    data = table.filter(keep).select(["content_hash", "keys"])
    target = folder / f"{day.isoformat()}.parquet"
    tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
    pq.write_table(data, tmp)
    os.replace(tmp, target)
    oldest = day - timedelta(days=KEY_CACHE_KEEP_DAYS)
    for path in folder.glob("*.parquet"):
        try:
            if date.fromisoformat(path.stem) < oldest:
                path.unlink(missing_ok=True)
        except ValueError:
            continue


def _history(con: duckdb.DuckDBPyConnection, settings: Settings, day: date,
             hashes: pa.Array) -> tuple[dict[str, str], pa.Table]:
    """(first post per content hash among the day's hashes, the window's posts in index order
    with their band keys where cached)."""
    since = day - timedelta(days=NEAR_DUPLICATE_WINDOW_DAYS)
    con.register("_day_hashes", pa.table({"content_hash": pc.unique(hashes)}))
    try:
        # First occurrences from earlier batches win, so a rerun of an old day keeps its links.
        exact = con.execute(
            "SELECT s.content_hash, arg_min(s.post_id, (s.batch_day, s.post_id))"
            " FROM stg_posts s JOIN _day_hashes h USING (content_hash)"
            " WHERE s.batch_day < ? AND s.duplicate_of IS NULL GROUP BY 1", [day]).fetchall()
    finally:
        con.unregister("_day_hashes")
    files = [str(p) for p in sorted(_key_cache_dir(settings).glob("*.parquet"))
             if _in_window(p, since - timedelta(days=2), day)]
    cached = (f"LEFT JOIN (SELECT content_hash, any_value(keys) AS keys FROM read_parquet("
              f"{files!r}) GROUP BY 1) c USING (content_hash)") if files else ""
    keys = "c.keys" if files else "NULL::UBIGINT[]"
    recent = fetch_arrow(
        con, f"SELECT s.post_id, s.content_hash, {keys} AS keys FROM stg_posts s {cached}"
        " WHERE s.batch_day < ? AND s.duplicate_of IS NULL AND s.day >= ?"
        " ORDER BY s.batch_day, s.post_id", [day, since])
    return dict(exact), recent


def _in_window(path: Path, first: date, end: date) -> bool:
    try:
        return first <= date.fromisoformat(path.stem) < end
    except ValueError:
        return False


def _history_keys(con: duckdb.DuckDBPyConnection, recent: pa.Table) -> tuple[np.ndarray,
                                                                             np.ndarray]:
    """(band keys, has keys) of the window's posts; texts not in the cache are hashed now."""
    p = minhash_params()
    n = recent.num_rows
    keys = np.zeros((n, p.bands), dtype=np.uint64)
    col = recent.column("keys").combine_chunks() if n else None
    have = np.zeros(n, dtype=bool)
    if col is not None and n:
        have = pc.is_valid(col).to_numpy(zero_copy_only=False)
        if have.any():
            rows = np.flatnonzero(have)
            values = pc.list_flatten(col.filter(pa.array(have))).to_numpy(zero_copy_only=False)
            keys[rows] = values.astype(np.uint64).reshape(len(rows), p.bands)
    missing = np.flatnonzero(~have)
    valid = have.copy()
    if len(missing):
        texts = _texts_of(con, recent.column("post_id").take(pa.array(missing)))
        sigs, ok = minhash_signatures(texts)
        keys[missing] = band_keys(sigs)
        valid[missing] = ok
    return keys, valid


def _texts_of(con: duckdb.DuckDBPyConnection, post_ids: pa.Array) -> list[str]:
    """text_norm of `post_ids`, in their order."""
    con.register("_ids", pa.table({"post_id": post_ids,
                                   "pos": pa.array(np.arange(len(post_ids)), pa.int64())}))
    try:
        rows = fetch_arrow(con, "SELECT i.pos, s.text_norm FROM _ids i JOIN stg_posts s"
                                " USING (post_id) ORDER BY i.pos")
    finally:
        con.unregister("_ids")
    return [t or "" for t in rows.column("text_norm").to_pylist()]


def link_duplicates(post_ids: Sequence[str], hashes: Sequence[str], texts_norm: Sequence[str],
                    keys: np.ndarray, valid: np.ndarray, first_by_hash: dict[str, str],
                    history_ids: Sequence[str], history_keys: np.ndarray,
                    history_valid: np.ndarray,
                    history_texts: Callable[[np.ndarray], list[str]] | None = None,
                    signatures: np.ndarray | SignatureRows | None = None,
                    ) -> tuple[list[str | None], list[str | None]]:
    """(duplicate_of, kind) for each post, in order: what `NearDuplicateIndex.find_or_add`
    over the window's posts then the day's gives, computed on band keys.

    `first_by_hash` (earlier batches) is updated in place. `history_texts(indices)` returns
    the text_norm of window posts that turn out to be candidates (to verify on signatures);
    `signatures` are the day's own, when already at hand (else computed where needed).
    """
    p = minhash_params()
    n = len(post_ids)
    h = len(history_ids)
    # Only window posts sharing a band key with some post of the day can ever be candidates.
    relevant = np.zeros(h, dtype=bool)
    if h and n and valid.any():
        for band in range(p.bands):
            relevant |= np.isin(history_keys[:, band], keys[valid, band])
        relevant &= history_valid
    hist_rows = np.flatnonzero(relevant)
    # Band keys held by more than one text (window or day): a key held by one text alone is
    # never looked up by another, so only these go into the band tables. The tables are
    # Python dicts, the one structure here that grows with the day; on a big day most of a
    # text's nine keys are its own.
    multi = np.zeros((n, p.bands), dtype=bool)
    hist_multi = np.zeros((len(hist_rows), p.bands), dtype=bool)
    if n and valid.any():
        for band in range(p.bands):
            pool = np.concatenate([history_keys[hist_rows, band], keys[valid, band]])
            uniq, counts = np.unique(pool, return_counts=True)
            common = uniq[counts > 1]
            multi[valid, band] = np.isin(keys[valid, band], common)
            hist_multi[:, band] = np.isin(history_keys[hist_rows, band], common)
    # Ranks: window posts first (their order), then the day's posts as they are indexed.
    tables: list[dict[int, list[int]]] = [{} for _ in range(p.bands)]
    for j, r in enumerate(hist_rows.tolist()):
        for band in np.flatnonzero(hist_multi[j]).tolist():
            tables[band].setdefault(int(history_keys[r, band]), []).append(r)
    del hist_multi
    # Signatures (to verify candidates) only for texts that share a band key with another.
    shared = np.asarray(multi.any(axis=1), dtype=bool)
    sig_rows = np.flatnonzero(shared)
    if signatures is not None:
        day_sigs = signatures[sig_rows]
    else:
        day_sigs, _ = minhash_signatures([texts_norm[int(i)] for i in sig_rows])
    sig_pos = np.full(n, -1, dtype=np.int64)  # row of each day post in day_sigs
    sig_pos[sig_rows] = np.arange(len(sig_rows))
    hist_sigs = np.zeros((0, p.num_perm), dtype=day_sigs.dtype)
    hist_pos = np.full(h, -1, dtype=np.int64)
    if len(hist_rows) and history_texts is not None:
        texts = history_texts(hist_rows)
        hist_sigs, _ = minhash_signatures(texts)
        hist_pos[hist_rows] = np.arange(len(hist_rows))
    need = max(1, int(np.ceil(p.threshold * p.num_perm - 1e-9)))

    def signature(rank: int) -> np.ndarray:
        if rank < h:
            if hist_pos[rank] < 0:
                raise KeyError(rank)
            return hist_sigs[hist_pos[rank]]
        return day_sigs[sig_pos[rank - h]]

    duplicate_of: list[str | None] = []
    kinds: list[str | None] = []
    # A text sharing no band key with any other has no candidates, and none will look for it.
    shared_list = shared.tolist()
    for i in range(n):
        chash = hashes[i]
        if chash in first_by_hash:
            duplicate_of.append(first_by_hash[chash])
            kinds.append("exact")
            continue
        near: str | None = None
        if shared_list[i]:
            bands: list[int] = np.flatnonzero(multi[i]).tolist()
            row_keys: list[int] = keys[i, bands].tolist()
            candidates: set[int] = set()
            for band, key in zip(bands, row_keys, strict=True):
                found = tables[band].get(key)
                if found:
                    candidates.update(found)
            sig = day_sigs[sig_pos[i]]
            for rank in sorted(candidates):
                # The same test as NearDuplicateIndex._matches: share of equal values.
                if int(np.count_nonzero(signature(rank) == sig)) >= need:
                    near = history_ids[rank] if rank < h else post_ids[rank - h]
                    break
            if near is None:
                rank = h + i
                for band, key in zip(bands, row_keys, strict=True):
                    tables[band].setdefault(key, []).append(rank)
        duplicate_of.append(near)
        kinds.append("near" if near is not None else None)
        first_by_hash[chash] = near or post_ids[i]
    return duplicate_of, kinds


# The columns linking reads; the others only pass through to `stg_posts`.
LINK_COLUMNS = ("post_id", "published_at", "content_hash", "keys", "text_norm")


def link_and_store(con: duckdb.DuckDBPyConnection, settings: Settings, day: date,
                   normed: pa.Table,
                   parts: Callable[[], Iterable[pa.Table]] | None = None) -> dict[str, int]:
    """Link the day's normalised posts (any order; sorted here by publication) to their first
    occurrences and replace the day's `stg_posts`. Returns the stage counts.

    With `parts`, `normed` needs only `LINK_COLUMNS`, and the rows stored come from `parts()`
    (the day's normalised partitions, all columns), one partition in memory at a time: a
    10M-post day's texts, URLs and tags are never held at once."""
    order = pc.sort_indices(normed, sort_keys=[("published_at", "ascending"),
                                               ("post_id", "ascending")])
    if not _is_identity(order):  # the stage reads them in order already: no copy then
        normed = normed.take(order)
    del order
    post_ids = normed.column("post_id").to_pylist()
    hashes = normed.column("content_hash").to_pylist()
    p = minhash_params()
    key_col = normed.column("keys").combine_chunks()
    valid = pc.is_valid(key_col).to_numpy(zero_copy_only=False) if len(key_col) else \
        np.zeros(0, dtype=bool)
    flat = pc.list_flatten(key_col).to_numpy(zero_copy_only=False) if len(key_col) else \
        np.zeros(0, dtype=np.uint64)
    keys = np.zeros((len(post_ids), p.bands), dtype=np.uint64)
    if valid.any():
        keys[valid] = flat.astype(np.uint64).reshape(-1, p.bands)
    del key_col, flat  # copies of the column: a big day's keys are held once, in `keys`
    # Texts with no words carry no keys and are never anyone's near duplicate.
    norm_col = normed.column("text_norm")
    if len(post_ids):
        valid &= pc.fill_null(pc.not_equal(norm_col, ""), False).to_numpy(
            zero_copy_only=False).astype(bool)
    signatures = None
    if "signature" in normed.column_names and len(post_ids):
        sig_col = normed.column("signature")
        if pc.all(pc.equal(pc.is_valid(sig_col), pa.array(valid))).as_py():
            signatures = SignatureRows(sig_col, p.num_perm)
    # Texts are only read to hash the few signatures missing (a shard may drop them).
    texts_norm: Sequence[str] = (_Texts(norm_col) if signatures is not None
                                 else norm_col.to_pylist())

    first_by_hash, recent = _history(con, settings, day, normed.column("content_hash"))
    history_ids = recent.column("post_id").to_pylist()
    hist_keys, hist_valid = _history_keys(con, recent)
    hist_pid = recent.column("post_id")

    def history_texts(rows: np.ndarray) -> list[str]:
        return _texts_of(con, hist_pid.take(pa.array(rows)))

    duplicate_of, kinds = link_duplicates(
        post_ids, hashes, texts_norm, keys, valid, first_by_hash, history_ids, hist_keys,
        hist_valid, history_texts, signatures)
    del post_ids, hashes, texts_norm, keys, valid, first_by_hash, history_ids, hist_keys
    dup_col = pa.array(duplicate_of, pa.string())
    kind_col = pa.array(kinds, pa.string())
    del duplicate_of, kinds
    if parts is None:
        table = _stg_rows(normed, day, dup_col, kind_col)
        replace_batch(con, [("stg_posts", table)], day)
        del table
    else:
        _store_parts(con, day, normed.column("post_id"), dup_col, kind_col, parts)
    canonical = pc.is_null(dup_col)
    with contextlib.suppress(OSError):  # only a cache: the next day recomputes what it lacks
        _save_keys(settings, day, normed.select(["content_hash", "keys"]).filter(canonical))
    n_dup = int(pc.sum(pc.invert(canonical)).as_py() or 0)
    return {"stored": len(dup_col) - n_dup, "duplicates": n_dup}


def _stg_rows(normed: pa.Table, day: date, duplicate_of: pa.Array,
              kinds: pa.Array) -> pa.Table:
    return pa.table({
        "post_id": normed.column("post_id"),
        "batch_day": pa.array(np.full(normed.num_rows, day, dtype="datetime64[D]"),
                              pa.date32()),
        "day": normed.column("day"),
        "text_clean": normed.column("text_clean"),
        "text_norm": normed.column("text_norm"),
        "content_hash": normed.column("content_hash"),
        "lang": normed.column("lang"),
        "urls": normed.column("urls"),
        "mentions": normed.column("mentions"),
        "hashtags": normed.column("hashtags"),
        "emojis": normed.column("emojis"),
        "duplicate_of": duplicate_of,
        "duplicate_kind": kinds,
    }).cast(schemas.STG_POSTS)


def _store_parts(con: duckdb.DuckDBPyConnection, day: date, post_ids: pa.ChunkedArray,
                 duplicate_of: pa.Array, kinds: pa.Array,
                 parts: Callable[[], Iterable[pa.Table]]) -> None:
    """Replace the day's `stg_posts` with the partitions' rows and their links, in publication
    order (the rank of each post in `post_ids`), as the one-table path stores them. DuckDB
    joins and sorts the partitions as they stream in, spilling to disk past its memory limit."""
    links = pa.table({"post_id": post_ids, "duplicate_of": duplicate_of,
                      "duplicate_kind": kinds,
                      "_rank": pa.array(np.arange(len(post_ids), dtype=np.int64))})
    linked = {"batch_day", "duplicate_of", "duplicate_kind"}
    schema = pa.schema([f for f in schemas.STG_POSTS if f.name not in linked])

    def rows() -> Iterator[pa.RecordBatch]:
        for part in parts():
            yield from part.select(schema.names).cast(schema).to_batches()

    own = ", ".join(f"i.{name}" for name in schema.names)
    with transaction(con):
        con.execute("DELETE FROM stg_posts WHERE batch_day = ?", [day])
        con.register("_links", links)
        con.register("_incoming", pa.RecordBatchReader.from_batches(schema, rows()))
        try:
            con.execute(
                f"INSERT INTO stg_posts ({', '.join(schema.names)}, batch_day, duplicate_of,"
                f" duplicate_kind) SELECT {own}, ?::DATE, l.duplicate_of, l.duplicate_kind"
                " FROM _incoming i JOIN _links l USING (post_id) ORDER BY l._rank", [day])
        finally:
            con.unregister("_incoming")
            con.unregister("_links")
        (stored,) = con.execute("SELECT count(*) FROM stg_posts WHERE batch_day = ?",
                                [day]).fetchone() or (0,)
        if stored != len(post_ids):  # raising rolls the replace back
            raise ValueError(f"the normalised partitions of {day} hold {stored} of the"
                             f" {len(post_ids)} linked posts: rerun split_day and"
                             " normalise_shard for the day")


class SignatureRows:
    """Rows of a signature column (FixedSizeList) by index, read from its chunks in place: a
    big day's signatures are not copied into one matrix to use the few that are candidates."""

    def __init__(self, column: pa.ChunkedArray, num_perm: int) -> None:
        self._parts: list[tuple[int, np.ndarray]] = []
        self.num_perm = num_perm
        start = 0
        for chunk in column.chunks:
            values = chunk.values.to_numpy(zero_copy_only=False).reshape(-1, num_perm)
            self._parts.append((start, values[chunk.offset:chunk.offset + len(chunk)]))
            start += len(chunk)
        self._dtype = (self._parts[0][1].dtype if self._parts
                       else column.type.value_type.to_pandas_dtype())

    def __getitem__(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros((len(rows), self.num_perm), dtype=self._dtype)
        for start, values in self._parts:
            inside = (rows >= start) & (rows < start + len(values))
            if inside.any():
                out[inside] = values[rows[inside] - start]
        return out


class _Texts(Sequence[str]):
    """A string column read as a sequence of str, one value at a time (no list of them all)."""

    def __init__(self, column: pa.ChunkedArray) -> None:
        self._column = column

    def __len__(self) -> int:
        return len(self._column)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [t or "" for t in self._column[i].to_pylist()]
        return self._column[i].as_py() or ""


def _is_identity(order: pa.Array) -> bool:
    n = len(order)
    return n == 0 or bool(np.array_equal(order.to_numpy(zero_copy_only=False),
                                         np.arange(n, dtype=np.int64)))


# Raw posts normalised per batch (each post's columns depend on its own text only), so a big
# day never holds every raw text and its intermediate forms at once.
NORMALISE_BATCH = 50_000
RAW_SQL = ("SELECT post_id, text, published_at FROM raw_posts WHERE batch_day = ?"
           " ORDER BY published_at, post_id")


def normalise(settings: Settings, day: date) -> dict[str, int]:
    with stage_run(settings, day, "normalise") as run:
        con = run.con
        ((total,),) = con.execute("SELECT count(*) FROM raw_posts WHERE batch_day = ?",
                                  [day]).fetchall()
        processes, batch_rows = parallel.plan(settings, int(total), NORMALISE_BATCH)
        read = con.cursor()
        try:
            raw = (pa.Table.from_batches([b])
                   for b in stream_arrow(read, RAW_SQL, [day], batch_rows))
            parts = list(parallel.map_ordered(
                partial(normalise_partition, timezone=settings.timezone), raw, processes))
        finally:
            read.close()
        if not parts:
            empty = fetch_arrow(con, "SELECT post_id, text, published_at FROM raw_posts LIMIT 0")
            parts.append(normalise_partition(empty, settings.timezone))
        normed = pa.concat_tables(parts)
        parts.clear()
        counts = link_and_store(con, settings, day, normed)
        run.finish(counts=counts)
    return counts
