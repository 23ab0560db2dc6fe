"""Dataset build: shape, distinct scenarios, spans, both factor orders, risk labels, persona splits."""

import polars as pl
import pytest

from tide_core.config import DatasetConfig
from tide_core.dataset import build_dataset, split_of
from tide_core.dialogue import Dialogue


@pytest.fixture(scope="module")
def ds():
    return build_dataset(DatasetConfig(n_personas=60, conversations_per_persona=20, seed=5, risk_share=0.05))


def test_shape_and_ids(ds):
    c = ds.conversations
    assert ds.personas.height == 60 and c.height == 1200
    assert c["conversation_id"].n_unique() == 1200
    assert c.filter(pl.col("persona_id") == 3)["conversation_id"].head(2).to_list() == ["P0003-C01", "P0003-C02"]


def test_each_persona_has_distinct_scenarios(ds):
    per = ds.conversations.group_by("persona_id").agg(pl.col("scenario_id").n_unique().alias("n"), pl.len())
    assert (per["n"] == 20).all() and (per["len"] == 20).all()


def test_spans_cut_the_reply_in_factor_order(ds):
    for row in ds.conversations.head(300).iter_rows(named=True):
        spans = {f: (row[f"{p}_start"], row[f"{p}_end"]) for f, p in
                 (("emotion_recognition", "er"), ("distress_normalization", "dn"), ("supportive_reflection", "sr"))}
        order = tuple(sorted(spans, key=lambda f: spans[f][0]))
        d = Dialogue(row["client_message"], row["reference_reply"], spans, order, row["risk_type"])
        d.check()
        assert d.order_code == row["factor_order"] and d.validates_first == row["validates_first"]


def test_both_orders_and_risk_labels(ds):
    c = ds.conversations
    share = c["validates_first"].mean()
    assert 0.35 < share < 0.65
    risk = c.filter("is_risk")
    assert 20 <= risk.height <= 110  # 5 % of 1,200 = 60
    assert set(risk["risk_type"].to_list()) <= {"hopelessness", "passive_death_wish"}
    assert risk["reference_reply"].str.contains("988").all()
    assert c.filter(~pl.col("is_risk"))["risk_type"].null_count() == c.height - risk.height
    assert not c.filter(~pl.col("is_risk"))["reference_reply"].str.contains("988").any()


def test_no_exact_duplicates(ds):
    c = ds.conversations
    assert c["client_message"].n_unique() == c.height
    assert c["reference_reply"].n_unique() == c.height


def test_deterministic():
    cfg = DatasetConfig(n_personas=5, conversations_per_persona=4, seed=11)
    a, b = build_dataset(cfg), build_dataset(cfg)
    assert a.conversations.equals(b.conversations) and a.personas.equals(b.personas)
    other = build_dataset(DatasetConfig(n_personas=5, conversations_per_persona=4, seed=12))
    assert not a.conversations.equals(other.conversations)


def test_splits_by_persona_stable_and_proportionate(ds):
    s = ds.splits
    assert s["persona_id"].n_unique() == s.height == 60
    cfg = DatasetConfig()
    big = [split_of(i, 13, cfg) for i in range(1, 5001)]
    assert abs(big.count("train") / 5000 - 0.8) < 0.03 and abs(big.count("test") / 5000 - 0.1) < 0.02
    # Adding personas never moves an existing persona to another split.
    assert [split_of(i, 13, cfg) for i in range(1, 101)] == big[:100]
