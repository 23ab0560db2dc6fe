"""Slot filling for the phrase banks: templates, the per-conversation slot table, and small text utilities.

A template is an ordinary `str.format` string whose fields name slots (`{trigger}`, `{partner}`). A field written
with a capital first letter (`{Trigger}`) gives the same value with its first letter capitalised, for use at the
start of a sentence. Slots are resolved lazily by `Slots`, which draws a value the first time a slot is used and
then keeps it, so one conversation mentions one trigger, one place, one child and so on, and records which slots
the client message used (the reply may only echo what the client actually said).
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Tpl:
    """One template and the slots it needs (lower-cased field names), computed once at import."""

    text: str
    fields: frozenset[str]


def tpl(text: str) -> Tpl:
    fields = frozenset(_lower_first(f) for _, f, _, _ in _FORMATTER.parse(text) if f)
    return Tpl(text, fields)


def bank(block: str) -> tuple[Tpl, ...]:
    """A bank written as one template per non-empty line (leading spaces ignored)."""
    return tuple(tpl(line.strip()) for line in block.strip().splitlines() if line.strip())


def words(block: str) -> tuple[str, ...]:
    """A filler list written one value per non-empty line."""
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


Source = str | tuple[str, ...] | Callable[[random.Random], str]


class Slots(dict):
    """The slot table of one conversation.

    `sources` maps a slot name to a fixed string, a tuple to draw one value from with `rng`, or a callable taking
    `rng`. A slot is drawn at first use and then fixed for the conversation; `used` lists the slots in the order the
    client text first needed them.
    """

    def __init__(self, sources: Mapping[str, Source], rng: random.Random) -> None:
        super().__init__()
        self.sources = sources
        self.rng = rng
        self.used: list[str] = []

    def __missing__(self, key: str) -> str:
        if key[:1].isupper():
            value = cap(self[_lower_first(key)])
            self[key] = value
            return value
        if key.startswith("m_"):  # a mark: renders as nothing, records that the client said this particular thing
            self[key] = ""
            self.used.append(key)
            return ""
        src = self.sources[key]
        if isinstance(src, str):
            value = src
        elif isinstance(src, tuple):
            value = self.rng.choice(src)
        else:
            value = src(self.rng)
        if "{" in value:  # fillers may name persona slots themselves ("{lost}'s birthday")
            value = value.format_map(self)
        self[key] = value
        self.used.append(key)
        return value

    def can(self, fields: frozenset[str]) -> bool:
        return all(f in self.sources or f.startswith("m_") for f in fields)


class ReplySlots(dict):
    """A read-only second-person view of a client's slot table: "my ex" becomes "your ex"."""

    def __init__(self, client: Slots, extra: Mapping[str, str]) -> None:
        super().__init__(extra)
        self.client = client

    def __missing__(self, key: str) -> str:
        if key[:1].isupper():
            return cap(self[_lower_first(key)])
        value = to_second_person(self.client[key])
        self[key] = value
        return value


_PERSON = {"my": "your", "My": "Your", "me": "you", "myself": "yourself", "mine": "yours", "I": "you",
           "I'm": "you're", "I've": "you've", "I'd": "you'd", "am": "are", "was": "were", "our": "your",
           "Our": "Your"}
_PERSON_RE = re.compile(r"\b(my|My|me|myself|mine|our|Our|I'm|I've|I'd|I(?: was| am)?)\b")


def to_second_person(text: str) -> str:
    """Turn a first-person filler into second person. Fillers are noun phrases, so this small map is enough."""

    def swap(m: re.Match) -> str:
        word = m.group(0)
        if word.startswith("I ") and len(word) > 1:
            head, verb = word.split(" ", 1)
            return "you " + _PERSON[verb]
        return _PERSON.get(word, word)

    return _PERSON_RE.sub(swap, text)


def render(template: Tpl, slots: Mapping[str, str]) -> str:
    return fix_articles(template.text.format_map(slots))


_ARTICLE_RE = re.compile(r"\b([Aa])n? (?=([A-Za-z0-9']+))")
# Words where the spelling misleads the a/an rule.
_AN_EXCEPTIONS = {"hour", "hours", "honest", "honestly", "er", "icu", "mri", "x-ray", "eight", "eighteen", "eleven",
                  "81", "8", "11", "18", "80"}
_A_EXCEPTIONS = {"one", "once", "uniform", "unit", "usual", "useful", "user", "university", "u-turn", "used"}


def fix_articles(text: str) -> str:
    """Make "a"/"an" agree with the next word after slot filling ("a ICU" -> "an ICU")."""

    def choose(m: re.Match) -> str:
        nxt = m.group(2).lower()
        vowel = (nxt[0] in "aeiou" and nxt not in _A_EXCEPTIONS) or nxt in _AN_EXCEPTIONS
        return (m.group(1) + ("n " if vowel else " "))

    return _ARTICLE_RE.sub(choose, text)


# Words a join may repeat without reading badly ("you ... your", "that ... that"): short or function words.
_JOIN_FREE = frozenset("that this with what when have been from they them their there about would could should just "
                       "like into more some than then were your yours even still much the and you for are was but "
                       "not can its it's how who why all any has had her his him our out get got too now did one way "
                       "off own yet she he's she's i'm i've you're you've".split())
_JOIN_WORD = re.compile(r"[a-z']+")
_JOIN_SUFFIXES = ("ness", "ity", "ing", "ed", "es", "s", "y")


@lru_cache(maxsize=8192)
def _join_stems(text: str) -> frozenset[str]:
    out = set()
    for word in _JOIN_WORD.findall(text.lower()):
        if len(word) < 3 or word in _JOIN_FREE:
            continue
        for suffix in _JOIN_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        out.add(word[:5])
    return frozenset(out)


def join_clash(left: str, phrase: str, right: str = "") -> bool:
    """Whether a phrase dropped between `left` and `right` repeats a stem across either join: the three words
    before it against its first three ("worth noticing that | noticing ...", "real honesty in | being this
    honest"), its last three against the three after it ("being honest about this | took honesty",
    "more dread afterward | after ...")."""
    head, tail = phrase.split()[:3], phrase.split()[-3:]
    return bool(_join_stems(" ".join(left.split()[-3:])) & _join_stems(" ".join(head))
                or _join_stems(" ".join(tail)) & _join_stems(" ".join(right.split()[:3])))


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_word(n: int) -> str:
    if n < 20:
        return _ONES[n]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + ("" if ones == 0 else "-" + _ONES[ones])


_FILLABLE: dict[tuple[int, int], tuple[object, object, tuple[Tpl, ...]]] = {}


def fillable(items: tuple[Tpl, ...], slots: Slots) -> tuple[Tpl, ...]:
    """The templates of a bank this persona can fill; memoised per (bank, persona sources), which never change.
    The entry keeps both objects and checks identity, so a recycled id() can never return a stale answer."""
    key = (id(items), id(slots.sources))
    hit = _FILLABLE.get(key)
    if hit is None or hit[0] is not items or hit[1] is not slots.sources:
        if len(_FILLABLE) > 200_000:  # bounded: a long-running process composing many personas
            _FILLABLE.clear()
        hit = _FILLABLE[key] = (items, slots.sources, tuple(t for t in items if slots.can(t.fields)))
    return hit[2]


def pick(rng: random.Random, items: tuple[Tpl, ...], slots: Slots) -> Tpl | None:
    """A random template whose slots this conversation can fill, or None."""
    ok = fillable(items, slots)
    return rng.choice(ok) if ok else None


def join_sentences(parts: Iterable[str]) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())
