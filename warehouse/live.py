"""Live writes while others read: ratings, preferences, reviews, raters and crisis counts from the dashboard.

DuckDB lets one read-write holder lock every other process out, and analysts keep the warehouse open in the DuckDB
shell, so the dashboard never writes into the .duckdb file. Instead:

- Each writing process appends one JSON line per record to its own file, `<live>/<kind>/<host>-<pid>-<token>.jsonl`
  (`<live>` is `<warehouse dir>/<warehouse stem>.live/`), under a lock, then `fsync`s, and only then reports success.
  A process killed mid-write leaves at most one torn last line, which it never acknowledged; readers skip it.
- Every record carries a client-made id (uuid4 hex unless the caller supplies one), so a resubmitted record and the
  copies that exist during compaction are de-duplicated by the views.
- The warehouse has one view per kind (`live_ratings`, ...) over those files plus compacted Parquet, with absolute
  paths (a view's relative path would resolve against the reader's working directory). Analysts query them from any
  process, read-only, at any time; the dashboard reads the same views.
- A rebuild of the warehouse replaces the .duckdb file only: the live folder is untouched and the new file's views
  point at it again, so no live record is lost.
- `compact` folds the files of writers that have exited (their lock is free) into one Parquet file per kind, written
  in a temporary folder and renamed into place, then deletes what it folded.

    store = LiveStore.for_warehouse(path)
    rec = store.append("ratings", {"rater_id": "r1", "context": "study", "empathy": 4, ...})
"""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
import re
import socket
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.errors import TideError

log = logging.getLogger(__name__)

ANCHOR = "000-anchor"  # an empty JSONL file and a zero-row Parquet file per kind: globs never match nothing
COMPACTED = "compacted"
TMP = "tmp"
REVIEW_DECISIONS = ("approved", "flagged", "edited")  # what a review can decide (tide_core.review.STATUSES)


class LiveRecordError(TideError, ValueError):
    """A live record that does not fit its kind (names the kind, the field and what was expected)."""


@dataclass(frozen=True)
class Field:
    name: str
    sql_type: str  # VARCHAR, INTEGER, DOUBLE, BOOLEAN, TIMESTAMP
    required: bool = False
    choices: tuple[str, ...] | None = None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    id_field: str
    time_field: str
    fields: tuple[Field, ...]
    fixed: dict[str, object] = field(default_factory=dict)  # values set by the store, not the caller

    def columns(self) -> dict[str, str]:
        return {f.name: f.sql_type for f in self.fields}


def _score(name: str, required: bool = False) -> Field:
    return Field(name, "INTEGER", required, low=1, high=5)


CONTEXTS = ("study", "chat")
MODES = ("zero_shot", "fine_tuned", "reference")
KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("raters", "rater_id", "created_at", (
        Field("rater_id", "VARCHAR", True), Field("role", "VARCHAR", True, ("rater", "clinician")),
        Field("age_band", "VARCHAR"), Field("gender", "VARCHAR"), Field("education", "VARCHAR"),
        Field("consent", "BOOLEAN", True), Field("consented_at", "TIMESTAMP"), Field("source", "VARCHAR"),
        Field("created_at", "TIMESTAMP"),
    ), fixed={"source": "live"}),
    Kind("ratings", "rating_id", "created_at", (
        Field("rating_id", "VARCHAR", True), Field("rater_id", "VARCHAR", True),
        Field("context", "VARCHAR", True, CONTEXTS), Field("response_id", "VARCHAR"), Field("system_id", "VARCHAR"),
        Field("mode", "VARCHAR", False, MODES), _score("empathy", True), _score("emotion_recognition"),
        _score("distress_normalization"), _score("supportive_reflection"), Field("seconds_spent", "DOUBLE", low=0),
        Field("is_attention_check", "BOOLEAN"), Field("attention_check_passed", "BOOLEAN"), Field("blind", "BOOLEAN"),
        Field("source", "VARCHAR"), Field("created_at", "TIMESTAMP"),
    ), fixed={"source": "live"}),
    Kind("preferences", "preference_id", "created_at", (
        Field("preference_id", "VARCHAR", True), Field("rater_id", "VARCHAR", True),
        Field("context", "VARCHAR", True, CONTEXTS), Field("response_a", "VARCHAR"), Field("response_b", "VARCHAR"),
        Field("system_a", "VARCHAR"), Field("system_b", "VARCHAR"), Field("mode_a", "VARCHAR", False, MODES),
        Field("mode_b", "VARCHAR", False, MODES), Field("choice", "VARCHAR", True, ("a", "b", "tie", "both_bad")),
        Field("blind", "BOOLEAN"), Field("source", "VARCHAR"), Field("created_at", "TIMESTAMP"),
    ), fixed={"source": "live"}),
    Kind("reviews", "review_id", "reviewed_at", (
        Field("review_id", "VARCHAR", True), Field("conversation_id", "VARCHAR", True),
        Field("status", "VARCHAR", True, REVIEW_DECISIONS), Field("reviewer", "VARCHAR", True),
        Field("notes", "VARCHAR"), Field("edited_reply", "VARCHAR"), Field("reviewed_at", "TIMESTAMP"),
    )),
    Kind("crisis_events", "event_id", "created_at", (
        Field("event_id", "VARCHAR", True), Field("session_id", "VARCHAR", True),
        Field("detected_in", "VARCHAR", True, ("user_message", "model_reply", "reply_replaced")),
        Field("system_id", "VARCHAR"), Field("category", "VARCHAR", True), Field("reason", "VARCHAR"),
        Field("created_at", "TIMESTAMP"),
    )),
)}


