"""The content frame behind one dialogue: what the client message says, as data, and what the reply answers.

    plan_frame(style, scenario_id, slots, rng, risk_type) -> ContentFrame   (before the message is written)
    record_realised(frame, message, slots) -> ContentFrame                  (after: what the message actually said)

The plan fixes what the message will carry before a word is written: the scenario, the communication style and
how much the client discloses, risk language, and the question the client asks, typed (how / normal / tell /
what_happens, from the scenario's `client: ask` entries in data/scenarios/<scenario>.yaml) with what it asks about
and the content of its answer, and, for a self-critical client, a self-critical question ("What is wrong with
me?"). The client message is realised from the plan (client_voice.client_message), then the frame records what the
realised message named: the trigger or event, the symptoms, the feeling families, the people with their pronouns
and what the client has already tried. The reference reply is built from the same frame (compose, answer): it may
echo only slots the client used, names feelings from the families the client expressed (or hedges them) and, when
the client asked, answers the question in the way its type needs.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from tide_core.dialogue.banks import AskTpl, load_banks
from tide_core.dialogue.fill import Slots, fillable, to_second_person
from tide_core.dialogue.grounding import client_families
from tide_core.variety import sentences, tokens

_ANSWERS = load_banks().answers
_ASKS = {sid: b.client.ask for sid, b in load_banks().scenarios.items()}
SELF_QUESTIONS: tuple[AskTpl, ...] = _ANSWERS.self_questions

# How much each communication style discloses, and how often it asks a question (client_voice places it).
DISCLOSURE = {"terse": "low", "guarded": "low", "direct": "medium", "self_critical": "medium",
              "reflective": "high", "verbose": "high"}
ASK_SHARE = {"terse": 0.0, "guarded": 0.0, "direct": 1.0, "verbose": 0.6, "self_critical": 0.3, "reflective": 0.3}
SELF_QUESTION_SHARE = 0.2  # of self-critical messages

# Slot bases that name a person, with the slot that holds their subject pronoun.
_PEOPLE = {"partner": "p_he", "partner_name": "p_he", "close": "close_he", "close_name": "close_he",
           "close_him": "close_he", "kid": "kid_he", "kid_name": "kid_he", "kids": "kids_they", "boss": None,
           "support": None, "care": None, "little": "little_he", "grown": "grown_he", "coworkers": None, "lost": None}
_TRIGGER_SLOTS = ("event", "trigger", "kind", "sound", "place", "image", "media", "nightmare", "date")


@dataclass(frozen=True)
class Person:
    slot: str        # the slot the client named them with ("partner", "close", "kids")
    said: str        # as the client said it ("my wife", "Dana")
    pronoun: str     # subject pronoun the reply must use: he, she or they


@dataclass(frozen=True)
class ContentFrame:
    scenario_id: str
    style: str
    disclosure: str                        # low / medium / high
    risk_type: str | None
    question: AskTpl | None                # the question asked, typed; None when the client asked none
    self_question: AskTpl | None = None    # a self-critical question ("What is wrong with me?")
    # Recorded from the realised message (record_realised):
    message: str = ""
    trigger: tuple[str, ...] = ()          # the event, trigger or reminder named ("the fireworks", "the 14th")
    feelings: frozenset[str] = frozenset()  # feeling families expressed (grounding.client_families)
    people: tuple[Person, ...] = ()
    said: tuple[str, ...] = ()             # what the client said happened, in second person, for a reflection

    @property
    def questions(self) -> tuple[AskTpl, ...]:
        return tuple(q for q in (self.self_question, self.question) if q is not None)

    # Read from the message when asked for (the build does not need them, and 10,000 scans cost time).
    @cached_property
    def symptoms(self) -> tuple[str, ...]:
        """Symptoms the message names ("nightmares", "startle"), by the cue words in data/answers.yaml."""
        return _symptoms(self.message)

    @cached_property
    def tried(self) -> tuple[str, ...]:
        """Message sentences saying what the client already tried."""
        return tuple(s for s in sentences(self.message) if _TRIED_RE.search(s))


def plan_frame(style: str, scenario_id: str, slots: Slots, rng: random.Random, risk_type: str | None) -> ContentFrame:
    """What the message will carry. A message with risk language carries no practical question: the reply's
    supportive reflection belongs to the safety protocol."""
    question = self_question = None
    if not risk_type and rng.random() < ASK_SHARE[style]:
        asks = fillable(_ASKS[scenario_id], slots)
        question = rng.choice(asks) if asks else None
    if style == "self_critical" and not risk_type and rng.random() < SELF_QUESTION_SHARE:
        own = fillable(SELF_QUESTIONS, slots)
        self_question = rng.choice(own) if own else None
    return ContentFrame(scenario_id=scenario_id, style=style, disclosure=DISCLOSURE[style], risk_type=risk_type,
                        question=question, self_question=self_question)


def _cue_re(cues: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\b", re.I)


# Symptom cues: single words are looked up in the message's word set, phrases found in its lower-cased text (a
# regex alternation over every cue is several times slower over 10,000 messages).
_WORD_CUES = {s: frozenset(c.lower() for c in cues if " " not in c) for s, cues in _ANSWERS.symptoms.items()}
_PHRASE_CUES = {s: tuple(c.lower() for c in cues if " " in c) for s, cues in _ANSWERS.symptoms.items()}
_TRIED_RE = _cue_re(_ANSWERS.tried)


def _symptoms(message: str) -> tuple[str, ...]:
    low = message.lower()
    words = set(tokens(low))
    return tuple(s for s, cues in _WORD_CUES.items()
                 if not cues.isdisjoint(words) or any(p in low for p in _PHRASE_CUES[s]))


def _pronoun(slots: Slots, slot: str) -> str:
    """The subject pronoun of the person named by `slot` (read without drawing: persona pronouns are fixed)."""
    key = _PEOPLE[slot]
    value = slots.get(key, slots.sources.get(key)) if key else None
    return value if isinstance(value, str) else "they"


# A sentence worth reflecting back: the client saying what they did or what happened ("I sat in the car ...").
# Not one addressed to the reader, about "we", a question, or a remark about writing the message.
_NOT_REFLECTED = re.compile(r"\b(?:we|us|we're|we've|our|you|your|writing|typing|message|telling|here goes|"
                            r"sure|know|think|guess|when it happened)\b|[\"?!:;]|\.\.", re.I)
# Common verbs with irregular past forms, inflected by lemminflect; regular pasts end in "-ed". (lemminflect's lemma
# tables would read any form, but loading them costs a third of a second per build.)
_IRREGULAR = ("be", "have", "do", "sit", "get", "go", "take", "make", "keep", "feel", "run", "leave", "see", "hear",
              "wake", "freeze", "tell", "think", "stand", "spend", "hide", "drive", "come", "put", "hold", "lose",
              "find", "fall", "throw", "break", "eat", "drink", "sleep", "say", "send", "lie", "grab", "shake", "buy",
              "bring", "catch", "begin", "forget", "give", "know", "let", "read", "ride", "set", "shut", "sing",
              "speak", "spill", "swear", "swim", "teach", "wear", "win", "write", "can")


@lru_cache(maxsize=1)
def _irregular_past() -> frozenset[str]:
    from lemminflect import getInflection  # the same tables the gerunds use (compose._gerund)

    forms = {f.lower() for verb in _IRREGULAR for f in getInflection(verb, "VBD")}
    return frozenset(forms | {"couldn't", "didn't", "wasn't", "hadn't"})


def _is_past(word: str) -> bool:
    """Whether `word` is a past-tense verb form ("sat", "froze", "snapped")."""
    word = word.lower()
    return (word.endswith("ed") and not word.endswith("eed")) or word in _irregular_past()


def _reflectable(message: str) -> tuple[str, ...]:
    """The message's first-person past-tense sentences, turned to second person ("you sat in the car ...")."""
    out = []
    for s in sentences(message):
        words = s.split()
        if (s.startswith("I ") and s.endswith(".") and 6 <= len(words) <= 22 and not _NOT_REFLECTED.search(s[:-1])
                and _is_past(words[1])):
            out.append(to_second_person(s[:-1]))
    return tuple(out)


def record_realised(frame: ContentFrame, message: str, slots: Slots,
                    feelings: set[str] | None = None) -> ContentFrame:
    """The frame completed with what the realised message named (slots it used, words it said). `feelings`: the
    message's feeling families when already measured."""
    used = list(slots.used)
    return ContentFrame(frame.scenario_id, frame.style, frame.disclosure, frame.risk_type, frame.question,
                        frame.self_question, message=message,
                        trigger=tuple(slots[s] for s in used if s in _TRIGGER_SLOTS),
                        feelings=frozenset(client_families(message) if feelings is None else feelings),
                        people=tuple(Person(s, slots[s], _pronoun(slots, s)) for s in used if s in _PEOPLE),
                        said=_reflectable(message))
