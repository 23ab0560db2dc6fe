"""The hand-written torch-free generator (onnxruntime + tokenizers + numpy KV-cache loop) that served
bench/legacy_onnx_export.py's exports before the ONNX generator (now tide_core/backends/onnx_backend.py) moved
onto onnxruntime-genai; kept only as the baseline bench/bench_onnx.py measures against in the same run. Not used by
the project.

    from bench.legacy_onnx_generate import OnnxGenerator
    gen = OnnxGenerator("artifacts/onnx-legacy/smollm2-135m-instruct")   # variant="q4" / "int8" for a quantized file
    print(gen.generate(SYSTEM_PROMPT, "I keep having nightmares.", DecodingSettings()).text)
    for piece in gen.stream(SYSTEM_PROMPT, "...", DecodingSettings()): ...

Decoding keeps the KV cache between steps: the prompt runs once, then each step feeds one token and the cache the
previous step returned (as onnxruntime values bound to the session, so the cache is not converted to numpy and back
on every step). The system prompt's cache is computed once per generator and reused, so a reply's first step runs
only the user turn. Greedy when temperature is 0, otherwise seeded sampling with temperature and top-p.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tide_core.backends.protocol import DecodingSettings, Generation  # noqa: E402
from tide_core.errors import TideError  # noqa: E402

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"  # the same name onnx_export writes; not imported, to keep torch out of this module
FORMAT = "tide-onnx-1"
MAX_PREFIXES = 4  # remembered prompt prefixes (system prompts) per generator; each is a few MB of cache


class OnnxModelError(TideError):
    """The folder is not a usable ONNX export (missing files, other format, unknown variant)."""


class ContextLengthError(TideError, ValueError):
    """The prompt does not fit the model's context window."""


def read_manifest(folder: Path) -> dict:
    """The export's manifest; OnnxModelError naming the folder when it is missing or of another format."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise OnnxModelError(f"{folder} has no {MANIFEST}: expected a folder written by training/export_onnx.py "
                             f"(e.g. artifacts/onnx/smollm2-135m-instruct)")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise OnnxModelError(f"{path} has format {manifest.get('format')!r}; expected {FORMAT!r} (re-export it)")
    return manifest


def session_options(threads: int | None = None):
    """CPU session settings that measured best here: all graph optimisations, one intra-op thread per core, no
    spinning."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads or os.cpu_count() or 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # Idle threads sleep instead of spinning: with other processes on the same few cores (the dashboard, training)
    # spinning threads stole the CPU from the working one and halved tokens/s with 2 threads (measured, see bench).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


class ChatTemplate:
    """The model's chat template rendered with jinja2 the way transformers renders it (sandboxed, trim_blocks,
    lstrip_blocks, loop controls, raise_exception), so prompts match apply_chat_template exactly."""

    def __init__(self, source: str, special_tokens: dict) -> None:
        try:
            import jinja2.ext
            from jinja2.sandbox import ImmutableSandboxedEnvironment
        except ImportError as exc:
            raise OnnxModelError("jinja2 is needed to render the chat template: pip install jinja2") from exc
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                            extensions=[jinja2.ext.loopcontrols])
        env.filters["tojson"] = lambda value, **kw: json.dumps(value, ensure_ascii=False, **kw)
        env.globals["raise_exception"] = _raise_template_error
        self._template = env.from_string(source)
        self._special = {k: v for k, v in special_tokens.items() if v is not None}

    def render(self, messages: list[dict], add_generation_prompt: bool = True) -> str:
        return self._template.render(messages=messages, add_generation_prompt=add_generation_prompt, **self._special)


def _raise_template_error(message: str) -> None:
    raise TideError(f"the chat template refused the conversation: {message}")


