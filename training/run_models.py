"""The whole models stage on its own (what `python -m tide_core run` calls after the build).

    python -m training.run_models                    # cpu-default profile
    python -m training.run_models --profile full     # every model whose weights are present, all the data
    python -m training.run_models --profile full --launcher accelerate --num-processes 8   # 8 GPUs (docs/scale.md)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from training._common import run, setup_logging
from warehouse import warehouse_path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warehouse", type=Path, default=warehouse_path())
    ap.add_argument("--profile", default="cpu-default", help="cpu-default, cpu-ladder (with two from-scratch models) or full")
    ap.add_argument("--launcher", choices=("none", "accelerate"), default="none")
    ap.add_argument("--num-processes", type=int, default=1)
    ap.add_argument("--strategy", choices=("auto", "ddp", "fsdp"), default="auto")
    ap.add_argument("--engine", choices=("auto", "hf", "vllm"), default="auto")
    args = ap.parse_args()
    setup_logging()
    from tide_core.models.train_distributed import LaunchSpec
    from tide_core.pipeline.models import models_step

    launch = LaunchSpec(args.launcher, args.num_processes, args.strategy)
    print(models_step(args.warehouse, args.profile, progress=lambda msg: print(f"== {msg}", flush=True),
                      launch=launch, engine=args.engine).summary())
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
