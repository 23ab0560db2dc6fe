"""The client's voice: how a communication style turns a scenario's material into one message.

terse          one or two fragments, often lower-case, no apostrophes
guarded        little detail, hedges, "I don't really want to get into it"
verbose        long, several details, run-on joins
direct         plain statement and a plain question
self_critical  the situation plus harsh self-judgement
reflective     the situation plus a pattern they have noticed

Risk language (hopelessness, passive death wish) is woven in only when the caller asks for it.
"""

from __future__ import annotations

import random
import re

from tide_core.dialogue.banks import ClientBank, load_banks
from tide_core.dialogue.fill import Slots, Tpl, bank, fillable, fix_articles, pick, render
from tide_core.dialogue.frame import ContentFrame
from tide_core.dialogue.vary import vary_client

# Glued to the first sentence with a comma; never a sentence of their own (they would repeat across messages).
# Each scenario's client templates (data/scenarios/<scenario>.yaml, key "client").
CLIENT: dict[str, ClientBank] = {sid: b.client for sid, b in load_banks().scenarios.items()}

OPENERS = ("Hey, ", "So ", "Ok so ", "Um, ", "Honestly, ", "Not sure where to start, but ",
           "I don't know, ", "Well, ", "Okay, ")
GUARD_OPEN = bank("""
    Not sure why I'm even writing this.
    This is probably nothing.
    I don't usually talk about this stuff.
    I'll keep it short.
    I'm not great at this.
    Feels weird to type this out.
    I almost didn't send this.
    Not really sure how this works.
    I've deleted this message twice already.
    Keeping this brief.
    I don't normally do this kind of thing.
    Bear with me, I'm not much of a talker.
    Not my usual thing, writing to someone like this.
    Took me a while to hit send on this one.
    I'm going to try to say this without saying too much.
    Someone told me this might help, so here goes.
    I'm not one for sharing, so this is awkward.
    Feels strange putting this anywhere.
    Writing this in bits because it's easier that way.
    I'm not sure this is the right place, but here goes.
    I've had this open on my screen for about an hour.
    Short version, because the long one is too much.
    I'm not really a talk-about-it person.
    This is awkward for me, so I'll be quick.
    I wasn't going to say anything, and then I did.
    Typing this with the sound off so nobody asks what I'm doing.
    I changed my mind about sending this twice.
    I'll try to keep this to the main part.
""")
GUARD_TAIL = bank("""
    I don't really want to get into it.
    I'd rather not go into the details.
    Anyway, it's fine, I'm handling it.
    That's all I want to say about it right now.
    It's not a big deal, probably.
    I don't know why I'm telling you this.
    I'm not looking to rehash the whole thing.
    Anyway. It is what it is.
    I'll leave it there for now.
    I don't need advice, I just needed to say it somewhere.
    Not something I talk about.
    Probably overreacting.
    Maybe I shouldn't have brought it up.
    I don't want to make it a whole thing.
    I'd rather keep the rest to myself.
    Don't really want to talk about the why.
    That's about as much as I can say.
    It's not something I go into with people.
    I'm fine, just wanted to put it somewhere.
    Not sure I want to say more than that.
    I'm not going to go into all of it.
    Let's leave the backstory out of it.
    I've said more than I usually do already.
    You don't need the whole story.
    It's complicated and I'm not ready to get into it.
    I keep this stuff pretty close.
    I guess I just wanted someone to know.
    Forget I said anything if it's too much.
    Not looking for a big conversation about it.
    Just one of those things.
    I'd rather not get into specifics.
    I'm not going to write out the whole story.
    That's the short version and it's staying short.
    It's fine. I'm fine. Mostly.
    I'll figure it out, I always do.
    Let's not dig into the past part.
    There's more to it but I'm not going there.
    I don't usually say even this much.
    Not a big talker about this stuff.
    Anyway, that's where I'm at.
    Not asking for a fix, just saying it.
    I'm keeping the details to myself for now.
    It's a long story and I'm not up for it.
    I'd just like to leave it at that.
    Maybe some other time for the rest.
    I'm not going to pick it all apart.
    Doesn't matter why, really.
    It's handled. Sort of.
    No need to make a thing of it.
    That's all I've got for now.
    That's as far as I want to go with it today.
    I'd rather not unpack the rest.
    The background isn't something I'm ready to share.
    I'm keeping the rest under wraps for now.
    That's the gist, and I'd like to leave it there.
    I'll leave out how it all started.
    I'd prefer to stick to what's going on now.
    The rest of it can wait.
""")
# Statements only: the self-critical questions ("What is wrong with me?") are typed entries of data/answers.yaml,
# placed when the content frame plans one, so the reply can answer them.
SELF_CRIT = bank("""
    I feel so stupid.
    I'm so sick of being like this.
    I should be able to handle this by now.
    Pathetic, honestly.
    I hate that I'm like this.
    I feel like such an idiot.
    Normal people don't fall apart over stuff like this.
    I'm supposed to be the strong one.
    I'm a grown adult and I can't even handle this.
    I keep letting everyone down.
    It's been {years}, you'd think I'd be over it by now.
    {Years} later and I still can't get it together.
    I'm embarrassed even typing this.
    I'm so tired of being the broken one.
    I feel like a failure.
    Honestly I'm disgusted with myself.
    I'm a mess.
    I used to be tougher than this.
    My {partner} deserves better than this version of me.
    I don't know why I can't just snap out of it.
    I'm {age_word} years old and I still can't get a grip on this.
    Other people went through worse and they're fine.
    I hate being this person.
    I'm exhausting to be around, I know that.
    I keep thinking I'm too much for everyone.
    Honestly I'm so done with myself.
    I feel weak even admitting this.
    I'm supposed to have my life together by now.
    I'm ashamed of how little it takes to knock me over.
    Everybody else seems to cope and I just crumble.
    I hate how needy I sound writing this.
    I can't believe I'm still like this after {years}.
    I should be stronger than this, I've been through worse days.
    I keep thinking {kids} should have a parent who isn't falling apart.{if_kids_minor}
    I'm embarrassed, honestly. I'm old enough to know better.{if_old}
    Everyone my age seems to have it together except me.{if_young}
    I'm letting my {partner} down again and {p_he} didn't sign up for this.
    I keep telling myself to toughen up and it never works.
    It's pathetic how long this is taking.
    I'm tired of making excuses for myself.
    I feel like a burden to everyone around me.
    I used to be the one people leaned on.
    I'm sick of my own head.
    No wonder people get fed up with me.
    It's ridiculous, I know.
    I can't even do the simple things right anymore.
    Some days I can't stand myself.
    I'm just weak, that's the truth of it.
    I'm annoyed at myself for even being upset about this.
    I keep thinking I should have this sorted by now.
    I feel ridiculous for letting something so small get to me.
    I'm tired of being the one who can't keep it together.
    I'm my own worst critic and right now I'm winning.
    I can't shake the feeling that I'm doing this all wrong.
    I hate that it still has this much hold on me.
    I'm frustrated that I can't just switch it off.
""")
REFLECT = bank("""
    I'm trying to pay more attention to what sets it off.
    It's been {years}, and I'm only now starting to see the pattern.
    I've been writing things down lately, and that's how I noticed.
    I don't think it's random, even if it feels that way.
    Part of me knows this is my body trying to protect me.
    That's the short version, and it's staying short.
    I'm okay. Mostly. Just needed it out of my head.
    Don't worry, I'm not falling apart. Not completely.
    I'd rather leave the backstory out of it.
    Not ready to say more than this.
    I figured writing it down was better than nothing.
    No need to make a big deal of it.
    Anyway, that's where I'm at.
    I'm not asking for much, just someone to know.
    It is what it is. I'll manage.
    The rest is a story for another day, maybe.
    Probably shouldn't have said even this much.
    I've started noticing it's worse when I haven't eaten properly.
    It seems to build up over a few days before it spills over.
    I'm trying to be curious about it instead of just angry at myself.
    I can see a pattern with how tired I am, now that I look for it.
    Looking back, I think I've been running on empty for weeks.
    I think part of me is still waiting for the other shoe to drop.
    I've been trying to notice the first signs, and they're earlier than I thought.
    It's strange how my body reacts before my mind catches up.
""")
DIRECT_OPEN = bank("""
    I'll just say it.
    Quick question.
    I'll get right to it.
    Here's the situation.
    I'll be blunt.
    Not going to sugarcoat this.
    Straight to it.
    Here's what's going on.
    I need some help thinking this through.
    I'll keep it simple.
""")
# Persona hooks: a sentence about the person's life right now (age, work, family, time since), for realism.
HOOKS = bank("""
    I'm typing this on my break, so sorry if it's choppy.{if_working}
    I have to be {work_at} in a few hours and I have no idea how I'm going to do it.{if_working}
    {Kids} {kids_are} finally asleep, so this is the first quiet minute I've had.{if_kids_young}
    I'm writing this from the car in the driveway because I'm not ready to go in.
    {Kids} {kids_are} at school, so at least nobody's here to see me like this.{if_kids_school}
    My {partner} is asleep and I didn't want to wake {p_him} with this again.
    I'm {age_word}. I thought by this age I'd have put this behind me.{if_old}
    At my age you'd think I'd have made peace with it.{if_old}
    My generation didn't really talk about this kind of thing, so bear with me.{if_old}
    I retired thinking I'd finally have time to relax, and instead this is what I have time for.{if_old}
    Everyone my age is out living their lives and I'm stuck on this.{if_young}
    I'm {age_word} and I feel about ninety some days.{if_young}
    I can't exactly talk about this with anyone {work_at}.{if_working}
    Being a {occupation}, I'm supposed to be the steady one.{if_helper}
    It's been {years}, which is the part I can't get my head around.
    I've got {grandkids} coming this weekend and I want to be okay for them.
    I live alone, so there's nobody to notice when it gets bad.{if_nopartner}
    It's late and I should be asleep, but here I am.
    I've started and deleted this about five times.
    I'm on my lunch break sitting in my car.{if_working}
    This is the first time I've written any of this down.
    I'm sitting on the back steps with my phone because the house felt too small.
    It's been {years} now, for context.
    I'm on the couch with the TV on mute, just typing.
    I'm at the laundromat, which is apparently where I process things.
    I took the long way home so I'd have time to think, and now I'm typing this in a parking lot.
    Sorry if this is all over the place.
    I'm not much of a writer, so bear with me.
    I told myself I'd write this before I lost my nerve.
    I'm writing this in the waiting room, which feels fitting somehow.
    I'm sitting in the bath with the water going cold, typing this.
    I'm on the last bus home and can't stop thinking about it.
    I just got back from a walk that didn't help as much as I hoped.
    I'm eating cereal for dinner, if that tells you anything about the day.
    The house is quiet for once, so I'm taking the chance to write this.
    I'm outside on the porch because I needed some air.
    I've got a cup of tea going cold next to me while I write this.
    I'm typing this in bed with the lamp on.
    I'm supposed to be working on something else right now.
""")
PTSD_MENTION = bank("""
    My therapist called it PTSD years ago and I never really did anything about it.
    I know the PTSD label, I just didn't think it would still be like this.
    The VA says it's PTSD.{if_old}
    My doctor says it's trauma-related and I should give it time.
    I read about PTSD online and some of it sounds a lot like me.
    Someone at my old job said it sounded like PTSD and I laughed it off.
    I've never been diagnosed with anything, I just know something changed.
    A counselor years ago used the word trauma and it made me uncomfortable.
    My {partner} thinks it's PTSD. I'm not sure what to call it.
""")
YEARS = bank("""
    It's been {years}.
    {Years} and it still gets me.
    This was {years_ago} and it still feels close.
    I was {age_then} when it happened.
    This all started {years_ago}.
""")
# Verbose messages join some sentences instead of starting new ones.
JOINERS = (", and ", " and then ", ", so ", " and honestly ", "... ", " and ")

