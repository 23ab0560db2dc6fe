"""Crisis language in a chat message or a model's reply, and the fixed crisis-resources card shown for it.

    hit = detect_crisis("some nights i wish i wasnt here")            # CrisisHit(category='passive_death_wish', ...)
    detect_crisis(reply_text, source="model_reply")                    # replies: resource offers are not a crisis
    CRISIS_CARD.markdown()                                             # the card's fixed text

Transparent on purpose, like tide_core.evaluation.safety_flags: a clinician can read every pattern below, see which
one fired (CrisisHit.pattern) and extend the list. It catches the phrasings listed, not every way a person says they
are in danger; the chat shows the card on a match and never hides it. The categories include the dataset's own risk
types (tide_core.dialogue.RISK_TYPES: hopelessness, passive death wish), so the detector is tested for recall on the
dataset's risk conversations and for false alarms on the rest (on the default 10,000-conversation warehouse: all
304 risk messages found with their risk type, none of the 9,696 others flagged). Those messages are generated from
the project's own banks, so real messages will be missed more often: the patterns are a floor, not a guarantee.

Rules a reviewer should know:
- Ideation, self-harm and danger patterns are first person ("kill myself", "I took all my pills"); a question about
  the person's safety ("are you thinking about ending your life?") is not crisis language.
- Idioms are not matched: "killing it at work", "this commute is killing me", "dying to see it", "my phone died"
  (no pattern matches a bare "kill", "die" or "dead").
- Names of crisis services ("988 Suicide & Crisis Lifeline", "suicide prevention") are removed before matching.
- In a model reply, a sentence that offers help conditionally ("if you are having thoughts of suicide, call 988")
  is an offer, not crisis language, and is skipped. User messages get no such exemption: a miss costs more than an
  extra card.
- Hopelessness is not looked for in replies: naming the feeling ("things feel very heavy and hopeless") is what a
  good reply does (68 of the dataset's risk reference replies do it).
- The words "suicide" / "suicidal" always match, in a denial ("I'm not suicidal") or about someone else ("my
  brother died by suicide") too: the card is cheap, and both are moments to offer it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tide_core.dialogue import RISK_TYPES

SOURCES = ("user_message", "model_reply")

_APOS = "['\u2019]?"  # "wasn't", "wasnt", "wasn’t"


def _p(pattern: str) -> str:
    """A pattern with ' standing for an optional apostrophe of either kind."""
    return pattern.replace("'", _APOS)


