"""Arguments and logging shared by the training entry points."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from warehouse import warehouse_path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def parser(description: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--recipe", required=True, help="model_id of a recipe in training/recipes/ (e.g. smollm2-135m)")
    ap.add_argument("--warehouse", type=Path, default=warehouse_path())
    ap.add_argument("--profile", default=None, help="a profile of the recipe, e.g. full (default: its base settings)")
    ap.add_argument("--device", default=None, help="cpu, cuda or cuda:N (default: CUDA when present)")
    return ap


def setup_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")


def run(main) -> int:
    """Call main(); a user-fixable TideError prints one line and exits with status 2."""
    from tide_core.errors import TideError

    try:
        return main() or 0
    except TideError as exc:
        print(f"error: {exc}")
        return 2
