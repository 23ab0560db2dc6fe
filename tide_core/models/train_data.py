"""Training data from the warehouse: (message, reply) pairs of a split, encoded, grouped by length, padded.

Pairs come from the persona-level split (no persona is in two splits). Batches group examples of similar length
so little compute goes to padding, while the batch order stays shuffled (seeded).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import torch

from tide_core.errors import TideError
from tide_core.models.chat_format import IGNORE, Encoded, encode_example

# Examples sorted by length within pools of this many batches: close lengths, yet batches still vary by epoch.
_POOL_BATCHES = 16


@dataclass(frozen=True)
class Pair:
    conversation_id: str
    message: str
    reply: str


def load_pairs(warehouse_path: Path, split: str, limit: int | None = None, seed: int = 13) -> list[Pair]:
    """The split's pairs; with `limit`, a seeded sample of that many (all when the split is smaller)."""
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query

    with connect_readonly(warehouse_path) as con:
        frame = run_query(con, "models_split_pairs", split=split)
    pairs = [Pair(*row) for row in frame.iter_rows()]
    if not pairs:
        raise TideError(f"the {split!r} split of {warehouse_path} holds no conversations; expected a built dataset")
    if limit is not None and limit < len(pairs):
        pairs = random.Random(seed).sample(pairs, limit)
    return pairs


def encode_pairs(tokenizer, pairs: list[Pair], system: str | None, max_len: int) -> list[Encoded]:
    """Encoded examples; pairs whose prompt alone does not fit are dropped."""
    encoded = [encode_example(tokenizer, system, p.message, p.reply, max_len) for p in pairs]
    kept = [e for e in encoded if e is not None]
    if not kept:
        raise TideError(f"no example fits max_len={max_len}; expected max_len above the prompt length")
    return kept


def length_grouped_batches(examples: list[Encoded], batch_size: int, seed: int) -> list[list[Encoded]]:
    """Batches of similar-length examples, in a seeded random order."""
    rng = random.Random(seed)
    order = list(range(len(examples)))
    rng.shuffle(order)
    pool = batch_size * _POOL_BATCHES
    batches = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: len(examples[i].input_ids))
        batches += [[examples[i] for i in chunk[j:j + batch_size]] for j in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def collate(batch: list[Encoded], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded tensors: input_ids, attention_mask and labels (IGNORE on padding)."""
    width = max(len(e.input_ids) for e in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for row, e in enumerate(batch):
        n = len(e.input_ids)
        ids[row, :n] = torch.tensor(e.input_ids)
        labels[row, :n] = torch.tensor(e.labels)
        mask[row, :n] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def epochs_of_batches(examples: list[Encoded], batch_size: int, seed: int, epochs: int) -> Iterator[list[Encoded]]:
    """Every batch of every epoch, each epoch reshuffled with its own seed."""
    for epoch in range(epochs):
        yield from length_grouped_batches(examples, batch_size, seed + epoch)


def count_tokens(batch: dict[str, torch.Tensor]) -> int:
    return int(batch["attention_mask"].sum())
