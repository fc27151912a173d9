"""Text normalisation for Indonesian social posts.

Two forms come out of every post:

* ``text_clean``: what a person reads. Mojibake repaired, HTML gone, zero-width characters gone,
  whitespace collapsed (single spaces, single line breaks kept), original case.
* ``text_norm``: what matching, deduplication and the classifier see. Lowercase, no URLs,
  mentions, e-mails or emoji, hashtags reduced to their words, forward boilerplate removed,
  slang and alay spellings mapped through ``data/slang.csv``, punctuation gone (except inside
  numbers, so prices, dates and times stay intact).

The per-post work is a handful of precompiled regex passes plus a cached per-token mapping, and the
expensive libraries (ftfy, the language model) run only when a cheap check says they are needed.
"""

from __future__ import annotations

import csv
import hashlib
import html
import itertools
import re
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import ftfy
import pyarrow as pa
import regex

from pipelines.language import ENGLISH_WORDS, INDONESIAN_WORDS, detect_languages

DATA_DIR = Path(__file__).parent / "data"
SLANG_PATH = DATA_DIR / "slang.csv"
BOILERPLATE_PATH = DATA_DIR / "forward_boilerplate.txt"

_STR_LIST = pa.list_(pa.string())
SCHEMA = pa.schema([
    pa.field("text_clean", pa.string(), nullable=False),
    pa.field("text_norm", pa.string(), nullable=False),
    pa.field("content_hash", pa.string(), nullable=False),
    pa.field("urls", _STR_LIST, nullable=False),
    pa.field("mentions", _STR_LIST, nullable=False),
    pa.field("hashtags", _STR_LIST, nullable=False),
    pa.field("emojis", _STR_LIST, nullable=False),
    pa.field("lang", pa.string(), nullable=False),
])

# --- text_clean ------------------------------------------------------------------------------

# UTF-8 bytes read as cp1252/latin-1: a lead byte followed by continuation bytes. Only a
# prefilter: ftfy is slow, so it runs just on texts that look like this.
_CONT = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_HINT = re.compile(f"[\xc2-\xdf][{_CONT}]|[\xe0-\xef][{_CONT}]{{2}}|ð[{_CONT}]{{2}}")
# Repair encodings only; quotes, ligatures and full-width forms are the author's choice.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, uncurl_quotes=False, fix_latin_ligatures=False,
    fix_character_width=False, explain=False,
)

# Script/style blocks and comments are dropped by _drop_html_blocks (a lazy `.*?` regex would
# rescan to the end from every unclosed "<script>" or "<!--": quadratic on hostile posts).
_HTML_OPEN = re.compile(r"<(script|style)\b[^<>]*>|<!--", re.I)
_HTML_CLOSE = {"script": re.compile(r"</script\s*>", re.I),
               "style": re.compile(r"</style\s*>", re.I)}
_HTML_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|tr|table|h[1-6]|blockquote)\b[^<>]*>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")  # "<3" and "a < b" survive

