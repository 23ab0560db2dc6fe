"""Whether the feelings a reply names are grounded in what the client said: the generator uses it to choose and hedge
feeling words, and the quality report (tide_core.quality) to measure them.

    client_families(message) -> {"fear", "tired", ...}     the feeling families a client message expresses
    feeling_words(text) -> ["exhausted", "on edge", ...]   the lexicon's feeling words in a text
    ungrounded_feelings(message, reply) -> [(sentence, words)]  reply sentences naming an unexpressed family, unhedged
    hedge_ungrounded(text, expressed, rng) -> text         such sentences with a tentative tag ("if I'm reading you
                                                           right"), so an inference is said as one

Feeling words and families come from the emotion lexicon (reply_frames.EMOTIONS) grouped into eight coarse families,
minus words with common other senses; a family counts as expressed when the client used any of its lexicon words or
its everyday client words ("scared", "snapped", "so tired"). A hedge is any tentative or generalising word
("sounds", "maybe", "might", "if", "many people"...). Heuristics over words, not a clinician's judgement.
"""

from __future__ import annotations

import random
import re

from tide_core.variety import sentences, tokens

# Coarse feeling families over the generator's emotions (reply_frames.EMOTIONS keys).
_FAMILY_OF_EMOTION = {
    "fear": "fear", "terror": "fear", "panic": "fear", "alarm": "fear", "dread": "fear", "anxiety": "fear",
    "worry": "fear", "shock": "fear", "suspicion": "fear", "vulnerability": "fear", "fear of loss": "fear",
    "protectiveness": "fear", "exhaustion": "tired", "shame": "shame", "embarrassment": "shame", "guilt": "shame",
    "remorse": "shame", "grief": "sad", "sadness": "sad", "loneliness": "sad", "disappointment": "sad",
    "discouragement": "sad", "emptiness": "numb", "disconnection": "numb", "numbness": "numb",
    "irritability": "anger", "anger": "anger", "frustration": "anger", "confusion": "unsure",
    "uncertainty": "unsure", "ambivalence": "unsure", "skepticism": "unsure", "craving": "craving",
}
# Lexicon words too common in other senses to count as naming a feeling ("lie back down", "a small step").
_AMBIGUOUS = {"small", "low", "down", "raw", "flat", "alone", "responsible", "sorry", "stuck", "thrown", "torn",
              "exposed", "concerned", "tense", "restless", "tension", "doubt", "concern", "fear of loss", "fright",
              "heaviness", "protective", "fiercely protective", "protectiveness", "wary", "on guard"}
# Words a client uses for each family, beyond the lexicon ("freaked out" expresses fear).
_CLIENT_CUES = {
    "fear": ("scared", "afraid", "terrified", "panic", "panicked", "nervous", "anxious", "anxiety", "freaked", "jumpy",
             "jumped", "shaking", "shaky", "shook", "pounding", "racing", "on edge", "dread", "dreading", "worried",
             "worry", "fear", "frightened", "frightening", "unsafe", "paranoid", "startle", "startled", "spooked"),
    "tired": ("tired", "exhausted", "exhausting", "drained", "wiped", "worn", "sleep", "slept", "awake", "insomnia",
              "zombie"),
    "shame": ("ashamed", "shame", "embarrassed", "embarrassing", "stupid", "idiot", "guilty", "guilt", "fault",
              "blame", "pathetic", "weak", "crazy", "mortified", "humiliated", "sorry"),
    "sad": ("sad", "cry", "cried", "crying", "tears", "grief", "miss", "missed", "lonely", "alone", "hopeless",
            "down", "depressed", "empty", "heartbroken", "lost"),
    "numb": ("numb", "nothing", "empty", "flat", "disconnected", "detached", "far away", "robot", "autopilot",
             "feel anything", "blank"),
    "anger": ("angry", "anger", "mad", "snapped", "snap", "yelled", "yell", "furious", "rage", "pissed", "irritable",
              "frustrated", "frustrating", "annoyed", "short fuse", "lost it"),
    "unsure": ("confused", "confusing", "unsure", "don't know", "dont know", "not sure", "torn", "doubt", "skeptical",
               "whether"),
    "craving": ("drink", "drinking", "beer", "wine", "craving", "urge", "pills"),
}
# Tentative words, and generalising ones: a sentence about "many survivors" or "the body" does not ascribe a feeling
# to this client.
_HEDGES = re.compile(r"\b(?:sounds?|sounded|seems?|seemed|maybe|perhaps|might|may|wonder|imagine|guess|could|would|"
                     r"if|likely|probably|possibly|must be|can be|often|many|most people|anyone|someone|people|"
                     r"survivors|understandable|makes sense|common|normal|natural|nothing strange|the body|the mind|"
                     r"the brain)\b", re.IGNORECASE)


