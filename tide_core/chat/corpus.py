"""The labelled crisis corpus (tide_core/chat/data): loaded, checked, and split into the units the detector scores.

    records = load_corpus()                  # every crisis_corpus/*.jsonl record (training and grouped CV)
    frozen = load_frozen()                   # crisis_frozen_test.jsonl: measured, never tuned on

Records are typed and checked on load: a bad line stops the load with a message naming the file, the line, the
field and what was expected (CorpusError). The corpus is data written apart from the dialogue banks; see
tide_core/chat/data/README.md for how it was written and how to add a message.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from tide_core.chat.taxonomy import LABELS, NEGATIVE_KINDS, NONE, TIERS
from tide_core.errors import TideError

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_DIR = DATA_DIR / "crisis_corpus"
FROZEN_FILE = DATA_DIR / "crisis_frozen_test.jsonl"
MAX_TEXT_CHARS = 5000


class CorpusError(TideError):
    """A corpus file that cannot be used as it is."""


@dataclass(frozen=True)
class CorpusRecord:
    id: str
    concept: str
    label: str
    text: str
    risk_sentence: str | None
    negative_kind: str | None
    turns: tuple[str, ...]  # earlier user messages (context windows); empty for single messages
    file: str
    line: int

    @property
    def is_risk(self) -> bool:
        return self.label != NONE

    @property
    def tier(self) -> str:
        return TIERS.get(self.label, NONE)

    @property
    def group(self) -> str:
        """The evaluation group: the risk category, or the hard-negative kind."""
        return self.label if self.is_risk else f"none:{self.negative_kind}"


def _where(path: Path, line: int) -> str:
    return f"{path.name} line {line}"


def _parse(path: Path, line: int, raw: str) -> CorpusRecord:
    where = _where(path, line)
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        raise CorpusError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}); expected one object per line") from None
    if not isinstance(obj, dict):
        raise CorpusError(f"{where}: expected a JSON object, got {type(obj).__name__}")

    def text_field(name: str, required: bool = True) -> str | None:
        value = obj.get(name)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(f"{where}: field {name!r} must be a non-empty string, got {value!r}")
        if len(value) > MAX_TEXT_CHARS:
            raise CorpusError(f"{where}: field {name!r} has {len(value)} characters; expected at most {MAX_TEXT_CHARS}")
        return value

    rid, concept, label, text = (text_field(n) for n in ("id", "concept", "label", "text"))
    if label not in LABELS:
        raise CorpusError(f"{where}: field 'label' is {label!r}; expected one of {', '.join(LABELS)}")
    risk_sentence = text_field("risk_sentence", required=False)
    kind = text_field("negative_kind", required=False)
    turns = obj.get("turns") or []
    if not isinstance(turns, list) or not all(isinstance(t, str) and t.strip() for t in turns):
        raise CorpusError(f"{where}: field 'turns' must be a list of non-empty strings (earlier user messages)")
    if label == NONE:
        if kind not in NEGATIVE_KINDS:
            raise CorpusError(f"{where}: field 'negative_kind' is {kind!r}; a 'none' record needs one of "
                              f"{', '.join(NEGATIVE_KINDS)}")
        if risk_sentence is not None:
            raise CorpusError(f"{where}: field 'risk_sentence' must be null for a 'none' record")
    else:
        if kind is not None:
            raise CorpusError(f"{where}: field 'negative_kind' must be null for a risk record ({label})")
        if risk_sentence is None and not turns:
            raise CorpusError(f"{where}: field 'risk_sentence' is missing; a {label} message needs the exact "
                              "sentence that carries the risk")
        if risk_sentence is not None and risk_sentence not in text:
            raise CorpusError(f"{where}: field 'risk_sentence' is not an exact substring of 'text'")
    return CorpusRecord(rid, concept, label, text, risk_sentence, kind, tuple(turns), path.name, line)


def read_records(paths: list[Path]) -> list[CorpusRecord]:
    """Every record of `paths`, checked: ids unique across files, each concept under one label."""
    records: list[CorpusRecord] = []
    for path in paths:
        try:
            lines = path.read_bytes().decode("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[:exc.start].count(b"\n") + 1
            raise CorpusError(f"{_where(path, line)}: not UTF-8 ({exc.reason}); save the file as UTF-8") from None
        except OSError as exc:
            raise CorpusError(f"cannot read corpus file {path}: {exc.strerror}") from None
        records += [_parse(path, n, raw) for n, raw in enumerate(lines, 1) if raw.strip()]
    seen: dict[str, CorpusRecord] = {}
    concept_label: dict[str, CorpusRecord] = {}
    for r in records:
        if r.id in seen:
            first = seen[r.id]
            raise CorpusError(f"{_where(Path(r.file), r.line)}: field 'id' {r.id!r} is already used at "
                              f"{_where(Path(first.file), first.line)}; ids must be unique")
        seen[r.id] = r
        other = concept_label.setdefault(r.concept, r)
        if other.label != r.label:
            raise CorpusError(f"{_where(Path(r.file), r.line)}: field 'concept' {r.concept!r} is labelled {r.label} "
                              f"here but {other.label} at {_where(Path(other.file), other.line)}; one concept is "
                              "one idea under one label")
    return records


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise CorpusError(f"no crisis corpus files (*.jsonl) in {folder}")
    return files


def load_corpus(folder: Path = CORPUS_DIR) -> list[CorpusRecord]:
    return read_records(corpus_files(folder))


def load_frozen(path: Path = FROZEN_FILE) -> list[CorpusRecord]:
    if not path.is_file():
        raise CorpusError(f"the frozen crisis test set {path} is missing")
    return read_records([path])


def files_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a chat message: split after . ! ? and at line breaks (chat text often has no full stops)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