# ZWJ glues emoji sequences (family, profession, flag-with-symbol), so it stays between emoji.
# The soft hyphen goes with C1 controls, after ftfy: as a byte it is part of mojibake ("Ã\xad").
_ZERO_WIDTH = regex.compile(
    r"[\u200b\u200c\u200e\u200f\u2060-\u2064\ufeff\u180e]"
    r"|(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f])\u200d"
    r"|\u200d(?!\p{Extended_Pictographic})"
)
# Control characters; tabs and newlines are spacing. C1 goes only after ftfy, which needs it to
# repair mojibake such as "â€\x9d".
_C0_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_C1_CONTROL = re.compile(r"[\x80-\x9f\xad]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # from bad JSON decoding; unencodable as UTF-8
# Starts only where a run of spaces starts (the lookbehind), so a long run without a newline
# is scanned once, not once per space.
_NEWLINES = re.compile(r"(?<![^\S\n])[^\S\n]*\n\s*")
_HSPACE = re.compile(r"[^\S\n]{2,}|[^\S\n ]")


def _drop_html_blocks(s: str) -> str:
    """Script and style elements and comments out, each replaced by a space. Linear: once a
    kind has no closing tag left, its later openings are kept as they are (then stripped as
    tags), without searching again."""
    parts: list[str] = []
    pos = 0
    unclosed: set[str] = set()
    for opening in _HTML_OPEN.finditer(s):
        if opening.start() < pos:
            continue
        kind = (opening.group(1) or "--").lower()
        if kind in unclosed:
            continue
        if kind == "--":
            end = s.find("-->", opening.end())
            end = -1 if end < 0 else end + 3
        else:
            closing = _HTML_CLOSE[kind].search(s, opening.end())
            end = -1 if closing is None else closing.end()
        if end < 0:
            unclosed.add(kind)
            continue
        parts.append(s[pos:opening.start()])
        parts.append(" ")
        pos = end
    if not parts:
        return s
    parts.append(s[pos:])
    return "".join(parts)


def clean_text(text: str | None) -> str:
    """Readable form of ``text``: repaired, de-HTML-ed, NFC, whitespace collapsed."""
    if not text:
        return ""
    s = text
    if "<" in s:
        s = _drop_html_blocks(s)
        s = _HTML_BLOCK_TAG.sub("\n", s)
        s = _HTML_TAG.sub("", s)
    if "&" in s:
        s = html.unescape(s)
    if not s.isprintable():
        s = _C0_CONTROL.sub("", s)
    if not s.isascii():
        if _SURROGATE.search(s):  # rejoin split pairs, mark lone halves with U+FFFD
            s = s.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        s = _ZERO_WIDTH.sub("", s)
        if _MOJIBAKE_HINT.search(s):
            s = ftfy.fix_text(s, _FTFY_CONFIG)
        s = _C1_CONTROL.sub("", unicodedata.normalize("NFC", s))
    if "\n" in s or "\r" in s:
        s = _NEWLINES.sub("\n", s)
    if "  " in s or "\t" in s or "\x0b" in s or "\x0c" in s or not s.isascii():
        s = _HSPACE.sub(" ", s)
    return s.strip()


# --- text_norm: entities -----------------------------------------------------------------------

_TLDS = r"(?:com|net|org|info|id|io|ly|me|co|tv|news|xyz|site|online|link|app|gl|to|cc|us|my|sg)"
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]}]"
    # bare domains ("bit.ly/x", "kompas.com") only with a known TLD, so "Rp50.000" and "10.30"
    # are never taken for one
    # Labels are bounded as in DNS (63 characters, here at most 10 of them): every start
    # then costs a bounded scan, so "a-a-a-…" stays linear; and no start right after
    # "<letter>-", the middle of a hyphenated label (a start there is one more bounded scan).
    rf"|\b(?<!\w-)(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.){{1,10}}{_TLDS}\b"
    r"(?:/[^\s<>\"']*[^\s<>\"'.,;:!?)\]}])?",
    re.I,
)
# Cheap superset of _URL: most posts have no link, and the bare-domain branch is the slow part.
_URL_HINT = re.compile(rf"://|www\.|\.{_TLDS}\b", re.I)
# The lookbehind starts a match only at the start of a run (a run of "aaaa…" without "@" is
# scanned once, not once per letter).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)")
_PHONE_MENTION = re.compile(r"\d[\d_.]{6,}")
_HASHTAG = re.compile(r"(?<![\w&#])#(\w*[^\W\d_]\w*)")
_CAMEL = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])|_+")

# Keycaps, flags, and pictographs with their modifiers and ZWJ continuations. ©, ®, ™ and friends
# are text unless followed by the emoji variation selector.
_TEXT_PICTO = "\u00a9\u00ae\u203c\u2049\u2122\u2139"
_EMOJI = regex.compile(
    r"[#*0-9]\ufe0f?\u20e3"
    r"|\p{Regional_Indicator}{2}"
    rf"|(?:[{_TEXT_PICTO}]\ufe0f|(?![{_TEXT_PICTO}])\p{{Extended_Pictographic}})"
    r"[\ufe0f\p{Emoji_Modifier}]*"
    r"(?:\u200d\p{Extended_Pictographic}[\ufe0f\p{Emoji_Modifier}]*)*"
    r"[\U000e0020-\U000e007f]*"
)
# Combining marks are dropped from text_norm: accents, Arabic harakat, stray variation selectors.
_MARKS = regex.compile(r"\p{Mn}+")

# A number with internal separators (optionally glued to a prefix: "rp50.000", "12/05/2026",
# "10.30") is one token; everything else is a run of letters and digits.
_TOKEN = re.compile(r"[^\W\d_]*\d+(?:[.,:/-]\d+)+|[^\W_]+")


def _hashtag_words(m: re.Match[str]) -> str:
    return " " + _CAMEL.sub(" ", m.group(1)) + " "


# --- text_norm: tokens -------------------------------------------------------------------------

