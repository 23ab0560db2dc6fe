# ruff: noqa: E501  (bank lines are prose, one template per line)
"""Compositional reply material shared by every scenario: an emotion lexicon and sentence frames.

A composed factor sentence is a frame with one scenario phrase dropped in (the "parts" of data/scenarios/<scenario>.yaml):

  ER   frame x {moment}   (gerund phrase: what the client went through, in second person)
  DN   frame x {reaction} (gerund phrase: the reaction being normalised) x optional {reason} (a clause)
  SR   frame x {did}      (gerund phrase: what the client did that shows strength)
       frame x {step}     (a joint next step, "think about ...") or {try_} (something the client might try)

Frames also name {s1}/{s2} (adjectives for the scenario's moments), {f1}/{f2} (how the person may feel) and
{n1}/{n2} (emotion nouns), drawn from the scenario's primary emotions through EMOTIONS below, so the feelings
a reply names always match the scenario.
"""

from __future__ import annotations

# emotion -> (adjectives for how the person feels, nouns for the feeling). Bare mass nouns, no articles.
EMOTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fear": (("afraid", "frightened", "scared", "shaken"), ("fear", "fright")),
    "exhaustion": (("exhausted", "worn out", "drained", "bone-tired"), ("exhaustion", "tiredness", "weariness")),
    "shame": (("ashamed", "exposed", "humiliated"), ("shame",)),
    "panic": (("panicked", "flooded", "overwhelmed"), ("panic",)),
    "embarrassment": (("embarrassed", "self-conscious", "exposed", "mortified"), ("embarrassment", "self-consciousness")),
    "grief": (("heavy-hearted", "sad", "full of grief"), ("grief", "sorrow")),
    "irritability": (("irritable", "on edge", "raw", "short-tempered"), ("irritability", "edginess")),
    "dread": (("full of dread", "uneasy", "on edge"), ("dread", "foreboding")),
    "terror": (("terrified", "badly shaken", "frightened"), ("terror", "fear")),
    "confusion": (("confused", "disoriented", "thrown"), ("confusion", "disorientation")),
    "guilt": (("guilty", "weighed down", "responsible"), ("guilt", "self-blame")),
    "sadness": (("sad", "low", "heartsick", "down"), ("sadness", "sorrow", "heaviness")),
    "anger": (("angry", "wound up", "frustrated"), ("anger", "frustration")),
    "remorse": (("remorseful", "sorry", "full of regret"), ("remorse", "regret")),
    "loneliness": (("lonely", "alone", "isolated", "cut off"), ("loneliness", "isolation")),
    "numbness": (("numb", "flat", "shut down"), ("numbness", "flatness")),
    "anxiety": (("anxious", "tense", "keyed up", "on guard"), ("anxiety", "tension", "unease")),
    "frustration": (("frustrated", "fed up", "stuck"), ("frustration", "exasperation")),
    "disappointment": (("disappointed", "let down", "deflated"), ("disappointment",)),
    "discouragement": (("discouraged", "deflated", "disheartened"), ("discouragement",)),
    "vulnerability": (("vulnerable", "exposed", "raw"), ("vulnerability", "rawness")),
    "uncertainty": (("unsure", "torn", "uncertain"), ("uncertainty", "doubt")),
    "emptiness": (("empty", "hollow", "flat"), ("emptiness", "hollowness")),
    "worry": (("worried", "uneasy", "concerned"), ("worry", "concern", "unease")),
    "ambivalence": (("torn", "unsure", "of two minds"), ("ambivalence", "indecision")),
    "skepticism": (("skeptical", "wary", "doubtful"), ("skepticism", "doubt", "wariness")),
    "craving": (("restless", "keyed up", "hungry for relief"), ("craving",)),
    "alarm": (("alarmed", "rattled", "on high alert"), ("alarm",)),
    "shock": (("shocked", "stunned", "rattled"), ("shock",)),
    "suspicion": (("suspicious", "wary", "on guard"), ("suspicion", "wariness", "mistrust")),
    "fear of loss": (("afraid of what you might lose", "scared for the relationship"), ("fear of loss",)),
    "disconnection": (("disconnected", "detached", "far away"), ("disconnection", "detachment")),
    "protectiveness": (("protective", "fiercely protective"), ("protectiveness",)),
}

ER_MOMENT = (
    "{Moment} sounds {s1}, and I can hear the {n1} in how you describe it.",
    "{Moment} would leave most people {f1}, and {f2} as well.",
    "After {moment}, it makes sense that you're feeling {f1} and {f2}.",
    "I can only imagine how {s1} {moment} must be; you sound {f2} even now.",
    "{Moment}: that's {s1}, and it sounds like it left you {f2}.",
    "No wonder you feel {f1}; {moment} is {s1}, and it takes a toll.",
    "You've been dealing with {moment}, and that sounds {s1}; the {n2} comes through clearly.",
    "{Moment} is a lot to carry, and it sounds both {s1} and {s2}.",
    "What a {s1} thing to go through: {moment}. No wonder you're {f2}.",
    "{Moment} sounds {s1}. I'm sorry you're dealing with this much {n2}.",
    "Between {moment} and everything around it, you sound {f1}, and maybe {f2} too.",
    "There's so much in {moment}: {n1}, and {n2} right behind it.",
    "{Moment} sounds really {s1}, and it's understandable to feel {f1} afterward.",
    "It must be {s1}, {moment}, and I hear {n2} in it too.",
    "I'm struck by {moment}; that sounds {s1}, and {s2} on top of it.",
    "{Moment} would shake anyone. I can hear how {f1} it's left you.",
    "Hearing about {moment}, I can understand feeling {f1}, and {f2} as well.",
    "{Moment} takes a lot out of a person; you sound {f1}, and understandably so.",
    "Taking in {moment}, I'm hearing {n1}, and some {n2} underneath.",
    "Anyone would feel {f1} after {moment}, and it sounds {s2} as well.",
    "The picture you give, {moment}, sounds {s1} and {s2}.",
    "{Moment} sounds genuinely {s1}, and the {n2} in your words makes sense.",
    "So much of this comes through: {moment}, and how {f1} it has left you.",
    "It sounds {s1}, {moment}, and I'm not surprised you feel {f2}.",
    "{Moment} is hard to go through; I can hear {n1} in it, and {n2} too.",
    "I'm sorry about {moment}; that sounds {s1}, and it's left you feeling {f2}.",
    "Of course you feel {f1} after {moment}.",
    "Reading about {moment}, the {n1} really comes through, and the {n2} as well.",
    "{Moment} sounds like a lot to manage. You sound {f1}, and {f2} too.",
    "I really hear how {s1} {moment} has been, and the {n2} that comes with it.",
    "{Moment} sounds {s1}, and I'm not surprised there's so much {n1} in what you wrote.",
    "It's clear how {s1} {moment} has been, and how {f1} it's left you.",
    "When I read about {moment}, I hear a lot of {n1}, and {n2} alongside it.",
    "{Moment} clearly hit hard; you sound {f1}, with some {n2} mixed in.",
)

