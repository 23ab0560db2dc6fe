"""Train a from-scratch GPT-2-style baseline (and its tokenizer) on the train split.

    python -m training.train_scratch --recipe gpt2-scratch-7m
    python -m training.train_scratch --recipe gpt2-scratch-14m --profile full

Writes artifacts/models/<model_id>/ and the run with its training curve into the warehouse.
"""

from __future__ import annotations

import sys

from training._common import parser, run, setup_logging


def main() -> int:
    args = parser(__doc__.splitlines()[0]).parse_args()
    setup_logging()
    from tide_core.models.recipe import get_recipe
    from tide_core.models.train_scratch import train_scratch

    result = train_scratch(get_recipe(args.recipe), args.warehouse, profile=args.profile, device=args.device)
    print(f"{result.run_id}: {result.steps} steps, {result.tokens} tokens in {result.seconds:.0f} s "
          f"({result.stop_reason}), best validation loss {result.best_val_loss:.3f}; model {result.adapter_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
