"""``training-app review export-labels FILE.jsonl``: trainers' confirmed and dismissed flags as labelled data."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from training_app.i18n import t


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    review = sub.add_parser("review", help="trainer reviews: labelled data from flag decisions")
    review_sub = review.add_subparsers(dest="review_command", metavar="ACTION")
    review_sub.required = True
    export = review_sub.add_parser(
        "export-labels", help="write confirmed/dismissed flags as JSON lines (for training the claim model)"
    )
    export.add_argument("output", type=Path, metavar="FILE.jsonl")
    export.set_defaults(handler=export_labels_cmd)


def export_labels_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.services.flag_report import export_flag_labels
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work

    with unit_of_work(engine_for(get_settings()), write=False) as session:
        rows: list[dict[str, Any]] = export_flag_labels(session)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_name(args.output.name + ".tmp")
    tmp.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    tmp.replace(args.output)
    zh, en = (t("review.labels_exported", lang, count=len(rows), path=str(args.output)) for lang in ("zh", "en"))
    print(f"{zh} / {en}")
    return 0
