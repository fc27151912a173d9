"""X (Twitter) API v2 JSON: search / timeline responses with `data` and `includes.users`.

Accepts one response (`{"data": [...], "includes": {...}, "meta": {...}}`), an array of them,
several concatenated, or JSON Lines with one response per line (what `twarc2 search` writes);
also single tweets per line with an inline `author` object (`twarc2 flatten`). Every tweet in
`data` is one record.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipelines.connectors.base import ParsedRecord
from pipelines.connectors.common import json_raw, non_negative_int
from pipelines.connectors.json_stream import (
    has_invalid_bytes,
    iter_json_items,
    iter_json_values,
    json_layout,
)
from pipelines.connectors.text_files import repair_mojibake
from pipelines.settings import Settings

# X's own codes that mean "no language" (undetermined, no text, media/hashtag/cashtag only).
_NO_LANG = {"und", "zxx", "qme", "qht", "qam", "qct", "qst"}
_LANG = {"in": "id"}  # X still uses the old ISO 639 code for Indonesian


def looks_like_x_page(obj: Any) -> bool:
    """An API response (data + includes/meta), or a flattened tweet (author_id, created_at)."""
    if not isinstance(obj, dict):
        return False
    if "data" in obj and ("includes" in obj or "meta" in obj):
        return True
    return "author_id" in obj and "created_at" in obj and "published_at" not in obj


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _users(page: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    includes = page.get("includes")
    users: dict[str, dict[str, Any]] = {}
    places: dict[str, dict[str, Any]] = {}
    if isinstance(includes, dict):
        for user in _as_list(includes.get("users")):
            if isinstance(user, dict) and user.get("id") is not None:
                users[str(user["id"])] = user
        for place in _as_list(includes.get("places")):
            if isinstance(place, dict) and place.get("id") is not None:
                places[str(place["id"])] = place
    return users, places


def tweet_fields(tweet: dict[str, Any], users: dict[str, dict[str, Any]],
                 places: dict[str, dict[str, Any]], source: str) -> dict[str, Any]:
    tweet_id = tweet.get("id")
    user = tweet.get("author") if isinstance(tweet.get("author"), dict) else None
    if user is None:
        user = users.get(str(tweet.get("author_id")))
    username = user.get("username") if user else None
    note = tweet.get("note_tweet")
    text = note.get("text") if isinstance(note, dict) and note.get("text") else tweet.get("text")
    url: str | None
    if username and isinstance(username, str):
        url = f"https://x.com/{username}/status/{tweet_id}"
    else:
        url = f"https://x.com/i/web/status/{tweet_id}" if tweet_id is not None else None
    lang: Any = tweet.get("lang")
    if isinstance(lang, str):
        lang = None if lang in _NO_LANG else _LANG.get(lang, lang)
    fields: dict[str, Any] = {
        "id": tweet_id,
        "text": text,
        "published_at": tweet.get("created_at"),
        "source": source,
        "platform": "x",
        "author": username,
        "url": url,
        "lang": lang if isinstance(lang, str) else None,
    }
    metrics = tweet.get("public_metrics")
    if isinstance(metrics, dict):
        retweets = non_negative_int(metrics.get("retweet_count"))
        quotes = non_negative_int(metrics.get("quote_count"))
        if retweets is not None or quotes is not None:
            fields["shares"] = (retweets or 0) + (quotes or 0)
        for key, name in (("like_count", "likes"), ("reply_count", "replies"),
                          ("impression_count", "impressions")):
            value = non_negative_int(metrics.get(key))
            if value is not None:
                fields[name] = value
    for ref in _as_list(tweet.get("referenced_tweets")):
        if not isinstance(ref, dict) or ref.get("id") is None:
            continue
        kind = ref.get("type")
        if kind == "replied_to":
            fields["reply_to"] = str(ref["id"])
        elif kind == "quoted":
            fields["quoted_id"] = str(ref["id"])
        elif kind == "retweeted":
            fields["retweet_of"] = str(ref["id"])
    if tweet.get("conversation_id") is not None:
        fields["conversation_id"] = str(tweet["conversation_id"])
    if user and isinstance(user.get("name"), str):
        fields["author_name"] = user["name"]
    geo = tweet.get("geo")
    if isinstance(geo, dict):
        place = places.get(str(geo.get("place_id")))
        if place and isinstance(place.get("full_name"), str):
            fields["region_hint"] = place["full_name"]
    return fields


class XJsonConnector:
    name = "x-json"

    def __init__(self, source: str | None = None) -> None:
        self._source = source

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]:
        source = self._source or settings.x_source
        ordinal = 0
        layout = json_layout(path, settings.max_line_bytes)
        for position, page, error in iter_json_values(path, settings):
            if error is not None and position == 1 and layout != "lines":
                # The first (often only) response is broken: salvage the posts before the
                # break, streamed from `data` (their authors are in `includes`, after it).
                prefix = "data.item" if layout == "objects" else "item.data.item"
                for _, tweet, salvage_error in iter_json_items(path, prefix,
                                                             settings.max_json_depth):
                    ordinal += 1
                    if salvage_error is not None:
                        yield ParsedRecord(raw=f"<{path.name}: rest of the file>",
                                           line_no=ordinal, reason=salvage_error)
                    else:
                        yield self._tweet(ordinal, tweet, {}, {}, source, position)
                return
            if error is not None:
                ordinal += 1
                yield ParsedRecord(raw=f"<{path.name} at {position}>", line_no=ordinal,
                                   reason=error, meta={"position": position})
                continue
            if isinstance(page, dict) and "data" not in page and looks_like_x_page(page):
                tweets: Any = [page]  # a flattened tweet with its author inline
            elif isinstance(page, dict):
                tweets = page.get("data")
                if tweets is None:
                    continue  # e.g. {"meta": {"result_count": 0}} or an errors-only page
            else:
                ordinal += 1
                yield ParsedRecord(raw=json_raw(page), line_no=ordinal,
                                   reason=f"expected an X API response object, got "
                                          f"{type(page).__name__}")
                continue
            if isinstance(tweets, dict):
                tweets = [tweets]  # a single-tweet lookup
            if not isinstance(tweets, list):
                ordinal += 1
                yield ParsedRecord(raw=json_raw(page), line_no=ordinal,
                                   reason="'data' is not a list of posts")
                continue
            users, places = _users(page) if isinstance(page, dict) else ({}, {})
            for tweet in tweets:
                ordinal += 1
                yield self._tweet(ordinal, tweet, users, places, source, position)

    @staticmethod
    def _tweet(ordinal: int, tweet: Any, users: dict[str, dict[str, Any]],
               places: dict[str, dict[str, Any]], source: str, position: int) -> ParsedRecord:
        raw = json_raw(tweet)
        if not isinstance(tweet, dict):
            return ParsedRecord(raw=raw, line_no=ordinal,
                                reason=f"expected a post object, got {type(tweet).__name__}")
        if has_invalid_bytes(tweet):
            return ParsedRecord(raw=raw, line_no=ordinal, reason="invalid UTF-8 bytes")
        fields = tweet_fields(repair_mojibake(tweet), users, places, source)
        return ParsedRecord(raw=raw, line_no=ordinal, fields=fields, meta={"position": position})
