"""The narrative tracker: one day step that the ``cluster`` stage and every evaluation run.

- ``grouping``: the similarity (embedding, character/word n-grams, claim anchors), joins,
  blocked average linkage, splits, merges.
- ``anchors``: what tells two claims on one topic apart (numbers, dates, names, places).
- ``crosslingual``, ``links``, ``threads``: second chances for what the text left out — a
  post in another language (by the embedding), a post or group carrying a campaign's link,
  a reply (the post it answers).
- ``step``: the pure day step: state and the day's posts in; assignments, new narratives,
  splits, merges, recycling and fact-check links out. No I/O.
- ``store``: the warehouse around it: load the state, undo a day, replay later days, write.
- ``evaluate``: a labelled JSONL through the real stages on a scratch warehouse, and scores.
"""
