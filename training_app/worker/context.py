"""What a worker process needs: database engine, media store, queue hand-over, transcriber and scorer.

The transcriber and scorer are collaborators (protocols) so tests can inject a fault (a crashing or stalling speech
engine) through ``engine_factory`` without patching. The database engine is created lazily per process: worker
processes are forked from the consumer, and a SQLAlchemy engine must not cross a fork.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from sqlalchemy import Engine

from training_app.config import Settings
from training_app.db.engine import make_engine
from training_app.services.jobs import Dispatch
from training_app.services.media import LocalMediaStore, MediaStore
from training_app.speech.transcript import Transcript

logger = logging.getLogger(__name__)

EngineFactory = Callable[[], Any]
"""Builds the speech engine handed to the speech pipeline (``engine=``); None: the pipeline's default."""


@dataclass(frozen=True)
class ScoreOutcome:
    report: dict[str, Any]
    overall: float | None
    rule_set_version: str
    model_version: str


class TranscriptionOutput(Protocol):
    @property
    def transcript(self) -> Transcript: ...

    @property
    def audio(self) -> np.ndarray | None: ...


class Transcriber(Protocol):
    def __call__(
        self, path: Path, *, long_form: bool, product_id: str | None, on_progress: Callable[[float], None]
    ) -> TranscriptionOutput: ...


class Scorer(Protocol):
    def __call__(
        self,
        transcript: Transcript,
        product_id: str | None,
        audio: np.ndarray | None,
        *,
        comments: list[dict[str, Any]] | None = None,  # a live-room clip's comment timeline
    ) -> ScoreOutcome: ...


@dataclass
class WorkerContext:
    settings: Settings
    store: MediaStore
    transcriber: Transcriber
    scorer: Scorer
    dispatch: Dispatch | None = None
    pending: Callable[[], int] | None = None  # messages waiting in the queue (huey), if known
    _engine: Engine | None = field(default=None, repr=False)
    _pid: int = 0

    @property
    def lease_seconds(self) -> float:
        return float(self.settings.job_lease_seconds)

    @property
    def engine(self) -> Engine:
        if self._engine is None or self._pid != os.getpid():
            self._engine = make_engine(self.settings.resolved_database_url())
            self._pid = os.getpid()
        return self._engine


def build_context(
    settings: Settings, *, engine_factory: EngineFactory | None = None, dispatch: Dispatch | None = None
) -> WorkerContext:
    from training_app.worker.pipeline import CatalogScorer, SpeechTranscriber

    return WorkerContext(
        settings=settings,
        store=LocalMediaStore(settings.resolved_media_dir()),
        transcriber=SpeechTranscriber(settings, engine_factory),
        scorer=CatalogScorer(settings),
        dispatch=dispatch,
    )
