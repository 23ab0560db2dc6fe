"""Generation into the warehouse: one runs row and one responses row per (run, conversation), resumable.

    ids = sample_conversations(warehouse, "test", n=32, seed=13)
    generate_responses(warehouse, backend, "zero_shot", ids, settings, run_id="smollm2-135m-zs-...")

Each batch is written in its own short transaction as soon as it is generated, keyed by (run_id,
conversation_id): after an interruption, rerunning the same call skips what is stored and writes the rest, so
the run ends with exactly one row per conversation. The run is marked finished only when all are there.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tide_core.backends.protocol import SYSTEM_PROMPT, Backend, DecodingSettings, Generation
from tide_core.errors import TideError
from tide_core.models import catalog

log = logging.getLogger(__name__)

_RESPONSE_SCHEMA = {"response_id": pl.Utf8, "run_id": pl.Utf8, "conversation_id": pl.Utf8,
                    "response_text": pl.Utf8, "latency_ms": pl.Float64, "prompt_tokens": pl.Int32,
                    "completion_tokens": pl.Int32, "created_at": pl.Datetime("us"), "stop_reason": pl.Utf8}


@dataclass(frozen=True)
class GenerationResult:
    run_id: str
    written: int  # rows written by this call
    skipped: int  # conversations already answered by an earlier call
    seconds: float
    truncated: int = 0  # replies written by this call that the token cap cut (stop_reason max_tokens)


def sample_conversations(warehouse_path: Path, split: str = "test", n: int = 32, seed: int = 13,
                         per_scenario: int | None = None) -> list[str]:
    """A seeded sample of `n` conversation ids of `split`: stable for a seed, whatever order rows are stored in.

    With `per_scenario`, `n` is ignored and the sample is the first `per_scenario` ids of every scenario in the
    same seeded order (all of a scenario's when it has fewer), so every scenario has cells to show.
    """
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query

    with connect_readonly(warehouse_path) as con:
        frame = run_query(con, "models_split_scenarios", split=split)
    if frame.is_empty():
        raise TideError(f"the {split!r} split of {warehouse_path} holds no conversations")
    rank = {cid: hashlib.sha256(f"{seed}:{cid}".encode()).hexdigest() for cid in frame["conversation_id"]}
    ranked = sorted(rank, key=rank.get)
    if per_scenario is None:
        return sorted(ranked[:n])
    scenario = dict(frame.iter_rows())
    picked: dict[str | None, list[str]] = {}
    for cid in ranked:
        group = picked.setdefault(scenario[cid], [])
        if len(group) < per_scenario:
            group.append(cid)
    return sorted(cid for group in picked.values() for cid in group)


def _pending(warehouse_path: Path, run_id: str, conversation_ids: list[str]) -> tuple[list[tuple[str, str]], int]:
    """(conversation_id, client_message) not yet answered in the run, and how many were already answered."""
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query

    with connect_readonly(warehouse_path) as con:
        done = set(run_query(con, "models_run_done", run_id=run_id)["conversation_id"].to_list())
        todo = [cid for cid in conversation_ids if cid not in done]
        frame = run_query(con, "models_messages", ids=todo or [""])
    messages = dict(frame.iter_rows())
    missing = [cid for cid in todo if cid not in messages]
    if missing:
        raise TideError(f"conversation ids not in the warehouse: {missing[:5]}; expected ids of its conversations")
    return [(cid, messages[cid]) for cid in todo], len(conversation_ids) - len(todo)


def _rows(run_id: str, ids: list[str], gens: list[Generation]) -> pl.DataFrame:
    created = catalog.now()
    return pl.DataFrame([{"response_id": f"{run_id}:{cid}", "run_id": run_id, "conversation_id": cid,
                          "response_text": g.text, "latency_ms": g.latency_ms, "prompt_tokens": g.prompt_tokens,
                          "completion_tokens": g.completion_tokens, "created_at": created,
                          "stop_reason": g.stop_reason}
                         for cid, g in zip(ids, gens, strict=True)], schema=_RESPONSE_SCHEMA)


def _write(warehouse_path: Path, frame: pl.DataFrame) -> None:
    from warehouse.writer import append_frame, open_readwrite, transaction

    with open_readwrite(warehouse_path) as con, transaction(con):
        append_frame(con, "responses", frame)


def _set_status(warehouse_path: Path, run_id: str, status: str) -> None:
    from warehouse.writer import open_readwrite

    with open_readwrite(warehouse_path) as con:
        catalog.finish_run(con, run_id, status, catalog.now() if status == "finished" else None)


def _generate(backend: Backend, system: str | None, messages: list[str], settings: DecodingSettings) -> list:
    if getattr(backend, "supports_batch", False) and len(messages) > 1:
        return backend.generate_batch(system, messages, settings)
    return [backend.generate(system, m, settings) for m in messages]


def _open_run(warehouse_path: Path, model_row: dict | None, run: dict) -> None:
    from warehouse.loader import add_new_columns
    from warehouse.queries import load_query
    from warehouse.writer import open_readwrite, transaction

    with open_readwrite(warehouse_path) as con, transaction(con):
        add_new_columns(con)  # a warehouse built before responses had stop_reason
        if model_row is not None:
            catalog.record_model(con, model_row)
        ((known,),) = con.execute(load_query("models_model_exists"), {"model_id": run["model_id"]}).fetchall()
        if not known:
            raise TideError(f"model {run['model_id']!r} is not in the models table; pass model_row= to record it")
        catalog.start_run(con, run)


def generate_responses(warehouse_path: Path, backend: Backend, mode: str, conversation_ids: list[str],
                       settings: DecodingSettings, run_id: str, *, system_prompt: str | None = SYSTEM_PROMPT,
                       adapter_path: Path | None = None, split: str = "test", batch_size: int = 8,
                       model_row: dict | None = None, extra_decoding: dict | None = None,
                       progress: Callable[[int], None] | None = None) -> GenerationResult:
    """Answer every conversation in `conversation_ids` once under `run_id` (see the module docstring).

    `model_row` (catalog.model_row) records the model first; otherwise it must already be in `models`.
    `progress(k)` is called after each batch of k replies. An exception or interrupt marks the run failed and
    propagates; rows already written stay and a rerun completes them.
    """
    started = time.perf_counter()
    decoding = catalog.decoding_json(settings, batch_size=batch_size, **(extra_decoding or {}))
    run = catalog.run_row(run_id, backend.model_id, mode, split=split, system_prompt=system_prompt,
                          decoding=decoding, seed=settings.seed, adapter_path=adapter_path)
    _open_run(warehouse_path, model_row, run)
    todo, skipped = _pending(warehouse_path, run_id, conversation_ids)
    todo.sort(key=lambda item: (len(item[1]), item[0]))  # similar lengths per batch: less padding to decode
    written = truncated = 0
    try:
        for start in range(0, len(todo), batch_size):
            chunk = todo[start:start + batch_size]
            gens = _generate(backend, system_prompt, [m for _, m in chunk], settings)
            _write(warehouse_path, _rows(run_id, [cid for cid, _ in chunk], gens))
            written += len(chunk)
            truncated += sum(g.stop_reason == "max_tokens" for g in gens)
            if progress:
                progress(len(chunk))
    except BaseException:  # an interrupt too: the run is not complete, and a rerun resumes it
        _set_status(warehouse_path, run_id, "failed")
        raise
    _set_status(warehouse_path, run_id, "finished")
    log.info("run %s: %d replies written (%d cut by the token cap), %d already there", run_id, written, truncated,
             skipped)
    return GenerationResult(run_id, written, skipped, time.perf_counter() - started, truncated)
