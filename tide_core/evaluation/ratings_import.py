"""Import human ratings from a survey export (CSV or Parquet) with a column mapping, validation and a report.

    report = import_ratings(con, Path("survey.csv"), mapping={"rater_id": "ResponseId", "item": "ItemCode", ...})

Policy (documented in docs/methods.md): rows that pass validation are imported and every rejected row is recorded
with its row number, field and reason (rating_import_rejects), all in ONE transaction with the import's own row
(rating_imports): the warehouse is never half-written. A file that is bad as a whole — unreadable, an unknown
format, a mapped column missing, no data rows, or not a single valid row — raises ImportFormatError naming the
file and changes nothing. Importing the same file with the same mapping again is a no-op (same import_id).

Rows name the rated item by its blind code (what raters saw) or by response_id. Ratings without consent are
rejected, not stored. Imported rows have source = 'imported' and is_simulated = false.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import math
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl

from tide_core.errors import ImportFormatError
from tide_core.evaluation.panel import AGE_BANDS, EDUCATION
from tide_core.evaluation.store import first_row
from warehouse.console import unique_names
from warehouse.queries import query_relation
from warehouse.writer import append_frame, transaction

log = logging.getLogger(__name__)

REQUIRED = ("rater_id", "item", "empathy", "consent")
OPTIONAL = ("rating_id", "emotion_recognition", "distress_normalization", "supportive_reflection", "seconds_spent",
            "attention_check_passed", "age_band", "gender", "education", "created_at")
SCALES = ("empathy", "emotion_recognition", "distress_normalization", "supportive_reflection")
GENDERS = ("woman", "man", "non-binary", "prefer_not_to_say")
TRUE = {"true", "t", "yes", "y", "1", "pass", "passed"}
FALSE = {"false", "f", "no", "n", "0", "fail", "failed"}
MAX_CELL_CHARS = 10_000  # no rating field needs more; a longer cell is refused with its row
MAX_ROW_CHARS = 100_000
UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, kept by errors="surrogateescape"


@dataclass(frozen=True)
class Reject:
    row_number: int
    field: str
    value: str | None
    reason: str
    line: int | None = field(default=None, compare=False)  # line of the file where the row starts (CSV)

    def record(self) -> dict:
        """The columns of rating_import_rejects."""
        return {"row_number": self.row_number, "field": self.field, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class ImportReport:
    import_id: str
    file: str
    n_rows: int
    n_accepted: int
    rejects: list[Reject]
    already_imported: bool = False

    @property
    def n_rejected(self) -> int:
        return len({r.row_number for r in self.rejects})


@dataclass
class Export:
    """A survey export read as text: the frame (one row per data row, all text), rows refused while reading
    (undecodable bytes, oversized rows, a wrong number of cells) by row number, and each row's first line."""

    frame: pl.DataFrame
    refused: dict[int, Reject] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)


