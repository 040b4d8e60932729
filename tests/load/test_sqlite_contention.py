"""SQLite under contention: 50 threads × 100 sign-ins (CI: × 20), each as the sign-in form does it — the password
checked (argon2) in a read-only transaction, then a short write transaction (user lookup, lockout check, a session
row, a login attempt and an audit entry) — through the real service and unit of work on a file database, with a read
of the new session after each → zero "database is locked", every row present."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import col, func, select
from support.factories import PASSWORD, make_tree, make_user

from training_app.db.engine import make_engine, session_scope
from training_app.db.migrate import upgrade
from training_app.db.tables import LoginAttempt, UserSession
from training_app.services import auth
from training_app.services.uow import unit_of_work

POLICY = auth.SessionPolicy()


def _hammer(engine, username: str, writes: int, failures: list[str], start: threading.Barrier) -> None:  # type: ignore[no-untyped-def]
    start.wait()
    for _ in range(writes):
        try:
            with unit_of_work(engine, write=False) as s:  # as the sign-in form does: argon2 outside the write lock
                checked = auth.check_password(s, username=username, password=PASSWORD)
            with unit_of_work(engine) as s:
                signed = auth.sign_in(s, username=username, password=PASSWORD, policy=POLICY, checked=checked)
            assert signed is not None
            with unit_of_work(engine, write=False) as s:
                auth.resolve_session(s, signed.token, policy=POLICY)
        except OperationalError as exc:
            failures.append(str(exc.orig))
        except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
            failures.append(f"{type(exc).__name__}: {exc}")


@pytest.mark.parametrize(("threads", "writes"), [(50, 20), pytest.param(50, 100, marks=pytest.mark.slow)])
def test_fifty_threads_of_sign_ins_never_see_database_is_locked(tmp_path: Path, threads: int, writes: int) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'contention.db'}")
    upgrade(engine)
    with session_scope(engine) as s:
        cohort = make_tree(s)["cohort"]
        users = {make_user(s, org=cohort, username=f"busy{i:02d}").id: f"busy{i:02d}" for i in range(threads)}
    failures: list[str] = []
    start = threading.Barrier(threads)
    workers = [
        threading.Thread(target=_hammer, args=(engine, name, writes, failures, start)) for name in users.values()
    ]
    began = time.monotonic()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - began
    print(f"{threads * writes} write transactions in {elapsed:.1f} s ({threads * writes / elapsed:.0f}/s)")  # noqa: T201
    assert [f for f in failures if "database is locked" in f] == []
    assert failures == []
    with session_scope(engine, write=False) as s:
        per_user = dict(s.exec(select(UserSession.user_id, func.count()).group_by(col(UserSession.user_id))).all())
        attempts = s.exec(select(func.count()).select_from(LoginAttempt).where(LoginAttempt.success)).one()
    assert per_user == {uid: writes for uid in users}
    assert attempts == threads * writes
    engine.dispose()
