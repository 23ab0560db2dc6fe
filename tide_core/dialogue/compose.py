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
import re
from functools import lru_cache

from tide_core.dialogue.answer import answer_sentence
from tide_core.dialogue.banks import load_banks
from tide_core.dialogue.client_voice import client_message
from tide_core.dialogue.fill import ReplySlots, Slots, Source, Tpl, cap, fix_articles, join_clash, render, tpl
from tide_core.dialogue.frame import ContentFrame, plan_frame, record_realised
from tide_core.dialogue.grounding import FAMILY_OF_EMOTION, client_families, hedge_ungrounded
from tide_core.dialogue.persona_facts import persona_facts
from tide_core.dialogue.reply_frames import (
    COURAGE,
    DID_ANY,
    DN_REACTION,
    DN_REACTION_KIND,
    EMOTIONS,
    ER_MOMENT,
    SHOWS,
    SR_DID,
    SR_STEP,
    SR_TRY,
    VALUE,
)
from tide_core.dialogue.trauma_sources import TRAUMA_KEYS
from tide_core.dialogue.types import RISK_TYPES, Dialogue
from tide_core.dialogue.vary import vary_reply
from tide_core.personas import Persona
from tide_core.scenarios import Scenario
from tide_core.variety import tokens

_BANKS = load_banks()  # data/: one file per scenario and trauma type, plus the shared reply sentences
GENERIC = _BANKS.client_slots
REPLIES = {sid: b.reply for sid, b in _BANKS.scenarios.items()}
PARTS = {sid: b.parts for sid, b in _BANKS.scenarios.items()}
_SHARED = _BANKS.shared
RISK_ER, RISK_DN, RISK_SR = _SHARED.risk_er, _SHARED.risk_dn, _SHARED.risk_sr
ER_LEADS, ER_FRAMES, DN_ANY, STRENGTH_ANY = _SHARED.er_leads, _SHARED.er_frames, _SHARED.dn_any, _SHARED.strength_any
DN_SELF_CRITICAL, STEP_GUARDED = _SHARED.dn_self_critical, _SHARED.step_guarded
ECHO_FRAMES = _BANKS.answers.echo_frames

ER, DN, SR = "emotion_recognition", "distress_normalization", "supportive_reflection"
_ECHO_SHARE = 0.6  # of replies to a client who said in the first person what they did or what happened
_MAX_WORDS = 120  # a reply answering a question stays readable: past this, its strength sentence is left out
# Orders with ER elsewhere than first, by validate_first; used for a minority of replies.
_OTHER_ORDERS = {True: ((DN, ER, SR), (DN, SR, ER)), False: ((SR, ER, DN), (SR, DN, ER))}
# Pronoun slots a reply may use once the client has named the person they belong to.
_PRONOUNS = {"close": ("close_he", "close_him", "close_his", "close_hes", "close_name"),
             "kid": ("kid_he", "kid_him", "kid_his", "kid_hes"),
             "kids": ("kids_they", "kids_them", "kids_are", "kids_were"), "partner": ("p_he", "p_him", "p_his", "p_hes"),
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


_DID_ANY = tuple(tpl(text) for text in DID_ANY)
# Frames that add no ", clause" after the phrase: for phrases that already contain a comma.
_NO_TAIL = {frames: tuple(f for f in frames if not re.search(r"\}(?: together)?,", f)) for frames in (SR_STEP, SR_TRY)}
# Frames whose subject is other people ("Some people find it helps to ..."): a phrase addressed to the client ("relax
# your shoulders") would mix persons there, so such phrases only go into frames without that subject.
_PEOPLE_RE = re.compile(r"\b(?:people|survivors)\b")
_YOU_RE = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd)\b", re.IGNORECASE)
_NOT_PEOPLE = {frames: tuple(f for f in frames if not _PEOPLE_RE.search(f))
               for frames in (DN_REACTION, DN_REACTION_KIND, SR_TRY, _NO_TAIL[SR_TRY])}
# Frames ending in "together", for steps that do not already say it ("put together a plan ... together").
_NOT_TOGETHER = {frames: tuple(f for f in frames if "together" not in f) for frames in (SR_STEP, _NO_TAIL[SR_STEP])}


