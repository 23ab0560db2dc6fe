# ruff: noqa: E501  (bank lines are prose, one template per line)
"""More client material per scenario, merged into client_bank.SCENARIOS (same fields: core, detail, terse, vague,
insight, ask). Kept apart so neither file grows unreadable; the slot rules are those of client_bank."""

from __future__ import annotations

MORE: dict[str, dict[str, str]] = {
    "nightmare": {
        "core": """
            I keep having this dream where {nightmare}. Last night was the worst one in a while.
            {Nightmare}. That was the dream, and I've been up since {clock} because of it.
            Three hours of sleep and one very bad dream. {Nightmare}.
            I thought I was done with the nightmares, but I woke up {clock} last night with my fists clenched.
            The dream came back {nights}. It always starts the same way: {nightmare}.
        """,
        "detail": """
            I made coffee at four in the morning because lying there awake was getting me nowhere.
            The sheets were soaked and I had to change them in the dark.
            My jaw hurts from clenching it in my sleep.
            I keep seeing bits of it when I close my eyes, even now.
            I didn't tell {close} because I didn't want to explain it again.
            I almost called in sick, but sitting at home with it felt worse.
            I keep the hall light on now and I feel like a kid about it.
        """,
        "terse": """
            dream again. {clock}. heart going crazy
            no sleep after the dream. work in a few hours
            woke up swinging. same nightmare
            {nights} of the same dream. done
        """,
        "vague": """
            Bad sleep. The kind with dreams I'd rather not talk about.
            Another one of those nights. You can probably guess.
        """,
        "insight": """
            I've noticed they're worse after days when I've been around a lot of people.
            It's weird, the dream isn't even exactly what happened, but it feels the same.
        """,
        "ask": """
            Is it normal for the same dream to keep coming back after {years}?
            How do I stop lying there afraid to close my eyes again?
        """,
    },
    "public_trigger": {
        "core": """
            I had to abandon a whole cart at {store} today. {Trigger}, and my body just decided we were leaving.{m_cart}
            I was fine until {trigger}. Then my chest locked up and I couldn't hear anything anyone was saying.
            Something as stupid as {trigger} at {store} and I was gone for a good five minutes.
            I got as far as the checkout at {store} before {trigger} and then I was walking fast to the exit.
        """,
        "detail": """
            I kept my head down so nobody would see my face.
            I called {close} from the car and couldn't really explain what happened.
            The cashier kept asking if I was okay and I couldn't answer.
            I went home without the one thing I went in for.
            I ended up buying groceries online for the rest of the week.
            By the time I got home I was so tired I slept for two hours.
        """,
        "terse": """
            bailed on {store}. {trigger}. shaking
            panic in the checkout line. left
            {trigger} got me. in the car now
            couldnt finish shopping. again
        """,
        "vague": """
            Errands didn't go well today. Something set me off and I left.
            I had a rough moment somewhere busy. I'm home now.
        """,
        "insight": """
            I think I go in already braced for something, so the smallest thing tips me over.
            I've noticed it's worse in places with bright lights and a lot of noise.
        """,
        "ask": """
            How do I get my breathing back when it starts in public?
            Is there a way to go back to {store} without dreading it the whole drive?
        """,
    },
    "anniversary": {
        "core": """
            It's {month} and I can feel the date coming like weather. {Years} since {event}.
            {Date} is in a few days. I've already cancelled two things this week without really knowing why.
            I thought this year would be easier. It's been {years}, and the week before {date} is as bad as ever.
            My calendar says {date} and my whole body knows what that means.
        """,
        "detail": """
            I keep getting headaches and I know exactly why.
            Last year on the day I drove around for hours so I wouldn't have to be home.
            People {work_at} have no idea what this week is for me.
            I found myself looking at old photos at midnight.
            I can't decide whether to go to the place or stay far away.
            Every year I tell myself I'll plan something and every year I just survive it.
        """,
        "terse": """
            {date} soon. not ok
            that time of year again
            {month}. always {month}
            countdown to the worst day of the year
        """,
        "vague": """
            This week is always hard. I'll leave it there.
            There's an anniversary coming. I'd rather not say of what.
        """,
        "insight": """
            Every year I notice it a little earlier, like my body starts the countdown on its own.
            I think I get angry because being sad about it feels too big.
        """,
        "ask": """
            What do people actually do on the day itself?
            How do I explain to {close} why I get like this every {month}?
        """,
    },
    "flashback": {
        "core": """
            I was standing at the sink and then {image}. I dropped the glass I was holding.
            {Trigger} and I was gone. {Image}, and it felt like it lasted forever.
            I was in the middle of a normal conversation when {image}.
            I was putting gas in the car and out of nowhere {image}.
        """,
        "detail": """
            My hands were still shaking when I finally sat down.
            I could smell it, which is the part that scares me most.
            I kept telling myself where I was, out loud, like an idiot.
            Afterwards I couldn't remember what I'd been doing before it started.
            I sat in the car for {dur} before I trusted myself to drive.
            I was embarrassed that someone might have seen my face.
        """,
        "terse": """
            flashback at the sink. dropped a glass
            back there again for a second
            {trigger}. then flashback. still shaky
            happened again today. didnt see it coming
        """,
        "vague": """
            My mind went somewhere it shouldn't today. I'm back now.
            I had one of those episodes. I don't want to describe it.
        """,
        "insight": """
            I think the flashbacks come when I haven't given myself any quiet at all.
            It's always smell with me. Sounds I can handle, smells take me straight back.
        """,
        "ask": """
            Can you actually stop a flashback once it starts?
            How do I explain what happened to {close} without freaking {close_him} out?
        """,
    },
    "guilt_self_blame": {
        "core": """
            I know what everyone will say, but {guilt}. I can't get around that.
            Every time I try to let it go, the same thought comes back: {guilt}.
            {Years} and the guilt hasn't moved an inch. {Guilt}.
            I was doing okay today and then it hit me again that {guilt}.
        """,
        "detail": """
            I don't think I've forgiven myself for a single day since.
            I can't accept compliments because I know what I did, or didn't do.
            When people are kind to me it almost makes it worse.
            I go back over the timeline in my head like I'm building a case against myself.
            I keep apologizing for things that aren't even related.
            My {partner} doesn't know how often I think about it.
        """,
        "terse": """
            {guilt}. thats the thought. every day
            cant forgive myself
            guilt bad today
            my fault. i know it is
        """,
        "vague": """
            There's something I did, or didn't do, that I can't stop thinking about.
            I carry a lot of guilt about back then. I'll leave it at that.
        """,
        "insight": """
            I notice I'd never judge a friend the way I judge myself about this.
            I think the guilt keeps me connected to it somehow, and I'm scared of losing that.
        """,
        "ask": """
            How do people ever forgive themselves for something like this?
            Is there a point where the guilt gets quieter?
        """,
    },
    "anger_family": {
        "core": """
            I slammed a door so hard last night that the frame cracked. {Close} just stood there staring at me.
            Over something as small as the TV remote, I lost it and yelled at {close}.
            {Kids} tiptoed around me all morning after I blew up last night.
            I didn't hit anyone, but I yelled at {close} in a way that scared us both.
        """,
        "detail": """
            I could see {close} deciding whether to say anything or just leave the room.
            My chest was pounding and my hands were shaking for ages afterward.
            I keep trying to make up for it with little things, and it doesn't feel like enough.
            I didn't sleep after, I just lay there replaying it.
            I used to be the calm one in the family.
            Part of me knows I was already on edge before anything even happened.
        """,
        "terse": """
            lost it at home. {close} scared
            yelled again. hate myself for it
            door slammed. frame cracked. not ok
            blew up at {kids}. feel sick
        """,
        "vague": """
            Things got heated at home. I'm not proud of it.
            I said some things I shouldn't have. I'd rather not repeat them.
        """,
        "insight": """
            Looking back, it always comes after I've been holding it together all day.
            I notice it's the noise that gets to me first, and then anything at all can set me off.
        """,
        "ask": """
            How do I repair things with {close} after this?
            What can I do in the moment when I feel it rising?
        """,
    },
    "isolation": {
        "core": """
            I haven't answered {support} in {weeks}. Every day it gets more awkward to reply.
            The only people I've talked to this week are the cashier and the guy who delivers packages.
            I used to go to game nights and barbecues. Now I make excuses and sit at home with the curtains shut.
            My phone says I have forty unread messages. I just can't open them.
        """,
        "detail": """
            I eat dinner in front of the TV most nights so I don't have to talk.
            When someone does call, I let it ring and then feel awful.
            I've missed two birthdays and a funeral this year.
            I think people have started to give up on me, and I can't blame them.
            I tell myself I'll reach out tomorrow, every day.
            The weekends stretch on forever.
        """,
        "terse": """
            no one to talk to. my own fault
            ignored another invite
            {weeks} of just me
            left the texts on read again
        """,
        "vague": """
            I've been staying in a lot. Easier than the alternative.
            I've gone quiet on people. I don't totally know why.
        """,
        "insight": """
            I think I avoid people because they remind me of who I used to be.
            The quieter my life gets, the more scared I am of the noise of other people.
        """,
        "ask": """
            What do I even say to people after disappearing for this long?
            How do I get back in touch without a big explanation?
        """,
    },
    "hypervigilance_work": {
        "core": """
            I know exactly where every exit is {work_at} and who's standing near each one. I can't turn it off.
            I spent my lunch break in my car because the break room was too loud and too open.
            Every time the door opens {work_at} my head snaps around.
            I finished my {shift} and my whole body ached from being braced all day.
        """,
        "detail": """
            I reread the same email five times because I kept looking up.
            I eat at my desk facing the door.
            Someone dropped a box and I was on my feet before I knew it.
            {Coworkers} have started teasing me about being jumpy.
            I don't take my earbuds out of my pocket because I need to hear everything.
            By the drive home I can barely keep my eyes open.
        """,
        "terse": """
            head on a swivel all {shift}
            every door opening. every time
            cant focus {work_at}. watching
            wiped from watching everyone
        """,
        "vague": """
            I don't settle at work. I'd rather not explain why.
            I'm always a bit on watch {work_at}. It's tiring.
        """,
        "insight": """
            I think my brain treats anywhere with strangers as a threat until proven otherwise.
            I'm better on days when I get a seat in the corner, which tells me something.
        """,
        "ask": """
            How do I get anything done when half my brain is on guard?
            Is there a way to relax at work without feeling like I'm letting my guard down?
        """,
    },
    "avoidance_place": {
        "core": """
            I have to go near {place} for something next week and I've already had two sleepless nights about it.
            I turned around halfway to {place} today. Just pulled a U-turn and went home.{m_drove}
            I've arranged my whole week so I don't have to pass {place}.{m_detour}
            Everyone wants to meet near {place} and I keep suggesting somewhere else.
        """,
        "detail": """
            I told people I was sick, which is becoming my go-to.
            I looked at the map for ages trying to find another way around.
            My hands start sweating when someone even mentions it.
            I've missed things I really wanted to go to because of this.
            I'm running out of excuses and people are starting to notice.
            Part of me thinks if I just went once it would break the spell.
        """,
        "terse": """
            turned around again. couldnt do it
            still cant go near {place}
            made up another excuse
            avoiding {avoid}. always
        """,
        "vague": """
            There's somewhere I keep avoiding. I know it's a problem.
            I've been steering clear of a place. It's related to the past.
        """,
        "insight": """
            I think the avoiding has become a habit more than a choice at this point.
            I notice the dread beforehand is always worse than anything I imagine actually happening.
        """,
        "ask": """
            How do I go back somewhere that's tied to {event}?
            Do I need to face it, or is it okay to just live around it?
        """,
    },
    "setback": {
        "core": """
            I had a few good weeks and then one bad night undid everything.
            I was sleeping again, going out again, and now I'm checking the locks three times like before.
            {Trigger} last week knocked me flat and I haven't gotten back up.
            I'd started telling people I was doing better. Now I feel like a liar.
        """,
        "detail": """
            I stopped going to my group because I thought I was fine.
            I'm angry at myself for getting my hopes up.
            The old habits came back so fast it scared me.
            My {partner} keeps saying it's just a bad week, but it doesn't feel that way.
            I deleted the app I was using because it felt pointless.
            I had finally stopped dreading mornings.
        """,
        "terse": """
            bad week. old stuff back
            thought i was better. wrong
            one bad night and im back at zero
            slipping again
        """,
        "vague": """
            I'm not doing as well as I was. That's all.
            Things went backward a bit. I don't want to dwell on it.
        """,
        "insight": """
            I think I got cocky and stopped looking after myself once things were good.
            Maybe the difference this time is that I know what helped.
        """,
        "ask": """
            How do I keep a bad week from turning into a bad month?
            Does a setback mean the progress wasn't real?
        """,
    },
    "fear_disclosure": {
        "core": """
            {Close} asked me straight out last night what happened to me. I changed the subject.
            I want {support} to know about {event}, but every time I open my mouth nothing comes out.
            There's a form {work_at} asking about health stuff and I don't know whether to mention it.
            I've been dating someone for a few months and they're starting to ask questions about my past.
        """,
        "detail": """
            I'm scared they'll tell other people.
            I don't want pity. That's almost worse than anything.
            I wrote a whole message and deleted it.
            I keep imagining their face when I tell them.
            I don't want to be the person with the sad story.
            It feels like lying to keep it from them, and like too much to tell.
        """,
        "terse": """
            {close} asked. i froze
            wrote it out. deleted it
            dont know who to tell
            cant say it out loud
        """,
        "vague": """
            There's something in my past I haven't shared. I'm thinking about it.
            Someone wants to know more about me and I don't know how much to say.
        """,
        "insight": """
            I think part of me is scared that saying it out loud will make it more real.
            I notice I test people with small things first to see how they react.
        """,
        "ask": """
            What do I say if they ask questions I'm not ready to answer?
            How do I know if someone is safe to tell?
        """,
    },
    "numbness": {
        "core": """
            {Close} told me {close_he} loved me last night and I said it back without feeling a thing.
            I watched a movie that used to make me cry every time. Nothing.
            People keep asking if I'm excited about things and I don't know what to tell them.
            I held my niece for the first time and felt like I was acting out what I was supposed to feel.
        """,
        "detail": """
            I laugh when other people laugh, a half second late.
            I've stopped listening to music because it doesn't do anything anymore.
            Even the bad stuff doesn't hit. It's all muffled.
            I keep waiting to feel something and it never comes.
            It's like I'm a step behind my own life.
            {Close} thinks I'm angry with {close_him}. I'm not, I'm just not there.
        """,
        "terse": """
            felt nothing again
            empty. thats the word
            going through the motions
            numb all week
        """,
        "vague": """
            I've been kind of blank lately. Hard to describe.
            I'm not sad exactly. I'm just not much of anything.
        """,
        "insight": """
            I think I turned everything off to get through back then and never found the switch again.
            I notice I feel a bit more when I'm outside, which is strange.
        """,
        "ask": """
            Is feeling nothing a normal part of this?
            How do I explain to people that I'm not cold, I'm just numb?
        """,
    },
    "treatment_hesitancy": {
        "core": """
            The intake form for the therapist is sitting in my inbox. I've opened it four times and closed it.
            I found a therapist who does trauma work, but the thought of the first session makes me feel sick.
            My doctor mentioned medication and therapy and I just nodded and left.
            I canceled my appointment on {day}. I told them I had a work thing. I didn't.
        """,
        "detail": """
            I don't even know what I'd say in the first five minutes.
            I'm worried they'll want every detail right away.
            I had a counselor once who checked her phone while I talked.
            Money is tight and I'm not sure it's worth it.
            I keep thinking I should be able to fix this myself.
            I don't want to be labeled as something.
        """,
        "terse": """
            canceled the appointment. again
            intake form still not filled out
            not sure therapy works for people like me
            {day}. therapy. might not go
        """,
        "vague": """
            I'm supposed to see someone about all this. I'm dragging my feet.
            I'm not sure about talking to a professional. It's complicated.
        """,
        "insight": """
            I think I'm afraid that if I start, I'll have to admit how bad it's been.
            I keep postponing it right when things get bad, which is exactly when I need it.
        """,
        "ask": """
            What do you even say in a first session?
            Can I go to therapy and not talk about what happened at first?
        """,
    },
    "substance_urges": {
        "core": """
            I poured {drink} tonight before I even took my coat off.
            I keep telling myself I'll skip it tonight, and then it's ten o'clock and I'm reaching for {drink}.
            {Weeks} without a drink, and today the craving came out of nowhere and sat on my chest.
            I've started hiding the bottles, which I know is a bad sign.
        """,
        "detail": """
            I used to have a glass with dinner. Now I don't really eat dinner.
            I wake up foggy and tell myself I'll cut back.
            I drove past the bar three times before I went home.
            {Close} asked how much I'd had and I lied.
            It works for about an hour and then everything is worse.
            I'm scared of how much I look forward to it.
        """,
        "terse": """
            craving hard tonight
            drank again. said i wouldnt
            {drink} calling my name
            hiding bottles now. not good
        """,
        "vague": """
            Evenings are hard and I've been leaning on something to get through them.
            I've had some urges. I'm trying not to act on them.
        """,
        "insight": """
            I notice the urge hits hardest between getting home and dinner.
            I think I'm not craving the drink so much as the quiet it buys me.
        """,
        "ask": """
            What do I do in the next hour so I don't give in?
            How do I tell someone I'm struggling with this?
        """,
    },
    "sleep_problems": {
        "core": """
            Another night of staring at the ceiling. I finally dropped off {clock} and the alarm went off at six.
            Every noise in the house wakes me up. The fridge, the heater, a car outside.
            I do everything right, no screens, no caffeine, and I'm still awake {clock}.
            I'm so tired I can't think straight, but the moment I lie down I'm wide awake.
        """,
        "detail": """
            I've started napping in the car at lunch.
            I get up and walk around the house checking things.
            My {partner} moved to the couch so my tossing wouldn't keep {p_him} up.
            Coffee is the only thing getting me through the afternoons.
            I lie there running through every worst-case scenario.
            Nights are the loneliest part of the day.
        """,
        "terse": """
            up again {clock}. so tired
            slept maybe two hours
            ceiling staring again
            every noise wakes me up
        """,
        "vague": """
            Nights aren't great. Haven't been for a while.
            Sleep has gone out the window. I'd rather not say why.
        """,
        "insight": """
            I think my body doesn't trust the night enough to let go.
            I sleep better when someone else is awake in the house, which tells me something.
        """,
        "ask": """
            Is there a way to make my brain stop scanning for noises at night?
            Should I talk to a doctor about sleep, or is this something I have to fix on my own?
        """,
    },
    "startle": {
        "core": """
            A book fell off a shelf {work_at} and I yelped loud enough that everyone turned around.
            {Close} dropped a pan and I was across the room before I knew I'd moved.
            I heard {sound} and ducked in the middle of a crowded street.
            My heart nearly came out of my chest when {sound} went off behind me today.
        """,
        "detail": """
            Someone made a joke and everyone laughed, including me, but I wanted to cry.
            My whole body was buzzing for the rest of the afternoon.
            I've started sitting with my back to the wall everywhere.
            I apologized like five times, which made it more awkward.
            It's exhausting being the jumpy one.
            I know it looks like an overreaction from the outside.
        """,
        "terse": """
            jumped out of my skin. again
            {sound}. ducked. people stared
            startle thing again. embarrassing
            heart still racing from that noise
        """,
        "vague": """
            I'm really jumpy these days. It's a whole thing.
            A noise caught me off guard today. It went badly.
        """,
        "insight": """
            I think my body stays one step ahead of my brain, just in case.
            I notice I'm fine with noises I expect, it's the surprise that gets me.
        """,
        "ask": """
            Will I always be this jumpy?
            What do I say when people laugh at how I react?
        """,
    },
    "relationship_strain": {
        "core": """
            My {partner} asked me to go to a friend's wedding and I said no, again. {P_he} just walked out of the room.
            {Close} and I barely talk anymore except about bills and groceries.{if_partner}
            Last night {close} said {close_he} missed who I used to be. I had no answer for that.
            I can feel {close} getting tired of waiting for me to get better.
        """,
        "detail": """
            I want to let {close_him} in, I just don't know how anymore.
            We used to stay up talking for hours.
            I sleep on the edge of the bed like I'm keeping distance even asleep.
            {Close} has started making plans without me, and I get why.
            Every conversation turns into a fight or a silence.
            I'm scared I'm going to wreck the best thing in my life.
        """,
        "terse": """
            another fight. same one
            {close} tired of me
            we dont talk anymore
            pushing {close} away again
        """,
        "vague": """
            Home is tense. It's mostly my doing.
            We're going through a rough patch. I'd rather not say much more.
        """,
        "insight": """
            I think I start fights so I have a reason to be alone.
            I notice I'm better with {close} when we're doing something side by side instead of talking face to face.
        """,
        "ask": """
            How do I tell {close} I'm trying when it doesn't look like it?
            What can I do to stop pushing {close_him} away?
        """,
    },
    "trust_safety": {
        "core": """
            A neighbor offered to help carry my groceries and I practically ran inside.
            I've changed my locks twice this year and I still lie awake listening for the door.
            Someone {work_at} asked me to grab lunch and I said I was busy. I wasn't.
            I don't let anyone stand behind me, not even people I've known for years.
        """,
        "detail": """
            I keep my phone in my hand when I walk to the car.
            I tell people as little as possible about my life.
            I've turned down so many invitations that people stopped asking.
            I read everyone's messages three times looking for a hidden meaning.
            I want to be close to people, I just can't get past the alarm.
            I notice myself studying people's hands.
        """,
        "terse": """
            trust no one. easier
            locks checked {count} times
            someone was nice. i left
            never feel safe
        """,
        "vague": """
            I keep people at arm's length. It's safer.
            I'm careful about who I let close. There's a reason.
        """,
        "insight": """
            I think I'm trying to prevent something that already happened.
            I notice I'm most suspicious of the people who are kindest to me.
        """,
        "ask": """
            How do I know when it's safe to let someone in?
            Is it possible to feel safe at home again?
        """,
    },
    "media_reminder": {
        "core": """
            A trailer for a movie came on before my video and it was practically {event}. I closed the laptop.
            I was scrolling in bed and {media} came up. I didn't sleep after that.
            Everyone {work_at} was talking about {media} and I had to go sit in the bathroom.
            {Media} popped up on the TV at {store} and I just stood there frozen in the aisle.
        """,
        "detail": """
            My heart was pounding for an hour afterward.
            I couldn't stop reading the comments, even though they made it worse.
            I kept thinking everyone could tell something was wrong with me.
            It brought back details I hadn't thought about in years.
            I've muted everything I can think of and it still gets through.
            I snapped at {close} for no reason afterward.
        """,
        "terse": """
            saw {media}. wrecked
            stupid news again
            cant unsee it
            turned off my phone. still shaking
        """,
        "vague": """
            Something online caught me off guard. I'm still rattled.
            There was a story in the news. It hit too close.
        """,
        "insight": """
            I notice it's worse when I'm tired and scrolling without thinking.
            I think I get angry because it feels like nobody cares how it lands on people like me.
        """,
        "ask": """
            How do I protect myself from this stuff without avoiding everything?
            What do I do right after I see something like that?
        """,
    },
    "physical_symptoms": {
        "core": """
            My chest gets so tight sometimes that I sit very still and wait to see if it's a heart attack.
            I've had a stomach ache for {weeks} and every test comes back normal.
            My hands go numb and tingly around {trigger}.
            I wake up with my fists clenched and my jaw aching, every morning.
        """,
        "detail": """
            I've started googling symptoms at night, which doesn't help.
            My doctor gave me a pamphlet about stress and I threw it out.
            I feel like a hypochondriac.
            My shoulders are so tight I can't turn my head properly.
            Sometimes I can't catch my breath walking up the stairs.
            It comes in waves and I never know when.
        """,
        "terse": """
            chest tight again
            stomach in knots. tests normal
            jaw aching every morning
            body wont calm down
        """,
        "vague": """
            My body's been acting up. Doctors don't find anything.
            I get physical symptoms with stress. I don't want to make a big deal of it.
        """,
        "insight": """
            I notice my body reacts even when I don't feel scared in my head.
            I think I've been holding my breath for years without knowing it.
        """,
        "ask": """
            Can stress really do all this to your body?
            What can I do when my chest gets tight like that?
        """,
    },
    "dissociation": {
        "core": """
            I was in the shower and suddenly realized I had no idea how long I'd been standing there.
            {Close} waved a hand in front of my face and I didn't see it until the third time.
            I was {work_at} and everything went flat and far away, like I was underwater.
            I found myself in the kitchen holding my keys with no memory of deciding to get up.
        """,
        "detail": """
            My voice sounded like it belonged to someone else.
            I had to look at my phone to figure out what time it was.
            It's happening more often, maybe twice a week now.
            I'm scared someone will think I'm on something.
            Afterwards I felt exhausted and weirdly embarrassed.
            I didn't even know this had a name until recently.
        """,
        "terse": """
            lost time again
            underwater feeling all day
            zoned out for {dur}
            not real today
        """,
        "vague": """
            I've been checking out a lot. It's hard to explain.
            I had some missing time today. I'm okay.
        """,
        "insight": """
            I think I go somewhere else when things get to be too much, and I don't get a say in it.
            I notice it happens more when I'm exhausted.
        """,
        "ask": """
            What's happening to me when I lose time like that?
            How do I keep myself safe if it happens while I'm driving?
        """,
    },
    "parenting_worry": {
        "core": """
            {Kid} asked me why I always sit facing the door, and I had no answer ready.{if_kid_talk}
            I cancelled a trip with {kids} because I couldn't face the crowds, and I saw how disappointed {kids_they} {kids_were}.{if_kid_talk}
            I jumped at a noise and {kid} jumped too, like {kid_he} learned it from me.{if_kid_minor}
            I haven't been the fun parent in a long time.{if_kids}
        """,
        "detail": """
            I overheard {kids} telling a friend not to make loud noises around me.{if_kids_school}
            I'm so tired by bedtime that I rush through stories.{if_kids}
            I don't want them to remember me like this.{if_kids}
            I keep overcompensating with presents and it doesn't fix anything.{if_kids}
            {Close} is doing more than {close_his} share right now.
            I cry in the car after drop-off sometimes.{if_kids}
        """,
        "terse": """
            {kids} saw me lose it. again
            not the parent i want to be{if_kids}
            cancelled on {kids}. crowds
            {kid} jumpy like me now
        """,
        "vague": """
            I'm worried about how home feels for the people who live there with me.
            I'm not sure I'm doing right by the people who count on me.
        """,
        "insight": """
            I think I'm so focused on hiding it that I'm not really present.
            I notice {kids} {kids_are} different on my bad days, even when I think I'm hiding it.
        """,
        "ask": """
            Is it okay to tell {kids} I'm struggling?
            How do I make sure my stuff doesn't become their stuff?
        """,
    },
}