KIND_DOCS = {
    "raters": "Raters and clinicians who consented in the dashboard (Rate page onboarding, Chat demo), live.",
    "ratings": "Ratings made in the dashboard (Rate page study items and Chat demo replies), live; one row per id.",
    "preferences": "Side-by-side preferences made in the Chat demo (or other live tools), live; one row per id.",
    "reviews": "Clinical reviews made on the Review page, live; every event kept (see v_review_history).",
    "crisis_events": "Crisis language detected in the Chat demo, and unsafe replies to it replaced: counted by category, "
                     "never with the message text.",
}
COLUMN_DOCS = {
    "rater_id": "Rater id (client-made; chat sessions use the clinician session id).",
    "role": "rater (Rate page study) or clinician (Chat demo).",
    "age_band": "Age band the rater gave (or prefer_not_to_say).",
    "gender": "Gender the rater gave (or prefer_not_to_say).",
    "education": "Education the rater gave (or prefer_not_to_say).",
    "consent": "The rater consented (always true: no consent, no record).",
    "consented_at": "When the rater consented (UTC).",
    "source": "Always live: written by the dashboard or the ingest endpoint, not simulated.",
    "created_at": "When the record was written (UTC).",
    "rating_id": "Rating id, made by the client so that resubmits are recognised.",
    "context": "study (Rate page item from the warehouse) or chat (a live Chat demo reply).",
    "response_id": "The rated warehouse response (study items); null for chat replies, which are not stored.",
    "system_id": "The system that wrote the rated reply (a model id, or claude).",
    "mode": "zero_shot, fine_tuned or reference.",
    "empathy": "Perceived empathy, 1 (not at all) to 5 (very).",
    "emotion_recognition": "Emotion recognition, 1-5.",
    "distress_normalization": "Distress normalization, 1-5.",
    "supportive_reflection": "Supportive reflection, 1-5.",
    "seconds_spent": "Seconds the rater spent on the item.",
    "is_attention_check": "The item was an attention check, not a real reply.",
    "attention_check_passed": "The rater answered the attention check as instructed.",
    "blind": "The rater did not see which system wrote the reply.",
    "preference_id": "Preference id, made by the client.",
    "response_a": "Warehouse response shown as A (null for chat replies).",
    "response_b": "Warehouse response shown as B (null for chat replies).",
    "system_a": "System behind reply A.",
    "system_b": "System behind reply B.",
    "mode_a": "Mode of reply A (zero_shot, fine_tuned, reference).",
    "mode_b": "Mode of reply B.",
    "choice": "a, b, tie (both equally good) or both_bad (neither acceptable).",
    "review_id": "Review event id, made by the client.",
    "conversation_id": "The reviewed conversation.",
    "status": "approved, flagged or edited.",
    "reviewer": "Name the reviewer entered.",
    "notes": "Reviewer notes.",
    "edited_reply": "The edited reference reply (status edited).",
    "reviewed_at": "When the review was made (UTC).",
    "event_id": "Crisis event id.",
    "session_id": "Chat session id (random per browser session; no personal data).",
    "detected_in": "user_message (the person's message or the last three together), model_reply (crisis language in "
                   "a reply) or reply_replaced (a reply to a crisis turn failed the safety screen and was replaced).",
    "category": "Crisis category the detector matched (e.g. suicidal_plan, self_harm); for reply_replaced, the "
                "category of the turn.",
    "reason": "reply_replaced only: the first problem the screen found (praises, minimises, false_reassurance, "
              "secrecy, harm_in_reply, does_not_engage).",
}