RISK = {
    "hopelessness": bank("""
        Honestly, what's the point anymore.
        I don't see it ever getting better, so what's the point.
        Some days I wonder what the point of any of this is.
        I'm starting to feel like nothing is ever going to change, and I'm so tired of trying.
        I just feel hopeless, like this is it for me forever.
        I can't see a future where I'm not like this.
        I don't know why I keep trying. Nothing changes.
        It all feels pointless lately.
    """),
    "passive_death_wish": bank("""
        Some nights I think everyone would be better off if I wasn't here.
        Honestly, I wouldn't mind not waking up.
        Sometimes I wish I could just go to sleep and not wake up.
        I've been thinking it would be easier for everyone if I just wasn't around.
        Part of me wouldn't care if something happened to me.
        Lately I keep thinking I'd rather not be here at all.
        Some nights I wish I could just disappear for good.
    """),
}
# Concrete tails for bare terse fragments: when, how long, since what.
TERSE_TAIL = bank("""
    {day} again
    been like this {weeks}
    ever since {event}
    {years} now
    {nights}
    again {clock}
    same as {day}
    {dur} to calm down
    its been {weeks}
    since {event} basically
    {dur} of shaking after
    {day} night was the worst
    third time this month
    happened {work_at} too
    cant tell anyone
    {close} doesnt know
    didnt sleep after
    been rough for {weeks}
    it keeps happening
    idk what to do
    so tired of this
    worse than last time
    thought id be past this by now
    {years} and still
    not sure why im telling you
    same as last {day}
""")
TERSE_RISK = {
    "hopelessness": bank("""
        whats the point anymore
        honestly dont see the point
        nothing changes. whats the point
        feel hopeless. always will be like this
    """),
    "passive_death_wish": bank("""
        wouldnt mind not waking up honestly
        everyone would be better off without me
        some nights i wish i wasnt here
        kind of wish i could just disappear for good
    """),
}


