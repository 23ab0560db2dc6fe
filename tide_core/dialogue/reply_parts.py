# ruff: noqa: E501  (bank lines are prose, one phrase per line)
"""Per-scenario phrases that reply_frames drops into its sentence frames.

  sit        adjectives for the scenario's moments ("frightening"), used as {s1}/{s2}
  moments    ER: gerund phrase, second person, what the client went through ("waking up {clock} ...")
  reactions  DN: gerund phrase, the reaction being normalised; must also read after "you're" ("reliving ...")
  reasons    DN: an independent clause, lower-case, why the reaction makes sense
  did        SR: gerund phrase, what the client did that deserves credit
  steps      SR: a joint next step that reads after "we could" and "would it help to" ("think about ...")
  tries      SR: something the client might try, reads after "would it help to" and "you might"

Slots and marks follow the reply rule: a phrase naming {trigger} or {m_cart} is only used when the client said it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tide_core.dialogue.fill import Tpl, bank, words
from tide_core.dialogue.reply_extra import EXTRA_PARTS


@dataclass(frozen=True)
class Parts:
    sit: tuple[str, ...]
    moments: tuple[Tpl, ...]
    reactions: tuple[Tpl, ...]
    reasons: tuple[str, ...]
    did: tuple[Tpl, ...]
    steps: tuple[Tpl, ...]
    tries: tuple[Tpl, ...]


def _p(sit: str, moments: str, reactions: str, reasons: str, did: str, steps: str, tries: str) -> Parts:
    return Parts(tuple(s.strip() for s in sit.split(",")), bank(moments), bank(reactions), words(reasons),
                 bank(did), bank(steps), bank(tries))


PARTS: dict[str, Parts] = {
    "nightmare": _p(
        "frightening, exhausting, unsettling, rattling, draining",
        moments="""
            waking up {clock} still caught inside that dream
            having the same dream come back {nights}
            jolting awake with your heart pounding
            lying there in the dark after a dream like that
            sitting in the kitchen until it got light so you wouldn't wake {partner_name}
            checking on {kids} before you could even lie back down{m_checked_kids}
            getting up to check the locks and then checking them again{m_locks}
            sitting on the bathroom floor with the light on{m_bathroom}
            going into a whole day {work_at} on a few hours of sleep
            dreading the next night before this one is even over{m_afraid_sleep}
            waking up soaked and shaking from a dream
            carrying the dream with you all morning
        """,
        reactions="""
            having the same dream return in clusters
            waking with your heart racing and your body convinced it's real
            dreading sleep after a night like that
            feeling foggy and shaken the whole next day
            checking the locks after a bad dream{m_locks}
            having dreams come back during stressful stretches
        """,
        reasons="""
            the mind keeps working on what overwhelmed it, and a lot of that work happens at night
            the body's alarm fires in sleep just as it does awake, and it takes a while to stand down
            dreams tend to cluster when daytime stress is high
            your body is still trying to file away something that was too much at the time
            the fear in a dream is real fear to the body, even when the mind knows it was a dream
        """,
        did="""
            getting yourself through the night and still facing the day
            sitting with the light on until your breathing slowed{m_bathroom}
            checking on {kids} even while you were shaken{m_checked_kids}
            letting {partner_name} sleep while you looked after yourself
            putting a dream like that into words the same day
        """,
        steps="""
            put together a short routine for the first minutes after a nightmare
            think about what helps you feel grounded when you wake up like that
            look at ways to make going back to sleep feel a little less daunting
            talk through what your evenings look like before the bad nights
            plan something small and steadying for the next time it happens
        """,
        tries="""
            keep a glass of water, a soft light or something familiar by the bed for those moments
            name a few things in the room out loud when you wake, to remind your body where you are
            let {partner_name} know it's okay to wake you or sit up with you
            mention the dreams to a doctor or therapist, since there are approaches that target nightmares
            write the dream down and then put it away, so it isn't only living in your head
        """,
    ),
    "public_trigger": _p(
        "frightening, overwhelming, jarring, exposing, scary",
        moments="""
            having {trigger} catch you off guard in the middle of {store}
            leaving your cart and walking out of {store}{m_cart}
            sitting in the parking lot for {dur} before you could drive{m_car}
            having a wave of panic come out of nowhere in public
            feeling people stare while you tried to get your breathing back
            going through that with {kids} right there
            having an ordinary errand turn into full panic in seconds
            getting caught off guard by {trigger} when you least expected it
            waiting in the car while your {partner} finished the shopping
            hearing {sound} in line and ending up crouched behind the display
        """,
        reactions="""
            having panic hit in a public place years after the event
            needing to get out of a place the moment panic starts
            feeling flooded by a sensory reminder before you can think
            carrying embarrassment around long after the panic has passed
            reacting to {trigger} before your thinking mind catches up
        """,
        reasons="""
            sensory reminders reach the body's alarm system before the thinking brain gets a say
            leaving is the body's way of getting you to safety, not an overreaction
            panic peaks and passes, but it can feel endless while it's happening
            busy public places already ask a lot of a nervous system that's on alert
            the embarrassment afterward is a sign of how much you care about how you come across, not of anything wrong with you
        """,
        did="""
            getting yourself somewhere quieter until you could drive{m_car}
            leaving when you needed to instead of forcing yourself to stay
            noticing the panic and listening to it
            handling a really hard moment in front of other people
            thinking back over it calmly enough to write about it
        """,
        steps="""
            think about a couple of things that might help the next time you feel it starting
            plan a shorter trip to {store} for when you feel ready
            work out a few words you could say to yourself in the moment
            look at what helps you feel steadier once you're back in the car
            think about which errands feel most manageable right now
        """,
        tries="""
            bring someone along on errands for a while, until this feels more manageable
            try slow breathing or pressing your feet into the floor when you feel it building
            go at a quieter time of day, when there are fewer people around
            give yourself permission to step outside for a minute and then decide whether to go back in
            keep something in your pocket you can hold onto, like keys or a smooth stone
        """,
    ),
    "anniversary": _p(
        "heavy, painful, draining, hard",
        moments="""
            feeling {date} approach like that
            having the dread show up a week before the day itself
            snapping at people you love while carrying this much{m_snap}
            counting down the days without meaning to
            having your body remember the date before you do
            going through {month} every year knowing what it brings
            watching everyone else move on while this date still holds you
            dreading the anniversary of {event} for {years}
            lying awake in the weeks before the day
        """,
        reactions="""
            feeling irritable and on edge as an anniversary gets close
            having sleep and patience wear thin in the weeks before a hard date
            wanting to mark the day and escape it at the same time
            finding the lead-up harder than the day itself
            noticing your body tense up before you've consciously remembered the date
        """,
        reasons="""
            the body often remembers the date before the mind does
            anniversaries bring the original feelings close to the surface again, even decades later
            grief and fear tend to come back around the time of year they first arrived
            the weeks before a hard date are full of reminders, many of them below awareness
            the irritability is often grief and fear with nowhere else to go
        """,
        did="""
            knowing what this time of year does to you and saying so
            noticing the irritability isn't really about the people around you{m_irritable_insight}
            reaching out before the day instead of waiting for it to hit
            getting through this date in other years when it was hard
            being honest about what {month} is like for you
        """,
        steps="""
            plan something small and gentle for the day itself
            think about who you might want nearby on {date}
            look at ways to get through the days leading up to it, not just the date
            talk through what you'd like the day to look like this year
            think about what you might need from the people around you this month
        """,
        tries="""
            let your {partner} know what this time of year is like for you
            tell {support} what would actually help when they reach out on the day
            take a quiet hour on the day for whatever feels right, whether that's remembering or resting
            lower what you expect of yourself for a couple of weeks
            plan one kind thing for yourself the day after, so there's something on the other side
        """,
    ),
    "flashback": _p(
        "frightening, disorienting, terrifying, draining, unsettling",
        moments="""
            being pulled back like that in the middle of something ordinary
            not knowing where you were for those few seconds{m_where}
            having it happen while you were driving{m_driving}
            finding yourself back in it while you were {work_at}
            coming out of it shaking with your heart racing
            losing your footing in the present for a minute
            having {trigger} take you straight back there
            hearing {close} say your name and not being able to answer
            finding yourself crouched on the floor without remembering getting there
        """,
        reactions="""
            feeling as if the event is happening again right now
            coming out of a flashback confused and drained
            being thrown back by a small sensory reminder
            worrying that it will happen again at a bad moment
            feeling exhausted for the rest of the day afterward
        """,
        reasons="""
            flashbacks are how the mind and body replay something that was never fully processed
            the body goes through a full alarm response, and that takes a lot out of a person
            small sensory details often act as stronger reminders than the obvious ones
            memories from overwhelming moments are stored differently, which is why they can feel so present
            confusion on the way back is part of the brain reorienting to the present
        """,
        did="""
            finding your way back and getting yourself somewhere safe
            pulling over instead of pushing on{m_driving}
            paying attention to what sets it off
            coming out of it and reaching out afterward
            getting through the rest of the day after something so draining
        """,
        steps="""
            practise a simple grounding step so it's ready when you need it
            think about a few anchors that remind you where and when you are
            look at what helped you come back this time, so we can build on it
            talk through what you'd want to do if it happens while driving
            work out a short plan for the hour after a flashback
        """,
        tries="""
            name five things you can see, four you can hear and three you can touch when it starts
            keep something with a strong smell or texture nearby to bring you back to the present
            let {close} know what helps when it happens, so they can support you
            say the date and where you are out loud, as a reminder to your body
            talk with a trauma-informed therapist about flashbacks, since there are approaches that help
        """,
    ),
    "guilt_self_blame": _p(
        "heavy, painful, relentless, exhausting",
        moments="""
            going over it again and again
            carrying that guilt for {years}
            hearing people say it wasn't your fault when it doesn't feel that way{m_notfault}
            replaying it as if it might end differently{m_replay}
            lying awake going over it one more time
            living with the thought that {guilt}
            having that voice ready to remind you at every turn
            holding yourself responsible for so long
        """,
        reactions="""
            blaming yourself for something you couldn't have known
            replaying what you could have done differently
            feeling the guilt get louder than the logic
            holding onto guilt long after everyone else has let it go
            judging your past self with what you know now
        """,
        reasons="""
            hindsight makes things look clearer than they were in the moment
            the mind looks for what could have been different because it wants a sense of control
            guilt can feel easier to hold than the helplessness underneath it
            feelings don't always follow facts, especially after something overwhelming
            caring deeply about what happened keeps it close
        """,
        did="""
            putting the guilt into words instead of only carrying it
            keeping going while you carry something this heavy
            noticing when the guilt gets loudest
            being willing to look at it at all
            still caring this much about what happened
        """,
        steps="""
            think about what you would say to a friend who carried this same guilt
            look gently at what you actually knew back then, compared with what you know now
            talk about what a little less weight might look like, without letting go all at once
            separate what you were responsible for from what you couldn't control
            write down the version of events your guilt tells, and then the version a fair witness might tell
        """,
        tries="""
            share a little of this with {support} when you feel ready
            notice the harsh voice and answer it the way you'd answer it for someone you love
            explore trauma-focused therapy, which works with guilt like this directly
            set aside a short time each day for the thoughts, instead of letting them follow you everywhere
            write a letter to your younger self that stays private
        """,
    ),
    "anger_family": _p(
        "painful, upsetting, frightening, distressing",
        moments="""
            seeing {close} look frightened of you
            having the anger go from zero to a hundred before you saw it coming
            seeing the look on {close_his} face afterward{m_look}
            sitting in the garage shaking afterward{m_garage}
            apologizing and hearing how tired {close} is of walking on eggshells{m_apolog}
            watching {kids} go quiet for the rest of the night
            blowing up over something so small
            feeling sick to your stomach after losing your temper
        """,
        reactions="""
            going from calm to furious without warning
            snapping over small things when you're running on no sleep
            feeling wound so tight that everything seems like an attack
            swinging from anger straight into remorse
            having anger cover fear that's been there a long time
        """,
        reasons="""
            a nervous system stuck on high alert reads small frustrations as threats
            anger is often fear in disguise, and it moves fast
            lack of sleep shortens everyone's fuse, and trauma shortens it further
            the body's alarm can fire long before the thinking brain catches up
            this kind of reactivity can be worked on and can change
        """,
        did="""
            taking what happened seriously instead of brushing it off
            stepping away to the garage to protect the people around you{m_garage}
            apologizing and wanting to do better{m_apolog}
            spotting the link with sleep{m_sleep_anger}
            wanting to understand this instead of excusing it
            taking responsibility without writing yourself off
        """,
        steps="""
            think about early warning signs, so you can step away before it builds
            talk about how you might explain to {close} what's going on for you, without the details
            look at what helps you calm down once you've stepped away
            plan what a repair conversation with {close} could sound like
            map out the times of day when your fuse runs shortest
        """,
        tries="""
            agree on a signal with {close} for when you need a break
            take a ten-minute walk the moment you notice your jaw or fists tightening
            talk with a therapist who works with trauma and anger
            tell {close} that the anger is yours to work on, and that {close_he} didn't cause it
            build in a short wind-down before you walk in the door at the end of the day
        """,
    ),
    "isolation": _p(
        "lonely, sad, heavy, isolating",
        moments="""
            going {weeks} without seeing anyone
            leaving those messages unanswered{m_unanswered}
            feeling that glass wall between you and everyone else{m_glass}
            missing people while being too tired to see them
            feeling far away even from {close}
            sitting in the car in the driveway before going inside
            watching the invitations slowly stop coming
            spending the weekends alone with nothing to fill them
        """,
        reactions="""
            pulling away from people when being around them means pretending to be fine
            finding it harder to reach out the longer you've been away
            feeling cut off even from people you love
            withdrawing most after a bad night
            missing people and avoiding them at the same time
        """,
        reasons="""
            holding up a front is exhausting, and withdrawing saves energy
            isolation tends to build on itself, so each week can feel harder than the last
            trauma can make connection feel risky, even with safe people
            being around others can bring up how much has changed, and that hurts
            the longing for people doesn't go away, even when the energy for them does
        """,
        did="""
            noticing how far you've drifted
            reaching out here in whatever small way you can
            still missing people and letting yourself say so
            being honest that the excuses are excuses
            thinking about how to get back to people
        """,
        steps="""
            think about one low-pressure way to see someone this week
            look at what kind of contact feels least tiring right now
            think about what you'd want to say, or not say, if someone asked how you've been
            plan a short reply to {support} that doesn't need to explain anything
            pick one person who feels easiest to be around and think about a small first step
        """,
        tries="""
            send {support} a short message with no need to explain anything
            say yes to something short, like a coffee or a walk, with an easy way out
            sit with someone without much talking, if that feels easier than conversation
            go somewhere with people around but no pressure to talk, like a library or a park
            tell one person that you've been having a hard time, without the details
        """,
    ),
    "hypervigilance_work": _p(
        "exhausting, draining, frustrating, wearing, relentless",
        moments="""
            watching the doors through a whole {shift}
            being on guard all day {work_at}
            jumping every time someone comes up behind you{m_behind}
            half-working and half-on-watch all day
            coming home so drained there's nothing left for the evening
            having {boss} ask if everything is okay
            sitting with your back to the wall and still not relaxing{m_sit}
            getting through a {shift} while scanning everyone who walks in
        """,
        reactions="""
            staying on watch even when the mind knows the room is safe
            feeling calmer in real emergencies than on ordinary days
            losing focus because part of your attention is always on guard
            feeling wiped out after a day of scanning
            keeping track of every exit without meaning to
        """,
        reasons="""
            the nervous system keeps doing what once kept you safe
            staying on alert uses a huge amount of energy, even sitting still
            the body doesn't switch off an alarm just because the danger has passed
            a busy workplace is full of small cues that an alert system can't ignore
            concentration suffers when part of the brain is assigned to watching
        """,
        did="""
            still showing up {work_at} while carrying all this
            noticing where it's worst
            getting through a {shift} like that
            finding ways to manage like choosing where you sit{m_sit}
            naming this instead of just pushing through
        """,
        steps="""
            find a few short moments in your {shift} to let your body settle
            think about what would make your workspace feel a bit safer
            think through what, if anything, you'd want {boss} to know
            look at how you could wind down between work and home
            work out which parts of the day are hardest and start there
        """,
        tries="""
            notice safety cues on purpose, like the people you trust or the exits you already know
            take a two-minute breathing break every couple of hours
            step outside for a short walk at lunch
            sit where you can see the door, and let that be enough permission to relax your shoulders
            leave a short gap between work and home, like a walk or some music in the car
        """,
    ),
    "avoidance_place": _p(
        "frustrating, frightening, tiring, limiting",
        moments="""
            getting all the way to {place} and not being able to get out of the car{m_drove}
            taking that detour every day{m_detour}
            keeping away from {avoid} for so long
            watching your world shrink a little at a time
            having {kids} ask why you never go there anymore
            making up excuses so people won't ask
            feeling your stomach drop at the thought of going
            needing to go near {place} and not being able to make yourself
        """,
        reactions="""
            avoiding a place that's tied to what happened
            feeling relief when you avoid it and more dread afterward
            watching your world get smaller bit by bit
            freezing up even when you want to go
            planning your days around staying away from reminders
        """,
        reasons="""
            avoidance brings relief in the moment, which is exactly why it's so hard to change
            your body treats the place as dangerous because it's trying to protect you
            fear attached to a place can stay long after the danger is gone
            the mind learns from every escape that the place must be dangerous
            it isn't a lack of willpower but an alarm system doing its job too well
        """,
        did="""
            driving there at all{m_drove}
            seeing what the avoiding is costing you
            thinking about this instead of just avoiding it
            being honest with yourself about what's happening
            wanting your world back
        """,
        steps="""
            break it into smaller steps, starting with a small version of it
            think about a first step that feels uncomfortable but manageable
            plan a short visit with an easy way out
            make a list of steps from easiest to hardest
            look at which part of going feels hardest
        """,
        tries="""
            take your {partner} along for a first try
            drive past once without stopping, and notice what happens
            look at photos of the area first, at home where you feel safe
            work with a therapist who helps people approach places like this gradually
            stay a few minutes longer each time, rather than all at once
        """,
    ),
    "setback": _p(
        "disappointing, discouraging, frightening, deflating",
        moments="""
            feeling back at the start after working so hard
            having {count} panic attacks in a week after feeling better
            having the nightmares come back {nights}
            being proud of your progress and then having {trigger} knock you back
            telling {support} you were doing great and now feeling like that's changed
            going {weeks} feeling almost normal and then having a week like this
            wondering if the good weeks were even real
        """,
        reactions="""
            having a rough stretch after a period of feeling better
            feeling like one bad week cancels out the good ones
            sliding back when stress piles up
            fearing that a setback means starting over
            dropping the things that helped once you felt better
        """,
        reasons="""
            progress after trauma rarely moves in a straight line
            stress tends to bring old symptoms back for a while, even when real change has happened
            a setback doesn't erase what you learned, and the skills are still there
            noticing a setback quickly is itself a sign of how far you've come
            recovery usually looks like ups and downs around a slowly improving line
        """,
        did="""
            noticing so quickly that something had shifted
            having those better weeks at all
            reaching out now instead of waiting
            spotting what changed around the time it started
            keeping hold of the memory of feeling better
        """,
        steps="""
            look at what was helping during the good weeks and pick one thing to start again
            think about what you'd say to {support} about this week
            think about what was going on around the time it started
            look at the good weeks in some detail, so they don't get erased
            plan a gentler week while things settle
        """,
        tries="""
            restart one small thing that helped before, like the walks or the breathing
            tell {support} that it's been a harder week, so you're not carrying it alone
            write down three things that were true about the good weeks
            expect a few rough days and go easy on yourself while they pass
            check in with a doctor or therapist if it keeps building
        """,
    ),
    "fear_disclosure": _p(
        "scary, uncertain, lonely, exposing",
        moments="""
            being caught between wanting closeness with {close} and fearing what telling could cost
            wondering how {close} might see you afterward
            almost saying it and then pulling back{m_almost}
            keeping something this big to yourself for {years}
            practising the words in the car and not being able to say them{m_practice}
            having {boss} ask questions you're not sure how to answer
            not knowing where the line is between sharing and oversharing
            wanting someone to know and being afraid of what happens if they do
            carrying something this big on your own
        """,
        reactions="""
            hesitating to tell people you care about
            being careful about what you share and when
            fearing you'll be seen differently once people know
            wanting to be known and wanting to stay safe at the same time
            pulling back at the last second
        """,
        reasons="""
            there's no right timeline for telling anyone
            protecting yourself is a reasonable instinct after being hurt
            past reactions from other people shape how safe telling feels now
            what you share is yours to decide, and caution is a way of keeping that control
            the fear is about the relationship mattering, not about you doing anything wrong
        """,
        did="""
            thinking this through so carefully
            practising what you'd say{m_practice}
            taking your own pace seriously
            keeping yourself going all this time
            wanting to let someone in
        """,
        steps="""
            think about what you'd want {close} to understand, even without the details
            think about what you'd need from the other person to feel safe telling them
            work out which small part you might share first
            talk through how you'd like the conversation to start and end
            look at who feels safest to tell first
        """,
        tries="""
            start with how it affects you now, rather than with what happened
            share just a small part first and see how it feels
            tell {close} you have something hard to say and want to say it at your own pace
            write it down first, even if nobody else ever reads it
            pick a calm time and place where you can stop whenever you want
        """,
    ),
    "numbness": _p(
        "empty, unsettling, lonely, worrying, strange",
        moments="""
            sitting there feeling nothing while everyone else was moved{m_flat_event}
            feeling like you're watching life from behind glass
            getting good news and feeling absolutely nothing
            going through the motions at home and {work_at}
            feeling the volume turned down on everything
            having music and cooking and everything else go gray
            being there for {kid} and not feeling it
        """,
        reactions="""
            feeling flat at moments that should matter
            losing touch with the good feelings while fear stays sharp
            going through the motions without feeling much
            feeling far away even from people you love
            noticing the numbness get worse after stressful stretches
        """,
        reasons="""
            numbness often starts as a way to get through and then stays longer than it's needed
            the mind turns the volume down when feelings have been too much
            it doesn't mean you don't care, only that you've been overloaded for a long time
            protective shutdown tends to dull the good feelings along with the painful ones
            feelings often return gradually as the nervous system feels safer
        """,
        did="""
            still caring that you feel nothing
            showing up anyway
            noticing this and naming it
            paying attention to what's happening inside you
            worrying about how it affects the people you love
        """,
        steps="""
            look for small moments of feeling, even faint ones
            think about how to explain this to your {partner}, so it's not misread as not caring
            think about what used to bring you even a little joy
            notice when the numbness is lighter and what's going on at those times
            plan one small, low-pressure thing that used to matter to you
        """,
        tries="""
            try one small thing you used to enjoy without expecting much from it
            notice physical sensations, like warm coffee or the sun on your face, for a few seconds at a time
            tell your {partner} that the flatness isn't about {p_him}
            talk with a trauma-informed therapist, who can work with numbness gently
            keep a note of any moment that felt even slightly different
        """,
    ),
    "treatment_hesitancy": _p(
        "daunting, confusing, stressful, hard",
        moments="""
            going back and forth about the appointment on {day}
            having that referral sit there for {weeks}{m_referral}
            quitting after sessions that made things worse{m_tried}
            closing the tab after looking up therapists again
            hearing {support} push you toward help you're unsure about
            imagining having to relive the worst parts over and over
        """,
        reactions="""
            feeling unsure about starting or restarting therapy
            fearing that opening things up will make them worse
            doubting therapy after an experience that didn't help
            putting off the call even when part of you wants help
            worrying about being pushed to talk before you're ready
        """,
        reasons="""
            mixed feelings are normal and don't mean you're not ready
            not every therapist or approach fits every person
            wanting to protect yourself from reliving the worst parts is a sensible concern
            one experience that didn't help doesn't mean nothing will
            good trauma therapy goes at a pace the client can manage
        """,
        did="""
            weighing this carefully
            managing on your own for so long
            being honest about your doubts
            still thinking about it after a hard experience{m_tried}
            keeping the door open even while you're unsure
        """,
        steps="""
            write down your concerns so you can bring them to a first appointment
            look at what a first session usually involves
            think about the questions you'd want to ask a therapist in a first call
            talk through what a good fit would look like for you
            think of the first session as just a chance to see if the fit feels right
        """,
        tries="""
            ask a therapist in a first call how they work and what a session looks like
            keep the appointment and tell the therapist you're unsure, which is a fine place to start
            look for someone who specialises in trauma and lets you set the pace
            bring {support} into the decision, if that helps
            tell the therapist at the start that you don't want to go into details yet
        """,
    ),
    "substance_urges": _p(
        "hard, exhausting, frightening, heavy",
        moments="""
            wanting {drink} after a day like this
            feeling that pull {weeks} into being sober
            only feeling quiet inside after {drink}
            reaching for {drink} just to get through
            nearly stopping at the liquor store on the way home
            throwing out what was in the house and still feeling the pull{m_threw}
            having the urge show up this strongly
            fighting that pull at the end of a hard day
        """,
        reactions="""
            reaching for something to quiet trauma symptoms
            having cravings spike after reminders or bad nights
            drinking to sleep and finding it takes more over time
            feeling the urge come in strong waves
            feeling ashamed of the urges on top of having them
        """,
        reasons="""
            wanting relief from pain is the mind looking for a way out, even when the way out backfires
            urges rise, peak and pass, even when it doesn't feel that way
            alcohol quiets the alarm for a while and then makes sleep and nightmares worse
            cravings are strongest when the body is tired, stressed or reminded
            shame tends to feed the urge, so meeting it with understanding helps more
        """,
        did="""
            noticing the urge and reaching out instead of acting on it
            being honest about this
            throwing out what was in the house{m_threw}
            seeing the pattern clearly
            holding on to your sobriety
        """,
        steps="""
            plan something for the next hour to ride out the urge
            think about what else might quiet things at night
            map out when the cravings are strongest
            work out who you could call when it gets strong
            look at what the drinking is doing for you, so we can find other ways to get it
        """,
        tries="""
            call {support} tonight while it's strong
            take a walk, a shower or a drive somewhere without a store on the way
            wait twenty minutes and notice whether the urge shifts
            talk with a doctor or counsellor who knows about both trauma and drinking
            drink something else you like, like tea or seltzer, when the evening urge hits
        """,
    ),
    "sleep_problems": _p(
        "exhausting, frustrating, draining, relentless",
        moments="""
            lying awake until {clock} listening to every sound in the house
            going {weeks} on broken sleep
            dreading bedtime every night
            getting up again and again to check the doors{m_doors}
            waking {clock} and not being able to get back to sleep
            sleeping on the couch with the TV on
            trying melatonin and tea and everything else and still lying awake{m_tried_sleep}
            running on fumes {work_at}
        """,
        reactions="""
            lying awake listening for danger
            dreading bedtime because of what sleep might bring
            waking at the same time every night
            checking the doors before you can settle
            feeling wired at night and exhausted all day
        """,
        reasons="""
            a nervous system on guard doesn't let itself go off duty easily
            the dark and the quiet can feel unsafe when the body is still watching for danger
            fear of nightmares keeps people up on purpose, and that makes sense
            broken sleep feeds anxiety, and anxiety feeds broken sleep
            sleep is one of the first things trauma disrupts and often one of the last to settle
        """,
        did="""
            trying so many things to sleep better{m_tried_sleep}
            keeping going {work_at} on so little sleep
            noticing what the nights are like and naming it
            looking for ways to make nights safer
            reaching out about this instead of just enduring it
        """,
        steps="""
            look at what a wind-down hour before bed could include
            think about what would make the bedroom feel safer
            put together a plan for the times you wake {clock}
            talk through what happens in your head when the lights go off
            look at your sleep over a couple of weeks to spot patterns
        """,
        tries="""
            do one last safety check and then tell yourself out loud that it's done
            get up and do something quiet in low light if you're awake for more than twenty minutes
            leave a soft light or some quiet sound on, if the silence feels unsafe
            talk with a doctor about sleep, since there are treatments aimed at trauma-related insomnia
            keep the same wake-up time for a week, even after a bad night
        """,
    ),
    "startle": _p(
        "embarrassing, jarring, frustrating, frightening",
        moments="""
            hearing {sound} and jumping out of your skin with everyone looking
            hitting the floor in front of people
            spilling coffee all over yourself after a startle
            nearly swinging at {close} when {close_he} came up behind you{m_swing}
            having {coworkers} joke about it while you laugh along
            having your heart race for {dur} after a noise
            staying embarrassed for the rest of the day
        """,
        reactions="""
            jumping hard at sudden noises
            reacting before your brain knows what the sound was
            feeling embarrassed after a big startle
            being jumpier on days with little sleep
            wearing headphones so nothing can catch you off guard{m_headphones}
        """,
        reasons="""
            the startle reflex runs faster than conscious thought
            a nervous system on alert turns the volume up on every sudden sound
            the body learned to react first and check later, and that kept you safe once
            tiredness lowers the threshold for startle
            the embarrassment afterward is common, and it isn't a fair measure of you
        """,
        did="""
            laughing along while you were shaken inside
            using the headphones to protect yourself{m_headphones}
            noticing the link with sleep{m_sleep_startle}
            getting on with the day after a moment like that
            wanting to understand it rather than just feel embarrassed
        """,
        steps="""
            think about a short, simple way to explain it to people
            work out what to do in the moment right after a startle
            look at how much sleep and stress affect it for you
            plan something you can say to {coworkers} if it happens again
            think about how to let your body settle faster afterward
        """,
        tries="""
            take a slow breath out and look around to confirm you're safe after a startle
            ask the people you live with to say something before coming up behind you
            tell the kids, in a light way, that surprises are hard for you right now{if_kids_young}
            let {close} know it's not about {close_him}, it's about the sound
            practise slow breathing during calm times, so it's easier to reach for after a jump
        """,
    ),
    "relationship_strain": _p(
        "painful, lonely, sad, frightening",
        moments="""
            hearing your {partner} say {p_hes} tired of feeling shut out
            having {close} say it's like living with a stranger
            hearing your {partner} crying on the phone about you
            not knowing what to say when {close_name} asked if you even want to be together{if_partner}
            pulling away when {close} reaches for you{m_pullaway}
            trying to explain and having it come out wrong{m_explain_wrong}
            going {weeks} without a real conversation
            watching {close} stop asking how you're doing
            feeling the distance grow at home
            loving someone and not being able to show it right now
            arguing and then going quiet for days
        """,
        reactions="""
            pulling away from the people you love most
            going quiet when a partner needs you to talk
            feeling like a burden in a relationship
            wanting closeness and flinching from it at the same time
            struggling to show love while you're carrying this much
        """,
        reasons="""
            trauma symptoms often strain close relationships, even strong ones
            pulling back can be a way of protecting both of you, even when it doesn't feel that way
            closeness can set off the same alarm as danger when safety was once broken
            numbness and irritability make it hard to show what you feel inside
            relationships can recover when both people understand what's driving the distance
        """,
        did="""
            still wanting this relationship to work
            trying to explain even when it comes out wrong{m_explain_wrong}
            seeing your part in it without blaming yourself for everything
            noticing the pattern of going quiet
            caring this much about how {close} feels
        """,
        steps="""
            think about how to explain what's going on without scaring {close_him}
            look at small ways to let {close_him} in a little
            think about something you could do together that doesn't need much talking
            talk through what you'd want {close} to know about the distance
            plan a short, honest conversation at a calm time
        """,
        tries="""
            tell {close} that the distance is about what you're carrying, not about {close_him}
            look into seeing someone together, like a couples therapist who understands trauma
            share one small thing a day, even just how your day felt
            agree on a way to take a break from hard conversations and come back to them
            reach for {close_his} hand once in a while, at your own pace
        """,
    ),
    "trust_safety": _p(
        "lonely, exhausting, hard, isolating",
        moments="""
            waiting for kindness to turn into something else
            checking the locks {count} times and still not relaxing
            assuming there's an angle every time someone is friendly
            not feeling safe even in your own house
            always having to sit where you can see the door
            looking people up before you meet them
            keeping everyone at arm's length
        """,
        reactions="""
            finding it hard to trust even people who have been kind
            staying on guard with new people
            feeling unsafe in places that should feel safe
            checking and rechecking before you can relax
            assuming the worst to avoid being caught off guard again
        """,
        reasons="""
            trust is one of the things trauma damages most directly
            suspicion can feel safer than being surprised again
            the alarm system errs on the side of danger because that once kept you safe
            the mind tries to prevent what already happened from happening again
            trust usually comes back slowly, one small experience at a time
        """,
        did="""
            seeing how guarded you've become
            wanting to trust people again
            noticing that it isn't fair to them
            keeping yourself safe all this time
            recognising how lonely suspicion can be
        """,
        steps="""
            think about small, low-risk ways to test trust
            look at what makes someone feel safe to you
            think about what would help home feel safer
            talk through the difference between caution and suspicion
            look at one relationship where trust could grow slowly
        """,
        tries="""
            notice what safe people actually do over time, rather than waiting to feel safe first
            share something small with {support} and notice what happens
            make a last-check routine for the locks, and then stop
            give one person a little more trust and see how it lands
            work with a therapist on rebuilding a sense of safety
        """,
    ),
    "media_reminder": _p(
        "jarring, upsetting, shocking, unsettling",
        moments="""
            seeing {media} without any warning
            having {media} bring everything back
            freezing while {close} had {media} on
            leaving the room in the middle of the show{m_left_room}
            going back to look at it again and again{m_lookback}
            deleting the app and still seeing the images{m_deleted}
            feeling furious and shaky at the same time
            getting pulled right back in by a story on your phone
        """,
        reactions="""
            feeling pulled back in by a news story or video
            going back to look at it again and again
            feeling angry that it gets shown with no warning
            feeling jumpy and wired for days afterward
            reacting hardest when you didn't see it coming
        """,
        reasons="""
            unexpected reminders hit harder than the ones you can prepare for
            checking for more is the mind trying to make sure you're safe
            anger at being caught off guard makes sense when something that personal is put out there
            images and sounds are some of the strongest reminders there are
            the shaky, wired feeling is the body's alarm coming down slowly
        """,
        did="""
            leaving the room when you needed to{m_left_room}
            deleting the app to protect yourself{m_deleted}
            recognising what the story did to you
            naming the anger instead of swallowing it
            talking about it instead of just scrolling
        """,
        steps="""
            think about ways to limit how often you're caught off guard
            look at what helps you calm down after seeing something like that
            plan what you'll do the next time something like this appears
            talk through which kinds of news or stories are hardest for you
            look at what helped before when something caught you off guard
        """,
        tries="""
            mute certain words or turn off news alerts for a while
            let {close} know which kinds of shows or stories are hard for you
            set a time limit on news, or read it only in the morning
            do something physical and absorbing after a reminder, like a walk or cooking
            tell someone you trust when it happens, so it isn't only in your head
        """,
    ),
    "physical_symptoms": _p(
        "alarming, frightening, frustrating, exhausting",
        moments="""
            feeling your heart race and wondering if something is really wrong
            ending up at urgent care and being sent home without answers{m_urgent}
            living with headaches and a locked jaw and shoulders up by your ears
            feeling your stomach knot up whenever {event} comes to mind
            shaking and sweating {work_at} out of nowhere
            carrying that tightness in your chest
            grinding your teeth so hard at night
        """,
        reactions="""
            feeling reminders in the body before the mind catches up
            living with tension that builds all day
            worrying that the symptoms mean something is badly wrong
            having a racing heart and a tight chest around reminders
            carrying stress as headaches or jaw pain or stomach trouble
        """,
        reasons="""
            the body holds reactions to trauma, and the alarm shows up physically
            the nervous system prepares for danger with a faster heart and tighter muscles
            these reactions are real, even when tests come back normal
            chronic tension is what happens when the body braces for a long time
            worry about the symptoms can amplify them, which makes the loop hard to break
        """,
        did="""
            taking your symptoms seriously and getting checked{m_urgent}
            noticing the link between reminders and your body
            paying attention to your body when it's uncomfortable
            keeping going {work_at} while your body does this
            wanting to understand what's happening
        """,
        steps="""
            think about what helps your body settle after a reminder
            look at where the tension builds during the day
            put together a short routine for when your heart starts racing
            talk through how to tell anxiety apart from something that needs a doctor
            plan a few minutes of release for your shoulders and jaw each evening
        """,
        tries="""
            try slow breathing with a longer out-breath when you notice the tension
            gently relax your shoulders and jaw a few times a day
            take a short walk to let some of the tension move
            talk with your doctor about the link with stress, so they have the full picture
            put a warm cloth on your neck and shoulders in the evening
        """,
    ),
    "dissociation": _p(
        "frightening, confusing, disorienting, unsettling",
        moments="""
            losing {dur} like that
            feeling outside your own body
            not being able to answer {close} when you were right there{m_noanswer}
            driving home with no memory of the drive{m_drive}
            looking at your hands and having them not feel like yours
            having everything feel fake like a movie set
            going blank right after {trigger}
        """,
        reactions="""
            feeling detached or unreal after a reminder
            losing time when things feel too big
            feeling like you're watching yourself from outside
            going blank when you're overwhelmed
            having the world feel fake or far away
        """,
        reasons="""
            the mind can step back from experience when it gets too overwhelming
            detachment is a protective response that kicks in without being chosen
            it often follows reminders or overload, even ones you don't notice
            it can be frightening, and it's also something that responds to grounding and treatment
            many people who dissociate did so long ago to survive something
        """,
        did="""
            noticing what happened
            pinching yourself to come back{m_pinch}
            paying attention to when it happens
            reaching out about it
            taking the driving part seriously{m_drive}
        """,
        steps="""
            think about what helps you feel more here in your body
            put together a grounding plan for when you feel it starting
            look at what was happening right before the last few times
            talk through what to do if it happens while you're driving
            think about how to let {close} know what it looks like
        """,
        tries="""
            hold something cold or name what you can see when you feel it starting
            let {close} know what it looks like and what helps bring you back
            talk with a doctor or therapist about it, especially since it has happened while driving{m_drive}
            press your feet into the floor and describe the room to yourself
            keep a small grounding object with you, like a textured stone
        """,
    ),
    "parenting_worry": _p(
        "painful, worrying, heavy, exhausting",
        moments="""
            hearing {little} ask why you're always sad
            seeing {kid} pick up your habits
            worrying that your stuff is rubbing off on {kids}
            trying to look after {care} while barely holding yourself together
            missing games and recitals because of the crowds{if_kids}
            snapping and then apologizing over and over
            feeling like {kids} deserve more than you can give right now
            wanting a normal childhood for {kids} so badly
            carrying this much worry about the people who depend on you
            trying to hide how hard things are from the people you care for
        """,
        reactions="""
            worrying about how your symptoms affect the people who depend on you
            feeling protective and anxious about the people you care for
            feeling guilty about missing things or snapping
            trying to hide how you're doing from the people you care for
            holding yourself to an impossible standard as a caregiver
        """,
        reasons="""
            the worry itself shows how much you care
            caring for others while struggling is genuinely hard, and guilt often comes with it
            children and the people we look after pick up on stress, and they also notice repair
            how you handle hard moments matters more than never having them
            protectiveness often grows stronger after trauma
        """,
        did="""
            thinking this carefully about {kids}
            wanting something better for {kids}
            noticing the effect on {kids} and not looking away
            still showing up for {care} on hard days
            apologizing after snapping
            caring this much about the people who depend on you
            being honest about how this is affecting home
        """,
        steps="""
            think about a simple, age-appropriate way to tell {kids} you're dealing with something hard
            look at small things you can do together on good days{if_kids}
            think about who else could share some of the load, so you get a bit of rest
            plan what you'd say after a hard moment, so repair comes more easily
            look at which parts of the week are hardest and where help might fit
        """,
        tries="""
            tell {kids} that when you're upset it's not their fault, in simple words
            look into family therapy, which many parents find helpful{if_kids}
            ask someone to take over for an afternoon, so you can rest
            set up one small, reliable routine with {kids} that stays the same on good and bad days
            talk with your own doctor or therapist about the load you're carrying
        """,
    ),
}


def _extend(base: Parts, more: dict[str, str]) -> Parts:
    return replace(base, reasons=base.reasons + words(more.get("reasons", "")),
                   steps=base.steps + bank(more.get("steps", "")), tries=base.tries + bank(more.get("tries", "")))


PARTS = {sid: _extend(p, EXTRA_PARTS.get(sid, {})) for sid, p in PARTS.items()}
