"""A realistic synthetic day of N posts, written as a Pantau inbox day folder (for benchmarks).

Every post is invented: texts are recombined from the bundled synthetic sample
(`data/sample/`, itself synthetic), so the register, length, slang, emoji, place names and
hoax narratives look like the sample's, at any volume. What a day holds:

* **narrative posts** (`narrative_share`, about 35 %): two or three sentences drawn from the
  posts of one sample narrative (vaccine chip, megathrust, bansos link, …), with a place
  swapped in, so each narrative is a family of similar but distinct texts that clusters;
* **everyday chatter and official posts**: sentences drawn from the sample's other posts;
* **exact duplicates** (`exact_dup_share`): the same text re-posted by another account;
* **forwards** (`forward_share`): WhatsApp-style copies of an earlier post with a header,
  "Sebarkan!" tail and emoji (these normalise to the same text) or a small edit (a near
  duplicate);
* a few late arrivals stamped the evening before, and the sample's fact-check feeds.

Generation is vectorised: numpy draws every choice for all posts at once and pyarrow's string
kernels assemble the texts, then DuckDB writes the JSONL, so 1M posts take seconds, not minutes.
The same (day, n, seed) gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.gazetteer import REGIONS_PATH as REGIONS_CSV

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO / "data" / "sample"

# Openers and closers people add around a claim; empty most of the time.
PREFIXES = [
    "", "", "", "", "", "", "Info warga: ", "Barusan dapat kabar, ", "Gaes, ", "Min, ",
    "Mohon infonya, ", "Dari grup sebelah: ", "Tolong dicek ya. ", "Katanya ", "Warga resah: ",
    "Update: ", "Serius nih? ", "Bapak ibu, ", "Teman2, ", "Numpang tanya, ",
]
SUFFIXES = [
    "", "", "", "", "", " Benar gak sih?", " Mohon infonya 🙏", " Ngeri bgt.", " #waspada",
    " Sumber: grup RT.", " Hati2 ya semua.", " Ada yg tau?", " Semoga bermanfaat.",
    " Share ke keluarga.", " 😱😱", " Mohon klarifikasi dari pihak berwenang.", " Gimana ini?",
    " Tolong jangan panik dulu.", " Sudah viral di mana2.", " (jam {hh}.{mm} tadi)",
    " kemarin sore", " pagi ini", " Cek dulu sebelum share!", " #infowarga", " 🙏🙏🙏",
]
FORWARD_HEADS = ["*PENTING*\n", "⚠️⚠️ ", "Diteruskan dari grup sebelah:\n", "*INFO*\n",
                 "Copas dari grup sebelah 🙏\n", "*MOHON DIBACA*\n"]
FORWARD_TAILS = [" Sebarkan!", "\n\nSEBARKAN!! 🙏🙏", "\nMohon diteruskan ke keluarga 🙏",
                 "\n(Diteruskan dari grup sebelah)", " ⚠️⚠️⚠️", " 🙏"]
EDIT_WORDS = ["benar", "katanya", "sekarang", "juga", "sudah", "lagi", "banget", "memang"]


@dataclass(frozen=True)
class DayStats:
    """What `write_day` wrote (the counts are by construction, before any pipeline runs)."""

    day: str
    n_posts: int
    narrative_posts: int
    exact_duplicates: int
    forwards: int
    late_arrivals: int
    files: list[str]
    bytes: int
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Corpus:
    heads: pa.Array            # sentence text before its first place name (or all of it)
    tails: pa.Array            # text after the place name ("" when there is none)
    has_slot: np.ndarray       # whether the sentence had a place name to swap
    topic: np.ndarray          # sentence -> topic id (0 = chatter/official, 1.. = narrative)
    topic_names: list[str]
    by_topic: list[np.ndarray]  # topic id -> sentence indices
    long_texts: pa.Array       # whole long forwards (800+ characters), used as they are
    places: pa.Array
    sources: list[tuple[str, str]]  # (source, platform)
    source_weights: np.ndarray


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _sample_posts(sample_dir: Path) -> list[tuple[str, str, str, str | None]]:
    """(text, source, id, narrative key) of every valid sample post."""
    keys: dict[tuple[str, str], str] = {}
    truth = sample_dir / "truth" / "narratives.csv"
    if truth.exists():
        with truth.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                keys[(row["source"], row["id"])] = row["narrative_key"]
    out = []
    for path in sorted((sample_dir / "inbox").glob("*/posts.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(obj, dict) or not obj.get("text") or not obj.get("source"):
                continue
            key = keys.get((obj["source"], str(obj.get("id"))), "")
            out.append((obj["text"], obj["source"], str(obj.get("id")), key or None))
    return out


@cache
def _corpus(sample_dir: Path = SAMPLE_DIR) -> _Corpus:
    posts = _sample_posts(sample_dir)
    if not posts:
        raise FileNotFoundError(f"no sample posts under {sample_dir}/inbox")
    with REGIONS_CSV.open(encoding="utf-8", newline="") as fh:
        regions = list(csv.DictReader(fh))
    short = sorted({r["short_name"] for r in regions if r["level"] != "province"
                    and len(r["short_name"]) > 3})
    # Places written the way posts write them: bare names, with "Kab."/"Kota" now and then.
    places = short
    place_re = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(
        short, key=len, reverse=True)) + r")\b")

    topic_names = ["chatter"]
    topic_of: dict[str, int] = {}
    heads: list[str] = []
    tails: list[str] = []
    slots: list[bool] = []
    topics: list[int] = []
    long_texts: list[str] = []
    seen: set[str] = set()
    for text, _, _, key in posts:
        if len(text) >= 800:
            long_texts.append(text)
            continue
        topic = 0
        if key:  # a narrative, or the clarifications of one (their own register)
            topic = topic_of.setdefault(key, len(topic_of) + 1)
            if topic == len(topic_names):
                topic_names.append(key)
        for sentence in _SENTENCE_END.split(text):
            sentence = sentence.strip()
            if len(sentence) < 20 or sentence in seen:
                continue
            seen.add(sentence)
            m = place_re.search(sentence)
            if m:
                heads.append(sentence[:m.start()])
                tails.append(sentence[m.end():])
            else:
                heads.append(sentence)
                tails.append("")
            slots.append(m is not None)
            topics.append(topic)
    topic_arr = np.array(topics, dtype=np.int32)
    sources: dict[str, str] = {}
    with (sample_dir / "sources.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["platform"] != "news":
                sources[row["source"]] = row["platform"]
    counts: dict[str, int] = {}
    for _, source, _, _ in posts:
        counts[source] = counts.get(source, 0) + 1
    names = sorted(sources)
    weights = np.array([counts.get(s, 0) + 1 for s in names], dtype=np.float64)
    return _Corpus(
        heads=pa.array(heads, pa.string()), tails=pa.array(tails, pa.string()),
        has_slot=np.array(slots), topic=topic_arr, topic_names=topic_names,
        by_topic=[np.flatnonzero(topic_arr == t) for t in range(len(topic_names))],
        long_texts=pa.array(long_texts or [posts[0][0]], pa.string()),
        places=pa.array(places, pa.string()),
        sources=[(s, sources[s]) for s in names], source_weights=weights / weights.sum(),
    )


def _sentence(c: _Corpus, idx: np.ndarray, place_idx: np.ndarray) -> pa.Array:
    """Sentences `idx` with place `place_idx` swapped in where they had one."""
    heads = c.heads.take(pa.array(idx))
    tails = c.tails.take(pa.array(idx))
    slot = pa.array(c.has_slot[idx])
    place = pc.if_else(slot, c.places.take(pa.array(place_idx)), pa.scalar("", pa.string()))
    return pc.binary_join_element_wise(heads, place, tails, "")


def _draw_sentences(c: _Corpus, rng: np.random.Generator, topics: np.ndarray) -> np.ndarray:
    """One sentence index per row, from the row's topic."""
    out = np.empty(len(topics), dtype=np.int64)
    for t, members in enumerate(c.by_topic):
        rows = np.flatnonzero(topics == t)
        if len(rows):
            out[rows] = members[rng.integers(0, len(members), len(rows))]
    return out


