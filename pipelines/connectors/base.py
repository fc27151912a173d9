"""What every connector yields: one ParsedRecord per received record, accepted or not."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pipelines.errors import PantauError

if TYPE_CHECKING:
    from pipelines.settings import Settings

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


class ConnectorError(PantauError):
    """The whole input is unusable (missing file, wrong format); the user must act."""


_SETTINGS: ContextVar[Settings | None] = ContextVar("pantau_connector_settings", default=None)


def connector_settings() -> Settings:
    """The settings a connector reads its options from (salt, CSV mapping, article fetching).

    Inside `using_settings(s)` that is `s` (the ingest stage passes its own); otherwise the
    process-wide `get_settings()`.
    """
    current = _SETTINGS.get()
    if current is not None:
        return current
    from pipelines.settings import get_settings

    return get_settings()


@contextmanager
def using_settings(settings: Settings) -> Iterator[Settings]:
    token = _SETTINGS.set(settings)
    try:
        yield settings
    finally:
        _SETTINGS.reset(token)
