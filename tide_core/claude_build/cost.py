"""The cost estimate printed before a Claude build sends anything, and the cost of an answered request.

Token counts are estimated from characters (no tokenizer is available offline; `estimate.chars_per_token` in the
settings); the prices are the settings' price table at the Message Batches API's discount.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tide_core.claude_build.settings import BuildSettings, Price


@dataclass(frozen=True)
class Estimate:
    model: str
    n_conversations: int
    n_requests: float  # including the expected retries
    shared_tokens: int  # the cached instructions (tool definition + system text) per request
    user_tokens: int  # per-conversation text, summed over the first attempts
    input_tokens: int  # everything read, cached or not, over n_requests
    output_tokens: int
    cost_usd: float
    worst_usd: float  # every conversation sent max_attempts times, no cache hit

    def summary(self) -> str:
        return (f"Claude build estimate ({self.model}, Message Batches at the batch discount): "
                f"{self.n_conversations:,} conversations, about {self.n_requests:,.0f} requests with expected retries; "
                f"input about {self.input_tokens:,} tokens ({self.shared_tokens:,} shared per request, prompt-cached), "
                f"output about {self.output_tokens:,} tokens; estimated cost ${self.cost_usd:,.2f} "
                f"(at most ${self.worst_usd:,.2f} if every conversation took every attempt and nothing hit the cache)")


def _usd(price: Price, *, uncached: float, cache_write: float, cache_read: float, output: float,
         discount: float) -> float:
    return discount * (uncached * price.input + cache_write * price.cache_write + cache_read * price.cache_read
                       + output * price.output) / 1e6


def estimate(model: str, system: str, tool: dict, user_texts: list[str], settings: BuildSettings) -> Estimate:
    price = settings.price(model)
    cpt = settings.chars_per_token
    shared = round((len(system) + len(json.dumps(tool))) / cpt)
    user = round(sum(len(t) for t in user_texts) / cpt)
    n = len(user_texts)
    requests = n * (1 + settings.retry_share)
    mean_user = user / n if n else 0
    hits = requests * settings.cache_hit_share
    cost = _usd(price, uncached=requests * mean_user, cache_write=(requests - hits) * shared,
                cache_read=hits * shared, output=requests * settings.output_tokens, discount=settings.batch_discount)
    worst_n = n * settings.max_attempts
    worst = _usd(price, uncached=worst_n * mean_user, cache_write=worst_n * shared, cache_read=0,
                 output=worst_n * settings.output_tokens, discount=settings.batch_discount)
    return Estimate(model, n, requests, shared, user, round(requests * (shared + mean_user)),
                    round(requests * settings.output_tokens), cost, worst)


def usage_tokens(usage) -> dict[str, int]:
    """The billed token counts of a reply's `usage` (SDK object or dict)."""
    def get(key):
        value = usage.get(key) if isinstance(usage, dict) else getattr(usage, key, None)
        return int(value or 0)

    return {"input_tokens": get("input_tokens"), "output_tokens": get("output_tokens"),
            "cache_write_tokens": get("cache_creation_input_tokens"),
            "cache_read_tokens": get("cache_read_input_tokens")}


def usage_cost(tokens: dict[str, int], model: str, settings: BuildSettings) -> float:
    return _usd(settings.price(model), uncached=tokens["input_tokens"], cache_write=tokens["cache_write_tokens"],
                cache_read=tokens["cache_read_tokens"], output=tokens["output_tokens"],
                discount=settings.batch_discount)