class IncrementalDecoder:
    """Text pieces for a growing list of token ids. Holds back a piece while it ends in an incomplete UTF-8
    sequence (decoded as U+FFFD), and decodes the whole list each time so spaces and merges come out exactly as a
    one-shot decode would (a reply is at most a few hundred tokens, so this is cheap)."""

    def __init__(self, tokenizer) -> None:
        self._tokenizer = tokenizer
        self._ids: list[int] = []
        self._emitted = ""

    def push(self, token_id: int) -> str:
        """The new text that `token_id` completes ("" while a multi-byte character is still incomplete)."""
        self._ids.append(token_id)
        text = self._tokenizer.decode(self._ids, skip_special_tokens=True)
        return "" if text.endswith("\ufffd") else self._advance(text)

    def flush(self) -> str:
        """Whatever is still held back at the end (a genuinely invalid byte sequence stays as U+FFFD)."""
        return self._advance(self._tokenizer.decode(self._ids, skip_special_tokens=True))

    def _advance(self, text: str) -> str:
        """The part of `text` not yet emitted. Should a decoder ever rewrite earlier text, what was already shown
        cannot be taken back: emit from where the two first differ (logged, as the joined pieces then differ)."""
        done = len(self._emitted)
        if not text.startswith(self._emitted):
            done = next((i for i, (a, b) in enumerate(zip(text, self._emitted, strict=False)) if a != b),
                        min(len(text), done))
            log.debug("incremental decode rewrote earlier text at character %d", done)
        piece, self._emitted = text[done:], text
        return piece


@dataclass
class _Step:
    """What one forward pass returns: the last position's logits and the cache as bound onnxruntime values."""

    logits: np.ndarray
    cache: list


