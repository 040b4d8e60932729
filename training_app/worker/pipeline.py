"""The default transcriber and scorer of a worker: the speech pipeline and the assessment catalog.

Both load their heavy parts (Whisper weights, assessment files) once per worker process, on first use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from training_app.config import Settings
from training_app.speech.transcript import Transcript
from training_app.worker.context import EngineFactory, ScoreOutcome, TranscriptionOutput

logger = logging.getLogger(__name__)


class CatalogScorer:
    """Scores with the assessment catalog (rules, lexicons, product sheets) loaded once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._claim_model: tuple[Any, str] | None = None

    def catalog(self) -> Any:
        from training_app.services.scoring import load_assessment_catalog

        return load_assessment_catalog(self.settings.assessments_dir)  # cached; reloaded when a file changes

    def claim_model(self) -> tuple[Any, str]:
        if self._claim_model is None:
            from training_app.services.scoring import load_claim_model

            self._claim_model = load_claim_model(self.settings.models_dir / "claims")
        return self._claim_model

    def warm(self) -> None:
        """Load the catalog and the claim model now, before the process claims a job (see ``consumer.warm_up``)."""
        self.catalog()
        self.claim_model()

    def product(self, product_id: str | None) -> Any:
        return self.catalog().product(product_id) if product_id else None

    def __call__(
        self,
        transcript: Transcript,
        product_id: str | None,
        audio: np.ndarray | None,
        *,
        comments: list[dict[str, Any]] | None = None,
    ) -> ScoreOutcome:
        from training_app.services.scoring import score_transcript

        model, version = self.claim_model()
        report = score_transcript(
            transcript,
            product=self.product(product_id),
            audio=audio,
            catalog=self.catalog(),
            claim_model=model,
            model_version=version,
            comments=comments,
        )
        data = report.to_dict()
        return ScoreOutcome(
            report=data,
            overall=data.get("overall"),
            rule_set_version=str(report.rule_set_version),
            model_version=str(report.model_version),
        )


class SpeechTranscriber:
    """Decodes under the clip's limits and transcribes; long imports go through the chunked variant."""

    def __init__(self, settings: Settings, engine_factory: EngineFactory | None = None) -> None:
        self.settings = settings
        self.engine_factory = engine_factory
        self._engine: Any = None
        self.scorer = CatalogScorer(settings)

    def engine(self) -> Any:
        if self._engine is None and self.engine_factory is not None:
            self._engine = self.engine_factory()
        return self._engine

    def warm(self) -> None:
        """Build the injected speech engine now (the default Whisper engine is loaded on first use)."""
        self.engine()

    def limits(self, long_form: bool) -> Any:
        from training_app.speech.audio import AudioLimits

        s = self.settings
        if long_form:
            return AudioLimits.from_megabytes(s.import_max_mb, s.import_max_seconds)
        return AudioLimits.from_megabytes(s.max_upload_mb, s.max_clip_seconds)

    def hotwords(self, product_id: str | None) -> tuple[str, ...]:
        try:
            product = self.scorer.product(product_id)
        except Exception:  # an unknown product is reported by the scorer; hotwords are only a hint
            return ()
        return tuple(product.hotwords()) if product is not None else ()

    def __call__(
        self, path: Path, *, long_form: bool, product_id: str | None, on_progress: Callable[[float], None]
    ) -> TranscriptionOutput:
        from training_app.speech import pipeline

        # Decoding runs in a memory- and time-limited child process (isolated=True); long replays are transcribed
        # window by window and every clip reports the share of audio processed.
        result: TranscriptionOutput = pipeline.transcribe_path_chunked(
            path,
            model_dir=self.settings.whisper_model_dir,
            hotwords=self.hotwords(product_id),
            limits=self.limits(long_form),
            engine=self.engine(),
            cache_dir=self.settings.resolved_whisper_cache_dir(),
            on_progress=on_progress,
            isolated=True,
        )
        return result
