"""Transcription speed and memory: our pipeline vs a direct faster-whisper call (vs openai-whisper when installed).

Builds a 3-minute Mandarin and a 3-minute English clip by concatenating the real test clips, writes them as FLAC,
and runs each variant in its own fresh process (so peak RSS is per variant), with the same decoding options:
greedy (beam 1), VAD, word timestamps, language detected, 2 threads, int8. Prints wall time, real-time factor,
peak RSS and output size. Targets: pipeline ≤ 1.15 × direct; a 3-minute clip in ≤ 30 s on 2 cores.

    .venv/bin/python bench/transcription.py            # faster-whisper only
    .venv-openai/bin/python bench/transcription.py     # + openai-whisper (see tests/speech/setup_openai_venv.sh)
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import av
import numpy as np

REPO = Path(__file__).resolve().parents[1]
SPEECH_DIR = REPO.parent / "shared" / "testdata" / "speech"
RATE = 16_000
THREADS = 2
OPTIONS = {"beam_size": 1, "vad": True, "word_timestamps": True, "condition_on_previous_text": False}


def build_clip(language: str, seconds: float, out: Path) -> Path:
    from training_app.speech.audio import AudioLimits, decode

    limits = AudioLimits.from_megabytes(50, 600)
    parts = [decode(p, limits) for p in sorted(SPEECH_DIR.glob(f"{language}_*.flac"))]
    gap = np.zeros(RATE // 2, dtype=np.float32)
    sequence: list[np.ndarray] = []
    while sum(len(p) for p in sequence) < seconds * RATE:
        for part in parts:
            sequence += [part, gap]
    audio = np.concatenate(sequence)[: int(seconds * RATE)]
    with av.open(str(out), "w", format="flac") as container:
        stream = container.add_stream("flac", rate=RATE, layout="mono")
        frame = av.AudioFrame.from_ndarray((audio * 32767).astype(np.int16).reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate, frame.pts = RATE, 0
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return out


def run_pipeline(path: str, cache: str) -> dict[str, Any]:
    from training_app.speech.models import resolve_model
    from training_app.speech.transcription import FasterWhisperEngine

    return _time_pipeline(FasterWhisperEngine(resolve_model(None, Path(cache))), path, cache)


def _time_pipeline(engine: Any, path: str, cache: str) -> dict[str, Any]:
    from training_app.speech.audio import AudioLimits
    from training_app.speech.pipeline import transcribe_path
    from training_app.speech.transcription import TranscribeOptions

    engine.load(THREADS)
    started, cpu = time.perf_counter(), time.process_time()
    result = transcribe_path(
        Path(path),
        limits=AudioLimits.from_megabytes(100, 600),
        engine=engine,
        cache_dir=Path(cache),
        options=TranscribeOptions(threads=THREADS, **OPTIONS),  # type: ignore[arg-type]
    )
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "text": result.transcript.text}


def run_direct(path: str, cache: str) -> dict[str, Any]:
    from faster_whisper import WhisperModel

    from training_app.speech.models import resolve_model

    model = WhisperModel(
        str(resolve_model(None, Path(cache)).path), device="cpu", compute_type="int8", cpu_threads=THREADS
    )
    started, cpu = time.perf_counter(), time.process_time()
    segments, _ = model.transcribe(
        path,
        beam_size=1,
        vad_filter=True,
        word_timestamps=True,
        condition_on_previous_text=False,
    )
    text = "".join(s.text for s in segments)
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "text": text}


def run_openai(path: str, cache: str) -> dict[str, Any]:
    from training_app.speech.models import resolve_model
    from training_app.speech.openai_export import CHECKPOINT_NAME, export_openai_checkpoint
    from training_app.speech.transcription import OpenAIWhisperEngine

    checkpoint = Path(cache) / CHECKPOINT_NAME
    if not checkpoint.exists():
        export_openai_checkpoint(resolve_model(None, Path(cache)).path, checkpoint)
    return _time_pipeline(OpenAIWhisperEngine(checkpoint), path, cache)


def _child(name: str, path: str, cache: str, conn: Any) -> None:
    result = VARIANTS[name](path, cache)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send(result)
    conn.close()


HEADER = "lang variant   audio s  wall s    RTF  cpu s  peak MB  chars  runs (wall s)"
VARIANTS = {"pipeline": run_pipeline, "direct": run_direct, "openai": run_openai}


def measure(name: str, path: Path, cache: Path) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(name, str(path), str(cache), sender))
    process.start()
    result: dict[str, Any] = receiver.recv()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--repeat", type=int, default=2, help="runs per variant, alternating; the median is shown")
    parser.add_argument("--cache", type=Path, default=None, help="whisper cache dir (default: a temporary one)")
    parser.add_argument("--variants", default="pipeline,direct,openai", help="comma-separated subset")
    args = parser.parse_args()
    names = [n for n in args.variants.split(",") if n in VARIANTS]
    if "openai" in names and not importlib.util.find_spec("whisper"):
        print("openai-whisper is not installed here: skipping that variant (tests/speech/setup_openai_venv.sh)")
        names.remove("openai")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        cache = args.cache or Path(tmp) / "whisper"
        print(f"load average before: {os.getloadavg()[0]:.1f} (other processes share the 2 cores)")
        print(HEADER)
        for language in ("zh", "en"):
            clip = build_clip(language, args.seconds, Path(tmp) / f"{language}.flac")
            runs: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
            for _ in range(args.repeat):
                for name in names:
                    runs[name].append(measure(name, clip, cache))
            report(language, args.seconds, runs)


def report(language: str, seconds: float, runs: dict[str, list[dict[str, Any]]]) -> None:
    medians = {name: statistics.median(r["seconds"] for r in results) for name, results in runs.items()}
    cpu = {name: statistics.median(r["cpu"] for r in results) for name, results in runs.items()}
    for name, results in runs.items():
        wall = medians[name]
        peak = max(r["peak_mb"] for r in results)
        chars = len(results[-1]["text"].replace(" ", ""))
        detail = ", ".join(f"{r['seconds']:.1f}" for r in results)
        line = f"{language:4} {name:9} {seconds:7.0f} {wall:7.1f} {wall / seconds:6.3f} {cpu[name]:6.1f} {peak:8.0f}"
        print(f"{line} {chars:6}  {detail}")
    if "pipeline" not in runs or "direct" not in runs:
        return
    from training_app.speech.postprocess import to_simplified

    ratio, cpu_ratio = medians["pipeline"] / medians["direct"], cpu["pipeline"] / cpu["direct"]
    ours, direct = (to_simplified(runs[n][-1]["text"]).replace(" ", "") for n in ("pipeline", "direct"))
    same = ours == direct
    print(f"{language:4} pipeline/direct: wall {ratio:.2f}×, cpu {cpu_ratio:.2f}× (target ≤ 1.15); same text: {same}")


if __name__ == "__main__":
    main()
