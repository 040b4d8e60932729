"""Certification test helpers: a small level catalog on the mini course tree, people, progress rows, reviewed clips.

Progress rows are written directly (completed lessons, passed quiz attempts), like the worker writes scores: the
course services that produce them are tested in tests/courses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from sqlmodel import Session, select

from support.course_content import M1, M1_LESSONS, M2, M2_LESSONS, People, load_tree, make_people, write_mini_courses
from training_app.catalog.certification import CertificationCatalog
from training_app.certification.rules import ReviewedClip
from training_app.db.engine import session_scope
from training_app.db.tables import LessonProgress, QuizAttempt, User
from training_app.services import certificates
from training_app.services.certification import sign_off
from training_app.services.uow import unit_of_work

T0 = datetime(2026, 11, 1, 9, tzinfo=UTC)
LESSONS = {M1: M1_LESSONS, M2: M2_LESSONS}

LEVELS = CertificationCatalog.model_validate(
    {
        "version": "test-1",
        "programme": {"zh": "测试项目", "en": "Test programme"},
        "levels": [
            {
                "id": "basic", "order": 1, "title": {"zh": "基础", "en": "Basic"},
                "summary": {"zh": "基础", "en": "Basic"}, "audience": ["farmer"], "modules": [M1, M2],
                "quiz_min_score": 0.7, "clips": {"count": 2, "min_score": 70, "critical_window": 3},
                "trainer_signoff": True, "validity_months": 12, "renewal": {"window_days": 60, "grace_days": 10},
            },
            {
                "id": "advanced", "order": 2, "title": {"zh": "优秀", "en": "Advanced"},
                "summary": {"zh": "优秀", "en": "Advanced"}, "audience": ["farmer"], "requires_level": "basic",
                "modules": [M1], "quiz_min_score": 0.9, "clips": {"count": 1, "min_score": 90, "critical_window": 1},
                "trainer_signoff": True, "validity_months": 12, "renewal": {"window_days": 60, "grace_days": 0},
            },
        ],
    }
)  # fmt: skip


@dataclass
class FakeReviews:
    """Reviewed clips per trainee, in the shape of the review service (until a test needs real reviews)."""

    clips: dict[int, list[ReviewedClip]] = field(default_factory=dict)

    def __call__(self, session: Session, trainee_id: int) -> list[ReviewedClip]:
        return list(self.clips.get(trainee_id, []))

    def add(self, trainee: User, score: float, *, critical: bool = False, days: int = 0) -> None:
        items = self.clips.setdefault(trainee.id or 0, [])
        items.append(ReviewedClip(1000 + len(items), T0 + timedelta(days=days), score, critical))


@dataclass
class World:
    engine: Engine
    people: People
    reviews: FakeReviews
    key: Ed25519PrivateKey


def make_world(engine: Engine, tmp_path: Path) -> World:
    load_tree(engine, write_mini_courses(tmp_path / "courses"))
    return World(engine, make_people(engine), FakeReviews(), Ed25519PrivateKey.generate())


def complete_modules(
    engine: Engine, user: User, modules: tuple[str, ...] = (M1, M2), score: float = 0.9, *, lessons: bool = True
) -> None:
    """Passed quiz attempts with ``score`` and (unless ``lessons=False``) every lesson of ``modules`` completed."""
    with session_scope(engine) as s:
        done = set(s.exec(select(LessonProgress.lesson_id).where(LessonProgress.user_id == user.id)))
        for module in modules:
            for lesson in LESSONS[module] if lessons else ():
                if lesson not in done:
                    s.add(LessonProgress(user_id=user.id or 0, lesson_id=lesson, seen_version="v",
                                         completed_at=T0, completed_version="v"))  # fmt: skip
            s.add(QuizAttempt(user_id=user.id or 0, module_id=module, quiz_version="v", seed=1, pass_mark=0.6,
                              submitted_at=T0, score=score, passed=score >= 0.6, total=3, correct_count=3))  # fmt: skip


def make_eligible(world: World, trainee: User, level: str = "basic") -> None:
    """Everything the test ``basic`` level asks for."""
    complete_modules(world.engine, trainee)
    world.reviews.add(trainee, 80)
    world.reviews.add(trainee, 75, days=1)
    with unit_of_work(world.engine) as s:
        sign_off(s, world.people.trainer, trainee.id or 0, level, "ready", levels=LEVELS)


def issue(world: World, trainee: User, level: str = "basic", *, now: datetime = T0) -> certificates.Issued:
    with unit_of_work(world.engine) as s:
        return certificates.issue_certificate(
            s, world.people.agency, trainee_id=trainee.id or 0, level=level, signing_key=world.key,
            levels=LEVELS, now=now, reviews=world.reviews,
        )  # fmt: skip
