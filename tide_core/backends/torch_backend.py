"""TorchBackend: the Backend protocol over a transformers causal LM (base, base + LoRA adapter, or merged).

    backend = TorchBackend.from_folder("smollm2-135m", model_dir)
    backend.generate(SYSTEM_PROMPT, "I keep having nightmares", DecodingSettings())
    backend.generate_batch(SYSTEM_PROMPT, messages, settings)   # left-padded batch, one Generation each

Greedy when temperature is 0, sampling (temperature, top_p, seeded) otherwise; generation stops at the
tokenizer's end-of-turn token. Latency of a batched reply is the batch's wall time divided by its size.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import torch

from tide_core.backends.protocol import DecodingSettings, Generation
from tide_core.models.chat_format import prepare_tokenizer, prompt_text
from tide_core.models.device import pick_device

log = logging.getLogger(__name__)


class TorchBackend:
    """A loaded model + tokenizer. `supports_batch` tells generate_responses it may call generate_batch."""

    supports_batch = True

    def __init__(self, model_id: str, model, tokenizer, device: torch.device):
        self.model_id, self.model, self.tokenizer, self.device = model_id, model.eval(), tokenizer, device

    @classmethod
    def from_folder(cls, model_id: str, model_dir: Path, *, adapter_dir: Path | None = None,
                    chat_template: str = "tokenizer", device: str | None = None,
                    dtype: torch.dtype | None = None) -> TorchBackend:
        """Load from local files only; with `adapter_dir`, the base gets the LoRA adapter (unmerged).

        `dtype` None: bf16 on a GPU (half the bytes read per token), fp32 on a CPU (the reference numerics); the
        study's batched generation passes generation_dtype() instead (bf16 wherever the hardware has it).
        """
        from transformers import AutoModelForCausalLM, AutoTokenizer

        dev = pick_device(device)
        dtype = dtype or (torch.bfloat16 if dev.type == "cuda" else torch.float32)
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=dtype, local_files_only=True)
        if adapter_dir is not None:
            from peft import PeftModel

            model = PeftModel.from_pretrained(model, adapter_dir, local_files_only=True)
        tokenizer = AutoTokenizer.from_pretrained(adapter_dir or model_dir, local_files_only=True)
        return cls(model_id, model.to(dev), prepare_tokenizer(tokenizer, chat_template), dev)

    @property
    def dtype_name(self) -> str:
        """The weights' dtype as recorded with a run: bfloat16 or float32."""
        return str(next(self.model.parameters()).dtype).removeprefix("torch.")

    def n_params(self) -> int:
        return sum(p.numel() for p in self.model.parameters())

    def _gen_kwargs(self, settings: DecodingSettings) -> dict:
        kwargs = {"max_new_tokens": settings.max_new_tokens, "repetition_penalty": settings.repetition_penalty,
                  "eos_token_id": self.tokenizer.eos_token_id, "pad_token_id": self.tokenizer.pad_token_id}
        if settings.temperature > 0:
            kwargs.update(do_sample=True, temperature=settings.temperature, top_p=settings.top_p)
        else:
            kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        return kwargs

    def _prompt_limit(self, max_new_tokens: int) -> int | None:
        """Most prompt tokens that leave room for the reply in the model's context (None: no practical limit)."""
        config = self.model.config
        context = getattr(config, "n_positions", None) or getattr(config, "max_position_embeddings", None)
        return max(context - max_new_tokens, 8) if context else None

    def _encode(self, system: str | None, user_messages: list[str], max_new_tokens: int) -> dict[str, torch.Tensor]:
        """Left-padded prompts; one longer than the context allows keeps its end (where the reply starts)."""
        texts = [prompt_text(self.tokenizer, system, m) for m in user_messages]
        limit = self._prompt_limit(max_new_tokens)
        self.tokenizer.truncation_side = "left"
        enc = self.tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False,
                             truncation=limit is not None, max_length=limit)
        return {k: v.to(self.device) for k, v in enc.items()}

    def _reply(self, row: torch.Tensor, prompt_tokens: int, latency_ms: float) -> Generation:
        """One Generation from the generated ids of one row: cut at the end-of-turn token, padding dropped."""
        ids = row.tolist()
        eos = self.tokenizer.eos_token_id
        ended = eos in ids
        kept = ids[: ids.index(eos) + 1] if ended else ids
        text = self.tokenizer.decode(kept, skip_special_tokens=True).strip()
        return Generation(text, prompt_tokens, len(kept), latency_ms, "end_turn" if ended else "max_tokens")

    def generate_batch(self, system: str | None, user_messages: list[str],
                       settings: DecodingSettings) -> list[Generation]:
        """Replies to several messages in one left-padded batch, in order."""
        enc = self._encode(system, user_messages, settings.max_new_tokens)
        if settings.seed is not None:
            torch.manual_seed(settings.seed)
        started = time.perf_counter()
        with torch.inference_mode():
            out = self.model.generate(**enc, **self._gen_kwargs(settings))
        latency_ms = (time.perf_counter() - started) * 1000 / len(user_messages)
        width = enc["input_ids"].shape[1]
        prompt_lens = enc["attention_mask"].sum(dim=1).tolist()
        return [self._reply(out[i, width:], int(prompt_lens[i]), latency_ms) for i in range(len(user_messages))]

    def generate(self, system: str | None, user_message: str, settings: DecodingSettings) -> Generation:
        return self.generate_batch(system, [user_message], settings)[0]

    def stream(self, system: str | None, user_message: str, settings: DecodingSettings) -> Iterator[str]:
        """Text pieces as they are decoded (generation runs in a worker thread)."""
        from transformers import TextIteratorStreamer

        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        kwargs = {**self._encode(system, [user_message], settings.max_new_tokens), **self._gen_kwargs(settings),
                  "streamer": streamer}
        if settings.seed is not None:
            torch.manual_seed(settings.seed)

        def work() -> None:
            with torch.inference_mode():
                self.model.generate(**kwargs)

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        yield from (piece for piece in streamer if piece)
        worker.join()
