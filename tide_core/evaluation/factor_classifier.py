"""The empathy-factor sentence classifier: MiniLM sentence embeddings + multinomial logistic regression.

Training data are the reference replies' factor spans: every sentence of a reference reply is labelled with the
factor span it falls in (ER, DN, SR); sentences of client messages form a fourth class, NONE, so that a reply
sentence that is none of the factors has somewhere to go. Training uses train-split personas only and accuracy
is measured on personas of the other splits, so no persona is in both (the same reply templates do recur across
personas, so held-out accuracy is an upper bound for text unlike the references; see docs/methods.md).

The regression is scikit-learn's LogisticRegression (multinomial, L-BFGS) on the L2-penalised mean cross-entropy,
bias not penalised. A fitted classifier is stored in factor_classifier_versions as one weight matrix
((d + 1) x classes, the bias last) and reused by version; versions begin with VERSION_PREFIX, which names the fit
and the weight layout, so a classifier stored by another fit is retrained rather than read.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import numpy as np
import polars as pl
from scipy.special import softmax
from sklearn.linear_model import LogisticRegression

from tide_core.errors import TideError
from tide_core.evaluation import EVAL_VERSION
from tide_core.evaluation.embeddings import Encoder
from tide_core.evaluation.text import sentence_spans
from warehouse.queries import query_relation
from warehouse.writer import append_frame

log = logging.getLogger(__name__)

CLASSES = ("ER", "DN", "SR", "NONE")
# Names the fit and the stored weight layout: bumped when either changes ("fc": the scipy fit of eval-1).
VERSION_PREFIX = "fc2"
_SPAN_COLUMNS = {"ER": ("er_start", "er_end"), "DN": ("dn_start", "dn_end"), "SR": ("sr_start", "sr_end")}


@dataclass(frozen=True)
class TrainingConfig:
    n_train_conversations: int = 160
    n_test_conversations: int = 60
    l2: float = 1e-5
    presence_threshold: float = 0.5
    seed: int = 13


def label_sentences(reply: str, spans: dict[str, tuple[int, int]]) -> list[tuple[str, str]]:
    """(sentence, factor) for each sentence of `reply` whose midpoint lies in a factor span; others are dropped."""
    out = []
    for start, end in sentence_spans(reply):
        mid = (start + end) / 2
        factor = next((f for f, (a, b) in spans.items() if a <= mid < b), None)
        if factor:
            out.append((reply[start:end], factor))
    return out


def _row_spans(row: dict) -> dict[str, tuple[int, int]]:
    return {f: (row[a], row[b]) for f, (a, b) in _SPAN_COLUMNS.items() if row[a] is not None and row[b] is not None}


def labelled_sentences(conversations: pl.DataFrame) -> pl.DataFrame:
    """Frame (persona_id, text, label) from conversations with reference spans and client messages (NONE)."""
    rows = []
    for row in conversations.iter_rows(named=True):
        for text, factor in label_sentences(row["reference_reply"], _row_spans(row)):
            rows.append((row["persona_id"], text, factor))
        for start, end in sentence_spans(row["client_message"]):
            rows.append((row["persona_id"], row["client_message"][start:end], "NONE"))
    return pl.DataFrame(rows, schema={"persona_id": pl.Int64, "text": pl.String, "label": pl.String}, orient="row")


def sample_conversations(con: duckdb.DuckDBPyConnection, cfg: TrainingConfig) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(train, held-out) conversations with spans: train-split personas vs the others, seeded samples."""
    frame = query_relation(con, "eval_classifier_conversations").pl()
    train = frame.filter(pl.col("split") == "train")
    test = frame.filter(pl.col("split") != "train")
    return (train.sample(min(cfg.n_train_conversations, train.height), seed=cfg.seed),
            test.sample(min(cfg.n_test_conversations, test.height), seed=cfg.seed + 1))


def _design(x: np.ndarray) -> np.ndarray:
    return np.hstack([x, np.ones((x.shape[0], 1), dtype=x.dtype)])


def fit_softmax(x: np.ndarray, y: np.ndarray, n_classes: int, l2: float) -> np.ndarray:
    """Weights (d + 1, k) minimising mean cross-entropy + l2/2 * |W|^2 (bias not penalised).

    scikit-learn minimises C * sum(cross-entropy) + |W|^2 / 2, the same objective times 1 / (n * l2). A class absent
    from `y` gets zero weights and a bias 50 below the others', so it is (practically) never predicted.
    """
    model = LogisticRegression(C=1.0 / (len(y) * l2), l1_ratio=0.0, solver="lbfgs", max_iter=500, tol=1e-5)
    model.fit(x.astype(np.float64), y)
    coef, bias = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # binary: one row of weights for class 1; softmax over (0, w) is the same model
        coef, bias = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], bias])
    weights = np.zeros((x.shape[1] + 1, n_classes))
    weights[-1] = bias.min() - 50.0
    weights[:-1, model.classes_] = coef.T
    weights[-1, model.classes_] = bias
    return weights


