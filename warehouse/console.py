"""The analysts' SQL console: one read statement at a time over a sandbox of the warehouse.

Two layers, each enough on its own for the cases tested in tests/test_sql_console.py:

1. `check_statement` parses the text with DuckDB's own parser and refuses anything but exactly one read statement:
   SELECT (with WITH, FROM-first, VALUES, TABLE; DuckDB parses DESCRIBE, SHOW and SUMMARIZE as SELECT too) and
   EXPLAIN [ANALYZE] of one of those. The refusal names the statement type and why it is refused.
2. `sandbox` opens an in-memory connection that ATTACHes the warehouse READ_ONLY and makes it the default database
   (USE), copies the live_* views (they read JSONL/Parquet files beside the warehouse) into temp tables of the same
   name, then turns off spilling to disk, extension loading and external access (files, network), sets the time and
   memory limits and locks the configuration. A statement the policy let through can still change nothing and reach
   nothing outside the warehouse.

Views that read live_* views (v_review_status with live reviews, ...) keep working in the sandbox: DuckDB binds the
unqualified names in a view's body when a query uses it, through the search path, where the temp copies come first.
Naming the file-backed view itself (`tide.main.live_ratings`) fails with the sandbox's "external access" message.

A sandbox is built per run, so a warehouse replaced by a rebuild (os.replace) is picked up at the next run and the
file is never held open between runs. Setup takes about 20 ms on the default warehouse; reading live files is the
rest (about 0.8 s for 100,000 ratings in JSONL), so a run copies only the live views its statement reaches.

    from warehouse.console import run_console_query
    result = run_console_query(path, "SELECT count(*) FROM personas", row_limit=1000, time_limit_s=10)
    result.frame, result.truncated
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from warehouse import dictionary
from warehouse.errors import TideError
from warehouse.loader import HERE, connect_readonly

EXAMPLES_DIR = HERE / "examples"
ALIAS = "tide"  # the attached warehouse's name inside the sandbox (tide.main.personas)
LIVE_PREFIX = "live_"
DEFAULT_ROW_LIMIT = 1_000
MAX_ROW_LIMIT = 100_000
DEFAULT_TIME_LIMIT_S = 10.0
MAX_TIME_LIMIT_S = 120.0
MEMORY_LIMIT = "2GB"
READ_ONLY_HINT = "The console is read-only: it runs one SELECT, WITH ... SELECT, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN."

# Why each statement type is refused; the keys are duckdb.StatementType names.
_WHY = {
    "INSERT": "it would change data",
    "UPDATE": "it would change data",
    "DELETE": "it would change data",
    "MERGE_INTO": "it would change data",
    "CREATE": "it would create an object",
    "DROP": "it would drop an object",
    "ALTER": "it would change an object (ALTER, COMMENT ON)",
    "COPY": "it reads or writes files",
    "COPY_DATABASE": "it writes a database",
    "EXPORT": "it writes files",
    "ATTACH": "it would open another database or file",
    "DETACH": "it would close the warehouse",
    "LOAD": "it would install or load an extension (INSTALL, LOAD)",
    "EXTENSION": "it would install or update an extension",
    "SET": "it would change a setting or the default database (SET, RESET, USE)",
    "VARIABLE_SET": "it would set a variable",
    "PRAGMA": "PRAGMA can change settings; read them with SELECT * FROM duckdb_settings() and the other duckdb_*() "
              "functions",
    "CALL": "CALL runs procedures that can change state; use SELECT * FROM <table function>(...)",
    "TRANSACTION": "the console manages transactions itself",
    "VACUUM": "it would rewrite storage (VACUUM, ANALYZE)",
    "PREPARE": "prepared statements are not supported; write the values into the query",
    "EXECUTE": "prepared statements are not supported; write the values into the query",
    "MULTI": "it runs several statements (a PIVOT without an IN list first creates a type); list the values: "
             "PIVOT t ON col IN ('a', 'b') USING count(*)",
    "UPDATE_EXTENSIONS": "it would update extensions",
    "UNKNOWN": "the console does not know its type, so it cannot be a read statement",
}


class ConsoleError(TideError):
    """A console statement that did not run. `str()` is our message for the analyst; `detail` is DuckDB's own
    text, which echoes the user's SQL and must be shown as plain text."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class StatementRefused(ConsoleError):
    """The policy refused the statement before anything ran."""


