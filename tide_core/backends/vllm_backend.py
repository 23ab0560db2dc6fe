"""Batched generation on vLLM (CUDA only), LoRA adapters served by vLLM's own LoRA support.

    engine = pick_engine("auto")                    # "vllm" when vLLM is installed and CUDA is present, else "hf"
    backend = VllmBackend.from_folder("qwen2.5-3b", base_dir, adapter_dir=adapter, max_lora_rank=16)
    generate_responses(warehouse, backend, "fine_tuned", ids, settings, run_id, batch_size=512, ...)
    backend.close()                                 # give the GPU memory back before training runs again

VllmBackend meets the contract TorchBackend meets (`supports_batch`, `generate_batch` -> one Generation per
message, in order), so generate_responses writes the same runs and responses rows and resumes the same way.
Hugging Face `generate` (TorchBackend) stays the CPU path and the fallback when vLLM is absent
(requirements-gpu.txt installs it on a CUDA machine).

The parts of vLLM used (checked against the source of the vllm 0.34.0 wheel, not yet run: no GPU was lent):
`LLM(model=, tokenizer=, dtype=, enable_lora=, max_lora_rank=, max_model_len=, gpu_memory_utilization=, seed=)`,
`SamplingParams(temperature=, top_p=, max_tokens=, repetition_penalty=, seed=, stop_token_ids=)`,
`LoRARequest(lora_name, lora_int_id, lora_path)` (vllm.lora.request) and
`LLM.generate(prompts, sampling_params, lora_request=, use_tqdm=)` returning, per prompt, an object with
`prompt_token_ids` and `outputs[0]` holding `text`, `token_ids` and `finish_reason` ("stop" or "length").
Prompts go in as token ids made by the workbench's own chat template (`{"prompt_token_ids": [...]}`), so vLLM
answers exactly the prompt HF generate answers (no second BOS, the same system-prompt fallback).
"""

from __future__ import annotations

import gc
import importlib.util
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tide_core.backends.protocol import DecodingSettings, Generation
from tide_core.errors import ConfigError, TideError
from tide_core.models.chat_format import prepare_tokenizer, prompt_ids

log = logging.getLogger(__name__)
ENGINES = ("auto", "hf", "vllm")
# Prompts per generate_responses chunk with vLLM: vLLM batches continuously inside a chunk, and each chunk is
# one warehouse write (what a rerun resumes from). HF generate measured 3k-4k tokens/s at batch 512 on an H100.
VLLM_CHUNK = 512
_FINISH = {"stop": "end_turn", "length": "max_tokens"}
_LORA_RANKS = (8, 16, 32, 64, 128, 256, 320, 512)  # the max_lora_rank values vLLM accepts (vllm.config.lora)


def lora_rank_slot(r: int) -> int:
    """The smallest max_lora_rank vLLM accepts that holds an adapter of rank `r`."""
    for slot in _LORA_RANKS:
        if r <= slot:
            return slot
    raise ConfigError(f"LoRA rank {r} is above vLLM's largest max_lora_rank {_LORA_RANKS[-1]}")


def vllm_installed() -> bool:
    return importlib.util.find_spec("vllm") is not None


def cuda_present() -> bool:
    import torch

    return torch.cuda.is_available()


def pick_engine(requested: str = "auto") -> str:
    """`hf` or `vllm`: auto takes vLLM when it is installed and CUDA is present; `vllm` without both fails."""
    if requested not in ENGINES:
        raise ConfigError(f"engine {requested!r}: expected one of {list(ENGINES)}")
    if requested == "hf":
        return "hf"
    if vllm_installed() and cuda_present():
        return "vllm"
    if requested == "vllm":
        raise TideError(f"the vllm engine needs vLLM installed and a CUDA GPU (vllm installed: {vllm_installed()}, "
                        f"CUDA: {cuda_present()}); expected `pip install -r requirements-gpu.txt` on a GPU machine, "
                        "or --engine hf")
    return "hf"


@dataclass(frozen=True)
class VllmApi:
    """The three vLLM names the backend calls; the tests pass stand-ins with the same signatures."""

    LLM: Any
    SamplingParams: Any
    LoRARequest: Any

    @classmethod
    def load(cls) -> VllmApi:
        from vllm import LLM, SamplingParams
        from vllm.lora.request import LoRARequest

        return cls(LLM, SamplingParams, LoRARequest)


