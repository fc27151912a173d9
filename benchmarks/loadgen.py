"""Synthetic load: N days of realistic volume written straight into a warehouse, DuckDB-side.

For measuring analyst queries at scale (benchmarks/cookbook_bench.py), not for analysis: every
post, author and narrative is invented. Rows are generated with range() and a seeded hash, so
the same arguments give the same warehouse, and no Python loop touches individual posts (Python
only loops over chunks of days). What it fills: sources, regions, raw_posts, stg_posts,
post_regions, post_scores, narrative_dim, narrative_posts, narrative_events, fact_checks,
quarantine, runs, models; then the marts. Embeddings and narrative_day_sums stay empty (vectors
are not needed by any analyst query).

Shapes it imitates: a few sources and authors produce most posts (power laws), narratives are
born every day and live a few days with heavy-tailed sizes, regions follow population with
narratives concentrated in a home region, ~15 % duplicates (mostly WhatsApp forwards), ~6 % of
posts arrive a day late, ~0.4 % of records are quarantined, a weekly rhythm, and the classifier
is replaced mid-period with a drifting score distribution.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import duckdb

from warehouse.connection import WarehouseError, writer
from warehouse.sqlutil import scalar

MAX_POSTS = 20_000_000
CHUNK_POSTS = 2_000_000
CHUNK_DAYS = 1

# Hoax themes seen in Indonesian fact-checks: label keywords, flag probability, phrasings.
_TOPICS: list[tuple[str, float, list[str]]] = [
    ("vaksin, chip, 5g", 0.9, [
        "PENTING!! Vaksin booster di puskesmas mengandung chip pelacak 5G, jangan mau disuntik",
        "Katanya vaksin booster itu isinya microchip buat melacak kita lewat sinyal 5G",
        "Hati2 vaksin yg dibagikan ada chipnya, sebarkan ke keluarga"]),
    ("gempa, megathrust, mengungsi", 0.85, [
        "BMKG memprediksi gempa megathrust M9 minggu depan, warga diminta mengungsi",
        "Info A1 gempa besar akan terjadi besok malam, segera evakuasi",
        "Katanya BMKG sudah prediksi tanggal gempa megathrust, siapkan tas siaga"]),
    ("bansos, blt, link", 0.9, [
        "Pendaftaran BLT Rp 3,5 juta lewat link ini, buruan sebelum ditutup",
        "Bansos tunai cair hari ini, isi data KTP di tautan berikut",
        "Klaim bantuan subsidi upah lewat WA admin ini ya bund"]),
    ("penculikan, anak, mobil", 0.8, [
        "Waspada penculikan anak pakai mobil putih, sudah 3 korban",
        "Ada komplotan penculik anak menyamar jadi pengemis, hati2",
        "Anak SD hampir diculik tadi pagi, tolong jaga anak-anak"]),
    ("beras, plastik, pasar", 0.85, [
        "Beras plastik beredar di pasar, cek dengan cara dibakar",
        "Awas beras sintetis dari luar negeri dijual murah di warung",
        "Beras yg kita makan ternyata campur plastik, ini buktinya"]),
    ("surat suara, kpu, tercoblos", 0.8, [
        "Surat suara sudah tercoblos ditemukan di gudang KPU",
        "Kontainer berisi surat suara tercoblos datang dari pelabuhan",
        "KPU sengaja coblos surat suara sebelum hari H, viralkan"]),
    ("tsunami, air laut, surut", 0.85, [
        "Air laut surut, tsunami akan datang malam ini, segera naik ke bukit",
        "Peringatan tsunami dari BMKG beredar di grup, warga pesisir panik",
        "Tsunami besar diprediksi terjadi pekan ini kata ahli"]),
    ("bendungan, jebol, banjir", 0.8, [
        "Bendungan jebol, banjir besar menuju kota, segera mengungsi",
        "Tanggul sungai retak dan akan jebol malam ini",
        "Air bendungan dilepas, banjir bandang sampai 2 meter"]),
    ("pln, listrik, padam", 0.7, [
        "PLN akan padamkan listrik total 3 hari mulai besok",
        "Pemadaman listrik serentak se-pulau, siapkan lilin",
        "Listrik padam seminggu karena gardu induk rusak, kata orang PLN"]),
    ("telur, palsu, pabrik", 0.8, [
        "Telur palsu dari pabrik beredar di warung, kuningnya dari bahan kimia",
        "Cara membedakan telur asli dan telur palsu yg beredar",
        "Telur buatan pabrik masuk pasar tradisional"]),
    ("uang, pecahan, tidak berlaku", 0.75, [
        "Uang pecahan lama tidak berlaku mulai bulan depan, segera tukarkan",
        "BI tarik uang kertas Rp 100 ribu lama, hari terakhir besok",
        "Uang koin tidak laku lagi mulai tahun depan"]),
    ("sirsak, kanker, obat", 0.7, [
        "Rebusan daun sirsak sembuhkan kanker dalam seminggu",
        "Dokter sembunyikan obat kanker alami ini",
        "Minum air rebusan ini setiap pagi, sel kanker mati"]),
    ("cpns, lowongan, bayar", 0.85, [
        "Lowongan CPNS tanpa tes, bayar Rp 5 juta lewat WA ini",
        "Jalur khusus PPPK dibuka, hubungi admin untuk kuota",
        "Rekrutmen pegawai BUMN tanpa tes, kuota terbatas"]),
    ("bbm, pertalite, naik", 0.6, [
        "Harga Pertalite naik jadi Rp 15 ribu mulai malam ini",
        "SPBU antre panjang karena BBM naik besok pagi",
        "Solar subsidi dihapus mulai bulan depan"]),
    ("e-ktp, ganti, bayar", 0.75, [
        "e-KTP lama harus diganti, bayar Rp 200 ribu di kelurahan",
        "KTP elektronik tidak berlaku lagi tahun depan",
        "Data e-KTP bocor, segera ganti PIN lewat link ini"]),
    ("posyandu, jadwal, balita", 0.05, [
        "Jadwal posyandu bulan ini di balai desa, bawa buku KIA",
        "Imunisasi balita gratis di puskesmas hari Sabtu",
        "Posyandu lansia dibuka kembali minggu depan"]),
    ("jalan, perbaikan, macet", 0.05, [
        "Perbaikan jalan utama mulai Senin, siapkan jalur alternatif",
        "Jalan provinsi ditutup sementara karena pengaspalan",
        "Macet parah di jalur mudik, polisi berlakukan contraflow"]),
]

_CHATTER = [
    "Selamat pagi semua, semoga sehat selalu", "Ada yang tahu bengkel motor buka hari ini?",
    "Harga cabai di pasar naik lagi", "Info lowongan kerja resmi dari Disnaker",
    "Nonton bola bareng nanti malam di pos ronda", "Hujan deras dari sore, hati2 di jalan",
    "Besok kerja bakti membersihkan selokan", "Terima kasih bantuannya kemarin bapak ibu",
    "Pengajian rutin malam Jumat di masjid", "Jual motor bekas kondisi mulus, minat japri",
    "Antrean di kantor samsat panjang sekali", "Listrik sudah nyala lagi di RT 03",
]

_PLATFORMS = [  # platform, share of sources, official
    ("whatsapp", 32, False), ("facebook", 24, False), ("x", 14, False), ("telegram", 9, False),
    ("tiktok", 7, False), ("news", 7, False), ("kim", 4, True), ("government", 3, True),
]

_QUARANTINE_REASONS = [
    "invalid JSON: Expecting ',' delimiter", "invalid JSON: Unterminated string",
    "empty 'text'", "expected a JSON object, got list", "missing 'published_at'",
    "unparseable date 'kemarin sore'", "fact-check title has no [VERDICT] tag",
    "text is not valid UTF-8",
]


@dataclass(frozen=True)
class LoadResult:
    path: Path
    days: int
    posts: int
    narratives: int
    seconds: float


def _sql_list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _topics_sql() -> str:
    rows = []
    for i, (keywords, flag_p, phrases) in enumerate(_TOPICS):
        rows.append(f"({i}, '{keywords}', {flag_p}, {_sql_list(phrases)})")
    return ",\n".join(rows)


def generate(
    con: duckdb.DuckDBPyConnection,
    days: int,
    posts_per_day: int,
    end: date = date(2026, 11, 22),
    seed: int = 7,
    progress: Callable[[str], None] | None = None,
) -> tuple[int, int]:
    """Fill an empty warehouse's base tables (schema 001 or later); return (posts, narratives)."""
    if days < 1 or posts_per_day < 10:
        raise ValueError("need at least 1 day and 10 posts per day")
    if days * posts_per_day > MAX_POSTS:
        raise ValueError(f"at most {MAX_POSTS:,} posts")
    existing = scalar(con, "SELECT count(*) FROM raw_posts")
    if existing:
        raise WarehouseError("loadgen writes into an empty warehouse; this one already has "
                             f"{existing} posts. Give a new PATH.")
    say = progress or (lambda _msg: None)
    start = end - timedelta(days=days - 1)
    m = posts_per_day
    n_dup = m * 15 // 100
    n_orig = m - n_dup
    n_sources = max(40, min(3000, m // 40))
    n_authors = max(200, min(2_000_000, days * m // 12))
    new_per_day = max(3, m // 400)
    switch_day = start + timedelta(days=(days * 3) // 5)  # the classifier is replaced here

    con.execute("SET enable_progress_bar = false")
    con.execute(f"CREATE OR REPLACE TEMP MACRO _u(i, salt) AS"
                f" (hash(i, salt, {seed}) % 1000003) / 1000003.0")
    _reference_tables(con, n_sources)
    say(f"{n_sources} sources, {n_authors} authors, {new_per_day} new narratives a day")

    # Narratives: born every day, heavy-tailed size, a home region, living a few days.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _narr AS
        WITH base AS (
            SELECT i AS n_idx,
                   DATE '{start}' + (i // {new_per_day})::INTEGER AS created_day,
                   floor(_u(i, 101) * (SELECT count(*) FROM _topics))::INTEGER AS topic_id,
                   1 + least(29, floor(-ln(1 - _u(i, 102) * 0.999) * 4))::INTEGER AS lifetime,
                   least(200.0, pow(1 - _u(i, 103) * 0.999, -1.3)) AS weight,
                   floor(_u(i, 104) * (SELECT count(*) FROM _reg_slots))::INTEGER AS slot,
                   _u(i, 105) AS u_flag, _u(i, 106) AS u_fc,
                   floor(_u(i, 107) * 6)::INTEGER AS fc_lag
            FROM range({days * new_per_day}) t(i)
        )
        SELECT b.*, 'N' || strftime(b.created_day, '%Y%m%d') || '-'
                   || substr(md5(b.n_idx::VARCHAR || '-{seed}'), 1, 8) AS narrative_id,
               t.keywords, t.phrases,
               b.u_flag < 0.55 * t.flag_p AS flagged,
               b.u_flag < 0.55 * t.flag_p AND b.u_fc < 0.4 AS has_fc,
               rs.region_code AS regency_code, rs.province_code
        FROM base b JOIN _topics t USING (topic_id) JOIN _reg_slots rs USING (slot)
    """)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _active AS
        WITH a AS (
            SELECT d::DATE AS day, n.narrative_id, n.n_idx,
                   n.weight * (1 - (d::DATE - n.created_day) / (n.lifetime + 1.0)) AS w
            FROM _narr n, generate_series(n.created_day,
                                          n.created_day + n.lifetime - 1, INTERVAL 1 DAY) g(d)
            WHERE d::DATE <= DATE '{end}'
        )
        SELECT day, n_idx,
               (row_number() OVER (PARTITION BY day ORDER BY w DESC, n_idx) - 1)::INTEGER AS k,
               count(*) OVER (PARTITION BY day) AS n_active
        FROM a
    """)
    con.execute("CREATE OR REPLACE TEMP TABLE _nagg (narrative_id VARCHAR, n BIGINT,"
                " score_sum DOUBLE, last_day DATE, first_post VARCHAR)")

    # One day at a time, each insert committed: one transaction over every day kept all of
    # it (and its key indexes) in memory, >10 GB by 1.6M posts on the way to 10M.
    chunk_days = max(1, min(CHUNK_POSTS // m, CHUNK_DAYS))
    posts = 0
    for first in range(0, days, chunk_days):
        d0 = start + timedelta(days=first)
        d1 = min(end, d0 + timedelta(days=chunk_days - 1))
        posts += _chunk(con, d0, d1, start, end, m, n_orig, n_dup, n_sources, n_authors,
                        switch_day)
        say(f"{d1}: {posts:,} posts")

    _narratives_and_fact_checks(con, start, end, switch_day)
    _operations(con, start, end, m, switch_day)
    n_narr = scalar(con, "SELECT count(*) FROM narrative_dim")
    for table in ("_narr", "_active", "_nagg", "_topics", "_reg_slots", "_src"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    return posts, int(n_narr)


def _reference_tables(con: duckdb.DuckDBPyConnection, n_sources: int) -> None:
    n_regions = scalar(con, "SELECT count(*) FROM regions")
    if not n_regions:
        csv = resources.files("pipelines").joinpath("data").joinpath("regions.csv")
        con.execute(
            "INSERT INTO regions SELECT code, name, short_name, level, province_code, lat, lon,"
            " population FROM read_csv(?, header = true, all_varchar = true,"
            " columns = {'code': 'VARCHAR', 'name': 'VARCHAR', 'short_name': 'VARCHAR',"
            " 'level': 'VARCHAR', 'province_code': 'VARCHAR', 'lat': 'DOUBLE', 'lon': 'DOUBLE',"
            " 'population': 'BIGINT'})", [str(csv)])
    con.execute(f"CREATE OR REPLACE TEMP TABLE _topics AS SELECT * FROM (VALUES {_topics_sql()})"
                " t(topic_id, keywords, flag_p, phrases)")
    # Population-weighted slots: picking a uniform slot picks a regency by population.
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _reg_slots AS
        WITH w AS (
            SELECT code AS region_code, province_code, short_name,
                   greatest(1, round(population * 8000.0
                       / sum(population) OVER ()))::INTEGER AS n
            FROM regions WHERE level = 'regency' AND population > 0
        )
        SELECT (row_number() OVER (ORDER BY region_code, s) - 1)::INTEGER AS slot,
               region_code, province_code, short_name
        FROM w, range(n) r(s)
    """)
    platforms = " UNION ALL ".join(
        f"SELECT '{p}' AS platform, {share} AS share, {str(official).lower()} AS official"
        for p, share, official in _PLATFORMS)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _src AS
        WITH p AS (
            SELECT platform, official, sum(share) OVER (ORDER BY platform) AS hi,
                   sum(share) OVER (ORDER BY platform) - share AS lo FROM ({platforms})
        ), s AS (
            SELECT i AS source_idx, _u(i, 1) * 100 AS pu,
                   floor(_u(i, 2) * (SELECT count(*) FROM _reg_slots))::INTEGER AS slot,
                   _u(i, 3) AS u_home
            FROM range({n_sources}) t(i)
        )
        SELECT s.source_idx, p.platform, p.official,
               p.platform || '-' || lower(replace(rs.short_name, ' ', '')) || '-'
                   || s.source_idx AS source,
               CASE WHEN s.u_home < 0.45 THEN rs.region_code
                    WHEN s.u_home < 0.8 THEN rs.province_code END AS home_region
        FROM s JOIN p ON s.pu >= p.lo AND s.pu < p.hi
        JOIN _reg_slots rs USING (slot)
    """)
    con.execute("""
        INSERT OR REPLACE INTO sources
        SELECT source, platform, home_region, official,
               'Synthetic source (pantau loadgen)' FROM _src
    """)


def _chunk(con: duckdb.DuckDBPyConnection, d0: date, d1: date, start: date, end: date, m: int,
           n_orig: int, n_dup: int, n_sources: int, n_authors: int, switch_day: date) -> int:
    n_days = (d1 - d0).days + 1
    offset = (d0 - start).days * m
    # Originals: a narrative post (40 %) or chatter; source, author, region, score.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _o AS
        WITH base AS (
            SELECT {offset} + i AS gid,
                   DATE '{d0}' + (i // {n_orig})::INTEGER AS batch_day,
                   (i % {n_orig})::INTEGER AS j,
                   _u(i + {offset}, 1) AS u_narr, _u(i + {offset}, 2) AS u_k,
                   least({n_sources - 1}, floor({n_sources} * pow(_u(i + {offset}, 3), 1.6)))
                       ::INTEGER AS source_idx,
                   floor({n_authors} * pow(_u(i + {offset}, 4), 1.8))::BIGINT AS author_idx,
                   _u(i + {offset}, 5) AS u_region,
                   floor(_u(i + {offset}, 6) * (SELECT count(*) FROM _reg_slots))::INTEGER
                       AS slot,
                   _u(i + {offset}, 7) AS u_score, _u(i + {offset}, 8) AS u_text,
                   _u(i + {offset}, 9) AS u_late, _u(i + {offset}, 10) AS u_fc,
                   _u(i + {offset}, 11) AS u_time, _u(i + {offset}, 12) AS u_second,
                   _u(i + {offset}, 13) AS u_weekday
            FROM range({n_days * n_orig}) t(i)
        ), picked AS (
            SELECT b.*, an.n_active,
                   CASE WHEN b.u_narr < 0.4 AND an.n_active > 0
                        THEN floor(an.n_active * pow(b.u_k, 2.2))::INTEGER END AS k
            FROM base b
            LEFT JOIN (SELECT day, max(n_active) AS n_active FROM _active GROUP BY day) an
                   ON an.day = b.batch_day
        )
        SELECT p.*, s.source, s.platform, s.official, s.home_region,
               n.narrative_id, n.created_day, n.flagged AS narr_flagged, n.has_fc, n.fc_lag,
               n.phrases, n.n_idx,
               -- a day late for 6 % (published yesterday, received today)
               CASE WHEN p.u_late < 0.06 AND p.batch_day > DATE '{start}'
                    THEN p.batch_day - 1 ELSE p.batch_day END AS day,
               rs.region_code AS rnd_regency, rs.province_code AS rnd_province,
               n.regency_code AS narr_regency, n.province_code AS narr_province
        FROM picked p
        JOIN _src s USING (source_idx)
        LEFT JOIN _active a ON a.day = p.batch_day AND a.k = p.k
        LEFT JOIN _narr n ON n.n_idx = a.n_idx
        JOIN _reg_slots rs ON rs.slot = p.slot
        -- quieter weekends: drop a share of Saturday/Sunday chatter
        WHERE NOT (isodow(p.batch_day) >= 6 AND n.narrative_id IS NULL AND p.u_weekday < 0.25)
    """)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _p AS
        WITH o AS (
            SELECT *,
                   CASE WHEN narrative_id IS NOT NULL AND u_region < 0.5 THEN narr_regency
                        WHEN narrative_id IS NULL AND u_region < 0.3 AND home_region LIKE '%.%'
                            THEN home_region
                        WHEN u_region >= 0.5 AND u_region < 0.75 THEN rnd_regency END
                       AS regency_code,
                   CASE WHEN narrative_id IS NOT NULL AND u_region < 0.8 THEN narr_province
                        WHEN narrative_id IS NULL AND u_region < 0.3 AND home_region IS NOT NULL
                            THEN split_part(home_region, '.', 1)
                        WHEN u_region >= 0.5 AND u_region < 0.9 THEN rnd_province END
                       AS province_code0
            FROM _o
        )
        SELECT o.*,
               coalesce(split_part(regency_code, '.', 1), province_code0) AS province_code,
               CASE WHEN u_second < 0.06 THEN rnd_province END AS second_province,
               source || ':g' || gid AS post_id,
               CASE WHEN official THEN 0.01 + 0.08 * u_score
                    WHEN narrative_id IS NOT NULL AND narr_flagged
                        THEN 0.52 + 0.47 * pow(u_score, 0.6)
                    WHEN narrative_id IS NOT NULL THEN 0.05 + 0.4 * u_score
                    WHEN u_score > 0.97 THEN 0.5 + 0.5 * (u_score - 0.97) / 0.03
                    ELSE 0.02 + 0.4 * pow(u_score / 0.97, 2) END AS score0,
               coalesce(has_fc AND NOT official AND day >= created_day + fc_lag
                        AND u_fc < 0.6, false) AS fc_match,
               CASE WHEN official AND narrative_id IS NOT NULL
                        THEN 'KLARIFIKASI: informasi tentang ' || split_part(phrases[1], ',', 1)
                             || ' tidak benar'
                    WHEN narrative_id IS NOT NULL
                        THEN phrases[1 + floor(u_text * 3)::INTEGER]
                    ELSE {_sql_list(_CHATTER)}[1 + floor(u_text * {len(_CHATTER)})::INTEGER]
               END || ' (' || coalesce(rnd_regency, '') || ' #' || (gid % 997) || ')' AS text0
        FROM o
    """)
    # Duplicates: forwards of an original of the same batch day, mostly on WhatsApp.
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _d AS
        SELECT {offset} + {n_days * n_orig} + i AS gid,
               DATE '{d0}' + (i // {n_dup})::INTEGER AS batch_day,
               floor(_u(i + {offset}, 21) * {n_orig})::INTEGER AS j,
               floor({n_authors} * pow(_u(i + {offset}, 22), 1.8))::BIGINT AS author_idx,
               _u(i + {offset}, 23) AS u_near,
               CASE WHEN _u(i + {offset}, 24) < 0.6
                    THEN (SELECT list(source_idx) FROM _src WHERE platform = 'whatsapp')
                    ELSE (SELECT list(source_idx) FROM _src WHERE NOT official) END AS pool,
               _u(i + {offset}, 25) AS u_pool
        FROM range({n_days * n_dup}) t(i)
    """)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _g AS
        SELECT p.post_id, p.batch_day, p.day, p.source, p.platform, p.author_idx,
               p.text0 AS text, p.narrative_id, p.created_day, p.score0, p.fc_match,
               p.n_idx, p.regency_code, p.province_code, p.second_province, p.official,
               NULL::VARCHAR AS duplicate_of, NULL::VARCHAR AS duplicate_kind, p.u_time,
               p.u_score
        FROM _p p
        UNION ALL
        SELECT s.source || ':g' || d.gid, d.batch_day, o.day, s.source, s.platform,
               d.author_idx,
               CASE WHEN d.u_near < 0.3 THEN 'Fwd: ' || o.text0 ELSE o.text0 END,
               o.narrative_id, o.created_day, o.score0, o.fc_match, o.n_idx,
               o.regency_code, o.province_code, o.second_province, s.official,
               o.post_id, CASE WHEN d.u_near < 0.3 THEN 'near' ELSE 'exact' END,
               (o.u_time + d.u_near) / 2, o.u_score
        FROM _d d
        JOIN _p o ON o.batch_day = d.batch_day AND o.j = d.j
        JOIN _src s ON s.source_idx = d.pool[1 + floor(d.u_pool * len(d.pool))::INTEGER]
        ORDER BY batch_day, day, post_id
    """)
    # Inserted in _g's order (batch day, day): DuckDB keeps insertion order, so the min/max
    # of each row group stay narrow and date filters skip most of the table.
    _insert_chunk(con, switch_day, start, end)
    n = scalar(con, "SELECT count(*) FROM _g")
    for table in ("_o", "_p", "_d", "_g"):
        con.execute(f"DROP TABLE {table}")
    return int(n)


def _insert_chunk(con: duckdb.DuckDBPyConnection, switch_day: date, start: date,
                  end: date) -> None:
    total_weeks = max(1, (end - start).days // 7)
    con.execute("""
        INSERT INTO raw_posts BY NAME
        SELECT post_id, batch_day, source, split_part(post_id, ':', 2) AS source_id, platform,
               (day::TIMESTAMP + INTERVAL 5 HOUR
                + to_microseconds((u_time * 17 * 3600e6)::BIGINT))
                   AT TIME ZONE 'Asia/Jakarta' AS published_at,
               -- each platform has its own accounts; official sources post as their admin
               CASE WHEN official THEN 'Admin ' || source
                    ELSE CASE platform
                        WHEN 'x' THEN '@warga' || author_idx
                        WHEN 'news' THEN 'Redaksi ' || source
                        WHEN 'whatsapp'
                            THEN '+62 8' || lpad((author_idx * 7919 % 1000000000)::VARCHAR, 10, '0')
                        WHEN 'facebook' THEN 'fb.warga.' || author_idx
                        WHEN 'telegram' THEN 'tg_warga' || author_idx
                        ELSE platform || '_warga' || author_idx END END AS author,
               CASE WHEN platform IN ('news', 'government')
                    THEN 'https://' || source || '.example.id/' || post_id END AS url,
               CASE WHEN platform = 'news' THEN left(text, 80) END AS title,
               text, NULL AS lang_declared, NULL AS region_hint, NULL AS reply_to,
               CASE WHEN platform IN ('facebook', 'x', 'telegram', 'tiktok')
                    THEN floor(pow(1 - u_score * 0.999, -1.5))::BIGINT - 1 END AS shares,
               NULL AS extra,
               CASE WHEN platform = 'news' THEN 'rss' ELSE 'jsonl' END AS connector,
               'inbox/' || batch_day || '/posts.jsonl' AS source_file,
               (batch_day + 1)::TIMESTAMP AT TIME ZONE 'Asia/Jakarta' AS received_at
        FROM _g
    """)
    con.execute("""
        INSERT INTO stg_posts BY NAME
        SELECT post_id, batch_day, day, text AS text_clean, lower(text) AS text_norm,
               lpad(to_hex(hash(lower(replace(text, 'Fwd: ', '')))), 16, '0') AS content_hash,
               CASE WHEN u_time < 0.92 THEN 'id' WHEN u_time < 0.96 THEN 'jv'
                    WHEN u_time < 0.98 THEN 'su' ELSE 'en' END AS lang,
               []::VARCHAR[] AS urls, []::VARCHAR[] AS mentions,
               CASE WHEN u_time > 0.8 THEN ['#infowarga'] ELSE []::VARCHAR[] END AS hashtags,
               []::VARCHAR[] AS emojis, duplicate_of, duplicate_kind
        FROM _g
    """)
    con.execute("""
        INSERT INTO post_regions BY NAME
        SELECT * FROM (
            SELECT g.post_id, g.batch_day, g.regency_code AS region_code, 'regency' AS level,
                   g.province_code, 0.95 AS confidence, r.short_name AS evidence,
                   'explicit_prefix' AS rule
            FROM _g g JOIN regions r ON r.code = g.regency_code
            UNION ALL
            SELECT g.post_id, g.batch_day, g.province_code, 'province', g.province_code,
                   CASE WHEN g.regency_code IS NOT NULL THEN 0.95 ELSE 0.9 END, r.short_name,
                   CASE WHEN g.regency_code IS NOT NULL THEN 'implied_by_regency' ELSE 'name' END
            FROM _g g JOIN regions r ON r.code = g.province_code
            UNION ALL
            SELECT g.post_id, g.batch_day, g.second_province, 'province', g.second_province,
                   0.6, r.short_name, 'name_in_context'
            FROM _g g JOIN regions r ON r.code = g.second_province
            WHERE g.second_province IS DISTINCT FROM g.province_code
        )
    """)
    con.execute(f"""
        INSERT INTO post_scores BY NAME
        WITH s AS (
            SELECT *, CASE WHEN day < DATE '{switch_day}' THEN 'v{start:%Y%m%d}-a'
                           ELSE 'v{switch_day:%Y%m%d}-b' END AS model_version,
                   -- the old model drifts upward week by week; the new one is recalibrated
                   least(0.999, CASE WHEN day < DATE '{switch_day}'
                        THEN score0 + 0.06 * ((day - DATE '{start}') // 7) / {total_weeks}
                        ELSE score0 * 0.93 + 0.02 END) AS hoax_score
            FROM _g
        )
        SELECT post_id, batch_day, model_version, hoax_score,
               CASE WHEN fc_match THEN 'fc-' || n_idx END AS fact_check_id,
               CASE WHEN fc_match THEN 0.72 + 0.25 * u_time END AS fact_check_similarity,
               fc_match OR hoax_score >= 0.5 AS flagged,
               CASE WHEN fc_match THEN 'fact_check_match'
                    WHEN hoax_score >= 0.5 THEN 'classifier' END AS flag_reason
        FROM s
    """)
    con.execute("""
        INSERT INTO narrative_posts BY NAME
        SELECT post_id, narrative_id, batch_day, 0.62 + 0.33 * u_time AS similarity,
               CASE WHEN duplicate_of IS NOT NULL THEN 'duplicate'
                    WHEN batch_day = created_day THEN 'new' ELSE 'join' END AS assigned_by
        FROM _g WHERE narrative_id IS NOT NULL
    """)
    con.execute("""
        INSERT INTO _nagg
        SELECT narrative_id, count(*) FILTER (WHERE duplicate_of IS NULL), sum(score0),
               max(batch_day), min(post_id)
        FROM _g WHERE narrative_id IS NOT NULL GROUP BY 1
    """)


def _narratives_and_fact_checks(con: duckdb.DuckDBPyConnection, start: date, end: date,
                                switch_day: date) -> None:
    publishers = _sql_list(["turnbackhoax.id", "cekfakta.com", "komdigi.go.id",
                            "cekfakta.tempo.co"])
    verdicts = _sql_list(["HOAKS", "SALAH", "DISINFORMASI", "MISINFORMASI", "HOAKS"])
    con.execute(f"""
        INSERT INTO fact_checks BY NAME
        WITH f AS (
            SELECT n.*, n.created_day + n.fc_lag AS fc_day FROM _narr n
            WHERE n.has_fc AND n.created_day + n.fc_lag <= DATE '{end}'
        )
        SELECT 'fc-' || n_idx AS fact_check_id, fc_day AS batch_day,
               {publishers}[1 + n_idx % 4] AS publisher,
               'https://' || {publishers}[1 + n_idx % 4] || '/cek/' || n_idx AS url,
               '[' || {verdicts}[1 + n_idx % 5] || '] ' || phrases[1] AS title,
               {verdicts}[1 + n_idx % 5] AS verdict, phrases[1] AS claim,
               'Informasi tersebut tidak benar; tidak ada sumber resmi yang menyatakannya.'
                   AS explanation,
               (fc_day::TIMESTAMP + INTERVAL 10 HOUR) AT TIME ZONE 'Asia/Jakarta'
                   AS published_at,
               lower(phrases[1]) AS claim_norm,
               lpad(to_hex(hash(lower(phrases[1]), n_idx)), 16, '0') AS content_hash
        FROM f ORDER BY fc_day, n_idx
    """)
    con.execute("""
        INSERT INTO narrative_dim BY NAME
        WITH agg AS (
            SELECT narrative_id, sum(n) AS n, sum(score_sum) / sum(n + 0.0) AS score,
                   max(last_day) AS last_day, min(first_post) AS first_post
            FROM _nagg GROUP BY 1
        )
        SELECT n.narrative_id, n.created_day, a.last_day AS updated_day,
               n.keywords || ' (' || coalesce(r.short_name, n.province_code) || ')' AS label,
               string_split(n.keywords, ', ') AS keywords,
               a.first_post AS representative_post_id, NULL AS centroid,
               greatest(a.n, 1)::INTEGER AS n_members,
               CASE WHEN fc.fact_check_id IS NOT NULL THEN fc.fact_check_id END
                   AS fact_check_id,
               CASE WHEN fc.fact_check_id IS NOT NULL THEN 0.8 END AS fact_check_similarity,
               a.score AS hoax_score,
               a.score >= 0.5 OR fc.fact_check_id IS NOT NULL AS flagged
        FROM _narr n JOIN agg a USING (narrative_id)
        LEFT JOIN regions r ON r.code = n.province_code
        LEFT JOIN fact_checks fc ON fc.fact_check_id = 'fc-' || n.n_idx
        ORDER BY n.created_day, n.narrative_id
    """)
    con.execute("""
        INSERT INTO narrative_events
        SELECT narrative_id, created_day, 'created', NULL, n_members || ' similar posts'
        FROM narrative_dim
    """)


def _operations(con: duckdb.DuckDBPyConnection, start: date, end: date, m: int,
                switch_day: date) -> None:
    reasons = _sql_list(_QUARANTINE_REASONS)
    q_per_day = max(1, m * 4 // 1000)
    n_days = (end - start).days + 1
    con.execute(f"""
        INSERT INTO quarantine BY NAME
        SELECT 'q-' || i AS quarantine_id,
               DATE '{start}' + (i // {q_per_day})::INTEGER AS batch_day,
               CASE WHEN _u(i, 31) < 0.2 THEN NULL ELSE s.source END AS source,
               CASE WHEN s.platform = 'news' THEN 'rss' ELSE 'jsonl' END AS connector,
               'inbox/' || (DATE '{start}' + (i // {q_per_day})::INTEGER) || '/posts.jsonl'
                   AS source_file,
               (i % 5000)::INTEGER AS line_no, '{{"id": "broken' || i || '"' AS raw_record,
               -- a few sources account for most of the broken records
               {reasons}[1 + floor(pow(_u(i, 32), 1.5) * {len(_QUARANTINE_REASONS)})::INTEGER]
                   AS reason,
               (DATE '{start}' + (i // {q_per_day})::INTEGER + 1)::TIMESTAMP
                   AT TIME ZONE 'Asia/Jakarta' AS received_at
        FROM range({n_days * q_per_day}) t(i)
        JOIN _src s ON s.source_idx = floor(pow(_u(i, 33), 3) * (SELECT count(*) FROM _src))
    """)
    stages = _sql_list(["ingest", "normalise", "tag_regions", "embed", "classify", "cluster",
                        "publish", "brief"])
    con.execute(f"""
        INSERT INTO runs BY NAME
        WITH per_day AS (
            SELECT batch_day AS day, count(*) AS stored,
                   count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS content_dups
            FROM stg_posts GROUP BY 1
        ), q AS (SELECT batch_day AS day, count(*) AS quarantined FROM quarantine GROUP BY 1),
        st AS (SELECT unnest({stages}) AS stage, generate_subscripts({stages}, 1) AS pos)
        SELECT p.day || ':' || st.stage AS run_id, p.day, st.stage, 'success' AS status,
               -- never in the future: the marts refresh compares run times with its own
               least((p.day + 1)::TIMESTAMP AT TIME ZONE 'Asia/Jakarta'
                     + to_seconds(60 * st.pos), now() - INTERVAL 1 MINUTE) AS started_at,
               least((p.day + 1)::TIMESTAMP AT TIME ZONE 'Asia/Jakarta'
                     + to_seconds(60 * st.pos + 45), now() - INTERVAL 1 MINUTE) AS finished_at,
               CASE WHEN st.stage = 'ingest'
                    THEN p.stored + p.stored // 200 + coalesce(q.quarantined, 0) END
                   AS received,
               p.stored,
               CASE WHEN st.stage = 'ingest' THEN p.stored // 200 END AS duplicates,
               CASE WHEN st.stage = 'ingest' THEN coalesce(q.quarantined, 0) END
                   AS quarantined,
               '{{"generator": "pantau loadgen"}}' AS detail
        FROM per_day p CROSS JOIN st LEFT JOIN q USING (day)
        ORDER BY p.day, st.pos
    """)
    con.execute(f"""
        INSERT OR IGNORE INTO models BY NAME
        SELECT * FROM (VALUES
            ('v{start:%Y%m%d}-a', TIMESTAMPTZ '{start} 00:00:00+07', 'archived',
             'synthetic/a', repeat('0', 64), 'all-MiniLM-L6-v2', NULL, NULL,
             '{{"f1": 0.81}}', TIMESTAMPTZ '{start} 00:00:00+07', 'synthetic (loadgen)'),
            ('v{switch_day:%Y%m%d}-b', TIMESTAMPTZ '{switch_day} 00:00:00+07', 'production',
             'synthetic/b', repeat('1', 64), 'all-MiniLM-L6-v2', NULL, NULL,
             '{{"f1": 0.84}}', TIMESTAMPTZ '{switch_day} 00:00:00+07', 'synthetic (loadgen)')
        ) t(version, created_at, status, path, sha256, embedding_model, data_fingerprint,
            params, metrics, promoted_at, note)
    """)


def load(path: Path, days: int, posts_per_day: int, end: date = date(2026, 11, 22),
         seed: int = 7, progress: Callable[[str], None] | None = None) -> LoadResult:
    """Create (or fill an empty) warehouse at `path` with synthetic load, marts included."""
    started = time.perf_counter()
    new = not path.exists()
    with writer(path) as con:
        try:
            posts, narratives = generate(con, days, posts_per_day, end, seed, progress)
        except BaseException:
            if new:  # committed day by day: a half-filled new file is removed, not left
                con.close()
                for part in (path, path.with_name(path.name + ".wal")):
                    part.unlink(missing_ok=True)
            raise
        from warehouse.marts import refresh_marts

        if progress:
            progress("building the marts")
        refresh_marts(con, full=True)
        con.execute("CHECKPOINT")
    return LoadResult(path, days, posts, narratives, time.perf_counter() - started)
