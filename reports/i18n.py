"""Briefing wording in Bahasa Indonesia (default) and English, and number and date formats."""

from __future__ import annotations

from datetime import date, datetime

LANGS = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "title": "Briefing Harian Pantau", "short_title": "Briefing Pantau",
        "scope": "Cakupan", "nation": "Nasional", "date": "Tanggal",
        "generated": "Dibuat", "model": "Versi model", "window": "Jendela data",
        "model_demo_tag": "model contoh",
        "model_demo_short": ("Catatan: skor berasal dari model contoh yang belum belajar dari "
                             "data Anda; latih ulang (pantau retrain) sebelum mengandalkannya."),
        "model_demo": ("Model contoh: skor kemungkinan hoaks di briefing ini berasal dari model "
                       "yang hanya belajar dari data contoh bawaan Pantau, belum dari data "
                       "Anda, sehingga pada unggahan nyata skornya belum dapat diandalkan. "
                       "Narasi yang cocok dengan cek fakta tetap dapat dipercaya. Minta tim "
                       "teknis melatih ulang model dari umpan cek fakta dan label Anda "
                       "(pantau retrain)."),
        "window_text": "aktivitas 7 hari ({start} – {end}); tren 14 hari",
        "quality": "Kualitas data hari ini", "received": "diterima", "stored": "disimpan",
        "duplicates": "duplikat", "quarantined": "dikarantina",
        "sources_today": "sumber mengirim data", "silent": "sumber rutin diam hari ini",
        "silent_none": "semua sumber rutin mengirim data",
        "not_reconciled": "hitungan tidak cocok, periksa log",
        "no_data_today": "tidak ada data masuk untuk hari ini",
        "summary": "Ringkasan", "at_a_glance": "Sekilas",
        "kpi_narratives": "narasi hoaks aktif", "kpi_new": "baru (3 hari)",
        "kpi_uncountered": "belum dibantah",
        "kpi_uncountered_top": "belum dibantah ({n} teratas)",
        "kpi_posts": "unggahan terkait (7 hari)",
        "not_listed": "{n} narasi lain dengan urgensi lebih rendah tidak dicantumkan.",
        "top": "Narasi teratas menurut urgensi",
        "top_note": "Diurutkan menurut volume 3 hari terakhir, pertumbuhan, dan kemungkinan hoaks.",
        "others": "Narasi lain yang ditandai",
        "status_emerging": "baru", "status_rising": "meningkat", "status_falling": "menurun",
        "likelihood": "Kemungkinan hoaks", "posts_week": "Unggahan 7 hari",
        "growth": "Laju 3 hari", "growth_sub": "dibanding 7 hari sebelumnya",
        "growth_new": "baru muncul", "regions": "Wilayah terdampak",
        "fact_check": "Cek fakta", "no_fact_check": "Belum ada cek fakta yang cocok",
        "fc_suggested": "Cek fakta mungkin terkait (belum dipastikan)",
        "match": "kecocokan", "countered": "Bantahan",
        "countered_official": "klarifikasi resmi {day} oleh {source}",
        "countered_fc": "cek fakta terbit {day}",
        "countered_fc_before": "cek fakta sudah ada sejak {day}",
        "lag": "{n} hari setelah pertama terlihat", "lag_same_day": "pada hari yang sama",
        "not_countered": "Belum dibantah", "not_countered_since": "sudah {n} hari sejak muncul",
        "region_table": "Per wilayah", "region_table_regency": "Per kabupaten/kota",
        "region": "Wilayah", "flagged_posts": "Unggahan (7 hari)",
        "change": "vs minggu lalu", "narratives": "Narasi", "narrative": "Narasi",
        "other_regions": "{n} wilayah lainnya", "top_narrative": "Narasi teratas",
        "no_regions": "Belum ada unggahan narasi hoaks yang terpetakan ke wilayah.",
        "response": "Saran respons",
        "response_approved": "Saran respons (disetujui)",
        "response_effect": "Efek respons", "effect_too_early": "terlalu dini untuk dinilai",
        "effect_fell": "turun", "effect_rose": "naik", "effect_no_clear_change": "tak jelas",
        "approved_by_desk": "disetujui oleh {name} di meja Pantau",
        "response_intro": "Poin kontra-narasi untuk diteruskan kelompok KIM dan kanal resmi. "
                          "Periksa dan sesuaikan sebelum dipakai.",
        "facts": "Fakta", "advice": "Imbauan", "source": "Sumber",
        "ready_message": "Teks siap teruskan",
        "generic_points": "Belum ada cek fakta: gunakan pesan umum di bawah dan minta "
                          "konfirmasi instansi terkait.",
        "generic_1": "Jangan meneruskan pesan ini sebelum ada konfirmasi dari sumber resmi.",
        "generic_2": "Periksa kebenarannya di situs atau akun resmi pemerintah daerah dan "
                     "instansi terkait.",
        "generic_3": "Kumpulkan contoh unggahan dan laporkan ke Diskominfo atau tim cek fakta "
                     "untuk diverifikasi.",
        "generic_scam": "Jangan mengisi data pribadi (NIK, nomor KK, PIN, kode OTP) di tautan "
                        "yang tidak resmi.",
        "method": "Metodologi dan keterbatasan",
        "none": "Tidak ada narasi hoaks yang ditandai dalam 7 hari terakhir untuk cakupan ini.",
        "map": "Peta aktivitas narasi hoaks (7 hari)",
        "map_regency": "Peta aktivitas per kabupaten/kota (7 hari)",
        "map_legend": "unggahan narasi yang ditandai", "map_zero": "tidak ada",
        "map_point": "kota tanpa poligon (titik)",
        "map_most": "Paling aktif", "trend": "Tren 14 hari", "trend_max": "maks {n}/hari",
        "quote_from": "Contoh unggahan", "first_seen": "Pertama terlihat",
        "keywords": "Kata kunci",
        "personal_data": "data pribadi disamarkan",
        "footer": "Dibuat otomatis oleh Pantau dari unggahan publik. Bukan pernyataan resmi; "
                  "verifikasi sebelum bertindak.",
        "full_briefing": "Briefing lengkap", "more_narratives": "dan {n} narasi lain di briefing "
                                                             "lengkap",
        "index_title": "Arsip briefing Pantau", "index_latest": "Terbaru",
        "index_older": "Sebelumnya",
        "index_intro": "Briefing harian, terbaru di atas. Buka HTML di peramban, PDF untuk "
                       "dicetak, teks untuk WhatsApp/Telegram.",
        "index_empty": "Belum ada briefing.",
        "redact_phone": "[nomor disamarkan]", "redact_email": "[email disamarkan]",
        "redact_nik": "[NIK disamarkan]", "redact_handle": "@[akun]",
        "method_text": (
            "Pantau membaca unggahan publik, berita, dan artikel cek fakta setiap hari. "
            "Skor kemungkinan hoaks berasal dari model klasifikasi (TF-IDF kata dan karakter "
            "ditambah embedding kalimat, regresi logistik terkalibrasi) yang dilatih dari "
            "contoh berlabel; skor 80% berarti sekitar 8 dari 10 unggahan serupa adalah hoaks. "
            "Unggahan yang mirip dikelompokkan menjadi narasi; sebuah narasi ditandai bila "
            "skornya di atas ambang atau cocok dengan artikel cek fakta yang sudah ada. "
            "Urgensi menggabungkan volume 3 hari terakhir, pertumbuhan terhadap 7 hari "
            "sebelumnya, dan skor hoaks. Status: baru = pertama terlihat di cakupan ini dalam "
            "3 hari terakhir; meningkat/menurun = laju harian 3 hari terakhir dibanding 7 hari "
            "sebelumnya. Wilayah ditentukan dari penyebutan tempat dan asal sumber; satu "
            "unggahan bisa terhitung di lebih dari satu wilayah."),
        "limits_text": (
            "Keterbatasan: model bisa keliru, terutama pada topik baru, bahasa daerah, dan teks "
            "sangat pendek; judul narasi dibuat otomatis dari unggahannya, bukan judul editorial; "
            "unggahan hanya dari sumber yang dipantau. Data pribadi (nomor telepon, email, "
            "akun, NIK) disamarkan. Periksa sebelum bertindak."),
    },
    "en": {
        "title": "Pantau Daily Briefing", "short_title": "Pantau Briefing",
        "scope": "Scope", "nation": "National", "date": "Date",
        "generated": "Generated", "model": "Model version", "window": "Data window",
        "model_demo_tag": "demo model",
        "model_demo_short": ("Note: the scores come from a demo model that has not learnt from "
                             "your data; retrain it (pantau retrain) before relying on them."),
        "model_demo": ("Demo model: the hoax likelihoods in this briefing come from a model "
                       "that learnt only from Pantau's bundled sample data, not from yours, so "
                       "on real posts they cannot be relied on yet. Narratives that match a "
                       "fact-check still can. Ask your technical team to retrain the model "
                       "from your fact-check feeds and labels (pantau retrain)."),
        "window_text": "7-day activity ({start} – {end}); 14-day trend",
        "quality": "Today's data quality", "received": "received", "stored": "stored",
        "duplicates": "duplicates", "quarantined": "quarantined",
        "sources_today": "sources sent data", "silent": "regular sources silent today",
        "silent_none": "every regular source sent data",
        "not_reconciled": "counts do not reconcile, check the logs",
        "no_data_today": "no data received for this day",
        "summary": "Summary", "at_a_glance": "At a glance",
        "kpi_narratives": "active hoax narratives", "kpi_new": "new (3 days)",
        "kpi_uncountered": "not yet countered",
        "kpi_uncountered_top": "not yet countered (top {n})",
        "kpi_posts": "related posts (7 days)",
        "not_listed": "{n} more narratives with lower urgency are not listed.",
        "top": "Top narratives by urgency",
        "top_note": "Ranked by the last 3 days' volume, growth and hoax likelihood.",
        "others": "Other flagged narratives",
        "status_emerging": "new", "status_rising": "rising", "status_falling": "fading",
        "likelihood": "Hoax likelihood", "posts_week": "Posts, 7 days",
        "growth": "3-day pace", "growth_sub": "against the 7 days before",
        "growth_new": "just appeared", "regions": "Most affected regions",
        "fact_check": "Fact-check", "no_fact_check": "No matching fact-check yet",
        "fc_suggested": "Possibly related fact-check (not confirmed)",
        "match": "match", "countered": "Countered",
        "countered_official": "official clarification {day} by {source}",
        "countered_fc": "fact-check published {day}",
        "countered_fc_before": "fact-check already published on {day}",
        "lag": "{n} days after first seen", "lag_same_day": "the same day",
        "not_countered": "Not countered yet", "not_countered_since": "{n} days since it appeared",
        "region_table": "By region", "region_table_regency": "By regency/city",
        "region": "Region", "flagged_posts": "Posts (7 days)",
        "change": "vs last week", "narratives": "Narratives", "narrative": "Narrative",
        "other_regions": "{n} other regions", "top_narrative": "Top narrative",
        "no_regions": "No hoax-narrative posts mapped to a region yet.",
        "response": "Suggested response",
        "response_approved": "Suggested response (approved)",
        "response_effect": "Response effect", "effect_too_early": "too early to tell",
        "effect_fell": "fell", "effect_rose": "rose", "effect_no_clear_change": "unclear",
        "approved_by_desk": "approved by {name} at the Pantau desk",
        "response_intro": "Counter-message points for KIM groups and official channels to relay. "
                          "Check and adapt before use.",
        "facts": "Facts", "advice": "Advice", "source": "Source",
        "ready_message": "Ready-to-forward text",
        "generic_points": "No fact-check yet: use the generic message below and ask the "
                          "relevant agency to confirm.",
        "generic_1": "Do not forward this message until an official source confirms it.",
        "generic_2": "Check it on the official website or accounts of the local government and "
                     "the agency concerned.",
        "generic_3": "Collect example posts and report them to Diskominfo or a fact-check team "
                     "for verification.",
        "generic_scam": "Never enter personal data (NIK, family card number, PIN, OTP code) on "
                        "unofficial links.",
        "method": "Methodology and limits",
        "none": "No flagged hoax narratives in the last 7 days for this scope.",
        "map": "Hoax narrative activity (7 days)",
        "map_regency": "Activity by regency/city (7 days)",
        "map_legend": "posts in flagged narratives", "map_zero": "none",
        "map_point": "city without a polygon (dot)",
        "map_most": "Most active", "trend": "14-day trend", "trend_max": "max {n}/day",
        "quote_from": "Example post", "first_seen": "First seen",
        "keywords": "Keywords",
        "personal_data": "personal data removed",
        "footer": "Generated automatically by Pantau from public posts. Not an official "
                  "statement; verify before acting.",
        "full_briefing": "Full briefing", "more_narratives": "and {n} more narratives in the "
                                                             "full briefing",
        "index_title": "Pantau briefing archive", "index_latest": "Latest",
        "index_older": "Earlier",
        "index_intro": "Daily briefings, newest first. HTML for the browser, PDF for print, "
                       "text for WhatsApp/Telegram.",
        "index_empty": "No briefings yet.",
        "redact_phone": "[number removed]", "redact_email": "[email removed]",
        "redact_nik": "[ID number removed]", "redact_handle": "@[account]",
        "method_text": (
            "Pantau reads public posts, news and fact-check articles every day. The hoax "
            "likelihood comes from a classifier (word and character TF-IDF plus a sentence "
            "embedding, calibrated logistic regression) trained on labelled examples; 80% means "
            "about 8 in 10 similar posts were hoaxes. Similar posts are grouped into narratives; "
            "a narrative is flagged when its score passes the threshold or it matches an "
            "existing fact-check. Urgency combines the last 3 days' volume, growth against the "
            "7 days before, and the score. Status: new = first seen in this scope in the last "
            "3 days; rising/fading = the last 3 days' daily pace against the 7 days before. "
            "Regions come from place mentions and source origin; one post can count in more "
            "than one region."),
        "limits_text": (
            "Limits: the model can be wrong, especially on new topics, regional languages and "
            "very short texts; narrative titles are made automatically from its posts, not "
            "written by an editor; "
            "only monitored sources are covered. Personal data (phone numbers, e-mails, "
            "accounts, NIK) is removed. Verify before acting."),
    },
}

_MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
_WEEKDAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def texts(lang: str) -> dict[str, str]:
    if lang not in TEXT:
        raise ValueError(f"Unknown briefing language '{lang}': use id or en.")
    return TEXT[lang]


def fmt_int(value: float | int | None, lang: str = "id") -> str:
    """1234 -> '1.234' (id) or '1,234' (en)."""
    text = f"{int(value or 0):,}"
    return text.replace(",", ".") if lang == "id" else text


def fmt_dec(value: float | None, lang: str = "id", digits: int = 1) -> str:
    """2.25 -> '2,3' (id) or '2.3' (en)."""
    text = f"{float(value or 0):.{digits}f}"
    return text.replace(".", ",") if lang == "id" else text


def fmt_pct(value: float | None, lang: str = "id") -> str:
    return f"{round(float(value or 0) * 100):d}%"


def fmt_date(day: date | datetime | None, lang: str = "id", style: str = "long") -> str:
    """long: '22 November 2026'; short: '22 Nov'; weekday: 'Minggu, 22 November 2026'."""
    if day is None:
        return "—"
    month = _MONTHS[lang][day.month - 1]
    if style == "short":
        return f"{day.day} {month[:3]}"
    text = f"{day.day} {month} {day.year}"
    if style == "weekday":
        return f"{_WEEKDAYS[lang][day.weekday()]}, {text}"
    return text


def fmt_change(now: int, before: int, lang: str = "id") -> str:
    """Week-on-week change: '+40%', '−25%', 'baru' / 'new' when there was nothing before."""
    if before <= 0:
        return "baru" if lang == "id" else "new"
    change = (now - before) / before
    if abs(change) < 0.005:
        return "0%"
    sign = "+" if change > 0 else "\u2212"
    return f"{sign}{abs(round(change * 100)):d}%"
