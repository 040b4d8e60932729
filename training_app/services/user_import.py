"""Bulk import of users from a CSV (name, username or phone, county, cohort, role).

The whole file is validated first; if any row is invalid nothing is imported and the report lists every bad row
with its reasons. Each imported user gets a random initial password that must be changed at first sign-in.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sqlmodel import Session, select

from training_app.db.tables import Organisation, OrgKind, Role, User
from training_app.errors import InvalidInput, TrainingAppError
from training_app.i18n import t
from training_app.services.accounts import PHONE_RE, create_user, get_user_by_username, parse_role, validate_username
from training_app.services.authz import require_role
from training_app.services.organisations import assign_trainer, ensure_default_orgs, get_org_by_code
from training_app.services.passwords import generate_password

REQUIRED = ("name", "county", "cohort", "role")


@dataclass
class RowError:
    line: int
    reasons: list[str]


@dataclass
class ImportReport:
    imported: list[tuple[str, str]] = field(default_factory=list)  # (username, initial password)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    name: str
    username: str
    phone: str | None
    role: Role
    cohort: Organisation


def _read_rows(data: bytes | str) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
        reader = csv.DictReader(io.StringIO(text))
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]
    except (UnicodeDecodeError, csv.Error):
        raise InvalidInput("accounts.csv_unreadable") from None
    missing = [c for c in REQUIRED if c not in fields]
    if "username" not in fields and "phone" not in fields:
        missing.append("username/phone")
    if missing:
        raise InvalidInput("accounts.csv_missing_columns", columns=", ".join(missing))
    if not rows:
        raise InvalidInput("accounts.csv_empty")
    return rows


def _find_cohort(session: Session, agency: Organisation, county: str, cohort: str) -> Organisation | None:
    parent = session.exec(
        select(Organisation).where(
            Organisation.parent_id == agency.id,
            Organisation.kind == OrgKind.COUNTY,
            (Organisation.name == county) | (Organisation.code == county),
        )
    ).first()
    if parent is None:
        return None
    return session.exec(
        select(Organisation).where(
            Organisation.parent_id == parent.id, (Organisation.name == cohort) | (Organisation.code == cohort)
        )
    ).first()


def _validate_row(
    session: Session, agency: Organisation, raw: dict[str, str], line: int, lang: str, seen: dict[str, int]
) -> tuple[_Row | None, list[str]]:
    reasons: list[str] = []
    name, phone = raw.get("name", ""), raw.get("phone") or None
    login = raw.get("username") or phone or ""
    if not name:
        reasons.append(t("accounts.row_name_missing", lang))
    role: Role | None = None
    for check in (lambda: validate_username(login) if login else None, lambda: parse_role(raw.get("role", ""))):
        try:
            value = check()
            role = value if isinstance(value, Role) else role
        except TrainingAppError as exc:
            reasons.append(exc.message(lang))
    if not login:
        reasons.append(t("accounts.row_login_missing", lang))
    if phone and not PHONE_RE.match(phone):
        reasons.append(t("accounts.phone_invalid", lang, phone=phone))
    key = login.lower()
    if key and key in seen:
        reasons.append(t("accounts.row_duplicate_in_file", lang, username=login, first=seen[key]))
    elif key:
        seen[key] = line
        if get_user_by_username(session, key) is not None:
            reasons.append(t("accounts.username_taken", lang, username=login))
    cohort = _find_cohort(session, agency, raw.get("county", ""), raw.get("cohort", ""))
    if cohort is None:
        reasons.append(
            t("accounts.row_cohort_unknown", lang, cohort=raw.get("cohort", ""), county=raw.get("county", ""))
        )
    if reasons or role is None or cohort is None:
        return None, reasons
    return _Row(line, name, login, phone, role, cohort), []


def import_users(
    session: Session, actor: User, data: bytes | str, *, agency_code: str | None = None, lang: str = "zh"
) -> ImportReport:
    """Validate every row, then import all or nothing. Trainees and trainers are placed in the row's cohort."""
    require_role(actor, "user.import", Role.ADMIN)
    agency = ensure_default_orgs(session)[0]
    if agency_code:
        agency = get_org_by_code(session, agency_code)
    report, rows, seen = ImportReport(), [], {}  # type: ignore[var-annotated]
    for line, raw in enumerate(_read_rows(data), start=2):  # line 1 is the header
        row, reasons = _validate_row(session, agency, raw, line, lang, seen)
        if reasons:
            report.errors.append(RowError(line, reasons))
        elif row is not None:
            rows.append(row)
    if report.errors:
        return report
    for row in rows:
        password = generate_password()
        org_code = row.cohort.code if row.role in (Role.TRAINEE, Role.TRAINER) else agency.code
        user = create_user(
            session,
            actor,
            username=row.username,
            role=row.role,
            password=password,
            display_name=row.name,
            org_code=org_code,
            phone=row.phone,
            must_change_password=True,
        )
        if row.role == Role.TRAINER:
            assign_trainer(session, actor, trainer_id=user.id or 0, cohort_code=row.cohort.code)
        report.imported.append((user.username, password))
    return report
