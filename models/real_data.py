"""Loaders for the real, public Indonesian hoax datasets in ``../shared/data`` (never copied here).

Every loader returns the same frame, one row per item:

``item_id`` stable id · ``dataset`` which file set · ``group`` the publisher or source the item
came from (for publisher-disjoint splits) · ``label`` 1 hoax / 0 not hoax · ``date`` (NaT when
unknown) · ``title`` the headline or claim · ``text`` the body: the narrative as it circulated for
claims, the article for news · ``kind`` claim | news | headline | article.

What each file really contains (see ``../shared/data/README.md`` and each ``SOURCE.md``):

* fact-check articles are debunks, not hoaxes: from TurnBackHoax we keep the *claim* (the title
  without its ``[VERDICT]`` tag) and the quoted narrative, never the fact-checkers' prose;
* ``tbh2024`` narratives leak fact-checker text after ``PENJELASAN``/``REFERENSI``: cut there;
* ``pratiwi2017`` and ``Scrapping.csv`` are Windows-1252 and ``;``-separated;
* in ``Scrapping.csv`` **0 means hoax**;
* ``bdc2020`` and ``tbh_2015_2021`` are the same source and period: never train on one and test
  on the other (:func:`models.splits.check_cross_dataset` refuses it).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

COLUMNS = ["item_id", "dataset", "group", "label", "date", "title", "text", "kind"]

# Relative to the repository root: /work/main -> /work/shared/data; PANTAU_REAL_DATA_DIR
# overrides it (a checkout somewhere else, e.g. a git worktree).
DEFAULT_DATA_DIR = Path(os.environ.get("PANTAU_REAL_DATA_DIR") or (
    Path(__file__).resolve().parent.parent.parent / "shared" / "data"))

HOAX_TAGS = {"SALAH", "HOAX", "HOAKS", "DISINFORMASI", "MISINFORMASI", "FITNAH", "HASUT",
             "FALSE", "PENIPUAN", "KONTEN PALSU", "KONTEN YANG DIMANIPULASI", "MISLEADING",
             "MENYESATKAN", "KONTEN MENYESATKAN", "KONTEKS KELIRU"}
# True statements; KLARIFIKASI is left out: turnbackhoax uses it for both sides.
NOT_HOAX_TAGS = {"BENAR", "BERITA", "EDUKASI"}

_ID_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7,
              "agu": 8, "agt": 8, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11,
              "des": 12, "dec": 12}
_TAG = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*")
_LEAK = re.compile(r"\b(PENJELASAN|REFERENSI)\b", re.IGNORECASE)
_NARRATIVE_START = re.compile(
    r"(?:narasi(?:\s+lengkap(?:nya)?)?|klaim|keterangan|tulisan|judul)\s*(?:sebagai berikut)?"
    r"\s*:\s*", re.IGNORECASE)
_NARRATIVE_END = re.compile(
    r"\s(?:Pemeriksaan Fakta|Hasil Pemeriksaan|Klaim diperkuat|Sejak diunggah|Hingga (?:hari )?"
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)|Per (?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu"
    r"|Minggu)|Hingga artikel ini|Unggahan (?:itu|tersebut) (?:telah|sudah)|(?:Video|Foto|"
    r"Unggahan|Konten) (?:itu|tersebut|ini)? ?(?:telah|sudah) (?:ditonton|dilihat|disukai)"
    r"|Dua hari setelah|Sampai (?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu))")
_PLATFORMS = (("youtube", "youtube"), ("tiktok", "tiktok"), ("facebook", "facebook"),
              ("twitter", "x"), ("akun x ", "x"), ("instagram", "instagram"),
              ("threads", "threads"), ("whatsapp", "whatsapp"), ("snack video", "snackvideo"))
# Datelines and scraper residue that name the outlet: a classifier must not read publishers.
_NEWS_BOILERPLATE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .]{1,30},\s*)?(?:KOMPAS\.com|TEMPO\.CO(?:,\s*[A-Za-z ]+)?|"
    r"CNN Indonesia|Jakarta,?\s*CNN Indonesia|detik[A-Za-z]*|Jakarta)\s*[-–—]+\s*"
    r"|ADVERTISEMENT\s+SCROLL TO CONTINUE WITH CONTENT|\|\s*tempo\.co\s*$", re.IGNORECASE)


class RealDataMissing(FileNotFoundError):
    """The shared data folder (or one of its files) is not on this machine."""


def _require(path: Path) -> Path:
    if not path.exists():
        raise RealDataMissing(
            f"{path} not found. The real datasets live in ../shared/data next to the repository "
            "(or pass --data-dir); they are never copied into the project.")
    return path


def _item_id(dataset: str, key: object) -> str:
    return f"{dataset}:{hashlib.sha1(str(key).encode('utf-8')).hexdigest()[:12]}"


def _frame(rows: dict[str, object]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    frame["label"] = frame["label"].astype(int)
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    frame["title"] = frame["title"].fillna("").astype(str).str.strip()
    frame["text"] = frame["text"].fillna("").astype(str).str.strip()
    frame = frame[(frame["title"] != "") | (frame["text"] != "")]
    extra = [c for c in frame.columns if c not in COLUMNS]
    return frame[COLUMNS + extra].reset_index(drop=True)


def split_tag(title: str) -> tuple[str | None, str]:
    """'[SALAH] Vaksin berisi chip' -> ('SALAH', 'Vaksin berisi chip')."""
    match = _TAG.match(title or "")
    if not match:
        return None, (title or "").strip()
    return match.group(1).upper(), title[match.end():].strip(" :")


def strip_quotes(text: str) -> str:
    return text.strip().strip("\"“”'‘’ ").strip()


def cut_leak(text: str) -> str:
    """The tbh2024 narrative up to the fact-checkers' PENJELASAN/REFERENSI section."""
    match = _LEAK.search(text or "")
    return strip_quotes(text[:match.start()] if match else text or "")


