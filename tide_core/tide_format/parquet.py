"""Parquet: one file per table (<table>.parquet), columns and dtypes checked against the table's schema."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tide_core.dataset import (
    Dataset,
)
from tide_core.tide_format.shared import (
    TABLES,
    _check_dataset,
    _dataset_source,
    _final_paths,
    _frames,
    _staged_folder,
    _Where,
)


def export_parquet(ds: Dataset, out_dir: Path) -> list[Path]:
    """Write one Parquet file per frame (<table>.parquet) into out_dir, atomically; return the files."""
    names = {f"{table}.parquet" for table in TABLES}
    with _staged_folder(out_dir, names, "parquet") as tmp:
        written = []
        for table, frame in _frames(ds).items():
            path = tmp / f"{table}.parquet"
            frame.select(list(TABLES[table][0])).write_parquet(path)
            written.append(path)
    return _final_paths(out_dir, tmp, written)


def _read_parquet(file: Path, table: str) -> pl.DataFrame:
    schema = TABLES[table][0]
    if not file.is_file():
        raise _Where(file).fail("(file)", f"{file.name}, the {table} table as Parquet", "no such file")
    try:
        frame = pl.read_parquet(file)
    except Exception as exc:  # polars raises several error types for a damaged file; all mean the same here
        raise _Where(file).fail("(file)", "a readable Parquet file", f"{type(exc).__name__}: {exc}") from exc
    for column, dtype in schema.items():
        if column not in frame.columns:
            raise _Where(file).fail(column, f"a column of dtype {dtype}", "no such column")
        if frame.schema[column] != dtype:
            raise _Where(file).fail(column, f"dtype {dtype}", f"dtype {frame.schema[column]}")
    unknown = [c for c in frame.columns if c not in schema]
    if unknown:
        raise _Where(file).fail(unknown[0], f"only the {table} columns: {', '.join(schema)}", "an unknown column")
    return frame.select(list(schema))


def import_parquet(in_dir: Path) -> Dataset:
    """Read export_parquet's four files into a Dataset, checking columns and dtypes against the schemas
    (errors name file, column and expected dtype), then NOT NULL columns, keys and references."""
    in_dir = Path(in_dir)
    files = {table: in_dir / f"{table}.parquet" for table in TABLES}
    frames = {table: _read_parquet(file, table) for table, file in files.items()}
    ds = Dataset(**frames, source=_dataset_source(frames["personas"], "generator"))
    return _check_dataset(ds, files)
