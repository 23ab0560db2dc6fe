# ruff: noqa: E501  (bank lines are prose, one template per line)
"""Reference-reply banks: the three empathy factors for each scenario, plus the safety protocol.

  er        emotion recognition: names the scenario's feelings and, where it can, the client's own details
  dn        distress normalization: the reaction is common and understandable after this kind of experience
  strength  supportive reflection, part 1: what the person did or shows (reaching out, noticing, leaving)
  step      supportive reflection, part 2: a gentle, optional next step or question

Templates use the client's slots in second person ("{trigger}", "your {partner}"); a template is only chosen when
the client message actually used every slot it names, so the reply never mentions a detail the client didn't.
"{kind}" (after "after") names the kind of experience and is allowed once the client referred to it at all.

House rules, enforced by tests: no diagnosing, no minimising, no promises, no clichés, no pushing for details.
"""

from __future__ import annotations

from dataclasses import dataclass

from tide_core.dialogue.fill import Tpl, bank
from tide_core.dialogue.reply_bank_extra import EXTRA_REPLIES


@dataclass(frozen=True)
class ReplyBank:
    er: tuple[Tpl, ...]
    dn: tuple[Tpl, ...]
    strength: tuple[Tpl, ...]
    step: tuple[Tpl, ...]


def _r(er: str, dn: str, strength: str, step: str) -> ReplyBank:
    return ReplyBank(bank(er), bank(dn), bank(strength), bank(step))


