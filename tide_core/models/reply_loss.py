"""The training loss on reply tokens, computed the cheap way for small models on a CPU.

    loss, n = reply_loss(model, batch, device)     # mean cross-entropy over the batch's reply tokens, and their count

Two savings over `model(**batch).loss`, neither of which changes the loss:
- **Shared prompt prefix once per batch.** Every example of a recipe with a system prompt starts with the same ~150
  tokens (the system turn), often half of the example. Their keys and values are computed for one row, with
  gradients, and broadcast to the batch; the rest of each row attends to them through the KV cache. The prefix is
  the batch's longest common prefix, stopped before the first reply token is predicted, so the reply positions are
  always computed per row.
- **Logits only where the loss is.** The LM head (a 49k-word vocabulary for SmolLM2) runs only on the positions that
  predict a reply token, not on the prompt and the padding.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from tide_core.models.chat_format import IGNORE

MIN_SHARED_PREFIX = 16  # a shorter common prefix is not worth a second forward call


def _parts(model):
    """(backbone, head) of a causal LM, through a peft wrapper when there is one."""
    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    return getattr(inner, inner.base_model_prefix), inner.get_output_embeddings()


def shared_prefix_len(ids: torch.Tensor, labels: torch.Tensor) -> int:
    """Tokens every row starts with, stopped one before the first reply label of any row."""
    same = (ids == ids[:1]).all(dim=0).long()
    common = int(same.cumprod(0).sum())
    first_label = int((labels != IGNORE).long().argmax(dim=1).min())
    return max(0, min(common, first_label - 1))


def _broadcast_cache(cache, rows: int):
    """A DynamicCache holding `cache`'s keys and values expanded to `rows` rows (views: gradients flow back)."""
    from transformers import DynamicCache

    out = DynamicCache()
    for i, layer in enumerate(cache.layers):
        out.update(layer.keys.expand(rows, -1, -1, -1), layer.values.expand(rows, -1, -1, -1), i)
    return out


def _hidden(backbone, ids: torch.Tensor, mask: torch.Tensor, prefix: int) -> torch.Tensor:
    """Last hidden states of the positions after `prefix` (all positions when prefix is 0)."""
    if prefix < MIN_SHARED_PREFIX:
        return backbone(input_ids=ids, attention_mask=mask, use_cache=False).last_hidden_state
    shared = backbone(input_ids=ids[:1, :prefix], use_cache=True).cache
    cache = _broadcast_cache(shared, ids.shape[0])
    return backbone(input_ids=ids[:, prefix:], attention_mask=mask, cache=cache, use_cache=True).last_hidden_state


def reply_loss(model, batch: dict[str, torch.Tensor], device: torch.device) -> tuple[torch.Tensor, int]:
    """Mean cross-entropy over the reply tokens of a right-padded batch (input_ids, attention_mask, labels)."""
    ids, mask, labels = (batch[k].to(device) for k in ("input_ids", "attention_mask", "labels"))
    backbone, head = _parts(model)
    prefix = shared_prefix_len(ids, labels)
    if prefix < MIN_SHARED_PREFIX:
        prefix = 0
    hidden = _hidden(backbone, ids, mask, prefix)
    targets = labels[:, prefix + 1:]
    keep = targets != IGNORE
    logits = head(hidden[:, :-1][keep])
    return F.cross_entropy(logits.float(), targets[keep]), int(keep.sum())
