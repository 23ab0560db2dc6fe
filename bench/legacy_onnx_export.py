"""The hand-written ONNX export as it was before tide_core/models/onnx_export.py moved onto onnxruntime-genai's model
builder, kept only as the named baseline that bench/bench_onnx.py measures the builder against, in the same run
(plain torch.onnx.export of a KV-cache wrapper, verified against torch's logits, plus a 4-bit MatMulNBits copy).
Its generator is bench/legacy_onnx_generate.py. Not used by the project.

    .venv/bin/python bench/bench_onnx.py      # exports with both, times both

    from bench.legacy_onnx_export import export_onnx
    folder = export_onnx(Path("artifacts/models/smollm2-135m-instruct"), quantize=("q4",))  # -> artifacts/onnx-legacy/...

The graph is plain `torch.onnx.export(..., dynamo=True)` of a wrapper (no optimum: it cannot run beside
transformers 5, see shared/MODELS.md). Inputs: input_ids, attention_mask (its own length: past + new),
position_ids and past_key_values.<layer>.key/value; outputs: the last position's logits and present.<layer>.key/value.
Only the last position's logits are computed (logits_to_keep=1): the prompt step then skips a
(prompt length x vocabulary) matrix product, which is most of the time to first token.

The output folder holds model.onnx (+ model.int8.onnx / model.q4.onnx when asked), the tokenizer files and manifest.json (model
id, source, stop tokens, chat template, shapes, dtype, export time, the measured logits difference to torch). It is
written into a temporary sibling folder and renamed into place only when complete and verified.
Works for Llama-style models (SmolLM2, Llama, Qwen2, Mistral...) whose forward takes a DynamicCache; tested on Llama.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import shutil
import sys
import time
import warnings
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tide_core.errors import TideError  # noqa: E402
from tide_core.models.weights import artifacts_root  # noqa: E402

os.environ.setdefault("HF_HUB_OFFLINE", "1")
log = logging.getLogger(__name__)

ONNX_ROOT = artifacts_root() / "onnx-legacy"
MANIFEST = "manifest.json"
FORMAT = "tide-onnx-1"
MODEL_FILES = {"fp32": "model.onnx", "int8": "model.int8.onnx", "q4": "model.q4.onnx"}
QUANTIZED = ("int8", "q4")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "chat_template.jinja",
                   "generation_config.json")
# End-of-turn markers of common chat templates; any that the vocabulary holds also stops generation.
END_OF_TURN_MARKERS = ("<|im_end|>", "<|eot_id|>", "<|end|>", "<end_of_turn>", "<|endoftext|>")
VERIFY_TOLERANCE = 1e-2  # max |logit difference| to torch; a broken export is off by whole units


class OnnxExportError(TideError):
    """The folder cannot be exported (not a causal LM folder, unsupported architecture, export mismatch)."""


@dataclass(frozen=True)
class ModelShape:
    """The sizes the graph's inputs and the generator's cache depend on."""

    num_layers: int
    num_attention_heads: int
    num_kv_heads: int
    head_dim: int
    vocab_size: int
    max_position_embeddings: int

    @classmethod
    def from_config(cls, config) -> ModelShape:
        heads = config.num_attention_heads
        return cls(num_layers=config.num_hidden_layers, num_attention_heads=heads,
                   num_kv_heads=getattr(config, "num_key_value_heads", None) or heads,
                   head_dim=getattr(config, "head_dim", None) or config.hidden_size // heads,
                   vocab_size=config.vocab_size, max_position_embeddings=config.max_position_embeddings)


def input_names(num_layers: int) -> list[str]:
    return ["input_ids", "attention_mask", "position_ids", *_kv_names("past_key_values", num_layers)]


def output_names(num_layers: int) -> list[str]:
    return ["logits", *_kv_names("present", num_layers)]


def _kv_names(prefix: str, num_layers: int) -> list[str]:
    return [f"{prefix}.{i}.{kind}" for i in range(num_layers) for kind in ("key", "value")]


def export_onnx(model_dir: Path, out_root: Path = ONNX_ROOT, name: str | None = None, quantize: tuple[str, ...] = (),
                verify: bool = True, chat_template: str | None = None) -> Path:
    """Export `model_dir` (config.json + weights + tokenizer.json) to `out_root/<name>` and return that folder.
    `quantize` adds smaller copies beside model.onnx: "int8" (dynamic int8) and/or "q4" (4-bit weights).
    `chat_template` (jinja text) replaces the folder's own, e.g. the plain template a base model was tuned with.

    An existing folder of that name is replaced only after the new export is complete (and, with `verify`, its
    logits match torch's within VERIFY_TOLERANCE). Raises OnnxExportError naming what is wrong."""
    model_dir = Path(model_dir)
    unknown = set(quantize) - set(QUANTIZED)
    if unknown:
        raise OnnxExportError(f"unknown quantization {sorted(unknown)}; expected any of {list(QUANTIZED)}")
    name = name or model_dir.name
    target = Path(out_root) / name
    tmp = target.with_name(f".{name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        manifest = _export_into(model_dir, tmp, name, quantize=quantize, verify=verify)
        if chat_template is not None:
            manifest["chat_template"] = chat_template
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2))
        _publish(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log.info("exported %s to %s in %.1f s", model_dir, target, manifest["export_seconds"])
    return target


def _export_into(model_dir: Path, folder: Path, name: str, quantize: tuple[str, ...], verify: bool) -> dict:
    """Write model file(s) and tokenizer into `folder`; return the manifest."""
    started = time.perf_counter()
    model = load_causal_lm(model_dir)
    shape = ModelShape.from_config(model.config)
    export_graph(model, shape, folder / MODEL_FILES["fp32"])
    diff = verify_against_torch(model, shape, folder / MODEL_FILES["fp32"]) if verify else None
    files = {"fp32": MODEL_FILES["fp32"]}
    for kind in quantize:
        QUANTIZERS[kind](folder / MODEL_FILES["fp32"], folder / MODEL_FILES[kind])
        files[kind] = MODEL_FILES[kind]
    copy_tokenizer(model_dir, folder)
    return build_manifest(model, shape, model_dir, folder, name, files, diff, time.perf_counter() - started)


def load_causal_lm(model_dir: Path):
    """The model in float32, eval mode; OnnxExportError if the folder is not a causal LM with a KV cache."""
    if not (model_dir / "config.json").is_file():
        raise OnnxExportError(f"{model_dir} has no config.json: expected a Hugging Face model folder (config.json, "
                              f"model.safetensors, tokenizer.json), e.g. artifacts/models/smollm2-135m-instruct")
    if not (model_dir / "tokenizer.json").is_file():
        raise OnnxExportError(f"{model_dir} has no tokenizer.json: the ONNX generator needs a fast tokenizer file")
    import torch
    from transformers import AutoModelForCausalLM

    try:
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    except Exception as exc:  # noqa: BLE001 - config, weights and safetensors errors all mean "not loadable"
        raise OnnxExportError(f"{model_dir} does not load as a causal language model ({exc}); expected a "
                              f"*ForCausalLM folder") from exc
    if not getattr(model.config, "use_cache", True) or not hasattr(model.config, "num_hidden_layers"):
        raise OnnxExportError(f"{model_dir}: {type(model).__name__} has no standard KV cache to export")
    return model.eval()


def _wrapper(model, num_layers: int):
    """A module with flat tensor inputs/outputs around the HF model (ONNX has no DynamicCache type)."""
    import torch
    from transformers.cache_utils import DynamicCache

    cache_arg = _cache_argument(model)

    class KVCacheWrapper(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, position_ids, past_key_values):
            pairs = [(past_key_values[2 * i], past_key_values[2 * i + 1]) for i in range(num_layers)]
            cache = DynamicCache(ddp_cache_data=pairs, config=self.model.config)
            out = self.model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                             use_cache=True, logits_to_keep=1, **{cache_arg: cache})
            returned = out.get("cache") or out.get("past_key_values")
            present = [t for layer in returned.layers for t in (layer.keys, layer.values)]
            return (out.logits, *present)

    return KVCacheWrapper().eval()


