"""``training-app`` command line. Each command group lives in its own module with a ``register(subparsers)``.

Handlers return an exit code. Expected failures (``TrainingAppError``) print one line to stderr — the message in
Chinese and English — and exit 2; argparse usage errors exit 2 as well. Heavy imports stay inside handlers so that
``--help`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from training_app.errors import TrainingAppError

logger = logging.getLogger(__name__)

# Modules that add subcommands. Each defines ``register(subparsers, models_subparsers)``.
COMMAND_MODULES = (
    "training_app.cli.app_cmd",
    "training_app.cli.accounts_cmd",
    "training_app.cli.content_cmd",
    "training_app.cli.scoring_cmd",
    "training_app.cli.speech_cmd",
    "training_app.cli.clips_cmd",
    "training_app.cli.certification_cmd",
    "training_app.cli.review_cmd",
    "training_app.cli.privacy_cmd",
    "training_app.cli.dashboard_cmd",
)


class OneLineParser(argparse.ArgumentParser):
    """argparse prints the whole usage on error; we print one line and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="training-app", description="Rural Livestream Academy / 乡村直播学院")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug output")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True
    models = sub.add_parser("models", help="manage speech and scoring models")
    models_sub = models.add_subparsers(dest="models_command", metavar="ACTION", parser_class=OneLineParser)
    models_sub.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub, models_sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except TrainingAppError as exc:
        sys.stderr.write(f"training-app: {exc.bilingual()}\n")
        return 2
    except KeyboardInterrupt:
        return 130


def run() -> None:
    raise SystemExit(main())
