"""Torch-free generation from an exported folder (tide_core.models.onnx_export) with onnxruntime-genai: og.Model,
og.Tokenizer (its chat-template rendering and incremental decoding), og.Generator with its own KV cache. Nothing
here imports torch or transformers.

    from tide_core.backends.onnx_backend import OnnxGenerator
    gen = OnnxGenerator("artifacts/onnx/smollm2-135m-instruct")
    gen.warm([SYSTEM_PROMPT], settings)          # the system prompt's cache, computed once
    print(gen.generate(SYSTEM_PROMPT, "I keep having nightmares.", settings).text)
    for piece in gen.stream(SYSTEM_PROMPT, "...", settings): ...

Prefix cache: each system prompt seen gets its own og.Generator that holds that prompt's tokens (appended once);
a reply appends only the user turn, decodes, and `rewind_to(len(prefix))` puts the generator back to the system
prompt when the reply ends (or is abandoned). Two system prompts (the chat's calm and crisis prompts) are two
generators; their KV buffers are sized by `max_length` (2,048 tokens: a few tens of MB each for SmolLM2). Causal
attention makes the prefix's keys and values independent of what follows, so replies equal an uncached run.
Greedy replies reuse these generators; a sampled reply (temperature > 0) gets a fresh generator seeded with its
settings' seed, so the same seed gives the same reply. Stop tokens and max_new_tokens are checked here, per token.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tide_core.backends.protocol import DecodingSettings, Generation
from tide_core.errors import TideError

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"  # the same names onnx_export writes; not imported, to keep torch out of this module
FORMAT = "tide-onnx-genai-1"
TEMPLATE_FILE = "chat_template.jinja"
MAX_PREFIXES = 4  # system prompts kept, each in its own generator
DEFAULT_MAX_LENGTH = 2048  # tokens a cached generator holds (prompt + reply); longer prompts get a one-off generator
WARM_UP_MESSAGE = "Hello."


class OnnxModelError(TideError):
    """The folder is not a usable export (missing files, other format, other precision)."""


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
        raise OnnxModelError(f"{path} has format {manifest.get('format')!r}; expected {FORMAT!r} (re-export it: "
                             f"`python -m tide_core export-onnx`)")
    return manifest


@dataclass
class _Slot:
    """A generator holding `prefix` (a system prompt's tokens), for greedy replies with `penalty`."""

    prefix: tuple[int, ...]
    penalty: float
    generator: object


class OnnxGenerator:
    """A Backend over an exported folder. `variant` is the precision the caller expects ("int4", "fp32"; None takes
    whatever the folder holds). Not thread-safe: give each thread its own generator, or lock around it."""

    def __init__(self, folder: str | Path, variant: str | None = None, max_length: int = DEFAULT_MAX_LENGTH,
                 prefix_cache: bool = True) -> None:
        import onnxruntime_genai as og

        self.folder = Path(folder)
        self.manifest = read_manifest(self.folder)
        self.variant = self.manifest["precision"]
        if variant is not None and variant != self.variant:
            raise OnnxModelError(f"{self.folder} holds a {self.variant} model, not {variant!r} (export it with "
                                 f"--precision {variant})")
        self.model_id = self.manifest["model_id"] + ("" if self.variant == "fp32" else f"-{self.variant}")
        self.model = og.Model(str(self.folder))
        self.tokenizer = og.Tokenizer(self.model)
        self.stop_token_ids = set(self.manifest["eos_token_ids"])
        self.context_length = int(self.manifest["context_length"])
        self.max_length = min(max_length, self.context_length)
        template = self.folder / TEMPLATE_FILE
        self._template = template.read_text() if template.is_file() else None
        self.prefix_cache = prefix_cache
        self._slots: list[_Slot] = []  # oldest first
        self.last_reply_tokens = 0  # tokens of the last stream() (stop token excluded)

    def __repr__(self) -> str:
        return f"OnnxGenerator({str(self.folder)!r}, variant={self.variant!r})"

    # --- prompts ---------------------------------------------------------------------------------------------
    def render_prompt(self, system: str, user_message: str) -> str:
        """The prompt text: the chat template with a generation prompt, or plain text if the model has none."""
        messages = ([{"role": "system", "content": system}] if system else []) + [
            {"role": "user", "content": user_message}]
        if self._template is None:  # a model without a chat template: plain text (export with --chat-template)
            return f"{system}\n\n{user_message}\n" if system else f"{user_message}\n"
        return self._render(messages, add_generation_prompt=True)

    def _render(self, messages: list[dict], add_generation_prompt: bool) -> str:
        try:
            return self.tokenizer.apply_chat_template(json.dumps(messages), template_str=self._template,
                                                      add_generation_prompt=add_generation_prompt)
        except Exception as exc:  # noqa: BLE001 - the runtime raises a plain RuntimeError for template errors
            raise TideError(f"the chat template refused the conversation: {exc}") from exc

    def encode(self, text: str) -> list[int]:
        return [int(t) for t in self.tokenizer.encode(text)]

    def decode(self, ids: list[int]) -> str:
        """The text of `ids` as stream() shows it, piece by piece (og.Tokenizer.decode of a whole list that holds
        a stray partial UTF-8 byte returned only U+FFFD on a random model; the stream decoder skips the byte)."""
        decoder = self.tokenizer.create_stream()
        return "".join(decoder.decode(token) for token in ids)

    def encode_prompt(self, system: str, user_message: str) -> list[int]:
        """The prompt's token ids (the template already holds the special tokens, as apply_chat_template's do)."""
        return self.encode(self.render_prompt(system, user_message))

    def system_prefix(self, system: str) -> list[int] | None:
        """The tokens of the system turn alone, if the template renders it as a prefix of every conversation."""
        if not system or self._template is None:
            return None
        try:
            text = self._render([{"role": "system", "content": system}], add_generation_prompt=False)
        except TideError:  # some templates refuse a system-only conversation: then no prefix cache
            return None
        prefix = self.encode(text)
        return prefix if self.encode_prompt(system, WARM_UP_MESSAGE)[: len(prefix)] == prefix else None

    # --- warm-up ---------------------------------------------------------------------------------------------
    def warm(self, systems: list[str], settings: DecodingSettings | None = None) -> float:
        """Append each system prompt once (its own generator, for greedy replies with `settings`' repetition
        penalty; not when prefix_cache is off) and run one short reply through it (the first runs allocate);
        returns the seconds it took."""
        started = time.perf_counter()
        settings = settings or DecodingSettings()
        for system in systems:
            prompt = self.encode_prompt(system, WARM_UP_MESSAGE)
            if self.prefix_cache:
                self._remember(system, settings.repetition_penalty)
            for _ in self.generate_ids(prompt, DecodingSettings(max_new_tokens=1,
                                                                repetition_penalty=settings.repetition_penalty)):
                pass
        return time.perf_counter() - started

    # --- the Backend protocol --------------------------------------------------------------------------------
    def generate(self, system: str, user_message: str, settings: DecodingSettings) -> Generation:
        """One reply; extra holds token_ids, ttft_ms (time to the first token) and the variant."""
        started = time.perf_counter()
        prompt = self._prompt(system, user_message, settings)
        ids, first_at, stop_reason = [], None, "max_tokens"
        for token in self.generate_ids(prompt, settings):
            first_at = first_at or time.perf_counter()
            if token in self.stop_token_ids:
                stop_reason = "end_turn"
                break
            ids.append(token)
        if stop_reason == "max_tokens" and len(ids) < settings.max_new_tokens and \
                len(prompt) + len(ids) >= self.context_length:
            stop_reason = "context_length"
        elapsed = time.perf_counter() - started
        return Generation(text=self.decode(ids), prompt_tokens=len(prompt), completion_tokens=len(ids),
                          latency_ms=elapsed * 1000, stop_reason=stop_reason,
                          extra={"token_ids": ids, "variant": self.variant,
                                 "ttft_ms": (first_at - started) * 1000 if first_at else None})

    def stream(self, system: str, user_message: str, settings: DecodingSettings) -> Iterator[str]:
        """The reply as text pieces as tokens arrive (the runtime's incremental decoder holds back a piece until
        its characters are complete); the pieces join to generate()'s text."""
        decoder = self.tokenizer.create_stream()
        self.last_reply_tokens = 0
        for token in self.generate_ids(self._prompt(system, user_message, settings), settings):
            if token in self.stop_token_ids:
                break
            self.last_reply_tokens += 1
            piece = decoder.decode(token)
            if piece:
                yield piece

    def _prompt(self, system: str, user_message: str, settings: DecodingSettings) -> list[int]:
        if self.prefix_cache and settings.temperature <= 0 and system:
            self._remember(system, settings.repetition_penalty)
        return self.encode_prompt(system, user_message)

    # --- decoding --------------------------------------------------------------------------------------------
    def generate_ids(self, prompt: list[int], settings: DecodingSettings) -> Iterator[int]:
        """Token ids after `prompt`, at most settings.max_new_tokens and never past the context window, including
        a final stop token if the model produces one (callers decide what a stop token means)."""
        if not prompt or len(prompt) >= self.context_length:
            raise ContextLengthError(f"the prompt is {len(prompt)} tokens; {self.model_id} takes 1 to "
                                     f"{self.context_length - 1} tokens (shorten the client message)")
        budget = min(settings.max_new_tokens, self.context_length - len(prompt))
        if budget <= 0:
            return
        slot = self._slot_for(prompt, settings, budget)
        generator = slot.generator if slot else self._new_generator(settings, len(prompt) + budget)
        start = len(slot.prefix) if slot else 0
        try:
            generator.append_tokens(prompt[start:])
            for _ in range(budget):
                generator.generate_next_token()
                token = int(generator.get_next_tokens()[0])
                yield token
                if token in self.stop_token_ids or generator.is_done():
                    return
        finally:
            if slot:
                generator.rewind_to(len(slot.prefix))

    def _slot_for(self, prompt: list[int], settings: DecodingSettings, budget: int) -> _Slot | None:
        """The cached generator whose prefix `prompt` extends (greedy, same penalty, room for the reply)."""
        if settings.temperature > 0 or len(prompt) + budget > self.max_length:
            return None
        for slot in self._slots:
            if slot.penalty == settings.repetition_penalty and len(slot.prefix) < len(prompt) and \
                    tuple(prompt[: len(slot.prefix)]) == slot.prefix:
                self._slots.remove(slot)
                self._slots.append(slot)  # most recently used last
                return slot
        return None

    def _remember(self, system: str, penalty: float) -> None:
        """A generator holding `system`'s prefix, made once per (system, penalty)."""
        prefix = self.system_prefix(system)
        if not prefix or len(prefix) >= self.max_length:
            return
        if any(s.prefix == tuple(prefix) and s.penalty == penalty for s in self._slots):
            return
        generator = self._new_generator(DecodingSettings(repetition_penalty=penalty), self.max_length)
        generator.append_tokens(prefix)
        self._slots.append(_Slot(tuple(prefix), penalty, generator))
        while len(self._slots) > MAX_PREFIXES:
            self._slots.pop(0)

    def _new_generator(self, settings: DecodingSettings, max_length: int):
        """An og.Generator with `settings`' search options (greedy, or seeded sampling with temperature/top-p)."""
        import onnxruntime_genai as og

        params = og.GeneratorParams(self.model)
        options = {"max_length": min(max_length, self.context_length),
                   "repetition_penalty": settings.repetition_penalty}
        if settings.temperature > 0:
            options |= {"do_sample": True, "temperature": settings.temperature, "top_p": settings.top_p,
                        "top_k": 0}
            if settings.seed is not None:
                options["random_seed"] = settings.seed
        params.set_search_options(**options)
        return og.Generator(self.model, params)
