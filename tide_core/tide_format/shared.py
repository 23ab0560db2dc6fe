"""What every format shares: the tables and their keys, where an error came from (_Where), atomic output folders,
and the schema checks of rows and whole datasets (JSON Lines, scenarios.json, Parquet)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polars as pl

from tide_core.dataset import (
    CONVERSATION_SCHEMA,
    PERSONA_SCHEMA,
    SCENARIO_SCHEMA,
    SPLIT_SCHEMA,
    SPLITS,
    Dataset,
)
from tide_core.errors import ImportFormatError, TideError

RELEASE_SOURCE = "tide_release"
DEFAULT_SPLIT_SEED = 13

# table -> (schema, key columns). Key columns are what round-trip comparisons sort by.
TABLES: dict[str, tuple[dict[str, pl.DataType], tuple[str, ...]]] = {
    "personas": (PERSONA_SCHEMA, ("persona_id",)),
    "scenarios": (SCENARIO_SCHEMA, ("scenario_id",)),
    "conversations": (CONVERSATION_SCHEMA, ("persona_id", "conv_index")),
    "splits": (SPLIT_SCHEMA, ("persona_id",)),
}
# Columns declared NOT NULL in warehouse/schema/dataset.sql; importers refuse nulls there.
NOT_NULL: dict[str, frozenset[str]] = {
    "personas": frozenset({
        "persona_id", "first_name", "age", "age_band", "gender", "ethnicity", "education", "occupation",
        "trauma_type", "trauma_label", "symptoms", "symptom_clusters", "is_synthetic", "source",
    }),
    "scenarios": frozenset(SCENARIO_SCHEMA),
    "conversations": frozenset({
        "conversation_id", "persona_id", "conv_index", "client_message", "reference_reply", "is_risk",
        "reference_source", "is_synthetic",
    }),
    "splits": frozenset(SPLIT_SCHEMA),
}

_MISSING = object()


# ---------------------------------------------------------------------------------------------------------------
# Error locations
# ---------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Where:
    """Where a value came from, for error messages: file, persona, row (pair or line) and JSON path."""

    file: Path
    persona: int | None = None
    row: int | None = None
    row_kind: str = "pair"
    path: str = "$"

    def at(self, **changes: Any) -> _Where:
        return replace(self, **changes)

    def fail(self, field: str, expected: str, got: str | None = None, *, value: Any = _MISSING) -> ImportFormatError:
        """The error to raise: names file, persona, row, field and what was expected, then what was found: `got`
        describes it in words, `value` is the offending value itself (shown with repr, shortened)."""
        parts = [str(self.file)]
        if self.persona is not None:
            parts.append(f"persona {self.persona}")
        if self.row is not None:
            parts.append(f"{self.row_kind} {self.row}")
        if self.path != "$":
            parts.append(f"at {self.path}")
        message = f"{', '.join(parts)}: field {field!r}: expected {expected}"
        if value is not _MISSING:
            message += f"; got {_short(value)}"
        elif got is not None:
            message += f"; got {got}"
        return ImportFormatError(message)


def _kind(value: Any) -> str:
    """What a JSON value is, in words, for "got ..." in messages."""
    kinds = ((bool, "a boolean"), (dict, "an object"), (list, "a list"), (str, "a string"), (int, "a number"),
             (float, "a number"))
    return "null" if value is None else next((w for t, w in kinds if isinstance(value, t)), type(value).__name__)


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ---------------------------------------------------------------------------------------------------------------
# Atomic output folders
# ---------------------------------------------------------------------------------------------------------------
@contextmanager
def _staged_folder(out_dir: Path, owned: set[str], fmt: str) -> Iterator[Path]:
    """Yield a temporary sibling of out_dir; on success it replaces out_dir, on failure it is removed.

    An existing out_dir is replaced only when it is empty or holds nothing but what this format writes (a
    previous export), so a mistyped path never deletes unrelated files.
    """
    out_dir = Path(out_dir)
    if out_dir.exists():
        if not out_dir.is_dir():
            raise TideError(f"{out_dir}: exists and is not a folder; expected a folder path for the {fmt} export")
        stray = sorted(p.name for p in out_dir.iterdir() if p.name not in owned)
        if stray:
            raise TideError(f"{out_dir}: holds files a {fmt} export does not write ({', '.join(stray[:5])}); "
                            f"expected an empty folder or a previous {fmt} export")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        yield tmp
        old = None
        if out_dir.exists():
            old = out_dir.parent / f".{out_dir.name}.old-{uuid.uuid4().hex[:8]}"
            out_dir.rename(old)
        try:
            tmp.rename(out_dir)
        except BaseException:
            if old is not None:
                old.rename(out_dir)  # put the previous export back
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _final_paths(out_dir: Path, staged: Path, written: list[Path]) -> list[Path]:
    return sorted(Path(out_dir) / p.relative_to(staged) for p in written)


def _dataset_source(personas: pl.DataFrame, default: str) -> str:
    """Dataset.source: the personas' single source label ("generator", "tide_release"), else joined with "+"."""
    sources = sorted(set(personas["source"].to_list()))
    return "+".join(sources) if sources else default