DN_REACTION = (
    "{Reaction} is something many people live with after trauma; {reason}.",
    "A lot of people describe {reaction}, and it makes sense: {reason}.",
    "{Reaction} is a very human response; {reason}.",
    "It's understandable that you're {reaction}; {reason}.",
    "{Reaction} doesn't mean something is wrong with you; {reason}.",
    "You're far from alone in {reaction}; {reason}.",
    "{Reaction} is common and understandable, because {reason}.",
    "So many people go through {reaction}, and there's a reason for it: {reason}.",
    "It makes sense to find yourself {reaction}; {reason}.",
    "{Reaction} is a well-known part of living with trauma, and {reason}.",
    "Plenty of people find themselves {reaction}, and it isn't a weakness; {reason}.",
    "{Reaction} is something survivors talk about often; {reason}.",
    "{Reaction} happens to a great many people after trauma; {reason}.",
    "There's nothing strange about {reaction}; {reason}.",
    "{Reaction} makes a lot of sense when you look at it this way: {reason}.",
    "It's no wonder you'd find yourself {reaction}; {reason}.",
)
DN_REACTION_KIND = (
    "{Reaction} is one of the most common responses after {kind}, and it isn't a sign of weakness.",
    "{Reaction} is something many people experience after {kind}, sometimes years later.",
    "After {kind}, {reaction} is very common; {reason}.",
    "It's very common to find yourself {reaction} after {kind}; {reason}.",
    "Many people who've been through {kind} describe {reaction}; {reason}.",
)

SR_DID = (
    "{Did} took {courage}.",
    "{Did} was a way of looking after yourself, even if it didn't feel like it.",
    "There's {value} in {did}.",
    "{Did} shows {shows}.",
    "{Did} is worth giving yourself credit for.",
    "Give yourself some credit for {did}; that wasn't easy.",
    "{Did} matters more than it might seem right now.",
    "{Did} says something good about you.",
    "It's worth noticing that {did} took {courage}.",
    "{Did} counts for a lot.",
    "I want to point out that {did} took {courage}.",
    "{Did} reflects {value}.",
)
COURAGE = ("real courage", "more strength than it might seem", "real effort", "honesty", "a kind of courage people rarely see",
           "steadiness", "grit")
VALUE = ("real strength", "a lot of care", "real honesty", "self-respect", "wisdom", "quiet courage")
SHOWS = ("how much you care", "real self-awareness", "that you're still looking out for yourself",
         "more resilience than you're giving yourself credit for", "a lot of care for the people around you",
         "that part of you is still fighting for you", "how seriously you take this")

SR_STEP = (
    "Would it help to {step}?",
    "If you'd like, we could {step}.",
    "Maybe we could {step}; would that be useful?",
    "When you feel ready, we could {step} together.",
    "One option is to {step}, if that sounds okay.",
    "It might be worth taking a few minutes to {step}; how does that sound?",
    "I wonder if it would help to {step}.",
    "Would you be open to us taking a moment to {step}?",
    "Something we could do, if it appeals, is {step_ing}.",
    "Whenever it feels right, we could {step}.",
    "Perhaps we could {step} at some point; would that feel useful?",
    "If it would help, we could {step}, at whatever pace suits you.",
    "There's no rush, but we could {step} when you're ready.",
    "Would it be okay if we tried to {step}?",
)
SR_TRY = (
    "Would it help to {try_}?",
    "You might {try_}, if that feels doable.",
    "How would it feel to {try_}?",
    "It could be worth trying to {try_}; what do you think?",
    "Is it possible to {try_}, even in a small way?",
    "One small option might be to {try_}; would that fit for you?",
    "Some people find it helps to {try_}; would that be worth a try?",
    "Could you {try_}, even once this week?",
    "Would it feel manageable to {try_}?",
    "If it appeals, you could {try_}.",
    "Maybe you could {try_}, if you feel up to it.",
    "Would you be willing to {try_}, just as an experiment?",
)

# Generic strengths, used when a scenario has no specific one to echo.
DID_ANY = (
    "writing this out",
    "reaching out instead of keeping it all in",
    "naming what's happening so plainly",
    "putting this into words at all",
    "noticing your own reactions this closely",
    "keeping going through days like this",
    "being this honest about something hard",
    "asking for help with it",
    "looking at this instead of pushing it away",
    "taking yourself seriously enough to bring this here",
)
