"""The data dictionary, generated from the schema's own comments: `python -m warehouse.dictionary [--check]`.

Every table column carries a COMMENT in warehouse/schema/<area>.sql (and schema/claude_build/*.sql, the tables a Claude
build adds). A view column either has its own COMMENT
(in warehouse/views/*.sql) or inherits the comment of the base-table column of the same name. The output,
docs/data_dictionary.md, is committed; a test fails when it is stale or when any column is undocumented.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import duckdb

from warehouse.live import install_views
from warehouse.loader import VIEWS_DIR, sql_files
from warehouse.schema_version import SCHEMA_DIR, SCHEMA_VERSION, apply_sql, schema_files

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "data_dictionary.md"


def schema_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory database with the warehouse's tables and views (no data)."""
    con = duckdb.connect()
    apply_sql(con, schema_files())
    apply_sql(con, sql_files(SCHEMA_DIR / "claude_build"))  # the tables a Claude build adds
    install_views(con, Path(tempfile.mkdtemp(prefix="tide-dictionary-")) / "schema.duckdb")
    apply_sql(con, sql_files(VIEWS_DIR))
    return con


def catalog(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """One entry per table/view: name, kind, comment, columns [(name, type, comment, inherited)]."""
    objects = con.execute("""
        SELECT table_name, 'table' AS kind, comment FROM duckdb_tables() WHERE database_name = current_database()
        UNION ALL
        SELECT view_name, 'view', comment FROM duckdb_views() WHERE database_name = current_database() AND NOT internal
        ORDER BY 2, 1
    """).fetchall()
    cols = con.execute("""
        SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
        WHERE database_name = current_database() ORDER BY table_name, column_index
    """).fetchall()
    kinds = {name: kind for name, kind, _ in objects}
    # A view column inherits from a table column of the same name, else from another view's own comment.
    base = {c[1]: c[3] for c in cols if c[3] and kinds.get(c[0]) == "view"}
    base.update({c[1]: c[3] for c in cols if c[3] and kinds.get(c[0]) == "table"})
    out = []
    for name, kind, comment in objects:
        columns = []
        for t, col, dtype, ccomment in cols:
            if t == name:
                inherited = ccomment is None and kind == "view" and col in base
                columns.append((col, dtype, ccomment or (base.get(col) if kind == "view" else None), inherited))
        out.append({"name": name, "kind": kind, "comment": comment, "columns": columns})
    return out


def undocumented(entries: list[dict]) -> list[str]:
    missing = [f"{e['name']} ({e['kind']})" for e in entries if not e["comment"]]
    missing += [f"{e['name']}.{c[0]}" for e in entries for c in e["columns"] if not c[2]]
    return missing


def render(entries: list[dict]) -> str:
    lines = [
        "# Warehouse data dictionary",
        "",
        "Generated from the schema's comments by `python -m warehouse.dictionary`; do not edit by hand.",
        "Open the warehouse read-only with `duckdb -readonly warehouse/tide.duckdb` or "
        "`duckdb.connect(path, read_only=True)`; example queries are in `warehouse/examples/`.",
        "",
        "Synthetic and simulated data are flagged in the data itself: `personas.is_synthetic`, "
        "`conversations.is_synthetic`, `raters.source`, `ratings.is_simulated`.",
        "",
        f"Schema version {SCHEMA_VERSION} (table `schema_version`; one file per area in `warehouse/schema/`). Code "
        "refuses a warehouse of another version with a message saying to rebuild it (`python -m tide_core build`); "
        "`run` and `serve` upgrade a warehouse built before versions were kept (version 0) in place.",
        "",
    ]
    for kind, title in (("table", "Tables"), ("view", "Views")):
        lines += [f"## {title}", ""]
        for e in (e for e in entries if e["kind"] == kind):
            lines += [f"### `{e['name']}`", "", e["comment"] or "", "", "| column | type | description |",
                      "|---|---|---|"]
            for col, dtype, comment, inherited in e["columns"]:
                note = " *(as in the base table)*" if inherited else ""
                lines.append(f"| `{col}` | {dtype} | {(comment or '').replace('|', '/')}{note} |")
            lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed dictionary is stale")
    args = parser.parse_args(argv)
    with schema_connection() as con:
        entries = catalog(con)
    missing = undocumented(entries)
    if missing:
        print("undocumented: " + ", ".join(missing), file=sys.stderr)
        return 1
    text = render(entries)
    if args.check:
        if not DOC_PATH.is_file() or DOC_PATH.read_text() != text:
            print(f"{DOC_PATH} is stale; run `python -m warehouse.dictionary`", file=sys.stderr)
            return 1
        return 0
    DOC_PATH.write_text(text)
    print(f"wrote {DOC_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
