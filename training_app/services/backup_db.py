"""The database half of a backup: a SQLite snapshot through the sqlite3 backup API, or every table of a
PostgreSQL database as JSON lines through SQLAlchemy (dependency order, no ``pg_dump`` needed).

Facts recorded in the manifest (row counts per table, the deletion-ledger high-water mark, the schema revision) are
read from the snapshot itself (SQLite) or inside the export's own REPEATABLE READ transaction (PostgreSQL), so they
describe exactly what was saved.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, inspect, select, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from training_app.db.engine import make_engine
from training_app.db.tables import DeletionLedger
from training_app.db.types import UTCDateTime

SQLITE_FILE = "database.sqlite3"
TABLES_DIR = "tables"
_BATCH = 1000


def tables() -> list[Table]:
    return list(SQLModel.metadata.sorted_tables)


def facts(conn: Connection) -> dict[str, Any]:
    """Row counts per table, the ledger high-water mark and the Alembic revision (None without migrations)."""
    present = set(inspect(conn).get_table_names())
    counts = {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
        for t in tables()
        if t.name in present
    }
    ledger = DeletionLedger.__table__  # type: ignore[attr-defined]
    hwm = conn.execute(select(func.max(ledger.c.id))).scalar_one() if ledger.name in present else 0
    return {"row_counts": counts, "ledger_high_water_mark": int(hwm or 0), "schema_revision": revision(conn)}


def revision(conn: Connection) -> str | None:
    try:
        with conn.begin_nested():
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def snapshot_sqlite(engine: Engine, target: Path) -> dict[str, Any]:
    raw = engine.raw_connection()
    try:
        dest = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(dest)  # type: ignore[union-attr]
        finally:
            dest.close()
    finally:
        raw.close()
    snap = make_engine(f"sqlite:///{target}")
    try:
        with snap.connect() as conn:
            return facts(conn)
    finally:
        snap.dispose()


def restore_sqlite(engine: Engine, source: Path) -> None:
    src = sqlite3.connect(source)
    raw = engine.raw_connection()
    try:
        src.backup(raw.driver_connection)  # type: ignore[arg-type]
    finally:
        raw.close()
        src.close()


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def export_tables(engine: Engine, folder: Path) -> dict[str, Any]:
    folder.mkdir()
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        for table in tables():
            order = list(table.primary_key.columns)
            with (folder / f"{table.name}.jsonl").open("w", encoding="utf-8") as out:
                for row in conn.execution_options(yield_per=_BATCH).execute(select(table).order_by(*order)):
                    out.write(json.dumps(dict(row._mapping), default=_encode, ensure_ascii=False) + "\n")
        return facts(conn)


def _decoder(table: Table) -> Any:
    dates = [c.name for c in table.columns if isinstance(c.type, UTCDateTime)]

    def decode(line: str) -> dict[str, Any]:
        row = json.loads(line)
        for name in dates:
            if row.get(name) is not None:
                row[name] = datetime.fromisoformat(row[name])
        return dict(row)

    return decode


def import_tables(engine: Engine, folder: Path) -> None:
    """Replace every table's rows with the exported ones in one transaction, then move the id sequences on."""
    with engine.begin() as conn:
        for table in reversed(tables()):
            conn.execute(table.delete())
        for table in tables():
            decode, batch = _decoder(table), []
            with (folder / f"{table.name}.jsonl").open(encoding="utf-8") as lines:
                for line in lines:
                    batch.append(decode(line))
                    if len(batch) >= _BATCH:
                        conn.execute(table.insert(), batch)
                        batch = []
            if batch:
                conn.execute(table.insert(), batch)
            _reset_sequence(conn, table)


def _reset_sequence(conn: Connection, table: Table) -> None:
    if "id" not in table.c or not table.c.id.autoincrement or table.c.id.type.python_type is not int:
        return
    name = conn.dialect.identifier_preparer.quote(table.name)
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "  # noqa: S608
            f"FROM {name}"
        )
    )
