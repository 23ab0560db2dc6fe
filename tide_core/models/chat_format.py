"""Prompts and training examples in a model's chat format.

`tokenizer` recipes use the model's own chat template; `plain` recipes (base and from-scratch models) get
PLAIN_TEMPLATE. A training example is prompt ids + reply ids + the end-of-turn id, with the loss masked to the
reply: labels are IGNORE over the prompt, so the model learns to answer, not to write client messages.
"""

from __future__ import annotations

from dataclasses import dataclass

from tide_core.errors import TideError

IGNORE = -100  # the label value torch's cross-entropy skips

# Roles as plain text lines; the reply ends with the tokenizer's end-of-sequence token (end of turn).
PLAIN_TEMPLATE = (
    "{% for m in messages %}"
    "{% if m['role'] == 'system' %}<|system|>\n{{ m['content'] }}\n"
    "{% elif m['role'] == 'user' %}<|user|>\n{{ m['content'] }}\n"
    "{% else %}<|assistant|>\n{{ m['content'] }}{{ eos_token }}\n{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)


@dataclass(frozen=True)
class Encoded:
    input_ids: list[int]
    labels: list[int]
    prompt_len: int


def prepare_tokenizer(tokenizer, chat_template: str):
    """Set the template `plain` needs, a pad token, and left padding (for batched generation)."""
    if chat_template == "plain" or not tokenizer.chat_template:
        tokenizer.chat_template = PLAIN_TEMPLATE
    if tokenizer.eos_token_id is None:
        raise TideError("the tokenizer has no end-of-sequence token; expected one to mark the end of a turn")
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return tokenizer


def messages(system: str | None, user_message: str) -> list[dict]:
    turns = [{"role": "system", "content": system}] if system else []
    return turns + [{"role": "user", "content": user_message}]


def prompt_text(tokenizer, system: str | None, user_message: str) -> str:
    """The prompt as text, ending where the assistant's reply starts.

    Templates without a system role (Gemma 2) raise on one; the system prompt is then folded into the user turn.
    """
    try:
        return tokenizer.apply_chat_template(messages(system, user_message), add_generation_prompt=True,
                                             tokenize=False)
    except Exception as exc:  # noqa: BLE001 - jinja raises TemplateError from the template's own check
        if not system or "system" not in str(exc).lower():
            raise
        return tokenizer.apply_chat_template(messages(None, f"{system}\n\n{user_message}"),
                                             add_generation_prompt=True, tokenize=False)


def prompt_ids(tokenizer, system: str | None, user_message: str) -> list[int]:
    # The template already holds any BOS token: adding special tokens again would double it.
    return tokenizer(prompt_text(tokenizer, system, user_message), add_special_tokens=False)["input_ids"]


def encode_example(tokenizer, system: str | None, user_message: str, reply: str, max_len: int) -> Encoded | None:
    """Prompt + reply + end of turn, labels masked to the reply; None when the prompt alone nearly fills max_len.

    A reply that does not fit is cut (its end-of-turn token then falls away too).
    """
    prompt = prompt_ids(tokenizer, system, user_message)
    if len(prompt) > max_len - 8:
        return None
    answer = tokenizer(reply.strip(), add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    ids = (prompt + answer)[:max_len]
    labels = ([IGNORE] * len(prompt) + answer)[:max_len]
    return Encoded(ids, labels, len(prompt))
