"""Smoke check of the CUDA path (run on a GPU machine): LoRA steps under bf16 autocast, merge, batched generation.

    python -m training.check_cuda            # prints one line per check; exits 1 if one fails

Uses a tiny random Llama and a tokenizer trained on a few sentences, so it needs no weights and no warehouse
(polars and duckdb are stubbed when absent: nothing here touches the warehouse).
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import types
from pathlib import Path


def _stub_attr(attr: str):
    """Any public name of a stubbed module is a do-nothing callable; dunders stay absent (inspect probes them)."""
    if attr.startswith("__"):
        raise AttributeError(attr)
    return lambda *args, **kwargs: None


for _name in ("polars", "duckdb"):  # imported by modules we load, used only by warehouse code we do not call
    if importlib.util.find_spec(_name) is None:
        _stub = types.ModuleType(_name)
        _stub.__getattr__ = _stub_attr
        sys.modules[_name] = _stub

import torch  # noqa: E402

from tide_core.backends.protocol import DecodingSettings  # noqa: E402
from tide_core.backends.torch_backend import TorchBackend  # noqa: E402
from tide_core.models.chat_format import encode_example  # noqa: E402
from tide_core.models.device import pick_device, use_bf16  # noqa: E402
from tide_core.models.merge_lora import load_adapter_model, merge_adapter  # noqa: E402
from tide_core.models.recipe import parse_recipe  # noqa: E402
from tide_core.models.tiny_models import make_tiny_llama  # noqa: E402
from tide_core.models.train_loop import train_loop  # noqa: E402
from tide_core.models.train_lora import attach_lora, load_base  # noqa: E402

TEXTS = ["I keep seeing the crash when I close my eyes.", "It sounds like the nights are really hard.",
         "Since the fire I check the stove ten times.", "That makes sense after what you went through."] * 30


def main() -> int:
    device = pick_device()
    print(f"device {device}, {torch.cuda.get_device_name() if device.type == 'cuda' else 'cpu'}, torch {torch.__version__}")
    with tempfile.TemporaryDirectory() as tmp:
        base = make_tiny_llama(Path(tmp) / "tiny", TEXTS, vocab_size=300)
        recipe = parse_recipe({"model_id": "tiny", "display_name": "tiny", "family": "llama", "chat_template": "plain",
                               "weights": {"source": "local_dir", "local_dir": str(base)}, "system_prompt": "none",
                               "train": {"max_steps": 6, "epochs": 3, "batch_size": 4, "eval_interval": 3, "lr": 1e-2}}, "tiny")
        model, tok = load_base(base, "plain", device)
        examples = [encode_example(tok, None, TEXTS[i], TEXTS[i + 1], 64) for i in range(0, 40, 2)]
        bf16 = use_bf16("auto", device)
        peft_model = attach_lora(model, recipe, 0)
        res = train_loop(peft_model, examples[:16], examples[16:], tok.pad_token_id, recipe.train, device, bf16)
        print(f"train: bf16={bf16} steps={res.steps} stop={res.stop_reason} "
              f"val {res.curve[0].loss:.3f} -> {res.best_val_loss:.3f}")
        peft_model.save_pretrained(Path(tmp) / "adapter")
        tok.save_pretrained(Path(tmp) / "adapter")
        merged = merge_adapter(base, Path(tmp) / "adapter", Path(tmp) / "merged")
        ids = torch.tensor([examples[0].input_ids])
        with torch.no_grad():
            a = load_adapter_model(base, Path(tmp) / "adapter").to(device)(ids.to(device)).logits
            b = TorchBackend.from_folder("m", merged, chat_template="plain", device="cpu").model(ids).logits
        diff = float((a.cpu() - b).abs().max())
        print(f"merge: max |logit diff| adapter (device) vs merged (cpu) = {diff:.2e}")
        backend = TorchBackend.from_folder("m", merged, chat_template="plain", device=str(device))
        gens = backend.generate_batch(None, TEXTS[:4], DecodingSettings(max_new_tokens=8))
        print(f"generate: dtype {next(backend.model.parameters()).dtype}, {[g.completion_tokens for g in gens]} tokens")
        ok = res.steps == 6 and diff < 1e-3 and all(0 < g.completion_tokens <= 8 for g in gens)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
