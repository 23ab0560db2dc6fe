"""Ratings import from a survey export: column mapping, validation with a rejected-rows report, nothing half-written."""

from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tide_core.errors import ImportFormatError
from tide_core.evaluation.ratings_import import import_ratings
from tide_core.evaluation.store import ensure_schema
from tide_core.evaluation.variants import insert_synthetic_systems
from warehouse.queries import run_query
from warehouse.writer import append_frame, open_readwrite, transaction

DATA = Path(__file__).resolve().parent / "data" / "ratings"
MAPPING = {"rater_id": "ResponseId", "item": "ItemCode", "empathy": "Q_empathy", "emotion_recognition": "Q_er",
           "distress_normalization": "Q_dn", "supportive_reflection": "Q_sr", "seconds_spent": "Duration",
           "attention_check_passed": "AttnCheck", "age_band": "AgeGroup", "gender": "Gender",
           "education": "Education", "consent": "Consent", "created_at": "RecordedDate"}
TABLES = ("raters", "ratings", "rating_imports", "rating_import_rejects")


@pytest.fixture
def wh(fresh_warehouse):
    """A warehouse with synthetic responses and blind codes R-0000A001..3 for three of them."""
    with open_readwrite(fresh_warehouse) as con:
        ensure_schema(con)
        with transaction(con):
            insert_synthetic_systems(con, 2, seed=1)
            ids = [r[0] for r in con.execute("SELECT response_id FROM responses ORDER BY 1 LIMIT 3").fetchall()]
            append_frame(con, "blind_codes", pl.DataFrame({
                "blind_code": [f"R-0000A00{k}" for k in (1, 2, 3)], "study_id": "survey-1", "response_id": ids,
                "created_at": datetime(2025, 3, 1)}))
    return fresh_warehouse


def _counts(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in TABLES}


def test_valid_rows_are_imported_and_every_rejected_row_is_reported(wh):
    with open_readwrite(wh) as con:
        report = import_ratings(con, DATA / "survey_export.csv", MAPPING)
        rejects = run_query(con, "eval_import_rejects", import_id=report.import_id)
        stored = con.sql("SELECT * FROM ratings JOIN raters USING (rater_id) ORDER BY rating_id").pl()
    assert (report.n_rows, report.n_accepted, report.n_rejected) == (10, 3, 7)
    assert {(r.row_number, r.field) for r in report.rejects} == {
        (3, "empathy"), (4, "response_id"), (5, "consent"), (6, "age_band"), (7, "item"), (9, "seconds_spent"),
        (10, "empathy")}
    assert rejects.height == 7 and (rejects["file_name"] == "survey_export.csv").all()
    assert "1-5" in rejects.filter(pl.col("row_number") == 3)["reason"][0]
    assert stored.height == 3 and set(stored["rater_id"]) == {"S001", "S005"}
    assert (stored["source"] == "imported").all() and not stored["is_simulated"].any()
    assert stored.filter(pl.col("rater_id") == "S005")["attention_check_passed"].to_list() == [False]
    assert stored.filter(pl.col("rater_id") == "S001")["education"].unique().to_list() == ["graduate"]


def test_reimporting_the_same_file_changes_nothing(wh):
    with open_readwrite(wh) as con:
        first = import_ratings(con, DATA / "survey_export.csv", MAPPING)
    before = _counts(wh)
    with open_readwrite(wh) as con:
        again = import_ratings(con, DATA / "survey_export.csv", MAPPING)
    assert again.already_imported and again.import_id == first.import_id and _counts(wh) == before


@pytest.mark.parametrize("name, mapping, message", [
    ("missing_item_column.csv", {"rater_id": "ResponseId", "empathy": "Q_empathy", "consent": "Consent"}, "item"),
    ("all_rows_bad.csv", {"rater_id": "ResponseId", "item": "ItemCode", "empathy": "Q_empathy",
                          "consent": "Consent"}, "no valid rating rows"),
    ("survey_export.csv", {"rater_id": "ResponseId", "item": "NoSuchColumn", "empathy": "Q_empathy",
                           "consent": "Consent"}, "NoSuchColumn"),
    ("survey_export.csv", {"rater": "ResponseId"}, "unknown fields"),
    ("README.md", None, "unknown ratings export format"),
])
def test_a_bad_file_is_refused_whole_and_names_the_problem(wh, name, mapping, message):
    before = _counts(wh)
    with open_readwrite(wh) as con, pytest.raises(ImportFormatError) as err:
        import_ratings(con, DATA / name, mapping)
    assert message in str(err.value) and name in str(err.value)
    assert _counts(wh) == before


def test_parquet_exports_import_the_same_way(wh, tmp_path):
    target = tmp_path / "export.parquet"
    pl.read_csv(DATA / "survey_export.csv").write_parquet(target)  # typed columns: ints, floats
    with open_readwrite(wh) as con:
        report = import_ratings(con, target, MAPPING)
    assert (report.n_accepted, report.n_rejected) == (3, 7)


def test_a_failure_while_writing_leaves_nothing_behind(wh, monkeypatch):
    import tide_core.evaluation.ratings_import as ri

    def broken(*args):
        raise RuntimeError("disk full")

    before = _counts(wh)
    monkeypatch.setattr(ri, "_frames", lambda kept, import_id: (pl.DataFrame({"rater_id": ["x"], "consent": [True],
                                                                              "source": ["nope"]}),
                                                                pl.DataFrame()))
    with open_readwrite(wh) as con, pytest.raises(duckdb.Error):
        import_ratings(con, DATA / "survey_export.csv", MAPPING)  # the raters CHECK fails after rating_imports
    assert _counts(wh) == before


def test_undecodable_and_oversized_rows_are_refused_alone_with_file_line_and_field(wh, tmp_path, capsys):
    """A byte that is not UTF-8, a row of 100,000 cells and a huge cell each reject their own row (named by row,
    line and field); the other rows are imported."""
    from tide_core.cli import main

    lines = (DATA / "survey_export.csv").read_bytes().splitlines()
    lines[1] = lines[1].replace(b"woman", b"wom\xffan")  # row 1
    lines[2] = lines[2] + b"," * 100_000  # row 2
    lines[8] = lines[8].replace(b"S005", b"S" * 20_000)  # row 8
    target = tmp_path / "mixed.csv"
    target.write_bytes(b"\n".join(lines) + b"\n")
    assert main(["import-ratings", str(target), "--warehouse", str(wh), *[f"--map={k}={v}" for k, v in
                                                                          MAPPING.items()]]) == 0
    out = capsys.readouterr().out
    assert f"{target}:2: row 1, field Gender: not UTF-8 text (byte 0xFF at character 4)" in out
    assert f"{target}:3: row 2, field (row): row too large" in out
    assert f"{target}:9: row 8, field ResponseId: cell of 20,000 characters" in out
    assert "imported 1 of 10 rows" in out  # row 7: S001 rating R-0000A001 again, now its first valid rating
    assert len(max(out.splitlines(), key=len)) < 300  # no 100,000-cell value echoed


def test_a_csv_whose_header_is_not_utf8_is_refused_whole(wh, tmp_path):
    target = tmp_path / "latin1.csv"
    target.write_bytes((DATA / "survey_export.csv").read_bytes().replace(b"Gender", b"G\xe9nder", 1))
    before = _counts(wh)
    with open_readwrite(wh) as con, pytest.raises(ImportFormatError, match="line 1 .* not UTF-8 .*0xE9"):
        import_ratings(con, target, MAPPING)
    assert _counts(wh) == before