def _feeling_lexicon() -> dict[str, set[str]]:
    """Feeling word or phrase -> the families it belongs to."""
    from tide_core.dialogue.reply_frames import EMOTIONS

    lexicon: dict[str, set[str]] = {}
    for emotion, (adjectives, nouns) in EMOTIONS.items():
        family = _FAMILY_OF_EMOTION.get(emotion, emotion)
        for word in (emotion, *adjectives, *nouns):
            if word not in _AMBIGUOUS:
                lexicon.setdefault(word.lower(), set()).add(family)
    return lexicon


_LEXICON = _feeling_lexicon()
# Phrases by their first word, longest first, so a text is scanned once word by word.
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(_LEXICON, key=lambda w: -len(w.split())):
    _BY_FIRST.setdefault(_phrase.split()[0], []).append(tuple(_phrase.split()))


def feeling_words(text: str, toks: list[str] | None = None) -> list[str]:
    """The lexicon's feeling words and phrases in `text` (or in its tokens `toks`), longest first, left to right."""
    toks = tokens(text) if toks is None else toks
    if _FIRST_WORDS.isdisjoint(toks):  # most sentences name no feeling: skip the walk
        return []
    found, i = [], 0
    while i < len(toks):
        for phrase in _BY_FIRST.get(toks[i], ()):
            if tuple(toks[i:i + len(phrase)]) == phrase:
                found.append(" ".join(phrase))
                i += len(phrase) - 1
                break
        i += 1
    return found


_FIRST_WORDS = frozenset(_BY_FIRST)
_CUE_WORDS = {f: frozenset(c for c in cues if " " not in c) for f, cues in _CLIENT_CUES.items()}
_CUE_PHRASES = {f: tuple(c for c in cues if " " in c) for f, cues in _CLIENT_CUES.items()}


def client_families(message: str) -> set[str]:
    """The feeling families a client message expresses: lexicon words, or the family's everyday client words."""
    low = message.lower()
    toks = tokens(low)
    families = {f for w in feeling_words(low, toks) for f in _LEXICON[w]}
    words = set(toks)
    for family, cues in _CUE_WORDS.items():
        if family not in families and (not cues.isdisjoint(words) or any(c in low for c in _CUE_PHRASES[family])):
            families.add(family)
    return families


def ungrounded_feelings(message: str, reply: str | list[str]) -> list[tuple[str, list[str]]]:
    """Reply sentences that name a feeling from a family the client never expressed, without a hedge: (sentence,
    the ungrounded feeling words). `reply` may be given already cut into sentences."""
    expressed: set[str] | None = None
    out = []
    for sentence in sentences(reply) if isinstance(reply, str) else reply:
        named = feeling_words(sentence)
        if not named:
            continue
        if expressed is None:
            expressed = client_families(message)
        bad = [w for w in named if not (_LEXICON[w] & expressed)]
        if bad and not sentence.endswith("?") and not _HEDGES.search(sentence):  # a question asks, it does not ascribe
            out.append((sentence, bad))
    return out


FAMILY_OF_EMOTION = _FAMILY_OF_EMOTION
# Tentative tags put before a sentence's final full stop when it names a feeling the client did not express.
_HEDGE_TAGS = (", if I'm reading you right", ", if I've understood you", ", or maybe I'm reading too much into it",
               ", if that fits", ", though I may be wrong")


def hedge_ungrounded(text: str, expressed: set[str], rng: random.Random) -> str:
    """`text` with a tentative tag on each sentence that names a feeling from a family not in `expressed` and
    carries no hedge yet (sentences ending in "?" or "!" are left as they are)."""
    if _FIRST_WORDS.isdisjoint(tokens(text)):  # no feeling named anywhere: the common case, nothing to do
        return text
    out = []
    for sentence in sentences(text):
        named = feeling_words(sentence)
        if (named and sentence.endswith(".") and not _HEDGES.search(sentence)
                and any(not (_LEXICON[w] & expressed) for w in named)):
            sentence = sentence[:-1] + rng.choice(_HEDGE_TAGS) + "."
        out.append(sentence)
    return " ".join(out)
