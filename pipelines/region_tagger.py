"""Tag a post with the provinces and kabupaten/kota it is about, with evidence and confidence.

One pass per text: the text is split into lowercase tokens and, at each token that can start a
place name, the longest run of tokens whose concatenation is a known key wins (a hash lookup
per candidate length, so "Tanjung Pinang", "Tanjungpinang" and "tanjung-pinang" all match). No
loop over regions per text. Each match is then judged in context:

* an explicit prefix decides ("Kota Malang", "Kab. Bogor", "Pemkot Bekasi", "Provinsi Jambi");
* names that are ordinary words (batu, malang, padang, solo...) need a place context: capitals,
  "di/ke/warga/asal..." before them, or another place of the same province in the text;
* a name shared by a kota and a kabupaten is resolved by prefix or by the other one being named
  elsewhere, else it is reported at province level (rule ``ambiguous_kota_kabupaten``);
* a kab/kota implies its province (rule ``implied_by_regency``);
* a kecamatan ("Kec. Coblong", or a capitalised "Coblong" that is no dictionary word) stands
  for its kab/kota (rule ``kecamatan``).

A post with no place at all falls back to its ``hint`` and then its source's ``home_region``.

Rules and confidences: explicit_prefix 0.95 · name / alias 0.9 · town / island 0.85 (also
"Kec. X") · area 0.8 · name_in_context / context 0.8 · kecamatan 0.75 ·
ambiguous_kota_kabupaten / ambiguous_kecamatan 0.7 (province tag, candidates in the evidence) ·
region_hint 0.6 · source_home_region 0.5 · implied_by_regency = its regency's.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipelines import gazetteer as gz

CONF_PREFIX = 0.95
CONF_CONTEXT = 0.8
CONF_AMBIGUOUS = 0.7
CONF_KECAMATAN = 0.75  # "Kec. Coblong" gets CONF_TOWN
CONF_TOWN = 0.85
CONF_HINT = 0.6
CONF_HOME = 0.5
# source of a key in the gazetteer -> (rule, confidence) when it is matched without a prefix
_SOURCE_RULE: dict[str, tuple[str, float]] = {
    "name": ("name", 0.9), "official": ("alias", 0.9), "abbreviation": ("alias", 0.9),
    "spelling": ("alias", 0.9), "town": ("town", CONF_TOWN), "landmark": ("town", CONF_TOWN),
    "neighbourhood": ("town", CONF_TOWN), "island": ("island", CONF_TOWN), "area": ("area", 0.8),
}

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- names that are also ordinary words -------------------------------------------------------
# Keyed by the tokens as written, so "bukit tinggi" (a high hill) needs context while the
# one-word "Bukittinggi" does not.
# 1: a capital letter, a preposition before it or a same-province place makes it a place.
# 2: so common as a word that capitals count only mid-sentence in normal-case text, and
#    di/ke/dari only together with a capital; "warga/kota/kab/asal..." still count.
# 3: only an explicit prefix or a same-province place ("Puncak" is mostly Puncak, Bogor).
_WORD_LEVEL: dict[str, int] = {
    **dict.fromkeys(
        ["malang", "medan", "padang", "solo", "bima", "agam", "tegal", "garut", "serang",
         "subang", "karo", "lingga", "ketapang", "kapuas", "badung", "sorong", "bau bau",
         "banjar", "meranti", "bone", "lombok", "diy", "babel", "kuta", "bungo", "selong",
         "tanah bumbu", "gunung mas", "empat lawang", "pagar alam", "lima puluh kota",
         "murung raya", "pulang pisau", "tulang bawang", "intan jaya", "paser", "lebak",
         "sabang", "wates", "gambir", "senen", "menteng", "sentul", "mura", "minut", "palas",
         "aru", "raha", "tts", "oki", "tasik", "pali", "timor", "toba", "siak", "bangka",
         "biak", "kuningan", "kelapa gading", "kenyam", "kobar", "padang panjang", "pare pare",
         "pasar minggu", "puncak jaya", "rembang", "rengat", "sigi", "sulut", "sungai raya",
         "tanah abang", "kampung melayu", "lambar", "tanah laut"], 1),
    **dict.fromkeys(
        ["batu", "batu bara", "batubara", "batang", "metro", "kudus", "palu", "pati", "lahat",
         "buru", "landak", "seram", "tebing tinggi", "bukit tinggi", "pesisir selatan",
         "pesisir barat", "tanah datar", "sungai penuh", "kota baru", "malaka",
         "kisaran", "tuba", "tala", "balut", "rumbia", "madina", "mentok", "kebon jeruk"], 2),
    **dict.fromkeys(["puncak", "mitra"], 3),
}
# Token right before / after that makes the word a word, not a place.
_NOT_AFTER: dict[str, frozenset[str]] = {k: _words(v) for k, v in {
    "batu": "lempar lemparan melempar dilempar sebongkah bongkahan tumpukan hujan batu kepala "
            "keras zaman cincin seperti bagai bak laksana ginjal kencing kristal",
    "batang": "satu dua tiga beberapa batang ribuan ratusan puluhan",
    "bima": "wayang tokoh sang raden",
    "buru": "buru kejar pemburu",
    "badung": "anak bocah murid siswa sifat sikap nakal",
    "diy": "konsep ide tutorial kerajinan",
    "babel": "menara",
    "bangka": "tua",
    "biak": "berkembang perkembangan",
    "banjar": "kelian klian balai",
    "garut": "umbi tepung tanaman",
    "gambir": "daun getah",
    "ketapang": "pohon daun buah",
    "kisaran": "dengan pada dalam",
    "kudus": "roh kitab maha suci",
    "lahat": "liang lubang",
    "landak": "ikan bulu duri seekor landak babi",
    "lombok": "cabai cabe sambal",
    "malang": "nasib bernasib sungguh sangat amat yang sial untung nian sedang begitu teramat",
    "menteng": "buah",
    "metro": "polda kapolda kereta",
    "palu": "ketok ketuk mengetok mengetuk diketok diketuk pukul memukul dipukul godam tok "
            "sebuah membawa pakai dengan",
    "pati": "sari tepung inti mengandung kandungan",
    "rumbia": "atap daun pohon sagu",
    "senen": "hari tiap setiap",
    "sentul": "buah",
    "serang": "tim mau akan ayo siap langsung kami kita untuk",
    "seram": "film cerita wajah suasana sangat tampak terlihat makin lebih hantu horor",
    "siak": "jembatan",
    "solo": "bengawan penyanyi secara tampil bermain main karier karir berkarier album aksi "
            "konser lagu",
    "subang": "anting sepasang memakai pakai",
    "tegal": "sawah kebun ladang",
    "toba": "batak",
    "tts": "main mengisi isi teka",
    "tuba": "akar racun",
}.items()}
_NOT_BEFORE: dict[str, frozenset[str]] = {k: _words(v) for k, v in {
    "batu": "bata akik kali karang nisan ginjal loncatan sandungan es api besar kecil kerikil "
            "alam permata mulia split koral kapur gamping empedu hitam pertama pondasi fondasi "
            "andesit giok cincin batu bacan sungai asah gerinda apung candi prasasti tulis "
            "bertulis",
    "batubara": "ilegal",
    "batang": "pohon hidung tubuh rokok kayu pisang padi tebu kelapa air emas besi bambu jagung "
              "korek otak leher",
    "bima": "arya aryo sakti satria yudha yudistira",
    "buru": "buru sergap",
    "banjar": "adat dinas suka duka",
    "diy": "project proyek kit",
    "kisaran": "harga rp angka antara waktu usia umur",
    "kuningan": "jakarta jaksel city",
    "landak": "laut mini jawa",
    "lingga": "yoni",
    "lombok": "ijo abang rawit merah hijau setan",
    "malaka": "strait",
    "malang": "nasibnya nasib benar sekali nian melintang sungguh betul amat tak tidak bener "
              "banget bgt",
    "medan": "perang magnet magnetik laga tempur listrik juang perjuangan dakwah berat terjal "
             "sulit yang pertempuran gravitasi energi elektromagnetik konflik pertarungan "
             "politik tugas merdeka sengketa pertandingan jihad",
    "metro": "jaya tv jakarta bekasi tangerang depok mini realitas line kapsul mall",
    "padang": "rumput pasir ilalang golf savana sabana gersang tandus luas mahsyar gurun "
              "penggembalaan pengembalaan lamun bulan",
    "palu": "arit godam sidang hakim besi paku",
    "papua": "nugini new guinea",
    "pati": "geni obor",
    "rembang": "petang senja",
    "puncak": "gunung acara musim kemarau hujan arus mudik kejayaan karier prestasi perayaan "
              "tertinggi peringatan bogor cianjur pass",
    "senen": "depan kemarin pagi sore malam",
    "serang": "balik musuh lawan jantung balasan",
    "solo": "karier karir career album vokal vocal traveling travelling traveler trip riding "
            "perform single show touring run player project proyek leveling",
    "sungaipenuh": "sampah air lumpur eceng",
    "tegal": "sawah",
    "timor": "leste timur",
}.items()}
# Before any name: dishes named after places, and waters named after them.
_NOT_AFTER_ANY = _words(
    "nasi masakan makan rm soto sate bakso mie mi ayam tahu dodol lumpia gudeg coto pempek empek "
    "rendang bika selat sungai bengawan danau")
# Before a name that is also a word: it is a person ("Pak Bima").
_PERSON_TITLES = _words(
    "pak bu bapak ibu mas mbak bang kak sdr saudara saudari adik dik om tante si sang nama "
    "namanya bernama")
_WEAK_TRIGGERS = _words("di ke dari se sekitar menuju arah sampai hingga")
_STRONG_TRIGGERS = _words(
    "warga wilayah daerah kawasan asal penduduk masyarakat pemda polres polresta kapolres "
    "kapolresta dprd kodim bpbd rsud kpu kejari") | gz.KOTA_WORDS | gz.KAB_WORDS \
    | gz.PROVINCE_WORDS
# Right after a headline subject, these make it a place ("Palu diguncang gempa"). The
# passive verbs need a place as subject; the others also fit a thing ("Batu longsor" = rocks
# slid), so they count only for the milder words.
_PLACE_VERBS = _words(
    "diguncang dilanda diterjang diguyur dikepung diselimuti digoyang digemparkan dihebohkan "
    "diterpa")
_PLACE_PREDICATES = _PLACE_VERBS | _words(
    "banjir siaga mencekam terendam tenggelam lumpuh macet membara memanas berduka waspada "
    "darurat longsor rusuh heboh")
_CONNECTORS = frozenset({"dan", "serta", "atau"})
# kecamatan: the words that name one, the ones that make a bare name one, and streets named
# after places or people ("Jl. Sudirman") that are not the place
_KECAMATAN_WORDS = _words("kec kecamatan distrik camat")
_AREA_WORDS = _words("daerah warga wilayah kawasan sekitar")
_STREET_WORDS = _words("jl jln jalan gg gang jend pasar")
_KECAMATAN_NOT_NAMES = _words("bambang")  # a kecamatan in Mamasa, and a very common name
# Kecamatan named like landforms: "Gunung Agung" is the volcano far more often than the
# kecamatan in Lampung, so these need "Kec." before them.
_LANDFORMS = _words("gunung sungai danau pantai bukit teluk tanjung pulau selat laut muara air "
                    "batu lembah")
_SENTENCE_END = set(".!?:;\n\"'“”([*•>|-–—")
_MAX_PREFIX_TOKENS = 4


@dataclass(frozen=True)
class RegionTag:
    code: str
    name: str
    level: str  # "province" | "regency"
    province_code: str
    confidence: float
    evidence: str
    rule: str


@dataclass
class _Hit:
    """One matched name and what it resolved to."""

    start: int  # token index
    end: int
    key: str
    entry: gz.NameEntry
    span: tuple[int, int]  # characters, prefix included
    accepted: bool = True
    word: bool = False  # an ordinary word too (batu, malang): made a place by context
    codes: tuple[str, ...] = ()
    rule: str = ""
    confidence: float = 0.0
    note: str = ""


class RegionTagger:
    """Build once (about half a second: gazetteer, kecamatan, word list), reuse for every text;
    it holds no per-call state, so threads may share it."""

    def __init__(self) -> None:
        self._regions = gz.regions()
        self._entries = gz.name_index()
        self._kecamatan = gz.kecamatan_index()
        self._dictionary = _dictionary_words()
        # first token of every spelling -> the most tokens a key starting with it spans
        first: dict[str, int] = {}
        for index in (self._entries, self._kecamatan):
            for entry in index.values():
                for form in entry.forms:
                    first[form[0]] = max(first.get(form[0], 0), len(form))
        self._first = first

    # --- public API ---------------------------------------------------------------------------

    def tag(self, text: str, hint: str | None = None,
            home_region: str | None = None) -> list[RegionTag]:
        tags = self._tag_text(text) if text else []
        if tags:
            return tags
        if hint:
            tags = self._prior(hint, "region_hint", CONF_HINT)
            if tags:
                return tags
        if home_region:
            return self._prior(home_region, "source_home_region", CONF_HOME)
        return []

    def tag_many(self, texts: Sequence[str], hints: Sequence[str | None] | None = None,
                 home_regions: Sequence[str | None] | None = None) -> list[list[RegionTag]]:
        n = len(texts)
        hint_list = list(hints) if hints is not None else [None] * n
        home_list = list(home_regions) if home_regions is not None else [None] * n
        if len(hint_list) != n or len(home_list) != n:
            raise ValueError("texts, hints and home_regions must have the same length")
        return [self.tag(t, h, r) for t, h, r in zip(texts, hint_list, home_list, strict=True)]

    # --- matching -----------------------------------------------------------------------------

    def _match(self, low: list[str]) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        first, entries, kecamatan = self._first, self._entries, self._kecamatan
        i, n = 0, len(low)
        while i < n:
            longest = first.get(low[i])
            if longest is None:
                i += 1
                continue
            for length in range(min(longest, n - i), 0, -1):
                key = low[i] if length == 1 else "".join(low[i:i + length])
                if key in entries or key in kecamatan:
                    out.append((i, i + length, key))
                    i += length
                    break
            else:
                i += 1
        return out

    def _region_at(self, low: list[str], start: int, end: int) -> tuple[int, str] | None:
        """The longest region name starting at ``start`` and ending before ``end``."""
        for stop in range(end - 1, start, -1):
            key = "".join(low[start:stop])
            if key in self._entries:
                return stop, key
        return None

    def _tag_text(self, text: str) -> list[RegionTag]:
        low = gz.tokens(text)
        if self._first.keys().isdisjoint(low):
            return []  # the common case for posts without a place: no per-hit work at all
        matches = self._match(low)
        if not matches:
            return []
        spans = gz.token_spans(text)  # same tokenizer, so the same token indexes
        idiom = _idiom_tokens(low)
        hits: list[_Hit] = []
        for start, end, key in matches:
            if start in idiom:
                continue
            hit = self._judge(text, spans, low, start, end, key)
            if (hit is None or not hit.accepted) and key not in self._entries \
                    and not _capitalised(text, spans, start, end):
                # an unconvincing kecamatan may begin with a region name ("di sorong kota");
                # written as a proper name ("Batu Ampar") it is that other place, though
                inner = self._region_at(low, start, end)
                region = inner and self._judge(text, spans, low, start, inner[0], inner[1])
                if region and (hit is None or region.accepted):
                    hit = region
            if hit is not None:
                hits.append(hit)
        self._use_context(hits)
        return self._emit(text, hits)

    # --- judging one match --------------------------------------------------------------------

    def _prefix(self, low: list[str], start: int) -> tuple[frozenset[str], int]:
        """Kinds named by the words before a name ("Kota dan Kabupaten Bogor") and where the
        first of those words starts (a token index)."""
        kinds: set[str] = set()
        first = start
        j = start - 1
        while j >= 0 and start - j <= _MAX_PREFIX_TOKENS:
            tok = low[j]
            if tok in gz.KOTA_WORDS:
                kinds.add("kota")
            elif tok in gz.KAB_WORDS:
                kinds.add("kabupaten")
            elif tok in gz.PROVINCE_WORDS:
                kinds.add("province")
            elif tok in gz.ADMIN_WORDS or (tok in _CONNECTORS and kinds):
                j -= 1
                continue
            else:
                break
            first = j
            j -= 1
        return frozenset(kinds), first

    def _judge(self, text: str, spans: list[tuple[str, int, int]], low: list[str], start: int,
               end: int, key: str) -> _Hit | None:
        prev = low[start - 1] if start > 0 else ""
        nxt = low[end] if end < len(low) else ""
        if prev in _NOT_AFTER_ANY:
            return None
        entry = self._entries.get(key)
        if entry is None:
            return self._judge_kecamatan(text, spans, low, start, end, key)
        kinds, first = self._prefix(low, start)
        last = end - 1
        if not kinds and nxt == "kota":
            # police and courts name the kota after the name: "Polres Bima Kota"
            kinds, last = frozenset({"kota"}), end
        span = (spans[start][1], spans[end - 1][2])
        hit = _Hit(start, end, key, entry, span)
        if kinds:
            chosen = tuple(c for c in entry.codes if self._regions[c].kind in kinds)
            if chosen:
                hit.span = (spans[first][1], spans[last][2])
                hit.codes = chosen
                hit.rule, hit.confidence = "explicit_prefix", CONF_PREFIX
                return hit
        level = _WORD_LEVEL.get(" ".join(low[start:end]), 0)
        if prev in _NOT_AFTER.get(key, ()) or nxt in _NOT_BEFORE.get(key, ()):
            return None
        if level:
            if prev in _PERSON_TITLES:
                return None
            hit.word = True
            hit.accepted = _word_is_place(text, spans, low, start, end, level)
        return hit

    def _judge_kecamatan(self, text: str, spans: list[tuple[str, int, int]], low: list[str],
                         start: int, end: int, key: str) -> _Hit | None:
        entry = self._kecamatan[key]
        prev = low[start - 1] if start > 0 else ""
        if prev in _STREET_WORDS:
            return None
        hit = _Hit(start, end, key, entry, (spans[start][1], spans[end - 1][2]), word=True)
        if prev in _KECAMATAN_WORDS:
            hit.span = (spans[start - 1][1], hit.span[1])
            hit.confidence = CONF_TOWN
        else:
            form = low[start:end]
            if len(key) < 5 or key in _KECAMATAN_NOT_NAMES or form[0] in _LANDFORMS \
                    or (len(form) == 1 and form[0] in self._dictionary):
                return None
            nxt = low[end] if end < len(low) else ""
            capital = _capitalised(text, spans, start, end)
            # capitals at a sentence start or in Title Case say nothing ("Bener ga sih")
            telling = nxt in _PLACE_VERBS or prev in _WEAK_TRIGGERS or (
                not _sentence_start(text, spans[start][1]) and _case_is_informative(text))
            hit.accepted = prev in _AREA_WORDS or (capital and telling)
            hit.confidence = CONF_KECAMATAN
        return hit

    # --- context across the text --------------------------------------------------------------

    def _use_context(self, hits: list[_Hit]) -> None:
        """Resolve what a single name cannot: ordinary words made places by a same-province
        place, names found in several provinces, kota/kabupaten pairs named elsewhere."""
        for h in hits:
            if h.accepted and not h.codes:
                self._resolve_alone(h, h.entry.codes, set())
        # regencies named unambiguously anywhere ("Kota Bogor", "Cikarang") decide a bare
        # "Bogor"/"Bekasi" elsewhere in the text
        ambiguous = ("ambiguous_kota_kabupaten", "ambiguous_kecamatan")
        explicit = {c for h in hits if h.rule not in ambiguous for c in h.codes
                    if self._regions[c].level == "regency"}
        for h in hits:
            if h.rule in ambiguous:
                self._resolve_alone(h, h.entry.codes, explicit)
        for _ in range(3):  # support can chain: "Malang" makes "batu" a place, and so on
            support = {self._regions[c].province_code for h in hits for c in h.codes}
            changed = False
            for h in hits:
                if h.codes:
                    continue
                local = tuple(c for c in h.entry.codes
                              if self._regions[c].province_code in support)
                if not local:
                    continue
                by_support = not h.accepted
                h.accepted = changed = True
                self._resolve_alone(h, local, explicit)
                if h.codes and (by_support or local != h.entry.codes) \
                        and h.rule not in ambiguous:
                    h.rule, h.confidence = "context", CONF_CONTEXT
            if not changed:
                break

    def _resolve_alone(self, h: _Hit, candidates: tuple[str, ...], explicit: set[str]) -> None:
        """Codes for an accepted match without a prefix (left empty when undecidable)."""
        h.note = ""
        if h.entry.source == "kecamatan":
            self._resolve_kecamatan(h, candidates, explicit)
            return
        codes = [self._regions[c] for c in candidates]
        rule, conf = _SOURCE_RULE.get(h.entry.source, ("alias", 0.9))
        if h.word and rule in ("name", "alias"):
            rule, conf = "name_in_context", CONF_CONTEXT
        provinces = [r for r in codes if r.level == "province"]
        regencies = [r for r in codes if r.level == "regency"]
        if len(codes) == 1 or (provinces and not regencies):
            h.codes = tuple(r.code for r in codes)  # one place, or an area of provinces
        elif len(provinces) == 1:
            h.codes = (provinces[0].code,)  # "Jambi": the province unless "Kota Jambi"
        elif len({r.province_code for r in regencies}) == 1:
            known = [r.code for r in regencies if r.code in explicit]
            if len(known) == 1:
                h.codes, rule, conf = (known[0],), "context", CONF_CONTEXT
            else:
                h.codes = (regencies[0].province_code,)
                rule, conf = "ambiguous_kota_kabupaten", CONF_AMBIGUOUS
                h.note = " | ".join(f"{r.name} {r.code}" for r in regencies)
        else:
            return  # the same name in several provinces and nothing to choose by
        h.rule, h.confidence = rule, conf

    def _resolve_kecamatan(self, h: _Hit, candidates: tuple[str, ...], explicit: set[str]) -> None:
        known = [c for c in candidates if c in explicit]
        if len(candidates) == 1:
            h.codes, h.rule = candidates, "kecamatan"
        elif len(known) == 1:
            h.codes, h.rule, h.confidence = (known[0],), "context", CONF_CONTEXT
        elif len({c[:2] for c in candidates}) == 1:
            # the same kecamatan name in two kab/kota of one province
            h.codes, h.rule, h.confidence = (candidates[0][:2],), "ambiguous_kecamatan", \
                CONF_AMBIGUOUS
            h.note = " | ".join(f"{self._regions[c].name} {c}" for c in candidates)

    # --- output -------------------------------------------------------------------------------

    def _emit(self, text: str, hits: list[_Hit]) -> list[RegionTag]:
        """One tag per code (the most confident), in text order; then implied provinces."""
        best: dict[str, tuple[tuple[int, int], RegionTag]] = {}
        for h in hits:
            if not h.accepted:
                continue
            evidence = text[h.span[0]:h.span[1]]
            if h.note:
                evidence = f"{evidence} (ambiguous: {h.note})"
            for code in h.codes:
                region = self._regions[code]
                tag = RegionTag(code, region.name, region.level, region.province_code,
                                h.confidence, evidence, h.rule)
                old = best.get(code)
                if old is None or tag.confidence > old[1].confidence:
                    best[code] = (old[0] if old else (h.span[0], 0), tag)
        implied: dict[str, tuple[tuple[int, int], RegionTag]] = {}
        for pos, tag in best.values():
            if tag.level == "regency" and tag.province_code not in best \
                    and tag.province_code not in implied:
                province = self._regions[tag.province_code]
                implied[province.code] = ((pos[0], 1), RegionTag(
                    province.code, province.name, "province", province.code, tag.confidence,
                    tag.evidence, "implied_by_regency"))
        best.update(implied)
        return [tag for _, tag in sorted(best.values(), key=lambda item: item[0])]

    def _prior(self, value: str, rule: str, confidence: float) -> list[RegionTag]:
        code = gz.resolve_region(value)
        codes = [code] if code else [t.code for t in self._tag_text(value)
                                     if t.rule != "implied_by_regency"]
        out: list[RegionTag] = []
        for c in codes:
            region = self._regions[c]
            out.append(RegionTag(c, region.name, region.level, region.province_code,
                                 confidence, f"{rule}={value}", rule))
            if region.level == "regency" and all(t.code != region.province_code for t in out):
                province = self._regions[region.province_code]
                out.append(RegionTag(province.code, province.name, "province", province.code,
                                     confidence, f"{rule}={value}", "implied_by_regency"))
        return out


def _word_is_place(text: str, spans: list[tuple[str, int, int]], low: list[str], start: int,
                   end: int, level: int) -> bool:
    """Does the text itself (not other places) say this ordinary word is a place?"""
    if level >= 3:
        return False
    prev = low[start - 1] if start > 0 else ""
    nxt = low[end] if end < len(low) else ""
    if prev in _STRONG_TRIGGERS:
        return True
    capital = _capitalised(text, spans, start, end)
    if level == 1:
        return capital or prev in _WEAK_TRIGGERS or nxt in _PLACE_PREDICATES
    if not capital:
        return False
    if prev in _WEAK_TRIGGERS or nxt in _PLACE_VERBS:
        return True
    return not _sentence_start(text, spans[start][1]) and _case_is_informative(text)


def _capitalised(text: str, spans: list[tuple[str, int, int]], start: int, end: int) -> bool:
    """Written as a proper name: every word capitalised ("Pasar Minggu", not "Pasar minggu"),
    in a text that is not all capitals."""
    return not text.isupper() and all(text[spans[k][1]].isupper() for k in range(start, end))


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _case_is_informative(text: str) -> bool:
    """Headlines In Title Case capitalise every word, so capitals say nothing there."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    if not words:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) < 0.6


