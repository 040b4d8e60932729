"""``training-app dashboard refresh``: rebuild the agency dashboard's monthly rollup of closed months (for cron)."""

from __future__ import annotations

import argparse
import time

from training_app.i18n import t


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    dashboard = sub.add_parser("dashboard", help="agency dashboard: the monthly rollup behind its charts")
    dashboard_sub = dashboard.add_subparsers(dest="dashboard_command", metavar="ACTION")
    dashboard_sub.required = True
    refresh = dashboard_sub.add_parser(
        "refresh", help="recompute every closed month from the data (idempotent; run nightly from cron)"
    )
    refresh.set_defaults(handler=refresh_cmd)


def refresh_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.services.dashboard_rollups import refresh_rollups
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work

    start = time.perf_counter()
    with unit_of_work(engine_for(get_settings())) as session:
        result = refresh_rollups(session)
    params = {
        "months": result.months,
        "rows": result.rows,
        "first": result.first or "-",
        "last": result.last or "-",
        "seconds": f"{time.perf_counter() - start:.1f}",
    }
    zh, en = (t("dashboard.refreshed", lang, **params) for lang in ("zh", "en"))
    print(f"{zh} / {en}")
    return 0
