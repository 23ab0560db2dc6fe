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
    "very common": ("very common", "really common", "common", "extremely common", "very common"),
    "makes sense": ("makes sense", "makes a lot of sense", "makes complete sense", "makes sense"),
    "understandable": ("understandable", "completely understandable", "very understandable", "understandable",
                       "deeply understandable"),
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
    "a lot of people": ("a lot of people", "many people", "plenty of people", "lots of people"),
    "the people around you": ("the people around you", "those around you", "the people close to you"),
    "right now": ("right now", "at the moment", "these days", "right now"),
    "exhausted": ("exhausted", "worn out", "drained", "exhausted"),
    "frightened": ("frightened", "scared", "afraid", "frightened"),
    "worried": ("worried", "anxious", "concerned", "worried"),
    "I wonder if": ("I wonder if", "I'm wondering whether", "I wonder if"),
    "you're carrying": ("you're carrying", "you're holding", "you're dealing with", "you're carrying"),
    "the mind": ("the mind", "the brain", "the mind"),
    "clearly": ("clearly", "plainly", "clearly"),
    "how much you care": ("how much you care", "how deeply you care", "how much this matters to you"),
    "takes a toll": ("takes a toll", "wears on you", "takes its toll"),
    "for a long time": ("for a long time", "for ages", "for so long", "for a long time"),
    "a way of": ("a way of", "a form of", "a way of"),
    "talk through": ("talk through", "go over", "work through", "talk through"),
    "someone you trust": ("someone you trust", "a person you trust", "someone safe", "someone you trust"),
    "it makes sense": ("it makes sense", "it's understandable", "it makes sense"),
    "trying to protect you": ("trying to protect you", "trying to keep you safe", "doing its best to protect you"),
    "it's understandable": ("it's understandable", "it's natural", "it makes sense", "it's understandable"),
    "common": ("common", "common", "familiar", "widespread"),
    "many survivors": ("many survivors", "many people", "lots of survivors"),
    "a first step": ("a first step", "a starting point", "a first step"),
    "even once": ("even once", "even one time", "just once"),
}