# Category -> patterns (regular expressions, matched case-insensitively on word boundaries).
PATTERNS: dict[str, tuple[str, ...]] = {
    "immediate_danger": (
        r"\b(?:took|taken|swallowed|downed)\s+(?:a (?:bunch|handful|lot) of|all (?:of )?(?:my|the)|too many)\s+"
        r"(?:pills|tablets|meds|medication|sleeping pills|painkillers)",
        r"\boverdos(?:ed|ing)\b",
        r"\bi(?:'m| am)? (?:standing|sitting) on (?:the|a) (?:edge|ledge|bridge|roof|railing)",
        r"\bi have (?:a|the|my) (?:gun|knife|rope|blade|pills) (?:here|with me|right now|ready|in my hand)",
        _p(r"\b(?:he|she|they|someone|somebody)(?:'s| is| are|'re) (?:hitting|hurting|beating|attacking|choking|"
           r"strangling) me\b"),
        _p(r"\bi'm not safe\b"), r"\bi am not safe\b", _p(r"\b(?:not|n't) safe (?:at home|right now|here)\b"),
        r"\bi(?:'m| am) in danger\b",
        r"\b(?:wrote|written|writing|left) (?:a|my) (?:suicide|goodbye|farewell) (?:note|letter)\b",
        r"\b(?:said|saying) my goodbyes\b",
    ),
    "suicidal_ideation": (
        r"\bsuicid(?:e|al)\b",
        r"\b(?:kill|killing|end|ending|take|taking)\s+(?:myself|my (?:own )?life)\b",
        r"\bend (?:it all|everything|things)\b", r"\bending it all\b",
        _p(r"\b(?:want|wanna|wanted|wanting|going|gonna|plan|planning|ready|thinking about|thought about|thoughts "
           r"of|tempted)\s+(?:to\s+)?(?:die|dying|end it)\b"),
        _p(r"\bdon't want to (?:live|be alive|exist)(?: anymore)?\b"), r"\bno reason to (?:live|go on)\b",
        r"\bbetter off dead\b", _p(r"\bwish i (?:was|were) dead\b"), r"\bnot worth living\b",
        _p(r"\blife (?:isn't|is not|isnt) worth\b"),
        r"\b(?:hang|shoot|drown|poison|hanging|shooting|drowning)\s+myself\b",
        r"\b(?:jump|jumping|throw myself) (?:off|from|in front of) (?:a|the) (?:bridge|roof|building|train|cliff)",
        r"\bkms\b",
        # directed at someone: a reply (or a message) telling them to die
        r"\b(?:you should|go) (?:kill yourself|end your life)\b", r"\byou should (?:just )?die\b",
    ),
    "self_harm": (
        r"\bself[- ]?harm(?:ing)?\b", r"\bself[- ]?injur(?:y|e|ing|ies)\b",
        _p(r"\b(?:want|wanna|urge|urges|going|gonna|tempted|thinking about|feel like|felt like|started|keep|kept|"
           r"been)\s+(?:to\s+)?(?:cut|cutting|burn|burning|hurt|hurting|harm|harming|hit|hitting|punish|punishing)"
           r"\s+myself\b"),
        r"\bcut(?:ting)? (?:my|into my) (?:arms?|wrists?|legs?|thighs?|skin)\b",
        r"\b(?:you should|go) (?:hurt|cut|harm) yourself\b",
    ),
    "harm_to_others": (
        _p(r"\b(?:want|wanna|going|gonna|could|will|i'll|thinking about|feel like|urge|tempted|plan|planning)\s+"
           r"(?:to\s+)?(?:kill|hurt|stab|shoot|strangle|attack|beat up|murder)\s+(?:him|her|them|someone|somebody|"
           r"people|everyone|everybody|my (?:wife|husband|partner|boss|manager|dad|father|mom|mum|mother|brother|"
           r"sister|son|daughter|kids?|children|ex|neighbou?r|family|co-?worker|colleague|friend|roommate|"
           r"landlord))\b"),
        r"\bmake (?:them|him|her) (?:all )?pay\b",
        r"\b(?:get|grab|bring) my gun\b",
    ),
    "passive_death_wish": (
        _p(r"\bbetter off (?:if i (?:wasn't|weren't|was not|were not) (?:here|around)|without me)\b"),
        _p(r"\b(?:wouldn't|would not|don't|do not|won't) mind not waking up\b"),
        _p(r"\b(?:go to sleep|fall asleep|sleep) and (?:not|never) wake up\b"),
        _p(r"\bwish i (?:wasn't|weren't|was not|were not|wasnt) (?:here|around|alive|born)\b"),
        _p(r"\b(?:i'd|i would) rather not (?:be here|be around|exist|be alive)\b"),
        _p(r"\b(?:easier|better) for (?:everyone|everybody|them|my family|the people i love) if i (?:\w+ )?"
           r"(?:wasn't|weren't|was not|were not|disappeared|was gone|died)\b"),
        _p(r"\bwouldn't care if something happened to me\b"),
        r"\bdisappear (?:for good|forever)\b",
        _p(r"\bi (?:just )?(?:want|wanna) to (?:disappear|not exist|stop existing)\b"),
    ),
    "hopelessness": (
        _p(r"\bwhat's the point(?: anymore| of (?:any of )?(?:this|it|living|trying|anything))?\b"),
        _p(r"\bdon't see the point\b"), r"\bwhat the point (?:of (?:any of )?(?:this|it|living|trying|anything) )?is\b",
        r"\bno point (?:anymore|in (?:living|trying|going on))\b",
        r"\bhopeless\b",
        _p(r"\bcan't see a future\b"), r"\bno future for me\b",
        r"\bnothing (?:is )?(?:ever )?(?:going to|gonna|will) change\b", r"\bnothing changes\b",
        r"\b(?:it all|everything|life) (?:feels|seems|is) pointless\b",
        r"\bthis is it for me\b", _p(r"\bdon't know why i (?:keep|bother) trying\b"),
    ),
}
# Matched first to last: the most urgent category wins when several match.
CATEGORIES = tuple(PATTERNS)
CATEGORY_LABELS = {
    "immediate_danger": "immediate danger", "suicidal_ideation": "suicidal ideation", "self_harm": "self-harm",
    "harm_to_others": "harm to others", "passive_death_wish": "passive death wish", "hopelessness": "hopelessness",
}
assert set(RISK_TYPES) <= set(CATEGORIES), "every dataset risk type must be a crisis category"

