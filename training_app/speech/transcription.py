"""Transcription engines behind one small interface.

``Engine.transcribe(audio, options) -> Transcript`` takes the 16 kHz mono float32 array from
:func:`training_app.speech.audio.decode`. Both backends share the same steps (see :class:`WhisperEngineBase`):
silence check → voice activity detection (Silero, run once) → language restricted to zh/en → Whisper on the speech
only → timestamps mapped back to the original clip → hallucination filter, Traditional→Simplified, one ``Word`` per
Chinese character (:mod:`training_app.speech.postprocess`).

``FasterWhisperEngine`` (CTranslate2, int8 on CPU) is the default; ``OpenAIWhisperEngine`` runs openai-whisper on a
checkpoint rebuilt from the same weights (:mod:`training_app.speech.openai_export`) and needs the optional ``torch``.
Loaded models are cached per (path, compute type, threads) in the process.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from training_app.errors import ConfigurationError
from training_app.speech.audio import SAMPLE_RATE, is_silent
from training_app.speech.models import ModelRef
from training_app.speech.postprocess import RawSegment, build_segments, shift_raw, uncovered_spans
from training_app.speech.transcript import Transcript

logger = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")


def default_threads() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class TranscribeOptions:
    """Decoding settings. Defaults were chosen by measurement on ../shared/testdata/speech (see bench/)."""

    language: str | None = None  # None: detect, restricted to zh/en
    beam_size: int = 1
    vad: bool = True
    word_timestamps: bool = True
    hotwords: tuple[str, ...] = ()  # product names and terms
    # Prompting Whisper base with them raised pooled CER on the Mandarin test clips from 0.19 to 0.22–0.27 and added
    # hallucinated tails; off until a measurement on real product speech shows a gain.
    prompt_hotwords: bool = False
    initial_prompt: str | None = None  # overrides the prompt built from hotwords
    threads: int = field(default_factory=default_threads)
    condition_on_previous_text: bool = False

    def prompt_for(self, language: str) -> str | None:
        if self.initial_prompt is not None:
            return self.initial_prompt or None
        if not self.hotwords or not self.prompt_hotwords:
            return None
        terms = ("，" if language == "zh" else ", ").join(self.hotwords)
        return f"以下是普通话的句子。{terms}。" if language == "zh" else f"{terms}."


@runtime_checkable
class Engine(Protocol):
    def transcribe(self, audio: np.ndarray, options: TranscribeOptions) -> Transcript: ...

    def model_info(self) -> dict[str, Any]: ...


class WhisperEngineBase(ABC):
    """The steps every Whisper backend shares; subclasses supply language scores and raw decoding."""

    multilingual: bool = True

    def transcribe(self, audio: np.ndarray, options: TranscribeOptions) -> Transcript:
        duration = round(audio.shape[0] / SAMPLE_RATE, 3)
        if audio.size == 0 or is_silent(audio):
            return self._empty(options.language or "zh", duration, options)
        speech, chunks = _speech_only(audio) if options.vad else (audio, None)
        if speech.size == 0:
            return self._empty(options.language or "zh", duration, options)
        language = self._pick_language(speech, options)
        raw = self._fill_gaps(speech, self._decode(speech, language, options), language, options)
        segments = build_segments(raw, language, chunks)
        status = "transcribed" if segments else "no_speech"
        return Transcript(language, duration, tuple(segments), status, self._info(options))

    def detect_language(self, audio: np.ndarray, options: TranscribeOptions | None = None) -> str | None:
        """``"zh"`` or ``"en"`` for the speech in ``audio`` (one encoder pass), None when there is no speech."""
        options = options or TranscribeOptions()
        if audio.size == 0 or is_silent(audio):
            return None
        speech, _ = _speech_only(audio) if options.vad else (audio, None)
        return self._pick_language(speech, replace(options, language=None)) if speech.size else None

    def _fill_gaps(
        self, speech: np.ndarray, raw: list[RawSegment], language: str, options: TranscribeOptions
    ) -> list[RawSegment]:
        """Whisper sometimes jumps over seconds of speech (a timestamp token leaps ahead). VAD has removed long
        silences, so a stretch of the speech audio that no segment covers is decoded again on its own, once."""
        extra: list[RawSegment] = []
        for start, end in uncovered_spans(raw, speech.shape[0] / SAMPLE_RATE):
            logger.info("re-decoding %.1f–%.1f s of speech that Whisper skipped", start, end)
            part = speech[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
            extra += [shift_raw(seg, start) for seg in self._decode(part, language, options)]
        return sorted(raw + extra, key=lambda seg: seg.start) if extra else raw

    def _pick_language(self, speech: np.ndarray, options: TranscribeOptions) -> str:
        if not self.multilingual:
            return "en"
        if options.language in LANGUAGES:
            return options.language
        scores = self._language_scores(speech, options)
        language = "zh" if scores.get("zh", 0.0) >= scores.get("en", 0.0) else "en"
        logger.debug("language zh=%.3f en=%.3f → %s", scores.get("zh", 0.0), scores.get("en", 0.0), language)
        return language

    def _empty(self, language: str, duration: float, options: TranscribeOptions) -> Transcript:
        return Transcript(language, duration, (), "no_speech", self._info(options))

    def _info(self, options: TranscribeOptions) -> dict[str, Any]:
        prompted = options.prompt_for("zh") is not None
        return {**self.model_info(), "beam_size": options.beam_size, "vad": options.vad, "prompt": prompted}

    @abstractmethod
    def model_info(self) -> dict[str, Any]: ...

    @abstractmethod
    def _language_scores(self, speech: np.ndarray, options: TranscribeOptions) -> dict[str, float]: ...

    @abstractmethod
    def _decode(self, speech: np.ndarray, language: str, options: TranscribeOptions) -> list[RawSegment]: ...


def _speech_only(audio: np.ndarray) -> tuple[np.ndarray, list[dict[str, int]] | None]:
    """Silero VAD (faster-whisper's defaults): the speech regions concatenated, and the regions themselves."""
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    chunks = get_speech_timestamps(audio, VadOptions())
    if not chunks:
        return np.zeros(0, dtype=np.float32), []
    pieces, _ = collect_chunks(audio, chunks)
    return np.concatenate(pieces).astype(np.float32, copy=False), chunks


_LOCK = threading.Lock()
_MODEL_CACHE: dict[tuple[str, str, int, str], Any] = {}


def _cached(key: tuple[str, str, int, str], load: Any) -> Any:
    with _LOCK:
        model = _MODEL_CACHE.get(key)
        if model is None:
            logger.info("loading %s model %s (%s, %d threads)", key[3], key[0], key[1], key[2])
            model = load()
            _MODEL_CACHE[key] = model
        return model


class FasterWhisperEngine(WhisperEngineBase):
    """faster-whisper (CTranslate2) on CPU; int8 by default."""

    def __init__(self, model: ModelRef, *, compute_type: str = "int8") -> None:
        self.model_ref = model
        self.compute_type = compute_type
        self.multilingual = model.multilingual

    def model_info(self) -> dict[str, Any]:
        return {
            "backend": "faster-whisper",
            "name": self.model_ref.name,
            "source": self.model_ref.source,
            "compute_type": self.compute_type,
        }

    def load(self, threads: int) -> Any:
        from faster_whisper import WhisperModel

        key = (str(self.model_ref.path), self.compute_type, threads, "faster-whisper")
        return _cached(
            key,
            lambda: WhisperModel(
                str(self.model_ref.path), device="cpu", compute_type=self.compute_type, cpu_threads=threads
            ),
        )

    def _language_scores(self, speech: np.ndarray, options: TranscribeOptions) -> dict[str, float]:
        _, _, all_probs = self.load(options.threads).detect_language(audio=speech)
        return {code: float(prob) for code, prob in all_probs if code in LANGUAGES}

    def _decode(self, speech: np.ndarray, language: str, options: TranscribeOptions) -> list[RawSegment]:
        model = self.load(options.threads)
        try:
            segments, _info = model.transcribe(
                speech,
                language=language,
                beam_size=options.beam_size,
                word_timestamps=options.word_timestamps,
                vad_filter=False,  # already applied once in WhisperEngineBase
                initial_prompt=options.prompt_for(language),
                condition_on_previous_text=options.condition_on_previous_text,
            )
            return [_raw_from_faster(s) for s in segments]  # the generator decodes lazily: materialise here
        except ValueError as exc:  # faster-whisper raises when nothing is left to decode
            logger.info("faster-whisper found nothing to decode: %s", exc)
            return []


def _raw_from_faster(segment: Any) -> RawSegment:
    words = tuple((float(w.start), float(w.end), str(w.word), float(w.probability)) for w in segment.words or ())
    return RawSegment(
        start=float(segment.start),
        end=float(segment.end),
        text=str(segment.text),
        words=words,
        no_speech_prob=float(segment.no_speech_prob),
        avg_logprob=float(segment.avg_logprob),
    )


class OpenAIWhisperEngine(WhisperEngineBase):
    """openai-whisper (PyTorch, fp32 on CPU) on a local checkpoint; imports ``whisper`` only when used."""

    def __init__(self, checkpoint: Path, *, name: str = "base") -> None:
        if not checkpoint.is_file():
            raise ConfigurationError("speech.openai_checkpoint_missing", path=str(checkpoint))
        self.checkpoint = checkpoint
        self.name = name

    def model_info(self) -> dict[str, Any]:
        return {"backend": "openai-whisper", "name": self.name, "source": "openai-export", "compute_type": "float32"}

    def load(self, threads: int) -> Any:
        whisper, torch = _import_openai()
        torch.set_num_threads(threads)
        key = (str(self.checkpoint), "float32", threads, "openai-whisper")
        model = _cached(key, lambda: _load_openai(whisper, self.checkpoint))
        self.multilingual = bool(model.is_multilingual)
        return model

    def _language_scores(self, speech: np.ndarray, options: TranscribeOptions) -> dict[str, float]:
        whisper, _ = _import_openai()
        model = self.load(options.threads)
        mel = whisper.log_mel_spectrogram(whisper.pad_or_trim(speech), n_mels=model.dims.n_mels)
        _, probs = model.detect_language(mel)
        return {code: float(probs.get(code, 0.0)) for code in LANGUAGES}

    def _decode(self, speech: np.ndarray, language: str, options: TranscribeOptions) -> list[RawSegment]:
        model = self.load(options.threads)
        result = model.transcribe(
            speech,
            language=language,
            beam_size=options.beam_size,
            word_timestamps=options.word_timestamps,
            initial_prompt=options.prompt_for(language),
            condition_on_previous_text=options.condition_on_previous_text,
            fp16=False,
            verbose=None,
        )
        return [_raw_from_openai(s) for s in result["segments"]]


def _raw_from_openai(segment: dict[str, Any]) -> RawSegment:
    words = tuple(
        (float(w["start"]), float(w["end"]), str(w["word"]), float(w.get("probability", 1.0)))
        for w in segment.get("words") or ()
    )
    return RawSegment(
        start=float(segment["start"]),
        end=float(segment["end"]),
        text=str(segment["text"]),
        words=words,
        no_speech_prob=float(segment.get("no_speech_prob", 0.0)),
        avg_logprob=float(segment.get("avg_logprob", 0.0)),
    )


def _load_openai(whisper: Any, checkpoint: Path) -> Any:
    from training_app.speech.openai_export import sidecar_path

    model = whisper.load_model(str(checkpoint), device="cpu")
    sidecar = sidecar_path(checkpoint)
    if sidecar.is_file():  # load_model(path) leaves the default heads; restore the model's own
        dump = json.loads(sidecar.read_text(encoding="utf-8"))["alignment_heads_dump"]
        model.set_alignment_heads(dump.encode("ascii"))
    return model


def _import_openai() -> tuple[Any, Any]:
    try:
        import torch
        import whisper
    except ImportError as exc:
        raise ConfigurationError("speech.openai_missing") from exc
    return whisper, torch
