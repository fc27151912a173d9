"""Every regex pass over post text runs in linear time (issue 13, finding 3).

Each case feeds its function an adversarial text of 10k and of 100k characters and compares
the two times, measured here, in the same test: linear work grows ~10x (up to ~30x measured on
a loaded 2-core machine, where a 100k string no longer fits the caches), quadratic ~100x. The
bound (50x) fails any quadratic pattern: before the fix the worst of these took 0.2-5 s at 10k
and grew ~60-100x.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest

from pipelines import narrative_labels
from pipelines.connectors.factcheck_rss import parse_fact_check
from pipelines.connectors.rss import strip_html
from pipelines.connectors.whatsapp_txt import strip_edited
from pipelines.normalize import clean_text, normalize_texts
from reports.briefing_data import redact

RATIO_BOUND = 50.0


def _norm(text: str) -> object:
    return normalize_texts([text], detect_lang=False)


def _label_url(text: str) -> object:
    return narrative_labels._URL.sub(" ", text)


CASES: list[tuple[str, Callable[[str], object], Callable[[int], str]]] = [
    ("normalize _NEWLINES (spaces, no newline)", clean_text, lambda n: "a" + " " * n + "b"),
    ("normalize unclosed <!--", clean_text, lambda n: "<!--" * (n // 4)),
    ("normalize unclosed <script>", clean_text, lambda n: "<script>" * (n // 8)),
    ("normalize many <", clean_text, lambda n: "<" * n),
    ("normalize _EMAIL (word, no @)", _norm, lambda n: "a" * n + " @x"),
    ("normalize _EMAIL (dotted)", _norm, lambda n: "a." * (n // 2) + "@x"),
    ("normalize _URL (a-a-a- …)", _norm, lambda n: "a-" * (n // 2) + " kompas.com"),
    ("normalize _URL (www. …)", _norm, lambda n: "www." * (n // 4)),
    ("normalize boilerplate (e-mail lines)", _norm, lambda n: "x@y.co\n" * (n // 7)),
    ("normalize long token", _norm, lambda n: "a" * n + "2"),
    ("redact e-mail", redact, lambda n: "a" * n + "@"),
    ("redact rekening", redact, lambda n: "rek" + " " * n + "x"),
    ("redact digits", redact, lambda n: "1 " * (n // 2)),
    ("redact phone-like", redact, lambda n: "0812 " * (n // 5)),
    ("redact handles", redact, lambda n: "@a" + "." * n),
    ("narrative_labels _URL", _label_url, lambda n: "a" * n),
    ("whatsapp _EDITED", strip_edited, lambda n: "x" + " " * n + "y"),
    ("fact-check narasi", lambda t: parse_fact_check("[HOAKS] x", t),
     lambda n: "narasi: '" * (n // 9)),
    ("rss strip_html", strip_html, lambda n: "<" * n),
]


def _seconds(func: Callable[[str], object], text: str, repeat: int) -> float:
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(repeat):
            func(text)
        runs.append((time.perf_counter() - started) / repeat)
    return statistics.median(runs)


@pytest.mark.parametrize("name, func, make", CASES, ids=[c[0] for c in CASES])
def test_regex_pass_is_linear(name: str, func: Callable[[str], object],
                              make: Callable[[int], str]) -> None:
    small, large = make(10_000), make(100_000)
    func(small)  # warm caches (compiled patterns, the slang table)
    probe = _seconds(func, small, 1)
    repeat = max(1, min(50, int(0.01 / max(probe, 1e-6))))  # >= ~10 ms per small sample
    ratio = float("inf")
    for _attempt in range(3):  # a busy machine can slow one sample; quadratic is never fast
        ratio = min(ratio, _seconds(func, large, max(1, repeat // 10))
                    / _seconds(func, small, repeat))
        if ratio < RATIO_BOUND:
            break
    assert ratio < RATIO_BOUND, f"{name}: 100k took {ratio:.0f}x the time of 10k"
