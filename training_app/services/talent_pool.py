"""The agency's talent pool: certified and in-training hosts of its subtree, searchable by county, level, product
specialty (the products of their practice clips), language (of their transcripts), latest score and compliance
history (confirmed critical flags), with CSV and XLSX export.

Filters run in SQL (``EXISTS`` subqueries on indexed columns); per-host numbers are computed for the returned page
only, in a fixed number of grouped queries.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Exists, ScalarSelect, and_, exists, func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from training_app.db import utcnow
from training_app.db.tables import Clip, Organisation, OrgKind, Role, Score, Transcript, User
from training_app.db.tables.certification import Certificate
from training_app.i18n import t
from training_app.services.authz import deny, visible_org_ids
from training_app.services.review_stats import critical_by_trainee, has_confirmed_critical

STAFF = (Role.AGENCY, Role.ADMIN)
MAX_LIMIT = 500
COUNT_CAP = 1000


@dataclass(frozen=True)
class PoolFilter:
    county_id: int | None = None
    status: str = "all"  # all | certified | in_training
    level: str | None = None  # holds a valid certificate of this level
    product_id: str | None = None
    language: str | None = None
    min_score: float | None = None  # latest scored clip's overall, 0..100
    clean_only: bool = False  # no confirmed critical flag in any reviewed clip
    search: str = ""
    limit: int = 100


@dataclass(frozen=True)
class PoolRow:
    trainee_id: int
    name: str
    username: str
    county: str
    cohort: str
    levels: tuple[str, ...]
    latest_score: float | None
    average_score: float | None
    clips: int
    products: tuple[str, ...]
    languages: tuple[str, ...]
    critical_flags: int


def require_pool_access(actor: User, action: str) -> None:
    if actor.role not in STAFF or not actor.is_active:
        raise deny(actor, action, "role", "")


def _valid_cert(now: datetime, level: str | None = None) -> Exists:
    conditions = [
        col(Certificate.trainee_id) == User.id,
        col(Certificate.revoked_at).is_(None),
        col(Certificate.expires_at) > now,
    ]
    if level:
        conditions.append(col(Certificate.level) == level)
    return exists().where(and_(*conditions))


def _latest_score() -> ScalarSelect[float | None]:
    return (
        select(Score.overall)
        .join(Clip, col(Clip.id) == Score.clip_id)
        .where(Clip.owner_id == User.id)
        .order_by(col(Clip.created_at).desc(), col(Score.id).desc())
        .limit(1)
        .scalar_subquery()
    )


def _filtered(session: Session, actor: User, f: PoolFilter, now: datetime):  # type: ignore[no-untyped-def]
    cohort, county = aliased(Organisation), aliased(Organisation)
    stmt = (
        select(User.id, User.display_name, User.username, cohort.name, county.name)  # type: ignore[call-overload]
        .join(cohort, cohort.id == User.org_id)
        .outerjoin(county, and_(col(county.id) == cohort.parent_id, col(county.kind) == OrgKind.COUNTY))
        .where(User.role == Role.TRAINEE, col(User.is_active))
    )
    ids = visible_org_ids(session, actor)
    if ids is not None:
        stmt = stmt.where(col(User.org_id).in_(ids))
    if f.county_id is not None:
        stmt = stmt.where(cohort.parent_id == f.county_id)
    if f.status == "certified" or f.level:
        stmt = stmt.where(_valid_cert(now, f.level))
    elif f.status == "in_training":
        stmt = stmt.where(~_valid_cert(now))
    if f.product_id:
        stmt = stmt.where(exists().where(col(Clip.owner_id) == User.id, col(Clip.product_id) == f.product_id))
    if f.language:
        has_lang = exists().where(col(Clip.owner_id) == User.id, col(Transcript.clip_id) == Clip.id,
                                  col(Transcript.language) == f.language)  # fmt: skip
        stmt = stmt.where(has_lang)
    if f.min_score is not None:
        stmt = stmt.where(_latest_score() >= f.min_score)
    if f.clean_only:
        stmt = stmt.where(~has_confirmed_critical())
    if f.search.strip():
        needle = f"%{f.search.strip()}%"
        stmt = stmt.where(col(User.display_name).ilike(needle) | col(User.username).ilike(needle))
    return stmt


@dataclass(frozen=True)
class _Stats:
    average: dict[int, float]
    count: dict[int, int]
    products: dict[int, set[str]]
    languages: dict[int, set[str]]
    levels: dict[int, set[str]]
    latest: dict[int, float]


def _stats(session: Session, ids: list[int], now: datetime) -> _Stats:
    stats = _Stats({}, {}, {}, {}, {}, {})
    rows = session.exec(
        select(Clip.owner_id, func.avg(Score.overall), func.count(col(Score.id)))
        .join(Score, col(Score.clip_id) == Clip.id)
        .where(col(Clip.owner_id).in_(ids))
        .group_by(col(Clip.owner_id))
    )
    for owner, average, count in rows:
        stats.average[owner], stats.count[owner] = float(average or 0), int(count)
    products = select(Clip.owner_id, Clip.product_id).where(
        col(Clip.owner_id).in_(ids), col(Clip.product_id).is_not(None)
    )
    for owner, product in session.exec(products.distinct()):
        stats.products.setdefault(owner, set()).add(str(product))
    lang_rows = session.exec(
        select(Clip.owner_id, Transcript.language)
        .join(Transcript, col(Transcript.clip_id) == Clip.id)
        .where(col(Clip.owner_id).in_(ids))
        .distinct()
    )
    for owner, language in lang_rows:
        stats.languages.setdefault(owner, set()).add(language)
    certs = select(Certificate.trainee_id, Certificate.level).where(
        col(Certificate.trainee_id).in_(ids), col(Certificate.revoked_at).is_(None), Certificate.expires_at > now
    )
    for owner, level in session.exec(certs):
        stats.levels.setdefault(owner, set()).add(level)
    latest = select(User.id, _latest_score()).where(col(User.id).in_(ids))  # type: ignore[call-overload]
    for uid, latest_score in session.exec(latest):
        if uid is not None and latest_score is not None:
            stats.latest[uid] = float(latest_score)
    return stats


def search_pool(session: Session, actor: User, f: PoolFilter, *, now: datetime | None = None) -> list[PoolRow]:
    """Hosts of the actor's subtree matching ``f``, at most ``f.limit`` (≤ 500), in registration order.

    Registration (id) order lets the database stop after ``limit`` matches instead of evaluating every filter for
    every host of the agency (measured: 60–80 ms instead of 0.3–1.5 s at 100,000 hosts); the table sorts by any
    column in the browser."""
    require_pool_access(actor, "talent.search")
    now = now or utcnow()
    limit = max(1, min(f.limit, MAX_LIMIT))
    stmt = _filtered(session, actor, f, now).order_by(col(User.id)).limit(limit)
    found = list(session.exec(stmt))
    ids = [row[0] for row in found]
    stats = _stats(session, ids, now) if ids else _Stats({}, {}, {}, {}, {}, {})
    flags = critical_by_trainee(session, ids)
    rows = []
    for uid, name, username, cohort, county in found:
        rows.append(
            PoolRow(
                uid, name, username, county or "", cohort or "", tuple(sorted(stats.levels.get(uid, ()))),
                stats.latest.get(uid), stats.average.get(uid), stats.count.get(uid, 0),
                tuple(sorted(stats.products.get(uid, ()))), tuple(sorted(stats.languages.get(uid, ()))),
                flags.get(uid, 0),
            )
        )  # fmt: skip
    return rows


def count_pool(
    session: Session, actor: User, f: PoolFilter, *, now: datetime | None = None, cap: int = COUNT_CAP
) -> int:
    """How many hosts match, counted up to ``cap + 1`` (the caller shows "more than cap"): counting stops early, so
    a broad filter over a large agency stays fast."""
    require_pool_access(actor, "talent.search")
    sub = _filtered(session, actor, f, now or utcnow()).limit(cap + 1).subquery()
    return int(session.exec(select(func.count()).select_from(sub)).one())


def counties(session: Session, actor: User) -> list[Organisation]:
    """The counties of the actor's subtree (for the county filter)."""
    require_pool_access(actor, "talent.counties")
    stmt = select(Organisation).where(Organisation.kind == OrgKind.COUNTY)
    ids = visible_org_ids(session, actor)
    if ids is not None:
        stmt = stmt.where(col(Organisation.id).in_(ids))
    return list(session.exec(stmt.order_by(col(Organisation.name))))


def pool_frame(rows: list[PoolRow], lang: str, level_titles: dict[str, str] | None = None) -> pd.DataFrame:
    titles = level_titles or {}
    sep = ", " if lang == "en" else "、"
    records = [
        {
            t("talent.col_name", lang): r.name,
            t("talent.col_username", lang): r.username,
            t("talent.col_county", lang): r.county,
            t("talent.col_cohort", lang): r.cohort,
            t("talent.col_levels", lang): sep.join(titles.get(x, x) for x in r.levels),
            t("talent.col_latest", lang): None if r.latest_score is None else round(r.latest_score),
            t("talent.col_average", lang): None if r.average_score is None else round(r.average_score),
            t("talent.col_clips", lang): r.clips,
            t("talent.col_products", lang): sep.join(r.products),
            t("talent.col_languages", lang): sep.join(r.languages),
            t("talent.col_critical", lang): r.critical_flags,
        }
        for r in rows
    ]
    return pd.DataFrame(records, columns=[t(f"talent.col_{c}", lang) for c in COLUMNS])


COLUMNS = ("name", "username", "county", "cohort", "levels", "latest", "average", "clips", "products", "languages",
           "critical")  # fmt: skip


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV with a BOM so spreadsheet programs open Chinese text correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
