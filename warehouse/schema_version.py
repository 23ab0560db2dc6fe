"""The warehouse schema's files, one per area (warehouse/schema/<area>.sql, found by name), and its version.

Every warehouse records the version of the schema it was built with (table schema_version, written by the build).
Code opening a warehouse of another version raises WarehouseError saying to rebuild it, instead of failing later on
a missing table or column. `upgrade_schema` (run by loader.refresh_views at the start of `run` and `serve`)
upgrades in place the versions whose difference only adds tables and columns (UPGRADABLE): every schema file is
`CREATE TABLE IF NOT EXISTS`, so applying them all again adds what is missing and leaves the rest.

Raise SCHEMA_VERSION with any change to warehouse/schema/*.sql that an existing warehouse lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError
from warehouse.queries import query_relation, table_exists

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
# Areas in the order a new warehouse applies them (a table after those it references).
SCHEMA_AREAS = ("dataset", "models", "evaluation", "build", "safety")
SCHEMA_VERSION = 1
# 0: a warehouse built before schema_version existed; it lacks at most tables and ADDED_COLUMNS entries.
UPGRADABLE = frozenset({0})
# Columns added to the schema after warehouses were built without them: an existing warehouse gets them (NULL in
# older rows) when its views are refreshed or the models stage writes, so a rerun can reuse it.
ADDED_COLUMNS = (("training_log", "reply_tokens", "BIGINT"), ("training_log", "seconds", "DOUBLE"),
                 ("responses", "stop_reason", "VARCHAR"))


def schema_file(area: str) -> Path:
    """warehouse/schema/<area>.sql; raises WarehouseError naming the areas for an unknown one."""
    if area not in SCHEMA_AREAS:
        raise WarehouseError(f"no schema area {area!r}; expected one of {list(SCHEMA_AREAS)}")
    return SCHEMA_DIR / f"{area}.sql"


def schema_files() -> list[Path]:
    """Every area's schema file, in SCHEMA_AREAS order."""
    return [schema_file(area) for area in SCHEMA_AREAS]


def apply_sql(con: duckdb.DuckDBPyConnection, files: Iterable[Path]) -> None:
    for f in files:
        try:
            con.execute(f.read_text())
        except duckdb.Error as exc:
            raise WarehouseError(f"{f.name}: {exc}") from exc


def add_new_columns(con: duckdb.DuckDBPyConnection) -> None:
    """ALTER TABLE ... ADD COLUMN IF NOT EXISTS for every ADDED_COLUMNS entry (names from the fixed list)."""
    for table, column, sql_type in ADDED_COLUMNS:
        con.execute(f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{column}" {sql_type}')


def read_schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the warehouse on `con`: 0 when it was built before schema_version existed."""
    if not table_exists(con, "schema_version"):
        return 0
    (version,) = query_relation(con, "schema_version").fetchall()[0]
    return 0 if version is None else int(version)


def write_schema_version(con: duckdb.DuckDBPyConnection, version: int = SCHEMA_VERSION) -> None:
    query_relation(con, "schema_version_set", version=version,
                   applied_at=datetime.now(UTC).replace(tzinfo=None)).fetchall()


def version_message(path: Path, version: int) -> str:
    """What to do with the warehouse at `path` of schema `version` (not this code's)."""
    text = (f"warehouse at {path} has schema version {version}, this code needs {SCHEMA_VERSION}: rebuild with "
            "`python -m tide_core build` (or the main job, `python -m tide_core run`)")
    if version in UPGRADABLE:
        text += "; `python -m tide_core run` and `serve` upgrade this version in place"
    return text


def check_schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Raise WarehouseError with version_message unless the warehouse on `con` has this code's schema version."""
    version = read_schema_version(con)
    if version != SCHEMA_VERSION:
        raise WarehouseError(version_message(path, version))


def upgrade_schema(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Bring an UPGRADABLE warehouse on `con` (read-write) to SCHEMA_VERSION: the missing tables and columns, then
    the version. True when it upgraded; raises WarehouseError (version_message) for a version it cannot upgrade."""
    version = read_schema_version(con)
    if version == SCHEMA_VERSION:
        return False
    if version not in UPGRADABLE:
        raise WarehouseError(version_message(path, version))
    apply_sql(con, schema_files())
    add_new_columns(con)
    write_schema_version(con)
    return True