class QueryTimedOut(ConsoleError):
    """The statement ran past the time limit and was stopped."""


class QueryFailed(ConsoleError):
    """DuckDB (or the sandbox) refused or failed the statement while running it."""


# ---------------------------------------------------------------------------------------------------- the policy


def check_statement(sql: str) -> duckdb.Statement:
    """The one read statement in `sql`, parsed; raises StatementRefused saying what was refused and why."""
    statements = _parse(sql)
    if not statements:
        raise StatementRefused("There is no statement to run: the text is empty or only comments.")
    if len(statements) > 1:
        kinds = ", ".join(_type_name(s) for s in statements)
        raise StatementRefused(f"Refused: {len(statements)} statements ({kinds}); the console runs exactly one "
                               "statement per run.")
    statement = statements[0]
    kind = _type_name(statement)
    if kind == "EXPLAIN":
        _check_explained(statement.query)
    elif kind != "SELECT":
        raise StatementRefused(_refusal(kind))
    return statement


def _parse(sql: str) -> list[duckdb.Statement]:
    try:
        return duckdb.extract_statements(sql)
    except duckdb.ParserException as exc:
        raise StatementRefused("The SQL does not parse.", detail=str(exc)) from None


def _type_name(statement: duckdb.Statement) -> str:
    try:
        return statement.type.name
    except ValueError:  # a type the Python binding has no name for (UPDATE EXTENSIONS in duckdb 2.0)
        return "UNKNOWN"


def _refusal(kind: str) -> str:
    why = _WHY.get(kind, "it is not a read statement")
    what = "a statement" if kind == "UNKNOWN" else f"{kind.replace('_', ' ')} statement"
    return f"Refused {what}: {why}. {READ_ONLY_HINT}"


def _check_explained(text: str) -> None:
    """EXPLAIN ANALYZE runs the statement it explains, so the explained statement must pass the policy too."""
    inner = _after_explain(text)
    statements = _parse(inner)
    kinds = [_type_name(s) for s in statements]
    if kinds != ["SELECT"]:
        what = ", ".join(kinds) or "nothing"
        raise StatementRefused(f"Refused EXPLAIN of {what.replace('_', ' ')}: EXPLAIN ANALYZE runs what it explains, "
                               f"so only EXPLAIN of one read statement is run. {READ_ONLY_HINT}")


def _after_explain(text: str) -> str:
    """The statement text after `EXPLAIN [ANALYZE] [(options)]`, found with DuckDB's tokenizer."""
    tokens = _tokens(text)
    words = [w for _, _, w in tokens]
    i = 1  # words[0] is EXPLAIN
    if i < len(words) and words[i].upper() in ("ANALYZE", "ANALYSE"):
        i += 1
    if i < len(words) and words[i] == "(":
        depth = 0
        while i < len(words):
            depth += (words[i] == "(") - (words[i] == ")")
            i += 1
            if depth == 0:
                break
    return text[tokens[i][0]:] if i < len(tokens) else ""


def _tokens(text: str) -> list[tuple[int, duckdb.token_type, str]]:
    """(position, kind, text) of each token but comments, from DuckDB's tokenizer."""
    found = [(pos, kind) for pos, kind in duckdb.tokenize(text) if kind != duckdb.token_type.comment]
    ends = [pos for pos, _ in found[1:]] + [len(text)]
    return [(pos, kind, text[pos:end].strip()) for (pos, kind), end in zip(found, ends, strict=True)]


