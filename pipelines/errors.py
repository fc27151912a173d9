"""Errors a user can fix: the CLI prints their message on one line, never a traceback."""

from __future__ import annotations


def user_error_types() -> tuple[type[BaseException], ...]:
    from models.artifacts import ArtifactError
    from models.labels import LabelFileError
    from models.registry import RegistryError
    from models.training import TrainingError
    from pipelines.connectors import ConnectorError
    from pipelines.embedder import EmbeddingModelError
    from reports.briefings import BriefingError
    from warehouse.connection import WarehouseError

    return (ArtifactError, BriefingError, ConnectorError, EmbeddingModelError, LabelFileError,
            RegistryError, TrainingError, WarehouseError)
