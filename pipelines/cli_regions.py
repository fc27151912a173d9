"""`pantau regions`: tag texts with provinces and kabupaten/kota, and score the tagger."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from pipelines.cli_output import print_rows
from pipelines.errors import DataFileError
from pipelines.fileio import read_jsonl
from pipelines.region_eval import DEFAULT_PATH, EvalDataError, evaluate
from pipelines.region_tagger import RegionTag, get_tagger

app = typer.Typer(help="Region gazetteer and tagging: tag a text or a JSONL file, evaluate.",
                  no_args_is_help=True, pretty_exceptions_enable=False)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def _region_dict(tag: RegionTag) -> dict[str, Any]:
    return {"code": tag.code, "name": tag.name, "level": tag.level,
            "confidence": tag.confidence, "evidence": tag.evidence}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All objects, checked before any output is written (no half-written files)."""
    rows: list[dict[str, Any]] = []
    try:
        for number, row in read_jsonl(path):
            if not isinstance(row.get("text"), str):
                raise _fail(f"{path}:{number}: expected an object with a 'text' string")
            for field in ("region_hint", "home_region"):
                if row.get(field) is not None and not isinstance(row[field], str):
                    raise _fail(f"{path}:{number}: '{field}' must be a string")
            rows.append(row)
    except DataFileError as exc:
        raise _fail(str(exc)) from None
    return rows


@app.command()
def tag(
    text: Annotated[str | None, typer.Argument(help="Text to tag.")] = None,
    input_: Annotated[Path | None, typer.Option(
        "--input", "-i", help="JSONL of objects with 'text' (and optional 'region_hint').")]
    = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write the tagged JSONL (default: stdout).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print tags of TEXT as JSON.")] = False,
    hint: Annotated[str | None, typer.Option(
        help="Region hint (name or code) used when TEXT names no place.")] = None,
) -> None:
    """Tag TEXT, or every line of --input, with provinces and kabupaten/kota.

    Examples: pantau regions tag "Banjir di Kota Malang dan Batu"
              pantau regions tag --input posts.jsonl --output tagged.jsonl
    """
    if (text is None) == (input_ is None):
        raise _fail("give either TEXT or --input FILE.jsonl")
    tagger = get_tagger()
    if text is not None:
        tags = tagger.tag(text, hint)
        if as_json:
            typer.echo(json.dumps([_region_dict(t) | {"province_code": t.province_code,
                                                      "rule": t.rule} for t in tags],
                                  ensure_ascii=False, indent=1))
        elif not tags:
            typer.echo("no region found")
        else:
            print_rows(["code", "name", "level", "confidence", "rule", "evidence"],
                       [[t.code, t.name, t.level, t.confidence, t.rule, t.evidence]
                        for t in tags])
        return
    assert input_ is not None
    rows = _read_jsonl(input_)
    tagged = tagger.tag_many([r["text"] for r in rows], [r.get("region_hint") for r in rows],
                             [r.get("home_region") for r in rows])
    lines = [json.dumps(row | {"regions": [_region_dict(t) for t in tags]}, ensure_ascii=False)
             for row, tags in zip(rows, tagged, strict=True)]
    if output is None:
        for line in lines:
            typer.echo(line)
        return
    try:
        output.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        raise _fail(f"{output}: cannot write ({exc.strerror})") from None
    typer.echo(f"tagged {len(lines)} posts -> {output}", err=True)


@app.command("eval")
def eval_(
    data: Annotated[Path, typer.Option(help="Labelled JSONL set.")] = DEFAULT_PATH,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also list the mistakes.")] = False,
) -> None:
    """Precision, recall and F1 at province and kabupaten/kota level on a labelled set."""
    try:
        result = evaluate(data)
    except EvalDataError as exc:
        raise _fail(str(exc)) from None
    if not errors:
        result.pop("errors")
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    rows = [[level, result[key]["precision"], result[key]["recall"], result[key]["f1"],
             result[key]["tp"], result[key]["fp"], result[key]["fn"]]
            for level, key in (("province", "province"), ("kab/kota", "regency"))]
    print_rows(["level", "precision", "recall", "f1", "tp", "fp", "fn"], rows,
               title=f"{data} ({result['examples']} examples)")
    for err in result.get("errors", []):
        typer.echo(f"- {err['text']}  missing={err['missing']} extra={err['extra']}")
