"""The fluency screen's warehouse step (`python -m tide_core quality --fluency`): read the build's reference
replies, score a sample with tide_core.fluency (SmolLM2, torch), and store the rows beside the build's quality
report in dataset_quality_report, replacing an earlier screen of the same build in one transaction.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from tide_core.fluency import fluency_measures
from tide_core.pipeline.build import load_dataset
from tide_core.quality import QualityReport
from warehouse.loader import QUALITY_REPORT_SCHEMA, connect_readonly
from warehouse.queries import build_info_value, load_query
from warehouse.writer import append_frame, open_readwrite, transaction


def store_fluency(warehouse: Path, sample: int = 300, seed: int = 13, worst: int = 20) -> float:
    """Score the warehouse's reply sentences and store the fluency rows beside its quality report
    (dataset_quality_report, the build's fingerprint; an earlier fluency screen of the same build is replaced).
    Returns the seconds scoring took."""
    with connect_readonly(warehouse) as con:
        replies = load_dataset(con).conversations["reference_reply"].to_list()
        fingerprint = build_info_value(con, "config_fingerprint")
    measures, seconds = fluency_measures(replies, sample=sample, seed=seed, worst=worst)
    rows = QualityReport(measures).rows(fingerprint)
    with open_readwrite(warehouse) as con, transaction(con):
        con.execute(load_query("dataset_quality_fluency_delete"), {"fingerprint": fingerprint})
        append_frame(con, "dataset_quality_report", pl.DataFrame(rows, schema=QUALITY_REPORT_SCHEMA),
                     skip_existing=False)
    return seconds
