"""A ``training-app worker`` with a fault-injecting speech engine, run as its own process by the fault test.

The engine is the only fake (``reliability/fault_support.FaultEngine``, shared with the fault suite): decoding
(isolated child process), the job table, leases, the huey consumer with process workers and the sweeper are the real
ones. Before transcribing, the engine drops a marker file named by its pid, so the test knows exactly which worker to
SIGKILL mid-transcription; then it "thinks" for a moment.

Usage: python fault_worker.py MARKER_DIR   (settings from the TRAINING_APP_* environment)
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared fault support

THINK_SECONDS = 1.0


def main() -> None:
    from reliability.fault_support import FaultEngine, TextOnlyScorer

    from training_app.config import get_settings
    from training_app.worker.consumer import current_context, make_consumer

    marker_dir = Path(sys.argv[1])
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s: %(message)s")
    settings = get_settings()
    consumer = make_consumer(
        settings,
        concurrency=2,
        engine_factory=lambda: FaultEngine(marker_dir, THINK_SECONDS, error_rate=0.0),
        sweep_seconds=0.5,
        health_check_seconds=0.5,
    )
    current_context().scorer = TextOnlyScorer(settings)
    consumer.run()


if __name__ == "__main__":
    main()