class OnnxGenerator:
    """A Backend over an exported folder. `variant` picks manifest["files"] ("fp32", "int8", "q4"); `threads` is
    onnxruntime's intra-op thread count (default: one per core); `prefix_cache` keeps the system prompt's cache.
    Not thread-safe: give each thread its own generator (the session itself may be shared)."""

    def __init__(self, folder: str | Path, variant: str = "fp32", threads: int | None = None,
                 prefix_cache: bool = True) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.folder = Path(folder)
        self.manifest = read_manifest(self.folder)
        files = self.manifest["files"]
        if variant not in files:
            raise OnnxModelError(f"{self.folder} has no {variant!r} model; it has {sorted(files)} "
                                 f"(export with --int8 for the quantized one)")
        self.variant = variant
        self.model_id = self.manifest["model_id"] + ("" if variant == "fp32" else f"-{variant}")
        self.tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        self.stop_token_ids = set(self.manifest["eos_token_ids"])
        self.context_length = int(self.manifest["max_position_embeddings"])
        self.session = ort.InferenceSession(str(self.folder / files[variant]), session_options(threads),
                                            providers=["CPUExecutionProvider"])
        template = self.manifest.get("chat_template")
        self._template = ChatTemplate(template, self.manifest.get("special_tokens", {})) if template else None
        self._cache_names = self.manifest["inputs"][3:]
        self._present_names = self.manifest["outputs"][1:]
        self.prefix_cache = prefix_cache
        self._prefixes: dict[tuple[int, ...], list] = {}  # prefix ids -> its cache (insertion order = age)
        self._seen_systems: set[str] = set()

    def __repr__(self) -> str:
        return f"OnnxGenerator({str(self.folder)!r}, variant={self.variant!r})"

    # --- prompts ---------------------------------------------------------------------------------------------
    def render_prompt(self, system: str, user_message: str) -> str:
        """The prompt text: the chat template with a generation prompt, or plain text if the model has none."""
        messages = ([{"role": "system", "content": system}] if system else []) + [
            {"role": "user", "content": user_message}]
        if self._template is None:  # a model without a chat template: plain text (export with --chat-template)
            return f"{system}\n\n{user_message}\n" if system else f"{user_message}\n"
        return self._template.render(messages)

    def encode_prompt(self, system: str, user_message: str) -> list[int]:
        """The prompt's token ids. The first prompt with a given system text also remembers that system turn's
        cache (when prefix_cache is on), so the system prompt is processed once, not on every reply."""
        # add_special_tokens=False: the template already holds them (as transformers' apply_chat_template does)
        ids = self.tokenizer.encode(self.render_prompt(system, user_message), add_special_tokens=False).ids
        if self.prefix_cache and system and system not in self._seen_systems:
            self._seen_systems.add(system)
            prefix = self._system_prefix(system)
            if prefix and ids[: len(prefix)] == prefix:
                self.remember_prefix(prefix)
        return ids

    # --- the Backend protocol ------------------------------------------------------------------------------------
    def generate(self, system: str, user_message: str, settings: DecodingSettings) -> Generation:
        """One reply; extra holds token_ids, ttft_ms (time to the first token) and the variant."""
        started = time.perf_counter()
        prompt = self.encode_prompt(system, user_message)
        ids, first_at, stop_reason = [], None, "max_tokens"
        for token in self.generate_ids(prompt, settings):
            first_at = first_at or time.perf_counter()
            if token in self.stop_token_ids:
                stop_reason = "end_turn"
                break
            ids.append(token)
        stop_reason = self._stop_reason(stop_reason, len(prompt), len(ids), settings)
        text = self.tokenizer.decode(ids, skip_special_tokens=True)
        elapsed = time.perf_counter() - started
        return Generation(text=text, prompt_tokens=len(prompt), completion_tokens=len(ids), latency_ms=elapsed * 1000,
                          stop_reason=stop_reason,
                          extra={"token_ids": ids, "variant": self.variant,
                                 "ttft_ms": (first_at - started) * 1000 if first_at else None})

    def stream(self, system: str, user_message: str, settings: DecodingSettings) -> Iterator[str]:
        """The reply as text pieces as tokens arrive; the pieces join to generate()'s text."""
        decoder = IncrementalDecoder(self.tokenizer)
        for token in self.generate_ids(self.encode_prompt(system, user_message), settings):
            if token in self.stop_token_ids:
                break
            piece = decoder.push(token)
            if piece:
                yield piece
        tail = decoder.flush()
        if tail:
            yield tail

    def _stop_reason(self, reason: str, prompt_len: int, new: int, settings: DecodingSettings) -> str:
        if reason == "max_tokens" and new < settings.max_new_tokens and prompt_len + new >= self.context_length:
            return "context_length"
        return reason

    # --- decoding ------------------------------------------------------------------------------------------------
    def generate_ids(self, prompt: list[int], settings: DecodingSettings) -> Iterator[int]:
        """Token ids after `prompt`, at most settings.max_new_tokens and never past the context window, including
        a final stop token if the model produces one (callers decide what a stop token means)."""
        budget = min(settings.max_new_tokens, self.context_length - len(prompt))
        if not prompt or len(prompt) >= self.context_length:
            raise ContextLengthError(f"the prompt is {len(prompt)} tokens; {self.model_id} takes 1 to "
                                     f"{self.context_length - 1} tokens (shorten the client message)")
        if budget <= 0:
            return
        rng = np.random.default_rng(settings.seed)
        seen = np.array(prompt, dtype=np.int64)
        step = self._prefill(prompt)
        for produced in range(budget):
            token = choose_token(step.logits, settings, rng, seen)
            yield token
            if token in self.stop_token_ids or produced + 1 == budget:
                return
            seen = np.append(seen, token)
            step = self._forward([token], len(prompt) + produced, step.cache)

    def remember_prefix(self, prefix: list[int]) -> None:
        """Compute and keep the cache of `prefix` (e.g. the rendered system prompt): later prompts that start with
        it run only their remaining tokens. Causal attention makes the prefix's keys/values independent of what
        follows, so replies are the same; only the time to first token drops."""
        if prefix and len(prefix) < self.context_length:
            self._prefixes[tuple(prefix)] = self._forward(prefix, 0, self._empty_cache()).cache
            while len(self._prefixes) > MAX_PREFIXES:
                self._prefixes.pop(next(iter(self._prefixes)))

    def _prefill(self, prompt: list[int]) -> _Step:
        """The first step: the prompt after the longest remembered prefix it starts with (at least one token)."""
        best: tuple[int, ...] = ()
        for prefix in self._prefixes:
            if len(best) < len(prefix) < len(prompt) and tuple(prompt[: len(prefix)]) == prefix:
                best = prefix
        cache = self._prefixes[best] if best else self._empty_cache()
        return self._forward(prompt[len(best):], len(best), cache)

    def _system_prefix(self, system: str) -> list[int] | None:
        """The tokens of the system turn alone, if the template renders it as a prefix of every conversation."""
        if not system or self._template is None:
            return None
        try:
            text = self._template.render([{"role": "system", "content": system}], add_generation_prompt=False)
        except Exception:  # noqa: BLE001 - some templates refuse a system-only conversation: then no prefix cache
            return None
        return self.tokenizer.encode(text, add_special_tokens=False).ids

    def _empty_cache(self) -> list:
        import onnxruntime as ort

        m = self.manifest
        empty = np.zeros((1, m["num_kv_heads"], 0, m["head_dim"]), dtype=np.float32)
        return [ort.OrtValue.ortvalue_from_numpy(empty) for _ in self._cache_names]

    def _forward(self, new_ids: list[int], past_len: int, cache: list) -> _Step:
        """One pass over `new_ids` at positions past_len.. with IO binding: the returned cache stays as onnxruntime
        values and is bound straight back in on the next step."""
        binding = self.session.io_binding()
        total = past_len + len(new_ids)
        binding.bind_cpu_input("input_ids", np.array([new_ids], dtype=np.int64))
        binding.bind_cpu_input("attention_mask", np.ones((1, total), dtype=np.int64))
        binding.bind_cpu_input("position_ids", np.arange(past_len, total, dtype=np.int64)[None, :])
        for name, value in zip(self._cache_names, cache, strict=True):
            binding.bind_ortvalue_input(name, value)
        for name in ("logits", *self._present_names):
            binding.bind_output(name, "cpu")
        self.session.run_with_iobinding(binding)
        outputs = binding.get_outputs()
        return _Step(logits=outputs[0].numpy()[0, -1], cache=list(outputs[1:]))


