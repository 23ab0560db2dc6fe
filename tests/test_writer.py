"""Stage writes: one transaction per batch, keyed inserts that resume without duplicating, file stays readable."""

import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from tide_core.errors import WarehouseError
from warehouse.writer import append_frame, open_readwrite, transaction

MODELS = pl.DataFrame({"model_id": ["a", "b"], "display_name": ["A", "B"], "weights_source": ["test", "test"]})


def test_append_skips_existing_keys(fresh_warehouse):
    with open_readwrite(fresh_warehouse) as con:
        with transaction(con):
            append_frame(con, "models", MODELS)
        with transaction(con):
            append_frame(con, "models", pl.concat([MODELS, MODELS.with_columns(model_id=pl.lit("c"))]))
        assert con.execute("SELECT count(*) FROM models").fetchone() == (3,)


def test_failed_batch_rolls_back(fresh_warehouse):
    with open_readwrite(fresh_warehouse) as con:
        with pytest.raises(RuntimeError):
            with transaction(con):
                append_frame(con, "models", MODELS)
                raise RuntimeError("crash mid-batch")
        assert con.execute("SELECT count(*) FROM models").fetchone() == (0,)


def test_written_file_still_opens_in_the_duckdb_shell(fresh_warehouse):
    with open_readwrite(fresh_warehouse) as con:
        append_frame(con, "models", MODELS)
    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
    out = subprocess.run([cli, "-readonly", str(fresh_warehouse), "-csv", "-c", "SELECT count(*) AS n FROM models"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.split() == ["n", "2"], out.stderr


def test_missing_warehouse(tmp_path):
    with pytest.raises(WarehouseError, match="no warehouse"):
        with open_readwrite(tmp_path / "nope.duckdb"):
            pass
