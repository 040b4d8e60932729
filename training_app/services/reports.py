"""The score report of one clip, shaped for reading: scores per dimension, the transcript line by line with each
flag placed in its line, pace over time against the target band, pauses, tips, the legal basis with its
verification mark, and the comparison with the trainee's previous attempt on the same task or product.

Everything here is arithmetic on the stored ``ScoreReport.to_dict()`` and transcript; pages only render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from training_app.db.tables import Clip, Score, Transcript, User
from training_app.services.clips import get_clip

DIMENSIONS = ("pacing", "engagement", "product_knowledge")
MARKS = ("✅", "🔶", "❓")
LONG_PAUSE_S = 2.0


@dataclass(frozen=True)
class Flag:
    category: str
    rule_id: str
    severity: str
    text: str
    start: float | None
    explanation: str
    suggestion: str
    legal_basis: str
    marks: tuple[str, ...]  # verification marks found in the citation

    @property
    def fully_verified(self) -> bool:
        return bool(self.marks) and all(m == "✅" for m in self.marks)


@dataclass(frozen=True)
class Line:
    start: float | None
    end: float | None
    text: str
    flags: list[tuple[int, int, Flag]] = field(default_factory=list)  # (char start, char end, flag)

    def pieces(self) -> list[tuple[str, Flag | None]]:
        """The line cut into plain and flagged pieces, in order (for highlighting)."""
        out: list[tuple[str, Flag | None]] = []
        pos = 0
        for start, end, flag in sorted(self.flags, key=lambda f: f[0]):
            if start < pos:
                continue  # overlapping flags: the first one wins the highlight
            out += [(self.text[pos:start], None), (self.text[start:end], flag)]
            pos = end
        out.append((self.text[pos:], None))
        return [(text, flag) for text, flag in out if text]


@dataclass(frozen=True)
class Pace:
    windows: list[tuple[float, float, float]]  # (start, end, rate)
    band: tuple[float, float]
    unit: str  # "cpm" | "wpm"

    @property
    def out_of_range(self) -> list[tuple[float, float, float]]:
        lo, hi = self.band
        return [w for w in self.windows if not lo <= w[2] <= hi]


@dataclass(frozen=True)
class Comparison:
    clip_id: int
    created_at: datetime
    overall: float | None
    dimensions: dict[str, float | None]


@dataclass(frozen=True)
class ClipReport:
    clip_id: int
    owner_id: int
    product_id: str | None
    status: str
    error_key: str | None
    created_at: datetime
    language: str | None
    overall: float | None
    dimensions: dict[str, float | None]
    lines: list[Line]
    flags: list[Flag]
    pace: Pace | None
    pauses: list[tuple[float, float]]
    tips: list[str]
    rule_set_version: str | None
    model_version: str | None
    previous: Comparison | None

    @property
    def has_unverified_basis(self) -> bool:
        return any(not f.fully_verified for f in self.flags)


def _latest(session: Session, table: Any, clip_id: int) -> Any:
    return session.exec(select(table).where(table.clip_id == clip_id).order_by(col(table.id).desc())).first()


def _dimensions(report: dict[str, Any]) -> dict[str, float | None]:
    return {d: (report.get(d) or {}).get("score") for d in DIMENSIONS}


def _flag(raw: dict[str, Any]) -> Flag:
    basis = str(raw.get("legal_basis") or "")
    return Flag(
        category=str(raw.get("category", "")),
        rule_id=str(raw.get("rule_id", "")),
        severity=str(raw.get("severity", "")),
        text=str(raw.get("text", "")),
        start=raw.get("start"),
        explanation=str(raw.get("explanation", "")),
        suggestion=str(raw.get("suggestion", "")),
        legal_basis=basis,
        marks=tuple(m for m in MARKS if m in basis) or ("❓",),  # a citation without a mark counts as unverified
    )


def _place(lines: list[Line], raw: dict[str, Any], flag: Flag) -> None:
    """Put the flag on the line whose text holds it at the given offsets (else the first line containing it)."""
    start, end = int(raw.get("char_start") or 0), int(raw.get("char_end") or 0)
    for line in lines:
        if flag.text and line.text[start:end] == flag.text:
            line.flags.append((start, end, flag))
            return
    for line in lines:
        found = line.text.find(flag.text) if flag.text else -1
        if found >= 0:
            line.flags.append((found, found + len(flag.text), flag))
            return


def _lines(transcript: dict[str, Any]) -> list[Line]:
    return [
        Line(start=s.get("start"), end=s.get("end"), text=str(s.get("text", "")).strip())
        for s in transcript.get("segments", [])
    ]


def _pauses(transcript: dict[str, Any], threshold: float = LONG_PAUSE_S) -> list[tuple[float, float]]:
    words = [w for s in transcript.get("segments", []) for w in s.get("words", [])]
    return [
        (round(a["end"], 2), round(b["start"], 2))
        for a, b in zip(words, words[1:], strict=False)
        if b["start"] - a["end"] >= threshold
    ]


def _pace(report: dict[str, Any]) -> Pace | None:
    pacing = report.get("pacing") or {}
    windows = [(w["start"], w["end"], w["rate"]) for w in pacing.get("windows") or [] if w.get("rate") is not None]
    band = pacing.get("band")
    if not windows or not band:
        return None
    return Pace(windows=windows, band=(float(band[0]), float(band[1])), unit=str(pacing.get("rate_unit", "")))


def _previous(session: Session, clip: Clip) -> Comparison | None:
    """The trainee's latest earlier scored attempt on the same task (or, for free practice, the same product)."""
    same = Clip.task_id == clip.task_id if clip.task_id else Clip.product_id == clip.product_id
    stmt = (
        select(Clip, Score)
        .join(Score, col(Score.clip_id) == Clip.id)
        .where(Clip.owner_id == clip.owner_id, same, col(Clip.created_at) < clip.created_at)
        .order_by(col(Clip.created_at).desc(), col(Score.id).desc())
    )
    row = session.exec(stmt).first()
    if row is None:
        return None
    prev, score = row
    return Comparison(prev.id or 0, prev.created_at, score.overall, _dimensions(score.report))


def clip_report(session: Session, actor: User, *, clip_id: int) -> ClipReport:
    """The report of a clip the actor may read (raises NotFound / PermissionDenied otherwise)."""
    clip = get_clip(session, actor, clip_id)
    score, transcript = _latest(session, Score, clip_id), _latest(session, Transcript, clip_id)
    report: dict[str, Any] = score.report if score else {}
    data: dict[str, Any] = transcript.data if transcript else {}
    lines = _lines(data)
    flags = []
    for raw in report.get("claims") or []:
        flag = _flag(raw)
        flags.append(flag)
        _place(lines, raw, flag)
    return ClipReport(
        clip_id=clip.id or 0, owner_id=clip.owner_id, product_id=clip.product_id, status=clip.status.value,
        error_key=clip.error_key, created_at=clip.created_at, language=transcript.language if transcript else None,
        overall=score.overall if score else None, dimensions=_dimensions(report), lines=lines, flags=flags,
        pace=_pace(report), pauses=_pauses(data), tips=list(report.get("tips") or []),
        rule_set_version=score.rule_set_version if score else None,
        model_version=score.model_version if score else None,
        previous=_previous(session, clip) if score else None,
    )  # fmt: skip