def _frames_for(frames: tuple[str, ...], phrase: str, view: ReplySlots) -> tuple[str, ...]:
    """The frames that fit a phrase: no people-subject frame for a phrase addressed to "you"."""
    if frames in _NOT_TOGETHER and ("together" in phrase or _YOU_RE.search(phrase)):  # "...you're ... together"
        frames = _NOT_TOGETHER[frames]
    if frames in _NOT_PEOPLE and (_YOU_RE.search(phrase) or ("{" in phrase and _YOU_RE.search(phrase.format_map(view)))):
        frames = _NOT_PEOPLE[frames]
    return frames


@lru_cache(maxsize=512)
def _gerund(verb: str) -> str:
    """The -ing form of a verb, from lemminflect's morphology tables ("sit" -> "sitting", "lie" -> "lying")."""
    from lemminflect import getInflection  # loaded on first use: its tables take a moment

    forms = getInflection(verb, "VBG")
    return forms[0] if forms else verb + "ing"


def _ing(phrase: str) -> str:
    """The gerund of a step phrase's first verb: "think about x" -> "thinking about x"."""
    verb, _, rest = phrase.partition(" ")
    return f"{_gerund(verb)} {rest}"


def _cap_tpl(text: str) -> str:
    """Capitalise a template's first letter, through a leading slot ("{kids} ..." -> "{Kids} ...")."""
    return "{" + text[1:2].upper() + text[2:] if text.startswith("{") else cap(text)


def _fit(frame: str, name: str, phrase: str) -> str:
    """Drop a phrase template into a frame's {name} / {Name} field."""
    return frame.replace("{" + cap(name) + "}", _cap_tpl(phrase)).replace("{" + name + "}", phrase)


def _frame_for(rng: random.Random, frames: tuple[str, ...], name: str, phrase: str, view: ReplySlots,
               tries: int = 8) -> str:
    """A frame for `phrase` whose words next to the {name} field repeat none of the phrase's stems ("It's worth
    noticing that | noticing ..." is redrawn); after `tries` clashing draws, the last one."""
    said = phrase.format_map(view)
    for _ in range(tries):
        frame = rng.choice(frames)
        left, _, right = _fit(frame, name, "\x00").format_map(view).partition("\x00")
        if not join_clash(left, said, right):
            break
    return frame


def _emotion_words(scenario_id: str, emo1: str, emo2: str, rng: random.Random) -> dict[str, str]:
    """Frame words: moment adjectives for the scenario, feelings and nouns for its two chosen emotions."""
    s1, s2 = rng.sample(PARTS[scenario_id].sit, 2)
    (feel1, noun1), (feel2, noun2) = EMOTIONS[emo1], EMOTIONS[emo2]
    f1, f2 = rng.choice(feel1), rng.choice(feel2)
    if f2 == f1:
        f2 = emo2
    return {"emo1": emo1, "emo2": emo2, "s1": s1, "s2": s2, "f1": f1, "f2": f2, "n1": rng.choice(noun1),
            "n2": rng.choice(noun2), "courage": rng.choice(COURAGE), "value": rng.choice(VALUE),
            "shows": rng.choice(SHOWS)}


# People slots are named all over client messages, so a moment naming only them could reflect something the client
# never said; a moment is specific enough to reflect when it names a scenario detail or a mark.
_PEOPLE = frozenset({"partner", "partner_name", "close", "close_him", "close_his", "close_he", "kids", "kid", "support",
                     "boss", "coworkers", "care", "little", "p_hes", "p_him", "work_at", "kind", "if_kids"})


def _composed_er(rng: random.Random, scenario_id: str, allowed: frozenset[str], view: ReplySlots) -> str | None:
    """A moment frame reflecting a detail the client gave, or None when the client gave none it can reflect."""
    ok = [t for t in PARTS[scenario_id].moments if t.fields <= allowed and t.fields - _PEOPLE]
    if not ok:
        return None
    moment = rng.choice(ok).text
    return fix_articles(_fit(_frame_for(rng, ER_MOMENT, "moment", moment, view), "moment", moment).format_map(view))