def _texts(c: _Corpus, rng: np.random.Generator, n: int,
           narrative_share: float) -> tuple[pa.Array, np.ndarray]:
    """`n` original texts and their topic (0 = chatter)."""
    n_topics = len(c.topic_names)
    # Narratives have heavy-tailed sizes: a few dominate the day. Clarifications are rarer.
    weights = 1.0 / np.arange(1, n_topics) ** 0.8 if n_topics > 1 else np.ones(0)
    weights = rng.permutation(weights) * np.array(
        [0.25 if name.startswith("clarification:") else 1.0 for name in c.topic_names[1:]])
    is_narr = rng.random(n) < narrative_share
    topics = np.zeros(n, dtype=np.int32)
    if n_topics > 1:
        topics[is_narr] = 1 + rng.choice(n_topics - 1, is_narr.sum(), p=weights / weights.sum())
    # One to three sentences: the sample's median post is about 155 characters.
    k = rng.choice([1, 2, 3], n, p=[0.3, 0.5, 0.2])
    place = c.places
    parts = [_sentence(c, _draw_sentences(c, rng, topics), rng.integers(0, len(place), n))]
    empty = pa.scalar("", pa.string())
    for extra in (2, 3):
        s = _sentence(c, _draw_sentences(c, rng, topics), rng.integers(0, len(place), n))
        parts.append(pc.if_else(pa.array(k >= extra), pc.binary_join_element_wise(
            pa.scalar(" "), s, ""), empty))
    hh = rng.integers(5, 23, n)
    mm = rng.integers(0, 12, n) * 5
    suffix = pa.array(SUFFIXES).take(pa.array(rng.integers(0, len(SUFFIXES), n)))
    times = pa.array([f"{h:02d}" for h in range(24)]).take(pa.array(hh))
    mins = pa.array([f"{m:02d}" for m in range(60)]).take(pa.array(mm))
    suffix = pc.replace_substring(suffix, "{hh}", "\x01")
    # Per-row replacement: split on the marker and rejoin with the row's own values.
    suffix = pc.binary_join_element_wise(
        pc.list_element(pc.split_pattern(suffix, "\x01"), 0),
        pc.if_else(pc.match_substring(suffix, "\x01"), times, empty),
        pc.if_else(pc.match_substring(suffix, "\x01"), pa.scalar("."), empty),
        pc.if_else(pc.match_substring(suffix, "\x01"), mins, empty), "")
    prefix = pa.array(PREFIXES).take(pa.array(rng.integers(0, len(PREFIXES), n)))
    body = pc.binary_join_element_wise(prefix, *parts, suffix, "")
    # About 1 % are the long WhatsApp forwards (800+ characters), as they are.
    long_rows = rng.random(n) < 0.01
    if long_rows.any():
        longs = c.long_texts.take(pa.array(rng.integers(0, len(c.long_texts), n)))
        body = pc.if_else(pa.array(long_rows), pc.binary_join_element_wise(
            prefix, longs, ""), body)
    return pc.utf8_trim_whitespace(body), topics