def _cache_argument(model) -> str:
    """transformers 5.24 renamed forward's `past_key_values` to `cache` (the old name warns until 5.40)."""
    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"


def example_inputs(shape: ModelShape, batch: int = 1, new: int = 4, past: int = 3, seed: int = 0):
    """Inputs for one step with a non-empty cache. Distinct sizes so the exporter cannot confuse the dimensions."""
    import torch

    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(0, shape.vocab_size, (batch, new), generator=gen)
    mask = torch.ones(batch, past + new, dtype=torch.int64)
    positions = torch.arange(past, past + new).unsqueeze(0).expand(batch, -1).contiguous()
    cache = [torch.randn(batch, shape.num_kv_heads, past, shape.head_dim, generator=gen)
             for _ in range(2 * shape.num_layers)]
    return ids, mask, positions, cache


def _dynamic_shapes(num_layers: int) -> dict:
    """Mirrors forward's arguments; the mask length is its own dimension (it is past + new, not either)."""
    from torch.export import Dim

    batch, new, past, total = Dim("batch"), Dim("sequence"), Dim("past_sequence"), Dim("total_sequence")
    return {"input_ids": {0: batch, 1: new}, "attention_mask": {0: batch, 1: total},
            "position_ids": {0: batch, 1: new}, "past_key_values": [{0: batch, 2: past}] * (2 * num_layers)}


def export_graph(model, shape: ModelShape, path: Path) -> None:
    """torch.onnx.export (dynamo) of the wrapper to `path`; weights go to external data only above 2 GB."""
    import torch

    wrapper = _wrapper(model, shape.num_layers)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter warns about every renamed dynamic dimension
        try:
            program = torch.onnx.export(wrapper, example_inputs(shape), dynamic_shapes=_dynamic_shapes(shape.num_layers),
                                        input_names=input_names(shape.num_layers),
                                        output_names=output_names(shape.num_layers), dynamo=True, verbose=False)
        except Exception as exc:  # noqa: BLE001 - the exporter raises many types; all mean "this model did not export"
            raise OnnxExportError(f"torch.onnx.export failed for {type(model).__name__}: {type(exc).__name__}: "
                                  f"{str(exc)[:300]}; expected a Llama-style model taking a DynamicCache") from exc
    program.save(str(path))


