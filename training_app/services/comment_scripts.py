"""Trainer-authored comment scripts: written in a form, validated by the same schema as the script files
(``catalog.task_schemas.ScriptSpec``), stored as rows, and used in place of a task's own script by an assignment.

A trainer sees and uses only their own scripts; an administrator all of them. A trainee never reads a script
directly: the live room shows the one their assignment names.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from training_app.catalog.task_schemas import ScriptSpec
from training_app.catalog.tasks import Task, TaskCatalog
from training_app.db import utcnow
from training_app.db.tables import CommentScript, Role, User
from training_app.errors import InvalidInput, NotFound
from training_app.services import audit
from training_app.services.authz import deny, require_role

logger = logging.getLogger(__name__)
ROW_FIELDS = ("at_s", "user", "text_zh", "text_en", "kind", "expects", "forbidden")


def _words(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [w for w in re.split(r"[,，、\s]+", str(value or "")) if w]


def _comment(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "at_s": row.get("at_s"),
        "user": str(row.get("user") or "").strip(),
        "text": {"zh": str(row.get("text_zh") or "").strip(), "en": str(row.get("text_en") or "").strip()},
        "kind": row.get("kind"),
        "expects": _words(row.get("expects")),
        "forbidden": _words(row.get("forbidden")),
    }


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def script_from_rows(
    *, script_id: str, title_zh: str, title_en: str, rows: list[dict[str, Any]], catalog: TaskCatalog
) -> ScriptSpec:
    """Build and validate a script from form rows (one per comment; empty rows skipped, sorted by time)."""
    comments = [_comment(r) for r in rows if any(str(r.get(k) or "").strip() for k in ROW_FIELDS)]
    comments.sort(key=lambda c: float(c["at_s"]) if isinstance(c["at_s"], int | float) else 0.0)
    data = {"id": script_id, "title": {"zh": title_zh.strip(), "en": title_en.strip()}, "comments": comments}
    try:
        spec = ScriptSpec.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput("tasks.script_invalid", detail=_first_error(exc)) from exc
    known = {p.id for product in catalog.products.values() for p in product.key_points}
    for i, comment in enumerate(spec.comments):
        unknown = [c for c in comment.expects if c not in known and catalog.resolve_cue(c, None, spec) is None]
        if unknown:
            raise InvalidInput("tasks.script_invalid", detail=f"comments.{i}.expects: unknown cues {unknown}")
    return spec


def create_script(session: Session, actor: User, *, spec: ScriptSpec) -> CommentScript:
    require_role(actor, "script.create", Role.TRAINER, Role.ADMIN)
    row = CommentScript(owner_id=actor.id or 0, title=spec.title.zh[:200], spec=spec.model_dump(mode="json"))
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="script.create", resource_type="comment_script", resource_id=row.id)
    return row


def list_scripts(session: Session, actor: User) -> list[CommentScript]:
    require_role(actor, "script.list", Role.TRAINER, Role.ADMIN)
    stmt = select(CommentScript).where(col(CommentScript.is_retired).is_(False)).order_by(col(CommentScript.id).desc())
    if actor.role != Role.ADMIN:
        stmt = stmt.where(CommentScript.owner_id == actor.id)
    return list(session.exec(stmt).all())


def get_script(session: Session, actor: User, script_id: int) -> CommentScript:
    row = session.get(CommentScript, script_id)
    if row is None or row.is_retired:
        raise NotFound("tasks.script_not_found", script=script_id)
    if not actor.is_active or (actor.role != Role.ADMIN and row.owner_id != actor.id):
        raise deny(actor, "script.read", "comment_script", script_id)
    return row


def retire_script(session: Session, actor: User, *, script_id: int) -> None:
    row = get_script(session, actor, script_id)
    row.is_retired = True
    row.updated_at = utcnow()
    session.add(row)
    audit.record(session, actor=actor, action="script.retire", resource_type="comment_script", resource_id=row.id)


def stored_spec(row: CommentScript) -> ScriptSpec:
    return ScriptSpec.model_validate(row.spec)


def script_for_task(session: Session, actor: User, *, catalog: TaskCatalog, task: Task, script_id: int) -> ScriptSpec:
    """The actor's script, checked against the task: every expected cue must exist for that task's product."""
    spec = stored_spec(get_script(session, actor, script_id))
    for i, comment in enumerate(spec.comments):
        unknown = [c for c in comment.expects if catalog.resolve_cue(c, task.spec, spec) is None]
        if unknown:
            raise InvalidInput("tasks.script_invalid", detail=f"comments.{i}.expects: unknown cues {unknown}")
    return spec