def _idiom_tokens(low: list[str]) -> set[int]:
    """Token indexes inside "dari Sabang sampai Merauke" (= all of Indonesia)."""
    out: set[int] = set()
    for i, tok in enumerate(low):
        if tok == "sabang":
            for j in range(i + 1, min(i + 4, len(low))):
                if low[j] == "merauke":
                    out.update(range(i, j + 1))
    return out


@cache
def _dictionary_words() -> frozenset[str]:
    """Words a bare kecamatan name must not be: Sastrawi's ~30k Indonesian root words
    ("Merdeka", "Bintang"), the project's function words and slang ("Bener" is a kecamatan in
    Purworejo and "bener" is slang for "benar")."""
    words: set[str] = set()
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        words.update(w.strip().lower() for w in StemmerFactory().get_words() if w.strip())
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    try:
        from pipelines import language

        for name in ("INDONESIAN_WORDS", "ENGLISH_WORDS", "JAVANESE_WORDS", "SUNDANESE_WORDS"):
            words.update(getattr(language, name, ()))
    except ImportError:  # pragma: no cover - the normalisation half of the pipeline
        pass
    slang = gz.DATA_DIR / "slang.csv"
    if slang.is_file():
        with slang.open(encoding="utf-8") as fh:
            words.update(line.split(",", 1)[0].strip().lower() for line in fh)
    return frozenset(words)


_lock = threading.Lock()
_tagger: RegionTagger | None = None


def get_tagger() -> RegionTagger:
    """The process-wide tagger (building it reads the gazetteer once)."""
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                _tagger = RegionTagger()
    return _tagger
