"""``content check [PATH]`` and ``content load [PATH]``: validate the course files, load them into the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    content = sub.add_parser("content", help="check and load course content (courses/)")
    content_sub = content.add_subparsers(dest="content_command", metavar="ACTION", parser_class=type(content))
    content_sub.required = True
    check = content_sub.add_parser("check", help="validate the course files; print problems as file:line: message")
    check.add_argument("path", nargs="?", type=Path, help="courses directory (default: TRAINING_APP_COURSES_DIR)")
    check.set_defaults(handler=check_cmd)
    load = content_sub.add_parser("load", help="load the course files into the database (idempotent)")
    load.add_argument("path", nargs="?", type=Path, help="courses directory (default: TRAINING_APP_COURSES_DIR)")
    load.set_defaults(handler=load_cmd)


def _courses_dir(path: Path | None) -> Path:
    from training_app.config import get_settings

    return path if path is not None else get_settings().courses_dir


def check_cmd(args: argparse.Namespace) -> int:
    from training_app.catalog.courses import check_courses

    catalog, problems = check_courses(_courses_dir(args.path))
    for problem in problems:
        print(problem)
    if catalog is None:
        sys.stderr.write(f"{len(problems)} problem(s) / {len(problems)} 处问题\n")
        return 1
    print(catalog.summary())
    return 0


def load_cmd(args: argparse.Namespace) -> int:
    from training_app.catalog.courses import ContentError, load_courses
    from training_app.config import get_settings
    from training_app.db.migrate import upgrade
    from training_app.services.accounts import system_actor
    from training_app.services.content import load_content
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work

    try:
        catalog = load_courses(_courses_dir(args.path))
    except ContentError as exc:
        for problem in exc.problems:
            print(problem)
        raise
    engine = engine_for(get_settings())
    upgrade(engine)
    with unit_of_work(engine) as session:
        report = load_content(session, system_actor(), catalog)
    state = "loaded" if report.changed else "unchanged"
    print(f"{state} version={report.version} added={report.added} updated={report.updated} retired={report.retired}")
    print(report.summary)
    return 0