def _forward(rng: np.random.Generator, texts: pa.Array) -> pa.Array:
    """WhatsApp forwards: header/tail/emoji (same normalised text) or a one-word edit (near)."""
    n = len(texts)
    heads = pa.array(FORWARD_HEADS).take(pa.array(rng.integers(0, len(FORWARD_HEADS), n)))
    tails = pa.array(FORWARD_TAILS).take(pa.array(rng.integers(0, len(FORWARD_TAILS), n)))
    decorated = pc.binary_join_element_wise(heads, texts, tails, "")
    # A near duplicate: one word inserted after the first sentence's first word.
    words = pa.array(EDIT_WORDS).take(pa.array(rng.integers(0, len(EDIT_WORDS), n)))
    split = pc.split_pattern(texts, " ", max_splits=1)
    has_rest = pc.greater(pc.list_value_length(split), 1)
    rest = pc.if_else(has_rest, pc.list_slice(split, 1, 2),
                      pa.scalar([""], pa.list_(pa.string())))
    edited = pc.binary_join_element_wise(
        pc.list_element(split, 0), words, pc.list_element(rest, 0), " ")
    return pc.if_else(pa.array(rng.random(n) < 0.6), decorated, edited)


def generate_posts(day: date, n_posts: int, seed: int = 0, *,
                   narrative_share: float = 0.35, exact_dup_share: float = 0.08,
                   forward_share: float = 0.07, late_share: float = 0.02,
                   sample_dir: Path = SAMPLE_DIR) -> tuple[pa.Table, dict[str, int]]:
    """The day's posts as an Arrow table of Pantau JSONL fields, and what it holds."""
    if n_posts < 1:
        raise ValueError("n_posts must be at least 1")
    c = _corpus(sample_dir)
    rng = np.random.default_rng([seed, day.toordinal(), n_posts])
    n_exact = int(n_posts * exact_dup_share)
    n_fwd = int(n_posts * forward_share)
    n_orig = max(1, n_posts - n_exact - n_fwd)
    n_exact = min(n_exact, n_posts - n_orig)
    n_fwd = n_posts - n_orig - n_exact
    originals, topics = _texts(c, rng, n_orig, narrative_share)
    # Copies come from earlier posts, narrative posts more often (they are what spreads).
    w = np.where(topics > 0, 3.0, 1.0)
    src_exact = rng.choice(n_orig, n_exact, p=w / w.sum())
    src_fwd = rng.choice(n_orig, n_fwd, p=w / w.sum())
    text = pa.concat_arrays([originals, originals.take(pa.array(src_exact)),
                             _forward(rng, originals.take(pa.array(src_fwd)))])
    copy_of = np.concatenate([np.arange(n_orig), src_exact, src_fwd])
    # Posting times: a daytime curve; copies come after their original.
    hour_w = np.array([0.6, 0.3, 0.2, 0.15, 0.35, 1.2, 2.5, 3.4, 3.4, 3.1, 3.0, 3.0, 3.4, 3.0,
                       2.8, 2.8, 2.9, 3.1, 3.4, 3.6, 3.6, 3.0, 2.0, 1.2])
    seconds = (rng.choice(24, n_orig, p=hour_w / hour_w.sum()) * 3600
               + rng.integers(0, 3600, n_orig))
    delay = rng.exponential(3600, n_posts - n_orig).astype(np.int64)
    seconds = np.concatenate([seconds, np.minimum(seconds[copy_of[n_orig:]] + delay, 86399)])
    late = rng.random(n_posts) < late_share
    seconds = np.where(late, -rng.integers(60, 3 * 3600, n_posts), seconds)
    order = np.argsort(seconds, kind="stable")
    src_idx = rng.choice(len(c.sources), n_posts, p=c.source_weights)
    source_names = pa.array([s for s, _ in c.sources])
    platforms = pa.array([p for _, p in c.sources])
    # Local time (WIB) with its offset, as the connectors' inputs carry it.
    local = pc.binary_join_element_wise(pc.strftime(pa.array(
        np.datetime64(day.isoformat(), "s") + seconds.astype("timedelta64[s]"),
        pa.timestamp("s")), "%Y-%m-%dT%H:%M:%S"), pa.scalar("+07:00"), "")
    ids = pc.binary_join_element_wise(
        pa.scalar(f"syn-{day:%Y%m%d}-"), pc.utf8_lpad(
            pa.array(np.arange(n_posts)).cast(pa.string()), 7, "0"), "")
    hint = np.where(rng.random(n_posts) < 0.3, rng.integers(0, len(c.places), n_posts), -1)
    region_hint = c.places.take(pa.array(hint, mask=hint < 0))
    shares = rng.zipf(1.8, n_posts).clip(0, 100000)
    table = pa.table({
        "id": ids,
        "text": text,
        "published_at": local,
        "source": source_names.take(pa.array(src_idx)),
        "platform": platforms.take(pa.array(src_idx)),
        "region_hint": region_hint,
        "shares": pa.array(shares, pa.int64()),
    }).take(pa.array(order))
    stats = {"narrative_posts": int((topics > 0).sum()), "exact_duplicates": n_exact,
             "forwards": n_fwd, "late_arrivals": int(late.sum())}
    return table, stats


