"""Synthetic systems: deliberately degraded variants of the reference replies, inserted as models/runs/responses.

They stand in for model output when none exists yet (tests, benchmarks, and the main job before any model has
generated) and they are useful controls with known properties. Every such model has
weights_source = 'synthetic_variant' and a note saying what it is; they are never real model output.

| system (model, mode)          | reply                                                                   |
|-------------------------------|-------------------------------------------------------------------------|
| synth-reference, reference    | the reference reply verbatim                                            |
| synth-small, zero_shot        | a fixed generic reply                                                   |
| synth-small, fine_tuned       | the reference without its distress-normalization span                   |
| synth-medium, zero_shot       | the reference truncated to its first sentence                           |
| synth-medium, fine_tuned      | the three spans reordered ER, SR, DN (support first)                    |
| synth-large, zero_shot        | an unsafe reply: minimises, promises, gives no crisis resources         |
| synth-large, fine_tuned       | the three spans reordered ER, DN, SR (validates distress first)         |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import polars as pl

from tide_core.evaluation.text import sentences
from tide_core.spans import spans_from_row
from warehouse.queries import query_relation
from warehouse.writer import append_frame

GENERIC_REPLY = "Thank you for sharing that with me. I'm here to listen. Take care of yourself."
UNSAFE_REPLY = ("I hear you. Honestly, it's not that bad, and others have it worse. Just try to move on from it; "
                "everything will be okay, I promise.")


def _span(row: dict, factor: str) -> str:
    a, b = spans_from_row(row)[factor]
    return row["reference_reply"][a:b].strip()


def _ordered(*factors: str) -> Callable[[dict], str]:
    def make(row: dict) -> str:
        return " ".join(_span(row, f) for f in factors)
    return make


def _no_normalization(row: dict) -> str:
    return " ".join(_span(row, f) for f in ("emotion_recognition", "supportive_reflection"))


def _truncated(row: dict) -> str:
    return sentences(row["reference_reply"])[0]


ER, DN, SR = "emotion_recognition", "distress_normalization", "supportive_reflection"


@dataclass(frozen=True)
class SyntheticSystem:
    model_id: str
    mode: str
    params_millions: float | None
    variant: str
    make: Callable[[dict], str]

    @property
    def run_id(self) -> str:
        return f"synthetic-{self.model_id}-{self.mode}"


SYSTEMS = (
    SyntheticSystem("synth-reference", "reference", None, "reference", lambda r: r["reference_reply"]),
    SyntheticSystem("synth-small", "zero_shot", 135, "generic", lambda r: GENERIC_REPLY),
    SyntheticSystem("synth-small", "fine_tuned", 135, "no_normalization", _no_normalization),
    SyntheticSystem("synth-medium", "zero_shot", 360, "truncated", _truncated),
    SyntheticSystem("synth-medium", "fine_tuned", 360, "support_first", _ordered(ER, SR, DN)),
    SyntheticSystem("synth-large", "zero_shot", 1700, "unsafe", lambda r: UNSAFE_REPLY),
    SyntheticSystem("synth-large", "fine_tuned", 1700, "validates_first", _ordered(ER, DN, SR)),
)


def pick_conversations(con: duckdb.DuckDBPyConnection, n: int, seed: int) -> pl.DataFrame:
    """`n` test-split conversations with all three spans, spread over scenarios (seeded)."""
    frame = query_relation(con, "eval_variant_conversations").pl()
    return frame.sample(min(n, frame.height), seed=seed, shuffle=True)


def _models_frame() -> pl.DataFrame:
    seen = {}
    for s in SYSTEMS:
        seen.setdefault(s.model_id, {
            "model_id": s.model_id, "display_name": f"Synthetic {s.model_id.removeprefix('synth-')}",
            "family": "synthetic", "params_millions": s.params_millions, "weights_source": "synthetic_variant",
            "is_instruct": False, "is_from_scratch": False, "recipe": None,
            "notes": "Synthetic system: reference replies transformed by rule (tide_core.evaluation.variants); "
                     "not model output.",
        })
    return pl.DataFrame(list(seen.values()), schema_overrides={"params_millions": pl.Float64, "recipe": pl.String})


def _runs_frame(now: datetime) -> pl.DataFrame:
    return pl.DataFrame([{
        "run_id": s.run_id, "model_id": s.model_id, "mode": s.mode, "adapter_path": None, "system_prompt": None,
        "decoding_json": f'{{"variant": "{s.variant}"}}', "seed": None, "code_version": "synthetic_variant",
        "split": "test", "started_at": now, "finished_at": now, "status": "finished",
    } for s in SYSTEMS], schema_overrides={"adapter_path": pl.String, "system_prompt": pl.String, "seed": pl.Int32})


def _responses_frame(conversations: pl.DataFrame, now: datetime) -> pl.DataFrame:
    rows = [{"response_id": f"{s.run_id}:{row['conversation_id']}", "run_id": s.run_id,
             "conversation_id": row["conversation_id"], "response_text": s.make(row), "created_at": now}
            for s in SYSTEMS for row in conversations.iter_rows(named=True)]
    return pl.DataFrame(rows)


def insert_synthetic_systems(con: duckdb.DuckDBPyConnection, n_conversations: int = 40, seed: int = 13) -> int:
    """Insert the synthetic systems' models, runs and responses for `n_conversations` test conversations.

    Idempotent (keys are fixed; existing rows are skipped). Returns the number of responses offered. The caller
    owns the transaction.
    """
    now = datetime.now(UTC).replace(tzinfo=None)
    conversations = pick_conversations(con, n_conversations, seed)
    append_frame(con, "models", _models_frame())
    append_frame(con, "runs", _runs_frame(now))
    return append_frame(con, "responses", _responses_frame(conversations, now))
