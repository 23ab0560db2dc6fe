"""Export and import the dataset: the TIDE release layout (per-persona JSON files), JSON Lines and Parquet.

The published TIDE dataset ("The Pursuit of Empathy: Evaluating Small Language Models for PTSD Dialogue
Support") ships per-persona JSON files:

    metadata/<N>_metadata.json          demographic and behavioural fields of persona N
    conversations/<N>_conversation*.json  that persona's client/chatbot pairs (one file, or one file per pair)

Its exact field names are not documented, so `import_tide` is tolerant of the known variants (speaker keys,
chat-style role/content turns, wrapper objects, "Education Level"-style metadata keys) and strict about anything
else: an unknown layout raises ImportFormatError naming the file, the pair/row, the field and the accepted
forms. Every importer builds the whole Dataset in memory and returns it complete or raises: nothing is ever
half-imported. Every exporter writes into a temporary sibling folder and renames it into place at the end, so a
failed export leaves no partial folder (and a previous export at that path stays intact).

Round trip: for each format in FORMATS, `import(export(ds))` gives frames equal to ds's (same rows after
sorting by key columns, same dtypes). For the TIDE layout this holds for our own exports because they also
carry our extra keys (scenario, spans, risk, source labels); a release file without them imports with NULLs.
Dataset.source is not stored in any format: importers derive it from the personas' source labels.

One module per format: tide_release (the TIDE layout), jsonl, parquet; shared holds the tables, the error
locations, the atomic output folders and the schema checks they share. Import from the package:

    from tide_core.tide_format import FORMATS, export_tide, import_tide, sorted_frames
"""

from __future__ import annotations

import json  # noqa: F401  (tide_format.json: the tests reach json.dumps through it)
from collections.abc import Callable
from pathlib import Path

from tide_core.dataset import Dataset
from tide_core.tide_format.jsonl import MAX_JSONL_LINE_BYTES, _read_jsonl, export_jsonl, import_jsonl
from tide_core.tide_format.parquet import export_parquet, import_parquet
from tide_core.tide_format.shared import DEFAULT_SPLIT_SEED, NOT_NULL, RELEASE_SOURCE, TABLES, sorted_frames
from tide_core.tide_format.tide_release import SPAN_PREFIX, export_tide, import_tide

__all__ = ["DEFAULT_SPLIT_SEED", "FORMATS", "MAX_JSONL_LINE_BYTES", "NOT_NULL", "RELEASE_SOURCE", "SPAN_PREFIX",
           "TABLES", "_read_jsonl", "export_jsonl", "export_parquet", "export_tide", "import_jsonl",
           "import_parquet", "import_tide", "sorted_frames"]

FORMATS: dict[str, tuple[Callable[[Dataset, Path], list[Path]], Callable[[Path], Dataset]]] = {
    "tide": (export_tide, import_tide),
    "jsonl": (export_jsonl, import_jsonl),
    "parquet": (export_parquet, import_parquet),
}