def extract_narrative(body: str) -> str:
    """The circulating narrative quoted inside a fact-check article ('berisi narasi: …')."""
    if not body:
        return ""
    start = _NARRATIVE_START.search(body)
    if start is None:
        return ""
    rest = body[start.end():]
    end = _NARRATIVE_END.search(rest)
    return strip_quotes(rest[:end.start()] if end else rest[:600])


def platform_of(body: str) -> str:
    """Where the claim circulated, from the first lines of a fact-check ('Akun TikTok …')."""
    head = (body or "")[:300].lower()
    hits = [(head.find(key), name) for key, name in _PLATFORMS if key in head]
    return min(hits)[1] if hits else "unknown"


def parse_id_date(value: object) -> Any:  # a pd.Timestamp, or pd.NaT
    """'17-Aug-20', '2-Okt-19', '3 Jan 2024' with Indonesian or English month abbreviations."""
    match = re.match(r"\s*(\d{1,2})[-\s]([A-Za-z]{3})[A-Za-z]*[-\s](\d{2,4})", str(value))
    if not match:
        return pd.NaT
    day, mon, year = match.groups()
    month = _ID_MONTHS.get(mon.lower())
    if month is None:
        return pd.NaT
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return pd.Timestamp(year=full_year, month=month, day=int(day))
    except ValueError:
        return pd.NaT


def clean_news(text: str) -> str:
    """Drop datelines and scraper residue that name the outlet."""
    return re.sub(r"\s+", " ", _NEWS_BOILERPLATE.sub(" ", text or "")).strip()


# -- loaders ----------------------------------------------------------------------------------

