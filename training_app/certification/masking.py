"""Masked names for public display: enough to recognise a certificate, not enough to identify a stranger."""

from __future__ import annotations

import unicodedata


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def mask_name(name: str) -> str:
    """张三丰 → 张**, 李四 → 李*, Ada Lovelace → A** L*******; an empty name becomes ``*``."""
    name = " ".join(name.split())
    if not name:
        return "*"
    if _is_cjk(name[0]):
        compact = name.replace(" ", "")
        return compact[0] + "*" * max(1, len(compact) - 1)
    return " ".join(word[0] + "*" * max(1, len(word) - 1) for word in name.split(" "))
