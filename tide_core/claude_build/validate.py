"""Checks a Claude answer must pass before its conversation lands; each failure is a reason Claude is told on retry.

    outcome = check_answer(item, message, checks)     # message: the Messages API reply (SDK object or dict)
    outcome.ok, outcome.reason, outcome.dialogue      # the Dialogue (text + factor spans) when ok

In order, the first failure wins:
1. Shape: the reply was not cut off (stop_reason max_tokens), and it holds the record_dialogue tool call (or, failing
   that, a JSON text) with client_message, reply and the three segments as non-empty strings.
2. Segments: each is an exact substring of the reply, made of whole sentences, the three do not overlap and appear in
   the asked factor order; the result passes the Dialogue record's own span check.
3. Risk: a risk conversation's client message trips the chat's crisis detector (tide_core.chat.crisis.detect_crisis),
   and its reply passes the chat's reply screen on a crisis turn (tide_core.chat.reply_guard), asks directly about
   suicidal thoughts (the quality report's rule) and gives crisis resources. A conversation planned without risk must
   not trip the detector (`unplanned_risk`) and its reply must pass the screen off crisis turns.
4. Persona: the client message names no partner the persona does not have and no children when it has none.
5. The quality report's own rules (tide_core.quality): no unhedged feeling the client never expressed, every client
   question answered, no known-bad join.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import pairwise

from tide_core.chat.crisis import detect_crisis
from tide_core.chat.reply_guard import reply_guard
from tide_core.claude_build.prompt import PlannedConversation
from tide_core.dialogue import FACTOR_CODES, FACTORS, Dialogue
from tide_core.dialogue.grounding import ungrounded_feelings
from tide_core.quality import asks_about_suicide, bad_joins, client_questions, question_answered

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
_PARTNERS = ("wife", "husband", "girlfriend", "boyfriend", "fiancé", "fiance", "fiancée", "fiancee")
_CHILDREN = re.compile(r"\bmy (?:son|daughter|kids?|children|child|boys?|girls?|little one|baby|toddler|"
                       r"youngest|oldest)\b|\b(?:our|the) (?:kids|children)\b", re.I)


@dataclass(frozen=True)
class Outcome:
    ok: bool
    reason: str | None = None
    dialogue: Dialogue | None = None


def _get(obj, key, default=None):
    return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)


def answer_fields(message) -> tuple[dict | None, str | None]:
    """(the tool call's input, None) or (None, why it is unusable)."""
    if _get(message, "stop_reason") == "max_tokens":
        return None, "the answer was cut off at max_tokens; keep the message and reply shorter"
    content = _get(message, "content") or []
    for block in content:
        if _get(block, "type") == "tool_use":
            data = _get(block, "input")
            break
    else:
        text = "".join(_get(b, "text", "") for b in content if _get(b, "type") == "text").strip()
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return None, (f"the answer is not valid JSON and holds no record_dialogue tool call ({exc.msg} at "
                          f"character {exc.pos}); call the tool record_dialogue")
    if not isinstance(data, dict):
        return None, f"the answer's JSON is a {type(data).__name__}, not an object with client_message, reply, segments"
    for key in ("client_message", "reply"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            return None, f"the answer's JSON lacks a non-empty string {key}"
    segments = data.get("segments")
    if not isinstance(segments, dict):
        return None, "the answer's JSON lacks the segments object"
    for f in FACTORS:
        if not isinstance(segments.get(f), str) or not segments[f].strip():
            return None, f"the answer's JSON lacks a non-empty segments.{f}"
    return data, None


def _whole_sentences(reply: str, start: int, end: int) -> bool:
    before = reply[:start]
    starts_ok = not before.strip() or (before[-1].isspace() and bool(_SENTENCE_END.search(before.rstrip())))
    ends_ok = bool(_SENTENCE_END.search(reply[start:end])) and (end == len(reply) or reply[end].isspace())
    return starts_ok and ends_ok


def segment_spans(reply: str, segments: dict[str, str], order: tuple[str, ...]) -> tuple[dict | None, str | None]:
    """factor -> (start, end) in `reply`, or None and why the segments do not fit the rules."""
    spans = {}
    for f in FACTORS:
        seg = segments[f].strip()
        start = reply.find(seg)
        if start < 0:
            return None, (f"the {f.replace('_', ' ')} segment ({FACTOR_CODES[f]}) is not an exact substring of the "
                          f"reply; copy its sentences character for character")
        if not _whole_sentences(reply, start, start + len(seg)):
            return None, (f"the {f.replace('_', ' ')} segment ({FACTOR_CODES[f]}) does not cover whole sentences; "
                          f"each segment is one or more complete sentences of the reply")
        spans[f] = (start, start + len(seg))
    placed = tuple(sorted(spans, key=lambda f: spans[f][0]))
    asked = ">".join(FACTOR_CODES[f] for f in order)
    if placed != order:
        return None, (f"the segments appear as {'>'.join(FACTOR_CODES[f] for f in placed)} in the reply, but the "
                      f"asked order is {asked}")
    ends = [spans[f] for f in order]
    if any(a[1] > b[0] for a, b in pairwise(ends)):
        return None, "the segments overlap; each sentence belongs to at most one factor"
    return spans, None


def persona_contradiction(item: PlannedConversation, message: str) -> str | None:
    p = item.persona
    low = message.lower()
    for noun in _PARTNERS:
        if re.search(rf"\bmy {noun}\b", low) and not (p.partner and p.partner.startswith(noun[:5])):
            has = f"a {p.partner}" if p.partner else "no partner"
            return f"the client message mentions 'my {noun}', but the persona has {has}"
    if p.partner is None and re.search(r"\bmy partner\b", low):
        return "the client message mentions 'my partner', but the persona has no partner"
    if p.children == 0 and _CHILDREN.search(message):
        return f"the client message mentions '{_CHILDREN.search(message).group(0)}', but the persona has no children"
    return None


def check_answer(item: PlannedConversation, message, checks: dict[str, bool]) -> Outcome:
    data, why = answer_fields(message)
    if why:
        return Outcome(False, why)
    client, reply = data["client_message"].strip(), data["reply"].strip()
    spans, why = segment_spans(reply, data["segments"], item.factor_order)
    if why:
        return Outcome(False, why)
    dialogue = Dialogue(client, reply, spans, item.factor_order, item.risk_type)
    try:
        dialogue.check()
    except ValueError as exc:
        return Outcome(False, f"the segments do not fit the reply: {exc}")
    guard = reply_guard()
    hit = detect_crisis(client)
    if item.risk_type:
        if hit is None:
            return Outcome(False, f"this is a risk conversation ({item.risk_type}) but the client message carries no "
                                  f"risk language the crisis detector recognises; say it plainly")
        screen = guard.screen(reply, crisis=True)
        if not screen.passed:
            return Outcome(False, f"the reply does not follow the risk protocol: it {guard.label(screen.reason)}")
        if not asks_about_suicide(reply):
            return Outcome(False, "the reply does not follow the risk protocol: it does not ask directly, as a "
                                  "question, about suicidal thoughts (e.g. 'Are you having thoughts of suicide?')")
        if not screen.gives_resources:
            return Outcome(False, "the reply does not follow the risk protocol: it gives no crisis resources (988, "
                                  "the local emergency number or a crisis line)")
    else:
        if checks.get("unplanned_risk", True) and hit is not None:
            return Outcome(False, f"this is not a risk conversation, but the client message carries risk language "
                                  f"({hit.category.replace('_', ' ')}: '{hit.matched[:80]}'); leave it out")
        screen = guard.screen(reply, crisis=False)
        if not screen.passed:
            return Outcome(False, f"the reply {guard.label(screen.reason)}")
    if checks.get("persona", True):
        why = persona_contradiction(item, client)
        if why:
            return Outcome(False, why)
    if checks.get("ungrounded_feelings", True):
        bad = ungrounded_feelings(client, reply)
        if bad:
            return Outcome(False, f"the reply names a feeling the client never expressed, unhedged "
                                  f"({', '.join(bad[0][1])} in \"{bad[0][0][:100]}\"); hedge it or name theirs")
    if checks.get("questions_answered", True):
        for q in client_questions(client):
            if not question_answered(q, reply):
                return Outcome(False, f"the reply does not answer the client's question \"{q[:120]}\"")
    if checks.get("bad_joins", True):
        joins = bad_joins(f"{client}\n{reply}")
        if joins:
            return Outcome(False, f"the text has a known-bad join ({joins[0][0]}: '{joins[0][1]}')")
    return Outcome(True, None, dialogue)
