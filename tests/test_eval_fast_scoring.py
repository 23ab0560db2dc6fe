"""The batched scoring path (tide_core.evaluation.metrics) gives the values of the straightforward per-response
computation it replaced (bench/legacy_scoring.py), for every metric: the synthetic systems' replies on a small
warehouse plus edge cases (empty, punctuation only, one word, repeats, duplicated rows, a reply equal to its
reference, risk rows). The embeddings come from a deterministic stand-in encoder, so the check is about the metric
code, not MiniLM's arithmetic."""

import hashlib
import random
import shutil

import numpy as np
import pytest
from rouge_score import rouge_scorer

from bench.legacy_scoring import legacy_score_batch, legacy_score_frame
from tide_core.evaluation.factor_classifier import CLASSES, FactorClassifier
from tide_core.evaluation.metrics import ScoringBatch, lcs_length, metric_names, rouge_tokens, score_batch
from tide_core.evaluation.scoring import score_frame
from tide_core.evaluation.store import ensure_schema, unscored_responses
from tide_core.evaluation.variants import insert_synthetic_systems
from warehouse.writer import open_readwrite, transaction

DIM = 16


class HashEncoder:
    """Unit vectors seeded by each text's hash: the same text always gets the same vector, in any batch."""
    key = "hash@1"

    def __init__(self):
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            v = np.random.default_rng(int(hashlib.sha1(t.encode()).hexdigest()[:12], 16)).normal(size=DIM)
            out[i] = v / np.linalg.norm(v)
        return out


def classifier() -> FactorClassifier:
    weights = np.random.default_rng(3).normal(scale=3.0, size=(DIM + 1, len(CLASSES)))
    return FactorClassifier("fc2-test", HashEncoder.key, weights, 0.5, {})


EDGE = [("", "That sounds frightening."), ("...", "Ref."), ("Okay.", "Okay."), ("so so so so so so", "so what"),
        ("I hear you. I hear you. I hear you. I hear you.", "I hear how hard this is. You are not alone."),
        ("Running, runs, ran; the runner RUNS!", "He runs and running is what runners do."),
        ("Please call or text 988 tonight. Are you safe right now?", "Are you safe? You can call 988."),
        ("Honestly it's not that bad, everything will be okay, I promise.", "It sounds exhausting."),
        ("Café naïve — déjà vu, 10/10 ☺", "déjà vu café"), ("a", "a b c"), ("word word", "")]


@pytest.fixture(scope="module")
def items(small_warehouse, tmp_path_factory):
    path = tmp_path_factory.mktemp("fast") / "tide.duckdb"
    shutil.copy(small_warehouse, path)
    with open_readwrite(path) as con:
        ensure_schema(con)
        with transaction(con):
            insert_synthetic_systems(con, 6, seed=4)
        return unscored_responses(con, ["cosine_minilm"])


def batches(items, clf):
    ids = items["response_id"].to_list() + [f"edge{i}" for i in range(len(EDGE))] + ["dup0", "dup1"]
    hyps = items["response_text"].to_list() + [h for h, _ in EDGE] + items["response_text"].to_list()[:2]
    refs = items["reference_reply"].to_list() + [r for _, r in EDGE] + items["reference_reply"].to_list()[:2]
    risk = items["is_risk"].to_list() + [i % 3 == 0 for i in range(len(EDGE))] + [True, False]
    return (ScoringBatch(ids, hyps, refs, risk, HashEncoder(), clf),
            ScoringBatch(ids, hyps, refs, risk, HashEncoder(), clf))


@pytest.mark.parametrize("with_classifier", [True, False])
def test_fast_path_gives_the_per_response_values_for_every_metric(items, with_classifier):
    fast_batch, old_batch = batches(items, classifier() if with_classifier else None)
    fast, old = score_batch(fast_batch), legacy_score_batch(old_batch)
    assert [(r.response_id, r.metric) for r in fast] == [(r.response_id, r.metric) for r in old]
    assert {r.metric for r in fast} == set(metric_names())
    compared = set()
    for f, o in zip(fast, old, strict=True):
        assert (f.metric_version, f.missing_reason) == (o.metric_version, o.missing_reason), f.metric
        assert (f.value is None) == (o.value is None), (f.metric, f.response_id)
        if f.value is not None:
            assert f.value == pytest.approx(o.value, abs=1e-9, rel=0), (f.metric, f.response_id, f.value, o.value)
            compared.add(f.metric)
    expected = {m for m in metric_names() if m not in ("meteor", "bertscore_f1")}  # missing here: no WordNet / package
    if not with_classifier:
        expected -= {m for m in expected if m.startswith("factor_")} | {"n_factors", "validates_first", "layered"}
    assert compared >= expected
    assert fast_batch.encoder.calls == 1  # every text the batch needs, in one encoder call


def test_score_frame_matches_the_legacy_frame(items):
    clf = classifier()
    fast, old = score_frame(items, HashEncoder(), clf), legacy_score_frame(items, HashEncoder(), clf)
    assert fast.schema == old.schema and fast.height == old.height == items.height * len(metric_names())
    assert fast.drop("value").equals(old.drop("value"))
    assert np.allclose(fast["value"].fill_null(np.nan).to_numpy(), old["value"].fill_null(np.nan).to_numpy(),
                       rtol=0, atol=1e-9, equal_nan=True)


def lcs_table(a, b):
    t = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            t[i][j] = t[i - 1][j - 1] + 1 if a[i - 1] == b[j - 1] else max(t[i - 1][j], t[i][j - 1])
    return t[-1][-1]


def test_bit_parallel_lcs_equals_the_table():
    rng = random.Random(5)
    for _ in range(400):
        a = [rng.choice("abcde") for _ in range(rng.randint(0, 90))]
        b = [rng.choice("abcdef") for _ in range(rng.randint(0, 90))]
        assert lcs_length(a, b) == lcs_table(a, b) == lcs_length(b, a)


def test_rouge_tokens_are_rouge_scores():
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)
    for text, _ in EDGE:
        assert rouge_tokens(text) == scorer._tokenizer.tokenize(text)


def test_safety_flags_without_the_crisis_screen_differ_only_in_the_screen(items):
    from dataclasses import replace

    from tide_core.evaluation.safety_flags import safety_flags

    for text in [h for h, _ in EDGE] + items["response_text"].to_list():
        full, quick = safety_flags(text), safety_flags(text, crisis_screen=False)
        assert quick.crisis_screen_passed is None and replace(full, crisis_screen_passed=None) == quick, text
