# ruff: noqa: E501  (bank lines are prose, one template per line)
"""Further client detail per scenario, merged into client_bank.SCENARIOS after client_more.MORE (same fields and
slot rules). Lines here use no slots: each is a concrete, ordinary moment a person might mention in passing."""

from __future__ import annotations

EXTRA: dict[str, dict[str, str]] = {
    "nightmare": {
        "detail": """
            I lay there listening to the fridge hum and trying to slow my breathing to match it.
            I ended up folding laundry at half three just to have something to do with my hands.
            My whole body felt heavy, like I'd run somewhere in my sleep.
            I texted my friend at dawn and then deleted it before she woke up.
            I sat on the edge of the bed counting the slats in the blinds until my hands stopped shaking.
            I put the radio on low just to have another voice in the room.
            My dog followed me into the kitchen and just sat against my leg.
            I kept my phone in my hand the rest of the night like it would help.
            I burned the toast this morning because I was staring at nothing.
            I tried reading, but I read the same paragraph about ten times.
            I woke up on the couch with the TV still on and no memory of moving there.
            I showered at five just to feel the water and know where I was.
            My pillow was on the floor and the blanket was twisted around my legs.
            I waited for the birds to start because then it felt like morning was allowed.
        """,
        "insight": """
            I've noticed I'm more likely to have one if I fall asleep with the TV on.
            The nights I skip dinner or have coffee late seem to be the bad ones.
            It's almost always in the second half of the night, around the same time.
        """,
        "ask": """
            Is there anything I can do in the first few minutes after I wake up like that?
            How do I get back to sleep without the dream picking up where it left off?
            Should I be telling my doctor about the dreams, or is that overreacting?
        """,
        "terse": """
            bad dream. wide awake now
            up since 3. same dream
        """,
        "vague": """
            Rough night, the dreaming kind.
            Sleep was bad again, for the usual reason.
            Not a good night. I'm up earlier than I'd like.
        """,
    },
    "public_trigger": {
        "detail": """
            I made it to the bus stop and sat there until the shaking eased off.
            I could feel my face burning even after the panic had gone.
            I put my sunglasses on inside just so nobody could see my eyes.
            My friend had to finish paying because my hands wouldn't work the card.
            I left my coffee on the counter and didn't even notice until I was outside.
            I pretended to take a phone call so I had a reason to walk out.
            I stood in the cereal aisle holding a box and couldn't remember why.
            A stranger asked if I needed to sit down and I was too embarrassed to answer.
            I had my keys pressed into my palm so hard they left a mark.
            I ate lunch in the car because going back in wasn't happening.
            I sent a friend a text that made no sense, and she called straight away.
            The lights in there felt like they were humming right inside my head.
            I went back for my bag an hour later and the staff had kept it behind the counter.
            I walked two laps of the parking lot before I trusted myself to drive.
        """,
        "insight": """
            It's worse when I'm tired or hungry, like there's less of me to hold it together.
            I'm fine in small shops, it's the big busy ones that get me.
        """,
        "ask": """
            What do I do in the moment so I don't have to leave every time?
            How do I explain to people with me what's going on when it happens?
            Is it better to go back soon or give myself a break from that place?
        """,
        "terse": """
            had to leave the store. still shaky
            panicked in public again. so embarrassed
        """,
        "vague": """
            I had to leave somewhere in a hurry today.
            Being out in public didn't go well this afternoon.
            Went out today and it didn't go to plan.
        """,
    },
    "anniversary": {
        "detail": """
            I keep almost crying at the supermarket for no reason, and then I remember what month it is.
            I've been picking fights with people I love and I know exactly why.
            My body knows before I do, every single year.
            I bought a candle and I still haven't decided whether to light it.
            I keep finding reasons to clean the house, like that will keep the date away.
            I've been snapping at the smallest things all week and only just worked out why.
            There's a calendar in the kitchen and I've turned it around to face the wall.
            I bought flowers and then left them in the car because I didn't know what to do with them.
            My appetite goes every year around now and I forget until I'm already lightheaded.
            I took the day off last year and it was worse, so this year I'm not sure.
            Someone at work mentioned the date in passing and I had to leave the room.
            I keep dreaming about the weeks before it, not the day itself.
            I pulled out an old photo and then couldn't look at it for long.
            I've been sleeping with the window open because the room feels too small.
        """,
        "insight": """
            I think it's the change in the weather that sets me off before I even look at the calendar.
            Every year I think I'll be ready for it, and every year it catches me anyway.
        """,
        "ask": """
            How do other people get through the actual day?
            Is it okay to just not mark it at all?
            What do I tell work if I need the day?
        """,
        "terse": """
            that week again. dreading it
            the date is coming up. cant focus
        """,
        "vague": """
            There's a date coming up that always gets to me.
            This month is always a hard one.
            It's a hard time of year for me. That's about all I can say.
        """,
    },
    "flashback": {
        "detail": """
            My hands were freezing afterwards, even though it was warm in the room.
            I found a bruise on my arm later and think I must have hit the door frame.
            I came out of it mid-sentence and the person I was talking to looked worried.
            I had to sit in the car for a while before I felt like I was back in my body.
            I came back to myself gripping the counter with the faucet still running.
            I could smell it, even though nothing in the room smelled like that.
            My coffee had gone cold by the time I noticed where I was.
            I found myself crouched by the door and I don't remember getting there.
            I pressed my feet into the floor because someone once told me to.
            Afterwards I felt shaky and stupid, like I'd run somewhere in my sleep.
            I had to look at my own hands to remind myself what year it was.
            The sound of the fridge brought me back more than anything I tried.
            I lost maybe ten minutes and the kettle had boiled dry.
            I sat on the floor with a cold cloth on my neck until it passed.
        """,
        "insight": """
            I've noticed it hits harder when I'm already stressed about something unrelated.
            It seems to come from smells more than anything else.
        """,
        "ask": """
            What's the quickest way to come back when I'm in the middle of one?
            Is there a way to spot one coming before it takes over?
            How do I explain these to someone who's never had one?
        """,
        "terse": """
            lost time again. shaky
            it happened again. back now
        """,
        "vague": """
            Something pulled me back to a bad place for a bit today.
            I got caught up in an old memory and lost a few minutes.
            I had one of those moments today where I wasn't really here.
        """,
    },
    "guilt_self_blame": {
        "detail": """
            I got a message from someone involved and couldn't bring myself to open it.
            I keep thinking if I'd just left five minutes later.
            I won't let myself enjoy anything until I've paid for it somehow.
            I lie awake putting myself on trial, and I always lose.
            I replay the same five minutes so often I could draw them.
            I wrote out everything I could have done differently and it filled two pages.
            When people say it wasn't my fault I nod, but inside I'm arguing with them.
            I can't take a compliment at the moment because it feels like I'm lying to people.
            I skipped a friend's birthday because I didn't feel like I deserved a nice night.
            I keep apologizing to people for things that have nothing to do with it.
            Every time I drive past the spot my stomach drops.
            I looked up the details again last night even though I know them by heart.
            I catch myself thinking someone else would have handled it better.
            Sometimes I feel guilty for having a good hour.
        """,
        "insight": """
            I know logically I did what I could, but the feeling doesn't listen to logic.
            I think I'd rather it be my fault than believe it could happen for no reason.
        """,
        "ask": """
            How do I stop going over it every night?
            Does the guilt ever get quieter?
            How do I accept it wasn't my fault when I don't believe it?
        """,
        "terse": """
            should have done more. cant stop thinking it
            my fault. i know it is
        """,
        "vague": """
            There's something I keep blaming myself for.
            I've been stuck on what I should have done differently.
            I keep going back over something I can't change.
        """,
    },
    "anger_family": {
        "detail": """
            I raised my voice at my mom on the phone and hung up before she could answer.
            I punched a pillow so hard my wrist hurt.
            I apologized this morning and it sounded hollow even to me.
            I could see everyone bracing when I walked in the door.
            I slammed a cupboard door so hard the hinge came loose.
            Everyone went quiet and drifted off to other rooms, and that hurt more than anything.
            I went and sat in the garage for half an hour so I wouldn't say more.
            It was over something as small as a shoe left in the hallway.
            I could hear my own voice getting louder and couldn't bring it back down.
            Afterwards I cooked dinner like nothing happened and nobody said much.
            {Close} gave me that careful look, the one I hate causing.
            I went for a walk around the block twice before I could go back in.
            I wrote an apology on a sticky note because I couldn't say it out loud yet.
            I felt the heat in my face before I even knew I was angry.
        """,
        "insight": """
            I can tell it's building when my jaw tightens, but by then it feels too late.
            It's never really about the thing I'm yelling about.
        """,
        "ask": """
            How do I catch it before it comes out?
            How do I make it up to them without just saying sorry again?
            What do I do in the moment when I can feel it rising?
        """,
        "terse": """
            lost my temper again. at home
            yelled again. feel awful
        """,
        "vague": """
            I lost my temper at home and I'm not proud of it.
            Things got heated with my family again.
            Things got loud at home again. I don't love how I handled it.
        """,
    },
    "isolation": {
        "detail": """
            I walked past the bar where my friends were and kept going.
            I haven't opened the curtains in the front room for days.
            My neighbor knocked and I waited in the hallway until she left.
            I've started talking to the radio, just to hear a voice.
            I've let three calls from an old friend go to voicemail this week.
            The group chat keeps going and I just mute it.
            I canceled on a friend again and she said it was fine, which made it worse.
            I do my shopping at eleven at night so I don't have to see anyone.
            The only person I've spoken to in days is the cashier.
            I keep meaning to reply to a message from a month ago.
            I sat in the car outside my friend's house and then drove home.
            I turned my phone face down and left it in another room.
            The weekend went by and I didn't say a word out loud until Sunday night.
            I told people I was busy, but I was just sitting on the couch.
        """,
        "insight": """
            The longer I stay away, the more awkward it feels to turn up again.
            I miss people, but being around them wears me out faster than it used to.
        """,
        "ask": """
            How do I start reaching out again without it being a big deal?
            Is it okay to want to be alone this much?
            What do I say to someone I've been ignoring for weeks?
        """,
        "terse": """
            havent seen anyone in days
            ignored everyone again this week
        """,
        "vague": """
            I haven't been seeing people much.
            I've gone quiet on everyone lately.
            I've been keeping to myself a lot lately.
        """,
    },
    "hypervigilance_work": {
        "detail": """
            I jumped when the phone on my desk rang, and it rings all day.
            I check who's coming in every time the door opens.
            I stayed late just so I could leave when the parking lot was empty.
            I take the stairs because I don't like being stuck in the elevator with people.
            I moved my chair so I could see the door, and someone made a joke about it.
            Every time the printer starts I flinch a little.
            I read my emails three times looking for anything off.
            I sat through a whole meeting watching the hallway instead of the slides.
            I eat lunch at my desk because the break room is too unpredictable.
            By the end of the day my shoulders are up around my ears.
            A manager walked up behind me and I nearly knocked my coffee over.
            I park in the same spot every day so I know exactly how to get out.
            I know where every exit is in that building, and I hate that I know it.
            I come home so wired that I can't sit down for an hour.
        """,
        "insight": """
            I think my body still doesn't believe that work is a safe place.
            I'm worse on the days I didn't sleep, like my filter is gone.
        """,
        "ask": """
            How do I switch off when I get home?
            Is there a way to feel less on edge in meetings?
            Should I tell my manager what's going on, and how much?
        """,
        "terse": """
            on edge all day at work again
            cant switch off. work was too much
        """,
        "vague": """
            Work has me wound up all the time.
            I can't relax at my job lately.
            Work is hard at the moment in a way I can't quite explain.
        """,
    },
    "avoidance_place": {
        "detail": """
            I said no to a wedding because it's at a venue near there.
            I drew a circle on the map in my head that I just don't go inside.
            I made my friend drive a different way and didn't say why.
            I can feel my shoulders go up the closer I get.
            I take a route that adds twenty minutes just so I don't pass it.
            I made up an excuse about a dentist appointment so I wouldn't have to go.
            My friends picked a restaurant near there and I said I was sick.
            I looked at the map three times trying to find another way around.
            I got as far as the corner and turned back.
            I asked my neighbor to pick up my parcel from there.
            Just seeing the name on a sign makes my chest go tight.
            I've stopped going to the stores on that side of town altogether.
            I drove past it once by accident and had to pull over a few streets later.
            I keep telling myself next month, and then next month comes.
        """,
        "insight": """
            I know the avoiding is making my world smaller, I can see it happening.
            The anticipation is honestly worse than being there ever was.
        """,
        "ask": """
            How small should the first step be?
            Is it better to go alone or with someone the first time?
            What do I do if I get there and want to turn around?
        """,
        "terse": """
            turned back again. couldnt do it
            still avoiding that place
        """,
        "vague": """
            There's a place I keep steering around.
            I've been avoiding somewhere and it's getting awkward.
            There's somewhere I can't go back to, and it's getting in the way.
        """,
    },
    "setback": {
        "detail": """
            I cried in the car on the way back from something I'd been handling fine.
            My sleep has gone back to how it was at the start.
            I'd stopped carrying my grounding stone and now I'm back to holding it all day.
            I canceled my walk with a friend, the first time in weeks.
            I'd gone nearly six weeks without a bad night and then it all came back at once.
            I'd started going to the gym again and now I can't face it.
            I looked at my notes from therapy and they felt like someone else's.
            I was proud of myself last month and now I feel like a fraud.
            I'd been sleeping with the light off and now it's back on.
            {Close} keeps saying I'm doing so well, and I can't bear to correct that.
            I stopped doing my breathing practice because I thought I didn't need it.
            I went to the same cafe I'd been managing fine and had to leave.
            I keep checking whether I've lost everything I learned.
            It feels like starting on page one again.
        """,
        "insight": """
            I think I got complacent and stopped doing the things that were working.
            It came back after a stressful month, so maybe it's not random.
        """,
        "ask": """
            How do I get back on track without starting from zero?
            Is it normal to slide back after doing well for a while?
            How do I stop this from undoing all the progress?
        """,
        "terse": """
            bad week. thought i was past this
            back to square one it feels like
        """,
        "vague": """
            Things slid backward this week.
            I'd been doing better. Not this week.
            I was doing better, and now I'm not so sure.
        """,
    },
    "fear_disclosure": {
        "detail": """
            I typed it out in a message and then sat staring at the send button for an hour.
            I keep testing the waters with hints to see how they react.
            I'm scared that once it's out, it becomes real in a new way.
            I don't want to be treated like I might break.
            I've written what I want to say in my notes app four different ways.
            I practiced saying it in the car and couldn't get past the first sentence.
            I worry they'll look at me differently every time they see me after.
            I almost said something at dinner and then talked about the weather instead.
            I don't know how much detail people expect when you tell them.
            I'm scared they'll tell someone else before I'm ready.
            I keep imagining their face changing while I'm talking.
            Part of me wants them to just guess so I don't have to say it.
            I told one person years ago and it went badly, so that's in my head too.
            I'd want to say it somewhere I can leave if I need to.
        """,
        "insight": """
            I think I'm more scared of their reaction than of saying the words.
            The longer I wait, the bigger the secret feels.
        """,
        "ask": """
            How much do I actually have to tell them?
            What if they react badly, how do I handle that?
            Is there a good way to start that conversation?
        """,
        "terse": """
            want to tell them. cant
            scared of what they'll think
        """,
        "vague": """
            I've been sitting on something I haven't told anyone.
            There's a conversation I keep putting off.
            There's something I want to tell someone, and I'm stuck.
        """,
    },
    "numbness": {
        "detail": """
            I got some good news and just said okay.
            My friend cried telling me something sad and I didn't know how to react.
            I can go through a whole day and not remember one thing I felt.
            I miss getting excited about small things.
            My friend told me some big news and I had to act happy for her.
            I watched a film everyone cries at and felt nothing at all.
            Food tastes like cardboard most days.
            I hugged someone I love and it felt like hugging a coat.
            I used to love music and now it's just noise in the background.
            I caught myself staring at the wall for twenty minutes.
            People laugh at something and I laugh a second late because I'm copying them.
            Even things that should annoy me just slide off.
            I went to a party and felt like I was watching it through glass.
            I pinch my arm sometimes just to check I can feel it.
        """,
        "insight": """
            I think I switched off at some point to get through it, and never switched back on.
            I'd honestly rather feel sad than feel nothing.
        """,
        "ask": """
            Does the feeling come back, or is this just who I am now?
            Is there anything that helps people start to feel things again?
            How do I explain to people that I'm not cold, just flat?
        """,
        "terse": """
            feel nothing. just flat
            numb again. everything gray
        """,
        "vague": """
            Everything feels kind of muted lately.
            I'm going through the motions, mostly.
            I'm not really feeling much of anything lately.
        """,
    },
    "treatment_hesitancy": {
        "detail": """
            I looked up what trauma therapy involves and then closed the laptop.
            I'm worried what it'll mean if it goes on my medical record.
            My doctor gave me a leaflet and it's still in my bag.
            I don't want to sit in a waiting room where someone might recognize me.
            I've had the number saved in my phone for three months.
            I filled out the intake form and never pressed send.
            I'm worried I'll have to go over everything from the start.
            I don't know whether I'd need to take time off work for appointments.
            Someone I know said therapy made things worse before better, and that stuck with me.
            The waiting list is long anyway, so part of me thinks why bother starting.
            I don't want to end up on medication I can't come off.
            I'm not sure I could sit in a room and talk about it with a stranger.
            I looked at a therapist's photo online and closed the page.
            I keep thinking I should be able to sort this out myself.
        """,
        "insight": """
            I think I'm scared that if I start talking about it I won't be able to stop.
            Part of me doesn't feel like what happened is bad enough to need therapy.
        """,
        "ask": """
            What actually happens in the first session?
            Do I have to talk about everything right away?
            How do I know if a therapist is right for me?
        """,
        "terse": """
            thinking about therapy. not sure
            booked and canceled again
        """,
        "vague": """
            I've been thinking about getting help but I'm not sold on it.
            Someone keeps suggesting therapy and I keep dodging it.
            I've been going back and forth about getting help.
        """,
    },
    "substance_urges": {
        "detail": """
            I found myself in the drinks aisle without meaning to walk there.
            I've been chewing gum like mad because it gives my mouth something to do.
            I told a friend I'm cutting back and she's been checking in, which helps and annoys me.
            I know the exact hour the craving starts now.
            I drove past the liquor store twice on the way home.
            I poured it down the sink last week and then bought more two days later.
            The evenings are the worst, around the time I used to start.
            I've been counting days on a calendar, and I'm scared of breaking the streak.
            A friend offered me a drink and I had to leave early.
            I keep a bottle of sparkling water in the fridge now, which helps a bit.
            My hands get restless and I don't know what to do with them.
            I told myself just one and caught myself halfway to the car.
            I notice it most after a bad phone call or a bad night.
            I emptied the cupboard where I used to keep it.
        """,
        "insight": """
            I can see the pattern, it's always after I've been triggered.
            It's less about wanting a drink and more about wanting the noise in my head to stop.
        """,
        "ask": """
            What do I do in the twenty minutes when the urge is strongest?
            How do I handle being around people who are drinking?
            Who can I tell without it becoming a huge thing?
        """,
        "terse": """
            really want a drink tonight
            urges bad today. holding on
        """,
        "vague": """
            The old habit has been calling lately.
            I've been struggling to stay on track.
            It's been a hard day to stay on track.
        """,
    },
    "sleep_problems": {
        "detail": """
            I watched the ceiling go from black to gray.
            I get into bed exhausted and then my brain switches on.
            I've started dreading the moment I turn the light off.
            I fell asleep at my desk for a minute and woke up in a panic.
            I lie there listening to every car that goes past.
            I've tried the white noise app, the tea, the no-screens rule, all of it.
            I finally drift off around four and the alarm goes at six thirty.
            I nap in the afternoon and then feel worse about the night.
            I made a mistake at work because I was so foggy.
            The bedroom has started to feel like a place I dread.
            I get up and walk around the house checking things.
            My eyes are gritty all day and I keep yawning in meetings.
            I've started sleeping on the couch because the bed feels wrong.
            I count backwards from a hundred and usually lose my place.
        """,
        "insight": """
            I think I'm scared of the moment right before sleep, when my guard goes down.
            The more I try to sleep, the more awake I get.
        """,
        "ask": """
            Is it better to get up or keep lying there?
            How do I stop dreading bedtime?
            Are there things that help people sleep after trauma that aren't pills?
        """,
        "terse": """
            awake again. 3am
            two hours sleep. again
        """,
        "vague": """
            Not much sleep going on lately.
            The nights have been long.
            Sleep isn't really happening at the moment.
        """,
    },
    "startle": {
        "detail": """
            A door slammed in the wind and I dropped a full plate.
            Someone laughed loudly behind me and I spun around ready for anything.
            My heart was still pounding ten minutes after a bus hissed its brakes.
            I've started wearing earbuds in town just to dull the sudden sounds.
            Someone dropped a tray at the cafe and I was on my feet before I knew it.
            My coworker tapped my shoulder and I nearly knocked her hand away.
            A car backfired and I ducked in front of a whole bus stop of people.
            The smoke alarm went off while I was cooking and my heart didn't settle for an hour.
            A balloon popped at a kid's party and I had to step outside.
            Someone came into the kitchen quietly behind me and I actually yelled.
            I spilled coffee all down myself when a door slammed.
            Fireworks from the neighbors had me sitting in the hallway.
            Even the microwave beeping makes me jump some days.
            People laugh it off, but my body doesn't.
        """,
        "insight": """
            I know the sound isn't dangerous, but my body gets there first.
            It's worse in the evenings when I'm already worn out.
        """,
        "ask": """
            Will I always jump like this?
            How do I calm down faster after it happens?
            How do I explain it to the people around me without it being a big deal?
        """,
        "terse": """
            jumped out of my skin again
            loud bang. heart still going
        """,
        "vague": """
            I've been really jumpy lately.
            Loud noises are getting to me again.
            I got a fright today and it took ages to settle.
        """,
    },
    "relationship_strain": {
        "detail": """
            We sat on opposite ends of the couch all evening without saying much.
            I said something sharp and watched it land, and I couldn't take it back.
            I don't know how to ask for space without it sounding like rejection.
            I miss how easy things used to feel between us.
            We had the same argument again and neither of us really knew what it was about.
            {Close} reached for my hand and I pulled away without meaning to.
            I can feel everyone tiptoeing around me at home and I hate it.
            We haven't been out together in months.
            I got asked straight out if I still care, and I didn't answer fast enough.
            I spent the evening in a different room just to have quiet.
            We used to talk every night before bed and now we just scroll.
                        I want to explain, but I don't have the words for what's going on.
            We eat dinner in front of the TV so we don't have to talk.
        """,
        "insight": """
            I think I push people away before they can get close enough to hurt me.
            I know it's not their fault, but I don't know how to let them back in.
        """,
        "ask": """
            How do I explain what's going on without scaring them off?
            Is there a way to feel close again without forcing it?
            Should we think about seeing someone together?
        """,
        "terse": """
            another fight. feel far apart
            we barely talk anymore
        """,
        "vague": """
            Things aren't great between me and someone close to me.
            Home has been tense lately.
            Things at home are strained, and I'm not sure how to fix it.
        """,
    },
    "trust_safety": {
        "detail": """
            I walked the long way home so nobody could follow me.
            I asked a delivery driver to leave the parcel on the step rather than open the door.
            I keep a mental note of everyone's car on my street.
            I flinched when a new coworker asked where I live.
            I checked the locks four times last night and the windows twice.
            A neighbor was friendly and I spent the whole conversation wondering what they wanted.
            I don't give my address to anyone if I can avoid it.
            I sit with my back to the wall in every cafe.
            I read a kind message from a friend and looked for the catch.
            I changed my passwords again even though nothing happened.
            I can't let anyone walk behind me on the sidewalk.
            Someone offered to help carry my bags and I said no too sharply.
            I keep the curtains closed even in the daytime.
            I screenshot conversations just in case I need them later.
        """,
        "insight": """
            I know most people aren't dangerous, but knowing doesn't calm me down.
            I think once you've been wrong about someone you stop trusting your own judgment.
        """,
        "ask": """
            How do I start trusting people again without being naive?
            How much checking is too much?
            How do I tell the difference between a real warning sign and my fear?
        """,
        "terse": """
            dont trust anyone right now
            checked the locks again. and again
        """,
        "vague": """
            I've been on guard with everyone lately.
            Trusting people is hard right now.
            I've been feeling unsafe lately, even when I know I'm fine.
        """,
    },
    "media_reminder": {
        "detail": """
            I couldn't sleep after it because the images kept coming back.
            It was on the radio in a taxi and I asked the driver to change it.
            I keep refreshing for updates even though I know it's bad for me.
            I had to leave the room when my family put it on the news.
            It came up on my feed between a recipe and a cat video.
            I turned the TV off but the sound was already in my head.
            My friend sent it to me without knowing, and I couldn't tell her why I went quiet.
            I kept scrolling the comments even though every one made it worse.
            There was a clip on the news at the gym and I had to get off the treadmill.
            I've muted a bunch of words on my phone but it still slips through.
            I saw a headline at the gas station and felt sick the whole drive.
            I watched it twice, which I know was a mistake.
            People at work were talking about it at lunch and I went to the restroom.
            I deleted the app for the night just to get a break.
        """,
        "insight": """
            I think I look at it again because some part of me wants to understand it.
            Stories about it always seem to find me at the worst moments.
        """,
        "ask": """
            How do I stop looking at it once I've started?
            Is it okay to just avoid the news for a while?
            What do I do in the hours after I've seen something like that?
        """,
        "terse": """
            saw something online. shaken
            that story again. cant stop reading
        """,
        "vague": """
            I saw something that hit too close to home.
            Something I came across online stirred things up.
            Something in the news got to me today.
        """,
    },
    "physical_symptoms": {
        "detail": """
            I've been grinding my teeth so much my dentist asked what's going on.
            My chest gets tight out of nowhere while I'm doing the dishes.
            I feel sick before I even get out of bed some mornings.
            My neck clicks every time I turn it because it's so tense.
            My jaw aches every morning from clenching it.
            I've had a headache sitting behind my eyes for three days.
            My stomach turns over every time my phone buzzes.
            I've been to the doctor twice and they can't find anything wrong.
            My shoulders are so tight I can't turn my head properly.
            My heart races for no reason while I'm just sitting there.
            I get pins and needles in my hands when things get tense.
            I'm tired all the time, even on days I barely move.
            My back has been seizing up since the start of the month.
            I keep getting colds, like my body has stopped fighting anything off.
        """,
        "insight": """
            I think my body has been bracing for so long it forgot how to stop.
            The aches are worst on the days I've had to hold it together the most.
        """,
        "ask": """
            Can stress really cause this much in the body?
            What can I do for the tension that isn't just painkillers?
            How do I bring this up with my doctor without sounding like I'm making it up?
        """,
        "terse": """
            body aching again. no reason
            stomach in knots all day
        """,
        "vague": """
            My body's been acting up lately.
            I've been feeling run down and achy.
            My body hasn't been feeling right for a while.
        """,
    },
    "dissociation": {
        "detail": """
            I put my keys in the fridge and only found them the next day.
            I was stirring a pot and suddenly couldn't feel my hands on the spoon.
            Someone said my name three times before I heard it.
            I caught my reflection in a store window and it felt like a stranger.
            I looked in the mirror and for a second didn't recognize my own face.
            I arrived at work and couldn't remember the drive at all.
            People's voices sounded far away, like they were in another room.
            I lost a chunk of the afternoon and found the laundry half folded.
            My hands looked like someone else's hands on the steering wheel.
            I held an ice cube because someone said it helps, and it sort of did.
            I was in a conversation and suddenly realized I hadn't heard any of it.
            Everything looked flat, like a photo of the room rather than the room.
            I said something to my friend and it felt like watching myself say it.
            I have to check my messages to see what I did yesterday.
        """,
        "insight": """
            I think I drift off when something feels like too much, even if I don't notice it in the moment.
            It happens more when I'm tired or around a lot of noise.
        """,
        "ask": """
            What can I do to come back when I notice I've drifted?
            Is this something that gets better?
            How do I explain this to people when I lose track of conversations?
        """,
        "terse": """
            spaced out again. lost the afternoon
            not feeling real today
        """,
        "vague": """
            I've been zoning out more than usual.
            I keep drifting off somewhere in my head.
            I've been a bit disconnected lately.
        """,
    },
    "parenting_worry": {
        "detail": """
            I got short about something tiny at breakfast and felt it all day.
            I keep checking on everyone at night more than I need to.
            I want to be the steady one, and lately I'm not.
            I sat in the car outside the house for ten minutes before I could go in and be present.
            I snapped about homework and saw a little face fall.{if_kids_school}
            I missed the school concert because I couldn't face the crowd.{if_kids_school}
            I got asked why I always check the door before bed, and I didn't have an answer.{if_kids_minor}
            I wanted to play with {kids} and just couldn't get off the couch.{if_kids_minor}
            I put a film on for {kids} again because I had nothing left.{if_kids_minor}
            I read a bedtime story and realized I hadn't taken in a single word.{if_kids_minor}
            I keep getting asked at home if I'm okay, and that shouldn't be a child's job.{if_kids_minor}
            I hugged too tight at the school gate and got an eye-roll for it.{if_kids_school}
            I worry everyone can feel how tense the house is.
            I keep promising myself tomorrow I'll be more present.
        """,
        "insight": """
            I notice I'm at my shortest with everyone on the days I've slept the least.
            I think I'm scared of being seen the way I used to see my own parent when I was little.
        """,
        "ask": """
            How do I repair things after I've snapped?
            How much should I tell them about what's going on with me?
            What can I do to keep things steady on my bad days?
        """,
        "terse": """
            snapped at home again. hate it
            worried im messing them up
        """,
        "vague": """
            I'm worried about how I'm doing with my family.
            I don't feel like I'm showing up the way I should at home.
            I'm worried about how all this is landing at home.
        """,
    },
}