def names_in(sql: str) -> set[str]:
    """Every identifier and string constant in `sql`, unquoted and lower-cased: a superset of the names it reads."""
    wanted = (duckdb.token_type.identifier, duckdb.token_type.string_const)
    return {word.strip("\"'").lower() for _, kind, word in _tokens(sql) if kind in wanted}


# --------------------------------------------------------------------------------------------------- the sandbox


@dataclass
class Sandbox:
    """An open sandbox connection and what went into it."""

    con: duckdb.DuckDBPyConnection
    live_tables: dict[str, int] = field(default_factory=dict)  # live view copied -> rows in the snapshot
    warnings: list[str] = field(default_factory=list)
    setup_s: float = 0.0


@contextmanager
def sandbox(path: Path, time_limit_s: float = DEFAULT_TIME_LIMIT_S, memory_limit: str = MEMORY_LIMIT,
            live_for: str | None = None) -> Iterator[Sandbox]:
    """An in-memory connection over the warehouse at `path` that can change nothing and reach no file or network;
    closed (and the warehouse file released) on exit. Every live_* view is copied, or with `live_for` only those
    that SQL text reaches (directly or through other views): reading live files is most of the setup time."""
    started = time.perf_counter()
    con = duckdb.connect(":memory:")
    try:
        box = Sandbox(con)
        _attach(con, Path(path))
        live = _live_views(con)
        _copy_live(box, live if live_for is None else _live_reached(con, live_for, live))
        _lock_down(con, time_limit_s, memory_limit)
        box.setup_s = time.perf_counter() - started
        yield box
    finally:
        con.close()


def _attach(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    if not path.is_file():
        raise QueryFailed(f"No warehouse at {path}; build it with `python -m tide_core run`.")
    literal = str(path.resolve()).replace("'", "''")
    try:
        con.execute(f"ATTACH '{literal}' AS {ALIAS} (READ_ONLY)")
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise QueryFailed("The warehouse is held open for writing (by a build, the main job or another "
                              "connection); run the query again when that finishes.", detail=str(exc)) from None
        raise QueryFailed(f"The warehouse at {path} could not be opened.", detail=str(exc)) from None
    con.execute(f"USE {ALIAS}")


def _live_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE database_name = ? AND schema_name = 'main' "
        "AND starts_with(view_name, ?) ORDER BY view_name", [ALIAS, LIVE_PREFIX]).fetchall()
    return [r[0] for r in rows]


def _live_reached(con: duckdb.DuckDBPyConnection, sql: str, live: list[str]) -> list[str]:
    """The live views `sql` may read, following the names in view bodies. Over-approximates (any identifier or
    string that names one counts, query_table('live_ratings') included); a name built at run time is missed and
    then fails with the sandbox's file-access message."""
    views = {name.lower(): body for name, body in con.execute(
        "SELECT view_name, sql FROM duckdb_views() WHERE database_name = ? AND schema_name = 'main' AND NOT internal",
        [ALIAS]).fetchall()}
    wanted = {name.lower() for name in live}
    reached, seen, frontier = set(), set(), names_in(sql)
    while frontier:
        name = frontier.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in wanted:
            reached.add(name)
        elif name in views:
            frontier |= names_in(views[name])
    return [name for name in live if name.lower() in reached]


def _copy_live(box: Sandbox, names: list[str]) -> None:
    """Each named live view into a temp table of the same name: a snapshot that still answers once file access is
    off. A view that cannot be read (a damaged file) becomes an empty table with its columns, and a warning says so."""
    for name in names:
        table = f"temp.main.{_ident(name)}"
        try:
            box.con.execute(f"CREATE TEMP TABLE {_ident(name)} AS SELECT * FROM {ALIAS}.main.{_ident(name)}")
        except duckdb.Error as exc:
            _create_empty_like(box.con, name)
            box.warnings.append(f"{name} could not be read, so it is empty here: {str(exc).splitlines()[0]}")
        (box.live_tables[name],) = box.con.execute(f"SELECT count(*) FROM {table}").fetchone()


