"""``training-app dashboard refresh``: rebuild the agency dashboard's rollup of closed months and days (for cron)."""

from __future__ import annotations

import argparse
import time

from training_app.i18n import t


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    dashboard = sub.add_parser("dashboard", help="agency dashboard: the rollup of closed periods behind its charts")
    dashboard_sub = dashboard.add_subparsers(dest="dashboard_command", metavar="ACTION")
    dashboard_sub.required = True
    refresh = dashboard_sub.add_parser(
        "refresh", help="recompute every closed month and day from the data (idempotent; run nightly from cron)"
    )
    refresh.set_defaults(handler=refresh_cmd)


def refresh_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.services.dashboard_rollups import refresh_rollups
    from training_app.services.startup import engine_for

    start = time.perf_counter()
    result = refresh_rollups(engine_for(get_settings()))
    params = {
        "periods": result.periods,
        "rows": result.rows,
        "first": result.first or "-",
        "last": result.last or "-",
        "seconds": f"{time.perf_counter() - start:.1f}",
    }
    zh, en = (t("dashboard.refreshed", lang, **params) for lang in ("zh", "en"))
    print(f"{zh} / {en}")
    return 0