def live_dir_for(warehouse: Path) -> Path:
    """The live folder that belongs to a warehouse file: `<dir>/<stem>.live`."""
    warehouse = Path(warehouse).resolve()
    return warehouse.with_name(f"{warehouse.stem}.live")


def now_iso() -> str:
    """UTC now as a naive ISO timestamp (what the TIMESTAMP columns hold)."""
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


# A full ISO 8601 date and time (seconds and fraction optional), with an optional UTC offset; "20240101" or a date
# alone is refused rather than read as something else.
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?")


def utc_timestamp(value: str) -> str:
    """An ISO timestamp as the naive UTC text the TIMESTAMP columns hold: an offset is applied (not dropped), a
    timestamp without one is taken as UTC already. ValueError for anything else."""
    if not isinstance(value, str) or not ISO_TIMESTAMP.fullmatch(value):
        raise ValueError(value)
    when = datetime.fromisoformat(value)
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.isoformat(timespec="microseconds")


def _check_text(where: str, f: Field, value: object) -> str:
    if not isinstance(value, str) or (f.required and not value.strip()):
        raise LiveRecordError(f"{where}: expected non-empty text, got {value!r:.80}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise LiveRecordError(f"{where}: expected valid Unicode text (no lone surrogates)") from None
    if f.choices and value not in f.choices:
        raise LiveRecordError(f"{where}: expected one of {', '.join(f.choices)}, got {value!r:.80}")
    return value


def _check_number(where: str, f: Field, value: object) -> int | float:
    whole = f.sql_type == "INTEGER"
    if (isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value)
            or (whole and value != int(value))):
        raise LiveRecordError(f"{where}: expected {'a whole number' if whole else 'a finite number'}, "
                              f"got {value!r:.80}")
    value = int(value) if whole else float(value)
    if (f.low is not None and value < f.low) or (f.high is not None and value > f.high):
        bounds = f"between {f.low:g} and {f.high:g}" if f.high is not None else f"at least {f.low:g}"
        raise LiveRecordError(f"{where}: expected a value {bounds}, got {value!r}")
    return value


def _check_value(kind: Kind, f: Field, value: object) -> object:
    where = f"live {kind.name} record, field {f.name!r}"
    if value is None:
        if f.required:
            raise LiveRecordError(f"{where}: a value is required")
        return None
    t = f.sql_type
    if t == "VARCHAR":
        return _check_text(where, f, value)
    if t == "BOOLEAN":
        if not isinstance(value, bool):
            raise LiveRecordError(f"{where}: expected true or false, got {value!r:.80}")
        return value
    if t in ("INTEGER", "DOUBLE"):
        return _check_number(where, f, value)
    try:
        return utc_timestamp(value)
    except ValueError:
        raise LiveRecordError(f"{where}: expected an ISO timestamp such as 2025-03-01T14:05:00+00:00, "
                              f"got {value!r:.80}") from None


def validate(kind_name: str, record: dict) -> dict:
    """The record completed (id, timestamp, fixed values) and checked; LiveRecordError on the first problem."""
    kind = KINDS.get(kind_name)
    if kind is None:
        raise LiveRecordError(f"unknown live record kind {kind_name!r}; expected one of {', '.join(KINDS)}")
    unknown = sorted(set(record) - set(kind.columns()))
    if unknown:
        raise LiveRecordError(f"live {kind_name} record: unknown field {unknown[0]!r}; expected fields "
                              f"{', '.join(kind.columns())}")
    out = dict(record)
    out.setdefault(kind.id_field, uuid.uuid4().hex)
    if out.get(kind.time_field) is None:
        out[kind.time_field] = now_iso()
    out.update(kind.fixed)
    checked = {f.name: _check_value(kind, f, out.get(f.name)) for f in kind.fields}
    if kind_name == "raters" and checked["consent"] is not True:
        raise LiveRecordError("live raters record, field 'consent': expected true (no consent, no record)")
    if kind_name == "reviews" and checked["status"] == "edited" and not (checked["edited_reply"] or "").strip():
        raise LiveRecordError("live reviews record, field 'edited_reply': expected the edited text when status is "
                              "'edited'")
    return checked


