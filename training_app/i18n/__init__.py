"""Translation catalog: every user-facing string, in zh (Simplified Chinese, the default) and en.

The catalog lives in ``i18n/catalog/<namespace>.yaml``; each file maps
``key: {zh: ..., en: ...}`` and the full key is ``<namespace>.<key>`` (the file name is the namespace). Keeping both
languages side by side makes a missing translation visible in review; ``tests/test_i18n.py`` checks every key has both.
Placeholders use ``str.format`` syntax: ``t("clips.saved", "zh", clip_id=12)``.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
CATALOG_DIR = Path(__file__).parent / "catalog"


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, str]]:
    """All keys: ``{"namespace.key": {"zh": ..., "en": ...}}``."""
    entries: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOG_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, texts in data.items():
            entries[f"{path.stem}.{key}"] = {lang: str(texts.get(lang, "")) for lang in LANGUAGES}
    return entries


def normalize_language(lang: str | None) -> str:
    """Map browser/user language codes (zh-CN, zh_Hans, en-US …) to a catalog language."""
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.lower()
    if lang.startswith("en"):
        return "en"
    return "zh"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """Translate ``key`` into ``lang``; a missing key shows the key itself (and is logged), never crashes."""
    entry = catalog().get(key)
    if entry is None:
        logger.error("missing i18n key %s", key)
        return key
    text = entry.get(normalize_language(lang)) or entry.get(DEFAULT_LANGUAGE) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            logger.exception("bad placeholders for i18n key %s", key)
            return text
    return text


def has_key(key: str) -> bool:
    return key in catalog()
