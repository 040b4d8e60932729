"""Progress reports: one trainee's completion and quiz scores over time; a trainer's table of their cohorts
(with "stuck" trainees marked, filter, sort and CSV export); the modules mapped to the functions of the
互联网营销师（直播销售员）national occupational standard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.tables import Organisation, Role, User
from training_app.errors import NotFound
from training_app.i18n import t
from training_app.services.authz import require_role, require_user_access, visible_org_ids
from training_app.services.course_state import (
    Activity,
    ContentIndex,
    content_index,
    current_module,
    load_activity,
    module_states,
    pick,
)

STAFF = (Role.TRAINER, Role.AGENCY, Role.ADMIN)
STUCK_FAILS = 2
STUCK_IDLE = timedelta(days=7)
STANDARD_FUNCTIONS = ("preparation", "live_selling", "after_sales")


@dataclass(frozen=True)
class TrackProgress:
    id: str
    title: str
    lessons_done: int
    lessons_total: int
    modules_done: int
    modules_total: int

    @property
    def share(self) -> float:
        return self.lessons_done / self.lessons_total if self.lessons_total else 0.0


@dataclass(frozen=True)
class ScorePoint:
    at: datetime
    module_id: str
    module_title: str
    score: float
    passed: bool


@dataclass(frozen=True)
class ProgressReport:
    user_id: int
    display_name: str
    tracks: list[TrackProgress]
    scores: list[ScorePoint]  # every submitted attempt, oldest first


def trainee_progress(session: Session, actor: User, *, user_id: int, lang: str) -> ProgressReport:
    """Completion per track and quiz scores over time, for a user the actor may see."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    require_user_access(session, actor, user, "progress.read")
    index = content_index(session)
    activity = load_activity(session, [user_id])[user_id]
    states = module_states(index, activity)
    tracks = []
    for track in index.tracks:
        modules = [m for m in index.modules if m.track_id == track.id]
        tracks.append(
            TrackProgress(
                id=track.id,
                title=pick(track, "title", lang),
                lessons_done=sum(states[m.id].lessons_done for m in modules),
                lessons_total=sum(states[m.id].lessons_total for m in modules),
                modules_done=sum(1 for m in modules if states[m.id].complete),
                modules_total=len(modules),
            )
        )
    titles = {m.id: pick(m, "title", lang) for m in index.modules}
    scores = [
        ScorePoint(a.submitted_at, a.module_id, titles.get(a.module_id, a.module_id), a.score or 0.0, a.passed)
        for a in activity.attempts
        if a.submitted_at is not None
    ]
    return ProgressReport(user_id, user.display_name, tracks, scores)


@dataclass(frozen=True)
class CohortRow:
    user_id: int
    trainee: str
    cohort: str
    lessons_done: int
    lessons_total: int
    current_module: str
    best_scores: dict[str, float]  # module title -> best score
    last_active: datetime | None
    stuck: bool
    stuck_reason: str  # "" | "failed_twice" | "idle"


def _stuck(user: User, activity: Activity, index: ContentIndex, now: datetime) -> str:
    states = module_states(index, activity)
    if any(s.failed_attempts >= STUCK_FAILS for s in states.values()):
        return "failed_twice"
    last = activity.last_active() or user.created_at
    return "idle" if now - last >= STUCK_IDLE else ""