# ---------------------------------------------------------------------------------------------------------------
# Schema-checked rows (JSON Lines, scenarios.json) and frames (Parquet)
# ---------------------------------------------------------------------------------------------------------------
def _describe(dtype: pl.DataType) -> str:
    if isinstance(dtype, pl.List):
        return "a list of strings"
    return {pl.Int64: "a whole number", pl.String: "a string", pl.Boolean: "true or false"}.get(dtype, str(dtype))


def _fits(value: Any, dtype: pl.DataType) -> bool:
    if isinstance(dtype, pl.List):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if dtype == pl.Int64:
        return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63
    if dtype == pl.Boolean:
        return isinstance(value, bool)
    return isinstance(value, str)


def _check_row(obj: Any, table: str, where: _Where) -> dict:
    """obj checked against the table's schema: exactly its columns, each value of the column's type or NULL."""
    schema = TABLES[table][0]
    if not isinstance(obj, dict):
        raise where.fail("(row)", f"a JSON object with the {table} columns", _kind(obj))
    for column, dtype in schema.items():
        if column not in obj:
            raise where.fail(column, f"{_describe(dtype)} (missing column of {table})", "no such key")
        value = obj[column]
        if value is None:
            if column in NOT_NULL[table]:
                raise where.fail(column, f"{_describe(dtype)} (the column is NOT NULL)", "null")
        elif not _fits(value, dtype):
            raise where.fail(column, _describe(dtype), value=value)
    unknown = sorted(set(obj) - set(schema))
    if unknown:
        raise where.fail(unknown[0], f"only the {table} columns: {', '.join(schema)}", "an unknown key")
    return {column: obj[column] for column in schema}


def _check_dataset(ds: Dataset, files: dict[str, Path]) -> Dataset:
    """Nulls in NOT NULL columns, duplicate keys and dangling persona/scenario references raise, naming the file."""
    frames = {"personas": ds.personas, "scenarios": ds.scenarios, "conversations": ds.conversations,
              "splits": ds.splits}
    for table, frame in frames.items():
        for column in NOT_NULL[table]:
            nulls = frame[column].is_null().arg_true()
            if nulls.len():
                raise _Where(files[table], row=nulls[0] + 1, row_kind="row").fail(
                    column, f"{_describe(TABLES[table][0][column])} (the column is NOT NULL)", "null")
        unique_keys = [list(TABLES[table][1])] + ([["conversation_id"]] if table == "conversations" else [])
        for key_cols in unique_keys:
            dup = frame.select(key_cols).is_duplicated().arg_true()
            if dup.len():
                raise _Where(files[table], row=dup[0] + 1, row_kind="row").fail(
                    ", ".join(key_cols), "a unique key", value=frame.row(dup[0], named=True)[key_cols[0]])
    personas = set(ds.personas["persona_id"].to_list())
    for table, column, known, what in (("conversations", "persona_id", personas, "a persona_id of the personas"),
                                       ("splits", "persona_id", personas, "a persona_id of the personas"),
                                       ("conversations", "scenario_id", set(ds.scenarios["scenario_id"].to_list()),
                                        "a scenario_id of the scenarios or null")):
        for i, value in enumerate(frames[table][column].to_list()):
            if value is not None and value not in known:
                raise _Where(files[table], row=i + 1, row_kind="row").fail(column, what, value=value)
    bad_split = ds.splits.filter(~pl.col("split").is_in(list(SPLITS)))
    if bad_split.height:
        raise _Where(files["splits"], row_kind="row").fail("split", f"one of {', '.join(SPLITS)}",
                                                           value=bad_split["split"][0])
    return ds


def _frames(ds: Dataset) -> dict[str, pl.DataFrame]:
    return {"personas": ds.personas, "scenarios": ds.scenarios, "conversations": ds.conversations,
            "splits": ds.splits}


def sorted_frames(ds: Dataset) -> dict[str, pl.DataFrame]:
    """ds's frames sorted by their key columns, columns in schema order: compare two datasets with .equals."""
    return {table: frame.select(list(TABLES[table][0])).sort(list(TABLES[table][1]))
            for table, frame in _frames(ds).items()}
