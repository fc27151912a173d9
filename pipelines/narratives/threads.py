"""Replies follow the post they answer, when their own words left them out.

A reply is read in its thread: "Ya Allah... semoga gak bener 😢", "Ini beneran? Ada sumber
resminya gak?" or "Sumbernya mana ya? kok gak ada di berita" under a post that claims the dam
broke is about the dam, though it names little of it. The n-grams and the embedding come first
(a reply that restates the claim joins it as any post does); a reply they left out — it joined
nothing and is in no group formed today — joins the narrative of the post it replies to: the
parent's assignment today (a known narrative or a group formed today), or the narrative the
parent was assigned to on an earlier day. A reply to a reply follows the chain. Its row says
``assigned_by = 'reply'``: it counts in the narrative's spread, not in its title, keywords or
score, which come from the claim's own posts.

``raw_posts.reply_to`` is the platform's id of the parent (a tweet id, a Telegram message id,
a Facebook comment's post), matched within the same source: Telegram numbers messages per
chat, so an id is only unique there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.narratives.grouping import group_index, regroup

MAX_CHAIN = 8  # replies to replies followed this deep


@dataclass(frozen=True)
class Threads:
    """Per post of the day's batch: where its parent is."""

    parent: np.ndarray                   # batch position of the parent, or -1
    parent_narrative: list[str | None]   # the parent's narrative from an earlier day, or None

    @classmethod
    def none(cls, n: int) -> Threads:
        return cls(np.full(n, -1, dtype=np.int64), [None] * n)


def follow_parents(crowd: np.ndarray, parent: np.ndarray, parent_known: np.ndarray,
                   joined: np.ndarray, new_groups: list[np.ndarray]) -> np.ndarray:
    """Leftover crowd replies take their parent's narrative: ``joined`` (a known index) is set
    in place and group members are appended to ``new_groups`` in place. ``parent_known``: per
    post, the known index of its parent's earlier narrative (−1). Returns the positions that
    followed a parent."""
    group_of = group_index(new_groups, len(joined))
    has_parent = (parent >= 0) | (parent_known >= 0)
    todo = crowd[has_parent[crowd]]
    followed: list[int] = []
    for _ in range(MAX_CHAIN):
        todo = todo[(joined[todo] < 0) & (group_of[todo] < 0)]
        moved = False
        for pos in todo.tolist():
            p = int(parent[pos])
            if p >= 0 and joined[p] >= 0:
                joined[pos] = joined[p]
            elif p >= 0 and group_of[p] >= 0:
                group_of[pos] = group_of[p]
            elif p < 0 and parent_known[pos] >= 0:
                joined[pos] = parent_known[pos]
            else:
                continue
            followed.append(pos)
            moved = True
        if not moved:
            break
    extra: dict[int, list[int]] = {}
    for pos in followed:
        if group_of[pos] >= 0:
            extra.setdefault(int(group_of[pos]), []).append(pos)
    new_groups[:] = regroup(new_groups, extra)
    return np.asarray(sorted(followed), dtype=np.int64)
