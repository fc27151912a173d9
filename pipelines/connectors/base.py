"""What every connector yields: one ParsedRecord per received record, accepted or not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

RecordKind = Literal["post", "fact_check"]


@dataclass
class ParsedRecord:
    """A received record. `fields` is None when it could not be parsed at all (then `reason`)."""

    raw: str
    line_no: int | None = None
    fields: dict[str, Any] | None = None
    reason: str | None = None
    kind: RecordKind = "post"
    meta: dict[str, Any] = field(default_factory=dict)


class Connector(Protocol):
    name: str

    def parse(self, path: Path) -> Iterator[ParsedRecord]: ...


class ConnectorError(Exception):
    """The whole input is unusable (missing file, wrong format); the user must act."""