def sampling_params(api: VllmApi, settings: DecodingSettings, stop_token_ids: list[int]):
    """SamplingParams equal to TorchBackend's generate arguments: greedy at temperature 0, else seeded sampling."""
    common = {"max_tokens": settings.max_new_tokens, "repetition_penalty": settings.repetition_penalty,
              "stop_token_ids": stop_token_ids, "seed": settings.seed}
    if settings.temperature > 0:
        return api.SamplingParams(temperature=settings.temperature, top_p=settings.top_p, **common)
    return api.SamplingParams(temperature=0.0, top_p=1.0, **common)


class VllmBackend:
    """A vLLM engine over a base model, optionally answering through one LoRA adapter (a LoRARequest)."""

    supports_batch = True

    def __init__(self, model_id: str, llm, tokenizer, api: VllmApi, *, lora=None, max_model_len: int = 2048,
                 dtype_name: str = "bfloat16"):
        self.model_id, self.llm, self.tokenizer, self.api = model_id, llm, tokenizer, api
        self.lora, self.max_model_len, self.dtype_name = lora, max_model_len, dtype_name

    @classmethod
    def from_folder(cls, model_id: str, model_dir: Path, *, adapter_dir: Path | None = None,
                    chat_template: str = "tokenizer", max_lora_rank: int = 16, dtype: str = "bfloat16",
                    max_model_len: int = 2048, gpu_memory_utilization: float = 0.85,
                    api: VllmApi | None = None) -> VllmBackend:
        """Load `model_dir` (local files) into vLLM; with `adapter_dir`, replies go through that LoRA adapter."""
        from transformers import AutoTokenizer

        api = api or VllmApi.load()
        tokenizer = prepare_tokenizer(AutoTokenizer.from_pretrained(model_dir, local_files_only=True), chat_template)
        llm = api.LLM(model=str(model_dir), tokenizer=str(model_dir), dtype=dtype, seed=0,
                      enable_lora=adapter_dir is not None, max_lora_rank=max_lora_rank, max_model_len=max_model_len,
                      gpu_memory_utilization=gpu_memory_utilization)
        lora = api.LoRARequest(f"{model_id}-adapter", 1, str(adapter_dir)) if adapter_dir is not None else None
        return cls(model_id, llm, tokenizer, api, lora=lora, max_model_len=max_model_len, dtype_name=dtype)

    def decoding_record(self) -> dict:
        """What the run records besides the decoding settings: the engine, dtype and how the adapter was served."""
        return {"engine": "vllm", "dtype": self.dtype_name, "lora": "vllm LoRARequest" if self.lora else None}

    def _prompt(self, system: str | None, message: str, max_new_tokens: int) -> dict:
        ids = prompt_ids(self.tokenizer, system, message)
        keep = max(self.max_model_len - max_new_tokens, 8)  # as TorchBackend: a long prompt keeps its end
        return {"prompt_token_ids": ids[-keep:]}

    def generate_batch(self, system: str | None, user_messages: list[str],
                       settings: DecodingSettings) -> list[Generation]:
        """Replies to several messages in one engine call, in order."""
        prompts = [self._prompt(system, m, settings.max_new_tokens) for m in user_messages]
        params = sampling_params(self.api, settings, [self.tokenizer.eos_token_id])
        started = time.perf_counter()
        outputs = self.llm.generate(prompts, params, lora_request=self.lora, use_tqdm=False)
        latency_ms = (time.perf_counter() - started) * 1000 / len(user_messages)
        if len(outputs) != len(prompts):
            raise TideError(f"vLLM returned {len(outputs)} outputs for {len(prompts)} prompts; expected one each")
        return [self._generation(out, latency_ms) for out in outputs]

    @staticmethod
    def _generation(out, latency_ms: float) -> Generation:
        done = out.outputs[0]
        return Generation(done.text.strip(), len(out.prompt_token_ids), len(done.token_ids), latency_ms,
                          _FINISH.get(done.finish_reason, done.finish_reason))

    def generate(self, system: str | None, user_message: str, settings: DecodingSettings) -> Generation:
        return self.generate_batch(system, [user_message], settings)[0]

    def stream(self, system: str | None, user_message: str, settings: DecodingSettings):
        """The whole reply as one piece (the study's batch path has no use for streaming from vLLM)."""
        yield self.generate(system, user_message, settings).text

    def close(self) -> None:
        """Drop the engine and hand its GPU memory back (training may run in this process next)."""
        self.llm = None
        gc.collect()
        try:
            from vllm.distributed.parallel_state import destroy_distributed_environment, destroy_model_parallel

            destroy_model_parallel()
            destroy_distributed_environment()
        except ImportError:  # a stand-in engine in the tests, or a vLLM without these
            pass
        if cuda_present():
            import torch

            torch.cuda.empty_cache()