def read_export(path: Path) -> Export:
    """The export as all-text columns (validation does the typing). Raises ImportFormatError naming the file when
    the file as a whole cannot be read; single bad rows are refused with their row, line and field instead."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path)
        if suffix == ".parquet":
            return Export(pl.read_parquet(path).select(pl.all().cast(pl.String)))
    except (OSError, pl.exceptions.PolarsError, csv.Error) as exc:
        raise ImportFormatError(f"{path}: cannot read the ratings export ({exc}); expected a {suffix[1:]} file "
                                "with a header row") from exc
    raise ImportFormatError(f"{path}: unknown ratings export format {suffix!r}; expected .csv or .parquet")


def _read_csv(path: Path) -> Export:
    """CSV read row by row, so that one row with bytes that are not UTF-8, a huge cell or too many cells is refused
    alone (with its line) instead of failing the file."""
    text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    csv.field_size_limit(max(len(text), 1 << 17))  # long cells are refused per row below, not by the reader
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise ImportFormatError(f"{path}: no header row; expected a CSV file with column names on line 1")
    bad = [c for c in header if UNDECODED.search(c)]
    if bad:
        raise ImportFormatError(f"{path}: line 1 (the header) is not UTF-8 ({_undecoded(bad[0])}); expected a "
                                "UTF-8 CSV export")
    rows, refused, lines = [], {}, {}
    line = reader.line_num + 1
    for cells in reader:
        if not cells:  # a blank line carries no row
            line = reader.line_num + 1
            continue
        n = len(rows) + 1
        lines[n] = line
        problem = _row_problem(cells, header, n, line)
        if problem:
            refused[n] = problem
            cells = []
        rows.append([(c or None) for c in cells] + [None] * (len(header) - len(cells)))
        line = reader.line_num + 1
    frame = pl.DataFrame(rows, schema={name: pl.String for name in unique_names(header)}, orient="row")
    return Export(frame, refused, lines)


def _row_problem(cells: list[str], header: list[str], n: int, line: int) -> Reject | None:
    if sum(len(c) for c in cells) > MAX_ROW_CHARS or len(cells) > len(header):
        return Reject(n, "(row)", f"{len(cells)} cells, {sum(len(c) for c in cells):,} characters",
                      f"row too large: expected at most {len(header)} cells and {MAX_ROW_CHARS:,} characters",
                      line)
    for column, cell in zip(header, cells, strict=False):
        if UNDECODED.search(cell):
            return Reject(n, column, None, f"not UTF-8 text ({_undecoded(cell)}); expected a UTF-8 export", line)
        if len(cell) > MAX_CELL_CHARS:
            return Reject(n, column, cell[:40] + "...", f"cell of {len(cell):,} characters; expected at most "
                                                         f"{MAX_CELL_CHARS:,}", line)
    return None


def _undecoded(cell: str) -> str:
    at = UNDECODED.search(cell)
    return f"byte 0x{ord(at.group()) - 0xDC00:02X} at character {at.start() + 1}"


def resolve_mapping(frame: pl.DataFrame, mapping: dict[str, str] | None, path: Path) -> dict[str, str]:
    """warehouse field -> export column; unmapped fields default to a column of the same name when present."""
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ImportFormatError(f"{path}: mapping names unknown fields {unknown}; expected some of "
                                f"{list(REQUIRED + OPTIONAL)}")
    for f in REQUIRED + OPTIONAL:
        if f not in mapping and f in frame.columns:
            mapping[f] = f
    missing = [f"{f} (column {mapping[f]!r})" if f in mapping else f for f in REQUIRED
               if mapping.get(f) not in frame.columns]
    absent = [f"{f} -> {c!r}" for f, c in mapping.items() if c not in frame.columns and f not in REQUIRED]
    if missing or absent:
        raise ImportFormatError(f"{path}: required fields without a column: {missing}; mapped columns not in the "
                                f"file: {absent}; the file has columns {frame.columns}")
    return mapping


def _scale(value: str | None, required: bool) -> tuple[int | None, str | None]:
    if value is None or value.strip() == "":
        return None, "required; expected an integer 1-5" if required else None
    try:
        x = float(value)
    except ValueError:
        return None, "expected an integer 1-5"
    if not math.isfinite(x) or x != int(x) or not 1 <= x <= 5:
        return None, "expected an integer 1-5"
    return int(x), None


def _bool(value: str | None) -> tuple[bool | None, str | None]:
    if value is None or value.strip() == "":
        return None, None
    v = value.strip().lower()
    if v in TRUE or v in FALSE:
        return v in TRUE, None
    return None, f"expected one of {sorted(TRUE | FALSE)}"


def _choice(value: str | None, allowed: tuple[str, ...]) -> tuple[str | None, str | None]:
    if value is None or value.strip() == "":
        return None, None
    v = value.strip()
    return (v, None) if v in allowed else (None, f"expected one of {list(allowed)}")


def _items(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Blind code or response id -> response id."""
    out = {r: r for (r,) in query_relation(con, "eval_response_ids").fetchall()}
    out.update(dict(query_relation(con, "eval_blind_codes").fetchall()))
    return out