_COMPILED = {c: tuple(re.compile(p, re.IGNORECASE) for p in ps) for c, ps in PATTERNS.items()}
REPLY_CATEGORIES = tuple(c for c in CATEGORIES if c != "hopelessness")
# Names of services, removed before matching so that a reply offering "the Suicide & Crisis Lifeline" is not a hit.
_SERVICE_NAMES = re.compile(
    r"suicide\s*(?:&|and)\s*crisis\s*lifeline|suicide prevention(?: lifeline| hotline)?|suicide (?:hot|help)line|"
    r"suicide crisis line|crisis (?:text )?line", re.IGNORECASE)
# A conditional offer of help in a reply ("If you're having thoughts of suicide, ..."): skipped in replies only.
_CONDITIONAL_OFFER = re.compile(r"^\W*(?:and |but |so )?(?:if|whenever|should) (?:you|you're|you are|you've|"
                                r"you ever|anyone|someone)\b", re.IGNORECASE)
_SENTENCES = re.compile(r"(?<=[.!?\n])\s+")


@dataclass(frozen=True)
class CrisisHit:
    """What matched: the category, the pattern (so a reviewer can see why) and the matched words."""

    category: str
    pattern: str
    matched: str

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self.category]


def detect_crisis(text: str, source: str = "user_message") -> CrisisHit | None:
    """The most urgent crisis category in `text`, or None. `source` is 'user_message' or 'model_reply'."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, got {source!r}")
    cleaned = _SERVICE_NAMES.sub(" ", text or "")
    if source == "model_reply":
        cleaned = " ".join(s for s in _SENTENCES.split(cleaned) if not _CONDITIONAL_OFFER.search(s))
    for category in CATEGORIES if source == "user_message" else REPLY_CATEGORIES:
        for rx in _COMPILED[category]:
            found = rx.search(cleaned)
            if found:
                return CrisisHit(category, rx.pattern, found.group(0))
    return None


@dataclass(frozen=True)
class CrisisResource:
    name: str
    how: str


@dataclass(frozen=True)
class CrisisCard:
    """The fixed crisis-resources card. Its text is written here and never generated by a model."""

    title: str
    intro: str
    resources: tuple[CrisisResource, ...]
    footer: str

    def markdown(self) -> str:
        lines = [f"**{self.title}**", "", self.intro, ""]
        lines += [f"- **{r.name}**: {r.how}" for r in self.resources]
        return "\n".join([*lines, "", self.footer])


CRISIS_CARD = CrisisCard(
    title="If you or someone else may be in danger, please reach out now",
    intro="You deserve support from a person right away. These services are free, confidential and open 24/7:",
    resources=(
        CrisisResource("988 Suicide & Crisis Lifeline (US)", "call or text 988"),
        CrisisResource("Crisis Text Line (US)", "text HOME to 741741"),
        CrisisResource("Emergency (US)", "call 911"),
        CrisisResource("Outside the US", "call your local emergency number"),
    ),
    footer="This research demo is not a crisis service and cannot contact anyone for you. The chat stays open.",
)
