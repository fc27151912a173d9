"""Briefing wording in Bahasa Indonesia (default) and English."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "title": "Briefing Harian Pantau", "scope": "Cakupan", "date": "Tanggal",
        "generated": "Dibuat", "model": "Versi model", "window": "Jendela data",
        "quality": "Kualitas data", "received": "diterima", "stored": "disimpan",
        "duplicates": "duplikat", "quarantined": "dikarantina", "silent": "sumber diam hari ini",
        "summary": "Ringkasan", "top": "Narasi teratas menurut urgensi",
        "status_emerging": "baru", "status_active": "meningkat", "status_fading": "menurun",
        "likelihood": "Kemungkinan hoaks", "posts_week": "Unggahan 7 hari",
        "growth": "Pertumbuhan", "regions": "Wilayah terdampak", "fact_check": "Cek fakta",
        "no_fact_check": "Belum ada cek fakta yang cocok",
        "countered": "Klarifikasi resmi", "lag": "jeda respons",
        "days": "hari", "not_countered": "Belum ada klarifikasi resmi di wilayah ini",
        "region_table": "Per wilayah", "region": "Wilayah", "flagged_posts": "Unggahan ditandai",
        "top_narrative": "Narasi teratas", "response": "Saran respons",
        "method": "Metodologi", "none": "Tidak ada narasi hoaks yang ditandai pada periode ini.",
        "map": "Peta aktivitas narasi ditandai (7 hari)", "trend": "Tren 14 hari",
        "quote_from": "Contoh unggahan", "first_seen": "Pertama terlihat",
        "method_text": (
            "Skor kemungkinan hoaks berasal dari model klasifikasi (TF-IDF kata dan karakter "
            "ditambah embedding kalimat, regresi logistik terkalibrasi) yang dilatih dari "
            "contoh berlabel; skor 0,8 berarti sekitar 8 dari 10 unggahan serupa adalah hoaks. "
            "Sebuah narasi ditandai bila skornya di atas ambang atau cocok dengan artikel cek "
            "fakta yang sudah ada. Urgensi menggabungkan volume 3 hari terakhir, pertumbuhan "
            "terhadap minggu sebelumnya, dan skor hoaks. Keterbatasan: model bisa keliru, "
            "terutama pada topik baru, bahasa daerah, dan teks sangat pendek; wilayah ditentukan "
            "dari penyebutan tempat dan asal sumber. Periksa sebelum bertindak."),
        "counter_default": "Imbau warga untuk memeriksa kebenaran informasi di kanal resmi "
                           "sebelum menyebarkan, dan laporkan konten serupa.",
    },
    "en": {
        "title": "Pantau Daily Briefing", "scope": "Scope", "date": "Date",
        "generated": "Generated", "model": "Model version", "window": "Data window",
        "quality": "Data quality", "received": "received", "stored": "stored",
        "duplicates": "duplicates", "quarantined": "quarantined",
        "silent": "sources silent today", "summary": "Summary",
        "top": "Top narratives by urgency", "status_emerging": "new",
        "status_active": "rising", "status_fading": "fading",
        "likelihood": "Hoax likelihood", "posts_week": "Posts, 7 days", "growth": "Growth",
        "regions": "Most affected regions", "fact_check": "Fact-check",
        "no_fact_check": "No matching fact-check yet", "countered": "Official clarification",
        "lag": "response lag", "days": "days",
        "not_countered": "No official clarification in this scope yet",
        "region_table": "By region", "region": "Region", "flagged_posts": "Flagged posts",
        "top_narrative": "Top narrative", "response": "Suggested response",
        "method": "Methodology", "none": "No flagged hoax narratives in this period.",
        "map": "Flagged narrative activity (7 days)", "trend": "14-day trend",
        "quote_from": "Example post", "first_seen": "First seen",
        "method_text": (
            "The hoax likelihood comes from a classifier (word and character TF-IDF plus a "
            "sentence embedding, calibrated logistic regression) trained on labelled examples; "
            "0.8 means about 8 in 10 similar posts were hoaxes. A narrative is flagged when its "
            "score passes the threshold or it matches an existing fact-check. Urgency combines "
            "the last 3 days' volume, growth against the week before, and the score. Limits: "
            "the model can be wrong, especially on new topics, regional languages and very short "
            "texts; regions come from place mentions and source origin. Verify before acting."),
        "counter_default": "Ask residents to check information against official channels "
                           "before sharing, and to report similar content.",
    },
}


def texts(lang: str) -> dict[str, str]:
    if lang not in TEXT:
        raise ValueError(f"Unknown briefing language '{lang}': use id or en.")
    return TEXT[lang]
