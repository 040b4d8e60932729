"""The simulated live room: what the room shows for a task (brief, product card, comment script) and how a take
recorded there is stored — the audio through the clips service, the comment timeline with it, in one transaction.

The timeline is stored as a snapshot per shown comment (text, kind, expected cues with their words resolved,
forbidden claim categories), so scoring never depends on later edits of a task or a trainer's script. It is
written before the transaction commits, and the transcription job is handed to the queue only after the commit,
so a worker always finds the timeline with the clip.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from training_app.catalog.task_schemas import ScriptSpec
from training_app.catalog.tasks import Task, TaskCatalog
from training_app.db.tables import Clip, ClipComment, ClipSource, User
from training_app.errors import InputRejected, InvalidInput
from training_app.services import clips, tasks
from training_app.services.authz import deny

logger = logging.getLogger(__name__)
MAX_SHOWN_S = 3600.0


@dataclass(frozen=True)
class LiveRoomBrief:
    task: Task
    view: tasks.TaskView
    script: ScriptSpec | None
    product: dict[str, str]  # name, origin, season (in the reader's language)

    def component_comments(self) -> list[dict[str, Any]]:
        """What the browser needs to play the script: no cue words, no expected answers."""
        if self.script is None:
            return []
        return [
            {"seq": i, "at_s": c.at_s, "user": c.user, "text": c.text.model_dump(), "kind": c.kind}
            for i, c in enumerate(self.script.comments)
        ]


def effective_script(session: Session, task: Task, view: tasks.TaskView) -> ScriptSpec | None:
    """The trainer's script named by the trainee's assignment, else the task's own."""
    from training_app.db.tables import CommentScript, TaskAssignment
    from training_app.services.comment_scripts import stored_spec

    assignment = session.get(TaskAssignment, view.assignment_id) if view.assignment_id else None
    if assignment is not None and assignment.script_id is not None:
        row = session.get(CommentScript, assignment.script_id)
        if row is not None:
            return stored_spec(row)
    return task.script


def live_room_brief(session: Session, actor: User, *, catalog: TaskCatalog, task_id: str, lang: str) -> LiveRoomBrief:
    view = tasks.task_view(session, actor, catalog=catalog, trainee_id=actor.id or 0, task_id=task_id)
    task = view.task
    sheet = catalog.products.get(task.spec.product or "")
    product = {}
    if sheet is not None:
        product = {
            "name": sheet.name.get(lang),
            "origin": sheet.origin.get(lang),
            "season": sheet.harvest_season.get(lang) if sheet.harvest_season else "",
        }
    return LiveRoomBrief(task, view, effective_script(session, task, view), product)


def decode_take(value: Any, *, max_bytes: int) -> tuple[bytes, list[dict[str, Any]]]:
    """The component's value → (audio bytes, shown comments). Refuses oversize or malformed values early."""
    if not isinstance(value, dict) or not isinstance(value.get("audio"), str):
        raise InvalidInput("live_room.bad_take")
    encoded = value["audio"]
    if len(encoded) > (max_bytes * 4) // 3 + 8:
        raise InputRejected("live_room.take_too_large", mb=max_bytes >> 20)
    try:
        audio = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput("live_room.bad_take") from exc
    shown = value.get("timeline") or []
    if not isinstance(shown, list):
        raise InvalidInput("live_room.bad_take")
    return audio, shown


def _shown(script: ScriptSpec | None, shown: list[dict[str, Any]]) -> dict[int, float]:
    """``{seq: second shown}``, checked against the script; the first report of a comment wins."""
    count = len(script.comments) if script else 0
    out: dict[int, float] = {}
    for item in shown:
        try:
            seq, at = int(item["seq"]), float(item["shown_at_s"])
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput("live_room.bad_take") from exc
        if not 0 <= seq < count or not 0.0 <= at <= MAX_SHOWN_S:
            raise InvalidInput("live_room.bad_take")
        out.setdefault(seq, round(at, 2))
    return out


def timeline_snapshot(catalog: TaskCatalog, task: Task, script: ScriptSpec, seq: int, shown_at_s: float) -> dict:
    comment = script.comments[seq]

    def cue(cue_id: str) -> dict[str, Any] | None:
        found = catalog.resolve_cue(cue_id, task.spec, script)
        return found.model_dump(mode="json") if found else None

    answers = catalog.kinds.kinds[comment.kind].answers
    return {
        "seq": seq,
        "at_s": comment.at_s,
        "shown_at_s": shown_at_s,
        "user": comment.user,
        "text": comment.text.model_dump(),
        "kind": comment.kind,
        "expects": [c for c in map(cue, comment.expects) if c],
        "answers": [c for c in map(cue, answers) if c],
        "forbidden": list(comment.forbidden),
    }


def submit_live_take(
    session: Session,
    actor: User,
    *,
    catalog: TaskCatalog,
    task_id: str,
    audio: bytes,
    shown: list[dict[str, Any]],
    intake: clips.Intake,
) -> Clip:
    """Store a live-room take of the actor's own (attempt limit checked) and its comment timeline."""
    view = tasks.require_attempt_left(session, actor, catalog=catalog, task_id=task_id)
    script = effective_script(session, view.task, view)
    times = _shown(script, shown)
    clip = clips.submit_clip(
        session,
        actor,
        owner_id=actor.id or 0,
        product_id=view.task.spec.product,
        stream=io.BytesIO(audio),
        source=ClipSource.RECORDING,
        intake=intake,
        task_id=task_id,
    )
    for seq, at in sorted(times.items()):
        assert script is not None  # _shown accepts no comment without a script
        snapshot = timeline_snapshot(catalog, view.task, script, seq, at)
        session.add(ClipComment(clip_id=clip.id or 0, seq=seq, shown_at_s=at, comment=snapshot))
    session.flush()
    return clip


def comment_timeline(session: Session, clip_id: int) -> list[dict[str, Any]]:
    """The stored timeline of a clip (for the scorer; the worker runs as the system). Empty without one."""
    rows = session.exec(select(ClipComment).where(ClipComment.clip_id == clip_id).order_by(col(ClipComment.seq)))
    return [{**r.comment, "seq": r.seq, "shown_at_s": r.shown_at_s} for r in rows]


def clip_timeline(session: Session, actor: User, clip_id: int) -> list[dict[str, Any]]:
    """The timeline of a clip the actor may see."""
    clip = clips.get_clip(session, actor, clip_id)
    if clip.id is None:
        raise deny(actor, "clip.timeline", "clip", clip_id)
    return comment_timeline(session, clip.id)


def latest_report(session: Session, actor: User, clip_id: int) -> dict[str, Any] | None:
    """The clip's newest score report (None before it is scored), for a clip the actor may see."""
    from training_app.db.tables import Score

    clips.get_clip(session, actor, clip_id)
    row = session.exec(select(Score).where(Score.clip_id == clip_id).order_by(col(Score.id).desc())).first()
    return dict(row.report) if row is not None else None