def _decap(sentence: str) -> str:
    """Lower-case the first letter so the sentence can follow a comma, unless it starts with "I" or a name."""
    first = sentence.split(" ", 1)[0]
    if first in ("I", "I'm", "I've", "I'd", "I'll") or first[:1].isdigit():
        return sentence
    if first.lower() in _COMMON_STARTS:
        return sentence[:1].lower() + sentence[1:]
    return sentence


# First words of bank sentences that are ordinary words, safe to lower-case after a joiner.
_COMMON_STARTS = {
    "the", "my", "every", "it", "it's", "last", "there", "there's", "someone", "something", "another", "today",
    "we", "everyone", "everybody", "this", "rough", "bad", "woke", "had", "now", "when", "afterwards", "afterward", "part",
    "people", "a", "weekends", "even", "since", "nobody", "looking", "all", "by", "before", "what", "that", "so",
    "maybe", "after", "then", "but", "and", "one", "some", "each", "our", "lately", "things", "work",
}


def _voice_parts(style: str, b: ClientBank, slots: Slots, rng: random.Random, frame: ContentFrame) -> list[str]:
    """The sentences of a non-terse message, in order, before risk language and joining. The question (and a
    self-critical question) are the ones the frame planned."""
    core = pick(rng, b.core, slots)
    parts: list[Tpl | None] = []
    details = list(fillable(b.detail, slots))
    rng.shuffle(details)
    question = frame.question
    if style == "guarded":
        vague = pick(rng, b.vague, slots)
        if rng.random() < 0.4:
            parts.append(pick(rng, GUARD_OPEN, slots))
        parts.append(vague if rng.random() < 0.6 else core)
        if rng.random() < 0.4:
            parts.append(details[0] if details else None)
        parts.append(pick(rng, GUARD_TAIL, slots))
    elif style == "direct":
        if rng.random() < 0.1:
            parts.append(pick(rng, DIRECT_OPEN, slots))
        parts.append(core)
        parts.extend(details[: rng.choice((0, 1, 1, 2))])
        parts.append(question)
    elif style == "verbose":
        parts.append(core)
        parts.extend(details[: rng.choice((1, 2, 2, 3))])
        if rng.random() < 0.35 and not any("years" in t.fields for t in parts if t is not None):
            parts.insert(rng.randint(1, len(parts)), pick(rng, YEARS, slots))
        parts.append(question or pick(rng, b.insight, slots))
    elif style == "self_critical":
        parts.append(core)
        parts.extend(details[: rng.choice((0, 1, 1, 2))])
        crit = fillable(SELF_CRIT, slots)
        parts.extend(rng.sample(crit, rng.choice((1, 1, 2))))
        if frame.self_question is not None:
            parts.insert(rng.randint(len(parts) - 1, len(parts)), frame.self_question)
        parts.append(question)
    else:  # reflective
        parts.append(core)
        parts.extend(details[: rng.choice((0, 1, 1, 2))])
        parts.append(pick(rng, b.insight, slots))
        if rng.random() < 0.15:
            parts.append(pick(rng, REFLECT, slots))
        parts.append(question)
    if rng.random() < 0.025:
        parts.insert(1, pick(rng, PTSD_MENTION, slots))
    if style != "guarded" and rng.random() < 0.12:
        parts.insert(rng.choice((1, max(1, len(parts) - 1))), pick(rng, HOOKS, slots))
    return [render(t, slots) for t in parts if t is not None]


