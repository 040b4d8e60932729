"""A ``training-app worker`` with a fault-injecting speech engine, run as its own process by the fault test.

The engine is the only fake: decoding (isolated child process), the job table, leases, the huey consumer with
process workers and the sweeper are the real ones. Before transcribing, the fake engine drops a marker file named by
its pid, so the test knows exactly which worker to SIGKILL mid-transcription; then it "thinks" for a moment.

Usage: python fault_worker.py MARKER_DIR   (settings from the TRAINING_APP_* environment)
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

# Only light imports at module level: the speech layer decodes in a *spawned* child, which re-imports this module.

THINK_SECONDS = 1.0


class MarkerEngine:
    def __init__(self, marker_dir: Path) -> None:
        self.marker_dir = marker_dir

    def model_info(self) -> dict[str, Any]:
        return {"backend": "fault-test"}

    def transcribe(self, audio: Any, options: Any) -> Any:
        from training_app.speech.transcript import Segment, Transcript, Word

        marker = self.marker_dir / str(os.getpid())
        marker.write_text("transcribing")
        time.sleep(THINK_SECONDS)  # the test may SIGKILL this process now
        marker.unlink(missing_ok=True)
        duration = round(audio.shape[0] / 16_000, 3)
        words = tuple(Word(0.1 + 0.2 * i, 0.3 + 0.2 * i, ch) for i, ch in enumerate("今天给大家介绍洛川苹果"))
        segment = Segment(0.1, words[-1].end, "今天给大家介绍洛川苹果", words)
        return Transcript("zh", duration, (segment,), "transcribed", self.model_info())


class TextOnlyScorer:
    """The real scorer without pitch analysis (its first call in each fresh process costs seconds of JIT)."""

    def __init__(self, settings: Any) -> None:
        from training_app.worker.pipeline import CatalogScorer

        self.scorer = CatalogScorer(settings)

    def __call__(self, transcript: Any, product_id: str | None, audio: Any) -> Any:
        return self.scorer(transcript, product_id, None)


def main() -> None:
    from training_app.config import get_settings
    from training_app.worker.consumer import current_context, make_consumer

    marker_dir = Path(sys.argv[1])
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s: %(message)s")
    settings = get_settings()
    consumer = make_consumer(
        settings,
        concurrency=2,
        engine_factory=lambda: MarkerEngine(marker_dir),
        sweep_seconds=0.5,
        health_check_seconds=0.5,
    )
    current_context().scorer = TextOnlyScorer(settings)
    consumer.run()


if __name__ == "__main__":
    main()
