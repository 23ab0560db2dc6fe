"""Build the DuckDB warehouse from a dataset's tables, atomically.

The warehouse is built into a temporary file beside the target, checked, then swapped in with os.replace: a
failure at any point leaves the previous warehouse untouched and raises WarehouseError saying why. The file is
written with DuckDB's v1.4.0 storage format so that the DuckDB command-line shell analysts install from PyPI
(1.5.x) can open it (`duckdb -readonly warehouse/tide.duckdb`).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Protocol

import duckdb
import polars as pl

from warehouse import DEFAULT_PATH
from warehouse.errors import WarehouseError
from warehouse.live import install_views
from warehouse.schema_version import (
    SCHEMA_VERSION,
    add_new_columns,
    apply_sql,
    check_schema_version,
    read_schema_version,
    schema_files,
    upgrade_schema,
    write_schema_version,
)
from warehouse.writer import open_readwrite, transaction

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
VIEWS_DIR = HERE / "views"
STORAGE_VERSION = "v1.4.0"
# Dataset frames and the tables they fill, in foreign-key order.
DATASET_TABLES = ("personas", "scenarios", "conversations", "splits")


class DatasetTables(Protocol):
    """What the build reads from a dataset: one frame per DATASET_TABLES entry (tide_core.dataset.Dataset is one)."""

    personas: pl.DataFrame
    scenarios: pl.DataFrame
    conversations: pl.DataFrame
    splits: pl.DataFrame


def sql_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.sql"))


def view_file(name: str) -> Path:
    """The file of the view `name`, warehouse/views/<order>_<name>.sql: found by the view's name; the number only
    orders the full build (a view after those it reads)."""
    by_name = {f.stem.split("_", 1)[1]: f for f in sql_files(VIEWS_DIR)}
    if name not in by_name:
        raise WarehouseError(f"no view {name!r} in {VIEWS_DIR}; expected one of {sorted(by_name)}")
    return by_name[name]


def _check_writable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseError(f"cannot create the warehouse folder {folder}: {exc.strerror}") from None
    try:  # a real probe: os.access says yes to root even on a read-only file system
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{path.name}.probe-"):
            pass
    except OSError as exc:
        raise WarehouseError(
            f"cannot write the warehouse {path}: the folder {folder} is not writable ({exc.strerror}); "
            "choose a writable path with --warehouse"
        ) from None


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    con.register("_frame", frame.to_arrow())
    try:
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM _frame')
    finally:
        con.unregister("_frame")


def _write(con: duckdb.DuckDBPyConnection, ds: DatasetTables, info: dict[str, str], quality: list[dict],
           final_path: Path, report: list[dict]) -> None:
    apply_sql(con, schema_files())
    write_schema_version(con)
    for table in DATASET_TABLES:
        _insert(con, table, getattr(ds, table))
    if quality:
        _insert(con, "dataset_quality", pl.DataFrame(quality, schema={"scope": pl.String, "metric": pl.String,
                                                                       "value": pl.Float64, "detail": pl.String}))
    if report:
        _insert(con, "dataset_quality_report", pl.DataFrame(report, schema=QUALITY_REPORT_SCHEMA))
    con.executemany("INSERT INTO build_info VALUES (?, ?)", sorted(info.items()))
    install_views(con, final_path)  # live_* views over the live folder of the final path, which a rebuild keeps
    apply_sql(con, sql_files(VIEWS_DIR))


QUALITY_REPORT_SCHEMA = {"config_fingerprint": pl.String, "scope": pl.String, "measure": pl.String, "rank": pl.Int32,
                         "value": pl.Float64, "n": pl.Int64, "total": pl.Int64, "detail": pl.String}


def _quote(path: Path) -> str:
    """A path as a SQL string literal body (ATTACH takes no bound parameters)."""
    return str(path).replace("'", "''")


def _cleanup(tmp: Path) -> None:
    for p in (tmp, Path(f"{tmp}.wal")):
        p.unlink(missing_ok=True)


def build_warehouse(ds: DatasetTables, info: dict[str, str], path: Path = DEFAULT_PATH,
                    quality: list[dict] | None = None, report: list[dict] | None = None) -> Path:
    """Write `ds` into a new warehouse at `path`, replacing any previous one only on success. `quality`: variety rows
    (table dataset_quality); `report`: the quality report's rows (QualityReport.rows, table dataset_quality_report)."""
    path = Path(path).resolve()
    _check_writable(path)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    _cleanup(tmp)
    try:
        con = duckdb.connect()
        try:
            con.execute(f"ATTACH '{_quote(tmp)}' AS w (STORAGE_VERSION '{STORAGE_VERSION}')")
            con.execute("USE w")
            con.execute("BEGIN")
            _write(con, ds, info, quality or [], path, report or [])
            con.execute("COMMIT")
            con.execute("CHECKPOINT w")
            con.execute("USE memory")
            con.execute("DETACH w")
        finally:
            con.close()
        _verify(tmp, ds)
        # A WAL left by a crashed writer of the old file would be replayed against the new one: drop it first.
        Path(f"{path}.wal").unlink(missing_ok=True)
        os.replace(tmp, path)
    except WarehouseError as exc:
        _cleanup(tmp)
        raise WarehouseError(f"warehouse build failed, previous warehouse at {path} left intact: {exc}") from exc
    except (duckdb.Error, OSError) as exc:
        _cleanup(tmp)
        raise WarehouseError(f"warehouse build failed, previous warehouse at {path} left intact: {exc}") from exc
    log.info("warehouse written to %s", path)
    return path


