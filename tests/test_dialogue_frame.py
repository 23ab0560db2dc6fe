"""The content frame (tide_core.dialogue.frame) and the answers built from it (tide_core.dialogue.answer)."""

from __future__ import annotations

import random
import re
from collections import defaultdict

import pytest

from tide_core.config import DatasetConfig
from tide_core.dialogue import compose_dialogue
from tide_core.dialogue.answer import FRAMES, answer_sentence
from tide_core.dialogue.banks import QUESTION_TYPES, load_banks
from tide_core.dialogue.compose import _PRONOUNS
from tide_core.dialogue.frame import SELF_QUESTIONS, ContentFrame
from tide_core.dialogue.types import FACTORS
from tide_core.personas import generate_personas
from tide_core.quality import client_questions, question_answered
from tide_core.scenarios import SCENARIOS
from tide_core.variety import sentences

ER, DN, SR = FACTORS


def _all_questions():
    for sid, sb in load_banks().scenarios.items():
        for q in sb.client.ask:
            yield sid, q
    for q in SELF_QUESTIONS:
        yield "self", q


class _Fill(defaultdict):
    """Any slot -> a filler naming it ("{boss}" -> "boss"), pronoun slots -> a pronoun, guards and marks -> nothing:
    every template renders without a persona, and a question and its answer that name one slot share that word."""

    def __missing__(self, key):
        low = key[:1].lower() + key[1:]
        if low.startswith(("if_", "m_")):
            return ""
        for end, pronoun in (("_he", "he"), ("_him", "him"), ("_his", "his"), ("_hes", "he's")):
            if low.endswith(end):
                return pronoun
        return low.replace("_", "")


def test_every_question_is_typed_and_its_answer_names_only_what_the_client_said():
    for sid, q in _all_questions():
        assert q.type in QUESTION_TYPES, (sid, q.text)
        assert q.about and (q.answer or q.answers), (sid, q.text)
        allowed = set(q.fields)
        for base, pronouns in _PRONOUNS.items():
            if base in allowed:
                allowed |= set(pronouns)
        if "close_him" in allowed:
            allowed |= set(_PRONOUNS["close"]) - {"close_name"}
        assert q.reply_fields <= allowed, (sid, q.text, q.reply_fields - allowed)


def test_every_question_is_answered_in_every_frame_of_its_type():
    """Walk every typed question through every answer frame of its type: the report's checker must count each as
    answered (so the figure measures the generator, and a new frame or question that does not answer fails here)."""
    rng = random.Random(3)
    failures = []
    for sid, q in _all_questions():
        question = q.text.format_map(_Fill())
        if not question.endswith("?"):
            continue  # a request said as a statement: answered, but the checker counts only questions
        if q.answers:
            said = [text.format_map(_Fill()) for text in q.answers]
        else:
            said = []
            for frame in FRAMES[q.type]:
                view = _Fill()
                about, answer = q.about.format_map(view), q.answer.format_map(view)
                said.append(frame.text.format_map({"about": about, "About": about[:1].upper() + about[1:],
                                                   "answer": answer}))
        for text in said:
            if not question_answered(question, sentences(text)):
                failures.append((sid, question, text))
    assert not failures, failures[:5]
    assert answer_sentence(next(q for _, q in _all_questions()), _Fill(), rng)


def test_answer_frames_keep_one_sentence_per_slot_and_no_people_subject():
    for qtype, frames in FRAMES.items():
        for frame in frames:
            assert {"about", "answer"} <= set(frame.fields) or "About" in frame.text, (qtype, frame.text)
            assert "people find" not in frame.text and "survivors find" not in frame.text


@pytest.fixture(scope="module")
def dialogues():
    personas = generate_personas(80, DatasetConfig().personas, 13)
    rng = random.Random("frame")
    out = []
    for i in range(1200):
        p = personas[i % len(personas)]
        sid = rng.choice(list(SCENARIOS))
        risk = "passive_death_wish" if i % 40 == 0 else None
        out.append(compose_dialogue(p, SCENARIOS[sid], random.Random(f"f{i}"), risk_type=risk,
                                    validate_first=rng.random() < 0.5))
    return out


def test_the_message_is_realised_from_the_frame_and_the_reply_answers_it(dialogues):
    asked = 0
    for d in dialogues:
        f = d.frame
        assert isinstance(f, ContentFrame) and f.message == d.client_message
        if f.risk_type:
            assert f.question is None and f.self_question is None
        sr = d.reference_reply[slice(*d.spans[SR])]
        for q in f.questions:
            asked += 1
            # The question is in the message (paraphrase and texting habits may touch a word or two).
            assert any(w in d.client_message.lower() for w in q.text.lower().split()[-3:]), (q.text, d.client_message)
        for q in client_questions(d.client_message):
            assert question_answered(q, sentences(sr)), (q, sr)
        if f.questions:
            assert d.factor_order[0] != SR, d.reference_reply  # advice never opens a reply
    assert asked > 200


def test_the_frame_records_people_with_pronouns_symptoms_and_feelings(dialogues):
    people = [person for d in dialogues for person in d.frame.people]
    assert people and all(person.pronoun in ("he", "she", "they") for person in people)
    assert any(person.pronoun in ("he", "she") for person in people)
    assert sum(bool(d.frame.symptoms) for d in dialogues) > len(dialogues) // 3
    assert sum(bool(d.frame.feelings) for d in dialogues) > len(dialogues) // 3
    assert {d.frame.disclosure for d in dialogues} == {"low", "medium", "high"}


_HE = {"he", "him", "his", "he's", "himself"}
_SHE = {"she", "her", "hers", "she's", "herself"}


def test_replies_use_only_the_pronouns_of_people_the_client_named(dialogues):
    """A reply never calls someone "she" when everyone the client named is "he" (or the reverse)."""
    for d in dialogues:
        allowed = {p.pronoun for p in d.frame.people}
        said = set(re.findall(r"[a-z']+", d.client_message.lower()))
        allowed |= {"he"} if said & _HE else set()
        allowed |= {"she"} if said & _SHE else set()
        reply = set(re.findall(r"[a-z']+", d.reference_reply.lower()))
        assert not (reply & _HE) or "he" in allowed, (d.client_message, d.reference_reply)
        assert not (reply & _SHE) or "she" in allowed, (d.client_message, d.reference_reply)