def load_tbh2024(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """3,746 hoax narratives of 2024 as they circulated (hoax class only)."""
    parts = []
    for name in ("politics_hoax_text.csv", "scam_hoax_text.csv", "others_hoax_text.csv"):
        parts.append(pd.read_csv(_require(data_dir / "tbh2024" / name), dtype={"ID": str}))
    raw = pd.concat(parts, ignore_index=True).drop_duplicates("ID")
    return _frame({
        "item_id": [_item_id("tbh2024", i) for i in raw["ID"]],
        "dataset": "tbh2024",
        "group": "tbh2024",
        "label": 1,
        "date": [parse_id_date(d) for d in raw["DATE"]],
        "title": [strip_quotes(t) for t in raw["TITLE"].fillna("")],
        "text": [cut_leak(t) for t in raw["HOAX_TEXT"].fillna("")],
        "kind": "claim",
        "category": raw["LLM_CATEGORY"].fillna("others").tolist(),
    })


def load_tbh2025_claims(data_dir: Path = DEFAULT_DATA_DIR,
                        verdicts: frozenset[str] = frozenset({"SALAH", "PENIPUAN"}),
                        ) -> pd.DataFrame:
    """Hoax claims of the 2024-25 TurnBackHoax fact-checks: tag-less title + quoted narrative.

    SATIRE, PARODI and BELUM TERBUKTI are left out: they are not established hoaxes.
    """
    raw = pd.read_csv(_require(data_dir / "tbh2025" / "turnbackhoax_factchecks_2025.csv"))
    tags, claims = zip(*(split_tag(t) for t in raw["Title"].fillna("")), strict=True)
    raw = raw.assign(tag=[(t or "").upper() for t in tags], claim=claims)
    raw = raw[raw["tag"].isin(verdicts)]
    return _frame({
        "item_id": [_item_id("tbh2025", u) for u in raw["Url"]],
        "dataset": "tbh2025",
        "group": "tbh2025",
        "label": 1,
        "date": pd.to_datetime(raw["Date"], format="%B %d, %Y", errors="coerce"),
        "title": raw["claim"],
        "text": [extract_narrative(b) for b in raw["FullText"].fillna("")],
        "kind": "claim",
        "platform": [platform_of(b) for b in raw["FullText"].fillna("")],
    })


def load_tbh2025_fact_checks(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Every 2024-25 fact-check as the warehouse stores one: verdict, claim, url, date."""
    raw = pd.read_csv(_require(data_dir / "tbh2025" / "turnbackhoax_factchecks_2025.csv"))
    tags, claims = zip(*(split_tag(t) for t in raw["Title"].fillna("")), strict=True)
    return pd.DataFrame({
        "fact_check_id": [_item_id("tbh2025", u) for u in raw["Url"]],
        "verdict": [(t or "").upper() for t in tags],
        "claim": list(claims),
        "url": raw["Url"],
        "date": pd.to_datetime(raw["Date"], format="%B %d, %Y", errors="coerce"),
    })


def _news_date(value: object, scrape_file: str) -> Any:  # a pd.Timestamp, or pd.NaT
    text = str(value)
    m = re.search(r"(\d{4})/(\d{2})/(\d{2})", text)
    if m:
        return pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"(\d{2})/(\d{2})/(\d{4})", text)
    if m:
        return pd.Timestamp(int(m[3]), int(m[2]), int(m[1]))
    m = re.search(r"_(\d{2})(\d{2})(\d{4})\.csv$", scrape_file)  # the scrape day, an upper bound
    return pd.Timestamp(int(m[3]), int(m[2]), int(m[1])) if m else pd.NaT


def load_mainstream_news(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """1,362 Kompas / CNN Indonesia / Tempo / Detik articles of mid-2025, de-duplicated by URL."""
    raw = pd.read_csv(_require(data_dir / "tbh2025" / "mainstream_news_2025.csv"))
    raw = raw.drop_duplicates("Url")
    outlet = raw["source"].str.extract(r"^([a-z]+)_")[0].fillna("unknown")
    return _frame({
        "item_id": [_item_id("news2025", u) for u in raw["Url"]],
        "dataset": "mainstream_news_2025",
        "group": outlet.tolist(),
        "label": 0,
        "date": [_news_date(d, s) for d, s in zip(raw["Date"], raw["source"], strict=True)],
        "title": [clean_news(t) for t in raw["Title"].fillna("")],
        "text": [clean_news(t) for t in raw["FullText"].fillna("")],
        "kind": "news",
    })


def load_bdc2020(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """4,231 short claims 2015-2020 (label 1 hoax / 0 not; ~10 % debatable labels)."""
    raw = pd.read_csv(_require(data_dir / "bdc2020" / "Data_latih.csv"), dtype={"ID": str})
    return _frame({
        "item_id": [_item_id("bdc2020", i) for i in raw["ID"]],
        "dataset": "bdc2020",
        "group": "turnbackhoax",
        "label": raw["label"].astype(int),
        "date": [parse_id_date(d) for d in raw["tanggal"]],
        "title": [t.strip(" :") for t in raw["judul"].fillna("").astype(str)],
        "text": raw["narasi"].fillna("").astype(str),
        "kind": "claim",
    })


def load_tbh_headlines(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Verdict-tagged turnbackhoax headlines 2015-2021; ambiguous tags are left out."""
    raw = pd.read_csv(_require(data_dir / "tbh_2015_2021" / "headlines_2015_2021.derived.csv"))
    tag = raw["tag"].fillna("").str.upper().str.strip()
    label = np.where(tag.isin(HOAX_TAGS), 1, np.where(tag.isin(NOT_HOAX_TAGS), 0, -1))
    keep = label >= 0
    raw = raw[keep]
    return _frame({
        "item_id": [_item_id("tbh_headlines", u) for u in raw["link"]],
        "dataset": "tbh_2015_2021",
        "group": "turnbackhoax",
        "label": label[keep],
        "date": pd.to_datetime(raw["date"], errors="coerce"),
        "title": raw["title"].fillna("").astype(str),
        "text": "",
        "kind": "headline",
    })


def load_pratiwi2017(data_dir: Path = DEFAULT_DATA_DIR, which: str = "600") -> pd.DataFrame:
    """News articles of 2017 labelled Hoax/Valid by three referees (Windows-1252, ';')."""
    path = _require(data_dir / "pratiwi2017" / f"news{which}.csv")
    raw = pd.read_csv(path, sep=";", encoding="cp1252", encoding_errors="replace")
    texts = [re.sub(r"\s+", " ", str(t)).strip() for t in raw["berita"]]
    return _frame({
        "item_id": [_item_id("pratiwi2017", t) for t in texts],
        "dataset": f"pratiwi2017_{which}",
        "group": "pratiwi2017",
        "label": (raw["tagging"].str.strip().str.lower() == "hoax").astype(int),
        "date": pd.NaT,
        "title": [t[:120] for t in texts],
        "text": texts,
        "kind": "article",
    })


LOADERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "tbh2024": load_tbh2024,
    "tbh2025": load_tbh2025_claims,
    "mainstream_news_2025": load_mainstream_news,
    "bdc2020": load_bdc2020,
    "tbh_2015_2021": load_tbh_headlines,
    "pratiwi2017": load_pratiwi2017,
}


def data_dir_available(data_dir: Path = DEFAULT_DATA_DIR) -> bool:
    return (data_dir / "README.md").exists() and (data_dir / "tbh2025").is_dir()


def title_key(text: str) -> str:
    """A loose key for the same claim written twice (case, punctuation, spacing)."""
    return re.sub(r"[^0-9a-z]+", " ", (text or "").lower()).strip()


def claims_vs_news(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Hoax claims (tbh2024 + tbh2025) against mainstream news (not hoax), one row per item.

    ``group`` is the publisher: the outlet for news, the collection for claims. A claim in
    both collections (401 titles) is kept in tbh2024 only, so no claim sits on both sides of a
    publisher-disjoint split.
    """
    old = load_tbh2024(data_dir)
    new = load_tbh2025_claims(data_dir)
    seen = set(old["title"].map(title_key))
    new = new[~new["title"].map(title_key).isin(seen)]
    news = load_mainstream_news(data_dir)
    frame = pd.concat([old, new, news], ignore_index=True)
    frame = frame.drop_duplicates(subset=["title"], keep="first")
    return frame.reset_index(drop=True)


# -- views: what text the model sees ---------------------------------------------------------

VIEWS = ("title", "lead", "full")


def _cut_at(text: str, target: int) -> str:
    """The first `target` characters, extended to the end of the word."""
    if len(text) <= target:
        return text
    space = text.find(" ", target)
    return text[:space if space > 0 else len(text)]


def view_texts(frame: pd.DataFrame, view: str, seed: int = 0) -> list[str]:
    """The text each item contributes under a view.

    * ``title``: the headline or claim only, both sides written as one short line;
    * ``lead``: claims give their narrative; long items (news, articles) are cut to a length
      drawn from the claims' own length distribution, so length says nothing about the label;
    * ``full``: the whole text (news bodies are long and formal; expect style leakage).
    Items without a body fall back to their title.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {VIEWS}, got {view!r}")
    titles = frame["title"].tolist()
    bodies = [b or t for b, t in zip(frame["text"].tolist(), titles, strict=True)]
    if view == "title":
        return [t or b for t, b in zip(titles, bodies, strict=True)]
    if view == "full":
        return bodies
    is_claim = (frame["kind"] == "claim").to_numpy()
    lengths = np.array([len(b) for b, c in zip(bodies, is_claim, strict=True) if c])
    if len(lengths) == 0:
        lengths = np.array([120, 200, 400])
    rng = np.random.default_rng(seed)
    out = []
    for body, claim in zip(bodies, is_claim, strict=True):
        out.append(body if claim else _cut_at(body, int(rng.choice(lengths))))
    return out


# -- clarifications: debunks that repeat a hoax's words (hard negatives) ----------------------

_CONCLUSION = re.compile(r"\bKesimpulan\b\s*:?\s*", re.IGNORECASE)
_BYLINE = re.compile(r"\(\s*Ditulis oleh[^)]*\)|\s*REFERENSI\b.*$", re.IGNORECASE | re.DOTALL)


def _clarification(text: str, limit: int = 400) -> str:
    return _cut_at(re.sub(r"\s+", " ", _BYLINE.sub(" ", text)).strip(), limit)


def load_clarifications(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """What an official clarification reads like: a debunk that repeats the hoax's words beside
    "tidak benar", "hoaks", "konten palsu". Taken from the fact-checkers' own conclusions
    (tbh2025 ``Kesimpulan``) and explanations (the tbh2024 ``PENJELASAN`` sections that leak
    into ``HOAX_TEXT``); never hoaxes, so a classifier must not flag them. ``group`` is the
    collection, so a publisher-disjoint split keeps them on the side of their claims."""
    raw = pd.read_csv(_require(data_dir / "tbh2025" / "turnbackhoax_factchecks_2025.csv"))
    rows: dict[str, list[Any]] = {"item_id": [], "group": [], "date": [], "text": []}
    dates = pd.to_datetime(raw["Date"], format="%B %d, %Y", errors="coerce")
    for url, body, day in zip(raw["Url"], raw["FullText"].fillna(""), dates, strict=True):
        match = _CONCLUSION.search(body)
        text = _clarification(body[match.end():]) if match else ""
        if len(text.split()) >= 6:
            rows["item_id"].append(_item_id("clarif2025", url))
            rows["group"].append("tbh2025")
            rows["date"].append(day)
            rows["text"].append(text)
    parts = [pd.read_csv(_require(data_dir / "tbh2024" / name), dtype={"ID": str})
             for name in ("politics_hoax_text.csv", "scam_hoax_text.csv", "others_hoax_text.csv")]
    old = pd.concat(parts, ignore_index=True).drop_duplicates("ID")
    for key, body, day in zip(old["ID"], old["HOAX_TEXT"].fillna(""), old["DATE"], strict=True):
        match = _LEAK.search(body)
        if match is None or match.group(1).upper() != "PENJELASAN":
            continue
        text = _clarification(body[match.end():].lstrip(" :"))
        if len(text.split()) >= 6:
            rows["item_id"].append(_item_id("clarif2024", key))
            rows["group"].append("tbh2024")
            rows["date"].append(parse_id_date(day))
            rows["text"].append(text)
    return _frame({**rows, "dataset": "clarifications", "label": 0,
                   "title": rows["text"], "kind": "clarification"})


def claims_news_clarifications(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """`claims_vs_news` plus the clarifications: the set the issue's targets are stated on."""
    frame = pd.concat([claims_vs_news(data_dir), load_clarifications(data_dir)],
                      ignore_index=True)
    return frame.drop_duplicates(subset=["title"], keep="first").reset_index(drop=True)