REPLIES: dict[str, ReplyBank] = {
    "nightmare": _r(
        er="""
            Waking up {clock} still caught in that dream sounds frightening, and exhausting on top of it.
            That's a hard way to start a day: shaken awake, heart pounding, and then running on empty.
            {Nights} of the same dream would wear anyone down, and the fear doesn't just stop when you open your eyes.
            There's a lot of fear in what you describe, and a tiredness that goes deeper than one bad night.
            What a frightening night. It sounds like the dream followed you well into the day, along with a lot of exhaustion.
            Nightmares like that leave a residue of fear, and you sound worn out from carrying it.
            Sitting up until it got light so you wouldn't wake {partner_name} sounds lonely as well as exhausting.
            Being afraid to go back to sleep makes sense after a night like that, and so does the exhaustion.{m_afraid_sleep}
            It sounds like part of you is embarrassed by how much a dream can shake you, on top of the fear itself.
        """,
        dn="""
            Nightmares are one of the most common ways the mind keeps working on something overwhelming, and they often return in clusters.
            After {kind}, it's very common for the same dream to come back, especially in stressful stretches.
            Waking up with a racing heart is your body's alarm system doing what it learned to do, not a sign of weakness.
            Many people who have lived through frightening events describe dreams that feel just as real as that.
            It's understandable that the fear lingers; the body often takes a while to catch up with the fact that it was a dream.
            Dreading sleep after nights like this is a really common response, and it makes sense.
            Checking the locks after a dream like that is a very human way of telling your body you're safe now.{m_locks}
        """,
        strength="""
            You got yourself through the night and still made it into the day, which takes more than people see.
            Sitting with the light on until your breathing slowed was a way of looking after yourself.{m_bathroom}
            You noticed what was happening and put words to it here, which is a real step.
            Checking on the people you love, even when you're shaken, says a lot about you.{m_checked_kids}
            You reached out instead of carrying this alone this morning.
        """,
        step="""
            Would it help to think together about a short routine for the minutes right after a nightmare?
            If you'd like, we could look at what helps you feel grounded when you wake up like that.
            Some people find it useful to keep something comforting by the bed for those moments; would that be worth trying?
            Would you want to talk about ways to make going back to sleep feel a little less daunting?
            Is there someone you could let know when you've had a night like this, so you're not alone with it?
            It might also be worth mentioning these dreams to a doctor or therapist if you have one; there are approaches that help.
        """,
    ),
    "public_trigger": _r(
        er="""
            Getting hit by {trigger} in the middle of {store} sounds terrifying, and then having people stare must have made it even harder.
            What a jolt. Panic like that comes on fast, and the embarrassment afterward can linger longer than the fear.
            Leaving your cart and walking out of {store} tells me how much fear was running through you in that moment.{m_cart}
            That sounds like a wave of panic that came out of nowhere, with embarrassment piled on top.
            Sitting in the car for {dur} afterward sounds exhausting, and it's clear how frightened you were.
            It must have been painful to feel that panic with {kids} right there, and to wonder what {kids_they} saw.
            You went from an ordinary moment to full panic in seconds, and the embarrassment is clearly still sitting with you.
            Being caught off guard in public like that is frightening, and feeling watched only adds to it.
        """,
        dn="""
            After {kind}, reminders like {trigger} can set off the body's alarm before the thinking mind has a chance to weigh in.
            Getting out of a place when panic hits is a very common way to cope, not an overreaction.
            Panic in public is something many people who've been through trauma experience, even years later.
            Sensory reminders are some of the strongest there are, so a reaction this strong makes sense.
            Many people describe exactly this: feeling fine one second and flooded the next.
            The embarrassment that follows is common too, and it says more about how much you care than about anything being wrong with you.
        """,
        strength="""
            You got yourself somewhere quieter and waited until you could drive, which was a way of taking care of yourself.{m_car}
            You handled a really hard moment as well as anyone could have, and you're reflecting on it now.
            Leaving when you needed to was a sensible choice, not a failure.
            You noticed the panic and listened to it, which is a skill.
        """,
        step="""
            If you'd like, we could think about a couple of things that might help the next time you feel it starting, like slow breathing or noticing what's around you.
            Would it help to plan a shorter trip to {store} when you feel ready, maybe with someone along?
            Would it be useful to talk about what you might say to yourself in the moment, so you have something to hold onto?
            Is there someone who could come along on errands for a while, until this feels more manageable?
            We could also think about what helps you feel steadier once you're back in the car, if that's useful.
        """,
    ),
    "anniversary": _r(
        er="""
            It sounds like {date} is already weighing on you, with the dread and irritability showing up ahead of time.
            With the anniversary coming, there's a lot of grief in what you wrote, and tension that comes out as irritability.
            Feeling the date approach like that is heavy; the dread seems to arrive well before the day itself.
            Snapping at people you love while you're carrying this much grief sounds painful for you too.{m_snap}
            {Years} on, the grief around {month} is clearly still very real, and so is the dread.
            That sounds like a hard stretch, with the dread building and your patience wearing thin.
            Dreading {date} and not knowing what to do with yourself is a lonely place to be.
            There's grief here, and also a kind of restless dread that makes everything harder.
        """,
        dn="""
            Anniversary reactions are very common, even decades later; the body often remembers the date before the mind does.
            Many people notice their sleep and patience wear thin in the weeks before a hard date; that's a well-known pattern.
            It's understandable that this time of year brings it all back, especially after {kind}.
            Feeling irritable or on edge near an anniversary is one of the most common ways grief and fear show up.
            The weeks before a date like this are often harder than the day itself, and many people describe just that.
            Wanting to both mark the day and escape it are both understandable ways of coping.
        """,
        strength="""
            You know what this time of year does to you, and that awareness is something you can use.
            Noticing that the irritability isn't really about the people around you takes honesty.{m_irritable_insight}
            You've gotten through this date before, even when it was hard.
            Reaching out ahead of the day, instead of waiting for it to hit, is a real strength.
        """,
        step="""
            Would it help to let your {partner} know what this time of year is like for you?
            Some people plan something small and gentle for the day itself; would that feel right, or would you rather keep it quiet?
            Would it help to think about who you might want nearby on {date}, or what you'd like the day to look like?
            If you'd like, we could talk about ways to get through the days leading up to it, not just the date.
            Is there a way to let {support} know what would actually help when they reach out?
        """,
    ),
    "flashback": _r(
        er="""
            Being pulled back like that in the middle of something ordinary sounds terrifying, and disorienting when you came out of it.
            That sounds like a frightening minute: confusion about where you were, and your heart racing.
            Having it happen while you were driving must have been especially scary, and confusing afterward.{m_driving}
            It's clear how much terror was in that moment, and how unsettled you've felt since.
            Losing your footing in the present like that is a frightening experience, and the confusion afterward makes it harder.
            You sound shaken, and maybe a bit ashamed that it happened at all.
            Not knowing where you were for those few seconds sounds frightening, and very draining.{m_where}
        """,
        dn="""
            Flashbacks are a common part of how the mind and body hold on to something overwhelming; they can feel as real as the original moment.
            After {kind}, small sensory reminders often trigger flashbacks more than the big obvious ones do.
            The exhaustion afterward is very common too; your body went through a full alarm response.
            Many people describe the same confusion when they come out of a flashback; it isn't a sign that something is wrong with you.
            It makes sense that you feel drained and worried; flashbacks take a lot out of a person.
        """,
        strength="""
            You found your way back, and you got yourself somewhere safe until it passed.
            Pulling over was exactly the right call; you kept yourself and others safe.{m_driving}
            You're paying attention to what sets it off, which is a real strength.
            You came out of it and reached out, which matters.
        """,
        step="""
            Would it help to practise a simple grounding step, like naming five things you can see, so it's ready when you need it?
            If you'd like, we could think about a few anchors that remind you where and when you are.
            Would it be worth letting {close} know what helps when it happens, so they can support you?
            It could be worth talking with a trauma-informed therapist about flashbacks; there are approaches that help.
            What helped you come back this time? We could build on that.
        """,
    ),
    "guilt_self_blame": _r(
        er="""
            The guilt you're carrying sounds heavy, and it seems to follow you everywhere, {work_at}, in the car, at night.
            There's so much guilt and sadness in going over it again and again.
            Replaying it in the hope it'll end differently sounds exhausting, and full of shame that isn't fair to you.{m_replay}
            It sounds painful to hear people say it wasn't your fault when it doesn't feel that way inside.{m_notfault}
            {Years} is a long time to carry that kind of guilt, and the sadness under it comes through.
            That thought, that you should have done something different, seems to have a real grip on you, and the guilt in it sounds heavy.
        """,
        dn="""
            Guilt is one of the most common responses after {kind}; the mind looks for what could have been different because it wants control.
            Many people blame themselves after something terrible, even when they had no way of knowing what would happen.
            Hindsight makes things look clearer than they were in the moment, and that's a very human trap.
            Going over it again and again is a common way the mind tries to make sense of something senseless.
            It's understandable that the guilt feels louder than logic; feelings don't always follow facts.
        """,
        strength="""
            The fact that it still matters this much shows how deeply you care.
            You're able to put the guilt into words, which is a step toward looking at it more gently.
            You've kept going while carrying this, which says a lot about you.
            Noticing that the guilt gets louder at certain times is an important insight.
        """,
        step="""
            Would it help to think about what you would say to a friend who was carrying this same guilt?
            If you'd like, we could gently look at what you actually knew back then, compared with what you know now.
            Guilt like this is something trauma-focused therapy works with directly; would that be worth exploring?
            Is there someone like {support} you could share a bit of this with, when you're ready?
            You don't have to let go of it all at once; would it help to talk about what a little less weight might look like?
        """,
    ),
    "anger_family": _r(
        er="""
            That moment clearly scared you too; there's anger in it, and a lot of remorse afterward.
            Seeing {close} look frightened of you must have been awful, and the remorse you feel comes through clearly.
            Anger that comes on that fast is frightening, both for the people around you and for you.
            It sounds like you're sitting with a lot of remorse, and fear of who you become in those moments.
            The look on {close_his} face clearly stayed with you, and it's obvious how much you regret it.{m_look}
            There's anger here, but what stands out most is how much you care about not scaring the people you love.
        """,
        dn="""
            After {kind}, the body can stay on high alert, and irritability and sudden anger are common ways that shows up.
            Many people who have been through trauma describe going from zero to a hundred without warning, especially when they're not sleeping.
            Anger like this is often fear in disguise, and it's a very understandable response to being on edge for so long.
            Being wound this tight makes small things feel like threats; that's a common reaction, and it can change.
        """,
        strength="""
            You noticed what happened and took it seriously, and that matters.
            Stepping away to the garage was a way of protecting the people around you.{m_garage}
            You apologized, and you want to do better, which shows real care.{m_apolog}
            Seeing the pattern, like the lack of sleep, is an important start.{m_sleep_anger}
            Wanting to understand this instead of excusing it says a lot about you.
            You're taking responsibility without writing yourself off, which is a hard balance.
        """,
        step="""
            Would it help to think about early warning signs, so you can step away before it builds?
            If you'd like, we could talk about how you might explain to {close} what's going on for you, without the details.
            Some people agree on a signal with their family for when they need a break; would something like that work for you?
            A therapist who works with trauma can help with anger like this too, if that's something you'd consider.
            What helps you calm down once you've stepped away? It might be worth building on that.
        """,
    ),
    "isolation": _r(
        er="""
            {Weeks} without seeing anyone sounds lonely, and there's sadness in how far away everyone feels.
            Leaving those messages unanswered sounds like a mix of loneliness and numbness, and maybe relief too.{m_unanswered}
            That glass wall between you and everyone else sounds lonely and sad.{m_glass}
            There's a lot of loneliness in what you wrote, even though pulling away feels easier right now.
            It sounds like you miss people, and being around them feels too tiring, which is a painful combination.
            Feeling far even from {close} sounds lonely, and a bit numb.
        """,
        dn="""
            Pulling away from people is a very common response after {kind}; pretending to be fine is exhausting.
            Many people withdraw when being around others means holding up a front; it's an understandable way of saving energy.
            Isolation tends to build on itself, which is why it can feel harder each week to reach back out.
            Feeling cut off, even from people you love, is something many trauma survivors describe.
        """,
        strength="""
            You're noticing how far you've drifted, which is the first step to changing it.
            Reaching out here is a kind of connection, even if it's small.
            You still miss people, and that's worth holding onto.
            {Support} keeps reaching out, which says something about what you mean to them.
        """,
        step="""
            Would a small step feel doable, like a short reply to {support}, with no need to explain anything?
            If you'd like, we could think about one low-pressure way to see someone this week.
            What kind of contact feels least tiring right now: a text, a walk, sitting together without much talking?
            Would it help to think about what you'd want to say, or not say, if someone asked how you've been?
        """,
    ),
    "hypervigilance_work": _r(
        er="""
            Watching the doors through a whole {shift} sounds exhausting, and frustrating when you're trying to focus.
            Being on guard all day {work_at} sounds draining; no wonder you're wiped by the evening.
            There's a lot of anxiety in what you describe, and frustration that your body won't let you relax.
            Jumping every time someone comes up behind you must be exhausting, and frustrating too.{m_behind}
            It sounds like you spend the whole day half-working and half-on-watch, which would wear anyone out.
            That constant scanning sounds like anxiety that never gets a break, and it's leaving you exhausted.
        """,
        dn="""
            After {kind}, it's very common for the body to stay on watch even when the mind knows the room is safe.
            Hypervigilance is the nervous system doing what once kept you safe; it's understandable that it's hard to switch off.
            Many people describe being calmer in real emergencies than on ordinary days; it's a common pattern after trauma.
            The exhaustion makes sense too; staying on alert uses a lot of energy.
        """,
        strength="""
            You're still showing up {work_at}, even while carrying all this.
            You've noticed where it's worst, which is useful information.
            Getting through a {shift} like that takes real effort, even if nobody sees it.
            You've already found some ways to manage, like where you sit.{m_sit}
        """,
        step="""
            Would it help to find a few short moments in your {shift} to let your body settle, like a breathing break or a walk outside?
            If you'd like, we could think about what would make your workspace feel a bit safer, like where you sit.
            Would it be worth thinking through what, if anything, you'd want {boss} to know?
            Some people find it helps to notice safety cues on purpose; would you want to try that?
        """,
    ),
    "avoidance_place": _r(
        er="""
            Getting all the way to {place} and not being able to get out of the car sounds frustrating, and frightening.{m_drove}
            Avoiding {place} sounds like it's protecting you from fear while quietly shrinking your world, which is frustrating.
            There's fear in this, and a lot of frustration with yourself for not being able to go.
            Taking that detour every day sounds tiring, and it's clear how much fear is behind it.{m_detour}
            It sounds like you feel ashamed of the avoiding, on top of the fear that drives it.
            Keeping away from {avoid} for so long sounds both exhausting and frustrating.
        """,
        dn="""
            Avoidance is one of the most common responses after {kind}; it brings relief in the moment, which is exactly why it's so hard to change.
            It makes sense that your body treats it as dangerous; it's trying to protect you.
            Many people notice their world getting smaller bit by bit after trauma, and only see it later.
            Not being able to go, even when you want to, is a common and understandable reaction, not a lack of willpower.
        """,
        strength="""
            Driving there at all was a big step.{m_drove}
            You can see what the avoiding is costing you, which is important.
            You're thinking about this, not just avoiding it, and that matters.
            You're honest with yourself about what's happening.
        """,
        step="""
            Would it help to break it into smaller steps, starting with a small version of it, or doing it with someone?
            If you'd like, we could think about a first step that feels uncomfortable but manageable.
            Would your {partner} be someone you'd want with you for a first try?
            A therapist who works with trauma can help you approach places like this gradually; would that be worth considering?
        """,
    ),
    "setback": _r(
        er="""
            A bad stretch after real progress sounds deeply discouraging, and frightening too.
            It sounds like this knocked your confidence as much as your sleep and mood, and left you discouraged.
            I can hear how disappointed you are, and how scared that the progress was never real.
            Sliding back after working so hard sounds exhausting and disheartening.
            It sounds like the setback brought doubt along with it, about whether things can change.
            Feeling like you're back at the start sounds frustrating and lonely.
            There's so much discouragement in this, and I can hear how tired you are of fighting.
            It sounds painful to lose ground you worked so hard to gain.
            After feeling so much better, this bad week sounds deeply disappointing and discouraging.
            There's fear in this, fear that the good weeks didn't count, alongside the disappointment.
            It's painful to feel back at the start after working so hard, and the disappointment comes through.
            Being proud of your progress and then having {trigger} knock you back sounds really discouraging.
            {Count} panic attacks in a week is a lot, and it makes sense that you're discouraged and afraid.
            It sounds like you're frightened this is how it'll always be, and disappointed in yourself.
        """,
        dn="""
            Setbacks are a very common part of recovery; progress after trauma rarely moves in a straight line.
            Many people have a rough stretch after a period of feeling better, often when stress piles up.
            A bad week doesn't erase what you learned; the skills and the good weeks still count.
            It's understandable that a setback feels like starting over, but it usually isn't.
        """,
        strength="""
            You noticed quickly that something had shifted, which shows how much more aware you are now.
            The weeks you had of feeling better were real, and you did that.
            You're reaching out now instead of waiting, which is part of the progress.
            You've already spotted what changed, which is a useful start.
        """,
        step="""
            Would it help to look at what was helping during the good weeks and pick one thing to start again?
            If you'd like, we could think about what you'd say to {support} about this week; they might be glad to help.
            What's one small thing from your better weeks that might be worth picking back up?
            Would it be useful to think about what was going on around the time it started?
        """,
    ),
    "fear_disclosure": _r(
        er="""
            Wanting someone to know and dreading their reaction at the same time sounds like a hard place to stand.
            It sounds lonely to carry something this big while the people around you only see the surface.
            I can hear how much you want to be understood, and how scared you are of being seen differently.
            Holding the words back each time they get close sounds exhausting, and a little heartbreaking.
            There's real vulnerability in even thinking about telling someone, and the fear makes sense.
            Deciding who gets to know something this personal is a heavy decision, and you sound torn about it.
            It sounds like keeping it in feels safer but lonelier, and telling feels braver but riskier.
            The worry about being treated differently afterward comes through clearly, and so does the wish to be known.
            You sound tired of the effort it takes to keep this hidden, and unsure whether it's safe to stop.
            Not knowing where to even start with the words sounds frustrating, and a bit frightening.
            It sounds like part of you is ready to say it and part of you is bracing for the worst, which sounds frightening.
            That's a lot of second-guessing to live with, and it sounds lonely underneath it all.
            It sounds like you're caught between wanting closeness with {close} and a fear of what telling could cost you.
            There's fear in this and vulnerability too, wondering how {close} might see you afterward.
            Not knowing how much to say sounds uncertain and lonely; you've carried this a long time.
            Almost saying it and then pulling back sounds like a lot of fear and uncertainty in one moment.{m_almost}
            Keeping something this big to yourself for {years} is heavy, and the fear of telling makes sense.
            You sound unsure, and also tired of carrying it alone.
        """,
        dn="""
            It makes sense to be careful about what you share and when; that's a way of protecting yourself.
            Many people feel this uncertainty after {kind}; there's no right timeline for telling anyone.
            Fear of being seen differently is one of the most common reasons people hesitate, and it's understandable.
            Wanting to be known and wanting to stay safe are both very human needs.
        """,
        strength="""
            You get to decide how much to tell and at what pace.
            You're thinking carefully about this, which shows how much you value the relationship.
            Practising what you'd say shows real courage, even if the words haven't come out yet.{m_practice}
            You've kept yourself going for a long time, and you're allowed to choose who knows.
        """,
        step="""
            Would it help to think about what you'd want {close} to understand, even without the details?
            Some people start with how it affects them now, not with what happened; would that feel more manageable?
            If you'd like, we could think about what you'd need from the other person to feel safe telling them.
            You could share just a small part first and see how it feels; would that be an option?
        """,
    ),
    "numbness": _r(
        er="""
            Feeling cut off from the things that used to matter sounds lonely and unsettling.
            It sounds like the colour has drained out of things, and that's a sad way to live day to day.
            Going through the motions without feeling much sounds empty, and a little frightening.
            I can hear the worry in this, that the numbness says something about who you are now.
            Not being able to reach your own feelings sounds lonely, even when people are right there.
            It sounds disheartening to want to feel close and not be able to get there.
            That hollow, far-off feeling sounds hard to live with, and hard to explain to others.
            Missing the person who used to feel things easily comes through clearly, and it sounds sad.
            It sounds like you're watching your life rather than living it right now, and that's painful.
            Feeling flat when you expected joy sounds confusing, and quietly heartbreaking.
            Sitting there feeling nothing while everyone else was moved sounds empty, and worrying.{m_flat_event}
            That flatness sounds lonely; it's like being behind glass while life goes on.
            There's a lot of worry in what you wrote, about the numbness and about what it means.
            Feeling nothing at moments that should matter sounds empty and unsettling.
            It sounds like the volume on everything has been turned down, which feels numb and a bit frightening.
            Being there for {kid} and not feeling it sounds painful in its own way, a sort of emptiness.
        """,
        dn="""
            Emotional numbness is a very common response after {kind}; it often starts as a way to get through and then stays.
            Many people describe exactly this flatness, and it doesn't mean you don't care, only that you've been carrying too much for too long.
            Numbness is a kind of protection the mind uses when feelings have been too much.
            It makes sense that fear might still come through while the good feelings feel far away; many people notice that.
        """,
        strength="""
            You still care that you feel nothing, and that caring is itself a feeling.
            You showed up anyway, and that matters to the people around you.
            Noticing this and naming it is an important step.
            You're paying attention to what's happening inside you, even when it's hard.
        """,
        step="""
            Would it help to notice small moments of feeling, even faint ones, like warmth from coffee or a song you used to love?
            If you'd like, we could think about how to explain this to your {partner}, so it's not misread as not caring.
            Numbness is something a trauma-informed therapist can work with gently; would that be something to consider?
            What used to bring you even a little bit of joy? It might be worth trying one small thing without expecting much.
        """,
    ),
    "treatment_hesitancy": _r(
        er="""
            Going back and forth about getting help sounds tiring, and I can hear the wariness in it.
            It sounds like hope and doubt are pulling in opposite directions about this.
            Dreading the idea of going over it all with a stranger makes a lot of sense, and it sounds frightening.
            I can hear how much you want things to change, and how unsure you are that therapy is the way.
            There's some discouragement in this, as if you're bracing to be let down again.
            It sounds like the thought of opening all of it up feels daunting, bigger than the problem itself some days.
            Putting it off and then feeling bad about putting it off sounds like a draining loop.
            You sound wary, and understandably so; trusting a process with something this painful is a big ask.
            Part of you sounds ready to try, and part of you sounds worried it won't be worth the pain.
            Not being sure you even deserve the help sounds heavy on top of everything else.
            It sounds like the waiting and wondering have been wearing on you for a while.
            I hear skepticism in this, and underneath it a real wish for something to help.
            It sounds like you're torn about {day}'s appointment, with fear on one side and skepticism on the other.
            That mix of wanting help and not trusting it will work makes sense; ambivalence like that is hard to sit with.
            There's fear in this, especially of having to relive it, and some skepticism after last time.
            Not calling about that referral sounds like fear more than laziness, along with doubt about whether it'll help.{m_referral}
            You sound torn, and a bit wary, which is understandable after a therapy experience that didn't help.{m_tried}
        """,
        dn="""
            Many people feel unsure about starting or restarting therapy; mixed feelings are normal, not a sign you're not ready.
            After {kind}, fear of opening things up is very common and understandable.
            Not every therapist or approach fits every person, and one experience that didn't help doesn't mean nothing will.
            Wanting to protect yourself from reliving the worst parts is a completely understandable concern.
        """,
        strength="""
            You're weighing this carefully, which is a good way to make a decision that's yours.
            You've managed on your own for a long time, which shows real resilience.
            Being honest about your doubts is a useful starting point.
            You're still thinking about it, even after a hard experience, which says something.{m_tried}
        """,
        step="""
            Would it help to know that in most trauma therapies you set the pace, and you don't have to share details before you're ready?
            You could ask a therapist in a first call how they work and what a session looks like; would that help you decide?
            If you'd like, we could write down your concerns so you can bring them to the first appointment.
            Would it help to think of the first session as just a chance to see if the fit feels right?
        """,
    ),
    "substance_urges": _r(
        er="""
            Wanting {drink} after a day like this makes sense, and there's craving here along with a lot of anxiety.
            It sounds like the urge is strong tonight, and there's some shame mixed in with it.
            Only feeling quiet inside after {drink} sounds exhausting, and it's clear you're anxious about where it's heading.
            {Weeks} sober and feeling this pull must be frightening, and the craving sounds intense.
            There's craving in this, and also worry and shame about what's been happening.
        """,
        dn="""
            Many people turn to alcohol or other substances to quiet trauma symptoms; it makes sense, even though it often backfires.
            Cravings often spike after reminders or bad nights, especially after {kind}.
            Urges come in waves; they rise, peak and pass, even when it doesn't feel that way.
            Wanting relief from what you're feeling is understandable; it's the mind looking for a way out of pain.
        """,
        strength="""
            You noticed the urge and reached out instead of acting on it, which is a real strength.
            You're being honest about this, which many people find very hard.
            Throwing out what was in the house was a strong step.{m_threw}
            You can see the pattern clearly, which is where change starts.
        """,
        step="""
            Would it help to plan something for the next hour, like a walk, a shower or calling someone, to ride out the urge?
            Is there someone like {support} you could call tonight while it's strong?
            If you'd like, we could think about what else might quiet things at night, so you have other options.
            A doctor or counsellor who knows about both trauma and drinking could be a good support; would that be worth exploring?
        """,
    ),
    "sleep_problems": _r(
        er="""
            Lying awake until {clock} listening to every sound sounds exhausting, and frustrating after so many nights.
            {Weeks} of broken sleep would wear anyone down, and the dread of bedtime comes through clearly.
            It sounds like you're exhausted and frustrated, and bedtime has turned into something you dread.
            Getting up again and again to check the doors sounds draining, and the exhaustion shows.{m_doors}
            Being awake {clock} again sounds lonely and frustrating, and you must be so tired.{m_now_awake}
        """,
        dn="""
            Sleep problems are very common after {kind}; the body has trouble letting its guard down in the dark.
            Many people dread bedtime when nights have been hard; it's an understandable response.
            Trouble sleeping and checking for danger often go together after trauma; it's the nervous system staying on watch.
            It makes sense that the usual sleep tips haven't been enough; this kind of sleeplessness has deeper roots.
        """,
        strength="""
            You've already tried a lot of things, which shows how hard you're working at this.{m_tried_sleep}
            You keep going {work_at} on very little sleep, which takes real effort.
            You've noticed what makes it worse, which is useful.
            Reaching out at this hour instead of lying there alone counts.{m_now_awake}
        """,
        step="""
            Would it help to try a wind-down routine that tells your body it's safe, like checking the locks once and then something calming?
            Some people find it helpful to get up and do something quiet when they can't sleep, rather than lying there; would that be worth trying?
            If you'd like, we could talk about what makes the bedroom feel safe or unsafe for you.
            Sleep problems tied to trauma often improve with specific treatments; would it help to talk to a doctor about it?
        """,
    ),
    "startle": _r(
        er="""
            Jumping like that at {sound} must have been frightening, and then embarrassing with everyone looking.
            That sounds like a big startle, with fear in the moment and embarrassment afterward.
            Having it happen in front of {coworkers} sounds embarrassing and frustrating.
            Nearly swinging at {close} must have scared you both, and it sounds frustrating to feel that jumpy.{m_swing}
            You sound frustrated with how strong the startle is, and embarrassed by how it looks to others.
        """,
        dn="""
            A strong startle is one of the most common reactions after {kind}; the body reacts before the mind can check what the sound was.
            Many people find their startle is worse on days they haven't slept; it's the nervous system running on high.
            Being jumpy is the body doing what it learned to do to stay safe, not a sign of weakness.
            The embarrassment is very common too, and understandable when it happens in front of others.
        """,
        strength="""
            You got through the rest of the day even after that.
            You're finding ways to protect yourself, like the headphones.{m_headphones}
            You've noticed the link with sleep, which is useful.{m_sleep_startle}
            You're thinking about how to explain it to others, which shows care.
        """,
        step="""
            Would it help to have a short line ready for when it happens, something like "loud noises get me," so you don't have to explain?
            If you'd like, we could think about a quick way to calm your body right after a startle.
            Would it be worth letting {close} know that approaching from the front or saying your name first helps?
            Would you want to talk about what helps you settle once the adrenaline hits?
        """,
    ),
    "relationship_strain": _r(
        er="""
            Hearing {close} say that must have hurt, and it sounds like there's sadness and a fear of losing {close_him}.
            It sounds like you love your {partner} and feel frustrated that it's not coming through right now.
            There's sadness in this, and real fear of losing each other.
            Feeling like a stranger in your own home is painful, and the frustration on both sides comes through.
            Pulling away when {close} reaches for you and seeing it hurt {close_him} sounds sad for both of you.{m_pullaway}
        """,
        dn="""
            Trauma symptoms often strain close relationships; pulling away and going quiet are common ways of coping.
            Many couples find that {kind} affects both partners, and it makes sense that things feel tense.
            Not being able to show love the way you used to is a very common experience, and it doesn't mean the love is gone.
            It's understandable that you feel like a burden, but strain in relationships after trauma is common and workable.
        """,
        strength="""
            You clearly care about {close} and want to get back to each other.
            You're trying to explain, even when it comes out wrong, which matters.{m_explain_wrong}
            You can see your own part in the distance, and that takes honesty.
            Wanting to fix this is a strong place to start.
        """,
        step="""
            Would it help to think about how to explain what's going on for you, without needing to share the details?
            Some couples find it useful to see a therapist together who understands trauma; would that be something to consider?
            If you'd like, we could think of one small way to reconnect this week.
            Would it help to tell {close} one thing that would help you feel close, even on hard days?
        """,
    ),
    "trust_safety": _r(
        er="""
            It sounds lonely to be this on guard, and there's fear and suspicion even with people who have been kind.
            Checking the locks {count} times and still not relaxing sounds exhausting, and frightening.
            Waiting for kindness to turn sounds like a lonely way to live, and there's a lot of fear in it.
            It makes sense that you feel suspicious; it also sounds exhausting and lonely.
            Not feeling safe even in your own home sounds frightening and isolating.
        """,
        dn="""
            After {kind}, it's very common for trust to feel dangerous; suspicion is the mind trying to keep you safe.
            Many people describe the radar getting turned up to maximum after trauma, and it takes time to settle.
            Keeping people at a distance is an understandable way to protect yourself after being hurt.
            Feeling unsafe even in familiar places is common after trauma, and it makes sense.
        """,
        strength="""
            You can see that your suspicion is protecting you, and also costing you, which is honest.
            You've let a few people in, like {support}, which shows it's possible.
            You're noticing this and wanting something different, which matters.
            You've kept yourself safe through a lot.
        """,
        step="""
            Would it help to think about one person you trust even a little, and one small way to let them closer?
            If you'd like, we could think about what makes a place or a person feel safe enough for you.
            Some people find it useful to notice small signs of safety on purpose; would that be worth trying?
            Would it help to talk about what trust could look like, in small steps?
        """,
    ),
    "media_reminder": _r(
        er="""
            Seeing {media} without warning sounds like a shock, and it makes sense you're anxious and angry.
            That sounds like it hit you out of nowhere, and left a lot of anxiety and anger behind.
            Having something like that just pop up on your screen must have been a shock, and the anger makes sense.
            It sounds like it brought {event} right back, leaving you shaky and angry.
            Going back to look at it again and again sounds anxious and draining.{m_lookback}
        """,
        dn="""
            News stories and films can be powerful reminders after {kind}; a strong reaction to them is common.
            It's very understandable to feel angry when something like that appears without warning.
            Many people find themselves going back to look again; the mind is trying to check whether it's safe.
            The shaky, wired feeling afterward is a common reaction to an unexpected reminder.
        """,
        strength="""
            You stepped away when you needed to, which was a sensible way to protect yourself.{m_left_room}
            You're noticing your patterns with the news, which is useful.
            Deleting the app was a way of taking care of yourself.{m_deleted}
            You recognized what it did to you, and you're talking about it.
        """,
        step="""
            Would it help to set some limits on news or social media for a while, like muting certain words?
            If you'd like, we could think about something calming you can do right after seeing a reminder.
            Would it help to let {close} know which kinds of shows or stories are hard for you?
            What helped you calm down before when something caught you off guard like this?
        """,
    ),
    "physical_symptoms": _r(
        er="""
            A racing heart and a tight chest are alarming, and it sounds like you're worried something is really wrong.
            It must have been frightening to end up at urgent care, and frustrating to be sent home without answers.{m_urgent}
            Headaches, a locked jaw, tense shoulders: that sounds exhausting, and worrying too.
            Feeling your body react like that whenever {event} comes to mind sounds alarming and frustrating.
            There's worry in what you wrote, and frustration that your body won't settle.
        """,
        dn="""
            The body often holds reactions to trauma; racing heart, tension and stomach knots are very common after {kind}.
            It makes sense to feel alarmed; these physical reactions are real, even when tests come back normal.
            Many people experience strong body reactions to reminders; it's the nervous system preparing for danger.
            Getting checked by a doctor was a sensible step; it's also common for trauma to show up physically.{m_urgent}
        """,
        strength="""
            You took your symptoms seriously and got checked, which was a smart thing to do.{m_urgent}
            You're noticing the connection between reminders and your body, which is useful.
            You're paying attention to your body, even when it's uncomfortable.
            Keeping going {work_at} while your body does this takes real effort.
        """,
        step="""
            Would it help to try slow breathing or gently relaxing your shoulders and jaw when you notice the tension?
            If you'd like, we could think about what helps your body settle after a reminder.
            Some people find gentle movement, like a walk, helps release that tension; would that be worth trying?
            It could also help to talk with your doctor about the link with stress, so they have the full picture.
        """,
    ),
    "dissociation": _r(
        er="""
            Losing track of yourself like that sounds really disorienting, and frightening afterward.
            It sounds scary not to be sure how much time went by, and unsettling not to trust your own sense of it.
            Coming back to yourself and not knowing what you missed sounds confusing and lonely.
            That foggy, far-away feeling sounds hard to explain to anyone, and frightening to live with.
            It sounds like the world went distant for a while, and coming back left you shaken.
            Feeling like you're watching your own life from a distance sounds strange and lonely.
            I can hear how unnerving it is not to feel fully present in your own day.
            It sounds frightening to feel yourself drift and not be able to pull back in the moment.
            Worrying about when it might happen next sounds like it's adding a layer of fear to everything.
            Feeling cut off from your own body and surroundings sounds disorienting and isolating.
            That sense of being not quite there sounds deeply unsettling, and tiring to recover from.
            It sounds like those blank stretches leave you confused and on edge for a while afterward.
            Losing {dur} like that sounds frightening and confusing, and it's understandable that it scares you.
            Feeling outside your own body sounds disorienting, and very disconnected.
            Not being able to answer {close} when you were right there sounds frightening and confusing.{m_noanswer}
            Having no memory of the drive home must have been scary, and confusing.{m_drive}
            That unreal feeling sounds unsettling, and lonely in a way that's hard to explain.
        """,
        dn="""
            Feeling detached or losing time can happen after {kind}; it's one of the ways the mind protects itself when things feel too big.
            Many people describe feeling unreal or outside their body after trauma; it can be frightening, and it's understandable.
            Dissociation often follows reminders or overwhelm; it makes sense that it showed up after a hard moment.
            It's a common response, and it's also worth paying attention to.
        """,
        strength="""
            You noticed what happened, which is an important first step.
            You found ways to bring yourself back, like pinching yourself.{m_pinch}
            You're paying attention to when it happens, which is useful.
            You're reaching out about it, which matters.
        """,
        step="""
            Would it help to try some grounding, like holding something cold or naming what you can see, when you feel it starting?
            If you'd like, we could think about what helps you feel more here in your body.
            Because it happened while driving, it might be worth talking with a doctor or therapist; would that feel okay?{m_drive}
            Would it help to let {close} know what it looks like and what helps bring you back?
        """,
    ),
    "parenting_worry": _r(
        er="""
            You clearly love {kids}, and there's worry and guilt in wondering how your symptoms are affecting {kids_them}.
            Hearing {little} ask why you're always sad must have stung, and the protectiveness you feel comes through.
            There's a lot of worry in this, and guilt that you're not the parent you want to be right now.
            Seeing {kid} pick up your habits must have been hard, and it's clear how protective you are.
            Worrying about {care} while barely holding yourself together sounds exhausting, and full of guilt.
            It sounds painful to feel you're letting down the people who depend on you, and the worry is clear.
        """,
        dn="""
            Many parents with trauma worry about how it affects their kids; that worry shows how much you care.{if_kids}
            It's common after {kind} to feel protective and anxious about the people who depend on you.
            Kids pick up on stress, and it's understandable to worry; it's also true that how you handle it matters.{if_kids}
            Feeling guilty about missing things or snapping is a common experience for parents carrying trauma.{if_kids}
            Caring for someone else while you're struggling is hard, and many people in your position feel the same guilt.
        """,
        strength="""
            Your concern for {kids} shows how much you care about {kids_them}.
            You're thinking about this, which is what a caring parent does.{if_kids}
            You're still showing up, even on hard days.
            You want something better for them, and that matters.{if_kids}
        """,
        step="""
            Would it help to think about a simple, age-appropriate way to tell {kids} you're dealing with something hard, without the details?
            If you'd like, we could think about small things you can do together on good days.{if_kids}
            Would it help to think about who else could share some of the load, so you get a bit of rest?
            Some parents find family therapy helpful; would that be worth considering?{if_kids}
        """,
    ),
}

