"""Authorization matrix for clips: actor × action × resource (own / same cohort / other cohort / other agency).

A denied call raises, writes nothing, and leaves one "denied" audit entry; listening to someone else's recording
leaves a "clip.listen" entry. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select
from support.clips import SYSTEM, People, submit, wav_bytes

from training_app.db.tables import AuditLog, Clip, ClipSource, Job, User
from training_app.errors import PermissionDenied
from training_app.services import clips, jobs, reports
from training_app.services.media import LocalMediaStore, sweep_orphans
from training_app.services.uow import unit_of_work

OWNERS = ("trainee", "peer", "other_cohort", "other_agency")
# who may read (list, open, report, listen to) the clips of each owner
READERS: dict[str, set[str]] = {
    "trainee": {"trainee"},  # a trainee reads only their own clips
    "peer": {"peer"},
    "other_cohort": {"other_cohort"},
    "other_agency": {"other_agency"},
    "trainer": {"trainee", "peer"},  # teaches the trainee's cohort
    "agency": {"trainee", "peer", "other_cohort"},  # the agency subtree
    "other_officer": {"other_agency"},
    "admin": set(OWNERS),
}
# for whom each actor may import replays
IMPORTERS: dict[str, set[str]] = {"trainer": {"trainee", "peer"}, "admin": set(OWNERS)}


def _matrix(table: dict[str, set[str]]) -> list[tuple[str, str, bool]]:
    """Every (actor, owner) pair with whether it is allowed; one test walks the whole table on one database."""
    return [(a, o, o in table.get(a, set())) for a in READERS for o in OWNERS]


@pytest.fixture
def owned(any_engine: Engine, people: People, intake: clips.Intake) -> dict[str, int]:
    """One clip per owner, recorded by that owner."""
    return {o: submit(any_engine, getattr(people, o), getattr(people, o), wav_bytes(), intake) for o in OWNERS}


def _counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as s:
        return (
            s.exec(select(func.count()).select_from(Clip)).one(),
            s.exec(select(func.count()).select_from(Job)).one(),
            s.exec(select(func.count()).where(col(AuditLog.outcome) == "ok").select_from(AuditLog)).one(),
        )


def _denials(engine: Engine, action: str) -> int:
    with Session(engine) as s:
        stmt = select(func.count()).select_from(AuditLog).where(AuditLog.action == action, AuditLog.outcome == "denied")
        return int(s.exec(stmt).one())


def _submitter(me: User, owner: User, intake: clips.Intake, source: ClipSource) -> Callable[[Session], object]:
    def call(s: Session) -> object:
        stream = io.BytesIO(wav_bytes())
        return clips.submit_clip(s, me, owner_id=owner.id or 0, product_id=None, stream=stream, source=source,
                                 intake=intake)  # fmt: skip

    return call


def _check(engine: Engine, call: Callable[[Session], object], allowed: bool, action: str, case: str) -> None:
    if allowed:
        with unit_of_work(engine) as s:
            call(s)
        return
    before, denials = _counts(engine), _denials(engine, action)
    with pytest.raises(PermissionDenied), unit_of_work(engine) as s:
        call(s)
    assert _counts(engine) == before, f"{case}: a denied call wrote something"
    assert _denials(engine, action) == denials + 1, f"{case}: denial not audited"


def test_get_clip_by_id_follows_matrix(any_engine: Engine, people: People, owned: dict[str, int]) -> None:
    for actor, owner, allowed in _matrix(READERS):
        me = getattr(people, actor)
        call = lambda s, me=me, owner=owner: clips.get_clip(s, me, owned[owner])  # noqa: E731
        _check(any_engine, call, allowed, "clip.read", f"{actor} reads {owner}")


def test_list_clips_follows_matrix(any_engine: Engine, people: People, owned: dict[str, int]) -> None:
    for actor, owner, allowed in _matrix(READERS):
        me, target = getattr(people, actor), getattr(people, owner)
        call = lambda s, me=me, target=target: clips.list_clips(s, me, owner_id=target.id or 0)  # noqa: E731
        _check(any_engine, call, allowed, "clip.list", f"{actor} lists {owner}")


def test_clip_report_follows_matrix(any_engine: Engine, people: People, owned: dict[str, int]) -> None:
    for actor, owner, allowed in _matrix(READERS):
        me = getattr(people, actor)
        call = lambda s, me=me, owner=owner: reports.clip_report(s, me, clip_id=owned[owner])  # noqa: E731
        _check(any_engine, call, allowed, "clip.read", f"{actor} opens the report of {owner}")


def test_open_clip_audio_follows_matrix_and_audits_listening(
    any_engine: Engine, people: People, owned: dict[str, int], store: LocalMediaStore
) -> None:
    for actor, owner, allowed in _matrix(READERS):
        me = getattr(people, actor)
        call = lambda s, me=me, owner=owner: clips.open_clip_audio(s, me, owned[owner], store)  # noqa: E731
        _check(any_engine, call, allowed, "clip.read", f"{actor} listens to {owner}")
    with Session(any_engine) as s:
        listens = {
            (e.actor_id, e.resource_id) for e in s.exec(select(AuditLog).where(AuditLog.action == "clip.listen"))
        }
    expected = {(getattr(people, a).id, str(owned[o])) for a, o, allowed in _matrix(READERS) if allowed and a != o}
    assert listens == expected  # someone else's recording served: audited; one's own: not


def test_import_for_trainee_follows_matrix(
    any_engine: Engine, people: People, intake: clips.Intake, store: LocalMediaStore
) -> None:
    for actor, owner, allowed in _matrix(IMPORTERS):
        me, target = getattr(people, actor), getattr(people, owner)
        files = len([p for p in store.root.rglob("*") if p.is_file()])
        _check(any_engine, _submitter(me, target, intake, ClipSource.IMPORT), allowed, "clip.import",
               f"{actor} imports for {owner}")  # fmt: skip
        if not allowed:
            assert len([p for p in store.root.rglob("*") if p.is_file()]) == files, "a denied upload left a file"


def test_record_for_someone_else_denied(any_engine: Engine, people: People, intake: clips.Intake) -> None:
    own = {o: {o} for o in OWNERS}
    for actor, owner, allowed in _matrix(own):
        me, target = getattr(people, actor), getattr(people, owner)
        _check(any_engine, _submitter(me, target, intake, ClipSource.RECORDING), allowed, "clip.recording",
               f"{actor} records for {owner}")  # fmt: skip


def test_trainee_opening_other_trainees_clip_by_id_raises_writes_nothing_audited(
    any_engine: Engine, people: People, owned: dict[str, int], store: LocalMediaStore
) -> None:
    before = _counts(any_engine)
    with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
        clips.open_clip_audio(s, people.trainee, owned["peer"], store)
    assert _counts(any_engine) == before
    with Session(any_engine) as s:
        entry = s.exec(select(AuditLog).where(AuditLog.outcome == "denied")).one()
    assert (entry.actor_id, entry.action, entry.resource_type, entry.resource_id) == (
        people.trainee.id,
        "clip.read",
        "clip",
        str(owned["peer"]),
    )


@pytest.mark.parametrize("actor", ["trainee", "trainer", "agency"])
def test_system_actions_need_admin(any_engine: Engine, people: People, owned: dict[str, int],
                                   store: LocalMediaStore, actor: str) -> None:  # fmt: skip
    from datetime import timedelta

    me = getattr(people, actor)
    calls: list[tuple[str, Callable[[Session], object]]] = [
        ("clip.rescore", lambda s: clips.rescore_clips(s, me, clip_ids=None, rule_set_version="x", max_attempts=3)),
        ("media.sweep", lambda s: sweep_orphans(s, me, store, older_than=timedelta(0))),
        ("job.status", lambda s: jobs.queue_status(s, me)),
        ("job.sweep", lambda s: jobs.sweep_jobs(s, me, redispatch_after=None)),
    ]
    for action, call in calls:
        with pytest.raises(PermissionDenied), unit_of_work(any_engine) as s:
            call(s)
    with unit_of_work(any_engine) as s:
        assert jobs.queue_status(s, SYSTEM).queued == len(owned)