@dataclass(frozen=True)
class FactorClassifier:
    version: str
    embedding_model: str
    weights: np.ndarray  # (d + 1, len(CLASSES))
    presence_threshold: float
    accuracy: dict[str, float]  # overall, ER, DN, SR, NONE on held-out personas

    def proba(self, embeddings: np.ndarray) -> np.ndarray:
        """Class probabilities (n, 4) in CLASSES order for sentence embeddings (n, d)."""
        if len(embeddings) == 0:
            return np.zeros((0, len(CLASSES)))
        return softmax(_design(embeddings.astype(np.float64)) @ self.weights, axis=1)


def held_out_accuracy(pred: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Overall accuracy and one-vs-rest accuracy per class."""
    out = {"overall": float((pred == y).mean())}
    for k, name in enumerate(CLASSES):
        out[name] = float(((pred == k) == (y == k)).mean())
    return out


def _version(train_texts: list[str], encoder_key: str, cfg: TrainingConfig) -> str:
    h = hashlib.sha1(json.dumps([encoder_key, EVAL_VERSION, cfg.l2, cfg.seed, sorted(train_texts)]).encode())
    return f"{VERSION_PREFIX}-{h.hexdigest()[:12]}"


def train_classifier(con: duckdb.DuckDBPyConnection, encoder: Encoder, cfg: TrainingConfig) -> tuple[
        FactorClassifier, dict]:
    """Fit on train-split personas, measure on the others. Returns the classifier and its provenance row."""
    train_conv, test_conv = sample_conversations(con, cfg)
    train, test = labelled_sentences(train_conv), labelled_sentences(test_conv)
    if train.height == 0 or test.height == 0:
        raise TideError("cannot train the factor classifier: no conversations with factor spans in both the train "
                        "split and the other splits (expected reference replies with er_start..sr_end)")
    index = {c: i for i, c in enumerate(CLASSES)}
    y_train = np.array([index[v] for v in train["label"]])
    y_test = np.array([index[v] for v in test["label"]])
    weights = fit_softmax(encoder.encode(train["text"].to_list()), y_train, len(CLASSES), cfg.l2)
    version = _version(train["text"].to_list(), encoder.key, cfg)
    clf = FactorClassifier(version, encoder.key, weights, cfg.presence_threshold, {})
    acc = held_out_accuracy(clf.proba(encoder.encode(test["text"].to_list())).argmax(axis=1), y_test)
    clf = FactorClassifier(version, encoder.key, weights, cfg.presence_threshold, acc)
    log.info("factor classifier %s: held-out accuracy %s", version, {k: round(v, 3) for k, v in acc.items()})
    return clf, _provenance(clf, train, test, cfg)


def _provenance(clf: FactorClassifier, train: pl.DataFrame, test: pl.DataFrame, cfg: TrainingConfig) -> dict:
    return {
        "version": clf.version, "embedding_model": clf.embedding_model, "classes": list(CLASSES),
        "weights": clf.weights.ravel().tolist(), "n_features": clf.weights.shape[0] - 1,
        "presence_threshold": clf.presence_threshold, "n_train_sentences": train.height,
        "n_test_sentences": test.height, "n_train_personas": train["persona_id"].n_unique(),
        "n_test_personas": test["persona_id"].n_unique(), "accuracy_overall": clf.accuracy["overall"],
        "accuracy_er": clf.accuracy["ER"], "accuracy_dn": clf.accuracy["DN"], "accuracy_sr": clf.accuracy["SR"],
        "accuracy_none": clf.accuracy["NONE"], "seed": cfg.seed, "trained_at": datetime.now(UTC).replace(tzinfo=None),
    }


def load_latest(con: duckdb.DuckDBPyConnection, embedding_model: str) -> FactorClassifier | None:
    """The most recently trained classifier of this fit (VERSION_PREFIX) for this embedding model, or None."""
    rows = query_relation(con, "eval_classifier_latest", embedding_model=embedding_model,
                          version_prefix=f"{VERSION_PREFIX}-").fetchall()
    if not rows:
        return None
    version, weights, d, thr, *acc = rows[0]
    w = np.array(weights, dtype=np.float64).reshape(d + 1, len(CLASSES))
    return FactorClassifier(version, embedding_model, w, thr, dict(zip(("overall", *CLASSES), acc, strict=True)))


def store(con: duckdb.DuckDBPyConnection, provenance: dict) -> None:
    """Insert the classifier's provenance row (skipped when the version exists)."""
    frame = pl.DataFrame([provenance], schema_overrides={"weights": pl.List(pl.Float64),
                                                         "classes": pl.List(pl.String)})
    append_frame(con, "factor_classifier_versions", frame)
