"""``create-user`` and ``import-users``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from training_app.errors import InvalidInput, NotFound
from training_app.i18n import t


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    create = sub.add_parser("create-user", help="create one user; the password is read from standard input")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=["trainee", "trainer", "agency", "admin"])
    create.add_argument("--org", help="organisation code (cohort for trainees); default: unassigned cohort")
    create.add_argument("--name", help="display name (default: the username)")
    create.add_argument("--phone")
    create.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="read the password from the first line of standard input",
    )
    create.set_defaults(handler=create_user_cmd)
    imp = sub.add_parser("import-users", help="import users from a CSV: name, username or phone, county, cohort, role")
    imp.add_argument("file", type=Path)
    imp.add_argument("--agency", help="agency code whose counties the CSV names (default: the default agency)")
    imp.add_argument(
        "--credentials-out", type=Path, help="write username,initial_password rows here (default: print them)"
    )
    imp.set_defaults(handler=import_users_cmd)


def _engine():  # type: ignore[no-untyped-def]
    from training_app.config import get_settings
    from training_app.services.startup import engine_for, prepare

    settings = get_settings()
    engine = engine_for(settings)
    prepare(engine, settings)
    return engine


def create_user_cmd(args: argparse.Namespace) -> int:
    from training_app.services.accounts import create_user, parse_role, system_actor
    from training_app.services.uow import unit_of_work

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InvalidInput("accounts.password_stdin_empty")
    role = parse_role(args.role)
    with unit_of_work(_engine()) as session:
        user = create_user(
            session,
            system_actor(),
            username=args.username,
            role=role,
            password=password,
            display_name=args.name,
            org_code=args.org,
            phone=args.phone,
        )
    print(t("accounts.user_created", "en", username=user.username, role=role.value))
    return 0


def import_users_cmd(args: argparse.Namespace) -> int:
    from training_app.services.accounts import system_actor
    from training_app.services.uow import unit_of_work
    from training_app.services.user_import import import_users

    if not args.file.is_file():
        raise NotFound("errors.file_not_found", path=str(args.file))
    with unit_of_work(_engine()) as session:
        report = import_users(session, system_actor(), args.file.read_bytes(), agency_code=args.agency, lang="en")
    if not report.ok:
        for err in report.errors:
            sys.stderr.write(f"{args.file}:{err.line}: {'; '.join(err.reasons)}\n")
        raise InvalidInput("accounts.csv_invalid", count=len(report.errors))
    lines = ["username,initial_password", *(f"{u},{p}" for u, p in report.imported)]
    if args.credentials_out:
        args.credentials_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        args.credentials_out.chmod(0o600)
    else:
        print("\n".join(lines))
    print(t("accounts.users_imported", "en", count=len(report.imported)), file=sys.stderr)
    return 0