def _composed_dn(rng: random.Random, scenario_id: str, allowed: frozenset[str], view: ReplySlots) -> str:
    parts = PARTS[scenario_id]
    reaction = _choose(rng, parts.reactions, allowed, 0.4)
    frames = DN_REACTION_KIND if "kind" in allowed and rng.random() < 0.35 else DN_REACTION
    said = reaction.text + (" {kind}" if frames is DN_REACTION_KIND else "")  # "losing your home" is for "you" too
    reason = rng.choice(parts.reasons)
    frames = tuple(f.replace("{reason}", reason) for f in _frames_for(frames, said, view))
    text = _fit(_frame_for(rng, frames, "reaction", reaction.text, view), "reaction", reaction.text)
    return fix_articles(text.format_map(view))


def _composed_strength(rng: random.Random, scenario_id: str, allowed: frozenset[str], view: ReplySlots) -> str:
    pool = PARTS[scenario_id].did if rng.random() < 0.7 else _DID_ANY
    did = _choose(rng, pool, allowed, 0.6)
    return fix_articles(_fit(_frame_for(rng, SR_DID, "did", did.text, view), "did", did.text).format_map(view))


def _composed_step(rng: random.Random, scenario_id: str, allowed: frozenset[str], view: ReplySlots) -> str:
    parts = PARTS[scenario_id]
    if rng.random() < 0.5:
        step = _choose(rng, parts.steps, allowed, 0.5).text
        frame = rng.choice(_frames_for(_NO_TAIL[SR_STEP] if "," in step else SR_STEP, step, view))
        text = frame.replace("{step_ing}", _ing(step)).replace("{step}", step)
    else:
        try_ = _choose(rng, parts.tries, allowed, 0.5).text
        text = rng.choice(_frames_for(_NO_TAIL[SR_TRY] if "," in try_ else SR_TRY, try_, view)).replace("{try_}", try_)
    return fix_articles(text.format_map(view))


def _pick_emotions(scenario_id: str, expressed: set[str], rng: random.Random) -> tuple[str, str]:
    """Two of the scenario's emotions, preferring those whose feeling family the client expressed."""
    emotions = _EMOTIONS[scenario_id]
    grounded = [e for e in emotions if FAMILY_OF_EMOTION.get(e) in expressed]
    if len(grounded) >= 2:
        return tuple(rng.sample(grounded, 2))
    if grounded:
        return grounded[0], rng.choice([e for e in emotions if e != grounded[0]])
    return tuple(rng.sample(emotions, 2))


def _segments(persona: Persona, frame: ContentFrame, slots: Slots, rng: random.Random,
              view: ReplySlots) -> tuple[dict[str, str], bool]:
    """The text of each factor segment: a scenario sentence, a generic one, or a frame with a scenario phrase.
    When the client asked a question, the supportive reflection holds only an optional strength sentence here; the
    answer follows it (compose_dialogue adds it after the paraphrase pass, so its wording stays exact). The flag
    says whether SR may open the reply: only when it starts with a strength sentence, not with advice."""
    scenario_id = frame.scenario_id
    allowed = _reply_allowed(slots) | {"emo1", "emo2"}
    if frame.risk_type:
        return {ER: render(rng.choice(RISK_ER), view), DN: render(rng.choice(RISK_DN), view),
                SR: render(_choose(rng, RISK_SR, allowed, 0.3), view)}, False
    rb = REPLIES[scenario_id]
    style = persona.communication_style
    r = rng.random()
    er = _composed_er(rng, scenario_id, allowed, view) if r < 0.6 else None
    if er is None:
        er = render(_choose(rng, ER_FRAMES if rng.random() < 0.35 else rb.er, allowed, 0.7), view)
    r = rng.random()
    if r < 0.66:
        dn = _composed_dn(rng, scenario_id, allowed, view)
    else:
        dn = render(_choose(rng, DN_ANY if r < 0.69 else rb.dn, allowed, 0.5), view)
    if style == "self_critical" and frame.self_question is None and rng.random() < 0.4:  # else its answer does this
        dn += " " + render(rng.choice(DN_SELF_CRITICAL), view)
    if frame.question is not None:  # the answer is the next step, when there is one: no second, unrelated step
        return {ER: er, DN: dn, SR: _strength(rng, scenario_id, allowed, view, rb) if rng.random() < 0.6 else ""}, False
    r = rng.random()
    if style == "guarded" and r < 0.3:
        step = render(rng.choice(STEP_GUARDED), view)
    elif r < 0.65:
        step = _composed_step(rng, scenario_id, allowed, view)
    else:
        step = render(_choose(rng, rb.step, allowed, 0.5), view)
    if rng.random() < 0.25:
        return {ER: er, DN: dn, SR: step}, False
    return {ER: er, DN: dn, SR: _strength(rng, scenario_id, allowed, view, rb) + " " + step}, True


