"""What trainers' flag decisions teach the rule maintainers: a per-rule false-alarm report, and labelled data for
``training-app models train``.

- *shown*: how often the rule fired in the current scores of the clips in scope;
- *confirmed* / *dismissed*: decisions in submitted reviews (each review counts; drafts are not final);
- *false-alarm rate*: dismissed / (confirmed + dismissed), None before any decision;
- dismissal reasons counted by code.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from training_app.db.tables import Clip, ClipStatus, FlagDecision, FlagDecisionKind, Review, ReviewStatus, Role, User
from training_app.i18n import t
from training_app.services.authz import require_role, visible_org_ids
from training_app.services.review import current_scores, records_of
from training_app.services.review_flags import DISMISS_REASONS


@dataclass
class RuleAlarms:
    rule_id: str
    category: str = ""
    shown: int = 0
    confirmed: int = 0
    dismissed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def false_alarm_rate(self) -> float | None:
        decided = self.confirmed + self.dismissed
        return round(self.dismissed / decided, 3) if decided else None


def _clip_ids(session: Session, actor: User) -> list[int]:
    require_role(actor, "review.false_alarms", Role.TRAINER, Role.ADMIN)
    orgs = visible_org_ids(session, actor)
    stmt = select(Clip.id).join(User, col(User.id) == Clip.owner_id).where(Clip.status == ClipStatus.SCORED)
    if orgs is not None:
        stmt = stmt.where(col(User.org_id).in_(orgs))
    return [c for c in session.exec(stmt) if c is not None]


def false_alarm_report(session: Session, actor: User) -> list[RuleAlarms]:
    """Per rule, in the clips the actor may review; highest false-alarm rate first."""
    rows: dict[str, RuleAlarms] = {}
    clip_ids = _clip_ids(session, actor)
    for score in current_scores(session, clip_ids).values():
        for claim in score.report.get("claims") or []:
            row = rows.setdefault(str(claim.get("rule_id")), RuleAlarms(str(claim.get("rule_id"))))
            row.category, row.shown = str(claim.get("category") or ""), row.shown + 1
    decisions = session.exec(
        select(FlagDecision)
        .join(Review, col(Review.id) == FlagDecision.review_id)
        .where(Review.status == ReviewStatus.SUBMITTED, col(FlagDecision.clip_id).in_(clip_ids))
    )
    for d in decisions:
        row = rows.setdefault(d.rule_id, RuleAlarms(d.rule_id, d.category))
        if d.decision == FlagDecisionKind.CONFIRM:
            row.confirmed += 1
        else:
            row.dismissed += 1
            row.reasons[d.reason_code or "other"] += 1
    return sorted(rows.values(), key=lambda r: (-(r.false_alarm_rate or 0.0), -r.dismissed, r.rule_id))


def false_alarm_table(rows: list[RuleAlarms], lang: str) -> list[dict[str, Any]]:
    """Rows with translated column names (for the page and the CSV)."""
    return [
        {
            t("review.col_rule", lang): r.rule_id,
            t("review.col_category", lang): r.category,
            t("review.col_shown", lang): r.shown,
            t("review.col_confirmed", lang): r.confirmed,
            t("review.col_dismissed", lang): r.dismissed,
            t("review.col_false_alarm_rate", lang): r.false_alarm_rate,
            t("review.col_reasons", lang): "; ".join(
                f"{t(f'review.reason_{code}', lang)} × {n}"
                for code, n in r.reasons.most_common()
                if code in DISMISS_REASONS
            ),
        }
        for r in rows
    ]


def false_alarm_csv(rows: list[RuleAlarms], lang: str) -> bytes:
    """UTF-8 with a byte-order mark so spreadsheet programs open Chinese text correctly."""
    table = false_alarm_table(rows, lang)
    buffer = io.StringIO()
    if table:
        writer = csv.DictWriter(buffer, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_flag_labels(session: Session) -> list[dict[str, Any]]:
    """Confirmed and dismissed flags of the reviews of record, one row per flag, oldest clip first:
    ``{text, category, rule_id, label: "confirmed" | "dismissed", language, product_id, span}``.

    ``text`` is the transcript line the flag stands in (the claim model learns from sentences); ``span`` the flagged
    words. Internal: no actor; the command line runs it as the operator.
    """
    records = records_of(session)
    if not records:
        return []
    products = dict(session.exec(select(Clip.id, Clip.product_id).where(col(Clip.id).in_(list(records)))).all())
    review_ids = [r.id for r in records.values()]
    decisions = session.exec(
        select(FlagDecision)
        .where(col(FlagDecision.review_id).in_(review_ids))
        .order_by(col(FlagDecision.clip_id), col(FlagDecision.id))
    )
    return [
        {
            "text": d.context or d.text,
            "category": d.category,
            "rule_id": d.rule_id,
            "label": "confirmed" if d.decision == FlagDecisionKind.CONFIRM else "dismissed",
            "language": d.language,
            "product_id": products.get(d.clip_id),
            "span": d.text,
        }
        for d in decisions
    ]
