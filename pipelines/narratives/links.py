"""Posts that carry the same link belong to the same campaign.

A scam's posts point to its site ("Daftar di https://rekrutmen-bumn2026.example/daftar", "cek di
bit.ly/loker-bumn"), in many templates a day: "*LOWONGAN KERJA PT KAI*…", "Lumayan nih info loker
… gak pake tes", "Ada yg mau kerja di PLN?". The n-grams put each template in a narrative of its
own; the link they share says they are one campaign, which one warning answers. So a post the
text left out, or a group formed today, whose links belong to one narrative joins it:

- a link *belongs* to the narrative that holds at least ``LINK_SHARE`` of the posts carrying it
  (the known narratives' posts of the last 30 days and today's joins and groups) and at least
  ``LINK_MIN_POSTS`` of them: one coincidental post never makes a link a narrative's;
- a leftover post joins the narrative its links belong to (all of them to the same one);
- a group formed today joins the known narrative that at least half its members' links belong
  to (its own members not counted).

Only links that name content count (``link_key``): a page (host and path), or a bare host that
is a site of its own (a scam's ``bansos-kemensos.site``); a platform's, a shortener's, a news
site's or an institution's front page (``facebook.com``, ``bit.ly``, ``kompas.com``, any
``.go.id``) says nothing of a claim. The share rule guards the rest: a host many narratives
mention belongs to none of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import numpy as np

from pipelines.narratives.grouping import group_index, regroup

LINK_SHARE = 2 / 3
LINK_MIN_POSTS = 2
# Query parameters that name the content on the platforms that put it there.
_CONTENT_QUERY = {"v", "story_fbid", "id", "fbid", "p"}
# Hosts whose front page names no claim: platforms, shorteners, messaging, search, the national
# news sites and fact-checkers posts cite as "sumber: …".
GENERIC_HOSTS = frozenset({
    "facebook.com", "fb.com", "fb.me", "instagram.com", "twitter.com", "x.com", "t.co",
    "tiktok.com", "vt.tiktok.com", "youtube.com", "youtu.be", "t.me", "telegram.me", "wa.me",
    "whatsapp.com", "chat.whatsapp.com", "google.com", "goo.gl", "bit.ly", "s.id", "tinyurl.com",
    "linktr.ee", "shorturl.at", "cutt.ly", "kompas.com", "detik.com", "tribunnews.com",
    "cnnindonesia.com", "liputan6.com", "tempo.co", "antaranews.com", "kumparan.com",
    "okezone.com", "suara.com", "cnbcindonesia.com", "republika.co.id", "viva.co.id",
    "merdeka.com", "sindonews.com", "jawapos.com", "turnbackhoax.id", "cekfakta.com",
    "cekhoax.id", "komdigi.go.id", "kominfo.go.id",
})
_GENERIC_SUFFIXES = (".go.id", ".ac.id", ".sch.id", ".mil.id", ".desa.id")


def link_key(url: str) -> str | None:
    """``host/path`` of a link that names content (lower case, no ``www.``, no scheme, no
    trailing slash, query kept only where it names the item: YouTube ``v``, Facebook
    ``story_fbid``…); None for the front page of a generic host, which names no claim."""
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    host = host.removeprefix("www.").removeprefix("m.")
    path = parts.path.rstrip("/").lower()
    keep = sorted(f"{k}={v[0]}" for k, v in parse_qs(parts.query).items()
                  if k.lower() in _CONTENT_QUERY and v)
    if not host or "." not in host or not host.rsplit(".", 1)[1].isalpha():
        return None  # no host, or a number ("Rp50.000", an IP address)
    if not (path or keep) and (host in GENERIC_HOSTS or host.endswith(_GENERIC_SUFFIXES)):
        return None
    return host + path + ("?" + "&".join(keep) if keep else "")


def link_keys(urls: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(sorted({k for u in urls or () if (k := link_key(u))}))


@dataclass(frozen=True)
class Links:
    """Per post of the day's batch its link keys; per link key the known narratives' posts
    carrying it (narrative id → posts)."""

    post: Sequence[tuple[str, ...]]
    known: dict[str, dict[str, int]]


def _owner(counts: Counter[int], skip: int = -1) -> int:
    """The target that holds the link (−1: none): ``LINK_SHARE`` of its posts, at least
    ``LINK_MIN_POSTS`` of them; ``skip``'s posts are not counted."""
    rest = [(n, t) for t, n in counts.items() if t != skip and n > 0]
    if not rest:
        return -1
    total = sum(n for n, _ in rest)
    n, t = max(rest, key=lambda x: (x[0], -x[1]))
    return t if n >= LINK_MIN_POSTS and n >= LINK_SHARE * total else -1


def follow_links(crowd: np.ndarray, links: Links, known_ids: Sequence[str], joined: np.ndarray,
                 new_groups: list[np.ndarray]) -> list[np.ndarray]:
    """Leftovers and today's groups join the narrative their links belong to: ``joined`` set in
    place (a known index); returns the groups kept (joined ones dissolved into their known
    narrative, leftovers appended to today's group), members sorted. Targets are known indices
    (0…k−1) or k + g for today's group g."""
    k = len(known_ids)
    index = {nid: i for i, nid in enumerate(known_ids)}
    group_of = group_index(new_groups, len(joined))
    counts: dict[str, Counter[int]] = defaultdict(Counter)
    for key, per in links.known.items():
        for nid, n in per.items():
            if nid in index:
                counts[key][index[nid]] += n
    linked = [int(p) for p in crowd if links.post[p]]
    for pos in linked:
        target = (int(joined[pos]) if joined[pos] >= 0
                  else k + int(group_of[pos]) if group_of[pos] >= 0 else -1)
        if target >= 0:
            for key in links.post[pos]:
                counts[key][target] += 1
    dissolved: set[int] = set()
    for g, members in enumerate(new_groups):
        votes = Counter(t for pos in members.tolist() if links.post[pos]
                        for t in {_owner(counts[key], skip=k + g) for key in links.post[pos]}
                        if 0 <= t < k)
        if votes:
            t, n = votes.most_common(1)[0]
            if 2 * n >= len(members):
                joined[members] = t
                dissolved.add(g)
                for pos in members.tolist():  # its posts now count for the narrative
                    for key in links.post[pos]:
                        counts[key][k + g] -= 1
                        counts[key][t] += 1
    extra: dict[int, list[int]] = {}
    for pos in linked:
        if joined[pos] >= 0 or group_of[pos] >= 0:
            continue
        owners = {_owner(counts[key]) for key in links.post[pos]}
        if len(owners) != 1:
            continue
        t = owners.pop()
        if 0 <= t < k:
            joined[pos] = t
        elif t >= k and t - k not in dissolved:
            extra.setdefault(t - k, []).append(pos)
    return regroup(new_groups, extra, dissolved)