def _strength(rng: random.Random, scenario_id: str, allowed: frozenset[str], view: ReplySlots, rb) -> str:
    r = rng.random()
    if r < 0.6:
        return _composed_strength(rng, scenario_id, allowed, view)
    return render(_choose(rng, STRENGTH_ANY if r < 0.72 else rb.strength, allowed, 0.5), view)


def _order(rng: random.Random, validate_first: bool, risk: bool, sr_may_lead: bool) -> tuple[str, str, str]:
    """ER first in most replies; the supportive reflection never opens a reply that gives advice in it."""
    if risk or rng.random() < 0.85:
        return (ER, DN, SR) if validate_first else (ER, SR, DN)
    orders = [o for o in _OTHER_ORDERS[validate_first] if sr_may_lead or o[0] != SR]
    return rng.choice(orders) if orders else ((ER, DN, SR) if validate_first else (ER, SR, DN))


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
    style = persona.communication_style
    frame = plan_frame(style, scenario.scenario_id, slots, rng, risk_type)
    message = client_message(style, scenario.scenario_id, slots, rng, young=facts.young, risk_type=risk_type,
                             frame=frame)
    expressed = client_families(message)
    frame = record_realised(frame, message, slots, expressed)
    emo1, emo2 = _pick_emotions(scenario.scenario_id, expressed, rng)
    view = ReplySlots(slots, _emotion_words(scenario.scenario_id, emo1, emo2, rng))
    segments, sr_may_lead = _segments(persona, frame, slots, rng, view)
    sr_may_lead = sr_may_lead and not frame.questions  # an answer goes after validation
    order = _order(rng, validate_first, risk_type is not None, sr_may_lead)
    if order[0] == ER and not risk_type and rng.random() < 0.2:
        segments[ER] = render(rng.choice(ER_LEADS), slots) + " " + segments[ER]
    factors = [f for f in order if segments[f]]
    # One paraphrase pass over the segments (a separator keeps them apart): regex passes are the hot path.
    varied = fix_articles(vary_reply("\x00".join(segments[f] for f in factors), rng)).split("\x00")
    # A feeling the client did not express is said as an inference ("..., if I'm reading you right.").
    segments.update({f: hedge_ungrounded(text, expressed, rng) for f, text in zip(factors, varied, strict=True)})
    # The answers go into the supportive reflection in the words written for them: a self-critical question's
    # (normalising) first, the question's last, where a next step would otherwise be.
    if frame.said and not risk_type and rng.random() < _ECHO_SHARE:  # a simple reflection of what they said
        said = rng.choice(frame.said)
        echo = fix_articles(cap(rng.choice(ECHO_FRAMES).text.format(echo=said)))
        repeats = len(set(tokens(said)) & set(tokens(" ".join(segments.values())))) > 4  # already reflected
        if not repeats and sum(len(s.split()) for s in (*segments.values(), echo)) <= _MAX_WORDS - 25:
            segments[SR] = (echo + " " + segments[SR]).strip()
    if frame.questions:
        said = [hedge_ungrounded(answer_sentence(q, view, rng), expressed, rng) for q in frame.questions]
        pre = segments[SR]
        total = sum(len(s.split()) for s in (*segments.values(), *said))
        if pre and total > _MAX_WORDS:
            pre, total = "", total - len(pre.split())  # a long reply keeps the answers and drops the strength sentence
        own = said[0] if frame.self_question is not None else ""
        if own and frame.question is not None and total > _MAX_WORDS:
            segments[DN], own = own, ""  # still long: the self-critical question's answer normalises, so it is DN
        segments[SR] = " ".join(s for s in (own, pre, said[-1] if frame.question is not None else "") if s)
    reply, spans = _assemble(segments, order)
    return Dialogue(client_message=message, reference_reply=reply, spans=spans, factor_order=order,
                    risk_type=risk_type, frame=frame)