# Safety protocol for risk language. ER acknowledges and thanks; DN says these thoughts deserve care, not judgement;
# SR asks about safety now, gives 988 and emergency services, and asks who they could be with.

def _extend(base: ReplyBank, more: dict[str, str]) -> ReplyBank:
    return ReplyBank(*(getattr(base, f) + bank(more.get(f, "")) for f in ReplyBank.__dataclass_fields__))


REPLIES = {sid: _extend(b, EXTRA_REPLIES.get(sid, {})) for sid, b in REPLIES.items()}

RISK_ER = bank("""
    Thank you for telling me how dark things feel right now. You sound worn down and close to the end of your energy.
    I'm glad you said this rather than keeping it in. It sounds like the hopelessness has been building for a while.
    I'm really glad you reached out with this. Feeling this exhausted and low sounds incredibly hard.
    Thank you for being honest about this; it matters. It sounds like you're carrying a great deal of pain.
    I'm really glad you told me. It sounds like you're carrying a lot of exhaustion and hopelessness right now.
    Thank you for saying that out loud; it sounds like things feel very heavy and hopeless at the moment.
    I'm glad you shared this with me. What you're describing sounds like deep tiredness and a lot of pain.
    Thank you for trusting me with that. It sounds like you're worn down and struggling to see a way forward.
    It took courage to write that, and I'm glad you did. You sound exhausted and very low right now.
    I really appreciate you telling me this. Feeling that hopeless on top of everything else sounds so painful.
""")
RISK_DN = bank("""
    Thoughts like that can show up when pain goes on for a long time, and they deserve care, not judgement.
    When distress goes on and on, thoughts like these can come; they're a sign of how much you're carrying, and they deserve care.
    Many people have thoughts like this when they've been hurting for a long time; you deserve support with them, not judgement.
    These thoughts can come when someone has been in pain for a long time, and they deserve to be taken seriously and gently.
    Feeling this way after carrying so much for so long is something many people go through, and it's important, not something to hide.
    Thoughts like these often come from exhaustion and pain, not from who you are, and you deserve support with them.
    When pain has gone on this long, it's understandable that thoughts like these show up; they matter, and so do you.
    A lot of people reach this kind of tiredness when things have been hard for a long time; it deserves real care.
""")
RISK_SR = bank("""
    Can I ask whether you feel safe tonight? If the thoughts get stronger, or you feel you might act on them, please reach out right away: in the US you can call or text 988 (Suicide and Crisis Lifeline), or contact local emergency services. Is there someone you trust you could be with this evening?
    Are you safe right now? If you're in the US, you can call or text 988 (Suicide and Crisis Lifeline) any time, day or night; elsewhere, please contact your local emergency services. Is there someone who could be with you or check in on you today?
    I'd like to ask directly: are you thinking about harming yourself, and do you feel safe at the moment? In the US you can call or text 988 (Suicide and Crisis Lifeline), and if you're in immediate danger, contact local emergency services. Who is someone you could reach out to or be with tonight?
    Do you feel safe right now? If things feel like too much, in the US you can call or text 988 to reach the Suicide and Crisis Lifeline, or contact local emergency services. Could {support} or someone else you trust be with you for a while?
    I want to check in with you about safety: do you feel safe right now? If the thoughts get stronger, in the US you can call or text 988 (Suicide and Crisis Lifeline) at any hour, or contact local emergency services if you're in danger. Who could you reach out to tonight, even just to have company?
    Before anything else, are you safe at this moment? Please know that in the US you can call or text 988, the Suicide and Crisis Lifeline, and that local emergency services are there if you feel you might act on these thoughts. Is there a friend, family member or neighbour who could be with you today?
    Can I ask how safe you feel tonight, and whether these thoughts have included any plans to hurt yourself? If they get stronger, please call or text 988 (Suicide and Crisis Lifeline) in the US, or contact local emergency services. Is there someone who could stay with you or check on you?
    Are you feeling safe right now? If you start to feel you might act on these thoughts, please contact local emergency services, or in the US call or text 988 (Suicide and Crisis Lifeline) to talk with someone right away. Could {support} or someone else you trust keep you company tonight?
    How safe do you feel right now, tonight? You can call or text 988 (Suicide and Crisis Lifeline) in the US to talk with someone immediately, or contact local emergency services if you feel you might act on these thoughts. Is there someone nearby you could be with?
""")

