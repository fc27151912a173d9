"""The desk's words sit over the briefing's (reports/i18n.py, the one source for those)."""

from __future__ import annotations

from desk.i18n import TEXT, texts
from reports.i18n import LANGS
from reports.i18n import texts as briefing_texts


def test_the_desk_repeats_no_briefing_word_and_has_both_languages() -> None:
    assert set(TEXT) == set(LANGS)
    assert set(TEXT["id"]) == set(TEXT["en"])
    briefing = {lang: briefing_texts(lang) for lang in LANGS}
    # a key the briefing also has must be worded differently in at least one language
    repeated = [k for k in TEXT["id"]
                if all(briefing[lang].get(k) == TEXT[lang][k] for lang in LANGS)]
    assert repeated == []
    for lang in LANGS:
        words = texts(lang)
        assert words["narrative"] == briefing[lang]["narrative"]  # from the briefing
        assert words["nav_today"] == TEXT[lang]["nav_today"]  # the desk's own