def write_day(inbox: Path, day: date, n_posts: int, seed: int = 0, *,
              fact_checks: bool = True, sample_dir: Path = SAMPLE_DIR,
              **kwargs: float) -> DayStats:
    """Write `<inbox>/<day>/posts.jsonl` (and the sample's fact-check feeds); replaces the
    folder if it exists."""
    import time

    t0 = time.perf_counter()
    table, stats = generate_posts(day, n_posts, seed, sample_dir=sample_dir, **kwargs)
    folder = inbox / day.isoformat()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    target = folder / "posts.jsonl"
    con = duckdb.connect()
    try:
        con.register("posts", table)
        con.execute(f"COPY (SELECT * FROM posts) TO '{target}' (FORMAT json)")
    finally:
        con.close()
    files = [target.name]
    if fact_checks:
        for i, feed in enumerate(sorted((sample_dir / "inbox").glob("*/factchecks*.xml"))):
            name = f"factchecks-{i:02d}.xml"
            shutil.copyfile(feed, folder / name)
            files.append(name)
    size = sum((folder / f).stat().st_size for f in files)
    return DayStats(day=day.isoformat(), n_posts=n_posts, files=files, bytes=size,
                    seconds=round(time.perf_counter() - t0, 3), **stats)


def write_days(inbox: Path, first: date, days: int, n_posts: int,
               seed: int = 0) -> list[DayStats]:
    return [write_day(inbox, first + timedelta(days=i), n_posts, seed) for i in range(days)]