# Openings sometimes placed in front of the ER sentence, for variety in how replies begin.
ER_LEADS = bank("""
    Thank you for writing this out.
    Thanks for telling me about this.
    I'm glad you reached out.
    That's a lot to carry.
    Oof, that sounds like a hard day.
    I can see why this is on your mind.
    I'm really glad you wrote.
    Thank you for trusting me with this.
    That's a heavy thing to be holding.
    Okay, I'm with you.
    I'm sorry it's been like this.
    Thank you for putting this into words.
    That sounds like a rough one.
    I'm glad you didn't keep this to yourself.
    Thanks for laying this out so clearly.
    I'm glad you brought this here.
    That's a lot to be dealing with.
    I'm sorry you're going through this.
    It means something that you wrote this down.
    That's a hard thing to carry around.
    I appreciate you telling me this.
    This sounds like it's been weighing on you.
    I'm glad you said something.
    Thank you for being this open.
    That sounds like a lot.
    What a week it sounds like you've had.
    Before anything else, thank you for saying this.
    Okay. Let's slow down and look at this together.
    Honestly, that would rattle most people.
    First, I'm sorry this landed on you.
    You don't have to tidy this up for me.
    Nothing about this sounds small.
    Wow, that's heavy.
    Let me make sure I'm hearing you right.
    You put that really clearly.
    Hard day, from the sound of it.
    None of this sounds easy.
    Right, that's a lot to walk around with.
    No wonder this has been on your mind.
    Even writing this out can take a lot.
    Thanks for giving me the real version of this.
    I'm really glad this ended up here instead of staying in your head.
    Okay, let's take this one piece at a time.
    That's a lot to have been sitting with.
    I hear you.
    That sounds genuinely hard.
    You've said a lot in a few lines.
    Thank you for not softening this.
    It sounds like today took a lot out of you.
    I'm glad you took the time to write this.
    Let me sit with what you've said for a second.
    That's not a small thing to be living with.
""")
# Extra normalising lines for self-critical voices: the harsh self-judgement is answered, not ignored.
DN_SELF_CRITICAL = bank("""
    And it's not stupid or weak; it's a very human response to what you've been through.
    None of this means something is wrong with you as a person.
    Being hard on yourself is common too, but this reaction isn't a failing.
    It isn't a sign of weakness, even if it feels that way.
    Reactions like this don't measure how strong you are.
    There's nothing pathetic about it; your body is doing what it learned to do.
    The harsh voice is common too, and it isn't telling you the whole truth.
    It's not a character flaw; it's what trauma can do to a nervous system.
    Plenty of strong, capable people go through exactly this.
    You're not broken for reacting this way.
    Being this hard on yourself is understandable, but it isn't the full story.
    Needing time with this isn't a weakness; it's what recovery actually looks like.
    The critical voice is loud right now, and it isn't a fair judge.
    Struggling with this doesn't make you less capable; it makes you someone who went through something hard.
    Falling apart sometimes is part of being human, especially after what you've lived through.
    This isn't about being tough enough; toughness doesn't switch off a nervous system.
    It makes sense to be frustrated with yourself, and you deserve the patience you'd give anyone else.
    There's no deadline for getting over something like this.
    Other people manage differently, not better; you're carrying your own load.
    Calling yourself names won't make this lighter, and you don't deserve them.
""")
# Next steps for guarded voices: no pressure to say more.
STEP_GUARDED = bank("""
    You don't have to share more than you want to; would it help to focus just on what would make today a bit easier?
    There's no need to go into details, and if you'd like, we could look at one small thing that could ease the next few days.
    You can keep the details to yourself; if you'd like, we could focus on what helps in the moment.
    We can stay with just what you've said; is there one part of this you'd want some help with?
    No need to explain any further. What's one thing that might make tonight a little easier?
    You get to decide how much to say here. Would it help to think about what usually steadies you?
    We don't need to go any deeper than you want. Is there something small that has helped before, even a little?
    That's enough to go on, and you don't owe anyone more detail. Would it help to plan one thing for the next day or two?
    You can leave it there if you want. If it's useful, we could think about what you need most this week.
    It's completely fine to keep it short; is there anything that would make the next few hours easier?
    You don't need to explain the why. Is there one thing that's been helping even a little?
    Short is fine here. Would it be useful to think about how to get through this evening?
    You can keep the rest private. What would feel like support right now, if anything?
    There's no pressure to say more. If it helps, we could look at one practical thing for this week.
    We can keep this as brief as you like. Is there a part of the day that's hardest at the moment?
    You've said what you wanted to say, and that's enough. Would it help to think about what usually takes the edge off?
    The details can stay with you. Is there anyone, or anything, that helps you feel a little steadier?
    No need to go further than this. Would a small plan for the next day or two be useful?
""")

