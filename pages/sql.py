"""SQL console: one read-only statement at a time over a sandbox of the warehouse (policy and sandbox in
warehouse/console.py). A link can open an example: /sql?example=01_conversations_per_scenario."""

import polars as pl
import streamlit as st

from dashboard.data import dataset_counts_or_stop, warehouse_path, warehouse_version
from warehouse import console

TEXT, EXAMPLE, URL_EXAMPLE, OUTCOME = "sql.text", "sql.example", "sql.url_example", "sql.outcome"


@st.cache_data(max_entries=4, show_spinner=False)
def _catalog(path: str, version: float) -> pl.DataFrame:
    return console.schema_catalog(path)


def _set_text(sql: str, example: str | None = None) -> None:
    st.session_state[TEXT] = sql
    if example:
        st.query_params["example"] = example
        st.session_state[URL_EXAMPLE] = example


def _example_from_url(examples: dict[str, console.Example]) -> bool:
    """Load the example named in the URL once per session (or when the link changes); True when it should run."""
    name = st.query_params.get("example")
    if not name or st.session_state.get(URL_EXAMPLE) == name:
        return False
    st.session_state[URL_EXAMPLE] = name
    if name not in examples:
        st.warning("The example named in the link does not exist; choose one from the list.")
        return False
    st.session_state[TEXT] = examples[name].sql
    st.session_state[EXAMPLE] = name
    return True


def _run(sql: str, row_limit: int, time_limit_s: float, examples: dict[str, console.Example]) -> None:
    linked = st.query_params.get("example")
    if linked and (linked not in examples or examples[linked].sql != sql):
        del st.query_params["example"]  # the link no longer shows what ran
    try:
        outcome = console.run_console_query(warehouse_path(), sql, row_limit=row_limit, time_limit_s=time_limit_s)
    except console.ConsoleError as exc:
        outcome = exc
    st.session_state[OUTCOME] = outcome


def _show_error(exc: console.ConsoleError) -> None:
    if isinstance(exc, console.QueryTimedOut):
        st.warning(str(exc), icon=":material/timer_off:")
    else:
        st.error(str(exc), icon=":material/block:" if isinstance(exc, console.StatementRefused) else None)
    if exc.detail:  # DuckDB's text echoes the SQL: plain text, never markdown
        st.code(exc.detail, language=None)


def _show_result(result: console.ConsoleResult) -> None:
    frame = result.frame
    if result.truncated:
        st.warning(f"Truncated: the result has more than {result.row_limit:,} rows; the first {result.row_limit:,} "
                   "are shown and downloaded. Aggregate in SQL or raise the row limit.", icon=":material/content_cut:")
    live = ", ".join(f"{name} ({n:,} rows)" for name, n in result.live_tables.items())
    st.caption(f"{frame.height:,} rows × {frame.width} columns · query {result.query_s:.2f} s · sandbox setup "
               f"{result.setup_s:.2f} s" + (f" · live snapshot: {live}" if live else ""))
    for warning in result.warnings:  # may quote live files' content: plain text
        st.warning("Some live data could not be read and is left out of this snapshot:")
        st.code(warning, language=None)
    st.dataframe(frame, hide_index=True)
    left, right = st.columns(2)
    left.download_button("Download CSV", lambda: _csv(frame), file_name="tide_query.csv", mime="text/csv",
                         on_click="ignore", icon=":material/download:", key="sql.download_csv")
    right.download_button("Download Parquet", lambda: console.parquet_bytes(frame), file_name="tide_query.parquet",
                          mime="application/vnd.apache.parquet", on_click="ignore", icon=":material/download:",
                          key="sql.download_parquet")


def _csv(frame: pl.DataFrame) -> bytes:
    """The CSV download; a result that cannot be written as CSV downloads the reason instead of failing."""
    try:
        return console.csv_bytes(frame)
    except console.ConsoleError as exc:
        return f"{exc}\n{exc.detail}\n".encode()


def _schema_browser(catalog: pl.DataFrame) -> None:
    objects = catalog.group_by("object_name", "kind", "object_comment", maintain_order=True).len("columns")
    st.dataframe(objects.rename({"object_name": "name", "object_comment": "comment"}), hide_index=True, height=240)
    name = st.selectbox("Columns of", objects["object_name"].to_list(), key="sql.schema_object")
    if name is None:
        return
    columns = catalog.filter(pl.col("object_name") == name)
    st.caption(columns["object_comment"][0] or "")
    st.dataframe(columns.select(column="column_name", type="data_type", comment="column_comment"), hide_index=True)
    quoted = '"' + name.replace('"', '""') + '"'
    st.button("Put a query of it in the editor", on_click=_set_text, args=(f"SELECT *\nFROM {quoted}\nLIMIT 100;",),
              key="sql.query_object")


st.title("SQL console")
dataset_counts_or_stop()
st.caption(
    "Read-only: one SELECT, WITH ... SELECT, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN per run, in a sandbox that cannot "
    "change the warehouse or reach files, the network or extensions. The live tables (live_ratings, live_reviews, "
    "...) are a snapshot of the live files taken when the query runs. Ratings flagged `is_simulated` come from a "
    "simulated rater panel, not from people."
)

examples = {e.name: e for e in console.example_queries()}
run_from_link = _example_from_url(examples)
editor, browser = st.columns(2)
with editor:
    pick, load = st.columns([4, 1], vertical_alignment="bottom")
    chosen = pick.selectbox("Example queries", list(examples), index=None, format_func=lambda n: examples[n].title,
                            placeholder="Choose an example", key=EXAMPLE)
    load.button("Load", disabled=chosen is None, on_click=_set_text,
                args=(examples[chosen].sql, chosen) if chosen else ("",), key="sql.load")
    sql = st.text_area("SQL", key=TEXT, height=220, placeholder="SELECT * FROM personas LIMIT 10")
    rows_col, time_col, run_col = st.columns(3, vertical_alignment="bottom")
    row_limit = rows_col.number_input("Row limit", 1, console.MAX_ROW_LIMIT, console.DEFAULT_ROW_LIMIT, step=100,
                                      key="sql.row_limit")
    time_limit = time_col.number_input("Time limit (s)", 1, int(console.MAX_TIME_LIMIT_S),
                                       int(console.DEFAULT_TIME_LIMIT_S), key="sql.time_limit")
    run = run_col.button("Run", type="primary", icon=":material/play_arrow:", key="sql.run")
with browser, st.expander("Schema browser: tables and views", expanded=True):
    _schema_browser(_catalog(str(warehouse_path()), warehouse_version()))

if run or run_from_link:
    with st.spinner("Running in the sandbox..."):
        _run(sql or "", int(row_limit), float(time_limit), examples)
outcome = st.session_state.get(OUTCOME)
if isinstance(outcome, console.ConsoleError):
    _show_error(outcome)
elif isinstance(outcome, console.ConsoleResult):
    _show_result(outcome)
