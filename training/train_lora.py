"""Fine-tune a recipe's model with LoRA on the train split, then merge it.

    python -m training.train_lora --recipe smollm2-135m                 # CPU default (time-boxed subset)
    python -m training.train_lora --recipe qwen2.5-0.5b --profile full  # a GPU, all of the train split

Writes artifacts/adapters/<model_id>/ and artifacts/models/<model_id>-ft-merged/, and the run with its training
curve into the warehouse.
"""

from __future__ import annotations

import sys

from training._common import parser, run, setup_logging


def main() -> int:
    args = parser(__doc__.splitlines()[0]).parse_args()
    setup_logging()
    from tide_core.models.merge_lora import merge_adapter, merged_dir
    from tide_core.models.recipe import get_recipe
    from tide_core.models.resolve_weights import resolve_weights
    from tide_core.models.train_lora import fine_tune_lora

    recipe = get_recipe(args.recipe)
    base = resolve_weights(recipe)
    result = fine_tune_lora(recipe, args.warehouse, profile=args.profile, base_dir=base, device=args.device)
    out = merge_adapter(base, result.adapter_dir, merged_dir(recipe.model_id), fingerprint=result.fingerprint)
    print(f"{result.run_id}: {result.steps} steps, {result.tokens} tokens in {result.seconds:.0f} s "
          f"({result.stop_reason}), best validation loss {result.best_val_loss:.3f}; adapter {result.adapter_dir}; "
          f"merged {out}")
    return 0


if __name__ == "__main__":
    sys.exit(run(main))