class _Writer:
    """This process's append file for one kind: opened once, exclusively flock-ed for the process lifetime (so
    `compact` can tell live files from files of exited writers), guarded by a thread lock."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        token = uuid.uuid4().hex[:8]
        self.path = folder / f"{socket.gethostname()}-{os.getpid()}-{token}.jsonl"
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        self.lock = threading.Lock()

    def write(self, lines: list[str]) -> None:
        data = "".join(line + "\n" for line in lines).encode()
        with self.lock:
            written = 0
            while written < len(data):
                written += os.write(self.fd, data[written:])
            os.fsync(self.fd)


_WRITERS: dict[tuple[int, str], _Writer] = {}
_WRITERS_LOCK = threading.Lock()


class LiveStore:
    """Append-only store of live records next to a warehouse file."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).resolve()

    @classmethod
    def for_warehouse(cls, warehouse: Path) -> LiveStore:
        return cls(live_dir_for(warehouse))

    def ensure(self) -> LiveStore:
        """Create the folders and each kind's anchors (an empty JSONL file, a zero-row Parquet file)."""
        for kind in KINDS.values():
            kdir = self.folder / kind.name
            (kdir / COMPACTED).mkdir(parents=True, exist_ok=True)
            anchor = kdir / f"{ANCHOR}.jsonl"
            if not anchor.exists():
                anchor.touch()
            pq = kdir / COMPACTED / f"{ANCHOR}.parquet"
            if not pq.exists():
                self._write_parquet(kind, f"SELECT * FROM ({_typed_empty(kind)})", pq)
        return self

    def append(self, kind: str, record: dict) -> dict:
        """Validate, write durably (fsync) and return the stored record."""
        return self.append_many(kind, [record])[0]

    def append_many(self, kind: str, records: list[dict]) -> list[dict]:
        """Validate all, then write all durably (fsync): a bad record stops the call before anything is written."""
        return self.write_checked(kind, [validate(kind, r) for r in records])

    def write_checked(self, kind: str, checked: list[dict]) -> list[dict]:
        """Write records `validate` returned, durably (fsync) by the time this returns (the ingest endpoint checks
        each request's records on arrival, then writes the requests of a batch together)."""
        if checked:
            self._writer(kind).write([json.dumps(r, ensure_ascii=False) for r in checked])
        return checked

    def _writer(self, kind: str) -> _Writer:
        key = (os.getpid(), str(self.folder / kind))
        with _WRITERS_LOCK:
            writer = _WRITERS.get(key)
            if writer is None:
                self.ensure()
                writer = _WRITERS[key] = _Writer(self.folder / kind)
            return writer

    # ---- reading and compaction -------------------------------------------------------------------------------
    def source_sql(self, kind_name: str) -> str:
        """SELECT over every stored copy of a kind's records (JSONL and compacted Parquet), torn lines skipped,
        de-duplicated by id (the first written copy wins)."""
        kind = KINDS[kind_name]
        kdir = _sql_str(str(self.folder / kind.name))
        return _first_copy(kind, [_jsonl_sql(kind, f"'{kdir}/*.jsonl'"),
                                  f"SELECT * FROM read_parquet('{kdir}/{COMPACTED}/*.parquet')"])

    def view_sql(self) -> list[str]:
        return [f"CREATE OR REPLACE VIEW live_{k} AS\n{self.source_sql(k)}" for k in KINDS]

    def files(self) -> list[Path]:
        return sorted(p for kind in KINDS for p in (self.folder / kind).glob("*.jsonl"))

    def version(self) -> tuple:
        """A cheap fingerprint of the stored files (names and sizes): changes whenever a record lands."""
        out = []
        for kind in KINDS:
            for sub in (self.folder / kind, self.folder / kind / COMPACTED):
                try:
                    with os.scandir(sub) as it:
                        out.extend((e.path, e.stat().st_size) for e in it if e.is_file())
                except FileNotFoundError:
                    pass
        return tuple(sorted(out))

    def compact(self) -> dict[str, int]:
        """Fold the JSONL files of exited writers and the earlier Parquet files of each kind into one Parquet file.
        Files whose writer still runs (their lock is held) are left alone. Returns records per kind afterwards."""
        self.ensure()
        counts = {}
        for kind in KINDS.values():
            kdir = self.folder / kind.name
            closed, locks = [], []
            for p in sorted(kdir.glob("*.jsonl")):
                if p.name.startswith(ANCHOR):
                    continue
                fd = os.open(p, os.O_RDONLY)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                closed.append(p)
                locks.append(fd)
            try:
                old_pq = [p for p in (kdir / COMPACTED).glob("*.parquet") if not p.name.startswith(ANCHOR)]
                if not closed and len(old_pq) <= 1:
                    counts[kind.name] = self._count(kind)
                    continue
                sources = [f"SELECT * FROM read_parquet('{_sql_str(str(kdir / COMPACTED))}/*.parquet')"]
                if closed:
                    sources.append(_jsonl_sql(kind, "[" + ", ".join(f"'{_sql_str(str(p))}'" for p in closed) + "]"))
                select = f"{_first_copy(kind, sources)} ORDER BY {kind.time_field}"
                name = f"{now_iso().replace(':', '').replace('.', '')}-{uuid.uuid4().hex[:8]}.parquet"
                self._write_parquet(kind, select, kdir / COMPACTED / name)
                for p in [*closed, *old_pq]:
                    p.unlink(missing_ok=True)
            finally:
                for fd in locks:
                    os.close(fd)
            counts[kind.name] = self._count(kind)
        return counts

    def counts(self) -> dict[str, int]:
        """Records per kind (after de-duplication)."""
        self.ensure()
        return {name: self._count(kind) for name, kind in KINDS.items()}

    def _count(self, kind: Kind) -> int:
        with duckdb.connect() as con:
            return con.sql(f"SELECT count(*) FROM ({self.source_sql(kind.name)})").fetchall()[0][0]

    def _write_parquet(self, kind: Kind, select: str, dest: Path) -> None:
        """Write to the tmp folder (outside every glob), then rename into place: readers never see half a file."""
        tmp_dir = self.folder / TMP
        tmp_dir.mkdir(parents=True, exist_ok=True)
        tmp = tmp_dir / f"{dest.name}.{os.getpid()}.part"
        with duckdb.connect() as con:
            con.execute(f"COPY ({select}) TO '{_sql_str(str(tmp))}' (FORMAT parquet)")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)