def _create_empty_like(con: duckdb.DuckDBPyConnection, view: str) -> None:
    cols = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = ? "
                       "AND schema_name = 'main' AND table_name = ? ORDER BY column_index", [ALIAS, view]).fetchall()
    body = ", ".join(f"{_ident(c)} {t}" for c, t in cols) or "missing_columns VARCHAR"
    con.execute(f"CREATE TEMP TABLE {_ident(view)} ({body})")


def _lock_down(con: duckdb.DuckDBPyConnection, time_limit_s: float, memory_limit: str) -> None:
    # Order matters: the directory and extension settings are refused once external access is off, and every SET
    # is refused once the configuration is locked.
    for statement in (
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET allow_community_extensions = false",
        "SET temp_directory = ''",  # never spill to disk: a query that does not fit in memory fails instead
        "SET python_enable_replacements = false",  # no reading the Python objects in scope by name
        "SET python_scan_all_frames = false",
        f"SET memory_limit = '{memory_limit}'",
        "SET enable_external_access = false",
        f"SET max_execution_time = {int(time_limit_s * 1000)}",
        "SET lock_configuration = true",
    ):
        con.execute(statement)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ------------------------------------------------------------------------------------------------------- running


@dataclass(frozen=True)
class ConsoleResult:
    """At most `row_limit` rows of the result; `truncated` when the statement had more."""

    frame: pl.DataFrame
    truncated: bool
    row_limit: int
    statement_type: str
    query_s: float
    setup_s: float
    live_tables: dict[str, int]
    warnings: tuple[str, ...]


def check_limits(row_limit: int, time_limit_s: float) -> None:
    if not 1 <= row_limit <= MAX_ROW_LIMIT:
        raise ValueError(f"row_limit must be between 1 and {MAX_ROW_LIMIT:,}, got {row_limit}")
    if not 0 < time_limit_s <= MAX_TIME_LIMIT_S:
        raise ValueError(f"time_limit_s must be above 0 and at most {MAX_TIME_LIMIT_S:g}, got {time_limit_s}")


def run_console_query(path: Path, sql: str, *, row_limit: int = DEFAULT_ROW_LIMIT,
                      time_limit_s: float = DEFAULT_TIME_LIMIT_S) -> ConsoleResult:
    """Check `sql` against the policy, then run it in a fresh sandbox; raises a ConsoleError subclass otherwise."""
    check_limits(row_limit, time_limit_s)
    statement = check_statement(sql)
    with sandbox(path, time_limit_s, live_for=statement.query) as box:
        started = time.perf_counter()
        table, truncated = _fetch(box.con, statement, row_limit, time_limit_s)
        query_s = time.perf_counter() - started
    return ConsoleResult(frame=to_polars(table), truncated=truncated, row_limit=row_limit,
                         statement_type=_type_name(statement), query_s=query_s, setup_s=box.setup_s,
                         live_tables=dict(box.live_tables), warnings=tuple(box.warnings))


def _fetch(con: duckdb.DuckDBPyConnection, statement: duckdb.Statement, row_limit: int,
           time_limit_s: float) -> tuple[pa.Table, bool]:
    """Stream the result and stop after row_limit + 1 rows, so a huge result is never computed in full."""
    try:
        reader = con.sql(statement).to_arrow_reader(min(row_limit + 1, 10_000))
        batches, n = [], 0
        try:
            for batch in reader:
                batches.append(batch)
                n += batch.num_rows
                if n > row_limit:
                    break
        finally:
            reader.close()
        table = pa.Table.from_batches(batches, schema=reader.schema)
    except duckdb.InterruptException as exc:
        raise QueryTimedOut(f"Stopped after {time_limit_s:g} s: the query ran past the time limit. Narrow it "
                            f"(WHERE, LIMIT) or raise the limit (at most {MAX_TIME_LIMIT_S:g} s).",
                            detail=str(exc)) from None
    except duckdb.Error as exc:
        raise QueryFailed(_failure_message(exc), detail=str(exc)) from None
    return table.slice(0, row_limit), table.num_rows > row_limit