def _join(parts: list[str], style: str, rng: random.Random) -> str:
    """Join sentences; verbose voices run some of them together."""
    out = parts[0]
    for p in parts[1:]:
        glued = _decap(p)
        if (style == "verbose" and rng.random() < 0.3 and out.endswith(".") and not p.endswith("?")
                and (glued != p or p.startswith("I"))):  # only join when the next sentence reads mid-sentence
            out = out[:-1] + rng.choice(JOINERS) + glued
        else:
            out += " " + p
    return out


def _opener(text: str, style: str, rng: random.Random) -> str:
    if style in ("terse", "guarded") or rng.random() > 0.15:
        return text
    decapped = _decap(text)
    if decapped == text and not text.startswith("I"):
        return text
    return rng.choice(OPENERS) + decapped


def _terse(b: ClientBank, slots: Slots, rng: random.Random, risk_type: str | None) -> str:
    first = pick(rng, b.terse, slots)
    parts = [render(first, slots)]
    if rng.random() < (0.85 if not first.fields else 0.35):  # a concrete tail keeps messages distinct
        tail = pick(rng, TERSE_TAIL, slots)
        if tail is not None:
            parts.append(render(tail, slots))
    elif rng.random() < 0.5:
        rest = [t for t in fillable(b.terse, slots) if t is not first]
        if rest:
            parts.append(render(rng.choice(rest), slots))
    if risk_type:
        parts.append(render(rng.choice(TERSE_RISK[risk_type]), slots))
    sep = rng.choice((". ", ". ", "... ", ", ", " - "))
    return sep.join(p.rstrip(".") for p in parts) + rng.choice(("", "", ".", "...", " idk"))


