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


def _copy_generator(dst):
    """A copy of the generator's files (what generator_version hashes) under dst."""
    import shutil

    from tide_core.generator_version import GENERATOR_PATHS, PACKAGE_ROOT

    for rel in GENERATOR_PATHS:
        src = PACKAGE_ROOT / rel
        if src.is_dir():
            shutil.copytree(src, dst / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dst / rel)
    return dst


def _edit_one_bank_word(root):
    """Change one word in one bank file; returns the file edited."""
    from tide_core.generator_version import generator_files

    banks = [p for p in generator_files(root) if p.suffix in (".yaml", ".yml")] or \
        [p for p in generator_files(root) if "bank" in p.name]
    path = banks[0]
    text = path.read_text()
    word = next(w for w in ("the", "and", "my") if f" {w} " in text)
    path.write_text(text.replace(f" {word} ", f" {word.upper()} ", 1))
    return path


def test_generator_version_hashes_bank_content(tmp_path):
    from tide_core import GENERATOR_VERSION
    from tide_core.generator_version import generator_version

    root = _copy_generator(tmp_path / "gen")
    before = generator_version(root)
    assert before == GENERATOR_VERSION  # the copy hashes like the package: paths are relative, caches left out
    generator_version.cache_clear()
    assert generator_version(root) == before  # unchanged content, same version
    _edit_one_bank_word(root)
    generator_version.cache_clear()
    assert generator_version(root) != before


def test_unchanged_rerun_reuses_and_a_bank_edit_rebuilds(tmp_path, monkeypatch):
    import tide_core.config
    from tide_core.generator_version import generator_version
    from tide_core.pipeline.build import build_step

    cfg = DatasetConfig(n_personas=4, conversations_per_persona=3, seed=2)
    path = tmp_path / "w.duckdb"
    assert not build_step(cfg, path).reused
    assert build_step(cfg, path).reused
    root = _copy_generator(tmp_path / "gen")
    _edit_one_bank_word(root)
    monkeypatch.setattr(tide_core.config, "generator_version", lambda: generator_version(root))
    assert not build_step(cfg, path).reused
    assert build_step(cfg, path).reused
