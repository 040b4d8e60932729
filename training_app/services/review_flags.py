"""The automatic flags of a score report as a reviewer sees them: a stable key per flag, the transcript line it
stands in, and the reasons a trainer may give for dismissing one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from typing import Any

from training_app.scoring.report import ClaimFlag

# Why a trainer dismissed a flag (the false-alarm report counts these per rule).
DISMISS_REASONS = ("not_a_claim", "negated_or_quoted", "backed_by_evidence", "transcription_error", "other")


_CLAIM_FIELDS = {f.name for f in fields(ClaimFlag)}


@dataclass(frozen=True)
class Flag:
    key: str
    index: int  # position in the report's claims
    claim: ClaimFlag
    context: str  # the transcript line the flagged words stand in


def flag_key(rule_id: str, start: float | None, text: str) -> str:
    """``<rule_id>@<start, 0.1 s>#<hash of the text>``: stable across reloads of the same report."""
    at = "-" if start is None else f"{float(start):.1f}"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{rule_id}@{at}#{digest}"


def _context(segments: list[dict[str, Any]], text: str, start: float | None) -> str:
    if start is not None:
        for seg in segments:
            if seg.get("start") is not None and seg["start"] <= start <= (seg.get("end") or seg["start"]):
                return str(seg.get("text") or "")
    return next((str(s.get("text") or "") for s in segments if text and text in str(s.get("text") or "")), text)


def flags_of(report: dict[str, Any]) -> list[Flag]:
    """The report's claims in order, each with its key (a repeated key gets ``~2``, ``~3`` …)."""
    segments = report.get("segments") or []
    seen: dict[str, int] = {}
    flags = []
    for index, claim in enumerate(report.get("claims") or []):
        flag = ClaimFlag(**{k: v for k, v in claim.items() if k in _CLAIM_FIELDS})
        key = flag_key(flag.rule_id, flag.start, flag.text)
        seen[key] = seen.get(key, 0) + 1
        key = key if seen[key] == 1 else f"{key}~{seen[key]}"
        flags.append(Flag(key=key, index=index, claim=flag, context=_context(segments, flag.text, flag.start)))
    return flags
