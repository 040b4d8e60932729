"""Issuing only when every rule is met (each requirement missing in turn blocks it), renewal, revocation, audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from support.certification import LEVELS, T0, World, complete_modules, issue, make_eligible
from support.course_content import M1, M2

from training_app.certification import codes
from training_app.db.tables import AuditLog, User
from training_app.errors import Conflict, InvalidInput
from training_app.services import certificates, certification
from training_app.services.certificates import RulesNotMet
from training_app.services.uow import unit_of_work
from training_app.services.verification import VerifyState, verify_code


def _no_modules(w: World, u: User) -> None:
    complete_modules(w.engine, u, (M1,))
    complete_modules(w.engine, u, (M2,), lessons=False)  # quiz passed, a lesson left
    w.reviews.add(u, 90)
    w.reviews.add(u, 90)


def _low_quiz(w: World, u: User) -> None:
    complete_modules(w.engine, u, score=0.65)  # passed (0.6) but under the level's 0.7
    w.reviews.add(u, 90)
    w.reviews.add(u, 90)


def _few_clips(w: World, u: User) -> None:
    complete_modules(w.engine, u)
    w.reviews.add(u, 95)


def _low_scores(w: World, u: User) -> None:
    complete_modules(w.engine, u)
    w.reviews.add(u, 69.5)
    w.reviews.add(u, 80)


def _critical_recent(w: World, u: User) -> None:
    complete_modules(w.engine, u)
    w.reviews.add(u, 90)
    w.reviews.add(u, 90, days=1)
    w.reviews.add(u, 90, critical=True, days=2)


def _no_signoff(w: World, u: User) -> None:
    complete_modules(w.engine, u)
    w.reviews.add(u, 90)
    w.reviews.add(u, 90)


def _with_signoff(setup: Callable[[World, User], None]) -> Callable[[World, User], None]:
    def both(w: World, u: User) -> None:
        setup(w, u)
        with unit_of_work(w.engine) as s:
            certification.sign_off(s, w.people.trainer, u.id or 0, "basic", levels=LEVELS)

    return both


MISSING = [
    pytest.param(_with_signoff(_no_modules), "modules", id="modules"),
    pytest.param(_with_signoff(_low_quiz), "quiz", id="quiz-score"),
    pytest.param(_with_signoff(_few_clips), "clips", id="reviewed-clip-count"),
    pytest.param(_with_signoff(_low_scores), "clips", id="clip-score-threshold"),
    pytest.param(_with_signoff(_critical_recent), "no_critical", id="confirmed-critical-in-last-k"),
    pytest.param(_no_signoff, "signoff", id="trainer-sign-off"),
]


@pytest.mark.parametrize(("setup", "missing"), MISSING)
def test_issue_refused_when_one_requirement_missing(
    world: World, setup: Callable[[World, User], None], missing: str
) -> None:
    trainee = world.people.trainee
    setup(world, trainee)
    with unit_of_work(world.engine, write=False) as s:
        checklist = certification.certification_checklist(
            s, trainee, trainee_id=trainee.id or 0, level="basic", levels=LEVELS, now=T0, reviews=world.reviews
        )
    assert [i.kind for i in checklist.items if not i.met] == [missing]
    with pytest.raises(RulesNotMet) as err:
        issue(world, trainee)
    label = next(i.label for i in checklist.items if i.kind == missing)
    assert label in err.value.message("zh")
    assert err.value.message("en").startswith("Cannot issue yet")
    with unit_of_work(world.engine, write=False) as s:
        assert not certificates.trainee_certificates(s, world.people.agency, trainee_id=trainee.id or 0)


def test_critical_flag_older_than_window_does_not_block() -> None:
    from support.certification import FakeReviews

    from training_app.certification import rules

    reviews = FakeReviews()
    user = User(id=1, username="u", display_name="u", role="trainee", org_id=1, password_hash="!")
    reviews.add(user, 90, critical=True, days=0)
    for day in range(1, 4):
        reviews.add(user, 90, days=day)
    record = rules.TraineeRecord(frozenset({M1, M2}), {M1: 1.0, M2: 1.0}, reviews.clips[1], True, frozenset())
    assert rules.evaluate(LEVELS.level("basic"), record).met


def test_issue_succeeds_and_code_verifies_when_all_met(world: World) -> None:
    trainee = world.people.trainee
    make_eligible(world, trainee)
    issued = issue(world, trainee)
    cert = issued.certificate
    assert cert.expires_at == T0.replace(year=T0.year + 1)
    assert cert.holder_masked_name.startswith("T") and "rainee" not in cert.holder_masked_name
    result = verify_code(world.engine, issued.code, public_keys=[world.key.public_key()], levels=LEVELS,
                         now=T0 + timedelta(days=1))  # fmt: skip
    assert result.state == VerifyState.VALID
    assert (result.holder, result.level, result.programme) == (cert.holder_masked_name, "基础", "测试项目")
    with unit_of_work(world.engine, write=False) as s:
        entry = s.exec(select(AuditLog).where(AuditLog.action == "certificate.issue")).one()
    assert entry.actor_id == world.people.agency.id and entry.resource_id == str(cert.id)


def test_issue_refused_when_already_certified(world: World) -> None:
    make_eligible(world, world.people.trainee)
    issue(world, world.people.trainee)
    with pytest.raises(Conflict):
        issue(world, world.people.trainee)


def test_higher_level_needs_lower_level_held(world: World) -> None:
    trainee = world.people.trainee
    make_eligible(world, trainee)
    with unit_of_work(world.engine) as s:
        certification.sign_off(s, world.people.trainer, trainee.id or 0, "advanced", levels=LEVELS)
    world.reviews.add(trainee, 95, days=5)
    complete_modules(world.engine, trainee, (M1,), score=0.95)
    with pytest.raises(RulesNotMet):
        issue(world, trainee, "advanced")
    issue(world, trainee, "basic")
    assert issue(world, trainee, "advanced").certificate.level == "advanced"


def test_revoked_code_verifies_as_revoked_with_date(world: World) -> None:
    make_eligible(world, world.people.trainee)
    issued = issue(world, world.people.trainee)
    when = T0 + timedelta(days=30)
    with unit_of_work(world.engine) as s:
        certificates.revoke_certificate(s, world.people.agency, certificate_id=issued.certificate.id or 0,
                                        reason="违规带货 false claims", now=when)  # fmt: skip
    result = verify_code(world.engine, issued.code, public_keys=[world.key.public_key()], levels=LEVELS,
                         now=when + timedelta(days=1))  # fmt: skip
    assert result.state == VerifyState.REVOKED
    assert result.revoked_at == when


def test_revoke_refused_when_no_reason(world: World) -> None:
    make_eligible(world, world.people.trainee)
    issued = issue(world, world.people.trainee)
    with pytest.raises(InvalidInput), unit_of_work(world.engine) as s:
        certificates.revoke_certificate(s, world.people.agency, certificate_id=issued.certificate.id or 0, reason=" ")


def test_code_verifies_expired_after_validity_and_unknown_when_not_stored(world: World) -> None:
    make_eligible(world, world.people.trainee)
    issued = issue(world, world.people.trainee)
    keys = [world.key.public_key()]
    later = issued.certificate.expires_at + timedelta(seconds=1)
    assert verify_code(world.engine, issued.code, public_keys=keys, levels=LEVELS, now=later).state == "expired"
    stranger = codes.make_code(world.key, codes.new_cert_id())
    assert verify_code(world.engine, stranger, public_keys=keys, levels=LEVELS).state == VerifyState.UNKNOWN


def test_renewal_rechecks_rules_and_extends_within_window(world: World) -> None:
    trainee = world.people.trainee
    make_eligible(world, trainee)
    cert = issue(world, trainee).certificate
    too_early = cert.expires_at - timedelta(days=61)
    with pytest.raises(Conflict), unit_of_work(world.engine) as s:
        certificates.renew_certificate(s, world.people.agency, certificate_id=cert.id or 0, levels=LEVELS,
                                       now=too_early, reviews=world.reviews)  # fmt: skip
    world.reviews.add(trainee, 90, critical=True, days=300)
    in_window = cert.expires_at - timedelta(days=10)
    with pytest.raises(RulesNotMet), unit_of_work(world.engine) as s:
        certificates.renew_certificate(s, world.people.agency, certificate_id=cert.id or 0, levels=LEVELS,
                                       now=in_window, reviews=world.reviews)  # fmt: skip
    for day in (301, 302, 303):
        world.reviews.add(trainee, 90, days=day)
    with unit_of_work(world.engine) as s:
        renewed = certificates.renew_certificate(s, world.people.agency, certificate_id=cert.id or 0,
                                                 levels=LEVELS, now=in_window, reviews=world.reviews)  # fmt: skip
    assert renewed.expires_at == cert.expires_at.replace(year=cert.expires_at.year + 1)
    assert renewed.renewal_count == 1


def test_revoked_sign_off_no_longer_counts(world: World) -> None:
    trainee = world.people.trainee
    make_eligible(world, trainee)
    with unit_of_work(world.engine) as s:
        certification.revoke_sign_off(s, world.people.trainer, trainee_id=trainee.id or 0, level="basic")
    with pytest.raises(RulesNotMet):
        issue(world, trainee)
    with unit_of_work(world.engine, write=False) as s:
        actions = list(s.exec(select(AuditLog.action).order_by(col(AuditLog.id))))
    assert "certification.sign_off" in actions and "certification.revoke_sign_off" in actions


def test_issue_counts_clips_reviewed_in_the_review_service(world: World, tmp_path: Path) -> None:
    from support.review import CLEAN, make_intake, scored_clip

    from training_app.db.tables import FlagDecision, FlagDecisionKind, Review, ReviewStatus

    trainee, trainer = world.people.trainee, world.people.trainer
    complete_modules(world.engine, trainee)
    intake = make_intake(tmp_path)
    for day, overall, critical in ((1, 85.0, False), (2, 90.0, False), (3, 88.0, True)):
        clip_id = scored_clip(world.engine, trainee, intake, lines=CLEAN)
        with unit_of_work(world.engine) as s:
            review = Review(clip_id=clip_id, trainer_id=trainer.id or 0, status=ReviewStatus.SUBMITTED,
                            rubric_id="r", rubric_version="1", overall=overall,
                            submitted_at=T0 + timedelta(days=day))  # fmt: skip
            s.add(review)
            s.flush()
            if critical:
                s.add(FlagDecision(review_id=review.id or 0, clip_id=clip_id, flag_key="k", rule_id="MED-01",
                                   category="health_claim", severity="critical", text="x",
                                   decision=FlagDecisionKind.CONFIRM, decided_by_id=trainer.id or 0))  # fmt: skip
    with unit_of_work(world.engine) as s:
        certification.sign_off(s, trainer, trainee.id or 0, "basic", levels=LEVELS)
    with unit_of_work(world.engine, write=False) as s:
        checklist = certification.certification_checklist(s, trainee, trainee_id=trainee.id or 0, level="basic",
                                                          levels=LEVELS, now=T0)  # fmt: skip
    assert [(i.kind, i.have) for i in checklist.items if not i.met] == [("no_critical", 1)]
    with pytest.raises(RulesNotMet), unit_of_work(world.engine) as s:
        certificates.issue_certificate(s, world.people.agency, trainee_id=trainee.id or 0, level="basic",
                                       signing_key=world.key, levels=LEVELS, now=T0)  # fmt: skip
