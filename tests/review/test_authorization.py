"""Authorization matrix for the review services: actor × action × resource (own / same cohort / other cohort /
other agency). A denied call raises, writes nothing and is audit-logged (outcome="denied"); runs on SQLite and
PostgreSQL. Trainers review their cohorts' clips (an administrator any clip); agency officers read their subtree;
a trainee reads only the submitted reviews of their own clips."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, SQLModel, select
from support.clips import People
from support.review import review_clip, rubrics, scored_clip

from training_app.catalog.rubrics import default_rubric
from training_app.db.tables import AuditLog, FlagDecision, FlagDecisionKind, Review, TimedComment, User
from training_app.errors import TrainingAppError
from training_app.services import calibration, clips, flag_report, review, review_access, review_edit, review_view
from training_app.services.authz import Denied
from training_app.services.review_flags import flags_of
from training_app.services.uow import unit_of_work

RUBRICS = rubrics()
RUBRIC = default_rubric(RUBRICS)
ACTORS = ("trainee", "trainer", "agency", "other_officer", "admin")
TARGETS = ("trainee", "peer", "other_cohort", "other_agency")  # own / same cohort / other cohort / other agency
REVIEW = {"trainer": {"trainee", "peer"}, "admin": set(TARGETS)}
READ = {
    "trainee": {"trainee"},
    "trainer": {"trainee", "peer"},
    "agency": {"trainee", "peer", "other_cohort"},
    "other_officer": {"other_agency"},
    "admin": set(TARGETS),
}


@dataclass
class World:
    people: People
    submitted: dict[str, int]  # target → a submitted review id
    draft: dict[str, int]  # target → a draft review id


@pytest.fixture
def world(any_engine: Engine, people: People, intake: clips.Intake) -> World:
    submitted, draft = {}, {}
    for name in TARGETS:
        owner = getattr(people, name)
        submitted[name] = review_clip(any_engine, people.admin, scored_clip(any_engine, owner, intake))
        draft[name] = review_clip(any_engine, people.admin, scored_clip(any_engine, owner, intake), submit=False)
    return World(people, submitted, draft)


def _version(s: Session, review_id: int) -> int:
    row = s.get(Review, review_id)
    return row.version if row else 0


def _flag_key(s: Session, review_id: int) -> str:
    from training_app.db.tables import Score

    row = s.get(Review, review_id)
    score = s.get(Score, row.score_id) if row else None
    return flags_of(score.report if score else {})[0].key


def _decide(s: Session, a: User, t: str, w: World) -> object:
    rid = w.draft[t]
    return review_edit.decide_flag(s, a, review_id=rid, version=_version(s, rid), flag_key=_flag_key(s, rid),
                                   decision=FlagDecisionKind.CONFIRM)  # fmt: skip


Call = Callable[[Session, User, str, World], object]
TARGETED: dict[str, tuple[Call, dict[str, set[str]]]] = {
    "review.start": (
        lambda s, a, t, w: review_edit.start_review(s, a, clip_id=_clip(s, w.draft[t]), rubric=RUBRIC),
        REVIEW,
    ),
    "review.edit": (
        lambda s, a, t, w: review_edit.update_review(
            s, a, review_id=w.draft[t], version=_version(s, w.draft[t]), rubrics=RUBRICS, levels={"pacing": 2}
        ),
        REVIEW,
    ),
    "review.flag": (_decide, REVIEW),
    "review.comment": (
        lambda s, a, t, w: review_edit.add_timed_comment(
            s, a, review_id=w.draft[t], version=_version(s, w.draft[t]), at_seconds=3, text="这里好"
        ),
        REVIEW,
    ),
    "review.read": (lambda s, a, t, w: review_access.get_review(s, a, w.submitted[t]), READ),
}


def _counts(engine: Engine) -> dict[str, object]:
    with unit_of_work(engine, write=False) as s:
        tables: list[type[SQLModel]] = [AuditLog, Review, FlagDecision, TimedComment]
        counts: dict[str, object] = {t.__name__: s.exec(select(func.count()).select_from(t)).one() for t in tables}
        counts["denied"] = s.exec(select(func.count()).select_from(AuditLog).where(AuditLog.outcome == "denied")).one()
        counts["reviews"] = sorted((r.id, r.version, r.status.value) for r in s.exec(select(Review)))
        return counts


def _expect_denied(engine: Engine, call: Callable[[Session], object], action: str) -> None:
    before = _counts(engine)
    with pytest.raises(Denied), unit_of_work(engine) as s:
        call(s)
    after = _counts(engine)
    assert after.pop("denied") == int(before.pop("denied")) + 1  # type: ignore[call-overload]
    assert after.pop("AuditLog") == int(before.pop("AuditLog")) + 1  # type: ignore[call-overload]
    assert after == before, f"{action}: a denied call wrote something"
    with unit_of_work(engine, write=False) as s:
        last = s.exec(select(AuditLog).order_by(AuditLog.id.desc())).first()  # type: ignore[union-attr]
    assert last is not None and last.outcome == "denied" and last.action == action


def _expect_allowed(engine: Engine, call: Callable[[Session], object]) -> None:
    try:
        with unit_of_work(engine) as s:
            call(s)
    except Denied:
        raise
    except TrainingAppError:
        pass  # allowed, then refused for another reason (e.g. already submitted by an earlier actor)


def test_targeted_review_actions_allowed_only_within_scope(any_engine: Engine, world: World) -> None:
    for actor in ACTORS:
        me = getattr(world.people, actor)
        for action, (call, rule) in TARGETED.items():
            for target in TARGETS:
                bound: Callable[[Session], object] = lambda s, c=call, t=target, m=me: c(s, m, t, world)  # noqa: E731
                if target in rule.get(actor, set()):
                    _expect_allowed(any_engine, bound)
                else:
                    _expect_denied(any_engine, bound, action)


UNTARGETED: dict[str, tuple[Callable[[Session, User], object], set[str]]] = {
    "review.queue": (lambda s, a: review.review_queue(s, a), {"trainer", "agency", "other_officer", "admin"}),
    "review.false_alarms": (lambda s, a: flag_report.false_alarm_report(s, a), {"trainer", "admin"}),
    "review.calibration": (
        lambda s, a: calibration.calibrate(s, a, rubric=RUBRIC),
        {"trainer", "agency", "other_officer", "admin"},
    ),
}


def test_untargeted_review_actions_by_role(any_engine: Engine, people: People) -> None:
    for actor in ACTORS:
        me = getattr(people, actor)
        for action, (call, allowed) in UNTARGETED.items():
            bound: Callable[[Session], object] = lambda s, c=call, m=me: c(s, m)  # noqa: E731
            if actor in allowed:
                _expect_allowed(any_engine, bound)
            else:
                _expect_denied(any_engine, bound, action)


def test_trainee_opening_another_trainees_review_by_id_denied_and_audited(any_engine: Engine, world: World) -> None:
    trainee = world.people.trainee
    _expect_denied(any_engine, lambda s: review_access.get_review(s, trainee, world.submitted["peer"]), "review.read")
    _expect_denied(
        any_engine,
        lambda s: review_view.review_screen(
            s,
            trainee,
            clip_id=_clip(s, world.submitted["peer"]),
            rubrics=RUBRICS,
            lang="zh",
            review_id=world.submitted["peer"],
        ),  # fmt: skip
        "review.read",
    )


def test_trainee_never_reads_a_draft_of_own_clip(any_engine: Engine, world: World) -> None:
    trainee = world.people.trainee
    _expect_denied(any_engine, lambda s: review_access.get_review(s, trainee, world.draft["trainee"]), "review.read")
    with unit_of_work(any_engine) as s:
        screen = review_view.review_screen(s, trainee, clip_id=_clip(s, world.draft["trainee"]), rubrics=RUBRICS,
                                           lang="zh")  # fmt: skip
    assert screen.review_id is None and not screen.editable  # the draft stays hidden


def test_agency_reads_but_never_edits(any_engine: Engine, world: World) -> None:
    officer = world.people.agency
    with unit_of_work(any_engine) as s:
        screen = review_view.review_screen(s, officer, clip_id=_clip(s, world.submitted["peer"]), rubrics=RUBRICS,
                                           lang="zh")  # fmt: skip
    assert screen.review_id == world.submitted["peer"] and not screen.editable


def _clip(s: Session, review_id: int) -> int:
    row = s.get(Review, review_id)
    return row.clip_id if row else 0