MAX_WORD_CHARS = 64
_RUN3 = re.compile(r"(\w)\1{2,}")
# "bener2", "anak2nya": Indonesian writes reduplication with a 2; at least three letters so
# "rp2" and "tv2" are left alone.
_REDUP = re.compile(r"([a-z]*[aiueo][a-z]*)2(nya|an|lah|kah|pun|ku|mu)?")
# Digits standing in for letters inside a word ("s3mua", "b4nget", "c0v1d"): needs a digit with
# letters on both sides, so "covid19", "5g", "mp3", "g20" and "rp50" stay as they are.
_LEET = re.compile(r"[0134-9]?[a-z]+(?:[0134-9][a-z]+)+[0134-9]?")
_LEET_MAP = str.maketrans("013456789", "oieasgtbg")
_LAUGHS = (
    (re.compile(r"(?:wk){2,}w?|(?:kw){2,}k?"), "wkwk"),
    (re.compile(r"(?:ha){2,}h?|(?:ah){2,}"), "haha"),
    (re.compile(r"(?:he){2,}h?"), "hehe"),
    (re.compile(r"(?:hi){2,}h?"), "hihi"),
)


@cache
def slang_map() -> dict[str, str]:
    """``data/slang.csv`` as {slang: formal}; a key listed twice is an error, not a silent pick."""
    mapping: dict[str, str] = {}
    with SLANG_PATH.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            slang = (row.get("slang") or "").strip().lower()
            formal = " ".join((row.get("formal") or "").lower().split())
            if not slang or slang.startswith("#") or not formal:
                continue
            if slang in mapping and mapping[slang] != formal:
                raise ValueError(f"{SLANG_PATH.name}: {slang!r} maps to both "
                                 f"{mapping[slang]!r} and {formal!r}")
            mapping[slang] = formal
    return mapping


