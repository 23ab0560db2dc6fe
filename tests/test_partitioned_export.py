"""`export --format tables --partition-by model,scenario`: Hive-style Parquet folders that a query engine reads
back to the same rows, each row in the folder of its model and scenario (traced through runs, responses and
conversations), unpartitionable tables as one file, and bad keys refused."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from tide_core.backends.protocol import DecodingSettings, Generation
from tide_core.cli import main
from tide_core.errors import TideError
from tide_core.models import catalog
from tide_core.models.generate import generate_responses, sample_conversations
from tide_core.models.recipe import parse_recipe
from warehouse.partitioned_export import export_partitioned, parse_partition_by, table_query


class Echo:
    """A backend that answers every message with its first words (no model needed)."""

    supports_batch = False

    def __init__(self, model_id: str):
        self.model_id = model_id

    def generate(self, system, message, settings):
        return Generation(" ".join(message.split()[:5]), 10, 5, 1.0, "end_turn")


@pytest.fixture(scope="module")
def answered(small_warehouse, tmp_path_factory):
    """A copy of the small warehouse with two systems' replies and a metric score per reply."""
    path = tmp_path_factory.mktemp("part") / "tide.duckdb"
    shutil.copy(small_warehouse, path)
    ids = sample_conversations(path, "test", 12, seed=3)
    for model_id in ("model-a", "model-b"):
        recipe = parse_recipe({"model_id": model_id, "display_name": model_id, "family": "x",
                               "weights": {"source": "local_dir", "local_dir": "x"}}, f"{model_id}.yaml")
        generate_responses(path, Echo(model_id), "zero_shot", ids, DecodingSettings(), f"{model_id}-zs",
                           model_row=catalog.model_row(recipe, 1.0))
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO metric_scores (response_id, metric, value, metric_version) SELECT response_id, "
                    "'length', length(response_text), 'test' FROM responses")
    return path


def _read(folder, table, hive=True):
    with duckdb.connect() as con:
        return con.sql(f"SELECT * FROM read_parquet('{folder}/{table}/**/*.parquet', "
                   f"hive_partitioning = {str(hive).lower()})").pl()


def test_every_row_lands_in_the_folder_of_its_model_and_scenario(answered, tmp_path):
    out = tmp_path / "exports"
    written = export_partitioned(answered, out, ("model", "scenario"))
    assert all(p.suffix == ".parquet" and p.is_relative_to(out) for p in written)
    with duckdb.connect(str(answered), read_only=True) as con:
        truth = dict(((rid, (m, s)) for rid, m, s in con.execute(
            "SELECT x.response_id, r.model_id, c.scenario_id FROM responses x JOIN runs r USING (run_id) "
            "JOIN conversations c USING (conversation_id)").fetchall()))
        counts = dict(con.execute("SELECT 'personas', count(*) FROM personas UNION ALL SELECT 'conversations', "
                                  "count(*) FROM conversations").fetchall())
        scenarios = {s for (s,) in con.execute("SELECT DISTINCT scenario_id FROM conversations").fetchall()}
    for table in ("responses", "metric_scores"):
        frame = _read(out, table)
        assert frame.height == len(truth)
        assert {(r["response_id"], (r["model"], r["scenario"])) for r in frame.iter_rows(named=True)} == \
            set(truth.items())
    folders = {p.relative_to(out / "responses").parent.as_posix() for p in (out / "responses").rglob("*.parquet")}
    assert {f.split("/")[0] for f in folders} == {"model=model-a", "model=model-b"}
    assert all(f.split("/")[1].startswith("scenario=") for f in folders)
    assert _dirs(out / "conversations") == {f"scenario={s}" for s in scenarios}  # scenario only
    assert _read(out, "conversations").height == counts["conversations"]
    assert (out / "personas" / "part-0.parquet").is_file()  # no key: one file
    assert _read(out, "personas", hive=False).height == counts["personas"]
    assert "model" not in _read(out, "training_log", hive=False).columns  # an empty table keeps its schema


def _dirs(folder):
    return {p.relative_to(folder).parent.as_posix() for p in folder.rglob("*.parquet")}


def test_model_only_partitions_and_the_queries_joins():
    sql, used = table_query("ratings", ["rating_id", "response_id", "score"], ("model",))
    assert used == ["model"] and "runs AS r ON r.run_id = x.run_id" in sql and "conversations" not in sql
    sql, used = table_query("personas", ["persona_id", "age"], ("model", "scenario"))
    assert used == [] and "JOIN" not in sql
    with pytest.raises(TideError, match="already has a column"):
        table_query("odd", ["model", "x"], ("model",))


def test_bad_keys_and_formats_are_refused(answered, tmp_path, capsys):
    assert parse_partition_by("model, scenario") == ("model", "scenario")
    for bad in ("persona", "model,model", ""):
        with pytest.raises(TideError, match="expected a comma-separated subset"):
            parse_partition_by(bad)
    assert main(["export", "--warehouse", str(answered), "--format", "jsonl", "--partition-by", "model",
                 "--out", str(tmp_path / "x")]) == 2
    assert "--partition-by goes with --format tables" in capsys.readouterr().err
    assert main(["export", "--warehouse", str(answered), "--format", "tables", "--partition-by", "model",
                 "--out", str(tmp_path / "y")]) == 0
    assert (tmp_path / "y" / "responses" / "model=model-a").is_dir()
