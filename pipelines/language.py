"""Language of a post: "id", "en", "jv", "su", "mixed" (Indonesian-English code-mixing) or "und".

Two signals are combined:

* marker words: Indonesian function words and their slang spellings, English function words,
  and Javanese and Sundanese words that Indonesian does not use. Short slang posts
  ("yg bener aja gak ada") carry almost no character n-grams a model can use, but their
  function words are unmistakable.
* py3langid (a naive-Bayes n-gram model, ~140 languages, no network) where the markers are thin
  or disagree. It confuses Indonesian with Malay, so "ms" counts as "id". It knows Javanese but not
  Sundanese (it calls Sundanese "jv" or "ace"), so Sundanese rests on the marker list alone.

"mixed" means both Indonesian and English markers, at least two of each, with English between
20% and 80% of them. Anything that is none of these (Arabic quotes, Chinese, emoji-only posts) is
"und"; such posts are still normalised and stored, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


INDONESIAN_WORDS = _words("""
yang dan di ke dari ini itu dengan untuk tidak ada akan pada juga saya kita kami mereka dia anda
kamu aku sudah belum bisa harus karena jadi tapi tetapi atau kalau jika sebagai oleh dalam lebih
sangat banyak semua hanya saja agar supaya bahwa adalah merupakan bagi tersebut masih lagi sama
seperti telah sedang baru setelah sebelum bukan jangan apa siapa bagaimana mengapa kenapa kapan
dimana mana begitu begini sini situ sana para setiap tiap sekarang nanti kemarin besok hari tahun
bulan orang banget sekali pun lah kah dong deh nih sih kok kan yuk ayo mari tolong mohon harap
bakal biar sampai hingga antara tentang terhadap menurut kata bilang ternyata memang benar
betul hoaks berita kabar pemerintah masyarakat rakyat warga negara indonesia presiden menteri
polisi vaksin obat sakit rumah maaf mau ingin perlu boleh dapat punya bikin kasih terima bapak ibu
saudara teman anak keluarga beberapa lain waktu saat ketika selama sejak tanpa serta maupun namun
sehingga walaupun meskipun bila apabila daripada kepada pula justru malah cuma gimana gitu gini
tahu lihat dengar segera jelas baik awas bahaya berbahaya meninggal korban terjadi semoga yg yng
gak ga gk nggak ngga enggak engga tdk dgn utk krn sdh udah udh blm bgt aja gue gw lu elu sy kalo
klo jd tp sm trs lg jg bs emg emang gmn knp org skrg kayak kyk banyak dll tsb wkwk wkwkwk haha hehe
anjir anjay gan sis
""")

ENGLISH_WORDS = _words("""
the of and to in is are was were be been being am that this these those it its for on with as you
your yours he she his her him they them their we our us i me my mine at by from or an not but what
which who whom whose when where why how all any each every some many much more most other than then
there here have has had do does did doing done will would shall should can could may might must
about into over under after before because while if so just also only very really even still again
never always already now new good bad first last one two people know think believe tell said says
say get got make made take come see look want need give find use work day time year way thing
things something nothing everyone anyone someone please share fake news breaking alert warning true
false government vaccine vaccines health doctor doctors report official officials according claim
claims message received friends family group forward children don doesn didn isn aren wasn weren
won let
""")

# Words that Indonesian does not use (or uses far more rarely than these languages do).
JAVANESE_WORDS = _words("""
ora ra opo ngopo piye kepiye kowe koe sampeyan panjenengan wis uwis wes uwes arep iki kuwi kui kae
sing karo lan ning neng nang mung wae ae maneh durung ngerti mangan turu isih iseh dadi gawe nggawe
ngendi endi saiki mengko bengi nek yen mergo amarga tenan akeh sithik gedhe cilik apik elek ojo
dhewe dewe lha ngene ngono sopo piro pira kula kulo sampun dereng badhe menika punika meniko niku
wonten saking kaliyan mboten nggih inggih matur nuwun sedaya ingkang monggo rumiyin ngapunten
sugeng dalu enjing nopo kados pripun pundi tiyang jenengan awakmu awakdewe mbok cah bocah wonge
uwong kabeh liyane iso isa weruh krungu ndelok delok tuku adol duwe nduwe golek ketok sampek tekan
omah simbah lur dulur jenenge kabare rak tho
""")

SUNDANESE_WORDS = _words("""
teu henteu naon kumaha abdi urang mah anu nu jeung kana dina ti geus atuh euy oge pisan sanes
moal bade hoyong hayang kudu nyaho eta ieu dupi ayeuna engke kamari saha iraha naha sabab lamun
upami mun keur nuju tos parantos acan deui meureun pikeun ngarah bari jalma budak barudak hatur
nuhun punten sampurasun rampes aya euweuh nyaan kitu kieu ngan sareng katingal dahar nginum sare
imah lembur indung akang teteh ceuk cenah sorangan batur loba saeutik leutik alus hade tiasa teuing
kuring aing wae maneh
""")

_ENTITIES = re.compile(r"https?://\S+|www\.\S+|@\w+")
_WORDS = re.compile(r"[^\W\d_]+")
_MARKS = re.compile(r"[\u0300-\u036f]+")
LANGID_MAX_CHARS = 600  # n-gram evidence saturates long before; keeps long articles cheap


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _tokens(text: str) -> list[str]:
    s = _ENTITIES.sub(" ", text.lower())
    if not s.isascii():  # "téh", "ogé": Sundanese is often written with é
        s = _MARKS.sub("", unicodedata.normalize("NFD", s))
    return _WORDS.findall(s)


_ID, _EN, _JV, _SU = 1, 2, 4, 8


@lru_cache(maxsize=1 << 18)
def _marker_bits(token: str) -> int:
    """Which languages ``token`` is a marker of, as a bit set."""
    bits = 0
    # Affixes: -nya/-kan are Indonesian (Javanese has -e/-ake, Sundanese -na/-keun).
    if token in INDONESIAN_WORDS or (len(token) > 5 and token.endswith(("nya", "kan"))):
        bits |= _ID
    if token in ENGLISH_WORDS:
        bits |= _EN
    if token in JAVANESE_WORDS:
        bits |= _JV
    if token in SUNDANESE_WORDS or (len(token) > 5 and token.endswith("keun")):
        bits |= _SU
    return bits


def _langid(text: str) -> tuple[str, dict[str, float]]:
    """Best label with Malay folded into Indonesian, and the folded probabilities."""
    scores = dict(_identifier().rank(text[:LANGID_MAX_CHARS]))
    scores["id"] = scores.get("id", 0.0) + scores.pop("ms", 0.0)
    return max(scores, key=scores.__getitem__), scores


def _id_or_en(c_id: int, c_en: int, fallback: str) -> str:
    """Indonesian, English or code-mixed from marker counts; ``fallback`` when too few markers."""
    total = c_id + c_en
    if total == 0:
        return fallback
    en_share = c_en / total
    if c_id >= 2 and c_en >= 2 and 0.2 <= en_share <= 0.8:
        return "mixed"
    if en_share < 0.2:
        return "id"
    if en_share > 0.8:
        return "en"
    return fallback


def _detect(text: str) -> str:
    tokens = _tokens(text)
    n = len(tokens)
    if n == 0:
        return "und"
    counts = Counter(map(_marker_bits, tokens))
    c_id, c_en, c_jv, c_su = (
        sum(c for bits, c in counts.items() if bits & flag) for flag in (_ID, _EN, _JV, _SU))

    # Regional languages first: their marker words are distinctive and langid misreads them.
    regional = max(c_jv, c_su)
    enough = regional >= 2 or not (c_id or c_en)
    if regional and enough and regional >= 0.25 * n and regional >= c_id:
        if c_su > c_jv:
            return "su"
        if c_jv > c_su:
            return "jv"

    # Plenty of Indonesian/English markers and no regional ones: no need for the model.
    if not regional and c_id + c_en >= 3 and c_id + c_en >= 0.3 * n:
        decided = _id_or_en(c_id, c_en, "")
        if decided:
            return decided

    best, scores = _langid(" ".join(tokens))
    if best == "jv" or (regional and best not in ("id", "en")):
        if c_su > c_jv:
            return "su"
        # langid sometimes calls Indonesian slang Javanese; markers of either side decide
        if c_jv or scores["jv"] >= 0.8 or not (c_id or c_en):
            return "jv"
    if best in ("id", "en"):
        return _id_or_en(c_id, c_en, best) if c_id + c_en >= 2 else best
    if c_id or c_en:
        return _id_or_en(c_id, c_en, "id" if c_id >= c_en else "en")
    return "und"


@lru_cache(maxsize=1 << 16)
def detect_language(text: str) -> str:
    """"id" | "en" | "jv" | "su" | "mixed" | "und" for one text (raw or ``text_norm``)."""
    return _detect(text or "")


def detect_languages(texts: Sequence[str]) -> list[str]:
    """``detect_language`` for each text, in order (forwards repeat, so results are cached)."""
    return [detect_language(t) for t in texts]