def _failure_message(exc: duckdb.Error) -> str:
    text = str(exc)
    if isinstance(exc, duckdb.PermissionException) or "disabled by configuration" in text:
        return ("Blocked by the sandbox: the console cannot read or write files, reach the network or load "
                "extensions. Query the warehouse's tables and views instead (live_* are snapshots).")
    if "read-only mode" in text:
        return "Blocked: the warehouse is attached read-only in the console; nothing can be changed."
    if "configuration has been locked" in text:
        return "Blocked: settings cannot be changed in the console."
    if isinstance(exc, duckdb.OutOfMemoryException):
        return f"Stopped: the query needs more than the console's {MEMORY_LIMIT} of memory. Aggregate or narrow it."
    return "The query failed."


# ---------------------------------------------------------------------------------------- results as frames, files


def to_polars(table: pa.Table) -> pl.DataFrame:
    """A polars frame of an Arrow result: duplicate column names get a suffix (a, a_2), columns polars cannot
    hold (intervals, unions) become text, and so do dates and timestamps polars cannot format ('infinity', years
    past 9999), which would otherwise panic in the CSV writer and the table view."""
    table = table.rename_columns(unique_names(table.column_names))
    for i, col_field in enumerate(table.schema):
        if _needs_text(col_field.type):
            values = [None if v is None else _text(v) for v in table.column(i).to_pylist()]
            table = table.set_column(i, col_field.name, pa.array(values, pa.string()))
        elif _is_temporal(col_field.type) and not _temporal_in_range(table.column(i)):
            table = table.set_column(i, col_field.name, _temporal_text(table.column(i)))
    return pl.from_arrow(table)


# Python's datetime range (years 1-9999) in microseconds since 1970: what a date or timestamp must lie in to be
# shown and written as a date; DuckDB's infinity and -infinity lie at the ends of int64 (int32 for dates)
_MIN_US, _MAX_US = -62_135_596_800_000_000, 253_402_300_799_999_999
_US_PER = {"s": 1_000_000, "ms": 1_000, "us": 1, "ns": 0.001}


def _is_temporal(t: pa.DataType) -> bool:
    return pa.types.is_timestamp(t) or pa.types.is_date(t)


def _micros(column: pa.ChunkedArray) -> list[float | None]:
    if pa.types.is_date32(column.type):
        return [None if v is None else v * 86_400_000_000 for v in column.cast(pa.int32()).to_pylist()]
    if pa.types.is_date64(column.type):
        return [None if v is None else v * 1_000 for v in column.cast(pa.int64()).to_pylist()]
    per = _US_PER[column.type.unit]
    return [None if v is None else v * per for v in column.cast(pa.int64()).to_pylist()]


def _temporal_in_range(column: pa.ChunkedArray) -> bool:
    return all(v is None or _MIN_US <= v <= _MAX_US for v in _micros(column))


def _temporal_text(column: pa.ChunkedArray) -> pa.Array:
    """The column as ISO text; DuckDB's infinities as 'infinity' / '-infinity', other values past the datetime
    range as their raw number."""
    narrow = pa.types.is_date32(column.type)
    physical = column.cast(pa.int32() if narrow else pa.int64()).to_pylist()
    top = 2**31 - 1 if narrow else 2**63 - 1
    out = []
    for raw, v in zip(physical, _micros(column), strict=True):
        if raw is None:
            out.append(None)
        elif abs(raw) >= top - 1:
            out.append("infinity" if raw > 0 else "-infinity")
        elif _MIN_US <= v <= _MAX_US:
            when = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=v)
            out.append(when.date().isoformat() if pa.types.is_date(column.type)
                       else when.replace(tzinfo=None).isoformat(sep=" "))
        else:
            out.append(f"{raw} (out of the date range)")
    return pa.array(out, pa.string())


