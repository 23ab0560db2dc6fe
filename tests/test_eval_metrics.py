"""Automatic metrics on real text with the real MiniLM model: registry conformance, sensible orderings between the
reference and its degraded variants, missing metrics recorded as missing, the embedding cache, idempotent scoring."""

from pathlib import Path

import numpy as np
import pytest

from tide_core.evaluation import factor_classifier as fc
from tide_core.evaluation.embeddings import CachedEncoder, EmbeddingCache, default_encoder
from tide_core.evaluation.metrics import REGISTRY, ScoringBatch, metric_names, score_batch
from tide_core.evaluation.scoring import ensure_classifier, score_responses
from tide_core.evaluation.store import ensure_schema, item_features
from tide_core.evaluation.variants import insert_synthetic_systems
from warehouse.writer import open_readwrite, transaction

ROOT = Path(__file__).resolve().parent.parent
# content-addressed (text hash + model key), so sharing it between runs is safe and keeps reruns fast
SHARED_CACHE = ROOT / "test-artifacts" / "embedding_cache"
TRAINING = fc.TrainingConfig()  # the default: what the stage uses


@pytest.fixture(scope="module")
def encoder():
    return default_encoder(SHARED_CACHE)  # MiniLM on onnxruntime, as the evaluation stage scores


@pytest.fixture(scope="module")
def scored(tmp_path_factory, small_config, encoder):
    """A warehouse with the synthetic systems for 32 conversations, scored (8 left the order checks below to chance:
    with seed 2 only 4 of 8 validate-first replies had both DN and SR found, against 27 of 32)."""
    from tide_core.pipeline.build import build_step

    path = tmp_path_factory.mktemp("scored") / "tide.duckdb"
    build_step(small_config, path)
    with open_readwrite(path) as con:
        ensure_schema(con)
        with transaction(con):
            insert_synthetic_systems(con, 32, seed=2)
        clf = ensure_classifier(con, encoder, TRAINING)
        n = score_responses(con, encoder, clf)
        features = item_features(con)
    return path, clf, n, features


def test_every_registered_scorer_returns_one_row_per_response_and_name(encoder):
    batch = ScoringBatch(["a", "b"], ["I hear how scared you are.", ""], ["That sounds frightening.", "Ref."],
                         [True, False], encoder, None)
    for name, (names, fn) in REGISTRY.items():
        rows = fn(batch)
        assert sorted((r.response_id, r.metric) for r in rows) == sorted((i, m) for i in "ab" for m in names), name
    assert len(score_batch(batch)) == 2 * len(metric_names())


def test_meteor_and_bertscore_are_missing_with_a_reason_not_replaced(encoder):
    batch = ScoringBatch(["a"], ["hello there"], ["hello there"], [False], encoder, None)
    rows = {r.metric: r for r in score_batch(batch)}
    for metric in ("meteor", "bertscore_f1"):
        assert rows[metric].value is None and rows[metric].as_dict()["is_missing"]
        assert "not installed" in rows[metric].missing_reason
    assert rows["factor_er"].missing_reason == "no factor classifier trained"


def test_classifier_is_accurate_on_held_out_personas_and_stored(scored):
    path, clf, _, _ = scored
    assert clf.accuracy["overall"] > 0.8
    assert all(clf.accuracy[c] > 0.85 for c in ("ER", "DN", "SR"))
    with open_readwrite(path) as con:
        again = fc.load_latest(con, clf.embedding_model)
    assert again.version == clf.version and np.allclose(again.weights, clf.weights)


def test_variants_score_in_the_expected_order(scored):
    _, _, n, f = scored
    assert n == 7 * 32
    mean = {s: g for s, g in ((s, f.filter(f["system"] == s)) for s in f["system"].unique())}

    def m(system, col):
        return mean[system][col].mean()

    assert m("synth-reference/reference", "cosine_minilm") == pytest.approx(1.0, abs=1e-4)
    assert m("synth-reference/reference", "rougeL") == pytest.approx(1.0)
    assert m("synth-small/zero_shot", "cosine_minilm") < m("synth-small/fine_tuned", "cosine_minilm") < 0.999
    assert m("synth-small/fine_tuned", "factor_dn") < m("synth-reference/reference", "factor_dn")
    assert m("synth-large/fine_tuned", "validates_first") > m("synth-medium/fine_tuned", "validates_first") + 0.4
    assert m("synth-large/fine_tuned", "n_factors") > 2.5 and m("synth-small/zero_shot", "layered") == 0
    assert m("synth-large/zero_shot", "harm_minimising") == 1 and m("synth-reference/reference", "harm_promises") == 0
    assert m("synth-medium/zero_shot", "n_words") < m("synth-reference/reference", "n_words")


def test_scoring_is_idempotent(scored, encoder):
    path, clf, _, _ = scored
    with open_readwrite(path) as con:
        before = con.execute("SELECT count(*) FROM metric_scores").fetchall()
        assert score_responses(con, encoder, clf) == 0
        assert con.execute("SELECT count(*) FROM metric_scores").fetchall() == before


def test_embedding_cache_persists_and_skips_the_model(tmp_path):
    calls = []

    class Counting:
        key = "fake@1"

        def encode(self, texts):
            calls.append(list(texts))
            return np.eye(8, dtype=np.float32)[[len(t) % 8 for t in texts]]

    first = CachedEncoder(Counting(), EmbeddingCache(tmp_path, "fake@1"))
    v1 = first.encode(["ab", "abc", "ab"])
    assert calls == [["ab", "abc"]]  # each distinct text once
    second = CachedEncoder(Counting(), EmbeddingCache(tmp_path, "fake@1"))  # a new process, same folder
    v2 = second.encode(["abc", "ab"])
    assert calls == [["ab", "abc"]] and second.n_encoded == 0
    assert np.array_equal(v2, v1[[1, 0]])
    assert len(list((tmp_path / "fake@1").glob("*.npz"))) == 1
    other = EmbeddingCache(tmp_path, "other-model")
    assert len(other) == 0  # vectors of different models never mix