CLIENT_SWAPS: dict[str, tuple[str, ...]] = {
    "I don't know": ("I don't know", "I honestly don't know", "I have no idea", "I don't know", "I really don't know"),
    "I'm scared": ("I'm scared", "I'm afraid", "I'm terrified", "I'm really scared", "I'm kind of scared"),
    "last night": ("last night", "last night", "the other night", "Sunday night", "Friday night",
                   "Wednesday night", "last night again"),
    "completely": ("completely", "totally", "absolutely", "completely"),
    "I think": ("I think", "I guess", "I feel like", "I think", "I suspect", "I'm pretty sure"),
    "I've noticed": ("I've noticed", "I've started noticing", "I noticed", "I've been noticing"),
    "every time": ("every time", "every single time", "each time"),
    "It's been": ("It's been", "It has been", "It's already been"),
    "the whole": ("the whole", "the entire", "the whole"),
    "honestly": ("honestly", "truthfully", "to be honest", "honestly"),
    "I'm not sure": ("I'm not sure", "I'm not really sure", "I don't know", "I can't tell"),
    "sometimes": ("sometimes", "some days", "every so often", "sometimes"),
    "a little": ("a little", "a bit", "a little"),  # not "kind of": "let him in kind of?"
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
    "I keep": ("I keep", "I keep", "I can't stop"),
    "everyone": ("everyone", "everybody", "everyone"),
    "anymore": ("anymore", "anymore", "these days", "lately"),
    "again": ("again", "again", "once again"),
    "lately": ("lately", "recently", "these days", "lately"),
    "this week": ("this week", "this past week", "the last few days", "this week"),
    "yesterday": ("yesterday", "yesterday", "the other day"),
    "today": ("today", "today", "this afternoon", "this morning"),
    "awful": ("awful", "terrible", "horrible"),
    "on edge": ("on edge", "wound up", "jumpy", "on edge"),
    "can't stop thinking": ("can't stop thinking", "keep thinking", "can't stop thinking"),
    "I don't want": ("I don't want", "I really don't want", "I don't want"),
    "I guess": ("I guess", "I suppose", "I guess"),
    "It's like": ("It's like", "It feels like", "It's almost like"),
    "Part of me": ("Part of me", "Some part of me", "A part of me"),
    "every night": ("every night", "night after night", "most nights"),
    "my whole body": ("my whole body", "my entire body", "my body"),
    "out of nowhere": ("out of nowhere", "out of the blue", "with zero warning", "out of nowhere"),
    "for ages": ("for ages", "for a long time", "forever"),
    "afterward": ("afterward", "afterwards", "after"),
    "terrified": ("terrified", "petrified", "scared stiff"),
    "freaking out": ("freaking out", "panicking", "losing it"),
    "I just": ("I just", "I just", "I basically"),
    "I hate that": ("I hate that", "I can't stand that", "I hate that"),
    "the worst": ("the worst", "the worst", "the hardest"),
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


# Alternatives that only read at the start of a clause ("... when you least expected it sounds like" must not
# become "... expected from what you describe, ...").
_CLAUSE_START = {a for alts in REPLY_SWAPS["it sounds like"] for a in (alts, cap(alts))
                 if a.lower() not in ("it sounds like", "it seems like", "it sounds as if")}
_CLAUSE_START_RE = re.compile(r"(?:^|[.?!;:,\x00]\s*|\band\s|\bbut\s)$")

_NEXT_WORD = re.compile(r" (\w+)")

# Swaps whose alternatives don't take "of" ("a great deal of" reads fine, "a little of rest" does not).
_NOT_BEFORE_OF = {"a lot", "a bit", "a little", "kind of"}


def _vary(text: str, rng: random.Random, compiled: tuple[re.Pattern, dict[str, tuple[str, ...]]],
          rate: float) -> str:
    pattern, table = compiled

    def swap(m: re.Match) -> str:
        found = m.group(0)
        if rng.random() >= rate or (found.lower() in _NOT_BEFORE_OF and text.startswith(" of", m.end())):
            return found
        alt = rng.choice(table[found])
        before = text[max(0, m.start() - 24):m.start()]
        if alt in _CLAUSE_START and not _CLAUSE_START_RE.search(before):
            return found  # "from what you describe," only reads at the start of a clause
        prev = before.rsplit(" ", 2)[-2:-1]
        if prev and prev[0].lower() == alt.split(" ", 1)[0].lower():
            return found  # "completely completely understandable"
        if alt in ("as well as", "along with") and _NEXT_WORD.match(text, m.end()) and \
                _NEXT_WORD.match(text, m.end()).group(1).lower() in ("it", "that", "this", "them"):
            return found  # "and upsetting on top of it" -> "upsetting as well as it"
        if alt == "plainly" and _NEXT_WORD.match(text, m.end()):
            return found  # "it clearly hit hard" -> "it plainly hit hard": "plainly" reads only at a clause's end
        if alt == "how much this matters to you" and text.startswith((" about", " for"), m.end()):
            return found  # "how much this matters to you about ..." does not read
        if found.lower() == "many people" and not alt.lower().startswith("many") and before.endswith(
                ("great ", "so ", "too ", "how ", "very ")):
            return found  # "a great many people" -> "a great a lot of people"
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt and nxt.group(1).lower() == alt.rsplit(" ", 1)[-1].lower():
            return found  # "I get that that"
        return alt

    return pattern.sub(swap, text)


def vary_reply(text: str, rng: random.Random) -> str:
    return _vary(text, rng, _REPLY, 0.6)


def vary_client(text: str, rng: random.Random) -> str:
    return _vary(text, rng, _CLIENT, 0.5)
