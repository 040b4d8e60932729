"""Agency dashboard and talent pool queries at scale: 100,000 trainees, 1,000,000 scored clips.

Run: .venv/bin/python bench/dashboard.py [--trainees N] [--clips-per-trainee N] [--runs N]
         [--database-url URL | --postgres]   (default: a fresh SQLite file in a temporary directory)

Generates one agency (20 counties, 100 trainees per cohort) plus a second agency of 1 % of the size, course
progress from the shipped courses, quiz attempts, clips with transcripts and scores spread over two years,
certificates for a fifth of the trainees and submitted reviews with confirmed flags for 5 % of the clips, using bulk
inserts (executemany on SQLite, COPY on PostgreSQL); "now" is mid-month, so the live current month holds 19.5 days.
Then refreshes the dashboard rollup (as cron does; timed), times every dashboard and talent pool query as
the agency's officer and prints p50/p95 (target < 500 ms).
--generate-only fills a database given by --database-url; --reuse times an already filled one.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text
from sqlmodel import SQLModel, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import training_app.db.tables  # noqa: E402,F401
from training_app.catalog.courses import load_courses  # noqa: E402
from training_app.db.engine import make_engine, session_scope  # noqa: E402
from training_app.db.tables import CourseLesson, User  # noqa: E402
from training_app.services import agency_dashboard, dashboard_rollups, talent_pool  # noqa: E402
from training_app.services.accounts import system_actor  # noqa: E402
from training_app.services.content import load_content  # noqa: E402
from training_app.services.talent_pool import PoolFilter  # noqa: E402

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)  # mid-month: the live current month holds 19.5 days
SPAN = timedelta(days=730)
PRODUCTS = ("luochuan-apple", "wuchang-rice", "gannan-orange", "meitan-tea", "qinling-honey", "taojiang-rice")
CATEGORIES = ("absolute_claim", "health_claim", "price_fraud", "false_origin", "fabricated_data")
BATCH = 50_000


class Writer:
    """Bulk rows into a table: executemany on SQLite, COPY on PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.pg = engine, engine.dialect.name == "postgresql"

    def ts(self, moment: datetime) -> Any:
        return moment if self.pg else moment.strftime("%Y-%m-%d %H:%M:%S.%f")

    def write(self, table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> int:
        count = 0
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if not self.pg:
                cursor.execute("BEGIN")  # the engine's connections run in autocommit; one transaction per table
            quoted = ", ".join(f'"{c}"' for c in columns)
            for chunk in _chunks(rows, BATCH):
                if self.pg:
                    with cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:  # type: ignore[attr-defined]
                        for row in chunk:
                            copy.write_row(row)
                else:
                    marks = ", ".join("?" for _ in columns)
                    cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', chunk)
                count += len(chunk)
            if self.pg:
                raw.commit()
            else:
                cursor.execute("COMMIT")
        finally:
            raw.close()
        return count


def _chunks(rows: Iterable[tuple[Any, ...]], size: int) -> Iterator[list[tuple[Any, ...]]]:
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _orgs(w: Writer, trainees: int) -> tuple[list[int], list[int]]:
    """Agency 1 with 20 counties and cohorts of 100; agency 2 (1 %). Returns cohort ids of each agency."""
    rows, ours, theirs, next_id = [], [], [], 1
    for agency, size in ((1, trainees), (2, max(100, trainees // 100))):
        agency_id, next_id = next_id, next_id + 1
        rows.append((agency_id, f"机构{agency}", f"agency-{agency}", "agency", None, f"/{agency_id}/"))
        counties = [next_id + i for i in range(20)]
        for i, cid in enumerate(counties):
            rows.append((cid, f"县{agency}-{i}", f"county-{agency}-{i}", "county", agency_id, f"/{agency_id}/{cid}/"))
        next_id += 20
        for c in range(max(1, size // 100)):
            county = counties[c % 20]
            rows.append((next_id, f"班{agency}-{c}", f"cohort-{agency}-{c}", "cohort", county,
                         f"/{agency_id}/{county}/{next_id}/"))  # fmt: skip
            (ours if agency == 1 else theirs).append(next_id)
            next_id += 1
    now = w.ts(NOW)
    w.write("organisation", ("id", "name", "code", "kind", "parent_id", "path", "is_demo", "created_at"),
            ((*r, False, now) for r in rows))  # fmt: skip
    return ours, theirs


def _users(w: Writer, cohorts: list[int], other: list[int], trainees: int) -> tuple[int, list[int]]:
    now, names = w.ts(NOW), "张王李赵刘陈杨黄周吴"
    ids, rows = [], []
    all_cohorts = [(c, 100) for c in cohorts] + [(c, 100) for c in other]
    uid = 1
    rows.append((uid, "officer", "机构官员", "agency", 1))
    officer = uid
    for cohort, size in all_cohorts:
        for _ in range(size):
            uid += 1
            rows.append((uid, f"t{uid}", f"{names[uid % 10]}学员{uid}", "trainee", cohort))
            ids.append(uid)
    cols = ("id", "username", "display_name", "role", "org_id", "language", "password_hash", "is_active",
            "must_change_password", "is_demo", "created_at", "updated_at")  # fmt: skip
    w.write("user", cols, ((*r, "zh", "!", True, False, False, now, now) for r in rows))
    return officer, ids


def _when(w: Writer, rng: random.Random) -> Any:
    return w.ts(NOW - timedelta(seconds=rng.randrange(int(SPAN.total_seconds()))))


def _progress(w: Writer, trainees: list[int], lessons: list[tuple[str, str]], rng: random.Random) -> None:
    def progress() -> Iterator[tuple[Any, ...]]:
        for uid in trainees:
            for lesson_id, version in lessons[: rng.randint(0, 8)]:
                at = _when(w, rng)
                yield uid, lesson_id, at, at, version, at, version

    def attempts() -> Iterator[tuple[Any, ...]]:
        for uid in trainees:
            for module in ("tech-setup", "tech-claims")[: rng.randint(0, 2)]:
                score, at = rng.random(), _when(w, rng)
                yield uid, module, "v", 1, "[]", 0.6, at, at, 5, 5, score, score >= 0.6

    w.write("lessonprogress", ("user_id", "lesson_id", "first_seen_at", "last_seen_at", "seen_version",
                               "completed_at", "completed_version"), progress())  # fmt: skip
    w.write("quizattempt", ("user_id", "module_id", "quiz_version", "seed", "question_ids", "pass_mark",
                            "started_at", "submitted_at", "correct_count", "total", "score", "passed"),
            attempts())  # fmt: skip


def _clips(w: Writer, trainees: list[int], per: int, rng: random.Random) -> int:
    def clips() -> Iterator[tuple[Any, ...]]:
        cid = 0
        for uid in trainees:
            for _ in range(per):
                cid += 1
                at = _when(w, rng)
                yield (cid, rng.choice(PRODUCTS), "recording", uid, uid, f"k{cid}", "0" * 64, 1000, "wav", 60.0,
                       "scored", at, at)  # fmt: skip

    columns = ("id", "product_id", "source", "owner_id", "uploaded_by_id", "media_key", "sha256", "size_bytes",
               "container", "duration_s", "status", "created_at", "updated_at")  # fmt: skip
    n = w.write("clip", columns, clips())
    now = w.ts(NOW)
    w.write("transcript", ("id", "clip_id", "model_key", "language", "status", "duration_s", "data", "created_at"),
            ((i, i, "whisper-base", "zh" if i % 10 else "en", "transcribed", 60.0, "{}", now)
             for i in range(1, n + 1)))  # fmt: skip
    w.write("score", ("id", "clip_id", "transcript_id", "rule_set_version", "model_version", "overall", "report",
                      "created_at"),
            ((i, i, i, "r", "m", round(rng.uniform(30, 98), 1), "{}", now) for i in range(1, n + 1)))  # fmt: skip
    return n


def _certs_and_reviews(w: Writer, officer: int, trainees: list[int], clips: int, rng: random.Random) -> None:
    now, later = w.ts(NOW - timedelta(days=30)), w.ts(NOW + timedelta(days=700))
    w.write("certificate", ("public_id", "trainee_id", "level", "rules_version", "issuing_org_id",
                            "holder_masked_name", "issued_by_id", "issued_at", "expires_at", "renewal_count"),
            ((f"{uid:032x}", uid, "basic", "v", 1, "张**", officer, now, later, 0)
             for uid in trainees if uid % 5 == 0))  # fmt: skip
    reviewed = range(1, clips + 1, 20)
    w.write("review", ("id", "clip_id", "trainer_id", "status", "version", "rubric_id", "rubric_version", "criteria",
                       "overall", "comment", "created_at", "updated_at", "submitted_at"),
            ((i, cid, officer, "submitted", 1, "r", "1", "{}", 70.0, "", now, now, now)
             for i, cid in enumerate(reviewed, start=1)))  # fmt: skip
    w.write("flagdecision", ("review_id", "clip_id", "flag_key", "rule_id", "category", "severity", "text",
                             "context", "language", "decision", "reason_note", "decided_by_id", "decided_at"),
            ((i, cid, "k", "R", rng.choice(CATEGORIES), "critical", "x", "", "zh", "confirm", "", officer, now)
             for i, cid in enumerate(reviewed, start=1) if i % 10 == 0))  # fmt: skip


def generate(engine: Engine, trainees: int, per: int) -> User:
    rng, w = random.Random(6), Writer(engine)
    SQLModel.metadata.create_all(engine)
    with session_scope(engine) as s:
        load_content(s, system_actor(), load_courses(ROOT / "courses"))
        lessons = [(lesson.id, lesson.version) for lesson in s.exec(select(CourseLesson))]
    steps: list[tuple[str, Callable[[], Any]]] = []
    state: dict[str, Any] = {}
    steps.append(("organisations", lambda: state.update(zip(("ours", "theirs"), _orgs(w, trainees), strict=True))))
    steps.append(("users", lambda: state.update(zip(("officer", "ids"), _users(w, state["ours"], state["theirs"],
                                                                                 trainees), strict=True))))  # fmt: skip
    steps.append(("lesson progress, quiz attempts", lambda: _progress(w, state["ids"], lessons, rng)))
    steps.append(("clips, transcripts, scores", lambda: state.update(clips=_clips(w, state["ids"], per, rng))))
    steps.append(("certificates, reviews, flags",
                  lambda: _certs_and_reviews(w, state["officer"], state["ids"], state["clips"], rng)))  # fmt: skip
    for label, step in steps:
        start = time.perf_counter()
        step()
        print(f"  generated {label} in {time.perf_counter() - start:.1f} s", flush=True)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    with session_scope(engine, write=False) as s:
        officer = s.get(User, state["officer"])
        assert officer is not None
        return officer


def _ensure_schema(engine: Engine) -> None:
    """A database generated by an older bench: add missing tables and indexes (as the migrations would), ANALYZE."""
    SQLModel.metadata.create_all(engine)
    for table in SQLModel.metadata.sorted_tables:
        for index in table.indexes:
            index.create(engine, checkfirst=True)
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def queries(officer: User) -> dict[str, Callable[[Any], object]]:
    return {
        "pass_rates by county": lambda s: agency_dashboard.pass_rates(s, officer, by="county", now=NOW),
        "pass_rates by cohort": lambda s: agency_dashboard.pass_rates(s, officer, by="cohort", now=NOW),
        "score_trend 12 months": lambda s: agency_dashboard.score_trend(s, officer, now=NOW),
        "training_hours by county": lambda s: agency_dashboard.training_hours(s, officer, by="county", now=NOW),
        "training_hours by cohort": lambda s: agency_dashboard.training_hours(s, officer, by="cohort", now=NOW),
        "violation_counts": lambda s: agency_dashboard.violation_counts(s, officer),
        "talent pool page (no filter)": lambda s: talent_pool.search_pool(s, officer, PoolFilter(), now=NOW),
        "talent pool count (no filter)": lambda s: talent_pool.count_pool(s, officer, PoolFilter(), now=NOW),
        "talent pool product+level": lambda s: talent_pool.search_pool(
            s, officer, PoolFilter(product_id="meitan-tea", level="basic"), now=NOW),
        "talent pool latest score >= 90": lambda s: talent_pool.search_pool(
            s, officer, PoolFilter(min_score=90), now=NOW),
        "talent pool language en, clean": lambda s: talent_pool.search_pool(
            s, officer, PoolFilter(language="en", clean_only=True), now=NOW),
    }  # fmt: skip


def refresh(engine: Engine) -> None:
    """What cron runs nightly (``training-app dashboard refresh``): rebuild every closed period."""
    start = time.perf_counter()
    result = dashboard_rollups.refresh_rollups(engine, now=NOW)
    took = time.perf_counter() - start
    print(f"refresh: {result.periods} closed months and days ({result.first}..{result.last}), {result.rows} rows "
          f"in {took:.1f} s", flush=True)  # fmt: skip


def live_queries(officer: User) -> dict[str, Callable[[Any], object]]:
    """The rollup-backed queries counted wholly from the base tables (``live=True``): the cost without the rollup."""
    return {
        "LIVE pass_rates by county": lambda s: agency_dashboard.pass_rates(s, officer, now=NOW, live=True),
        "LIVE score_trend 12 months": lambda s: agency_dashboard.score_trend(s, officer, now=NOW, live=True),
        "LIVE training_hours by county": lambda s: agency_dashboard.training_hours(s, officer, now=NOW, live=True),
    }


def time_queries(engine: Engine, officer: User, runs: int, *, compare_live: bool = False) -> None:
    print(f"{'query':34} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8}  rows  (cpu: this process; SQLite runs in it)")
    chosen = {**queries(officer), **(live_queries(officer) if compare_live else {})}
    for name, query in chosen.items():
        times, cpu, result = [], [], None
        for _ in range(min(runs, 5) if name.startswith("LIVE") else runs):  # seconds each
            start, start_cpu = time.perf_counter(), time.process_time()
            with session_scope(engine, write=False) as s:
                result = query(s)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        size = result if isinstance(result, int) else len(result)  # type: ignore[arg-type]
        print(f"{name:34} {statistics.median(times):8.1f} {p95:8.1f} {statistics.median(cpu):8.1f}  {size}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=100_000)
    parser.add_argument("--clips-per-trainee", type=int, default=10)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--database-url", help="an empty database to fill (default: temporary SQLite)")
    parser.add_argument("--postgres", action="store_true", help="start a throwaway PostgreSQL (tests/support)")
    parser.add_argument("--reuse", action="store_true", help="--database-url already holds generated data: time only")
    parser.add_argument("--generate-only", action="store_true", help="fill the database, time nothing")
    parser.add_argument("--no-refresh", action="store_true", help="time without refreshing the rollup first")
    parser.add_argument("--compare-live", action="store_true", help="also time the dashboard without the rollup")
    args = parser.parse_args()
    base = None
    if args.postgres:
        from support.system import start_postgres

        url, base = start_postgres()
    else:
        url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='dash-bench-')}/bench.db"
    engine = make_engine(url)
    print(f"database: {engine.dialect.name}; {args.trainees} trainees x {args.clips_per_trainee} clips", flush=True)
    try:
        if args.reuse:
            _ensure_schema(engine)
            with session_scope(engine, write=False) as s:
                officer = s.exec(select(User).where(User.username == "officer")).one()
        else:
            officer = generate(engine, args.trainees, args.clips_per_trainee)
        if not args.generate_only:
            if not args.no_refresh:
                refresh(engine)
            time_queries(engine, officer, args.runs, compare_live=args.compare_live)
    finally:
        engine.dispose()
        if base is not None:
            from support.system import stop_postgres

            stop_postgres(base)


if __name__ == "__main__":
    main()
