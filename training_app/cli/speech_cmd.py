"""``training-app transcribe FILE`` and ``training-app models export-openai``.

``transcribe`` prints one JSON object (``--format json``, the default) or the plain text; refusals (not audio, too
long, damaged …) print one line to stderr and exit 2 through the CLI's error handler. Silence is not an error:
``{"status": "no_speech", ...}`` and exit 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from training_app.errors import InvalidInput

logger = logging.getLogger(__name__)


def register(sub: Any, models_sub: Any) -> None:
    parser = sub.add_parser("transcribe", help="transcribe an audio or video file (zh/en) / 语音转文字")
    parser.add_argument("file", type=Path, help="audio file: mp3, m4a, wav, ogg, webm, flac, mp4 …")
    parser.add_argument("--language", choices=("zh", "en"), help="spoken language; default: detect")
    parser.add_argument("--model", type=Path, help="local CTranslate2 Whisper model directory")
    parser.add_argument("--format", choices=("json", "text"), default="json", help="output format")
    parser.add_argument("--hotword", action="append", default=[], help="term to prompt Whisper with (repeatable)")
    parser.add_argument("--beam-size", type=int, default=None, help="beam size (default: greedy, 1)")
    parser.add_argument("--backend", choices=("faster-whisper", "openai-whisper"), default="faster-whisper")
    parser.add_argument("--replay", action="store_true", help="long livestream replay: import limits, windows")
    parser.set_defaults(handler=transcribe_command)

    export = models_sub.add_parser("export-openai", help="build an openai-whisper checkpoint from local weights")
    export.add_argument("--output", type=Path, help="checkpoint path (default: <whisper cache>/openai-whisper-base.pt)")
    export.add_argument("--model", type=Path, help="CTranslate2 float16/float32 model directory")
    export.set_defaults(handler=export_openai_command)


def transcribe_command(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.speech.audio import AudioLimits
    from training_app.speech.pipeline import transcribe_path, transcribe_path_chunked
    from training_app.speech.transcription import TranscribeOptions

    settings = get_settings()
    if not args.file.is_file():
        raise InvalidInput("errors.file_not_found", path=str(args.file))
    if args.replay:
        limits = AudioLimits.from_megabytes(settings.import_max_mb, settings.import_max_seconds)
    else:
        limits = AudioLimits.from_megabytes(settings.max_upload_mb, settings.max_clip_seconds)
    options = TranscribeOptions(prompt_hotwords=bool(args.hotword))  # an explicit --hotword is a request to prompt
    if args.beam_size is not None:
        options = replace(options, beam_size=args.beam_size)
    kwargs: dict[str, Any] = {
        "language": args.language,
        "model_dir": args.model or settings.whisper_model_dir,
        "hotwords": tuple(args.hotword),
        "limits": limits,
        "engine": _engine(args, settings),
        "cache_dir": settings.resolved_whisper_cache_dir(),
        "options": options,
    }
    if args.replay:
        result = transcribe_path_chunked(args.file, on_progress=_print_progress, **kwargs)
    else:
        result = transcribe_path(args.file, **kwargs)
    transcript = result.transcript
    if args.format == "text":
        sys.stdout.write(transcript.text + "\n")
    else:
        sys.stdout.write(json.dumps(transcript_json(transcript), ensure_ascii=False) + "\n")
    return 0


def transcript_json(transcript: Any) -> dict[str, Any]:
    """The CLI's JSON contract, keys in a fixed order."""
    return {
        "status": transcript.status,
        "language": transcript.language,
        "duration_s": transcript.duration_s,
        "model": transcript.model,
        "segments": [
            {
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "words": [{"start": w.start, "end": w.end, "word": w.word} for w in s.words],
            }
            for s in transcript.segments
        ],
    }


def _engine(args: argparse.Namespace, settings: Any) -> Any:
    from training_app.speech.models import resolve_model
    from training_app.speech.openai_export import CHECKPOINT_NAME
    from training_app.speech.transcription import FasterWhisperEngine, OpenAIWhisperEngine

    cache_dir = settings.resolved_whisper_cache_dir()
    if args.backend == "openai-whisper":
        return OpenAIWhisperEngine(cache_dir / CHECKPOINT_NAME)
    return FasterWhisperEngine(resolve_model(args.model or settings.whisper_model_dir, cache_dir))


def _print_progress(fraction: float) -> None:
    sys.stderr.write(f"\r{fraction:6.1%}")
    if fraction >= 1.0:
        sys.stderr.write("\n")
    sys.stderr.flush()


def export_openai_command(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.speech.models import resolve_model
    from training_app.speech.openai_export import CHECKPOINT_NAME, export_openai_checkpoint

    settings = get_settings()
    cache_dir = settings.resolved_whisper_cache_dir()
    model_dir = resolve_model(args.model or settings.whisper_model_dir, cache_dir).path
    output = export_openai_checkpoint(model_dir, args.output or cache_dir / CHECKPOINT_NAME)
    sys.stdout.write(f"{output}\n")
    return 0
