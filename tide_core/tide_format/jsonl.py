"""JSON Lines: one file per table (<table>.jsonl), one JSON object a line, checked against the table's schema."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from tide_core.dataset import (
    Dataset,
)
from tide_core.tide_format.shared import (
    TABLES,
    _check_dataset,
    _check_row,
    _dataset_source,
    _final_paths,
    _frames,
    _staged_folder,
    _Where,
)


def export_jsonl(ds: Dataset, out_dir: Path) -> list[Path]:
    """Write personas.jsonl, scenarios.jsonl, conversations.jsonl and splits.jsonl (one JSON object a line,
    columns in schema order, lists as JSON lists, NULL as null) into out_dir, atomically; return the files."""
    names = {f"{table}.jsonl" for table in TABLES}
    with _staged_folder(out_dir, names, "jsonl") as tmp:
        written = []
        for table, frame in _frames(ds).items():
            path = tmp / f"{table}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for row in frame.select(list(TABLES[table][0])).to_dicts():
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            written.append(path)
    return _final_paths(out_dir, tmp, written)


MAX_JSONL_LINE_BYTES = 1 << 20  # a row of any table is a few kB; a longer line is refused, not parsed


def _read_jsonl(file: Path, table: str) -> pl.DataFrame:
    if not file.is_file():
        raise _Where(file).fail("(file)", f"{file.name} with one {table} row per line", "no such file")
    rows = []
    with file.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            where = _Where(file, row=number, row_kind="line")
            text = _jsonl_line(raw, where)
            if not text.strip():
                continue  # blank lines (a trailing newline) carry no row
            try:
                obj = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as exc:
                got = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "nesting too deep"
                raise where.fail("(JSON syntax)", "one JSON object per line", got) from exc
            rows.append(_check_row(obj, table, where))
    return pl.DataFrame(rows, schema=TABLES[table][0])


def _jsonl_line(raw: bytes, where: _Where) -> str:
    """One line as text: refused (naming file and line) when it is too long or not UTF-8."""
    if len(raw) > MAX_JSONL_LINE_BYTES:
        raise where.fail("(line)", f"a line of at most {MAX_JSONL_LINE_BYTES:,} bytes", f"{len(raw):,} bytes")
    try:
        return raw.decode("utf-8-sig" if where.row == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise where.fail("(encoding)", "UTF-8 text", f"byte 0x{raw[exc.start]:02X} at column {exc.start + 1}") from exc


def import_jsonl(in_dir: Path) -> Dataset:
    """Read export_jsonl's four files into a Dataset. Each line must be a JSON object with exactly the table's
    columns and types; errors name the file, line number and field. Keys and references are checked too."""
    in_dir = Path(in_dir)
    files = {table: in_dir / f"{table}.jsonl" for table in TABLES}
    frames = {table: _read_jsonl(file, table) for table, file in files.items()}
    ds = Dataset(**frames, source=_dataset_source(frames["personas"], "generator"))
    return _check_dataset(ds, files)