def _verify(tmp: Path, ds: DatasetTables) -> None:
    with duckdb.connect(str(tmp), read_only=True) as con:
        for table in DATASET_TABLES:
            (n,) = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()
            if n != getattr(ds, table).height:
                raise WarehouseError(f"table {table} has {n} rows after loading, expected {getattr(ds, table).height}")


def refresh_views(path: Path) -> None:
    """Bring an existing warehouse up to date: its schema (an UPGRADABLE older version is upgraded in place, any
    other version refused with the rebuild message), the live_* views (pointed again at the live folder beside
    `path`, e.g. after the project folder moved) and every view in warehouse/views (created or replaced).
    Opens the file read-write briefly: run it before the dashboard starts, never while it serves."""
    with open_readwrite(path, check_version=False) as con, transaction(con):
        if upgrade_schema(con, Path(path)):
            log.info("warehouse %s upgraded in place to schema version %s", path, SCHEMA_VERSION)
        add_new_columns(con)
        install_views(con, Path(path))
        for f in sql_files(VIEWS_DIR):
            con.execute(f.read_text().replace("CREATE VIEW ", "CREATE OR REPLACE VIEW "))


def copy_warehouse(src: Path, dest: Path) -> Path:
    """Copy a warehouse file to `dest` with its views pointed at the copy's own (empty) live folder, so the copy
    never reads or shows the original's live records (tests, benchmarks, a sandbox to try things in)."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, dest)
    refresh_views(dest)
    return dest


def connect_readonly(path: Path = DEFAULT_PATH) -> duckdb.DuckDBPyConnection:
    """A read-only connection; several processes can hold one at once (analysts' shells included). Raises
    WarehouseError saying to rebuild when the warehouse has another schema version (schema_version.py)."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseError(f"no warehouse at {path}; build it with `python -m tide_core build`")
    con = duckdb.connect(str(path), read_only=True)
    try:
        check_schema_version(con, path)
    except BaseException:
        con.close()
        raise
    return con


def file_schema_version(path: Path) -> int | None:
    """The schema version of the warehouse at `path` (0: built before versions were kept), or None when there is
    no readable warehouse."""
    if not Path(path).is_file():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return read_schema_version(con)
    except duckdb.Error:
        return None


def read_build_info(path: Path) -> dict[str, str] | None:
    """The build_info table of the warehouse at `path`, or None when there is no readable warehouse."""
    if not Path(path).is_file():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            return dict(con.execute("SELECT key, value FROM build_info").fetchall())
    except duckdb.Error:
        return None


def export_parquet(path: Path, out_dir: Path) -> list[Path]:
    """Every base table of the warehouse as <out_dir>/<table>.parquet."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with connect_readonly(path) as con:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1").fetchall()]
        for t in tables:
            target = out_dir / f"{t}.parquet"
            con.sql(f'SELECT * FROM "{t}"').pl().write_parquet(target)
            written.append(target)
    return written