def _created(value: str | None) -> tuple[datetime | None, str | None]:
    if value is None or value.strip() == "":
        return None, None
    try:
        return datetime.fromisoformat(value.strip()), None
    except ValueError:
        return None, "expected an ISO timestamp, e.g. 2025-03-01T14:05:00"


def validate_row(row: dict, n: int, items: dict[str, str]) -> tuple[dict | None, list[Reject]]:
    """(clean values, problems) for one export row in warehouse field names; n is the 1-based row number."""
    out, problems = {}, []
    long = next((k for k, v in row.items() if isinstance(v, str) and len(v) > MAX_CELL_CHARS), None)
    if long:
        return None, [Reject(n, long, row[long][:40] + "...", f"cell of {len(row[long]):,} characters; expected at "
                                                              f"most {MAX_CELL_CHARS:,}")]

    def check(field: str, parsed: tuple) -> None:
        value, reason = parsed
        out[field] = value
        if reason:
            problems.append(Reject(n, field, row.get(field), reason))

    rater = (row.get("rater_id") or "").strip()
    check("rater_id", (rater or None, None if rater else "required; expected a non-empty rater id"))
    item = (row.get("item") or "").strip()
    check("response_id", (items.get(item), None if item in items else
                          "expected a blind code or response_id known to this warehouse"))
    for f in SCALES:
        check(f, _scale(row.get(f), f == "empathy"))
    consent, reason = _bool(row.get("consent"))
    check("consent", (consent, reason or (None if consent else "no consent: ratings without informed consent are "
                                          "not stored")))
    check("attention_check_passed", _bool(row.get("attention_check_passed")))
    check("age_band", _choice(row.get("age_band"), AGE_BANDS))
    check("gender", _choice(row.get("gender"), GENDERS))
    check("education", _choice(row.get("education"), EDUCATION))
    check("created_at", _created(row.get("created_at")))
    check("seconds_spent", _seconds(row.get("seconds_spent")))
    out["rating_id"] = (row.get("rating_id") or "").strip() or None
    return (None if problems else out), problems


def _seconds(value: str | None) -> tuple[float | None, str | None]:
    if value is None or value.strip() == "":
        return None, None
    try:
        x = float(value)
    except ValueError:
        return None, "expected seconds as a finite number >= 0"
    return (x, None) if math.isfinite(x) and x >= 0 else (None, "expected seconds as a finite number >= 0")


def _cross_row(rows: list[tuple[int, dict]]) -> tuple[list[tuple[int, dict]], list[Reject]]:
    """Reject a second rating of the same item by the same rater, and demographics that contradict the rater's
    first row (a rater has one age band, gender and education)."""
    seen_pairs, demo, kept, rejects = set(), {}, [], []
    for n, r in rows:
        pair = (r["rater_id"], r["response_id"])
        first = demo.setdefault(r["rater_id"], (r["age_band"], r["gender"], r["education"]))
        if pair in seen_pairs:
            rejects.append(Reject(n, "item", r["response_id"], "duplicate: this rater already rated this item in "
                                                                "an earlier row"))
        elif first != (r["age_band"], r["gender"], r["education"]):
            rejects.append(Reject(n, "rater_id", r["rater_id"], f"demographics differ from this rater's first row "
                                                                f"{first}"))
        else:
            seen_pairs.add(pair)
            kept.append((n, r))
    return kept, rejects


