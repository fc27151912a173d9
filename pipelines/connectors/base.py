"""What every connector yields: one ParsedRecord per received record, accepted or not."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pipelines.errors import PantauError

if TYPE_CHECKING:
    from pipelines.settings import Settings

RecordKind = Literal["post", "fact_check"]
# The post contract's fields (pipelines.post_contract): here, below both the contract and the
# connectors that map a file's own columns onto them, so the two cannot drift.
POST_FIELDS = (
    "id", "text", "published_at", "source", "url", "author", "title", "lang",
    "region_hint", "platform", "reply_to", "shares",
)


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
    """Reads one file; its options (salt, CSV mapping, limits, article fetching) come from the
    `settings` passed in, never from process state."""

    name: str

    def parse(self, path: Path, settings: Settings) -> Iterator[ParsedRecord]: ...


class ConnectorError(PantauError):
    """The whole input is unusable (missing file, wrong format); the user must act."""


def check_file_size(path: Path, limit: int) -> None:
    """Refuse a file over PANTAU_MAX_FILE_BYTES before reading any of it."""
    size = path.stat().st_size
    if size > limit:
        raise ConnectorError(
            f"{path.name} is {size:,} bytes, over the limit of {limit:,} "
            "(PANTAU_MAX_FILE_BYTES): split it into smaller files, or raise the limit.")