# Emotion frames usable in any scenario: {emo1} and {emo2} are two of the scenario's primary emotions (nouns).
ER_FRAMES = bank("""
    I can hear the {emo1} in this, and the {emo2} underneath it.
    There's real {emo1} in what you wrote, and some {emo2} too.
    What comes through most is {emo1}, with {emo2} close behind.
    That's a lot of {emo1} to hold, with {emo2} on top of it.
    Reading this, I notice {emo1} first, and then {emo2}.
    It makes sense that {emo1} and {emo2} are both showing up here.
    You're carrying {emo1} and {emo2} at the same time, and that's heavy.
    Some of what you describe sounds like {emo1}, and some of it sounds like {emo2}.
    So much {emo1}, and {emo2} mixed in with it; no wonder this is weighing on you.
    Underneath what you wrote I hear {emo1}, and maybe some {emo2} as well.
""")
# Strengths that fit any scenario, mixed in so no single scenario line dominates.
STRENGTH_ANY = bank("""
    Putting this into words, even briefly, is a real step.
    You're paying close attention to what's happening, and that counts for something.
    You've been getting through this largely on your own, which takes a lot.
    Reaching out about it, instead of keeping it all inside, matters.
    You're being honest about something hard, and that's not nothing.
    The way you describe this shows a lot of self-awareness.
    You kept going through the day anyway, which says something about you.
    It took something to name this.
    You're looking at this clearly, even while it hurts.
    You're still looking for a way through, and that shows here.
    Noticing this much about your own reactions is a skill, even if it doesn't feel like one.
    You've already survived a lot of hard days, and you brought this one here.
    Writing this down at all shows you haven't stopped looking after yourself.
    You clearly know yourself well, and that will help.
    There's care in how you're thinking this through.
    It says something that you're asking these questions.
    You've kept showing up for your life, even on days like this.
    Naming it this plainly takes more courage than it might seem.
    You've been carrying this quietly, and you chose to say it here.
    Not many people can describe their own reactions this honestly.
    You're treating this as something worth working on, and it is.
    There's strength in how clearly you've laid this out.
    Telling someone about this, even here, is a way of taking it seriously.
    You're describing this with a lot of care and precision.
    Being able to put a name to what's going on is a real strength.
    You're giving this the attention it deserves, instead of brushing it aside.
    The fact that you're asking for ideas shows you haven't given up on things getting easier.
    It takes some steadiness to look at this as clearly as you have.
    There's real honesty in the way you've written this.
    You've made room to talk about this, and that matters.
""")
# Normalising lines that fit any scenario, mixed in so no single scenario line dominates.
DN_ANY = bank("""
    What you're describing is something many people experience after trauma; it's a response, not a flaw.
    It's understandable to react this way; your mind and body are still trying to protect you.
    A lot of people who have been through something overwhelming describe this same thing.
    This is a common, human response to something that was too much at the time.
    Given what you've lived through, this reaction makes a lot of sense.
    None of this is unusual after trauma, even if it feels isolating.
    Responses like this often show up long after the event itself; that's common.
    It's a natural reaction to an experience that overwhelmed your sense of safety.
    After {kind}, reactions like this are part of how people cope, and they deserve patience.
    After {kind}, it would be more surprising if this didn't affect you.
    Your reaction fits what you've been through; it isn't evidence that you're failing.
    Reactions like this are one of the ways people carry hard experiences, and they can ease with time and support.
    Plenty of people in your position would recognise exactly what you're describing.
    This is the kind of thing survivors describe again and again; you're in good company.
    Many people who have lived through something frightening notice this exact pattern.
    A reaction like this is the body's protection system doing more than it needs to, and that's common after trauma.
    There's nothing wrong with you for responding this way; it's a very human aftermath.
    This is one of the most common things people describe in the months and years after something overwhelming.
    It makes sense that your body is still on alert; it learned that lesson the hard way.
    People who've been through hard things often find their reactions come and go like this.
""")