def _frames(kept: list[tuple[int, dict]], import_id: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    now = datetime.now(UTC).replace(tzinfo=None)
    raters = {r["rater_id"]: {"rater_id": r["rater_id"], "age_band": r["age_band"], "gender": r["gender"],
                              "education": r["education"], "consent": True, "consented_at": r["created_at"],
                              "source": "imported", "panel_id": None, "created_at": now} for _, r in kept}
    ratings = [{"rating_id": r["rating_id"] or "imp-" + hashlib.sha1(f"{r['rater_id']}|{r['response_id']}".encode())
                .hexdigest()[:16], "rater_id": r["rater_id"], "response_id": r["response_id"],
                **{f: r[f] for f in SCALES}, "seconds_spent": r["seconds_spent"],
                "attention_check_passed": r["attention_check_passed"], "source": "imported", "is_simulated": False,
                "created_at": r["created_at"] or now} for _, r in kept]
    rater_schema = {"age_band": pl.String, "gender": pl.String, "education": pl.String, "panel_id": pl.String,
                    "consented_at": pl.Datetime}
    rating_schema = {f: pl.Int32 for f in SCALES} | {"seconds_spent": pl.Float64, "attention_check_passed": pl.Boolean}
    return (pl.DataFrame(list(raters.values()), schema_overrides=rater_schema, infer_schema_length=None),
            pl.DataFrame(ratings, schema_overrides=rating_schema, infer_schema_length=None))


def _import_id(path: Path, mapping: dict[str, str]) -> str:
    h = hashlib.sha256(path.read_bytes())
    h.update(json.dumps(mapping, sort_keys=True).encode())
    return "imp-" + h.hexdigest()[:16]


def _write(con: duckdb.DuckDBPyConnection, report: ImportReport, path: Path, mapping: dict, raters: pl.DataFrame,
           ratings: pl.DataFrame) -> None:
    meta = {"import_id": report.import_id, "file_name": path.name,
            "file_sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "file_format": path.suffix[1:].lower(),
            "mapping_json": json.dumps(mapping, sort_keys=True), "n_rows": report.n_rows,
            "n_accepted": report.n_accepted, "n_rejected": report.n_rejected,
            "imported_at": datetime.now(UTC).replace(tzinfo=None)}
    rejects = pl.DataFrame([{"import_id": report.import_id, **r.record()} for r in report.rejects],
                           schema={"import_id": pl.String, "row_number": pl.Int32, "field": pl.String,
                                   "value": pl.String, "reason": pl.String})
    with transaction(con):
        append_frame(con, "rating_imports", pl.DataFrame([meta]))
        append_frame(con, "rating_import_rejects", rejects.unique(["row_number", "field"], keep="first"))
        append_frame(con, "raters", raters)
        append_frame(con, "ratings", ratings)


def import_ratings(con: duckdb.DuckDBPyConnection, path: Path, mapping: dict[str, str] | None = None) -> ImportReport:
    """Validate and import one survey export (see the module docstring for the all-or-valid-rows policy)."""
    path = Path(path)
    export = read_export(path)
    frame = export.frame
    mapping = resolve_mapping(frame, mapping, path)
    import_id = _import_id(path, mapping)
    prior = first_row(con, "eval_import_prior", import_id=import_id)
    if prior:
        return ImportReport(import_id, str(path), prior[0], prior[1], [], already_imported=True)
    if frame.is_empty():
        raise ImportFormatError(f"{path}: no data rows; expected one rating per row under a header")
    items = _items(con)
    renamed = frame.select([pl.col(c).alias(f) for f, c in mapping.items()])
    checked, rejects = [], []
    for n, row in enumerate(renamed.iter_rows(named=True), start=1):
        if n in export.refused:
            rejects.append(export.refused[n])
            continue
        clean, problems = validate_row(row, n, items)
        rejects += problems
        if clean:
            checked.append((n, clean))
    kept, more = _cross_row(checked)
    rejects = sorted((replace(r, line=export.lines.get(r.row_number)) if r.line is None else r for r in rejects + more),
                     key=lambda r: (r.row_number, r.field))
    if not kept:
        first = "; ".join(f"row {r.row_number} {r.field}: {r.reason}" for r in rejects[:3]).replace("\n", " ")
        raise ImportFormatError(f"{path}: no valid rating rows, nothing imported (first problems: {first})")
    report = ImportReport(import_id, str(path), frame.height, len(kept), rejects)
    _write(con, report, path, mapping, *_frames(kept, import_id))
    log.info("imported %s: %d of %d rows accepted, %d rejected", path.name, report.n_accepted, report.n_rows,
             report.n_rejected)
    return report
