"""The main job's Claude step: the frontier reference system, on the same test sample as the small models.

    message = claude_step(Path("warehouse/tide.duckdb"))   # "Claude skipped: ..." without a key

With a key (ANTHROPIC_API_KEY, or passed in), Claude answers the seeded test sample zero-shot with the same
system prompt, through the same resumable generation loop (runs + responses rows). Without one, nothing is
written and the returned message says why, so every place that would show Claude rows can say so too. The
backend's cost guard caps tokens and requests per run.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from tide_core.backends.protocol import DecodingSettings

log = logging.getLogger(__name__)
SAMPLE_PER_SCENARIO = 5  # the cpu-default models stage answers the same 5 test conversations per scenario (seed 13)
SAMPLE_SEED = 13
SETTINGS = DecodingSettings(max_new_tokens=200, temperature=0.0)


def claude_model_row(model_id: str) -> dict:
    return {"model_id": model_id, "display_name": f"Claude ({model_id})", "family": "claude",
            "params_millions": None, "weights_source": "api:anthropic", "is_instruct": True,
            "is_from_scratch": False, "recipe": None, "notes": "frontier reference system (the study's comparison)"}


def claude_step(warehouse_path: Path, api_key: str | None = None, sample_size: int | None = None) -> str:
    """Generate Claude's replies for the test sample, or return why not; returns a one-line summary.

    The sample is the models stage's (SAMPLE_PER_SCENARIO of every scenario); `sample_size` takes that many instead."""
    from tide_core.backends import claude_backend_or_reason
    from tide_core.models.generate import generate_responses, sample_conversations

    backend, reason = claude_backend_or_reason(api_key)
    if backend is None:
        return f"Claude skipped: {reason}"
    per_scenario = SAMPLE_PER_SCENARIO if sample_size is None else None
    ids = sample_conversations(warehouse_path, "test", sample_size or 0, SAMPLE_SEED, per_scenario)
    key = hashlib.sha256(f"{backend.model_id}:{SETTINGS.as_dict()}:{','.join(ids)}".encode()).hexdigest()[:10]
    result = generate_responses(warehouse_path, backend, "zero_shot", ids, SETTINGS, f"claude-zs-{key}",
                                batch_size=1, model_row=claude_model_row(backend.model_id))
    return (f"Claude {backend.model_id}: {result.written} new replies, {result.skipped} already there "
            f"({backend.requests_made} requests)")
