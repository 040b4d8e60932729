"""``training-app privacy purge``, ``privacy export``, ``training-app backup DEST_DIR`` and ``restore SRC_DIR``."""

from __future__ import annotations

import argparse
from pathlib import Path

from training_app.i18n import t


def both(key: str, **params: object) -> str:
    zh, en = t(key, "zh", **params), t(key, "en", **params)
    return zh if zh == en else f"{zh} / {en}"


def register(sub: argparse._SubParsersAction, models_sub: argparse._SubParsersAction) -> None:
    privacy = sub.add_parser("privacy", help="personal data: retention")
    privacy_sub = privacy.add_subparsers(dest="privacy_command", metavar="ACTION")
    privacy_sub.required = True
    purge = privacy_sub.add_parser("purge", help="delete clips older than TRAINING_APP_RETENTION_DAYS_CLIPS")
    purge.add_argument("--dry-run", action="store_true", help="list what would be deleted, delete nothing")
    purge.set_defaults(handler=purge_cmd)
    export = privacy_sub.add_parser("export", help="write all of one person's data as a zip (for large exports)")
    export.add_argument("--user", required=True, metavar="USERNAME")
    export.add_argument("dest", type=Path, metavar="DEST.zip")
    export.set_defaults(handler=export_cmd)
    backup = sub.add_parser("backup", help="back up database and media with a hash manifest")
    backup.add_argument("dest", type=Path, metavar="DEST_DIR")
    backup.set_defaults(handler=backup_cmd)
    restore = sub.add_parser("restore", help="verify and restore a backup, then re-apply later deletions")
    restore.add_argument("src", type=Path, metavar="SRC_DIR")
    restore.set_defaults(handler=restore_cmd)


def purge_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.services.accounts import system_actor
    from training_app.services.deletion import purge_expired_clips
    from training_app.services.media import LocalMediaStore
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work

    settings = get_settings()
    with unit_of_work(engine_for(settings)) as session:
        result = purge_expired_clips(
            session, system_actor(), store=LocalMediaStore(settings.resolved_media_dir()),
            retention_days=settings.retention_days_clips, dry_run=args.dry_run,
        )  # fmt: skip
    key = "privacy.purge_dry_run" if args.dry_run else "privacy.purge_done"
    print(both(key, count=len(result.clip_ids)))
    return 0


def export_cmd(args: argparse.Namespace) -> int:
    import shutil

    from training_app.config import get_settings
    from training_app.errors import InvalidInput, NotFound
    from training_app.services.accounts import get_user_by_username, system_actor
    from training_app.services.data_export import export_my_data
    from training_app.services.media import LocalMediaStore
    from training_app.services.startup import engine_for
    from training_app.services.uow import unit_of_work

    if args.dest.exists():
        raise InvalidInput("privacy.export_exists", path=str(args.dest))
    settings = get_settings()
    with unit_of_work(engine_for(settings)) as session:
        user = get_user_by_username(session, args.user)
        if user is None:
            raise NotFound("clips.trainee_not_found", user=args.user)
        store = LocalMediaStore(settings.resolved_media_dir())
        path = export_my_data(session, system_actor(), user_id=user.id or 0, store=store, directory=args.dest.parent)
    shutil.move(path, args.dest)
    print(both("privacy.export_done", path=str(args.dest), mb=args.dest.stat().st_size >> 20))
    return 0


def backup_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.services.backup import MANIFEST, create_backup
    from training_app.services.startup import engine_for

    settings = get_settings()
    manifest = create_backup(engine_for(settings), settings.resolved_media_dir(), args.dest)
    print(both("privacy.backup_done", files=len(manifest["files"]), path=str(args.dest / MANIFEST)))
    return 0


def restore_cmd(args: argparse.Namespace) -> int:
    from training_app.config import get_settings
    from training_app.db.migrate import upgrade
    from training_app.services.backup import restore_backup
    from training_app.services.startup import engine_for

    settings = get_settings()
    engine = engine_for(settings)
    upgrade(engine)  # a fresh database gets its tables (and a ledger to read) first
    result = restore_backup(engine, settings.resolved_media_dir(), args.src)
    print(both("privacy.restore_done", deletions=result.reapplied))
    return 0
