"""Which pages each role sees. Authorization itself lives in the services; this only keeps menus relevant.

Areas add their pages to ``PAGES``. ``roles=None`` means "signed-out visitors" (public pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from training_app.db.tables import Role, User
from training_app.ui.state import tr

PAGES_DIR = Path(__file__).parent / "pages"
ALL = (Role.TRAINEE, Role.TRAINER, Role.AGENCY, Role.ADMIN)
STAFF = (Role.TRAINER, Role.AGENCY, Role.ADMIN)
OFFICERS = (Role.AGENCY, Role.ADMIN)


@dataclass(frozen=True)
class PageSpec:
    file: str
    title_key: str
    icon: str
    roles: tuple[Role, ...] | None  # None: public (signed-out) page
    url_path: str
    default: bool = False


PAGES: list[PageSpec] = [
    PageSpec("sign_in_page.py", "nav.sign_in", "🔑", None, "sign-in", default=True),
    PageSpec("home_page.py", "nav.home", "🏠", ALL, "home", default=True),
    PageSpec("admin_users_page.py", "nav.users", "👥", (Role.ADMIN,), "users"),
    PageSpec("admin_orgs_page.py", "nav.orgs", "🏛️", (Role.ADMIN,), "organisations"),
    PageSpec("account_page.py", "nav.account", "⚙️", ALL, "account"),
    PageSpec("courses_page.py", "courses.nav_courses", "📚", ALL, "courses"),
    PageSpec("lesson_page.py", "courses.nav_lesson", "📖", ALL, "lesson"),
    PageSpec("quiz_page.py", "quiz.nav_quiz", "📝", (Role.TRAINEE,), "quiz"),
    PageSpec("progress_page.py", "progress.nav_progress", "📈", (Role.TRAINEE,), "progress"),
    PageSpec(
        "cohort_progress_page.py",
        "progress.nav_cohorts",
        "📋",
        (Role.TRAINER, Role.AGENCY, Role.ADMIN),
        "cohort-progress",
    ),
    PageSpec("narration_page.py", "courses.nav_narration", "🎙️", (Role.TRAINER, Role.ADMIN), "narration"),
    PageSpec("verify_page.py", "verify.nav_verify", "🔍", None, "verify"),
    PageSpec("verify_page.py", "verify.nav_verify", "🔍", ALL, "verify"),
    PageSpec("my_certificate_page.py", "certification.nav_my_certificate", "🎓", (Role.TRAINEE,), "my-certificate"),
    PageSpec("certificates_page.py", "certification.nav_certificates", "🏅", STAFF, "certificates"),
    PageSpec("talent_pool_page.py", "talent.nav_talent", "🌟", OFFICERS, "talent-pool"),
    PageSpec("dashboard_page.py", "talent.nav_dashboard", "📊", OFFICERS, "dashboard"),
    PageSpec("tasks_page.py", "tasks.nav_tasks", "🎯", (Role.TRAINEE,), "tasks"),
    PageSpec("live_room_page.py", "tasks.nav_live_room", "🎥", (Role.TRAINEE,), "live-room"),
    PageSpec("assign_tasks_page.py", "tasks.nav_assign", "🗓️", (Role.TRAINER, Role.ADMIN), "assign-tasks"),
    PageSpec("comment_script_page.py", "tasks.nav_scripts", "💬", (Role.TRAINER, Role.ADMIN), "comment-scripts"),
    PageSpec("review_queue_page.py", "review.nav_queue", "🗂️", (Role.TRAINER, Role.AGENCY, Role.ADMIN), "review-queue"),
    PageSpec("review_page.py", "review.nav_review", "🎧", (Role.TRAINER, Role.AGENCY, Role.ADMIN), "review"),
    PageSpec("false_alarms_page.py", "review.nav_false_alarms", "🚩", (Role.TRAINER, Role.ADMIN), "false-alarms"),
    PageSpec("calibration_page.py", "calibration.nav", "⚖️", (Role.TRAINER, Role.AGENCY, Role.ADMIN), "calibration"),
    PageSpec("practice_page.py", "clips.nav_practice", "🎤", (Role.TRAINEE,), "practice"),
    PageSpec("report_page.py", "report.nav", "📄", ALL, "report"),
    PageSpec("import_page.py", "clips.nav_import", "📥", (Role.TRAINER, Role.ADMIN), "import-replays"),
]


def pages_for(user: User | None) -> list[PageSpec]:
    if user is None:
        return [p for p in PAGES if p.roles is None]
    if user.must_change_password:
        return [p for p in PAGES if p.file == "account_page.py"]
    return [p for p in PAGES if p.roles is not None and user.role in p.roles]


def build(user: User | None) -> StreamlitPage:
    specs = pages_for(user)
    has_default = any(p.default for p in specs)
    pages = [
        st.Page(
            str(PAGES_DIR / p.file),
            title=tr(p.title_key),
            icon=p.icon,
            url_path=p.url_path,
            default=p.default or (not has_default and i == 0),
        )
        for i, p in enumerate(specs)
    ]
    return st.navigation(pages, position="sidebar")
