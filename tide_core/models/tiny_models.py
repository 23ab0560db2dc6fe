"""Tiny twins of the expensive models, for tests and smoke runs: seconds on a CPU, the same code paths.

    folder = make_tiny_llama(tmp / "tiny-llama", texts)     # random Llama + a BPE tokenizer trained on texts
"""

from __future__ import annotations

from pathlib import Path

import torch

from tide_core.models.train_scratch import train_tokenizer


def make_tiny_llama(out_dir: Path, texts: list[str], vocab_size: int = 1024, hidden: int = 64,
                    layers: int = 2, seed: int = 0) -> Path:
    """Save a randomly initialised Llama (about 0.2 M params) and its tokenizer to `out_dir`; returns it."""
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = train_tokenizer(texts, vocab_size)
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=hidden, intermediate_size=hidden * 2,
                         num_hidden_layers=layers, num_attention_heads=4, num_key_value_heads=2,
                         max_position_embeddings=512, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.eos_token_id,
                         tie_word_embeddings=False)
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return Path(out_dir)
