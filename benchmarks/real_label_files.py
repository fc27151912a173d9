"""Labelled CSVs (``text,label``) from the real public sets, for ``pantau evaluate --data``.

    .venv/bin/python benchmarks/real_label_files.py [--data-dir ../shared/data]
        [--out benchmarks/work/real-labels]
    PANTAU_HOME=var .venv/bin/pantau evaluate --data benchmarks/work/real-labels/bdc2020.csv

Any model in a warehouse's registry can then be scored on real posts by the command model
teams use (default: the production model), e.g. the one `make run` bootstraps from the bundled
sample. The files go to a git-ignored folder: the data stay in ../shared/data, never in the
project. Texts and labels come from `models.real_data` (the loaders `pantau evaluate-real`
uses); fact-check claims are the hoax examples, never the debunks' own text:

* ``bdc2020.csv``: IPB BDC 2020 claims, title and narrative (4,231; 1 hoax / 0 not);
* ``claims_news_title.csv`` / ``claims_news_lead.csv``: TurnBackHoax 2024 and 2024-25 claims
  (hoax) against 2025 mainstream news (not hoax), as one line or as a lead of claim-like
  length (``models.real_data.view_texts``);
* ``pratiwi600.csv``: Pratiwi et al. 2017 news articles judged hoax or valid by three referees,
  as leads.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from models import real_data as rd  # noqa: E402


def _labels(values: object) -> list[str]:
    return ["hoax" if int(v) else "not_hoax" for v in values]  # type: ignore[attr-defined]


def frames(data_dir: Path) -> dict[str, pd.DataFrame]:
    bdc = rd.load_bdc2020(data_dir)
    claims = rd.claims_vs_news(data_dir)
    pratiwi = rd.load_pratiwi2017(data_dir)
    return {
        "bdc2020": pd.DataFrame({
            "text": [f"{t} {x}".strip() for t, x in zip(bdc["title"], bdc["text"], strict=True)],
            "label": _labels(bdc["label"])}),
        "claims_news_title": pd.DataFrame({"text": rd.view_texts(claims, "title"),
                                           "label": _labels(claims["label"])}),
        "claims_news_lead": pd.DataFrame({"text": rd.view_texts(claims, "lead"),
                                          "label": _labels(claims["label"])}),
        "pratiwi600": pd.DataFrame({"text": rd.view_texts(pratiwi, "lead"),
                                    "label": _labels(pratiwi["label"])}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=rd.DEFAULT_DATA_DIR)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "work" / "real-labels")
    args = parser.parse_args(argv)
    try:
        made = frames(args.data_dir)
    except rd.RealDataMissing as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for name, frame in made.items():
        path = args.out / f"{name}.csv"
        frame.to_csv(path, index=False)
        hoax = int((frame["label"] == "hoax").sum())
        print(f"{path}: {len(frame)} texts, {hoax} hoax")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