def choose_token(logits: np.ndarray, settings: DecodingSettings, rng: np.random.Generator, seen: np.ndarray) -> int:
    """The next token: argmax when temperature is 0, else a sample from the temperature-scaled, top-p-truncated
    distribution. A repetition penalty != 1 scales the logits of tokens already seen (as transformers does)."""
    logits = logits.astype(np.float64)
    if settings.repetition_penalty != 1.0:
        logits = apply_repetition_penalty(logits, seen, settings.repetition_penalty)
    if settings.temperature <= 0:
        return int(np.argmax(logits))
    probs = _softmax(logits / settings.temperature)
    if settings.top_p < 1.0:
        probs = top_p_filter(probs, settings.top_p)
    return int(rng.choice(len(probs), p=probs))


def apply_repetition_penalty(logits: np.ndarray, seen: np.ndarray, penalty: float) -> np.ndarray:
    out = logits.copy()
    tokens = np.unique(seen)
    scores = out[tokens]
    out[tokens] = np.where(scores > 0, scores / penalty, scores * penalty)
    return out


def top_p_filter(probs: np.ndarray, top_p: float) -> np.ndarray:
    """The smallest set of most likely tokens whose probability reaches top_p (always at least one), renormalised."""
    order = np.argsort(probs)[::-1]
    cumulative = np.cumsum(probs[order])
    keep = order[: int(np.searchsorted(cumulative, top_p)) + 1]
    filtered = np.zeros_like(probs)
    filtered[keep] = probs[keep]
    return filtered / filtered.sum()


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()