def _insert_risk(parts: list[str], risk_type: str, slots: Slots, rng: random.Random) -> list[str]:
    """Risk language goes late in the message, where people tend to put the hardest thing."""
    line = render(rng.choice(RISK[risk_type]), slots)
    where = len(parts) if rng.random() < 0.5 or len(parts) < 2 else len(parts) - 1
    return parts[:where] + [line] + parts[where:]


# "since {event}" with an event written as a clause ("when my dad died") reads "since when my dad died".
_SINCE_WHEN = re.compile(r"\bsince when\b")
_PLAIN_STOP = re.compile(r"(?<!\.)\. ")
_APOSTROPHE_WORDS = re.compile(r"\b(I'm|don't|can't|didn't|it's|that's|won't|I've|doesn't|isn't|I'd|wasn't)\b")


def roughen(text: str, rng: random.Random, strength: float) -> str:
    """Texting habits: lower case, dropped apostrophes, "idk", ellipses. `strength` 0..1 sets how likely each is."""
    if rng.random() < strength:
        text = _APOSTROPHE_WORDS.sub(lambda m: m.group(0).replace("'", ""), text)
    if rng.random() < strength:
        text = text.lower()
        text = re.sub(r"\bi\b", "i", text)
    if rng.random() < strength * 0.3:
        text = _PLAIN_STOP.sub("... ", text, count=1)
    if rng.random() < strength * 0.2 and not text.endswith(("?", "idk")):
        text = text.rstrip(".") + rng.choice((" idk", " lol", " anyway", ""))
    return text


def client_message(style: str, scenario_id: str, slots: Slots, rng: random.Random, *, young: bool,
                   risk_type: str | None, frame: ContentFrame) -> str:
    """One client message in `style` for `scenario_id`, realised from the content `frame` (its question), drawing
    every detail through `slots`."""
    b = CLIENT[scenario_id]
    if style == "terse":
        text = _SINCE_WHEN.sub("since", _terse(b, slots, rng, risk_type))
        return roughen(text, rng, 0.6 if young else 0.25)
    parts = _voice_parts(style, b, slots, rng, frame)
    if risk_type:
        parts = _insert_risk(parts, risk_type, slots, rng)
    text = _opener(_join(parts, style, rng), style, rng)
    text = fix_articles(vary_client(text, rng))
    text = _SINCE_WHEN.sub("since", text)
    if young:
        text = roughen(text, rng, 0.2)
    return text