def unique_names(names: list[str]) -> list[str]:
    """Column names made unique by suffixing repeats (_2, _3, ...); shared with the survey importer."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _needs_text(t: pa.DataType) -> bool:
    if pa.types.is_interval(t) or pa.types.is_union(t):
        return True
    if pa.types.is_dictionary(t):
        return _needs_text(t.value_type)
    return any(_needs_text(t.field(i).type) for i in range(t.num_fields))


def _text(value: object) -> str:
    if isinstance(value, pa.MonthDayNano):
        return f"{value.months} months {value.days} days {value.nanoseconds / 1e9:g} s"
    return str(value)


# OWASP CSV injection: a cell a spreadsheet would read as a formula (or that starts with a tab or CR, which some
# strip before looking) gets a leading apostrophe, which spreadsheets show as text and do not display
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells that start like a formula, prefixed with an apostrophe (numbers, dates and Parquet are left exact)."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    pattern = r"^[=+\-@\t\r]"  # FORMULA_START as a regex
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(pattern)).then(pl.lit("'") + pl.col(name)).otherwise(pl.col(name))
        .alias(name) for name in text)


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as CSV for spreadsheets: nested values as JSON text, binary values as hex, formula-like text
    neutralised. A frame that still cannot be written raises ConsoleError with a message, never a panic."""
    fixes = []
    for name, dtype in frame.schema.items():
        if dtype.is_nested():
            fixes.append(pl.Series(name, [None if v is None else json.dumps(v, default=str)
                                          for v in frame[name].to_list()], dtype=pl.String))
        elif dtype == pl.Binary:
            fixes.append(frame[name].bin.encode("hex"))
    try:
        return neutralise_formulas(frame.with_columns(fixes)).write_csv().encode()
    except (Exception, pl.exceptions.PanicException) as exc:  # polars panics (a BaseException) on odd values
        raise ConsoleError("This result cannot be written as CSV; cast the odd column to VARCHAR in the query, or "
                           "download Parquet.", detail=f"{type(exc).__name__}: {exc}") from None


def parquet_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as a Parquet file, made in memory."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------- schema browser, examples


def schema_catalog(path: Path) -> pl.DataFrame:
    """Every table and view of the warehouse, one row per column, with types and comments; a view column without
    its own comment shows the base-table column's (as in the data dictionary). live_* views are marked as the
    snapshots the console queries."""
    with connect_readonly(Path(path)) as con:
        entries = dictionary.catalog(con)
    rows = [
        {"object_name": e["name"], "kind": _kind(e), "object_comment": e["comment"], "column_name": col,
         "data_type": dtype, "column_comment": comment}
        for e in entries for col, dtype, comment, _inherited in e["columns"]
    ]
    return pl.DataFrame(rows, schema={k: pl.String for k in ("object_name", "kind", "object_comment", "column_name",
                                                             "data_type", "column_comment")})


def _kind(entry: dict) -> str:
    return "live snapshot" if entry["name"].startswith(LIVE_PREFIX) else entry["kind"]


@dataclass(frozen=True)
class Example:
    name: str  # file stem, used in links (?example=<name>)
    title: str  # the file's first comment line
    sql: str


def example_queries(folder: Path = EXAMPLES_DIR) -> list[Example]:
    """The example queries in warehouse/examples/, in file order."""
    examples = []
    for f in sorted(Path(folder).glob("*.sql")):
        sql = f.read_text()
        first = sql.lstrip().splitlines()[0] if sql.strip() else ""
        title = first.removeprefix("--").strip() if first.startswith("--") else f.stem.replace("_", " ")
        examples.append(Example(f.stem, title, sql))
    return examples
