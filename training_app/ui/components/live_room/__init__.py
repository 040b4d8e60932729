"""The live-room component: records in the browser, plays the comment script, returns audio + timeline.

Bundled assets only (``frontend/``: index.html, live_room.js, live_room.css); no CDN, no network, no build step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

from training_app.ui.state import lang, tr

_FRONTEND = Path(__file__).parent / "frontend"
_component = components.declare_component("live_room", path=str(_FRONTEND))
_LABELS = (
    "start", "stop", "live", "offline", "viewers", "ready", "asking", "recording", "sending", "sent", "mic_error",
    "unsupported",
)  # fmt: skip


def live_room(
    *, comments: list[dict[str, Any]], product: dict[str, str], target_s: int, max_s: int, key: str
) -> dict[str, Any] | None:
    """Show the room; returns the take (``{take_id, mime, duration_s, audio, timeline}``) once one is recorded."""
    labels = {name: tr(f"live_room.c_{name}") for name in _LABELS}
    value = _component(
        comments=comments,
        product=product,
        lang=lang(),
        labels=labels,
        target_s=target_s,
        max_s=max_s,
        key=key,
        default=None,
    )
    return value if isinstance(value, dict) else None