def cohort_progress(
    session: Session, actor: User, *, lang: str, cohort_id: int | None = None, now: datetime | None = None
) -> list[CohortRow]:
    """One row per trainee the actor may see (a trainer: the trainees of their cohorts)."""
    require_role(actor, "progress.cohorts", *STAFF)
    stmt = select(User).where(User.role == Role.TRAINEE, col(User.is_active))
    ids = visible_org_ids(session, actor)
    if ids is not None:
        stmt = stmt.where(col(User.org_id).in_(ids))
    if cohort_id is not None:
        stmt = stmt.where(User.org_id == cohort_id)
    users = list(session.exec(stmt.order_by(col(User.display_name), col(User.id))))
    orgs = {o.id: o.name for o in session.exec(select(Organisation))}
    index = content_index(session)
    activities = load_activity(session, [u.id or 0 for u in users])
    titles = {m.id: pick(m, "title", lang) for m in index.modules}
    now = now or utcnow()
    rows = []
    for user in users:
        activity = activities[user.id or 0]
        states = module_states(index, activity)
        current = current_module(index, states)
        reason = _stuck(user, activity, index, now)
        rows.append(
            CohortRow(
                user_id=user.id or 0,
                trainee=user.display_name,
                cohort=orgs.get(user.org_id, ""),
                lessons_done=sum(s.lessons_done for s in states.values()),
                lessons_total=sum(s.lessons_total for s in states.values()),
                current_module=titles[current.id] if current else "",
                best_scores={titles[m]: s.best_score for m, s in states.items() if s.best_score is not None},
                last_active=activity.last_active(),
                stuck=bool(reason),
                stuck_reason=reason,
            )
        )
    return rows


def filter_rows(rows: list[CohortRow], *, search: str = "", stuck_only: bool = False) -> list[CohortRow]:
    needle = search.strip().lower()
    return [
        r
        for r in rows
        if (not stuck_only or r.stuck) and (not needle or needle in r.trainee.lower() or needle in r.cohort.lower())
    ]


SORT_KEYS = ("trainee", "cohort", "lessons_done", "last_active", "stuck")


def sort_rows(rows: list[CohortRow], key: str, *, descending: bool = False) -> list[CohortRow]:
    if key not in SORT_KEYS:
        key = "trainee"
    epoch = datetime.min.replace(tzinfo=utcnow().tzinfo)
    return sorted(
        rows, key=lambda r: getattr(r, key) or epoch if key == "last_active" else getattr(r, key), reverse=descending
    )


def cohort_frame(rows: list[CohortRow], lang: str) -> pd.DataFrame:
    """The table as shown and exported: translated headings, one column per quiz with the best score (%)."""
    quiz_titles = sorted({title for r in rows for title in r.best_scores})
    records = []
    for r in rows:
        record: dict[str, object] = {
            t("progress.col_trainee", lang): r.trainee,
            t("progress.col_cohort", lang): r.cohort,
            t("progress.col_lessons", lang): f"{r.lessons_done}/{r.lessons_total}",
            t("progress.col_current", lang): r.current_module,
            t("progress.col_last_active", lang): r.last_active.strftime("%Y-%m-%d %H:%M") if r.last_active else "",
            t("progress.col_stuck", lang): t(f"progress.stuck_{r.stuck_reason}", lang) if r.stuck else "",
        }
        for title in quiz_titles:
            score = r.best_scores.get(title)
            record[title] = round(score * 100) if score is not None else None
        records.append(record)
    return pd.DataFrame(records)


def cohort_csv(rows: list[CohortRow], lang: str) -> bytes:
    """CSV with a BOM so spreadsheet programs open the Chinese text correctly."""
    return cohort_frame(rows, lang).to_csv(index=False).encode("utf-8-sig")


@dataclass(frozen=True)
class StandardFunctionRow:
    function: str  # preparation | live_selling | after_sales
    label: str
    modules: list[str]  # "track title · module title"


def standard_function_map(session: Session, actor: User, *, lang: str) -> list[StandardFunctionRow]:
    """Which modules train which function of the 互联网营销师（直播销售员）standard."""
    require_role(actor, "progress.standard_map", *STAFF)
    index = content_index(session)
    track_titles = {tr.id: pick(tr, "title", lang) for tr in index.tracks}
    return [
        StandardFunctionRow(
            function,
            t(f"progress.function_{function}", lang),
            [
                f"{track_titles[m.track_id]} · {pick(m, 'title', lang)}"
                for m in index.modules
                if function in m.standard_functions
            ],
        )
        for function in STANDARD_FUNCTIONS
    ]
