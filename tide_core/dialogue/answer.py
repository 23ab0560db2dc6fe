"""The reply's answer to the client's question, said the way the question's type needs.

    answer_sentence(question, view, rng) -> str

`question` is a typed AskTpl from the content frame (frame.py). A question with whole answer sentences
(data/answers.yaml, self_questions) gets one of them; any other gets its own `about` and `answer` content
(data/scenarios/<scenario>.yaml, client: ask) dropped into a frame for its type (data/answers.yaml, frames):
a tentative step for "how", normalising for "normal", weighing telling or sharing for "tell", honest uncertainty
and what usually happens for "what_happens". `view` is the reply's second-person view of the client's slots, so
"my wife" in the question becomes "your wife" in the answer.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from tide_core.dialogue.banks import AskTpl, load_banks
from tide_core.dialogue.fill import cap, fix_articles, join_clash

FRAMES = load_banks().answers.frames


def answer_sentence(question: AskTpl, view: Mapping[str, str], rng: random.Random) -> str:
    if question.answers:
        return fix_articles(cap(rng.choice(question.answers).format_map(view)))
    about = question.about.format_map(view)
    answer = question.answer.format_map(view)
    frames = FRAMES[question.type]
    for _ in range(8):  # a frame whose words next to the answer do not repeat it ("could try is to | try small")
        frame = rng.choice(frames)
        left, _, right = frame.text.format_map({"about": about, "About": cap(about), "answer": "\x00"}).partition("\x00")
        if not join_clash(left, answer, right):
            break
    return fix_articles(cap(frame.text.format_map({"about": about, "About": cap(about), "answer": answer})))
