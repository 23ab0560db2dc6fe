"""Property-based tests (hypothesis) of what takes input from outside: the ingest record models, the endpoint itself
over HTTP, the survey-CSV and JSONL importers. Each property: every input is either accepted whole, and then stored
exactly and readable by DuckDB, or refused with an error that names where (field, line, row); nothing else ever
happens (no other exception, no 5xx, no half-written store). Seeded and bounded (a few seconds in all)."""

from __future__ import annotations

import http.client
import json
import math

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tide_core.errors import ImportFormatError
from tide_core.evaluation.ratings_import import read_export, validate_row
from tide_core.ingest import IngestLimits, make_server
from tide_core.ingest.records import BODY_ADAPTERS, describe_errors, records_of
from tide_core.tide_format import TABLES, _read_jsonl
from warehouse.live import KINDS, LiveStore, validate

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

JSON_SCALARS = (st.none() | st.booleans() | st.integers(-10, 10) | st.integers() | st.floats(allow_nan=True)
                | st.text(max_size=12) | st.sampled_from(["study", "chat", "a", "tie", "2025-03-01T14:05:00+00:00",
                                                         "2025-03-01T14:05:00", "20240101", "\ud800", "=1+1"]))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


def _record(kind: str) -> st.SearchStrategy[dict]:
    """Records near the valid ones: each field of the kind present or not, with a value of any JSON type, plus
    sometimes a field the kind does not have."""
    fields = {f.name: JSON_SCALARS for f in KINDS[kind].fields}
    return st.fixed_dictionaries({}, optional={**fields, "unknown": JSON_SCALARS})


@FUZZ
@given(kind=st.sampled_from(sorted(KINDS)), data=st.data())
def test_record_models_accept_only_what_the_store_keeps_exactly(kind, data):
    body = data.draw(st.one_of(_record(kind), st.lists(_record(kind), max_size=3), JSON_VALUES))
    try:
        raw = json.dumps(body, allow_nan=True)
    except UnicodeEncodeError:
        return
    try:
        parsed = BODY_ADAPTERS[kind].validate_json(raw)
    except ValidationError as exc:
        described = describe_errors(exc.errors())
        assert described["error"] and ("field" in described["error"] or "body" in described["error"])
        return
    for model in records_of(parsed):
        row = model.model_dump(exclude_none=True)
        assert all(not isinstance(v, float) or math.isfinite(v) for v in row.values())
        try:
            stored = validate(kind, row)  # what the store writes (cross-field rules may still refuse it)
        except ValueError:
            continue
        line = json.dumps(stored, ensure_ascii=False).encode()  # writable as UTF-8 JSON
        assert json.loads(line) == stored


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    wh = tmp_path_factory.mktemp("fuzz") / "tide.duckdb"
    srv = make_server(wh, port=0, limits=IngestLimits(max_body_bytes=64 * 1024)).start()
    yield srv, LiveStore.for_warehouse(wh)
    srv.stop()


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.one_of(st.binary(max_size=300), JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8", "replace")),
                      _record("ratings").map(lambda r: json.dumps(r).encode("utf-8", "replace"))),
       chunked=st.booleans())
def test_the_endpoint_answers_every_body_with_201_or_a_4xx(server, body, chunked):
    srv, store = server
    before = _lines(store)
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    conn.request("POST", "/v1/ratings", body=iter([body]) if chunked else body,
                 headers={"Content-Type": "application/json"}, encode_chunked=chunked)
    resp = conn.getresponse()
    answer = json.loads(resp.read())
    conn.close()
    assert resp.status in (201, 400, 413), answer
    after = _lines(store)
    if resp.status == 201:
        assert after - before == len(answer["ids"])
    else:
        assert after == before and answer["error"]


def _lines(store: LiveStore) -> int:
    """Records written (lines of the ratings files): cheaper than a DuckDB count per example."""
    return sum(p.read_bytes().count(b"\n") for p in (store.folder / "ratings").glob("*.jsonl"))


CELLS = st.one_of(st.text(max_size=8), st.sampled_from(["S001", "R-0000A001", "4", "yes", "", "\"", ",", "\n",
                                                        "=cmd", "1e400", "nan"]))


@FUZZ
@given(rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), max_size=6),
       noise=st.lists(st.tuples(st.integers(0, 400), st.binary(min_size=1, max_size=3)), max_size=3))
def test_survey_csv_rows_are_read_or_refused_with_their_line(tmp_path, rows, noise):
    header = ["rater_id", "item", "empathy", "consent", "gender"]
    text = "\n".join(",".join(json.dumps(c) if any(x in c for x in ",\"\n") else c for c in row)
                     for row in [header, *rows])
    data = bytearray(text.encode("utf-8", "surrogatepass"))
    for at, junk in noise:  # bytes that are not UTF-8 (or not CSV) anywhere after the header
        pos = len(",".join(header)) + 1 + at
        data[pos:pos] = junk
    path = tmp_path / "export.csv"
    path.write_bytes(bytes(data))
    try:
        export = read_export(path)
    except ImportFormatError as exc:
        assert str(path) in str(exc)
        return
    items = {"R-0000A001": "resp-1"}
    for n, row in enumerate(export.frame.iter_rows(named=True), start=1):
        assert n in export.lines
        if n in export.refused:
            assert export.refused[n].line == export.lines[n] and export.refused[n].field
            continue
        clean, problems = validate_row(row, n, items)
        assert (clean is None) == bool(problems) and all(p.row_number == n and p.field for p in problems)


@FUZZ
@given(lines=st.lists(st.one_of(st.binary(max_size=40), JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8",
                                                                                                      "replace"))),
                      max_size=4))
def test_jsonl_lines_are_read_or_refused_naming_file_and_line(tmp_path, lines):
    path = tmp_path / "splits.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    try:
        frame = _read_jsonl(path, "splits")
    except ImportFormatError as exc:
        assert str(exc).startswith(f"{path}, line ") and "expected" in str(exc)
        return
    assert frame.columns == list(TABLES["splits"][0])
    with duckdb.connect() as con:
        assert con.sql("SELECT count(*) FROM frame").fetchall()[0][0] == frame.height