@cache
def _vocabularies() -> tuple[frozenset[str], frozenset[str]]:
    """(everyday words, all known words), to choose "saat" over "sat" and "maaf" over "maf"
    when squeezing "saaaat" and "maaaaf"."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    slang = slang_map()
    common = set(slang) | INDONESIAN_WORDS | ENGLISH_WORDS
    for formal in slang.values():
        common.update(formal.split())
    roots = {w.strip() for w in StemmerFactory().get_words_from_file() if w.strip()}
    return frozenset(common), frozenset(common | roots)


def _squeeze(word: str) -> str:
    """Shorten letter runs of 3+ to one letter, or to two where only that gives a (more common)
    known word."""
    runs = list(_RUN3.finditer(word))
    if not runs:
        return word
    single = _RUN3.sub(r"\1", word)
    if len(runs) > 4:
        return single
    candidates = []
    for widths in itertools.product((1, 2), repeat=len(runs)):
        parts, pos = [], 0
        for run, width in zip(runs, widths, strict=True):
            parts.append(word[pos:run.start()])
            parts.append(run.group(1) * width)
            pos = run.end()
        parts.append(word[pos:])
        candidates.append("".join(parts))
    for vocab in _vocabularies():
        for candidate in candidates:
            if candidate in vocab:
                return candidate
    return single


def _norm_word(word: str) -> str:
    slang = slang_map()
    if word in slang:
        return slang[word]
    word = _squeeze(word)
    for pattern, canonical in _LAUGHS:
        if pattern.fullmatch(word):
            return canonical
    return slang.get(word, word)


@lru_cache(maxsize=1 << 18)
def _norm_token(token: str) -> str:
    """text_norm form of one lowercase token; cached because social vocabulary is Zipfian."""
    if token.isdigit() or not token.isalnum():  # plain numbers, "50.000", "12/05/2026"
        return token
    if len(token) > MAX_WORD_CHARS:  # no word is this long; _REDUP would be quadratic on it
        return token
    if token.isalpha():
        return _norm_word(token)
    slang = slang_map()
    if token in slang:
        return slang[token]
    m = _REDUP.fullmatch(token)
    if m and len(m.group(1)) >= 3:
        base = _norm_word(m.group(1))
        return f"{base} {base}{m.group(2) or ''}"
    if _LEET.fullmatch(token) and sum(c.isalpha() for c in token) >= 3:
        return _norm_word(token.translate(_LEET_MAP))
    return token


# --- text_norm: forward boilerplate ------------------------------------------------------------

def _phrase_pattern(phrase: str) -> str:
    words = re.findall(r"\w+|[^\w\s]", phrase.lower())
    out = []
    for i, w in enumerate(words):
        if i:
            both_words = w[0].isalnum() and words[i - 1][-1].isalnum()
            out.append(r"[\W_]+" if both_words else r"\s*")
        out.append(re.escape(w))
    # \b rather than lookarounds: re skips ahead fast on a \b-led alternation of literals
    head = r"\b" if words[0][0].isalnum() else ""
    tail = r"\b" if words[-1][-1].isalnum() else ""
    return head + "".join(out) + tail


@cache
def boilerplate_pattern() -> re.Pattern[str]:
    """All entries of ``data/forward_boilerplate.txt`` as one regex."""
    sources: list[str] = []
    for raw in BOILERPLATE_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        source = line[3:].strip() if line.startswith("re:") else _phrase_pattern(line)
        re.compile(source)  # a bad line fails here, naming itself in the traceback
        sources.append(source)
    if not sources:
        return re.compile(r"(?!)")
    # Entries sharing a leading anchor are grouped behind it ("\b(?:a|b|c)"), which keeps one
    # pass over the text cheap. Within a group an alternation takes the first branch that
    # matches, so longer entries go first: "sebarkan ke semua grup" before "sebarkan!".
    groups: dict[str, list[str]] = {r"\b": [], "^": [], "": []}
    for source in dict.fromkeys(sources):
        anchor = next((a for a in (r"\b", "^") if source.startswith(a)), "")
        groups[anchor].append(source[len(anchor):])
    alternations = [
        anchor + "(?:" + "|".join(sorted(group, key=len, reverse=True)) + ")"
        for anchor, group in groups.items() if group
    ]
    return re.compile("|".join(alternations), re.M)


# --- putting it together -----------------------------------------------------------------------

def _normalise_clean(
    clean: str,
) -> tuple[str, list[str], list[str], list[str], list[str]]:
    s = clean
    if "@" in s:  # before URLs, or "gmail.com" would be taken for a link
        s = _EMAIL.sub(" ", s)
    urls = _URL.findall(s) if _URL_HINT.search(s) else []
    if urls:
        s = _URL.sub(" ", s)
    mentions: list[str] = []
    hashtags: list[str] = []
    if "@" in s:
        # "@6281234567890" is a phone number, personal data: removed, never kept as a mention
        mentions = [m.lower() for m in _MENTION.findall(s) if not _PHONE_MENTION.fullmatch(m)]
        if mentions:
            s = _MENTION.sub(" ", s)
    if "#" in s:
        hashtags = [h.lower() for h in _HASHTAG.findall(s)]
        if hashtags:
            s = _HASHTAG.sub(_hashtag_words, s)
    emojis: list[str] = []
    if not s.isascii():
        emojis = _EMOJI.findall(s)
        if emojis:
            s = _EMOJI.sub(" ", s)
        # NFKC folds the "𝗩𝗔𝗞𝗦𝗜𝗡" fancy fonts and full-width letters used to dodge filters;
        # NFD + mark removal folds accents ("téh" = "teh").
        s = unicodedata.normalize("NFKC", s)
        s = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", s)))
    # The removals above leave runs of spaces and blank lines; collapsed, every run is one
    # character, so the boilerplate entries' "^\s*" cannot rescan a long run at each line.
    s = _NEWLINES.sub("\n", _HSPACE.sub(" ", s))
    s = boilerplate_pattern().sub(" ", s.lower())
    norm = " ".join(filter(None, map(_norm_token, _TOKEN.findall(s))))
    return norm, urls, mentions, hashtags, emojis


def content_hash(text_norm: str) -> str:
    """Exact-duplicate key: hex SHA-1 of ``text_norm``."""
    return hashlib.sha1(text_norm.encode("utf-8")).hexdigest()


def normalize_texts(texts: Sequence[str], *, detect_lang: bool = True) -> pa.Table:
    """One row per input text, in order, with the columns of ``SCHEMA``.

    ``detect_lang=False`` skips language identification (``lang`` is then "und") for callers that
    only need matching keys.
    """
    cleans: list[str] = []
    norms: list[str] = []
    hashes: list[str] = []
    urls: list[list[str]] = []
    mentions: list[list[str]] = []
    hashtags: list[list[str]] = []
    emojis: list[list[str]] = []
    for text in texts:
        clean = clean_text(text)
        norm, u, m, h, e = _normalise_clean(clean)
        cleans.append(clean)
        norms.append(norm)
        hashes.append(content_hash(norm))
        urls.append(u)
        mentions.append(m)
        hashtags.append(h)
        emojis.append(e)
    langs = detect_languages(norms) if detect_lang else ["und"] * len(norms)
    return pa.table(
        [cleans, norms, hashes, urls, mentions, hashtags, emojis, langs], schema=SCHEMA)


def normalize_text(text: str) -> dict[str, Any]:
    """``normalize_texts`` for a single text, as a dict of the row."""
    row: dict[str, Any] = normalize_texts([text]).to_pylist()[0]
    return row