def verify_against_torch(model, shape: ModelShape, path: Path) -> float:
    """Max |logits difference| between onnxruntime and torch on one cached step; OnnxExportError above tolerance."""
    import numpy as np
    import onnxruntime as ort
    import torch

    inputs = example_inputs(shape, seed=1)
    with torch.no_grad():
        expected = _wrapper(model, shape.num_layers)(*inputs)[0].numpy()
    feeds = dict(zip(input_names(shape.num_layers), [t.numpy() for t in inputs[:3]] + [t.numpy() for t in inputs[3]],
                     strict=True))
    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(["logits"], feeds)[0]
    diff = float(np.abs(got - expected).max())
    if not diff <= VERIFY_TOLERANCE:
        raise OnnxExportError(f"the exported graph's logits differ from torch by {diff:.3g} (tolerance "
                              f"{VERIFY_TOLERANCE}); the export is wrong for {type(model).__name__}")
    return diff


def quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8 weight quantization (onnxruntime.quantization): about 4x smaller; see bench for speed."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(source), str(target), weight_type=QuantType.QInt8)


def quantize_q4(source: Path, target: Path) -> None:
    """4-bit block-quantized weights (onnxruntime's MatMulNBits, blocks of 32, int8 compute): decoding reads every
    weight once per token, so fewer bytes per weight is what makes it faster on a memory-bound CPU. The embedding
    table stays fp32 (a lookup reads one row per token)."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    quantizer = MatMulNBitsQuantizer(onnx.load(str(source)), bits=4, block_size=32, is_symmetric=True,
                                     accuracy_level=4)
    quantizer.process()
    quantizer.model.save_model_to_file(str(target), use_external_data_format=False)


QUANTIZERS = {"int8": quantize_int8, "q4": quantize_q4}


def copy_tokenizer(model_dir: Path, folder: Path) -> None:
    for file_name in TOKENIZER_FILES:
        if (model_dir / file_name).is_file():
            shutil.copy2(model_dir / file_name, folder / file_name)


def chat_template(model_dir: Path) -> str | None:
    """The chat template text: chat_template.jinja (transformers 5) or tokenizer_config.json's entry."""
    if (model_dir / "chat_template.jinja").is_file():
        return (model_dir / "chat_template.jinja").read_text()
    config = _read_json(model_dir / "tokenizer_config.json")
    template = config.get("chat_template")
    return template if isinstance(template, str) else None


def stop_token_ids(model_dir: Path, config) -> list[int]:
    """Token ids that end a reply: generation_config / config eos ids, the tokenizer's eos token and any
    end-of-turn marker the vocabulary holds."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    eos_token = _token_text(_read_json(model_dir / "tokenizer_config.json").get("eos_token"))
    ids = set(_as_list(_read_json(model_dir / "generation_config.json").get("eos_token_id")))
    ids |= set(_as_list(getattr(config, "eos_token_id", None)))
    for token in (eos_token, *END_OF_TURN_MARKERS):
        token_id = tokenizer.token_to_id(token) if token else None
        if token_id is not None:
            ids.add(token_id)
    return sorted(ids)


def build_manifest(model, shape: ModelShape, model_dir: Path, folder: Path, name: str, files: dict,
                   diff: float | None, seconds: float) -> dict:
    import torch
    import transformers

    tokenizer_config = _read_json(model_dir / "tokenizer_config.json")
    return {
        "format": FORMAT, "model_id": name, "source": str(model_dir.resolve()),
        "architecture": type(model).__name__, "model_type": model.config.model_type, "dtype": "float32",
        "files": files, "file_bytes": {k: (folder / v).stat().st_size for k, v in files.items()},
        "inputs": input_names(shape.num_layers), "outputs": output_names(shape.num_layers),
        "logits": "last position only", **asdict(shape),
        "eos_token_ids": stop_token_ids(model_dir, model.config), "chat_template": chat_template(model_dir),
        "special_tokens": {k: _token_text(tokenizer_config.get(k)) for k in ("bos_token", "eos_token", "pad_token")},
        "verify_max_abs_diff": diff, "export_seconds": round(seconds, 2),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "torch_version": torch.__version__, "transformers_version": transformers.__version__,
    }


def _publish(tmp: Path, target: Path) -> None:
    """Swap the finished folder into place; a previous export is removed only after the new one is there."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.is_file() else {}


def _as_list(value) -> list[int]:
    if value is None:
        return []
    return [int(v) for v in value] if isinstance(value, list | tuple) else [int(value)]


def _token_text(token) -> str | None:
    """tokenizer_config stores special tokens as text or as {"content": text, ...}."""
    return token.get("content") if isinstance(token, dict) else token
