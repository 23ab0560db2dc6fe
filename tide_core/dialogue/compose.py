"""Compose one two-turn dialogue: a client message in the persona's voice and a three-factor reference reply.

    compose_dialogue(persona, scenario, rng, *, risk_type, validate_first) -> Dialogue

Contract (see tide_core.dialogue): every random choice comes from `rng` (persona-stable facts come from a Random
seeded by the persona itself, see persona_facts), so the same inputs give the same text. The reply is three
segments joined by single spaces: emotion recognition (ER), distress normalization (DN) and supportive reflection
(SR). ER usually comes first; `validate_first` puts DN before SR, otherwise SR comes before DN. `spans` holds each
segment's exact character offsets in the reply. With a `risk_type`, the client message carries that risk language
and the reply follows the safety protocol (acknowledge, normalise without judgement, ask about safety, give 988).
"""

from __future__ import annotations

import random
from functools import lru_cache

from tide_core.dialogue.client_bank import GENERIC
from tide_core.dialogue.client_voice import client_message
from tide_core.dialogue.fill import ReplySlots, Slots, Source, Tpl, fix_articles, render
from tide_core.dialogue.persona_facts import persona_facts
from tide_core.dialogue.reply_bank import (
    DN_ANY,
    DN_SELF_CRITICAL,
    ER_FRAMES,
    ER_LEADS,
    REPLIES,
    RISK_DN,
    RISK_ER,
    RISK_SR,
    STEP_GUARDED,
    STRENGTH_ANY,
)
from tide_core.dialogue.trauma_bank import TRAUMA_KEYS
from tide_core.dialogue.types import RISK_TYPES, Dialogue
from tide_core.dialogue.vary import vary_reply
from tide_core.personas import Persona
from tide_core.scenarios import Scenario

ER, DN, SR = "emotion_recognition", "distress_normalization", "supportive_reflection"
# Orders with ER elsewhere than first, by validate_first; used for a minority of replies.
_OTHER_ORDERS = {True: ((DN, ER, SR), (DN, SR, ER)), False: ((SR, ER, DN), (SR, DN, ER))}
# Pronoun slots a reply may use once the client has named the person they belong to.
_PRONOUNS = {"close": ("close_he", "close_him", "close_his", "close_hes", "close_name"),
             "kid": ("kid_he", "kid_him", "kid_his", "kid_hes"), "partner": ("p_he", "p_him", "p_his", "p_hes"),
             "little": ("little_he", "little_him", "little_his")}


@lru_cache(maxsize=1024)
def _sources(persona: Persona) -> dict[str, Source]:
    """Generic slots overlaid with the persona's own (cached per persona: 20 conversations each)."""
    return {**GENERIC, **persona_facts(persona).sources}


def _reply_allowed(slots: Slots) -> frozenset[str]:
    """Slots a reply template may name: what the client used, the pronouns of people they named, guard slots,
    and "kind" once the client referred to their experience in any way."""
    allowed = set(slots.used)
    for base, pronouns in _PRONOUNS.items():
        if base in allowed:
            allowed.update(pronouns)
    allowed.update(k for k in slots.sources if k.startswith("if_"))
    if allowed & TRAUMA_KEYS:
        allowed.add("kind")
    return frozenset(allowed)


def _choose(rng: random.Random, items: tuple[Tpl, ...], allowed: frozenset[str], prefer_detail: float) -> Tpl:
    """A template the reply can fill; with probability `prefer_detail`, one that echoes a client detail."""
    ok = [t for t in items if t.fields <= allowed]
    detailed = [t for t in ok if t.fields - {"kind"}]
    if detailed and rng.random() < prefer_detail:
        return rng.choice(detailed)
    return rng.choice(ok)


def _emotions() -> dict[str, tuple[str, ...]]:
    from tide_core.scenarios import SCENARIOS

    return {sid: s.primary_emotions for sid, s in SCENARIOS.items()}


_EMOTIONS = _emotions()


def _segments(persona: Persona, scenario_id: str, slots: Slots, rng: random.Random,
              risk_type: str | None) -> dict[str, str]:
    """The text of each factor segment."""
    emo1, emo2 = rng.sample(_EMOTIONS[scenario_id], 2)
    view = ReplySlots(slots, {"emo1": emo1, "emo2": emo2})
    allowed = _reply_allowed(slots) | {"emo1", "emo2"}
    if risk_type:
        return {ER: render(rng.choice(RISK_ER), view), DN: render(rng.choice(RISK_DN), view),
                SR: render(_choose(rng, RISK_SR, allowed, 0.3), view)}
    rb = REPLIES[scenario_id]
    style = persona.communication_style
    er_bank = ER_FRAMES if rng.random() < 0.2 else rb.er
    er = render(_choose(rng, er_bank, allowed, 0.7), view)
    dn = render(_choose(rng, DN_ANY if rng.random() < 0.1 else rb.dn, allowed, 0.5), view)
    if style == "self_critical" and rng.random() < 0.4:
        dn += " " + render(rng.choice(DN_SELF_CRITICAL), view)
    step_bank = STEP_GUARDED if style == "guarded" and rng.random() < 0.4 else rb.step
    step = render(_choose(rng, step_bank, allowed, 0.5), view)
    strength_bank = STRENGTH_ANY if rng.random() < 0.25 else rb.strength
    sr = step if rng.random() < 0.25 else render(_choose(rng, strength_bank, allowed, 0.5), view) + " " + step
    return {ER: er, DN: dn, SR: sr}


def _order(rng: random.Random, validate_first: bool, risk: bool) -> tuple[str, str, str]:
    if risk or rng.random() < 0.85:
        return (ER, DN, SR) if validate_first else (ER, SR, DN)
    return rng.choice(_OTHER_ORDERS[validate_first])


def _assemble(segments: dict[str, str], order: tuple[str, str, str]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Join segments with single spaces and record each one's (start, end) offsets."""
    spans: dict[str, tuple[int, int]] = {}
    text = ""
    for factor in order:
        if text:
            text += " "
        start = len(text)
        text += segments[factor]
        spans[factor] = (start, len(text))
    return text, spans


def compose_dialogue(persona: Persona, scenario: Scenario, rng: random.Random, *, risk_type: str | None,
                     validate_first: bool) -> Dialogue:
    """One Dialogue for this persona in this scenario. Deterministic in (persona, scenario, rng state, flags)."""
    if risk_type is not None and risk_type not in RISK_TYPES:
        raise ValueError(f"risk_type must be None or one of {RISK_TYPES}, got {risk_type!r}")
    facts = persona_facts(persona)
    slots = Slots(_sources(persona), rng)
    message = client_message(persona.communication_style, scenario.scenario_id, slots, rng, young=facts.young,
                             risk_type=risk_type)
    segments = _segments(persona, scenario.scenario_id, slots, rng, risk_type)
    order = _order(rng, validate_first, risk_type is not None)
    if order[0] == ER and not risk_type and rng.random() < 0.12:
        segments[ER] = render(rng.choice(ER_LEADS), slots) + " " + segments[ER]
    # One paraphrase pass over all three segments (a separator keeps them apart): regex passes are the hot path.
    varied = fix_articles(vary_reply("\x00".join(segments[f] for f in order), rng)).split("\x00")
    segments = dict(zip(order, varied, strict=True))
    reply, spans = _assemble(segments, order)
    return Dialogue(client_message=message, reference_reply=reply, spans=spans, factor_order=order,
                    risk_type=risk_type)