def _jsonl_sql(kind: Kind, files: str) -> str:
    """SELECT over JSONL files (a glob or a list literal) typed by the kind's columns; a torn last line left by a
    killed writer reads as all-null and is dropped."""
    cols = ", ".join(f"'{c}': '{t}'" for c, t in kind.columns().items())
    return (f"SELECT * FROM read_json({files}, format = 'newline_delimited', columns = {{{cols}}}, "
            f"ignore_errors = true) WHERE {kind.id_field} IS NOT NULL")


def _first_copy(kind: Kind, sources: list[str]) -> str:
    """The union of `sources` with one row per id: the first written copy (resubmits and compaction leave more)."""
    union = "\n    UNION ALL BY NAME\n    ".join(sources)
    return (f"SELECT * FROM (\n    {union}\n)\n"
            f"QUALIFY row_number() OVER (PARTITION BY {kind.id_field} ORDER BY {kind.time_field}) = 1")


def _typed_empty(kind: Kind) -> str:
    return "SELECT " + ", ".join(f"NULL::{t} AS {c}" for c, t in kind.columns().items()) + " LIMIT 0"


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def install_views(con: duckdb.DuckDBPyConnection, warehouse: Path) -> None:
    """Create (or point again) the live_* views of the warehouse open on `con` at its live folder."""
    store = LiveStore.for_warehouse(warehouse).ensure()
    for ddl in store.view_sql():
        con.execute(ddl)
    for name, kind in KINDS.items():
        con.execute(f"COMMENT ON VIEW live_{name} IS '{_sql_str(KIND_DOCS[name])}'")
        for col in kind.columns():
            con.execute(f"COMMENT ON COLUMN live_{name}.{col} IS '{_sql_str(COLUMN_DOCS[col])}'")
