#!/usr/bin/env python3
"""Generate Pantau's bundled sample data. EVERYTHING IT WRITES IS SYNTHETIC.

Usage:  python data/sample/generate.py

(Re)writes, from a fixed seed (random.Random(20261123)), everything under data/sample/ except this
script, README.md and templates/: inbox/<date>/posts.jsonl, inbox/<date>/news-<portal>.xml,
inbox/<date>/factchecks.xml, inbox/2026-11-07/factchecks-archive.xml, sources.csv, labels.csv and
truth/*.csv. Two runs give byte-identical output. Standard library only.

The texts and the world they are about are data files it reads: templates/narratives.json (the
narratives: templates per register, slots, regions, platforms, daily curve, clarifications,
fact-check and news texts), templates/texts.json (chatter, replies, everyday news, the fact-check
schedule and archive, slang) and templates/world.json (provinces, regencies, local details, names,
portals, registers per platform).

All posts, people, accounts, WhatsApp groups, portals, fact-checks and URLs are invented. URLs use
example domains (*.example, *.example.id). No phone numbers appear anywhere. Region codes are the
Kemendagri codes; places are real place names because the pipeline must learn to tag them.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
import re
import shutil
import string
from collections import Counter, defaultdict
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

SEED = 20261123
rng = random.Random(SEED)

HERE = Path(__file__).resolve().parent
# The texts (templates, chatter, news, fact-checks) live in data files beside this script.
TEMPLATES = HERE / "templates"
INBOX = HERE / "inbox"
TRUTH = HERE / "truth"
START = dt.date(2026, 11, 7)
NDAYS = 16
DAYS = [START + dt.timedelta(days=i) for i in range(NDAYS)]

TEXTS = json.loads((TEMPLATES / "texts.json").read_text(encoding="utf-8"))
# places, people's names, portals, platforms
WORLD = json.loads((TEMPLATES / "world.json").read_text(encoding="utf-8"))

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
HARI3 = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
BULAN = WORLD["BULAN"]
BULAN3 = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
EN_DAY3 = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# =============================================================================================
# Geography. Codes verified against Kepmendagri 2025 (38 provinces, post-2022 Papua split).
# =============================================================================================
PROV = WORLD["PROV"]

# code: (official name, how people write it, kecamatan/district names, weight for everyday chatter)
REG = WORLD["REG"]

LOCAL = WORLD["LOCAL"]
GENERIC_JALAN = WORLD["GENERIC_JALAN"]

JAVANESE_PROVS = {"33", "34", "35"}
# regencies/cities without a sea coast (no fishermen / high-wave stories there)
INLAND = {
    "33.72",
    "33.10",
    "33.11",
    "33.09",
    "33.02",
    "34.04",
    "34.71",
    "35.73",
    "35.71",
    "32.73",
    "32.76",
    "32.71",
    "36.74",
    "36.71",
    "13.75",
    "14.71",
    "16.71",
    "95.01",
    "31.74",
    "31.75",
    "64.72",
}
SUNDANESE_PROVS = {"32", "36"}


def prov_of(code: str | None) -> str:
    return code[:2] if code else ""


def tz_of(code: str) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=PROV[prov_of(code)][2]))


def tz_label(code: str) -> str:
    return {7: "WIB", 8: "WITA", 9: "WIT"}[PROV[prov_of(code)][2]]


def city_short(code: str) -> str:
    return REG[code][1][0]


def city_formal(code: str) -> str:
    return REG[code][0].replace("Kota Administrasi ", "")


def prov_alias(code: str) -> str:
    return rng.choice(PROV[prov_of(code)][1])


def place_mention(code: str) -> str:
    name, mentions, kecs, _ = REG[code]
    short = mentions[0]
    r = rng.random()
    if r < 0.55:
        return rng.choice(mentions)
    if r < 0.80:
        kec = rng.choice(kecs)
        if kec == short or short in kec:
            return kec
        return rng.choice(
            [f"{kec}, {short}", f"Kec. {kec}", f"daerah {kec}", f"{kec} {short}", f"{kec}"]
        )
    if r < 0.92:
        pa = prov_alias(code)
        if pa in short:
            return short
        return rng.choice([f"{rng.choice(mentions)}, {pa}", f"{rng.choice(mentions)} ({pa})"])
    return prov_alias(code)


def local(code: str, what: str):
    vals = LOCAL.get(prov_of(code), {}).get(what) or []
    if what == "jalan":
        vals = vals + GENERIC_JALAN[:3]
    return vals


def id_date(d: dt.date, with_day=True, year=True) -> str:
    s = f"{d.day} {BULAN[d.month - 1]}" + (f" {d.year}" if year else "")
    return f"{HARI[d.weekday()]}, {s}" if with_day else s


# =============================================================================================
# Small utilities
# =============================================================================================
def wchoice(pairs):
    if isinstance(pairs, dict):
        pairs = list(pairs.items())
    pairs = [(k, w) for k, w in pairs if w > 0]
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    acc = 0.0
    for item, w in pairs:
        acc += w
        if r < acc:
            return item
    return pairs[-1][0]


SLOT_RE = re.compile(r"\{(\w+)\}")


def render(
    tpl: str, region: str | None, pools: dict, fixed: dict | None = None, force: dict | None = None
) -> str:
    """Fill {slots}. The same slot name gets the same value within one text; `{x2}` draws
    again from pool `x`."""
    cache: dict[str, str] = dict(force or {})
    fixed = fixed or {}

    def value(name: str) -> str:
        if name in cache:
            return cache[name]
        base = name.rstrip("0123456789")
        src = fixed.get(name)
        if src is None:
            src = pools.get(name, pools.get(base))
        if src is None:
            src = fixed.get(base)
        if src is None:
            raise KeyError(f"slot {name!r} missing for template: {tpl[:70]!r}")
        if callable(src):
            src = src(region)
        elif isinstance(src, (list, tuple)):
            src = rng.choice(src)
        cache[name] = str(src)
        return cache[name]

    return SLOT_RE.sub(lambda m: value(m.group(1)), tpl)


def slots_in(tpl: str) -> set[str]:
    return set(SLOT_RE.findall(tpl))


def region_pools(code: str, day: int | None = None) -> dict:
    """Slots every template may use for the region a post is about."""
    p = {
        "place": lambda r: place_mention(r),
        "city": lambda r: rng.choice(REG[r][1]),
        "kec": lambda r: rng.choice(REG[r][2]),
        "prov": lambda r: prov_alias(r),
        "prov_name": lambda r: PROV[prov_of(r)][0],
        "city_formal": lambda r: city_formal(r),
        "tzl": lambda r: tz_label(r),
    }
    if day is not None:
        p["tgl_dekat"] = lambda r, d=day: id_date(
            DAYS[d] + dt.timedelta(days=rng.randint(2, 6)), with_day=True, year=False
        )
        p["jadwal"] = lambda r, d=day: id_date(
            DAYS[d] + dt.timedelta(days=rng.randint(1, 4)), with_day=True, year=False
        )
    return p


SLANG = TEXTS["SLANG"]


def slangify(text: str, p: float = 0.6) -> str:
    for pat, reps in SLANG:
        text = re.sub(
            pat, lambda m, reps=reps: rng.choice(reps) if rng.random() < p else m.group(0), text
        )
    return text


STRETCH = WORLD["STRETCH"]


def stretch(text: str) -> str:
    for a, b in STRETCH:
        if a in text and rng.random() < 0.5:
            text = text.replace(a, b, 1)
    if rng.random() < 0.4:
        text = text.rstrip(".!") + rng.choice(["!!!", "!!", " 😱😱", "!! 🙏"])
    return text


WA_HEAD = WORLD["WA_HEAD"]
WA_TAIL = WORLD["WA_TAIL"]


def wa_decorate(text: str) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(WA_HEAD) + text
    if r < 0.8:
        return text + rng.choice(WA_TAIL)
    return rng.choice(WA_HEAD) + text + rng.choice(WA_TAIL)


def near_dup(text: str) -> str:
    """A forward of `text` with small edits: decoration, emoji, punctuation, casing."""
    ops = rng.sample(
        ["head", "tail", "emoji", "punct", "space", "case", "slang"], k=rng.choice([1, 1, 2, 2, 3])
    )
    t = text
    for op in ops:
        if op == "head":
            t = rng.choice(WA_HEAD + ["Fwd: ", "Info dari sebelah ", "‼️ "]) + t
        elif op == "tail":
            t = t + rng.choice(WA_TAIL + [" Sebarkan!", " 🙏", " ⚠️⚠️", " #viral"])
        elif op == "emoji":
            t = t + " " + rng.choice(["🙏", "😱", "⚠️", "😭😭", "🔥", "‼️", "😡"])
        elif op == "punct":
            t = t.replace(". ", rng.choice(["!! ", ".. ", "... ", ", "]), 2).replace(
                "!!", rng.choice(["!", "!!!", "!!"])
            )
        elif op == "space":
            t = re.sub(r"\s*\n\s*", " ", t).replace("  ", " ")
        elif op == "case":
            t = t.upper() if len(t) < 350 and rng.random() < 0.5 else t[:1].lower() + t[1:]
        elif op == "slang":
            t = slangify(t, 0.5)
    if t == text:
        t = text + " 🙏"
    return t


def has_phone_like(text: str) -> bool:
    return bool(re.search(r"(\+?62|\b0)8\d{2}[\s.-]?\d{3,4}[\s.-]?\d{3,4}", text)) or bool(
        re.search(r"\d{9,}", text)
    )


# =============================================================================================
# Sources (accounts, groups, channels, feeds). All invented.
# =============================================================================================
class Src:
    def __init__(self, source, platform, home, official=False, desc="", **kw):
        self.source, self.platform, self.home, self.official, self.desc = (
            source,
            platform,
            home,
            official,
            desc,
        )
        self.group_name = kw.get("group_name")
        self.display = kw.get("display")  # official/channel display name
        self.topics = set(kw.get("topics", []))  # narrative keys this search/channel is tuned to
        self.chatter = kw.get("chatter", True)  # carries everyday chatter?
        self.p_respond = kw.get(
            "p_respond", 0.0
        )  # officials: chance to answer a narrative seen in its area
        self.lags = kw.get("lags", [2, 3])  # officials: days between first sighting and answer
        self.kind = kw.get("kind", "")
        self.authors: list[str] = []


SOURCES: list[Src] = []


def S(*a, **kw):
    SOURCES.append(Src(*a, **kw))


# --- WhatsApp groups and the tipline (display names only, never numbers) ---------------------
S(
    "wa-tipline-aduan",
    "whatsapp",
    "",
    desc="Tipline aduan: pesan WhatsApp yang diteruskan warga ke nomor aduan (nasional)",
    chatter=False,
)
for src, home, grp in [
    ("wa-forward-aceh", "11", "Info Warga Aceh"),
    ("wa-pengajian-medan", "12.71", "Pengajian Ibu-Ibu Medan Johor"),
    ("wa-forward-sumut", "12", "Kabar Sumut Terkini"),
    ("wa-forward-padang", "13.71", "Dunsanak Padang"),
    ("wa-forward-pekanbaru", "14.71", "Warga Pekanbaru Bersatu"),
    ("wa-forward-palembang", "16.71", "Wong Kito Plg"),
    ("wa-forward-lampung", "18", "Info Lampung"),
    ("wa-ojol-jaksel", "31.74", "Driver Ojol Jaksel 🛵"),
    ("wa-forward-jakarta", "31", "Kabar Warga Jakarta"),
    ("wa-paguyuban-bandung", "32.73", "Paguyuban Warga Antapani"),
    ("wa-warga-bekasi", "32.75", "RW 09 Jatiasih"),
    ("wa-grup-guru-garut", "32.05", "Guru SD Se-Kecamatan"),
    ("wa-forward-jabar", "32", "Wargi Jabar"),
    ("wa-keluarga-semarang", "33.74", "Keluarga Besar Mbah Karto"),
    ("wa-ibu2-pkk-solo", "33.72", "PKK RW 07"),
    ("wa-grup-tani-klaten", "33.10", "Kelompok Tani Sido Makmur"),
    ("wa-forward-jateng", "33", "Sedulur Jateng"),
    ("wa-grup-rt-sleman", "34.04", "Warga RT 04 🏡"),
    ("wa-forward-bantul", "34.02", "Info Bantul"),
    ("wa-forward-jatim", "35", "Arek Jatim Info"),
    ("wa-alumni-smansa-malang", "35.73", "Alumni SMA Angk. 98"),
    ("wa-ortu-murid-kepanjen", "35.07", "Wali Murid Kelas 3B"),
    ("wa-grup-arisan-sidoarjo", "35.15", "Arisan Perumahan Blok C"),
    ("wa-warga-tangsel", "36.74", "Warga Cluster Melati"),
    ("wa-nelayan-pandeglang", "36.01", "Nelayan Labuan"),
    ("wa-banjar-denpasar", "51.71", "Banjar Kaja Info"),
    ("wa-warga-mataram", "52.71", "Warga Ampenan"),
    ("wa-forward-ntb", "52", "Info NTB"),
    ("wa-keluarga-kupang", "53.71", "Keluarga Besar Kupang"),
    ("wa-grup-pasar-maumere", "53.07", "Pedagang Pasar Alok"),
    ("wa-forward-ntt", "53", "Flobamora Info"),
    ("wa-grup-kaltim", "64", "Info Kaltim"),
    ("wa-forward-makassar", "73.71", "Info Makassar Kota"),
    ("wa-forward-sulsel", "73", "Sulsel Bersatu"),
    ("wa-forward-ambon", "81.71", "Basudara Ambon"),
    ("wa-forward-sentani", "91.03", "Warga Sentani"),
    ("wa-forward-papua", "91", "Info Tanah Papua"),
    ("wa-grup-timika", "94.04", "Kabar Timika"),
    ("wa-forward-pontianak", "61.71", "Info Pontianak"),
    ("wa-forward-manado", "71.71", "Torang Manado"),
]:
    S(
        src,
        "whatsapp",
        home,
        desc=f'Grup WhatsApp warga (pesan diteruskan), grup "{grp}"',
        group_name=grp,
    )

# --- Facebook groups ---------------------------------------------------------------------------
for src, home in [
    ("fb-info-banda-aceh", "11.71"),
    ("fb-info-lhokseumawe", "11.73"),
    ("fb-grup-info-medan", "12.71"),
    ("fb-info-deli-serdang", "12.07"),
    ("fb-info-padang", "13.71"),
    ("fb-info-bukittinggi", "13.75"),
    ("fb-info-pekanbaru", "14.71"),
    ("fb-info-dumai", "14.72"),
    ("fb-info-palembang", "16.71"),
    ("fb-info-bandar-lampung", "18.71"),
    ("fb-info-lamsel", "18.01"),
    ("fb-info-jakarta-timur", "31.75"),
    ("fb-warga-jakut", "31.72"),
    ("fb-info-bandung-raya", "32.73"),
    ("fb-info-bekasi-raya", "32.75"),
    ("fb-info-depok", "32.76"),
    ("fb-info-bogor", "32.71"),
    ("fb-info-garut", "32.05"),
    ("fb-jual-beli-tasik", "32.06"),
    ("fb-info-cianjur", "32.03"),
    ("fb-info-solo-raya", "33.72"),
    ("fb-info-semarang", "33.74"),
    ("fb-info-klaten", "33.10"),
    ("fb-info-sukoharjo", "33.11"),
    ("fb-info-boyolali", "33.09"),
    ("fb-info-purwokerto", "33.02"),
    ("fb-warga-sleman-bersatu", "34.04"),
    ("fb-info-bantul", "34.02"),
    ("fb-info-jogja-kota", "34.71"),
    ("fb-kabar-warga-malang", "35"),
    ("fb-suara-warga-surabaya", "35.78"),
    ("fb-info-sidoarjo", "35.15"),
    ("fb-info-jember", "35.09"),
    ("fb-info-banyuwangi", "35.10"),
    ("fb-info-kediri", "35.71"),
    ("fb-info-tangerang", "36.71"),
    ("fb-info-kab-tangerang", "36.03"),
    ("fb-info-pandeglang", "36.01"),
    ("fb-info-lebak", "36.02"),
    ("fb-info-serang", "36.73"),
    ("fb-info-denpasar", "51.71"),
    ("fb-info-buleleng", "51.08"),
    ("fb-info-gianyar", "51.04"),
    ("fb-info-lombok", "52"),
    ("fb-info-kupang", "53.71"),
    ("fb-info-flores", "53"),
    ("fb-info-samarinda", "64.72"),
    ("fb-info-balikpapan", "64.71"),
    ("fb-info-kukar", "64.02"),
    ("fb-info-makassar", "73.71"),
    ("fb-info-gowa", "73.06"),
    ("fb-info-bone", "73.08"),
    ("fb-info-ambon-manise", "81.71"),
    ("fb-info-malteng", "81.01"),
    ("fb-info-jayapura", "91.71"),
    ("fb-info-biak", "91.06"),
    ("fb-info-timika", "94.04"),
    ("fb-info-nabire", "94.01"),
    ("fb-info-wamena", "95.01"),
    ("fb-info-pontianak", "61.71"),
    ("fb-info-manado", "71.71"),
]:
    S(src, "facebook", home, desc="Grup Facebook publik info warga")

# --- Instagram accounts --------------------------------------------------------------------------
for src, home in [
    ("ig-seputar-solo", "33.72"),
    ("ig-semarang-hits", "33.74"),
    ("ig-jogja-update", "34"),
    ("ig-malang-hits", "35.73"),
    ("ig-surabaya-kini", "35.78"),
    ("ig-infobdg", "32.73"),
    ("ig-bekasi-update", "32.75"),
    ("ig-jakarta-terkini", "31"),
    ("ig-makassar-info", "73.71"),
    ("ig-bali-kini", "51"),
    ("ig-lombok-info", "52"),
    ("ig-kupang-update", "53.71"),
    ("ig-medan-viral", "12.71"),
    ("ig-palembang-update", "16.71"),
]:
    S(src, "instagram", home, desc="Akun Instagram info kota (unggahan dan komentar publik)")

# --- X (keyword searches are national; geo streams are regional) ---------------------------------
S("x-search-hoaks", "x", "", desc="Pencarian X: kata kunci hoaks/viral/benarkah", chatter=False)
S(
    "x-search-bmkg",
    "x",
    "",
    desc="Pencarian X: gempa, tsunami, megathrust, BMKG",
    chatter=False,
    topics=["bmkg-megathrust"],
)
S(
    "x-search-bansos",
    "x",
    "",
    desc="Pencarian X: bansos, BLT, pinjol, token",
    chatter=False,
    topics=["bansos-link", "pinjol-ilegal", "token-listrik-gratis"],
)
S(
    "x-search-pemilu",
    "x",
    "",
    desc="Pencarian X: KPU, surat suara, pemilu",
    chatter=False,
    topics=["kpu-surat-suara"],
)
S(
    "x-search-listrik",
    "x",
    "",
    desc="Pencarian X: PLN, listrik padam, BBM",
    chatter=False,
    topics=["pln-padam-total", "bbm-pertalite-naik", "token-listrik-gratis"],
)
for src, home in [
    ("x-geo-jabodetabek", "31"),
    ("x-geo-bandung", "32.73"),
    ("x-geo-surabaya", "35.78"),
    ("x-geo-jogja", "34"),
    ("x-geo-semarang", "33.74"),
    ("x-geo-medan", "12.71"),
    ("x-geo-makassar", "73.71"),
    ("x-geo-bali", "51"),
]:
    S(src, "x", home, desc="Aliran X berbasis lokasi (geotag/profil)")

# --- Telegram -------------------------------------------------------------------------------------
S(
    "tg-info-loker-nasional",
    "telegram",
    "",
    desc="Kanal Telegram info lowongan kerja (nasional)",
    display="Info Loker Nusantara",
    chatter=False,
    topics=["rekrutmen-cpns-bumn", "pinjol-ilegal"],
)
for src, home, disp in [
    ("tg-kabar-papua", "91", "Kabar Papua Hari Ini"),
    ("tg-info-pegunungan", "95", "Info Lembah Baliem"),
    ("tg-kabar-maluku", "81", "Kabar Maluku"),
    ("tg-info-kaltim", "64", "Info Kaltim Terkini"),
    ("tg-info-jatim", "35", "Info Jatim"),
    ("tg-kabar-sulsel", "73", "Kabar Sulsel"),
    ("tg-info-sumbar", "13", "Info Ranah Minang"),
    ("tg-info-aceh", "11", "Info Serambi"),
]:
    S(src, "telegram", home, desc=f'Kanal/grup Telegram "{disp}"', display=disp)

# --- Official: Diskominfo, KIM, police/utility humas, national agencies ---------------------------
FAST, MID, SLOW = [1, 1, 2, 2], [2, 3, 3, 4], [3, 4, 5, 6]
for src, plat, home, disp, p, lags in [
    ("diskominfo-sumut", "government", "12", "Diskominfo Provinsi Sumatera Utara", 0.45, SLOW),
    ("diskominfo-medan", "government", "12.71", "Diskominfo Kota Medan", 0.55, MID),
    ("diskominfo-sumbar", "government", "13", "Diskominfo Provinsi Sumatera Barat", 0.6, MID),
    ("diskominfo-lampung", "government", "18", "Diskominfo Provinsi Lampung", 0.5, SLOW),
    ("diskominfo-dki", "government", "31", "Diskominfotik Provinsi DKI Jakarta", 0.75, FAST),
    ("diskominfo-jabar", "government", "32", "Diskominfo Provinsi Jawa Barat", 0.85, FAST),
    ("diskominfo-kota-bandung", "government", "32.73", "Diskominfo Kota Bandung", 0.6, MID),
    ("kim-garut", "kim", "32.05", "KIM Kabupaten Garut", 0.55, MID),
    ("diskominfo-jateng", "government", "33", "Diskominfo Provinsi Jawa Tengah", 0.85, FAST),
    ("pemkot-surakarta", "government", "33.72", "Pemerintah Kota Surakarta", 0.7, MID),
    ("kim-klaten", "kim", "33.10", "KIM Kabupaten Klaten", 0.5, SLOW),
    ("humas-pdam-semarang", "government", "33.74", "PDAM Kota Semarang", 0.0, FAST),
    ("diskominfo-diy", "government", "34", "Diskominfo DI Yogyakarta", 0.7, MID),
    ("kim-sleman", "kim", "34.04", "KIM Kabupaten Sleman", 0.8, FAST),
    ("kim-bantul", "kim", "34.02", "KIM Kabupaten Bantul", 0.6, MID),
    ("diskominfo-jatim", "government", "35", "Diskominfo Provinsi Jawa Timur", 0.9, FAST),
    ("diskominfo-kota-malang", "government", "35.73", "Diskominfo Kota Malang", 0.75, FAST),
    ("humas-polres-malang", "government", "35.07", "Humas Polres Malang", 0.6, MID),
    ("kim-sidoarjo", "kim", "35.15", "KIM Kabupaten Sidoarjo", 0.5, MID),
    ("diskominfo-banten", "government", "36", "Diskominfo Provinsi Banten", 0.6, MID),
    ("diskominfo-tangsel", "government", "36.74", "Diskominfo Kota Tangerang Selatan", 0.6, MID),
    ("diskominfo-bali", "government", "51", "Diskominfos Provinsi Bali", 0.65, MID),
    ("diskominfo-ntb", "government", "52", "Diskominfotik Provinsi NTB", 0.5, SLOW),
    ("diskominfo-ntt", "government", "53", "Diskominfo Provinsi NTT", 0.5, SLOW),
    ("kim-sikka", "kim", "53.07", "KIM Kabupaten Sikka", 0.6, MID),
    ("diskominfo-kaltim", "government", "64", "Diskominfo Provinsi Kalimantan Timur", 0.55, MID),
    ("diskominfo-sulsel", "government", "73", "Diskominfo Provinsi Sulawesi Selatan", 0.55, SLOW),
    ("diskominfo-makassar", "government", "73.71", "Diskominfo Kota Makassar", 0.6, MID),
    ("diskominfo-kab-jayapura", "government", "91.03", "Diskominfo Kabupaten Jayapura", 0.45, SLOW),
]:
    kind = "kim" if plat == "kim" else "gov"
    S(
        src,
        plat,
        home,
        official=True,
        display=disp,
        p_respond=p,
        lags=lags,
        kind=kind,
        desc=(
            "Kelompok Informasi Masyarakat (KIM), akun resmi"
            if plat == "kim"
            else "Akun resmi pemerintah daerah/instansi"
        )
        + f": {disp}",
    )
S(
    "bmkg-info-gempa",
    "government",
    "",
    official=True,
    display="BMKG",
    kind="national",
    chatter=False,
    desc="Kanal resmi informasi gempa dan peringatan dini (nasional)",
)
S(
    "komdigi-ais",
    "government",
    "",
    official=True,
    display="Tim AIS Kementerian Komunikasi dan Digital",
    kind="national",
    chatter=False,
    desc="Kanal resmi klarifikasi hoaks tingkat nasional",
)

SRC = {s.source: s for s in SOURCES}

PORTALS = WORLD["PORTALS"]
FACTCHECK_SOURCE = "factcheck-cekhoaks"
FC_DOMAIN = "cekhoaks.example.id"

# =============================================================================================
# Invented names (combinations of common given names; they refer to no one)
# =============================================================================================
FIRST = WORLD["FIRST"]
LAST = WORLD["LAST"]
HONOR = WORLD["HONOR"]
TAIL_WA = WORLD["TAIL_WA"]


def flavor(code: str) -> str:
    p = prov_of(code) if code else "31"
    return {
        "33": "jawa",
        "34": "jawa",
        "35": "jawa",
        "32": "sunda",
        "36": "sunda",
        "31": "betawi",
        "51": "bali",
        "52": "sasak",
        "53": "timur",
        "81": "timur",
        "91": "timur",
        "94": "timur",
        "95": "timur",
        "71": "timur",
        "73": "bugis",
        "64": "kaltim",
        "61": "kaltim",
    }.get(p, "sumatra")


def person(code: str):
    fl = flavor(code)
    male = rng.random() < 0.5
    first = rng.choice(FIRST[fl][0 if male else 1])
    return fl, male, first, rng.choice(LAST[fl])


def make_author(src: Src) -> str:
    code = src.home or rng.choice(list(REG))
    fl, male, first, last = person(code)
    if src.platform == "whatsapp":
        hon = rng.choice(HONOR[fl][0 if male else 1])
        return (
            f"{hon} {first}{rng.choice(TAIL_WA)}"
            if rng.random() < 0.75
            else f"{first} {last}{rng.choice(['', '', ' 🌻', ' ✨'])}"
        )
    if src.platform == "facebook":
        return rng.choice(
            [
                f"{first} {last}",
                f"{first} {last}",
                f"{first} {last[0]}.",
                f"{first} {last} II",
                f"{first} {last} {rng.choice(['🌸', 'Official', 'Shop', ''])}".rstrip(),
            ]
        )
    if src.platform in ("instagram", "x"):
        sep = rng.choice(["_", "", ".", "__"])
        tail = rng.choice(
            ["", str(rng.randint(1, 99)), str(rng.randint(1985, 2006)), "_id", "_real", "x"]
        )
        h = (
            f"{first.lower()}{sep}{last.lower()}{tail}"
            if rng.random() < 0.6
            else f"{rng.choice(['si', 'mas', 'kak', 'bang', 'mbak', 'the'])}{first.lower()}{tail}"
        )
        h = re.sub(r"[^a-z0-9_.]", "", h)
        return "@" + h[:15]
    if src.platform == "telegram":
        return rng.choice([f"{first} {last}", f"@{first.lower()}{rng.randint(10, 999)}"])
    return src.display or src.source


def pick_author(src: Src) -> str:
    if src.official:
        return src.display
    if src.platform == "telegram" and src.display and rng.random() < 0.55:
        return src.display
    if not src.authors:
        n = {"whatsapp": 14, "facebook": 22, "instagram": 18, "x": 40, "telegram": 10}.get(
            src.platform, 10
        )
        seen = set()
        while len(src.authors) < n:
            a = make_author(src)
            if a not in seen:
                seen.add(a)
                src.authors.append(a)
    # a few very active accounts post most of the time
    k = len(src.authors)
    idx = min(int(rng.paretovariate(1.2)) - 1, k - 1)
    return src.authors[idx] if rng.random() < 0.5 else rng.choice(src.authors)


# =============================================================================================
# Narratives. 16 hoax narratives + 3 genuine (non-hoax) ones that look similar on the surface.
# Each has paraphrase templates in several registers: formal, slang, wa (WhatsApp forward), en
# (English-mixed), jv (Javanese-flavoured), su (Sundanese-flavoured), long (800+ char forward).
# =============================================================================================
def curve_active(total, start=0, trend=0.0):
    w = [0.0] * start + [1.0 + trend * (d - start) for d in range(start, NDAYS)]
    s = sum(w)
    return [total * x / s for x in w]


def curve_fading(total, peak=1, tau=2.6, start=0):
    w = []
    for d in range(NDAYS):
        if d < start:
            w.append(0.0)
        elif d < peak:
            w.append(0.55 + 0.45 * (d - start) / max(1, peak - start))
        else:
            w.append(math.exp(-(d - peak) / tau))
    s = sum(w)
    return [total * x / s for x in w]


NARR: dict[str, dict] = {}


def narrative(key, **kw):
    kw.setdefault("hoax", True)
    kw.setdefault("x_src", "x-search-hoaks")
    kw.setdefault("news", [])
    NARR[key] = kw


def slot_pool(spec):
    """A slot as templates/narratives.json writes it: a list to choose from, or a rule."""
    if not isinstance(spec, dict):
        return spec
    if "randint" in spec:
        low, high = spec["randint"]
        return lambda r: str(rng.randint(low, high))
    if "by_province" in spec:
        table, default = spec["by_province"], spec["default"]
        return lambda r: table.get(prov_of(r), default)
    return SLOT_RULES[spec["rule"]]


def load_narratives() -> None:
    """templates/narratives.json: one entry per narrative, in order; `daily` is a list of
    counts per day or a curve (curve_active / curve_fading and their arguments)."""
    curves = {"active": curve_active, "fading": curve_fading}
    for entry in json.loads((TEMPLATES / "narratives.json").read_text(encoding="utf-8")):
        kw = dict(entry)
        key = kw.pop("key")
        if isinstance(kw["daily"], dict):
            args = dict(kw["daily"])
            kw["daily"] = curves[args.pop("curve")](**args)
        kw["slots"] = {name: slot_pool(spec) for name, spec in kw["slots"].items()}
        narrative(key, **kw)


def wilayah_padam(r):
    p = prov_of(r)
    if p in ("31", "32", "33", "34", "35", "36", "51"):
        return rng.choice(["se-Jawa-Bali", "se-Jawa dan Bali", "Jawa-Bali"])
    if p in ("11", "12", "13", "14", "16", "18"):
        return rng.choice(["se-Sumatera", "se-Sumatera bagian utara"])
    if p == "64":
        return "se-Kalimantan"
    return "se-Jawa-Bali"


# =============================================================================================
# Genuine narratives (hoax=false) that resemble hoax ones
# =============================================================================================
def jam_pemeliharaan(r):
    return (
        rng.choice(["08.00-14.00", "09.00-15.00", "08.30-12.30", "10.00-16.00"]) + " " + tz_label(r)
    )


# Slots computed by a function of the region (named "rule" in narratives.json).
SLOT_RULES = {"wilayah_padam": wilayah_padam, "jam_pemeliharaan": jam_pemeliharaan}
load_narratives()


# =============================================================================================
# Everyday chatter (no narrative). Some are deliberate look-alikes of hoax topics.
# (register, template, constraints)   constraints: days=[...], weekday=n, provs=[...]
# =============================================================================================
CHATTER = TEXTS["CHATTER"]

OFFICIAL_CHATTER = TEXTS["OFFICIAL_CHATTER"]

CHATTER_POOLS = TEXTS["CHATTER_POOLS"]

REPLY_Q = TEXTS["REPLY_Q"]
REPLY_DEBUNK = TEXTS["REPLY_DEBUNK"]
REPLY_AGENCY = WORLD["REPLY_AGENCY"]

CLAR_TEMPLATES = TEXTS["CLAR_TEMPLATES"]

RESHARE_CLAR = TEXTS["RESHARE_CLAR"]


# =============================================================================================
# News (RSS) templates: everyday regional news (templates/texts.json). Hoax-related news
# templates live in NARR[...]["news"].
# =============================================================================================
NEWS_ORDINARY = TEXTS["NEWS_ORDINARY"]

# Fact-check schedule inside the 16 days: (day index, narrative, verdict, title, First Draft
# category, claim filter)
FC_SCHEDULE = TEXTS["FC_SCHEDULE"]
# Fact-checks of claims that never circulate in the sample posts (distractors for claim matching).
FC_UNRELATED = TEXTS["FC_UNRELATED"]
# Older debunks for the archive feed (2019-2024). The 2021 item is the ancestor of
# helikopter-semprot.
FC_ARCHIVE = [(dt.datetime.fromisoformat(row[0]), *row[1:]) for row in TEXTS["FC_ARCHIVE"]]


# =============================================================================================
# Generation machinery
# =============================================================================================
POSTS: list[dict] = []
_counters: dict = defaultdict(int)
_used_ids: dict = defaultdict(set)
_fb_group_ids: dict = {}
SOCIAL = ("whatsapp", "facebook", "instagram", "x", "telegram")

HOUR_W = {
    0: 0.6,
    1: 0.3,
    2: 0.2,
    3: 0.15,
    4: 0.35,
    5: 1.2,
    6: 2.5,
    7: 3.4,
    8: 3.4,
    9: 3.1,
    10: 3.0,
    11: 3.0,
    12: 3.4,
    13: 3.0,
    14: 2.6,
    15: 2.6,
    16: 2.8,
    17: 3.0,
    18: 3.2,
    19: 4.0,
    20: 4.5,
    21: 4.2,
    22: 3.0,
    23: 1.6,
}
OFFICE_W = {
    7: 1,
    8: 3,
    9: 4,
    10: 4,
    11: 3.5,
    12: 2,
    13: 3,
    14: 3.5,
    15: 3,
    16: 2,
    17: 1,
    18: 0.6,
    19: 0.8,
    20: 0.5,
}
PLAT_REG = WORLD["PLAT_REG"]


def make_ts(
    day: int, tz: dt.timezone, hours=None, late=False, after: dt.datetime | None = None
) -> dt.datetime:
    d = DAYS[day]
    if late:
        d = d - dt.timedelta(days=1)
        h = rng.choice([21, 22, 23])
    else:
        h = wchoice(hours or HOUR_W)
    ts = dt.datetime(d.year, d.month, d.day, h, rng.randint(0, 59), rng.randint(0, 59), tzinfo=tz)
    if after is not None:
        a = after.astimezone(tz)
        cand = a + dt.timedelta(minutes=rng.randint(2, 240))
        if cand.date() != DAYS[day]:
            cand = a + dt.timedelta(minutes=rng.randint(1, 8))
        if cand.date() != DAYS[day]:
            cand = dt.datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=tz)
        ts = cand.replace(microsecond=0)
    return ts


def new_id(src: Src, ts: dt.datetime, day: int) -> str:
    while True:
        p = src.platform
        if p == "whatsapp":
            _counters[(src.source, day)] += 1
            pid = f"wa-{DAYS[day]:%Y%m%d}-{_counters[(src.source, day)]:04d}"
        elif p == "facebook":
            if src.source not in _fb_group_ids:
                _fb_group_ids[src.source] = str(rng.randint(10**14, 10**15 - 1))
            pid = f"{_fb_group_ids[src.source]}_{rng.randint(10**15, 10**16 - 1)}"
        elif p == "instagram":
            pid = "".join(
                rng.choice(string.ascii_letters + string.digits + "_-") for _ in range(11)
            )
        elif p == "x":
            ms = int(ts.timestamp() * 1000)
            pid = str(((ms - 1288834974657) << 22) | rng.getrandbits(22))
        elif p == "telegram":
            if (src.source, "tg") not in _counters:
                _counters[(src.source, "tg")] = rng.randint(1200, 8800)
            _counters[(src.source, "tg")] += rng.randint(1, 4)
            pid = str(_counters[(src.source, "tg")])
        else:  # government / kim
            _counters[(src.source, day)] += 1
            pid = (
                f"{src.source.split('-')[0]}-{DAYS[day]:%Y%m%d}-{_counters[(src.source, day)]:02d}"
            )
        if pid not in _used_ids[src.source]:
            _used_ids[src.source].add(pid)
            return pid


def short_title(text: str, limit: int = 90) -> str:
    """A headline-like title from the first sentence/line of an official post."""
    first = re.split(r"(?<=[.!?])\s|\n", text.strip(), maxsplit=1)[0]
    first = re.sub(r"[*_📢⚡🐕🦟‼️]+", "", first).strip(" :.-")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def lang_for(register: str | None) -> str:
    return {"jv": "jv", "su": "su", "en": "en"}.get(register or "", "id")


def add_post(
    day,
    region,
    src: Src,
    text,
    key,
    kind,
    register=None,
    ts=None,
    author=None,
    title=None,
    reply_to=None,
    dup_of=None,
    dup_kind=None,
    late_ok=True,
):
    tz = (
        tz_of(src.home)
        if src.home
        else (tz_of(region) if region else dt.timezone(dt.timedelta(hours=7)))
    )
    late = False
    if ts is None:
        late = late_ok and day > 0 and rng.random() < 0.015
        ts = make_ts(day, tz, OFFICE_W if src.official else HOUR_W, late)
    rec = dict(
        day=day,
        region=region,
        source=src.source,
        id=new_id(src, ts, day),
        text=text,
        ts=ts,
        platform=src.platform,
        author=author or pick_author(src),
        key=key,
        kind=kind,
        register=register,
        late=late,
        title=title,
        reply_to=reply_to,
        dup_of=dup_of,
        dup_kind=dup_kind,
    )
    POSTS.append(rec)
    return rec


def pick_source(
    platform: str, region: str, key: str | None = None, chatter=False, exclude: str | None = None
) -> Src | None:
    prov = prov_of(region)
    cands = []
    for s in SOURCES:
        if s.official or s.platform != platform or s.source == exclude:
            continue
        if chatter and not s.chatter:
            continue
        if s.home == region:
            w = 5
        elif s.home == prov:
            w = 3
        elif s.home and prov_of(s.home) == prov:
            w = 0.7
        elif s.home == "":
            if chatter:
                w = 0
            elif key in s.topics:
                w = 6
            elif s.source in ("x-search-hoaks", "wa-tipline-aduan"):
                w = 1.5
            else:
                w = 0
        else:
            w = 0
        if w > 0:
            cands.append((s, w))
    return wchoice(cands) if cands else None


def pick_source_any(platform: str, region: str, key=None, chatter=False, exclude=None) -> Src:
    if not chatter and key and platform in ("whatsapp", "facebook") and rng.random() < 0.07:
        far = [
            s
            for s in SOURCES
            if s.platform == platform
            and not s.official
            and s.home
            and prov_of(s.home) != prov_of(region)
        ]
        return rng.choice(far)
    for p in [platform, "facebook", "whatsapp", "telegram", "instagram", "x"]:
        s = pick_source(p, region, key, chatter, exclude)
        if s:
            return s
    raise RuntimeError(f"no source for {region}")


def officials_for(region: str) -> list[Src]:
    """Diskominfo/KIM/pemda accounts covering a region (police and PDAM humas only speak on
    their own topics)."""
    return [
        s
        for s in SOURCES
        if s.official
        and s.kind in ("gov", "kim")
        and not s.source.startswith("humas-")
        and (s.home == region or s.home == prov_of(region))
    ]


def pick_template(templates, platform: str, region: str | None):
    prov = prov_of(region) if region else ""
    weights = PLAT_REG.get(platform, {})
    pairs = []
    for reg, tpl in templates:
        w = weights.get(reg, 0.2 if platform in SOCIAL else 0)
        if reg == "jv" and prov not in JAVANESE_PROVS:
            w = 0
        if reg == "su" and prov not in SUNDANESE_PROVS:
            w = 0
        pairs.append(((reg, tpl), w))
    if not any(w > 0 for _, w in pairs):
        pairs = [(p, 1) for p, _ in pairs]
    return wchoice(pairs)


def narr_text(N: dict, register: str, tpl: str, region: str, day: int, platform: str) -> str:
    text = render(tpl, region, {**region_pools(region, day), **N["slots"]})
    if platform in SOCIAL:
        if register == "formal" and rng.random() < 0.2:
            text = slangify(text, 0.5)
        if platform == "whatsapp" and register not in ("wa", "long") and rng.random() < 0.3:
            text = wa_decorate(text)
        if register == "slang" and rng.random() < 0.25:
            text = stretch(text)
        if register == "wa" and rng.random() < 0.08 and len(text) < 320:
            text = text.upper()
    return text


def first_day(N: dict) -> int:
    return next(i for i, x in enumerate(N["daily"]) if x > 0)


def daily_counts(N: dict) -> list[int]:
    out = []
    for x in N["daily"]:
        if x <= 0:
            out.append(0)
        elif N["dynamics"] == "emerging" or N["dynamics"] == "recycled":
            out.append(max(1, int(round(x * rng.uniform(0.9, 1.1)))))
        else:
            out.append(max(0, int(round(x * rng.uniform(0.7, 1.3)))))
    return out


def gen_narrative_post(key: str, day: int):
    N = NARR[key]
    f = first_day(N)
    avail = [(c, w) for c, w, off in N["regions"] if day >= f + off] or [(N["regions"][0][0], 1)]
    region = wchoice(avail)
    platform = wchoice(N["platforms"])
    src = None
    if platform in ("government", "kim"):
        offs = [s for s in officials_for(region) if s.platform == platform] or officials_for(region)
        src = rng.choice(offs) if offs else None
        if src is None:
            platform = "facebook"
    if src is None:
        src = pick_source_any(platform, region, key)
    register, tpl = pick_template(N["templates"], src.platform, region)
    text = narr_text(N, register, tpl, region, day, src.platform)
    title = None
    if src.official:
        title = short_title(text)
    rec = add_post(
        day,
        region,
        src,
        text,
        key,
        "narr",
        register,
        late_ok=(N["dynamics"] not in ("emerging",)),
        title=title,
    )
    # replies in threads (X, Facebook, Telegram)
    if N["hoax"] and src.platform in ("x", "facebook", "telegram") and rng.random() < 0.16:
        debunk = day >= f + 2 and rng.random() < 0.25
        tpl = rng.choice(REPLY_DEBUNK if debunk else REPLY_Q)
        topic = render(rng.choice(N["topics"]), region, N["slots"])
        text = render(
            tpl,
            region,
            {**region_pools(region, day), "agency": REPLY_AGENCY},
            fixed={"topic": topic},
        )
        text = text[0].upper() + text[1:]
        others = [a for a in (src.authors or []) if a != rec["author"]]
        add_post(
            day,
            region,
            src,
            text,
            ("clarification:" + key) if debunk else key,
            "reply",
            "slang",
            ts=make_ts(day, rec["ts"].tzinfo, after=rec["ts"]),
            author=rng.choice(others) if others and rng.random() < 0.7 else None,
            reply_to=rec["id"],
        )


def chatter_pools(region: str, day: int) -> dict:
    prov = prov_of(region)
    p = {**region_pools(region, day), **CHATTER_POOLS}
    p["jalan"] = local(region, "jalan")
    for k in ("pasar", "kuliner", "team", "wisata"):
        v = local(region, k)
        if v:
            p[k] = v
    same = [c for c in REG if prov_of(c) == prov and c != region]
    p["place2"] = lambda r, same=same: (
        city_short(rng.choice(same))
        if same and rng.random() < 0.6
        else city_short(rng.choice(list(REG)))
    )
    p["prov_tag"] = lambda r: PROV[prov_of(r)][1][0].replace(" ", "")
    return p


def pick_chatter_template(templates, platform: str, region: str, day: int, pools: dict):
    wd = DAYS[day].weekday()
    ok = []
    for t in templates:
        reg, tpl = t[0], t[1]
        cons = t[2] if len(t) > 2 else {}
        if "days" in cons and day not in cons["days"]:
            continue
        if "weekday" in cons and wd != cons["weekday"]:
            continue
        if cons.get("coastal") and region in INLAND:
            continue
        if any(s.rstrip("0123456789") not in pools for s in slots_in(tpl)):
            continue
        ok.append((reg, tpl, "days" in cons or "weekday" in cons))
    reg_w = PLAT_REG.get(platform, {})
    pairs = []
    for reg, tpl, special in ok:
        w = reg_w.get(reg, 0.3) * (4 if special else 1)
        if reg == "jv" and prov_of(region) not in JAVANESE_PROVS:
            w = 0
        if reg == "su" and prov_of(region) not in SUNDANESE_PROVS:
            w = 0
        pairs.append(((reg, tpl), w))
    return wchoice(pairs)


def gen_chatter(day: int):
    weekend = DAYS[day].weekday() >= 5
    n = int(round(31 * (1.12 if weekend else 1.0) * rng.uniform(0.88, 1.12)))
    region_w = {c: v[3] for c, v in REG.items()}
    for _ in range(n):
        region = wchoice(region_w)
        platform = wchoice(
            {"whatsapp": 3, "facebook": 4, "instagram": 1.5, "x": 1.6, "telegram": 0.6}
        )
        src = pick_source_any(platform, region, chatter=True)
        pools = chatter_pools(region, day)
        register, tpl = pick_chatter_template(CHATTER, src.platform, region, day, pools)
        text = render(tpl, region, pools)
        if register == "formal" and src.platform in SOCIAL and rng.random() < 0.15:
            text = slangify(text, 0.4)
        add_post(day, region, src, text, "", "chatter", register)
    # routine posts by official accounts
    for s in SOURCES:
        if (
            s.official
            and s.kind in ("gov", "kim")
            and not s.source.startswith("humas-")
            and rng.random() < 0.15
        ):
            region = (
                s.home if s.home in REG else rng.choice([c for c in REG if prov_of(c) == s.home])
            )
            pools = chatter_pools(region, day)
            register, tpl = pick_chatter_template(OFFICIAL_CHATTER, s.platform, region, day, pools)
            text = render(tpl, region, pools)
            add_post(day, region, s, text, "", "official", register, title=short_title(text))


def gen_duplicates():
    """Exact re-posts by other accounts and near-duplicate forwards (~10-15 % of social posts)."""
    originals = [
        p for p in POSTS if p["kind"] in ("narr", "chatter") and not SRC[p["source"]].official
    ]
    for p in originals:
        key = p["key"]
        if key and NARR[key]["hoax"]:
            prob = 0.15
        elif key:
            prob = 0.06
        else:
            prob = 0.035
        if rng.random() >= prob:
            continue
        n = wchoice({1: 7, 2: 2, 3: 0.7, 4: 0.3})
        for _ in range(n):
            day = p["day"] if (rng.random() < 0.7 or p["day"] == NDAYS - 1) else p["day"] + 1
            exact = rng.random() < 0.45
            platform = wchoice({"whatsapp": 6, "facebook": 2.5, "telegram": 0.8, "x": 0.7})
            src = pick_source_any(platform, p["region"], key or None, chatter=not key)
            text = p["text"] if exact else near_dup(p["text"])
            after = p["ts"] if day == p["day"] else None
            ts = make_ts(day, tz_of(src.home) if src.home else tz_of(p["region"]), after=after)
            add_post(
                day,
                p["region"],
                src,
                text,
                key,
                "dup",
                p["register"],
                ts=ts,
                dup_of=(p["source"], p["id"]),
                dup_kind="exact" if exact else "near",
            )


FIRST_SEEN: dict = {}


def compute_first_seen():
    FIRST_SEEN.clear()
    for p in POSTS:
        k = p["key"]
        if k and not k.startswith("clarification:") and p["region"]:
            cur = FIRST_SEEN.get((k, p["region"]))
            if cur is None or p["day"] < cur:
                FIRST_SEEN[(k, p["region"])] = p["day"]


OFFICIAL_TOPICS = {
    "humas-polres-malang": {
        "penculikan-anak-van",
        "sara-bentrok",
        "apk-undangan",
        "pinjol-ilegal",
        "bansos-link",
        "rekrutmen-cpns-bumn",
    },
    "humas-pdam-semarang": {"air-pdam-racun"},
}
CLARIFICATIONS: list[dict] = []


def clar_text(src: Src, key: str, region: str | None, day: int) -> tuple[str, str]:
    N = NARR[key]
    pools = {**(region_pools(region, day) if region else {}), **N["slots"]}
    fixed = {"city": city_formal(region) if region else "sejumlah daerah"}
    claim = render(rng.choice(N["clar_claims"]), region, pools, fixed=fixed)
    f1, f2 = rng.sample(N["facts"], 2)
    title = render(
        N["clar_title"],
        region,
        pools,
        fixed={"city": city_short(region) if region else "Sejumlah Daerah"},
    )
    kind = src.kind
    tpls = CLAR_TEMPLATES["national" if kind == "national" else kind]
    if kind == "kim" and region and prov_of(region) in JAVANESE_PROVS and rng.random() < 0.35:
        tpls = CLAR_TEMPLATES["kim_jv"]
    text = render(
        rng.choice(tpls),
        region,
        {},
        fixed={
            "claim": claim,
            "claim_cap": claim[0].upper() + claim[1:],
            "agency": src.display,
            "fact": f1,
            "fact2": f2,
            "counter": N["counter"],
            "title": title,
            "city": city_short(region) if region else "",
            "tag": re.sub(
                r"[^A-Za-z]", "", REG[region][0].replace("Kabupaten ", "").replace("Kota ", "")
            )
            if region
            else "",
        },
    )
    return text, rng.choice(["[HOAKS] ", "[KLARIFIKASI] ", "Klarifikasi: "]) + title


def add_clarification(src: Src, key: str, region: str | None, day: int):
    text, title = clar_text(src, key, region, day)
    rec = add_post(
        day, region, src, text, "clarification:" + key, "clar", "formal", title=title, late_ok=False
    )
    CLARIFICATIONS.append(rec)
    # citizens re-share some official clarifications
    if rng.random() < 0.3 and region:
        d2 = day if rng.random() < 0.6 or day == NDAYS - 1 else day + 1
        N = NARR[key]
        claim = render(
            rng.choice(N["clar_claims"]),
            region,
            {**region_pools(region, d2), **N["slots"]},
            fixed={"city": city_short(region)},
        )
        t = render(
            rng.choice(RESHARE_CLAR),
            region,
            {},
            fixed={
                "agency": src.display,
                "claim": claim,
                "claim_cap": claim[0].upper() + claim[1:],
                "fact": rng.choice(N["facts"]),
            },
        )
        s2 = pick_source_any(wchoice({"whatsapp": 4, "facebook": 2}), region, key)
        add_post(
            d2,
            region,
            s2,
            t,
            "clarification:" + key,
            "reshare",
            "wa",
            ts=make_ts(
                d2,
                tz_of(s2.home) if s2.home else tz_of(region),
                after=rec["ts"] if d2 == day else None,
            ),
        )


def gen_clarifications():
    compute_first_seen()
    hoax_keys = [k for k, N in NARR.items() if N["hoax"]]
    for src in SOURCES:
        if not src.official or src.kind not in ("gov", "kim"):
            continue
        topics = OFFICIAL_TOPICS.get(src.source)
        for key in hoax_keys:
            if topics is not None and key not in topics:
                continue
            seen = [
                (d, c)
                for (k, c), d in FIRST_SEEN.items()
                if k == key and (c == src.home or prov_of(c) == src.home)
            ]
            if not seen:
                continue
            f, code = min(seen)
            p = 1.0 if src.source == "humas-pdam-semarang" else src.p_respond
            if rng.random() >= p:
                continue
            lag = 1 if src.source == "humas-pdam-semarang" else rng.choice(src.lags)
            day = f + lag
            if day >= NDAYS:
                continue
            add_clarification(src, key, code, day)
            if rng.random() < 0.3:
                d2 = day + rng.randint(2, 4)
                if d2 < NDAYS:
                    later = [
                        c
                        for (k, c), d in FIRST_SEEN.items()
                        if k == key and d <= d2 and (c == src.home or prov_of(c) == src.home)
                    ]
                    add_clarification(src, key, rng.choice(later), d2)
    # national channels
    bmkg = SRC["bmkg-info-gempa"]
    for d in (14, 15):
        add_clarification(bmkg, "bmkg-megathrust", None, d)
    ais = SRC["komdigi-ais"]
    for d, key, *_ in FC_SCHEDULE:
        if rng.random() < 0.7:
            dd = min(NDAYS - 1, d + rng.choice([0, 0, 1]))
            add_clarification(ais, key, None, dd)


# =============================================================================================
# News feeds (RSS 2.0, WordPress style) and fact-check feeds
# =============================================================================================
NEWS: list[dict] = []
FACTCHECKS: list[dict] = []
REPORTERS = TEXTS["REPORTERS"]
_post_no: dict = {}


def slugify(s: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s[:80].rstrip("-")


def fmt_rfc822(ts: dt.datetime, indonesian=False) -> str:
    off = ts.utcoffset()
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    offs = f"{sign}{abs(mins) // 60:02d}{abs(mins) % 60:02d}"
    dn = (HARI3 if indonesian else EN_DAY3)[ts.weekday()]
    mn = (BULAN3 if indonesian else EN_MON3)[ts.month - 1]
    return f"{dn}, {ts.day:02d} {mn} {ts.year} {ts:%H:%M:%S} {offs}"


def news_item(
    portal: str, day: int, region: str, title: str, category: str, paras: list[str], key: str
):
    P = PORTALS[portal]
    tz = tz_of(region)
    ts = make_ts(
        day, tz, {h: 1 + (h in (7, 8, 9, 10, 11, 13, 14, 15, 16, 19, 20)) for h in range(6, 23)}
    )
    _post_no[portal] = _post_no.get(portal, rng.randint(40000, 90000)) + rng.randint(3, 40)
    slug = slugify(title)
    desc = paras[0]
    if len(desc) < 160 and len(paras) > 1:
        desc = desc + " " + paras[1]
    rec = dict(
        portal=portal,
        day=day,
        region=region,
        title=title,
        category=category,
        ts=ts,
        key=key,
        guid=f"https://{P['domain']}/?p={_post_no[portal]}",
        link=f"https://{P['domain']}/{DAYS[day]:%Y/%m/%d}/{slug}/",
        creator=rng.choice(REPORTERS[portal]),
        description=desc[:300].rsplit(" ", 1)[0] + " [&#8230;]" if len(desc) > 300 else desc,
        content="".join(f"<p>{xml_escape(x)}</p>\n" for x in paras),
        source=f"news-{portal}",
    )
    NEWS.append(rec)
    return rec


def gen_news():
    compute_first_seen()
    covered: dict = {}
    for day in range(NDAYS):
        active = [p for p in PORTALS if rng.random() < 0.85 or PORTALS[p].get("iso_day") == day]
        while len(active) < 2:
            extra = rng.choice([p for p in PORTALS if p not in active])
            active.append(extra)
        active = [p for p in PORTALS if p in active]
        for portal in active:
            provs = PORTALS[portal]["provs"]
            for _ in range(wchoice({1: 3, 2: 4, 3: 1.5})):
                # hoax narratives seen in the portal's area during the last days
                cands = []
                for (k, c), d in FIRST_SEEN.items():
                    if prov_of(c) in provs and d <= day and NARR[k]["hoax"] and NARR[k]["news"]:
                        recent = sum(
                            1
                            for p in POSTS
                            if p["key"] == k and p["region"] == c and day - 4 <= p["day"] <= day
                        )
                        if recent and covered.get((portal, k), -99) < day - 3:
                            cands.append(((k, c), recent))
                genuine = [
                    (k, c)
                    for (k, c), d in FIRST_SEEN.items()
                    if prov_of(c) in provs and d <= day and not NARR[k]["hoax"]
                ]
                r = rng.random()
                if cands and r < 0.42:
                    k, c = wchoice(cands)
                    covered[(portal, k)] = day
                    N = NARR[k]
                    title, paras = rng.choice(N["news"])
                    pools = {**region_pools(c, day), **N["slots"]}
                    fixed = {"city": city_short(c), "city_formal": city_formal(c)}
                    claim = render(
                        rng.choice(N["clar_claims"]), c, pools, fixed={"city": city_formal(c)}
                    )
                    f1 = rng.choice(N["facts"])
                    fx = {**fixed, "claim": claim, "fact": f1, "counter": N["counter"]}
                    news_item(
                        portal,
                        day,
                        c,
                        render(title, c, pools, fixed=fx),
                        "Cek Fakta",
                        [render(x, c, pools, fixed=fx) for x in paras],
                        "clarification:" + k,
                    )
                elif genuine and r < 0.55:
                    k, c = rng.choice(genuine)
                    N = NARR[k]
                    title, paras = rng.choice(N["news"])
                    pools = {**region_pools(c, day), **N["slots"]}
                    fixed = {"city": city_short(c), "city_formal": city_formal(c)}
                    news_item(
                        portal,
                        day,
                        c,
                        render(title, c, pools, fixed=fixed),
                        "Kesehatan" if "kesehatan" in N["topic"] else "Daerah",
                        [render(x, c, pools, fixed=fixed) for x in paras],
                        k,
                    )
                else:
                    region = wchoice({c: v[3] for c, v in REG.items() if prov_of(c) in provs})
                    pools = {
                        **chatter_pools(region, day),
                        "city": city_short(region),
                        "city_formal": city_formal(region),
                        "harga_cabai": ["Rp70.000", "Rp85.000", "Rp90.000", "Rp95.000"],
                    }
                    ok = [
                        t
                        for t in NEWS_ORDINARY
                        if all(
                            s.rstrip("0123456789") in pools for s in slots_in(t[0] + " ".join(t[2]))
                        )
                        and (
                            len(t) < 4
                            or (
                                day in t[3].get("days", [day])
                                and not (t[3].get("coastal") and region in INLAND)
                            )
                        )
                    ]
                    title, cat, paras = rng.choice(ok)[:3]
                    cache_fixed = {"city": city_short(region), "city_formal": city_formal(region)}
                    for s in (
                        "kec",
                        "jalan",
                        "pasar",
                        "kuliner",
                        "team",
                        "wisata",
                        "lokasi_umum",
                        "harga_cabai",
                    ):
                        if s in pools:
                            v = pools[s]
                            cache_fixed[s] = v(region) if callable(v) else rng.choice(v)
                    news_item(
                        portal,
                        day,
                        region,
                        render(title, region, pools, fixed=cache_fixed),
                        cat,
                        [render(x, region, pools, fixed=cache_fixed) for x in paras],
                        "",
                    )


FC_REFS = TEXTS["FC_REFS"]
ARCHIVE_HELI_LINK = f"https://{FC_DOMAIN}/2021/07/19/hoaks-penyemprotan-disinfektan-dari-helikopter-malam-ini-pukul-23-00/"
MEDIUM = WORLD["MEDIUM"]
VERDICT_SENTENCE = TEXTS["VERDICT_SENTENCE"]
FC_WRITERS = ["Tim Cek Fakta", "Relawan Pemeriksa Fakta", "Redaksi Cek Hoaks", "Tim Verifikasi"]


def fc_item(
    ts,
    verdict,
    title,
    claim,
    medium,
    expl: list[str],
    counter,
    category,
    refs,
    key,
    file,
    quoted=None,
):
    link = f"https://{FC_DOMAIN}/{ts:%Y/%m/%d}/{slugify(verdict + ' ' + title)}/"
    claim_flat = re.sub(r"\s*\n+\s*", " ", claim).strip()
    kes = (
        VERDICT_SENTENCE[verdict]
        + " Berdasarkan tujuh jenis mis- dan disinformasi First Draft, konten ini termasuk"
        + f" {category}."
    )
    desc = (
        f"Beredar {medium} yang berisi narasi: “{claim_flat}” "
        f"PENJELASAN: {' '.join(expl)} KESIMPULAN: {kes} "
        f"PESAN PENANGKAL: {counter} REFERENSI: {' '.join(refs)}"
    )
    content = (
        f"<p>Beredar {xml_escape(medium)} yang berisi narasi: "
        f"“{xml_escape(claim).replace(chr(10), '<br />')}”</p>\n"
        f"<p><strong>PENJELASAN:</strong></p>\n"
        + "".join(f"<p>{xml_escape(x)}</p>\n" for x in expl)
        + f"<p><strong>KESIMPULAN:</strong> {xml_escape(kes)}</p>\n"
        f"<p><strong>PESAN PENANGKAL:</strong> {xml_escape(counter)}</p>\n"
        f"<p><strong>REFERENSI:</strong><br />"
        + "<br />".join(f'<a href="{xml_escape(u)}">{xml_escape(u)}</a>' for u in refs)
        + "</p>\n"
    )
    _post_no["fc"] = _post_no.get("fc", 12000) + rng.randint(5, 60)
    rec = dict(
        ts=ts,
        verdict=verdict,
        title=f"[{verdict}] {title}",
        link=link,
        guid=f"https://{FC_DOMAIN}/?p={_post_no['fc']}",
        creator=rng.choice(FC_WRITERS),
        description=desc,
        content=content,
        key=key,
        file=file,
        categories=[
            {"PENIPUAN": "Penipuan", "KLARIFIKASI": "Klarifikasi"}.get(verdict, "Hoaks"),
            "Cek Fakta",
        ],
        quoted=quoted,
        claim=claim_flat,
    )
    FACTCHECKS.append(rec)
    return rec


def gen_factchecks():
    tz = dt.timezone(dt.timedelta(hours=7))
    for day, key, verdict, title, category, flt in FC_SCHEDULE:
        N = NARR[key]
        pool = [p for p in POSTS if p["key"] == key and p["kind"] == "narr" and p["day"] < day]

        def ok(p, flt=flt):
            if any(m.lower() not in p["text"].lower() for m in flt.get("must", [])):
                return False
            if "regions" in flt and p["region"] not in flt["regions"]:
                return False
            return not ("provs" in flt and prov_of(p["region"]) not in flt["provs"])

        good = [p for p in pool if ok(p)]
        good.sort(key=lambda p: (p["platform"] != "whatsapp", p["platform"] != "facebook"))
        quoted = rng.choice(good[: max(3, len(good) // 2)]) if good else None
        if quoted is None:
            raise RuntimeError(f"no post to quote for fact-check {key} day {day} {flt}")
        ts = make_ts(day, tz, {h: 1 for h in range(9, 21)})
        refs = list(FC_REFS.get(key, []))
        refs += [n["link"] for n in NEWS if n["key"] == "clarification:" + key and n["day"] < day][
            :2
        ]
        if key == "helikopter-semprot":
            refs.append(ARCHIVE_HELI_LINK)
        expl = list(N["fc_expl"])
        fc_item(
            ts,
            verdict,
            title,
            quoted["text"],
            MEDIUM.get(quoted["platform"], "pesan berantai"),
            expl,
            N["counter"],
            category,
            refs,
            key,
            f"inbox/{DAYS[day]}/factchecks.xml",
            quoted=(quoted["source"], quoted["id"]),
        )
    for day, verdict, title, claim, expl, category in FC_UNRELATED:
        ts = make_ts(day, tz, {h: 1 for h in range(9, 21)})
        fc_item(
            ts,
            verdict,
            title,
            claim,
            "pesan berantai di WhatsApp",
            [expl],
            "Selalu periksa sumber informasi sebelum membagikannya.",
            category,
            [f"https://{FC_DOMAIN}/panduan-cek-fakta/"],
            "",
            f"inbox/{DAYS[day]}/factchecks.xml",
        )
    for when, fmt, verdict, title, key, claim, expl in FC_ARCHIVE:
        ts = when.replace(tzinfo=tz)
        rec = fc_item(
            ts,
            verdict,
            title,
            claim,
            "pesan berantai di WhatsApp",
            [expl],
            "Selalu periksa sumber informasi sebelum membagikannya.",
            "konten palsu (fabricated content)",
            [f"https://{FC_DOMAIN}/panduan-cek-fakta/"],
            key,
            "inbox/2026-11-07/factchecks-archive.xml",
        )
        rec["datefmt"] = fmt
        if key == "helikopter-semprot":
            rec["link"] = ARCHIVE_HELI_LINK


# =============================================================================================
# Output
# =============================================================================================
def fmt_ts(p: dict) -> str:
    ts = p["ts"]
    if p["platform"] == "x":
        return (
            ts.strftime("%Y-%m-%dT%H:%M:%S")
            + ".000"
            + ts.strftime("%z")[:3]
            + ":"
            + ts.strftime("%z")[3:]
        )
    if p["platform"] in ("government", "kim"):
        return ts.isoformat(timespec="minutes")
    return ts.isoformat()


def region_hint(p: dict) -> str | None:
    src = SRC[p["source"]]
    r = p["region"]
    if not r:
        return None
    prob = 0.7 if src.official else 0.3
    if rng.random() >= prob:
        return None
    choice = rng.random()
    if src.home and choice < 0.25:
        return src.home  # Kemendagri code of the account's home
    if choice < 0.45:
        return r if rng.random() < 0.6 else prov_of(r)  # Kemendagri code of the place
    if choice < 0.8:
        return rng.choice(REG[r][1])  # place name as people write it
    return PROV[prov_of(r)][0]  # province name


def shares_for(p: dict) -> int:
    hoax = bool(p["key"]) and not p["key"].startswith("clarification:") and NARR[p["key"]]["hoax"]
    mu = 3.4 if hoax else (2.3 if p["key"] else 1.1)
    return int(rng.lognormvariate(mu, 1.2))


def to_json(p: dict) -> dict:
    src = SRC[p["source"]]
    o = {"id": p["id"], "text": p["text"], "published_at": fmt_ts(p), "source": p["source"]}
    plat = p["platform"]
    if plat == "facebook" and rng.random() < 0.92:
        o["url"] = (
            f"https://facebook.example/groups/{p['source'][3:]}/posts/{p['id'].split('_')[1]}"
        )
    elif plat == "instagram" and rng.random() < 0.92:
        o["url"] = f"https://instagram.example/p/{p['id']}/"
    elif plat == "x":
        o["url"] = f"https://x.example/{p['author'].lstrip('@')}/status/{p['id']}"
    elif plat == "telegram" and rng.random() < 0.9:
        o["url"] = f"https://t.example/{p['source'][3:]}/{p['id']}"
    elif plat in ("government", "kim"):
        o["url"] = (
            f"https://{p['source']}.example.id/berita/{p['id']}/"
            f"{slugify(p['title'] or p['text'][:50])[:60]}"
        )
    if rng.random() < (0.85 if plat == "whatsapp" else 0.97):
        o["author"] = p["author"]
    if p.get("title"):
        o["title"] = p["title"]
    if rng.random() < 0.45:
        o["lang"] = (
            "id-ID"
            if (lang_for(p["register"]) == "id" and rng.random() < 0.08)
            else lang_for(p["register"])
        )
    rh = region_hint(p)
    if rh:
        o["region_hint"] = rh
    if rng.random() < 0.82:
        o["platform"] = plat
    if p.get("reply_to"):
        o["reply_to"] = p["reply_to"]
    if plat in ("facebook", "x") or (plat == "telegram" and rng.random() < 0.6):
        o["shares"] = shares_for(p)
    # fields the pipeline does not know; it must keep them
    if plat == "whatsapp":
        if src.group_name and rng.random() < 0.6:
            o["group_name"] = src.group_name
        if p["kind"] == "dup" or (p["key"] and rng.random() < 0.3):
            o["forwarded_many_times"] = True
    elif plat in ("facebook", "instagram", "x") and rng.random() < 0.75:
        o["likes"] = shares_for(p) * rng.randint(1, 6)
    elif plat == "telegram" and rng.random() < 0.8:
        o["views"] = shares_for(p) * rng.randint(20, 80) + rng.randint(50, 900)
    elif plat in ("government", "kim") and rng.random() < 0.7:
        o["category"] = (
            "Klarifikasi Hoaks"
            if p["kind"] == "clar"
            else rng.choice(["Informasi Publik", "Pengumuman", "Berita Daerah"])
        )
    return o


# (day index, kind, 1-based line number in that day's posts.jsonl, reason the pipeline should give)
MALFORMED = TEXTS["MALFORMED"]


def malformed_line(day: int, kind: str) -> str:
    region = rng.choice(["35.73", "33.74", "32.73", "12.71", "73.71", "34.04"])
    src = pick_source_any("whatsapp", region, chatter=True)
    ts = make_ts(day, tz_of(region))
    pid = new_id(src, ts, day)
    text = render(
        rng.choice(
            [
                t[1]
                for t in CHATTER
                if len(t) == 2 and "{team}" not in t[1] and "{wisata}" not in t[1]
            ]
        ),
        region,
        chatter_pools(region, day),
    )
    o = {
        "id": pid,
        "text": text,
        "published_at": ts.isoformat(),
        "source": src.source,
        "author": pick_author(src),
        "platform": "whatsapp",
    }
    if kind == "truncated_json":
        s = json.dumps(o, ensure_ascii=False)
        cut = s.index('"text": "') + 9 + max(5, len(text) // 2)
        return s[:cut]
    if kind == "json_array":
        return json.dumps([o["id"], o["text"], o["published_at"], o["source"]], ensure_ascii=False)
    if kind == "missing_text":
        del o["text"]
    elif kind == "empty_text":
        o["text"] = ""
    elif kind == "unparseable_published_at":
        o["published_at"] = "Rabu sore, jam 5-an"
    elif kind == "missing_source":
        del o["source"]
    return json.dumps(o, ensure_ascii=False)


def cdata(s: str) -> str:
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rss_doc(
    title: str, link: str, desc: str, build: dt.datetime, items_xml: list[str], indonesian=False
) -> str:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0"\n\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n\t>\n\n<channel>\n'
    )
    ch = (
        f"\t<title>{xml_escape(title)}</title>\n"
        f'\t<atom:link href="{xml_escape(link)}/feed/" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{xml_escape(link)}</link>\n\t<description>{xml_escape(desc)}</description>\n"
        f"\t<lastBuildDate>{fmt_rfc822(build, indonesian)}</lastBuildDate>\n"
        "\t<language>id</language>\n"
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        "\t<generator>https://wordpress.org/?v=6.6.2</generator>\n"
    )
    return head + ch + "".join(items_xml) + "\t</channel>\n</rss>\n"


def item_xml(title, link, creator, pubdate, categories, guid, description, content) -> str:
    cats = "".join(f"\t\t<category>{cdata(c)}</category>\n" for c in categories)
    return (
        f"\t<item>\n\t\t<title>{xml_escape(title)}</title>\n\t\t<link>{xml_escape(link)}</link>\n"
        f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n\t\t<pubDate>{pubdate}</pubDate>\n{cats}"
        f'\t\t<guid isPermaLink="false">{xml_escape(guid)}</guid>\n\n'
        f"\t\t<description>{cdata(description)}</description>\n"
        f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n\t</item>\n"
    )


def write_csv(path: Path, header: list[str], rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def build_labels() -> list[list]:
    """~500 labelled posts, balanced-ish, every narrative covered, plus a few conflicting
    double labels."""
    labellers = ["anotator-01", "anotator-02", "anotator-03"]
    rows = []
    chosen = set()

    def lab(p, label, labeller=None, note=""):
        d = DAYS[p["day"]] + dt.timedelta(days=rng.randint(1, 3))
        d = min(d, dt.date(2026, 11, 23))
        rows.append(
            [
                p["id"],
                p["source"],
                p["text"],
                label,
                labeller or rng.choice(labellers),
                d.isoformat(),
                note,
            ]
        )
        chosen.add((p["source"], p["id"]))

    originals = [
        p for p in POSTS if p["kind"] in ("narr", "chatter", "official", "clar", "reshare")
    ]
    for key, N in NARR.items():
        mine = [p for p in originals if p["key"] == key]
        k = min(len(mine), 15 if N["hoax"] else 12)
        for p in rng.sample(mine, k):
            lab(p, "hoax" if N["hoax"] else "not_hoax")
    chatter = [p for p in originals if p["kind"] == "chatter"]
    for p in rng.sample(chatter, 140):
        lab(p, "not_hoax")
    official = [p for p in originals if p["kind"] == "official"]
    for p in rng.sample(official, min(20, len(official))):
        lab(p, "not_hoax")
    clar = [p for p in originals if p["kind"] in ("clar", "reshare")]
    for p in rng.sample(clar, min(40, len(clar))):
        lab(p, "not_hoax", note=rng.choice(["", "", "klarifikasi resmi", "membantah hoaks"]))
    # a few near-duplicates, so the classifier sees forwarded variants
    dups = [
        p
        for p in POSTS
        if p["kind"] == "dup" and p["dup_kind"] == "near" and p["key"] and NARR[p["key"]]["hoax"]
    ]
    for p in rng.sample(dups, 12):
        lab(p, "hoax", note="terusan (near-duplicate)")
    # conflicting double labels: posts that ask about a hoax rather than assert it, and a
    # hedged herbal post
    questions = [
        p for p in POSTS if p["kind"] == "reply" and not p["key"].startswith("clarification:")
    ]
    herbal_q = [
        p
        for p in POSTS
        if p["key"] == "herbal-dbd" and p["kind"] == "narr" and "Bener gak sih" in p["text"]
    ]
    conflict = rng.sample(questions, 3) + herbal_q[:1]
    for p in conflict:
        if (p["source"], p["id"]) in chosen:
            rows = [r for r in rows if (r[1], r[0]) != (p["source"], p["id"])]
        a, b = rng.sample(labellers, 2)
        lab(p, "hoax", a, "ikut menyebarkan klaim")
        lab(p, "not_hoax", b, "tidak menegaskan klaim, hanya bertanya/bereaksi")
    rows.sort(key=lambda r: (r[5], r[1], r[0], r[4]))
    return rows


def main():
    for d in (INBOX, TRUTH):
        if d.exists():
            shutil.rmtree(d)
    for f in ("sources.csv", "labels.csv"):
        if (HERE / f).exists():
            (HERE / f).unlink()

    counts = {k: daily_counts(N) for k, N in NARR.items()}
    for day in range(NDAYS):
        gen_chatter(day)
        for key in NARR:
            for _ in range(counts[key][day]):
                gen_narrative_post(key, day)
    gen_duplicates()
    gen_clarifications()
    gen_news()
    gen_factchecks()

    for p in POSTS:
        assert not has_phone_like(p["text"]), p["text"]
        assert p["ts"].astimezone(p["ts"].tzinfo).date() == DAYS[p["day"]] or p["late"], (
            p["source"],
            p["id"],
        )

    # ---- posts.jsonl ------------------------------------------------------------------------
    malformed_rows = []
    file_order = []
    for day in range(NDAYS):
        todays = [p for p in POSTS if p["day"] == day]
        ontime = sorted(
            [p for p in todays if not p["late"]],
            key=lambda p: (p["ts"].astimezone(dt.UTC), p["source"], p["id"]),
        )
        late = sorted(
            [p for p in todays if p["late"]],
            key=lambda p: (p["ts"].astimezone(dt.UTC), p["source"], p["id"]),
        )
        ordered = ontime + late
        lines = [json.dumps(to_json(p), ensure_ascii=False) for p in ordered]
        for mday, kind, line_no, reason in MALFORMED:
            if mday == day:
                lines.insert(line_no - 1, malformed_line(day, kind))
                malformed_rows.append(
                    [DAYS[day].isoformat(), f"inbox/{DAYS[day]}/posts.jsonl", line_no, kind, reason]
                )
        out = INBOX / DAYS[day].isoformat() / "posts.jsonl"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        file_order.extend(ordered)

    # ---- news-<portal>.xml --------------------------------------------------------------------
    for day in range(NDAYS):
        for portal, P in PORTALS.items():
            items = sorted(
                [n for n in NEWS if n["day"] == day and n["portal"] == portal],
                key=lambda n: n["ts"],
                reverse=True,
            )
            if not items:
                continue
            xs = []
            for n in items:
                if P.get("iso_day") == day:
                    pub = n["ts"].isoformat()
                else:
                    pub = fmt_rfc822(n["ts"], indonesian=(P["datefmt"] == "id"))
                xs.append(
                    item_xml(
                        n["title"],
                        n["link"],
                        n["creator"],
                        pub,
                        [n["category"]],
                        n["guid"],
                        n["description"],
                        n["content"],
                    )
                )
            build = max(n["ts"] for n in items)
            doc = rss_doc(
                P["name"],
                f"https://{P['domain']}",
                P["tagline"],
                build,
                xs,
                indonesian=(P["datefmt"] == "id"),
            )
            (INBOX / DAYS[day].isoformat() / f"news-{portal}.xml").write_text(doc, encoding="utf-8")
            for n in items:
                n["file"] = f"inbox/{DAYS[day]}/news-{portal}.xml"

    id_days = {n["day"] for n in NEWS if PORTALS[n["portal"]]["datefmt"] == "id"}
    iso_days = {n["day"] for n in NEWS if PORTALS[n["portal"]].get("iso_day") == n["day"]}
    assert len(id_days) >= 3 and len(iso_days) == 1, (id_days, iso_days)

    # ---- factchecks.xml / factchecks-archive.xml -----------------------------------------------
    by_file = defaultdict(list)
    for fc in FACTCHECKS:
        by_file[fc["file"]].append(fc)
    for file, items in sorted(by_file.items()):
        items.sort(key=lambda x: x["ts"], reverse=True)
        xs = []
        for fc in items:
            pub = fmt_rfc822(fc["ts"], indonesian=(fc.get("datefmt") == "id"))
            xs.append(
                item_xml(
                    fc["title"],
                    fc["link"],
                    fc["creator"],
                    pub,
                    fc["categories"],
                    fc["guid"],
                    fc["description"],
                    fc["content"],
                )
            )
        doc = rss_doc(
            "Cek Hoaks Nusantara",
            f"https://{FC_DOMAIN}",
            "Arsip pemeriksaan fakta (sampel sintetis)",
            items[0]["ts"],
            xs,
        )
        (HERE / file).write_text(doc, encoding="utf-8")

    # ---- sources.csv ----------------------------------------------------------------------------
    src_rows = [
        [s.source, s.platform, s.home, "true" if s.official else "false", s.desc] for s in SOURCES
    ]
    for portal, P in PORTALS.items():
        src_rows.append(
            [
                f"news-{portal}",
                "news",
                "",
                "false",
                f"Portal berita regional fiktif {P['name']} ({P['domain']}), "
                f"RSS inbox/<tanggal>/news-{portal}.xml",
            ]
        )
    # Declared as a fact-check source (kind, publisher, feed pattern): only a declared feed is
    # read as fact-checks (pipelines/connectors/factcheck_rss.py).
    src_rows.append(
        [
            FACTCHECK_SOURCE,
            "news",
            "",
            "true",
            f"Situs cek fakta fiktif gaya TurnBackHoax/Mafindo ({FC_DOMAIN}), "
            "RSS inbox/<tanggal>/factchecks.xml",
            "factcheck",
            "cek-hoaks-nusantara",
            "factchecks*.xml",
        ]
    )
    used = {p["source"] for p in POSTS}
    assert used <= {r[0] for r in src_rows}
    write_csv(
        HERE / "sources.csv",
        [
            "source",
            "platform",
            "home_region",
            "official",
            "description",
            "kind",
            "publisher",
            "feed",
        ],
        src_rows,
    )

    # ---- labels.csv -----------------------------------------------------------------------------
    labels = build_labels()
    write_csv(
        HERE / "labels.csv",
        ["post_id", "source", "text", "label", "labeller", "labelled_at", "note"],
        labels,
    )

    # ---- truth ----------------------------------------------------------------------------------
    write_csv(
        TRUTH / "narratives.csv",
        ["source", "id", "narrative_key"],
        [[p["source"], p["id"], p["key"]] for p in file_order],
    )
    write_csv(
        TRUTH / "narratives_meta.csv",
        ["narrative_key", "title_id", "topic", "dynamics", "hoax"],
        [
            [k, N["title"], N["topic"], N["dynamics"], "true" if N["hoax"] else "false"]
            for k, N in NARR.items()
        ],
    )
    write_csv(
        TRUTH / "post_regions.csv",
        ["source", "id", "region_code"],
        [[p["source"], p["id"], p["region"] or ""] for p in file_order],
    )
    write_csv(
        TRUTH / "duplicates.csv",
        ["source", "id", "dup_of_source", "dup_of_id", "kind"],
        [
            [p["source"], p["id"], p["dup_of"][0], p["dup_of"][1], p["dup_kind"]]
            for p in file_order
            if p["dup_of"]
        ],
    )
    write_csv(
        TRUTH / "news.csv",
        ["file", "source", "guid", "link", "narrative_key", "region_code"],
        [
            [n["file"], n["source"], n["guid"], n["link"], n["key"], n["region"]]
            for n in sorted(NEWS, key=lambda n: (n["file"], n["ts"]))
        ],
    )
    write_csv(
        TRUTH / "factchecks.csv",
        [
            "file",
            "source",
            "guid",
            "link",
            "verdict",
            "narrative_key",
            "published_at",
            "quoted_post_source",
            "quoted_post_id",
        ],
        [
            [
                fc["file"],
                FACTCHECK_SOURCE,
                fc["guid"],
                fc["link"],
                fc["verdict"],
                fc["key"],
                fc["ts"].isoformat(),
                fc["quoted"][0] if fc["quoted"] else "",
                fc["quoted"][1] if fc["quoted"] else "",
            ]
            for fc in sorted(FACTCHECKS, key=lambda x: x["ts"])
        ],
    )
    write_csv(
        TRUTH / "malformed.csv", ["date", "file", "line", "kind", "expected_reason"], malformed_rows
    )
    # response lag per narrative x province (regional official sources only; national channels
    # listed separately)
    compute_first_seen()
    lag_rows = []
    for key, N in NARR.items():
        if not N["hoax"]:
            continue
        provs = sorted({prov_of(c) for (k, c) in FIRST_SEEN if k == key})
        for pv in provs:
            first = min(d for (k, c), d in FIRST_SEEN.items() if k == key and prov_of(c) == pv)
            cl = [
                p
                for p in CLARIFICATIONS
                if p["key"] == "clarification:" + key and p["region"] and prov_of(p["region"]) == pv
            ]
            if cl:
                c0 = min(cl, key=lambda p: (p["day"], p["ts"]))
                lag_rows.append(
                    [
                        key,
                        pv,
                        PROV[pv][0],
                        DAYS[first].isoformat(),
                        DAYS[c0["day"]].isoformat(),
                        c0["day"] - first,
                        c0["source"],
                    ]
                )
            else:
                lag_rows.append([key, pv, PROV[pv][0], DAYS[first].isoformat(), "", "", ""])
        nat = [p for p in CLARIFICATIONS if p["key"] == "clarification:" + key and not p["region"]]
        if nat:
            c0 = min(nat, key=lambda p: (p["day"], p["ts"]))
            first = min(d for (k, c), d in FIRST_SEEN.items() if k == key)
            lag_rows.append(
                [
                    key,
                    "",
                    "(nasional)",
                    DAYS[first].isoformat(),
                    DAYS[c0["day"]].isoformat(),
                    c0["day"] - first,
                    c0["source"],
                ]
            )
    write_csv(
        TRUTH / "response_lag.csv",
        [
            "narrative_key",
            "province_code",
            "province",
            "first_seen",
            "first_official_clarification",
            "lag_days",
            "clarified_by",
        ],
        lag_rows,
    )

    summary(file_order, malformed_rows, labels)


def summary(file_order, malformed_rows, labels):
    print("Pantau sample data (SYNTHETIC) written under", HERE)
    print("\nPosts per day (valid lines + malformed):")
    for day in range(NDAYS):
        n = sum(1 for p in file_order if p["day"] == day)
        m = sum(1 for r in malformed_rows if r[0] == DAYS[day].isoformat())
        nn = sum(1 for x in NEWS if x["day"] == day)
        nf = sum(1 for x in FACTCHECKS if x["file"] == f"inbox/{DAYS[day]}/factchecks.xml")
        print(f"  {DAYS[day]}  posts={n:4d}  malformed={m}  news={nn:2d}  factchecks={nf}")
    print(
        f"  total posts={len(file_order)}  news={len(NEWS)}  "
        f"factchecks={sum(1 for f in FACTCHECKS if 'archive' not in f['file'])}"
        f"  archive={sum(1 for f in FACTCHECKS if 'archive' in f['file'])}"
    )
    social = [p for p in file_order if not SRC[p["source"]].official]
    dups = [p for p in social if p["kind"] == "dup"]
    print(
        f"  social posts={len(social)}  duplicates={len(dups)} "
        f"({100 * len(dups) / len(social):.1f}%: "
        f"{sum(1 for p in dups if p['dup_kind'] == 'exact')} exact, "
        f"{sum(1 for p in dups if p['dup_kind'] == 'near')} near)"
    )
    print(
        "\nPosts per narrative (incl. duplicates and replies) / clarifications / per-day profile:"
    )
    for k, N in NARR.items():
        mine = [p for p in file_order if p["key"] == k]
        clar = [p for p in file_order if p["key"] == "clarification:" + k]
        prof = [sum(1 for p in mine if p["day"] == d) for d in range(NDAYS)]
        print(
            f"  {k:22s} {N['dynamics']:9s} hoax={str(N['hoax']).lower():5s} "
            f"posts={len(mine):4d} clar={len(clar):3d}  {prof}"
        )
    print(f"  (no narrative)         posts={sum(1 for p in file_order if not p['key'])}")
    provs = sorted({prov_of(p["region"]) for p in file_order if p["region"]})
    print(f"\nProvinces covered ({len(provs)}): " + ", ".join(f"{c} {PROV[c][0]}" for c in provs))
    print(f"Regencies/cities covered: {len({p['region'] for p in file_order if p['region']})}")
    print(f"\nMalformed lines: {len(malformed_rows)}")
    for r in malformed_rows:
        print(f"  {r[1]} line {r[2]}: {r[3]}")
    lab = Counter(r[3] for r in labels)
    print(f"\nlabels.csv rows={len(labels)} {dict(lab)}")
    files = sorted(str(p.relative_to(HERE)) for p in HERE.rglob("*") if p.is_file())
    total = sum((HERE / f).stat().st_size for f in files)
    print(f"\nFiles ({len(files)}, {total / 1e6:.2f} MB):")
    for f in files:
        print("  " + f)


if __name__ == "__main__":
    main()
