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


@cache
def _dfa() -> tuple[Any, Any, Any, Any]:
    """py3langid's model as numpy arrays: the byte-n-gram DFA (next state, row offsets, the
    feature each state emits or -1) and the per-feature class log-probabilities in float32."""
    import numpy as np

    ident = _identifier()
    return (np.asarray(ident.tk_nextmove, dtype=np.int32),
            np.asarray(ident._rowbase, dtype=np.int32),
            np.asarray(ident.tk_output, dtype=np.int32),
            np.asarray(ident.nb_ptc, dtype=np.float32))


def _langid_many(texts: Sequence[str]) -> list[tuple[str, float]]:
    """`_langid` of many texts at once: the best label and the probability of Javanese.

    py3langid walks its byte n-gram automaton in a Python loop, one byte at a time, and scores
    one text at a time. Here every text takes its step at once: byte position p advances the
    automaton of all the texts longer than p in one numpy gather, and the naive-Bayes scores of
    the batch are one sparse product. tests/pipelines/test_language.py checks it against
    py3langid's `rank`."""
    if not texts:
        return []
    import numpy as np
    import scipy.sparse as sp

    ident = _identifier()
    nextmove, rowbase, output, table = _dfa()
    encoded = [ident._encode(text[:LANGID_MAX_CHARS]) for text in texts]
    lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    order = np.argsort(-lengths, kind="stable")  # longest first: the live texts are a prefix
    width = int(lengths.max())
    data = np.zeros((len(encoded), max(width, 1)), dtype=np.uint8)
    for row, i in enumerate(order.tolist()):
        if lengths[i]:
            data[row, :lengths[i]] = np.frombuffer(encoded[i], dtype=np.uint8)
    live_until = lengths[order]
    state = np.zeros(len(encoded), dtype=np.int32)
    hit_rows, hit_features = [], []
    live = len(encoded)
    for pos in range(width):
        while live and live_until[live - 1] <= pos:
            live -= 1
        moved = nextmove[rowbase[state[:live]] + data[:live, pos]]
        state[:live] = moved
        emitted = output[moved]
        rows = np.flatnonzero(emitted >= 0)
        hit_rows.append(order[rows])
        hit_features.append(emitted[rows])
    rows_all = np.concatenate(hit_rows) if hit_rows else np.zeros(0, np.int64)
    feats_all = np.concatenate(hit_features) if hit_features else np.zeros(0, np.int64)
    counts = sp.coo_array((np.ones(len(rows_all), dtype=np.float32), (rows_all, feats_all)),
                          shape=(len(encoded), table.shape[0])).tocsr()  # duplicates summed
    counts.data = np.log1p(counts.data)
    scores = np.asarray(counts @ table, dtype=np.float32) + ident.nb_pc
    scores[np.diff(counts.indptr) == 0] = 0.0  # no features: uniform, as `rank` gives
    scores *= (1.0 / np.sqrt(np.maximum(lengths, 1)).astype(np.float32))[:, None]
    np.exp(scores - scores.max(axis=1, keepdims=True), out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    for i, j in ident._alias_pairs:  # a duplicated label's column folds into the first
        scores[:, i] += scores[:, j]
        scores[:, j] = 0.0
    first: dict[str, int] = {}
    for column, lang in enumerate(ident.nb_classes):
        first.setdefault(lang, column)
    langs = [lang for lang in first if lang != "ms"]
    p = scores[:, [first[lang] for lang in langs]]
    at_id = langs.index("id")
    before_fold = p[:, at_id].copy()
    p[:, at_id] += scores[:, first["ms"]]
    # `_langid`'s max over `rank`'s order: the highest folded score; in a tie, the label `rank`
    # listed first (higher score before the fold, then label order).
    tied = p == p.max(axis=1, keepdims=True)
    unfolded = p.copy()
    unfolded[:, at_id] = before_fold
    best = np.where(tied, unfolded, -np.inf).argmax(axis=1)
    jv = p[:, langs.index("jv")]
    return [(langs[b], float(j)) for b, j in zip(best.tolist(), jv.tolist(), strict=True)]


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


_Markers = tuple[int, int, int, int, int]  # tokens, Indonesian, English, Javanese, Sundanese


def _markers(text: str) -> tuple[str | None, _Markers, list[str]]:
    """The marker-word decision, or None where py3langid must look at ``" ".join(tokens)``."""
    tokens = _tokens(text)
    n = len(tokens)
    if n == 0:
        return "und", (0, 0, 0, 0, 0), tokens
    counts = Counter(map(_marker_bits, tokens))
    c_id, c_en, c_jv, c_su = (
        sum(c for bits, c in counts.items() if bits & flag) for flag in (_ID, _EN, _JV, _SU))
    marks = (n, c_id, c_en, c_jv, c_su)

    # Regional languages first: their marker words are distinctive and langid misreads them.
    regional = max(c_jv, c_su)
    enough = regional >= 2 or not (c_id or c_en)
    if regional and enough and regional >= 0.25 * n and regional >= c_id:
        if c_su > c_jv:
            return "su", marks, tokens
        if c_jv > c_su:
            return "jv", marks, tokens

    # Plenty of Indonesian/English markers and no regional ones: no need for the model.
    if not regional and c_id + c_en >= 3 and c_id + c_en >= 0.3 * n:
        decided = _id_or_en(c_id, c_en, "")
        if decided:
            return decided, marks, tokens
    return None, marks, tokens


def _with_langid(marks: _Markers, best: str, p_javanese: float) -> str:
    _, c_id, c_en, c_jv, c_su = marks
    regional = max(c_jv, c_su)
    if best == "jv" or (regional and best not in ("id", "en")):
        if c_su > c_jv:
            return "su"
        # langid sometimes calls Indonesian slang Javanese; markers of either side decide
        if c_jv or p_javanese >= 0.8 or not (c_id or c_en):
            return "jv"
    if best in ("id", "en"):
        return _id_or_en(c_id, c_en, best) if c_id + c_en >= 2 else best
    if c_id or c_en:
        return _id_or_en(c_id, c_en, "id" if c_id >= c_en else "en")
    return "und"


def _detect(text: str) -> str:
    decided, marks, tokens = _markers(text)
    if decided is not None:
        return decided
    best, scores = _langid(" ".join(tokens))
    return _with_langid(marks, best, scores["jv"])


@lru_cache(maxsize=1 << 16)
def detect_language(text: str) -> str:
    """"id" | "en" | "jv" | "su" | "mixed" | "und" for one text (raw or ``text_norm``)."""
    return _detect(text or "")


def detect_languages(texts: Sequence[str]) -> list[str]:
    """``detect_language`` for each text, in order: the same labels, with py3langid scoring all
    the texts the markers leave undecided in one batch (`_langid_many`)."""
    out: list[str] = []
    pending: dict[str, tuple[_Markers, list[int]]] = {}
    joined: list[str] = []
    for i, text in enumerate(texts):
        text = text or ""
        decided, marks, tokens = _markers(text)
        if decided is not None:
            out.append(decided)
            continue
        out.append("")
        if text in pending:  # forwards repeat
            pending[text][1].append(i)
        else:
            pending[text] = (marks, [i])
            joined.append(" ".join(tokens))
    for (marks, rows), (best, p_javanese) in zip(pending.values(), _langid_many(joined),
                                                 strict=True):
        label = _with_langid(marks, best, p_javanese)
        for i in rows:
            out[i] = label
    return out
