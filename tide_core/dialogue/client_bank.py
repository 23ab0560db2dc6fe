# ruff: noqa: E501  (bank lines are prose, one template per line)
"""Client-message banks, one entry per scenario.

Each scenario has:
  core     the situation, first person, one or two sentences (every style but terse starts from one)
  detail   elaboration: what it did to the day, the body, the people around them
  terse    short fragments for the terse voice
  vague    low-detail versions for the guarded voice
  insight  a pattern the person has noticed (reflective voice)
  ask      what they want, said plainly (direct voice, sometimes others)

Slots come from persona_facts (partner, kid, close, work_at, years...), trauma_bank (trigger, place, event...) and
GENERIC below (clock, day, store...). A template is only used when the persona can fill every slot it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from tide_core.dialogue.client_extra import EXTRA
from tide_core.dialogue.client_more import MORE
from tide_core.dialogue.fill import Tpl, bank, words


@dataclass(frozen=True)
class ScenarioBank:
    core: tuple[Tpl, ...]
    detail: tuple[Tpl, ...]
    terse: tuple[Tpl, ...]
    vague: tuple[Tpl, ...]
    insight: tuple[Tpl, ...]
    ask: tuple[Tpl, ...]


def _s(core: str, detail: str, terse: str, vague: str, insight: str, ask: str) -> ScenarioBank:
    return ScenarioBank(bank(core), bank(detail), bank(terse), bank(vague), bank(insight), bank(ask))


GENERIC = {
    "clock": words("""
        around 3am
        at 3:40
        just after 2
        at like 4:15
        a little after midnight
        around 1:30
        at 2:50
        before 5
    """),
    "day": ("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday", "the weekend"),
    "dur": ("twenty minutes", "half an hour", "almost an hour", "ten minutes", "a good forty minutes", "a while"),
    "store": ("the grocery store", "Target", "Costco", "the pharmacy", "Walmart", "the hardware store",
              "the gas station", "the DMV", "the bank", "Home Depot"),
    "nights": ("three nights in a row", "most of this week", "four nights now", "every night since Sunday",
               "twice this week", "the last few nights"),
    "weeks": ("a couple of weeks", "about a month", "six weeks", "most of the summer", "since the holidays",
              "a few weeks"),
    "drink": ("a drink", "a beer", "a couple of beers", "some wine", "a shot", "something to take the edge off"),
    "count": ("two", "three", "four", "five"),
}

SCENARIOS: dict[str, ScenarioBank] = {
    "nightmare": _s(
        core="""
            Woke up {clock} from the same dream again. {Nightmare}.
            I had the nightmare again last night, the one where {nightmare}.
            Another nightmare. {Nightmare}, and then I was awake and soaked in sweat {clock}.
            Last night I dreamed {nightmare}, and I woke up yelling.
            The dreams are back. Last night {nightmare}.
            I jolted awake {clock} because {nightmare} and it felt completely real.
            I've had the same nightmare {nights}: {nightmare}.
            Bad night. In the dream {nightmare}, and I woke up with my heart pounding.
        """,
        detail="""
            I didn't want to wake up {partner_name} so I sat in the kitchen until it got light.
            My {partner} says I was thrashing around and talking, and I don't remember any of it.
            I checked on {kids} twice before I could lie back down.{m_checked_kids}{if_kids_minor}
            I got up and checked the locks, then checked them again.{m_locks}
            I'm running on maybe three hours of sleep and I have to be {work_at} by eight.
            I was shaking for {dur} after, like my body hadn't gotten the message that it was over.
            I sat on the bathroom floor with the light on until my breathing slowed down.{m_bathroom}
            Now I'm scared to go back to sleep tonight.{m_afraid_sleep}
            It's been {years} and the dreams still feel like it's happening now.
            The whole day has felt foggy and off since then.
            I couldn't shake it all morning, even {work_at}.
            I ended up sleeping on the couch with the TV on.
        """,
        terse="""
            same dream again. up since {clock}
            nightmare. {nightmare}. didn't sleep after
            bad night. woke up yelling
            nightmares {nights}. tired
            woke up {clock} soaked. same one
            {nightmare}. thats the dream. every time
            cant sleep. the dream again
        """,
        vague="""
            I had a bad dream last night. The usual kind.
            Rough night. One of those dreams about {event}.
            I didn't sleep much. Dreams again.
            Had a nightmare, I'd rather not describe it.
        """,
        insight="""
            I've noticed they come back whenever I'm stressed during the day, like my brain saves it all up.
            It's always worse the week after something reminds me of {event}.
            I think the dreams are worse when I skip talking about things, which is most of the time.
            It's strange, I can go months without one and then they come in clusters like this.
        """,
        ask="""
            Is there anything that actually helps with nightmares?
            How do I get back to sleep after one of these?
            I just want to know how to stop dreading bedtime.
            What do people do when the dreams come back like this?
        """,
    ),
    "public_trigger": _s(
        core="""
            I was at {store} and {trigger} hit me out of nowhere. I left my cart in the aisle and walked out.{m_cart}
            Something happened in public today. {Trigger}, and next thing I knew I was shaking in my car.
            I had a full panic attack at {store} because of {trigger}.
            Today at {store} there was {trigger} and I completely lost it.
            {Trigger} at {store} today. My heart went through the roof and I had to get out of there.
            I was in line at {store} when I heard {sound}, and I ended up crouched behind the display.
            We were out to dinner and {trigger} set me off right there at the table.
        """,
        detail="""
            People were staring and I couldn't get my breathing under control.
            I sat in the parking lot for {dur} before I could drive.{m_car}
            My {partner} had to finish the shopping while I waited in the car.
            {Kids} saw the whole thing and I had no idea what to say afterward.
            A lady asked if I needed an ambulance, which made it worse.
            My hands were still shaking an hour later.
            I left a full cart of groceries and now I'm too embarrassed to go back to that store.{m_cart}
            I told {close} I felt sick, which wasn't really a lie.
            I was fine one second and the next I was somewhere else completely.
            It's been {years}. I thought I was past stuff like this.
        """,
        terse="""
            freaked out at {store}. {trigger}. left everything
            panic attack in public today. {trigger}
            had to leave {store}. people staring
            {trigger}. bolted. sat in my car {dur}
            lost it at {store} today. embarrassing
            something set me off in public. didnt even finish shopping
        """,
        vague="""
            Something set me off at {store} today. Doesn't matter what exactly.
            I had a bad moment in public. I left early.
            I reacted to something at {store} and people noticed. I don't want to go into it.
            There was a reminder in public today and it didn't go well.
        """,
        insight="""
            I've noticed it's always when I'm already tired or rushed that these hit hardest.
            Looking back, I'd been on edge since I walked in, I just didn't notice until it was too late.
            It's funny how it's never the big obvious stuff, it's the small things like {trigger}.
            I'm starting to see that the embarrassment afterward lasts longer than the panic itself.
        """,
        ask="""
            How do I handle it when this happens in the middle of a store?
            What can I do in the moment so I don't have to run out?
            I need some way to get through errands without this happening.
            Is there something I can do when I feel it starting?
        """,
    ),
    "anniversary": _s(
        core="""
            {Date} is coming up and I can already feel it. It's been {years} since {event}.
            Every year around {date} I turn into someone else, and this year it started early.
            It's almost {month} again. I've been snapping at everyone and not sleeping.
            The anniversary of {event} is next week. {Years} and my body still knows the date.
            {Date} is Thursday. That's the day. I've been on edge all week.
            Every year in {month} I get like this, irritable and tense, and I dread {date}.
            It's the anniversary of {event} this weekend and I don't know what to do with myself.
        """,
        detail="""
            My {partner} already knows to tiptoe around me this time of year and I hate that.
            I snapped at {kids} over nothing yesterday.{m_snap}
            I've been short with {coworkers} all week and they don't know why.{m_snap}
            I keep thinking about it at random times, driving, in the shower, {work_at}.
            I'm not sleeping, maybe four hours a night.
            Part of me wants to mark it somehow and part of me wants to sleep through the whole day.
            {Support} usually calls on the day, which I appreciate and also dread.
            I keep counting the days down without meaning to.
            Everyone else has moved on, and I'm still stuck on this one date.
            I took the day off {work_at} last year and just sat in the dark.
        """,
        terse="""
            {date} coming up. already bad
            anniversary next week. not sleeping
            its {month} again. {years}. still the same
            {date}. dreading it
            the date is close and im on edge
            anniversary stuff. snapping at everyone
        """,
        vague="""
            There's a date coming up that's hard for me.
            It's a rough time of year for me, for reasons.
            The anniversary of something is coming. I'd rather not say what.
            {Month} is always hard. I'd rather not get into why.
        """,
        insight="""
            It's like my body remembers the date before I do. I start getting tense a week out without knowing why.
            I've noticed I get the same way every year, and I always think it'll be different this time.
            It's not even the day itself that's worst, it's the week before.
            I realized the irritability isn't really about the people I'm snapping at.{m_irritable_insight}
        """,
        ask="""
            How do people get through anniversaries like this?
            Should I plan something for the day or just try to ignore it?
            Is there a way to make the day itself less awful?
            I want to get through {date} without blowing up at everyone.
        """,
    ),
    "flashback": _s(
        core="""
            I was just doing the dishes and suddenly {image}.
            I had a flashback in the middle of the afternoon. One minute I was fine and then {image}.
            I was driving home and for a second {image}. I had to pull over.{m_driving}
            It happened again. I was {work_at} and out of nowhere {image}.
            Something weird happened today. {Trigger} and suddenly {image}, like it was happening right then.
            I was folding laundry and {image}. It felt so real.
            I was sitting in a meeting and for maybe a minute {image}.
        """,
        detail="""
            When I came out of it I didn't know where I was for a few seconds.{m_where}
            {Close} kept saying my name and I couldn't answer.
            I was shaking and my heart was going so fast I thought something was wrong with it.
            It only lasted a minute but it wrecked the rest of my day.
            I had to lock myself in the bathroom until it passed.
            I found myself crouched on the floor and I don't remember getting there.
            Afterwards I felt completely drained, like I'd run a marathon.
            I keep replaying it and getting scared it'll happen again while I'm driving.
            {Kid} was in the next room and I'm glad {kid_he} didn't see.
            It's been {years}. I don't understand how it can still feel that real.
        """,
        terse="""
            flashback today. out of nowhere
            {image}. for like a minute. then back
            had a flashback {work_at}. shaky still
            it happened again. the flashback thing
            {trigger} and i was back there
            lost a minute today. flashback
        """,
        vague="""
            I had one of those moments today where I wasn't really here.
            Something came back really vividly today. I'd rather not describe it.
            I had a flashback. I'm okay now, I think.
            I zoned out and was back in it for a bit. I don't want to go into details.
        """,
        insight="""
            I'm starting to notice it happens more when I'm exhausted.
            It seems like it's always some small sensory thing that sets it off, not the big obvious stuff.
            I think I've been pushing everything down and this is where it goes.
            It's the feeling of not being in control of my own head that scares me most.
        """,
        ask="""
            How do I bring myself back faster when this happens?
            Is there something I can do in the moment?
            What am I supposed to do when it hits while I'm driving?
            I want to know how to ground myself when it starts.
        """,
    ),
    "guilt_self_blame": _s(
        core="""
            I keep going over it. {Guilt}.
            I can't stop thinking {guilt}. Everyone says it wasn't my fault, but they weren't there.{m_notfault}
            It's been {years} and I still think {guilt}.
            Last night I lay awake going over it again. {Guilt}, and I can't get past that.
            Everybody tells me to stop blaming myself. But {guilt}.{m_notfault}
            The thought that keeps coming back is that {guilt}.
            Some days the only thing I can think is that {guilt}.
        """,
        detail="""
            I replay the whole thing like if I run it enough times it'll end differently.{m_replay}
            My {partner} says I need to let it go, but it's not that simple.
            {Support} keeps saying it wasn't on me and I just nod.
            I can't look at myself in the mirror some mornings.
            It's in my head {work_at}, in the car, all the time.
            I don't even let myself enjoy good things because it feels like I don't deserve them.
            I keep thinking about who I was before {event} and I don't recognize that person.
            It's like there's a voice that's always ready to remind me.
        """,
        terse="""
            {guilt}. cant stop thinking it
            all my fault. {guilt}
            keep going over it. {guilt}
            everyone says not my fault. doesnt feel that way
            guilt again. bad day
        """,
        vague="""
            I keep blaming myself for something. I don't really want to say what.
            There's something I feel responsible for and I can't let it go.
            I did something wrong back then. Or didn't do something. It's hard to explain.
            I keep going over the same thing. Not ready to say what it is.
        """,
        insight="""
            I know logically I couldn't have known what would happen, but the guilt doesn't care about logic.
            I've started to wonder if blaming myself is easier than admitting I had no control.
            I notice the guilt gets loudest when things are actually going okay.
            I think part of me believes if I stop feeling guilty it means it didn't matter.
        """,
        ask="""
            How do you stop blaming yourself for something like this?
            Is it normal to still feel this guilty after so long?
            I want to know how to live with it without it eating me alive.
            How do I quiet that voice?
        """,
    ),
    "anger_family": _s(
        core="""
            I yelled at {close} last night over something stupid and {close_he} looked scared of me.
            I lost my temper at dinner and slammed my hand on the table. {Close} flinched.
            I blew up at {kid} for spilling juice. {Kid_he} ran to {kid_his} room crying.{if_kid_child}
            I snapped at {close} in the car and punched the dashboard. {Close} has been quiet with me since.
            I scared {close} yesterday. I didn't touch anyone, but I was yelling and I couldn't stop.
            I got so angry over a dish left in the sink that I threw a mug against the wall.
            {Close} asked me a simple question and I exploded at {close_him}.
        """,
        detail="""
            The look on {close_his} face is what I can't get out of my head.{m_look}
            It went from zero to a hundred in a second and I didn't see it coming.
            I apologized but {close_he} said {close_hes} tired of walking on eggshells.{m_apolog}
            {Kids} went quiet for the rest of the night.
            I went out to the garage and sat there for {dur} shaking.{m_garage}
            I was never like this before {event}.
            I've been wound so tight lately, not sleeping, and everything feels like an attack.
            This is the third time this month.
            Afterward I felt sick to my stomach.
        """,
        terse="""
            yelled at {close} again. {close_he} looked scared
            blew up at home. feel like garbage
            lost my temper. {kids} saw
            threw a mug last night. never used to be like this
            scared {close}. didnt mean to
        """,
        vague="""
            I lost my temper at home. It wasn't good.
            I got angry and scared someone I love. I'd rather not say more.
            There was an incident at home last night. Nobody got hurt but it wasn't okay.
            I yelled at {close}. I don't want to get into what about.
        """,
        insight="""
            I've noticed it's never really about the thing I'm yelling about. I'm already on edge before it starts.
            It's always worse when I haven't slept.{m_sleep_anger}
            I think the anger is covering something else, maybe fear.
            I can feel it building for hours before and I just ignore it until it explodes.
        """,
        ask="""
            How do I stop it before it gets to that point?
            What do I say to {close} now?
            I need to figure out how to catch it earlier.
            How do I make sure {kids} won't grow up scared of me?{if_kids_minor}
        """,
    ),
    "isolation": _s(
        core="""
            I haven't left the house in {weeks} except for {store}.
            I keep canceling on people. {Support} texted again and I just didn't answer.{m_unanswered}
            I realized today I haven't talked to anyone outside {work_at} in {weeks}.
            I've been pulling away from everyone. Even {close} feels far away.
            I used to have friends. Now I just go through the motions {work_at} and come home and sit in the dark.
            It's been {weeks} since I saw anyone on purpose.
            My phone keeps buzzing with group texts and I leave them all on read.{m_unanswered}
        """,
        detail="""
            It's easier than explaining why I'm not okay.
            People stopped inviting me, which I guess I asked for.
            {Support} keeps reaching out and I keep making excuses.
            I sit in the car in the driveway for a while before I go inside.
            My {partner} goes to things alone now.
            Weekends are the worst because there's nothing to fill them.
            I miss people but the thought of actually seeing them makes me tired.
            I've stopped going to church, to the gym, everything.
            Since {event} it's felt like there's a glass wall between me and everybody else.{m_glass}
        """,
        terse="""
            havent seen anyone in {weeks}
            ignored {support} again
            home alone again. always
            cant do people right now
            cancelled plans again. easier
        """,
        vague="""
            I've been keeping to myself lately. It's just easier.
            I haven't really been seeing people. It's fine, mostly.
            I'm not very social right now. I don't really want to get into why.
            I've kind of disappeared on everyone.
        """,
        insight="""
            I think I pull away because being around people means pretending I'm fine.
            The longer I stay away the harder it gets to go back.
            I notice I isolate most right after a bad night.
            I think I'm scared people will see how much I've changed.
        """,
        ask="""
            How do I start reaching back out without having to explain everything?
            What's a small first step back toward people?
            I want to reconnect with {support} but I don't know how to start.
            How do I stop disappearing on people?
        """,
    ),
    "hypervigilance_work": _s(
        core="""
            I can't stop scanning the room {work_at}. I clock every exit and everyone who walks in.
            I spent my whole {shift} watching the door instead of doing my job.
            I'm exhausted from being on guard all day {work_at}.
            Every time someone comes up behind me {work_at} I jump.{m_behind}
            I sat with my back to the wall in the break room again and still couldn't relax.{m_sit}
            By the end of every {shift} I'm completely wiped from watching everything.
            I keep checking the parking lot through the window {work_at}, like something is coming.
        """,
        detail="""
            {Coworkers} think I'm just jumpy or rude.
            {Boss} asked if everything was okay because I keep missing details.
            I can't concentrate on anything because half my brain is on watch.
            I come home so drained that I'm useless for the rest of the night.
            I know nothing is going to happen, but my body doesn't believe me.
            I take the long way to the bathroom so I don't have to walk past the loading dock.
            It's been like this since {event}.
            I got snippy with someone who startled me and now it's awkward.
            My shoulders are up by my ears by lunch.
        """,
        terse="""
            cant switch off {work_at}. watching everyone
            on guard all {shift}. wiped
            jumped when someone walked up behind me. again
            watching the doors all day
            so tired of being on alert
        """,
        vague="""
            Work has been hard. I'm always on edge there.
            I have trouble relaxing {work_at}. I'd rather not say why.
            I'm really tense {work_at} lately. It's a long story.
            Hard to focus {work_at}. I'm always kind of watching.
        """,
        insight="""
            I've noticed it's worst in rooms where I can't see the door.
            I think my body decided a long time ago that relaxing is dangerous.
            It's funny, I'm calmer in actual emergencies than on a normal day.
            It's like I'm waiting for something that never comes, and the waiting is what wears me out.
        """,
        ask="""
            How do I get through a {shift} without being this wiped out?
            Is there a way to turn the alarm down a little at work?
            Should I tell {boss} what's going on?
            What can I do during the day to take the edge off?
        """,
    ),
    "avoidance_place": _s(
        core="""
            I've been avoiding {place} since {event}, and now I need to go and I can't make myself.
            I drove all the way to {place} today and couldn't get out of the car.{m_drove}
            There's a reason to go near {place} next week and I'm already making excuses.
            I take a twenty-minute detour every day just so I don't pass {place}.{m_detour}
            I keep avoiding {avoid}. It's getting harder to hide.
            I canceled again. I was supposed to go near {place} and I just couldn't.
            I haven't been able to face {avoid} since {event}.
        """,
        detail="""
            My {partner} offered to come with me and I still said no.
            It's starting to shrink my life. There are whole parts of town I just don't go to.
            {Kids} asked me again why we never go there anymore.{if_kid_talk}
            Every time I think about going my stomach drops.
            I make up excuses so people won't ask.
            I know avoiding it makes it worse, but knowing doesn't help.
            It's been {years}. Everyone assumes I'm over it.
            Even planning the route there makes my heart race.
        """,
        terse="""
            couldnt go near {place}. turned around
            still avoiding {avoid}
            drove to {place}. didnt get out of the car
            made an excuse again. cant go there
            avoiding {place}. {years} now
        """,
        vague="""
            There's a place I avoid. I'd rather not say where.
            I keep finding reasons not to go somewhere I need to go.
            I've been avoiding certain things. It's easier that way.
            There's somewhere I can't go anymore. It's related to what happened.
        """,
        insight="""
            I've noticed the avoiding gives me relief for about a day and then the dread is bigger.
            My world has gotten smaller bit by bit and I didn't notice until now.
            It's not the place itself, it's what my body thinks will happen there.
            I think every time I avoid it I'm teaching myself it's dangerous.
        """,
        ask="""
            How do I start going back without it being overwhelming?
            Should I just force myself to go?
            What's a way to start small with this?
            Is there a way to do this gradually?
        """,
    ),
    "setback": _s(
        core="""
            I was doing so much better. Then this week I had {count} panic attacks and I feel back at the start.
            I thought I was past the worst of it. Then the nightmares came back {nights}.
            I went {weeks} feeling almost normal, and now it's like none of that counted.
            I had a really bad week and it's wiping out all the progress I thought I made.
            Last month I could go to {store} without a problem. Yesterday I couldn't.
            I was actually proud of how well I was doing. Then {trigger} caught me off guard and I'm a mess again.
        """,
        detail="""
            I told {support} I was doing great and now I'm embarrassed.
            My {partner} was so happy I was getting better.
            I don't want to start all over again.
            I'd started going out again, sleeping through the night, all of it.
            I'm scared this is just how it's going to be.
            It makes me wonder if the good weeks were even real.
            I stopped doing the things that were helping because I thought I didn't need them.
            It's been {years}. I should be further along by now.
        """,
        terse="""
            was doing better. not anymore
            back to square one
            bad week. all the progress gone
            nightmares back. thought i was done with that
            setback. feel stupid for thinking i was better
        """,
        vague="""
            I had a rough stretch. I'd been doing better.
            Things slipped a bit. I don't really want to get into it.
            I thought I was doing better but I guess not.
            Bad week. Not much else to say.
        """,
        insight="""
            I notice I stopped doing the things that helped once I felt better.
            Looking back, it lined up with a really stressful stretch {work_at}.
            I think I expected getting better to be a straight line.
            Maybe the fact that I noticed so fast means something changed.
        """,
        ask="""
            Does this mean I'm back to the beginning?
            How do I get back on track?
            Is it normal to slide back like this?
            What do I do with a setback like this?
        """,
    ),
    "fear_disclosure": _s(
        core="""
            I've never told {close} about {event}. I don't know if I should.
            {Close} keeps asking why I get so jumpy and I don't know how much to say.
            I'm thinking about telling {support} what happened. I'm scared of what they'll think.
            {Boss} wants to know why I've been missing days. I don't know how much to tell {boss}.
            I'm seeing someone new and I don't know when or how to tell them about {event}.{if_nopartner}
            I almost told {close} last night and then I chickened out.{m_almost}
            My family has no idea about {event}. I've kept it to myself for {years}.
        """,
        detail="""
            What if they look at me differently after?
            I'm afraid they'll think I'm broken.
            I don't want it to be the only thing people see about me.
            Part of me wants someone to know so I'm not carrying it alone.
            Last time I told someone, they made it about themselves.
            I practiced what I'd say in the car and still couldn't do it.{m_practice}
            I'm scared once I start I won't be able to stop.
            I don't even know what words I'd use.
        """,
        terse="""
            never told {close}. dont know if i should
            want to tell someone. scared
            almost told {close}. didnt
            nobody knows. {years}
            scared to tell anyone
        """,
        vague="""
            I'm thinking of telling someone something. Not sure I will.
            There's something I've never told anyone. I don't know if I should.
            I'm not sure how much to share with people about my past.
            Someone close is asking questions and I don't know what to say.
        """,
        insight="""
            I think keeping it secret has become its own kind of weight.
            I notice the longer I wait the bigger it gets in my head.
            I think I'm more afraid of their reaction than of saying it.
            I've realized I don't have to tell everything, but I don't know where the line is.
        """,
        ask="""
            How do I decide how much to say?
            Do I have to tell them everything?
            How do you even start a conversation like that?
            Is it okay to tell just part of it?
        """,
    ),
    "numbness": _s(
        core="""
            {Kid} had {kid_his} school play and I sat there feeling nothing.{m_flat_event}{if_kid_school}
            My {partner} cried at our anniversary dinner and I felt like I was watching from behind glass.{m_flat_event}
            I got good news {work_at} today and felt absolutely nothing.
            Everyone was laughing at {support}'s birthday and I was just... there.{m_flat_event}
            I don't feel things like I used to. Good or bad, it's all just flat.
            I found out a friend is sick and I didn't feel anything. What kind of person does that make me?
            I went to my nephew's graduation and felt like a cardboard cutout of myself.{m_flat_event}
        """,
        detail="""
            I smiled because I knew I was supposed to.
            It's like someone turned the volume down on everything.
            I used to love music, cooking, all of it. Now it's just gray.
            My {partner} says I seem far away all the time.
            I'd almost rather feel bad than feel nothing.
            I go through the motions {work_at} and at home.
            It's been like this more or less since {event}.
            I'm worried {kids} will notice I'm not really there.
        """,
        terse="""
            feel nothing lately. flat
            {kid}'s play. felt nothing{if_kid_school}
            numb. thats all
            everyone happy. me just there
            dont feel anything anymore
        """,
        vague="""
            I've been feeling kind of flat lately. Hard to explain.
            I don't really feel much these days. It's fine, I guess.
            Things that should matter just don't land.
            I'm kind of disconnected. I don't know how else to say it.
        """,
        insight="""
            I think the numbness started as a way to get through and now it won't switch off.
            I've noticed it's worse right after a stressful stretch.
            I think feeling nothing is safer than feeling everything.
            The strange thing is I can still feel fear. Just not the good stuff.
        """,
        ask="""
            Will the feelings come back?
            How do I start feeling things again?
            Is there anything that helps with this?
            How do I explain this to my {partner}?
        """,
    ),
    "treatment_hesitancy": _s(
        core="""
            I have my first therapy appointment {day} and I'm thinking of canceling.
            My doctor gave me a referral for trauma therapy {weeks} ago and I haven't called.{m_referral}
            I went to two sessions and quit because talking about {event} made everything worse.{m_tried}
            {Support} keeps pushing me to see someone. I'm not sure it's for me.
            I looked up therapists online again last night and closed the tab.
            I've heard you have to talk about the worst parts over and over. I don't think I can do that.
            I tried therapy years ago and it didn't help.{m_tried}
        """,
        detail="""
            I don't want to sit in a room and relive it.
            It's expensive and I don't know if it's worth it.
            I've managed on my own for {years}, so why start now.
            I'm scared that if I open it up I won't be able to close it again.
            My {partner} says it can't hurt to try.
            Part of me thinks other people have it worse and I'm taking up a spot.
            I don't trust that a stranger will get it.
            I don't want to end up on some medication that makes me a zombie.
        """,
        terse="""
            appointment {day}. might cancel
            therapy referral sitting on my desk
            tried therapy. didnt help
            dont think therapy is for me
            scared to start therapy
        """,
        vague="""
            I'm supposed to start therapy. Not sure about it.
            Someone suggested I talk to a professional. I'm not convinced.
            I have mixed feelings about getting help. I'd rather not go into it.
            I've been avoiding calling about therapy.
        """,
        insight="""
            I think I'm less scared of therapy than of what it would mean to need it.
            I notice I find reasons to put it off every time it gets close.
            Maybe the last therapist just wasn't the right fit.
            I think part of me is scared it won't work and then I'll have no options left.
        """,
        ask="""
            What is trauma therapy actually like?
            Do you have to talk about everything right away?
            How do I know if a therapist is a good fit?
            Is it worth trying again?
        """,
    ),
    "substance_urges": _s(
        core="""
            Rough day and all I can think about is {drink}.
            I've been having {drink} every night to fall asleep and it's turning into more.
            I've been sober {weeks} and tonight the urge is really strong.
            {Trigger} today and the first thing I wanted was {drink}.
            I caught myself pouring {drink} at eleven in the morning.
            The only time my head goes quiet is when I've had {drink}.
            I almost stopped at the liquor store on the way home from {work_at}.
        """,
        detail="""
            My {partner} counted the bottles in the recycling and didn't say anything, which was worse.
            It's the only thing that shuts the memories off.
            I don't want to end up like my dad.
            I know it makes the nightmares worse but in the moment I don't care.
            I keep telling myself it's just for now.
            I think {kids} can tell.
            I threw out what was in the house but I know where the store is.{m_threw}
            I've been lying to {support} about how much I'm drinking.
        """,
        terse="""
            want {drink} so bad tonight
            craving bad. {weeks} sober
            almost stopped at the liquor store
            drinking to sleep again
            only {drink} makes it quiet
        """,
        vague="""
            I've been drinking more than I should. Not going to get into it.
            I've been having urges. I'm handling it.
            I've been relying on something to get through the evenings.
            I've been using some stuff to sleep. I'd rather not say how much.
        """,
        insight="""
            I've noticed the urge is worst right after something reminds me of {event}.
            I think I drink so I don't have to feel anything.
            It's always at night. Mornings I'm fine.
            I notice the craving passes if I can wait {dur}.
        """,
        ask="""
            What can I do instead when the craving hits?
            How do I get through tonight?
            I want to cut back. Where do I start?
            Is there something that helps with the urges?
        """,
    ),
    "sleep_problems": _s(
        core="""
            I haven't slept more than four hours in {weeks}.
            I lie there until {clock} listening to every sound in the house.
            I've started dreading bedtime. The second the lights go off my brain goes into overdrive.
            I fall asleep fine but wake up {clock} every single night and can't get back.
            It's {clock} and I'm awake again.{m_now_awake}
            I've been sleeping on the couch with the TV on because the bedroom feels too quiet.
            I got maybe two hours last night. I keep getting up to check the doors.{m_doors}
        """,
        detail="""
            My {partner} is frustrated because I'm up and down all night.
            I'm running on fumes {work_at}.
            I've tried melatonin, tea, no screens, all of it.{m_tried_sleep}
            I keep thinking I heard something and get up to check.{m_doors}
            Every creak in the house sounds like someone coming in.
            I'm so tired I made a stupid mistake {work_at} today.
            I'm scared of the nightmares so I stay up as long as I can.
            I've been like this on and off since {event}.
        """,
        terse="""
            awake again. {clock}
            no sleep {nights}
            cant sleep. checked the locks twice
            {clock}. still up
            dreading bed again
        """,
        vague="""
            I'm not sleeping well. Haven't been for a while.
            Sleep is bad. I'd rather not go into why.
            I'm up most nights. It's fine.
            I'm having trouble sleeping. It's related to stuff.
        """,
        insight="""
            I think I associate the dark with being unsafe.
            I notice it's worse on the nights I didn't talk to anyone all day.
            It's like my body won't let itself go off duty.
            I've realized I'm not scared of not sleeping, I'm scared of what happens when I do.
        """,
        ask="""
            What helps when your mind won't shut off at night?
            How do I make bedtime less scary?
            Is there anything I haven't tried?
            How do people get through this?
        """,
    ),
    "startle": _s(
        core="""
            I heard {sound} {work_at} and practically jumped out of my skin. Everyone looked.
            Someone dropped a pan in the kitchen and I hit the floor in front of everyone.
            On {day} I heard {sound} and yelled out loud in the middle of {store}.
            {Close} came up behind me in the kitchen and I nearly swung at {close_him}.{m_swing}
            I jumped so hard at {sound} that I spilled coffee all over myself {work_at}.
            My startle is out of control. One second it's {sound} and the next I'm on my feet with my heart pounding.
        """,
        detail="""
            People laughed, which I get, but I wanted to disappear.
            My heart was racing for {dur} after.
            {Coworkers} made a joke about it and I had to laugh along.
            The kids think it's funny to sneak up on me now, and I don't know how to ask them to stop.{if_kids}
            I've started wearing headphones so I can't be surprised.{m_headphones}
            It's been {years}. I thought this would have stopped.
            I was embarrassed for the rest of the day.
        """,
        terse="""
            {sound}. jumped a mile. everyone saw
            hit the floor {work_at}. embarrassed
            jumpy again. spilled coffee everywhere
            {sound} and i nearly lost it
            startled so bad. people laughed
        """,
        vague="""
            I overreacted to a loud noise today. People noticed.
            I'm really jumpy. It's embarrassing.
            Loud noises get to me. I don't really want to explain why.
            I startled badly in front of people today.
        """,
        insight="""
            It's like my body reacts before my brain even knows what the sound was.
            I notice I'm way jumpier on days I haven't slept.{m_sleep_startle}
            I think my nervous system is still set for {event}.
            It's the embarrassment after that bothers me more than the jump.
        """,
        ask="""
            Is there a way to calm the startle down?
            How do I explain this to people without telling them everything?
            What do I do right after, when everyone's looking?
            How do I get the kids to stop sneaking up on me without making it a big scary thing?{if_kids}
        """,
    ),
    "relationship_strain": _s(
        core="""
            My {partner} said last night that {p_hes} tired of feeling shut out.
            {Close} and I had another fight. {Close_he} said it's like living with a stranger.{if_partner}
            My {partner} wants to go out more, travel, have people over, and I can't do any of it.
            I heard my {partner} crying on the phone to {p_his} sister about me.
            {Close_name} asked if I even want to be together anymore. I froze and said nothing.{if_partner}
            My {partner} thinks I don't love {p_him} anymore. I do, I just can't show it right now.
            {Close} has stopped asking how I'm doing. I think {close_hes} given up a little.
        """,
        detail="""
            {Close} doesn't get why I can't just let it go.
            I pulled away when {close_he} tried to hug me and I saw how much it hurt.{m_pullaway}
            We used to be so close before {event}.
            I'm scared {close_he}'ll leave and honestly I wouldn't blame {close_him}.{if_partner}
            I try to explain and it comes out wrong.{m_explain_wrong}
            I feel like a burden.
            {Kids} can feel the tension in the house.
            We haven't had a real conversation in {weeks}.
        """,
        terse="""
            fight with {close} again
            {close_he} said im a stranger{if_partner}
            think {close_hes} going to leave{if_partner}
            cant explain it to {close}
            we barely talk anymore
        """,
        vague="""
            Things are tense at home. I'd rather not get into all of it.
            My relationship is struggling. It's complicated.
            {Close} and I aren't in a good place.
            We've been arguing. It's about my stuff, mostly.
        """,
        insight="""
            I think I push {close_him} away before {close_he} can get too close.
            I notice I go quiet exactly when {close} needs me to talk.
            I think I'm scared of needing anyone that much.
            It's not {close_him}. It's that I don't feel safe letting anyone in.
        """,
        ask="""
            How do I explain what's going on without scaring {close_him}?
            Is there something we can do together?
            How do I let {close_him} in a little?
            Should we see someone together?
        """,
    ),
    "trust_safety": _s(
        core="""
            I can't trust anyone. Even people who have never given me a reason not to.
            A coworker invited me for a drink and all I could think was what does he want.
            {Close} is nothing but kind and I still keep waiting for it to turn.
            I checked the locks {count} times last night and I still couldn't relax.
            I don't feel safe anywhere anymore, not even in my own house.
            Someone new {work_at} is being friendly and I keep assuming there's an angle.
        """,
        detail="""
            I sit where I can see the door, always.
            I look people up before I meet them.
            I don't let anyone into my apartment except {support}.
            I know it's not fair to them but I can't turn it off.
            Before {event} I used to trust people too easily. Now it's the opposite.
            I'm tired of being this guarded.
            It's lonely, being suspicious of everyone.
        """,
        terse="""
            cant trust anyone
            checked the locks {count} times
            dont feel safe. anywhere
            new person at work being nice. suspicious
            waiting for people to turn
        """,
        vague="""
            I have trouble trusting people. It's a long story.
            I don't let people in easily. I have reasons.
            I never really feel safe. I'd rather not go into why.
            I keep people at a distance. It's how it is.
        """,
        insight="""
            I think my radar got set to maximum after {event} and never reset.
            I notice I trust people less the nicer they are.
            I think I'd rather be lonely than surprised again.
            It's like I'm protecting myself from something that already happened.
        """,
        ask="""
            How do you start trusting people again?
            How do I tell who's actually safe?
            Is there a way to feel safer at home?
            How do I stop assuming the worst about everyone?
        """,
    ),
    "media_reminder": _s(
        core="""
            I saw {media} last night and it brought everything back.
            {Media} came up on my phone before I could scroll past and now I can't stop thinking about {event}.
            We were watching TV and it was {media}. I had to leave the room.{m_left_room}
            I made the mistake of reading about {media}. Now I can't sleep.
            Someone shared {media} and I saw it before I could stop myself.
            {Close} put on {media} and I sat there frozen.
        """,
        detail="""
            I'm angry that it just gets put out there with no warning.
            I've been jumpy ever since.
            I keep going back to look at it, which I know isn't helping.{m_lookback}
            My {partner} didn't know it would bother me.
            It felt like I was right back in it.
            I'm furious and shaky at the same time.
            I deleted the app but the images are still there.{m_deleted}
        """,
        terse="""
            saw {media}. everything came back
            news thing set me off
            cant stop thinking about it after that video
            some show. had to leave the room
            angry and shaky. stupid video
        """,
        vague="""
            Something I saw online brought things back. I'd rather not say what.
            A news story hit close to home.
            I saw something on TV that got to me.
            Something in the news set me off. I'll leave it there.
        """,
        insight="""
            I notice I go looking for more once I've seen one. Like I can't look away.
            It's always worse when I didn't see it coming.
            I think part of me is checking whether I'm safe by reading everything.
            I'm realizing how much I have to avoid just to get through a normal day.
        """,
        ask="""
            How do I stop going back to look at it?
            Should I just stay off the news?
            What do I do when something like that catches me off guard?
            How do I calm down after seeing something like that?
        """,
    ),
    "physical_symptoms": _s(
        core="""
            My heart has been racing every time I come across {trigger}, and I thought I was having a heart attack.
            I get this tightness in my chest whenever I think about {event}.
            My shoulders and jaw are so tense that I'm getting headaches every day.
            I went to urgent care because my chest was pounding and they said my heart is fine.{m_urgent}
            Every time something reminds me of {event} my stomach knots up and I feel sick.
            I've been shaking and sweating out of nowhere {work_at}.
        """,
        detail="""
            The doctor said it's anxiety and sent me home.
            I can't tell if something is actually wrong with me.
            My back has been aching for {weeks}.
            I grind my teeth so hard at night that my jaw clicks.
            I'm scared I'm going to pass out in public.
            My {partner} wants me to get more tests.
            It's been {years} and my body still reacts like it's happening.
        """,
        terse="""
            heart racing again. doctor says im fine
            chest tight all day
            jaw and shoulders locked up. headaches
            {trigger} and my heart goes crazy
            shaking {work_at}. no reason
        """,
        vague="""
            My body has been reacting strangely. Doctors say I'm fine.
            I've been having physical stuff, tight chest, that kind of thing.
            I feel it in my body a lot. I don't really want to go into it.
            Weird physical symptoms lately.
        """,
        insight="""
            I've noticed my body reacts before I even realize I'm thinking about it.
            It's always worse in the week before {date}.
            I think my body is still bracing for something.
            I notice the tension builds all day and I only feel it at night.
        """,
        ask="""
            How do I calm my body down when this happens?
            Is it normal to feel it this much in your body?
            What can I do when my heart starts racing like that?
            How do I tell what's anxiety and what's something else?
        """,
    ),
    "dissociation": _s(
        core="""
            I lost {dur} today. I was {work_at} and then I was in my car with no idea how I got there.
            I keep feeling like I'm watching myself from outside my body.
            {Close} was talking to me and I just wasn't there. I couldn't make my mouth work.{m_noanswer}
            Everything felt fake today, like I was in a movie.
            I drove home and don't remember any of the drive.{m_drive}
            I looked at my hands and they didn't feel like mine.
        """,
        detail="""
            It scares me more than the nightmares.
            {Close} said I went blank, like a light went out.
            I don't know what I did during that time.
            I had to pinch myself to feel real.{m_pinch}
            It happened right after {trigger}.
            I'm worried it'll happen while I'm driving {kids}.{if_kids_minor}
            It's happening more since {event} came up again.
        """,
        terse="""
            lost time again. {dur}
            felt outside my body all day
            zoned out. {close} noticed
            nothing feels real today
            drove home. dont remember it
        """,
        vague="""
            I've been spacing out a lot. Like not really here.
            I lost some time today. I don't want to make a big deal of it.
            I feel unreal sometimes. It's hard to describe.
            I zone out a lot lately. It's a little scary.
        """,
        insight="""
            I think my brain checks out when something feels too big.
            I've noticed it happens when I'm overwhelmed and don't realize it.
            I used to do this as a kid too, now that I look back.
            It seems to follow reminders of {event}.
        """,
        ask="""
            How do I come back when it happens?
            Is it dangerous?
            What can I do to feel more here?
            How do I stop losing time?
        """,
    ),
    "parenting_worry": _s(
        core="""
            {Little} asked me why I'm always sad. I didn't know what to say.
            I'm scared my stuff is rubbing off on {kids}.
            {Kid} has started checking the locks like I do. {Kid_hes} only {kid_age}.{if_kid_child}
            I snapped at {kids} again and saw the flinch. I don't want {kids} growing up the way I did.{if_kids_minor}
            {Grown} said {grown_he} felt like {grown_he} had to take care of me growing up.{if_grown_raised}
            I keep thinking {kids} should have a better parent than me right now.{if_kids_minor}
            {Grandkids} came over and I couldn't handle the noise, so I stayed in the bedroom.
            I look after {care} a few days a week, and lately I'm so on edge I'm short with everyone, {care} included.
            {Care} depends on me, and I keep wondering if I'm actually safe to depend on right now.
            I canceled on {care} again this week because I couldn't get myself out of bed.
            I'm supposed to be the steady one for {care} and I'm barely holding it together.
        """,
        detail="""
            I try to hide it but kids pick up on everything.{if_kids_minor}
            Nobody else in the family can really step in.{if_nokids}
            I keep snapping and then apologizing, over and over.
            I'm doing my best but it doesn't feel like enough.
            My {partner} has been picking up the slack and I feel guilty about it.
            I don't want this to be something {kids} carry.
            I keep missing games and recitals because of the crowds.{if_kids_school}
            I get overprotective and barely let {kids} out of my sight.{if_kids_minor}
            I just want a normal childhood for {kids}.{if_kids_minor}
        """,
        terse="""
            {kids} noticed. i hate that
            cancelled on {care} again
            supposed to be the steady one for {care}. not steady
            scared im messing up {kids}
            {kid} copying my habits now{if_kid_child}
            missed another game. crowds{if_kids_school}
            bad parent day{if_kids}
        """,
        vague="""
            I'm worried about how my stuff affects {kids}.
            I think {kids} {kids_are} picking up on things. I'd rather not go into detail.{if_kids_minor}
            Parenting is hard right now. For reasons.{if_kids}
            I'm worried I'm not the parent I want to be.{if_kids}
            Someone depends on me and I'm worried I'm letting them down.
        """,
        insight="""
            I notice I'm most protective on the days I'm most anxious.
            I think I'm trying so hard not to repeat things that I'm creating new problems.
            I realized kids watch how you handle things more than they listen to what you say.{if_kids}
            Maybe showing {kids} I'm working on it matters more than hiding it.
        """,
        ask="""
            How much should I tell {kids}?
            How do I take care of {care} when I can barely take care of myself?
            How do I protect {kids} from this?
            How do I explain it to a kid?{if_kids_minor}
            What can I do so this doesn't rub off on {kids}?
        """,
    ),
}


def _merge(base: ScenarioBank, more: dict[str, str]) -> ScenarioBank:
    return ScenarioBank(*(getattr(base, f) + bank(more.get(f, "")) for f in ScenarioBank.__dataclass_fields__))


SCENARIOS = {sid: _merge(_merge(b, MORE.get(sid, {})), EXTRA.get(sid, {})) for sid, b in SCENARIOS.items()}
