"""Light paraphrase of rendered text: common phrases swapped for equivalents, so 10,000 texts built from a finite
bank do not all share the same connective tissue ("It sounds like", "very common", "Would it help to").

Each entry maps a phrase to alternatives that fit wherever the phrase appears in the banks (checked by reading
samples); the original is always among them. One regex pass per text, so it stays fast. A capitalised variant of
every phrase is handled automatically. Run fix_articles afterwards: a swap can change "a"/"an".
"""

from __future__ import annotations

import random
import re

from tide_core.dialogue.fill import cap

REPLY_SWAPS: dict[str, tuple[str, ...]] = {
    "it sounds like": ("it sounds like", "it seems like", "I get the sense that", "from what you describe,",
                       "it sounds as if", "reading this, it seems"),
    "exhausting": ("exhausting", "draining", "wearing", "tiring"),
    "frightening": ("frightening", "scary", "frightening", "really frightening", "unnerving"),
    "very common": ("very common", "really common", "common", "extremely common", "so common", "very common"),
    "makes sense": ("makes sense", "makes a lot of sense", "makes complete sense", "makes sense"),
    "understandable": ("understandable", "completely understandable", "very understandable", "understandable",
                       "so understandable"),
    "many people": ("many people", "lots of people", "a lot of people", "plenty of people", "many survivors",
                    "many people"),
    "would it help to": ("would it help to", "might it help to", "would it be useful to",
                         "do you think it would help to", "could it help to", "would it feel okay to"),
    "if you'd like,": ("if you'd like,", "if you want,", "if it feels right,", "only if you want to,",
                       "whenever you're ready,", "if that appeals,"),
    "which is a": ("which is a", "and that's a", "which is a"),
    "a real strength": ("a real strength", "a genuine strength", "a strength worth noticing", "a real strength"),
    "after trauma": ("after trauma", "after something traumatic", "after what you've been through",
                     "after a trauma", "after a frightening experience"),
    "there's a lot of": ("there's a lot of", "there's so much", "I hear a lot of", "there's a great deal of"),
    "really glad": ("really glad", "truly glad", "so glad"),
    "it's clear": ("it's clear", "it's obvious", "it's easy to see"),
    "some people find": ("some people find", "many people find", "people often find", "some folks find",
                         "a number of people find"),
    "a common": ("a common", "a very common", "a really common", "a well-known", "a common"),
    "thank you for": ("thank you for", "thanks for", "I appreciate you", "thank you for"),
    "on top of": ("on top of", "along with", "as well as"),
    "we could": ("we could", "we might", "we can", "we could"),
    "think about": ("think about", "think about", "consider", "think through"),
    "afterward": ("afterward", "afterwards", "later on"),
    "you've been through": ("you've been through", "you've lived through", "you've survived", "you went through"),
    "the body": ("the body", "the body", "your body", "the nervous system"),
    "takes real effort": ("takes real effort", "takes a lot", "is hard work", "takes strength"),
    "really": ("really", "really", "truly"),
    "sounds painful": ("sounds painful", "must hurt", "sounds so painful", "sounds really hard"),
    "is useful": ("is useful", "is helpful", "is worth knowing", "matters"),
    "which is useful": ("which is useful", "and that's useful", "which helps", "and that's worth knowing"),
    "and it makes sense": ("and it makes sense", "and it's understandable", "and it's no surprise"),
    "the fear": ("the fear", "the fear", "that fear"),
    "a lot": ("a lot", "a great deal", "so much", "a lot"),
    "important": ("important", "meaningful", "important", "valuable"),
    "a bit": ("a bit", "a little", "a bit"),
    "gently": ("gently", "carefully", "gently", "slowly"),
    "right away": ("right away", "straight away", "immediately"),
}

CLIENT_SWAPS: dict[str, tuple[str, ...]] = {
    "I don't know": ("I don't know", "I honestly don't know", "I have no idea", "I don't know", "I really don't know"),
    "I'm scared": ("I'm scared", "I'm afraid", "I'm terrified", "I'm really scared", "I'm kind of scared"),
    "last night": ("last night", "last night", "the other night", "Sunday night", "Friday night",
                   "Wednesday night", "last night again"),
    "out of nowhere": ("out of nowhere", "out of the blue", "with zero warning", "out of nowhere"),
    "completely": ("completely", "totally", "absolutely", "completely"),
    "I think": ("I think", "I guess", "I feel like", "I think", "I suspect", "I'm pretty sure"),
    "I've noticed": ("I've noticed", "I've started noticing", "I noticed", "I've been noticing"),
    "every time": ("every time", "whenever", "every single time", "each time"),
    "It's been": ("It's been", "It has been", "It's already been"),
    "the whole": ("the whole", "the entire", "the whole"),
    "honestly": ("honestly", "truthfully", "to be honest", "honestly"),
    "I'm not sure": ("I'm not sure", "I'm not really sure", "I don't know", "I can't tell"),
    "sometimes": ("sometimes", "some days", "every so often", "sometimes"),
    "a little": ("a little", "a bit", "kind of", "a little"),
    "so tired": ("so tired", "so tired", "exhausted", "worn out", "so worn down"),
    "I can't": ("I can't", "I can't", "I just can't", "I can't"),
    "all day": ("all day", "all day long", "the whole day", "all day"),
    "really": ("really", "really", "actually"),
    "I hate": ("I hate", "I really hate", "I can't stand"),
    "pretty": ("pretty", "really", "pretty"),
    "I know": ("I know", "I know", "I realize", "I get that"),
    "a while": ("a while", "a long time", "a while"),
    "stupid": ("stupid", "dumb", "stupid", "ridiculous"),
    "scared": ("scared", "scared", "afraid"),
    "embarrassed": ("embarrassed", "humiliated", "embarrassed", "mortified"),
    "worried": ("worried", "worried", "anxious", "nervous"),
    "Anyway": ("Anyway", "Anyway", "Whatever", "Anyhow"),
    "kind of": ("kind of", "sort of", "kind of"),
    "a lot": ("a lot", "so much", "a ton", "a lot"),
    "right now": ("right now", "at the moment", "right now"),
    "I feel": ("I feel", "I feel", "I'm feeling"),
}


def _compile(swaps: dict[str, tuple[str, ...]]) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    table: dict[str, tuple[str, ...]] = {}
    for phrase, alts in swaps.items():
        table[phrase] = alts
        if not phrase[:1].isupper():
            table[cap(phrase)] = tuple(cap(a) for a in alts)
    # Longest first so "which is useful" wins over "is useful"; word boundaries keep "really" out of "surreally".
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w'])")
    return pattern, table


_REPLY = _compile(REPLY_SWAPS)
_CLIENT = _compile(CLIENT_SWAPS)


def _vary(text: str, rng: random.Random, compiled: tuple[re.Pattern, dict[str, tuple[str, ...]]],
          rate: float) -> str:
    pattern, table = compiled

    def swap(m: re.Match) -> str:
        if rng.random() >= rate or (m.group(0).lower() == "a lot" and text.startswith(" of", m.end())):
            return m.group(0)
        return rng.choice(table[m.group(0)])

    return pattern.sub(swap, text)


def vary_reply(text: str, rng: random.Random) -> str:
    return _vary(text, rng, _REPLY, 0.6)


def vary_client(text: str, rng: random.Random) -> str:
    return _vary(text, rng, _CLIENT, 0.5)
