# ruff: noqa: E501  (bank lines are prose, one phrase per line)
"""Further DN reasons and SR steps/tries per scenario, merged into reply_parts.PARTS (same field rules as there).

None of these names a slot, so none can reflect something the client did not say: reasons explain a reaction in
general terms, and steps/tries are offers, not claims about what the client did.
"""

from __future__ import annotations

EXTRA_PARTS: dict[str, dict[str, str]] = {
    "nightmare": {
        "reasons": """
            the part of the brain that sorts memories does a lot of its work in sleep, and frightening material tends to surface there first
            a mind that has been through something overwhelming often rehearses it at night, as if trying to finish an unfinished job
            sleep lowers the guard the mind keeps up all day, so whatever it's been holding back has more room
            a nightmare sets off the same stress chemistry as a real threat, and that takes hours to wash out
            being tired and on edge makes the next night lighter and more broken, which makes dreams easier to remember
        """,
        "steps": """
            work out a few words you could say to yourself the moment you wake
            sketch a gentler wind-down for the hour before bed
            look at what tends to be going on in the days before the worst nights
        """,
        "tries": """
            get up, change rooms and put the kettle on, so the night has a clear break in it
            splash cold water on your face or hold something cold to bring your body back to the present
            keep a note by the bed that says where you are and that you're safe now
        """,
    },
    "public_trigger": {
        "reasons": """
            the alarm system is built to react first and check later, so it can fire in a safe place as easily as a dangerous one
            a reminder that arrives without warning gives the thinking brain no time to step in
            the brain files sounds, smells and crowds from a frightening time as warning signs, and it reacts before you have a chance to think
            busy places pile up noise, light and strangers all at once, which is a lot for a nervous system that's already braced
            leaving is the body's way of getting to safety fast, and it often works in the moment, which is why the urge is so strong
        """,
        "steps": """
            map out a quieter time of day for errands, when the place is less crowded
            work out a short plan for the first minute of panic, so you have something to reach for
            pick one small trip to practice with, where you can leave whenever you need to
        """,
        "tries": """
            press your feet into the floor and name five things you can see
            breathe out slowly for longer than you breathe in, a few times over
            carry something small in your pocket to hold on to when it starts
        """,
    },
    "anniversary": {
        "reasons": """
            memories are tied to seasons and routines, so the whole body can start bracing as the date comes around
            marking time is part of how people carry loss, and an anniversary stirs up everything that hasn't been put to rest
            the body keeps its own calendar, and changes in light, weather and routine can bring it all back before you've noticed the date
            grief and fear often arrive together around a date like this, and they can show up as tiredness or a short temper rather than tears
            the weeks before an anniversary are often harder than the day itself, because the waiting carries its own strain
        """,
        "steps": """
            think about how you'd like the day to look, hour by hour, so it doesn't just happen to you
            work out who you'd want to know it's a hard week for you
            plan something for the day after, so there's something to move toward
        """,
        "tries": """
            mark the day in a small way of your own choosing, or decide not to mark it at all
            let yourself lower the bar on chores and plans that week
            write down what you'd like to say to yourself on the day, and keep it somewhere close
        """,
    },
    "flashback": {
        "reasons": """
            the senses can act as a doorway, and a single cue can pull the whole memory through with it
            the alarm system doesn't keep track of how long ago something happened, only how dangerous it felt
            memories from an overwhelming time are stored differently, so they can come back as sensations and feelings rather than as a story
            during a flashback the part of the brain that tracks time goes quiet, which is why it can feel like it's happening now
            the shakiness afterwards is the body burning off a surge of adrenaline, not a sign that something is wrong with you
        """,
        "steps": """
            put together a short list of grounding things that work for you specifically
            think about the earliest signs that one is starting, so you can catch it sooner
            work out what you need in the hour after one, so the comedown is gentler
        """,
        "tries": """
            say the date, where you are and how old you are, out loud if you can
            hold something with a strong smell or texture, like a lemon or a rough stone
            look around the room and name the colors you see, one by one
        """,
    },
    "guilt_self_blame": {
        "reasons": """
            people who care a lot about doing right often turn the blame inward when something goes badly wrong
            the mind finds it easier to believe in a mistake it could have fixed than in something nobody could have stopped
            looking back, we know things we couldn't have known at the time, and the mind judges the past with that knowledge
            guilt can be a way of holding on to a sense of control, because if it was your fault it might have been preventable
            going over and over it is the mind trying to find a different ending, even though the story can't change
        """,
        "steps": """
            look at what you actually knew and could do in those few minutes, not what you know now
            think about what you'd say to a friend who told you the same story
            talk through where the heaviest part of the blame sits for you
        """,
        "tries": """
            write down what happened as plainly as you can, and notice where the blame jumps in
            notice the moments when the guilt gets loudest, and what's going on around them
            talk it over with a therapist, since guilt after trauma is something many of them work with
        """,
    },
    "anger_family": {
        "reasons": """
            the surge that comes with anger is the same surge that comes with fear, and it takes a while to settle
            exhaustion and poor sleep wear down the space between feeling something and reacting to it
            anger is often what fear looks like from the outside, and a nervous system on alert has a short fuse
            when the body is running on high alert, small frustrations land as if they were threats
            home is where people feel safe enough to let the strain show, which is why it often spills out there first
        """,
        "steps": """
            work out an early signal that tells you the anger is building
            plan a short phrase you can use to step away before it boils over
            think about how you'd like to come back to things once you've cooled down
        """,
        "tries": """
            leave the room for ten minutes and come back when your body has settled
            agree on a word with the people at home that means you need a pause
            move your body hard for a few minutes, like a brisk walk, to burn off the surge
        """,
    },
    "isolation": {
        "reasons": """
            being alone can feel like the only place the alarm finally quiets down
            shame and tiredness both pull people inward, and they often travel together after trauma
            pulling back can feel like the only way to get some quiet when being around people takes so much energy
            the longer contact goes quiet, the harder it feels to reach out again, and that isn't a sign anyone has given up on you
            after trauma, being with people can take more out of you, because part of you is always scanning and on guard
        """,
        "steps": """
            pick one person who feels easiest to be around and think about a tiny way to reach them
            look at kinds of contact that ask very little of you, like a short text or sitting together without much talk
            think about what made connecting feel possible in the past
        """,
        "tries": """
            send one short message with no pressure for a reply
            spend some time somewhere with people around but no need to talk, like a library or a park
            set a time limit on a visit, so it's easier to say yes
        """,
    },
    "hypervigilance_work": {
        "reasons": """
            the body learned to stay watchful for good reasons, and it takes time and safe experiences to teach it otherwise
            the more tired and stretched you are, the harder the brain works to keep watch
            scanning for danger was useful once, and the body hasn't yet learned that this place is different
            an open office is full of sounds and movement the brain has to check, and that constant checking is tiring
            being on guard all day uses a lot of energy, which is why the evenings can feel so drained
        """,
        "steps": """
            look at small changes to your workspace that would let your body relax a little
            plan short breaks across the day to let your shoulders come down
            think about whether anyone at work could know enough to help, without you sharing more than you want
        """,
        "tries": """
            take a few slow breaths each time you sit back down at your desk
            use headphones with low music to soften the background noise
            step outside for a few minutes at lunch, even just to the parking lot
        """,
    },
    "avoidance_place": {
        "reasons": """
            the body remembers where danger happened and sounds the alarm as you get close, long before you decide anything
            staying away is a way of keeping yourself safe that made sense once, and it takes gentle practice to loosen
            each time you stay away the relief teaches the brain that the place really was dangerous, so the fear keeps its hold
            the brain links places to danger very quickly and unlinks them slowly, and that's how it's built
            avoiding one place often spreads to nearby ones, because the alarm generalizes to anything that looks similar
        """,
        "steps": """
            make a list of related places, from the least hard to the hardest
            plan a very short first visit with a clear way out
            think about who you'd want with you the first time
        """,
        "tries": """
            drive past it once, without stopping, and see how your body responds
            look at a photo or a map of the place first, from somewhere you feel safe
            rate the fear from zero to ten before and after, so you can see it change
        """,
    },
    "setback": {
        "reasons": """
            the path through trauma recovery often loops back on itself before it moves forward again
            hard weeks tend to pull up old patterns, since those were the brain's first ways of coping
            recovery tends to move in waves rather than a straight line, and a dip usually comes after a stretch of real progress
            stress, tiredness or a reminder can bring old reactions back for a while without undoing the work underneath
            the fact that this feels so different from last month shows how far things had moved
        """,
        "steps": """
            look back at what was helping during the better weeks
            think about what changed just before this rough patch
            plan a few small things for this week, so you're not aiming for everything at once
        """,
        "tries": """
            go back to one of the practices that helped before, even in a smaller form
            write down three things you could do a month ago that you couldn't do before
            tell your therapist or someone you trust that it's a rough patch, so you're not carrying it alone
        """,
    },
    "fear_disclosure": {
        "reasons": """
            secrecy can feel protective for a long time, so letting something out can feel like taking down a wall
            the fear of being judged often runs strongest with the people whose opinion matters most
            telling someone can feel like handing over something fragile, and not knowing how they'll respond is frightening in itself
            after trauma, being seen can feel risky, even with people who care, because being exposed once went so badly
            it's common to want support and to want privacy at the same time, and both are reasonable
        """,
        "steps": """
            think about how much you want to share, and what you'd rather keep to yourself for now
            plan where and when you'd feel most at ease saying it
            work out what you'd like the other person to do once you've told them
        """,
        "tries": """
            start with a small part of it and see how it's received
            write it down and let the other person read it, if speaking feels like too much
            let them know up front what kind of response would help, like just listening
        """,
    },
    "numbness": {
        "reasons": """
            shutting down is one of the ways the nervous system protects itself when there's too much to feel
            the same system that blocks pain also tends to block pleasure for a while
            feeling flat can be the mind turning the volume down on everything after it was overwhelmed, the good along with the bad
            numbness often comes after a long stretch of being on high alert, like a system running on low power to protect itself
            not feeling much doesn't mean you don't care, since the feelings are often still there and just hard to reach right now
        """,
        "steps": """
            look for small moments in the day when something flickers, even a little
            think about which senses still get through, like warmth, music or taste
            talk through what used to matter to you, without expecting to feel it yet
        """,
        "tries": """
            notice one physical sensation each day, like a warm drink in your hands
            do one thing you used to enjoy, without needing to enjoy it
            move your body gently, since feeling often comes back through the body first
        """,
    },
    "treatment_hesitancy": {
        "reasons": """
            past experiences of not being believed or understood can make any new helper feel like a risk
            it takes energy to start something new, and that energy is often in short supply after trauma
            reaching out for help means trusting a stranger with something painful, and being wary of that is understandable
            many people worry therapy will mean going through everything at once, and that worry alone can keep the door closed
            wanting to handle things on your own is a very natural instinct, especially if you've had to rely on yourself for a long time
        """,
        "steps": """
            write down the questions you'd want to ask a therapist before agreeing to anything
            look at what a first appointment usually involves, so it feels less unknown
            think about what you'd need from someone to feel safe enough to start
        """,
        "tries": """
            book a short first call just to see how it feels, without committing to more
            ask your doctor what options there are, including ones that don't involve talking through details
            bring someone with you to the first appointment or have them wait outside
        """,
    },
    "substance_urges": {
        "reasons": """
            stress and reminders can wake up old cravings, especially at the times of day that used to bring relief
            the brain's reward system remembers quick relief very well, long after you've decided to stop
            when something has taken the edge off before, the brain remembers it as relief and reaches for it under stress
            urges tend to rise and then fall on their own, usually within half an hour, even if it doesn't feel that way in the moment
            cravings often show up at the same times and places as the old habit, because the brain has linked them
        """,
        "steps": """
            look at the times of day when the pull is strongest and plan something for them
            make a list of people you could contact when an urge hits
            think about what the drinking or using was helping with, so we can look for other ways to meet that need
        """,
        "tries": """
            set a timer for twenty minutes and do something with your hands while you wait for the urge to pass
            rate the urge from one to ten every few minutes and watch it change
            tell someone you trust about the urge as it's happening
        """,
    },
    "sleep_problems": {
        "reasons": """
            the nervous system needs to feel safe before it lets sleep take over, and after trauma that can take a long time
            night is often when worries get loudest, because there's nothing else to hold your attention
            a body that's been on alert finds it hard to let go at night, because sleep means letting your guard down
            lying awake and worrying about sleep can make the bed itself a cue for being awake
            broken sleep makes everything else harder the next day, which feeds the worry about the next night
        """,
        "steps": """
            look at what the hour before bed is like for you right now
            work out a simple routine that tells your body the day is winding down
            plan what to do if you're still awake after twenty minutes
        """,
        "tries": """
            get up after twenty minutes of lying awake and do something quiet in dim light
            keep the same wake-up time every day, even after a bad night
            write down what's on your mind before bed, so it's out of your head
        """,
    },
    "startle": {
        "reasons": """
            a nervous system that's been through danger sets its alarm much more sensitively, to avoid missing anything
            tiredness and stress turn the sensitivity up further, which is why some days are worse than others
            the startle reflex runs faster than thought, so your body reacts before you've had any chance to decide
            after trauma, the threshold for startling often drops, so ordinary sounds set off the full alarm
            the racing heart afterwards is your body coming down from a surge, and that can take a while
        """,
        "steps": """
            think about which sounds or situations set it off most, and where you can soften them
            plan a few things to do in the seconds afterwards to help your body settle
            work out what you'd like people around you to know about it
        """,
        "tries": """
            let people you live or work with know that it helps if they announce themselves
            take a long, slow breath out once the jump is over
            put your hand on your chest and feel your heartbeat slow down
        """,
    },
    "relationship_strain": {
        "reasons": """
            trauma can shrink the energy available for closeness, even when the love is still there
            people often pull away from the very people they feel safest with, because that's where they can let their guard drop
            trauma can make closeness feel risky, so pulling away can happen even when you love someone
            when you're stretched thin, there may be little left over for the people you care about most
            both people can end up feeling lonely in the same house, each waiting for the other to reach out
        """,
        "steps": """
            think about how you might explain what's going on inside you, in a few simple words
            look at small ways to stay close that don't take a lot of energy
            plan a calm time to talk, rather than in the middle of an argument
        """,
        "tries": """
            share one sentence about how you're feeling, even if it's just that it's a hard day
            suggest a short, low-key thing to do together, like a walk
            look into couples counseling with someone who understands trauma
        """,
    },
    "trust_safety": {
        "reasons": """
            the mind learns from experience, and one serious betrayal can teach it to expect danger everywhere
            staying alert around people can feel like protection, even when it costs a lot of energy and comfort
            when trust has been broken badly, the mind learns to be careful, and that caution can be hard to switch off
            checking and watching can feel like the only way to stay safe, even when it wears you out
            wariness even with kind people reflects how much your safety was once at risk, not a flaw in you
        """,
        "steps": """
            think about what helps you feel a little safer at home
            look at which safety habits feel helpful and which feel like they've grown too big
            talk through what trust might look like in small, low-risk steps
        """,
        "tries": """
            check the locks once, say out loud that they're done, and then walk away
            notice one small thing each day that tells you you're safe right now
            spend time with a person you trust, in a place that feels comfortable
        """,
    },
    "media_reminder": {
        "reasons": """
            seeing something similar to what happened can set off the same chain of reactions as the original event
            the brain doesn't easily separate someone else's story from your own when they look so alike
            images and sounds go straight to the brain's alarm system, which can't always tell a screen from real life
            when something similar to what happened is in the news, it can feel like it's happening all over again
            going over the coverage again and again can be the mind trying to make sense of it, even though it keeps the alarm going
        """,
        "steps": """
            look at what you'd like to filter out of your feeds for a while
            plan what you'll do when something like that pops up without warning
            think about which sources feel safer to use for news right now
        """,
        "tries": """
            turn off autoplay and mute a few key words for a while
            put your phone in another room for an hour after seeing something upsetting
            do something that uses your hands or senses, like cooking or a shower, to break the loop
        """,
    },
    "physical_symptoms": {
        "reasons": """
            stress keeps muscles braced and the gut on alert, and over months that shows up as real pain and discomfort
            the body often keeps carrying tension long after the danger has passed
            a body that's been on high alert for a long time holds that tension in muscles, stomach and jaw
            stress hormones affect digestion, sleep and the immune system, so the body can feel worn down in many ways at once
            the mind and body are closely linked, and trauma often shows up as aches and tension before it shows up as feelings
        """,
        "steps": """
            look at when the symptoms are strongest and what's happening around those times
            think about gentle ways to give your body a break during the day
            talk through how you'd like to bring this up with your doctor
        """,
        "tries": """
            tense and then slowly release one muscle group at a time
            put a warm compress on your shoulders or jaw in the evening
            mention the stress and the history to your doctor, so they have the full picture
        """,
    },
    "dissociation": {
        "reasons": """
            stepping back from your own experience is a way the mind turns down the intensity when it gets too high
            the mind can slip into this on its own when something feels too close to what happened
            drifting away is a protective response the mind uses when something feels like too much
            feeling detached or unreal is a common response after trauma, and many people describe it in almost the same words
            dissociation often shows up when you're tired or stressed, which is when the mind is most stretched
        """,
        "steps": """
            think about early signs that you're starting to drift
            put together a short grounding kit you can keep with you
            look at which situations tend to bring it on most
        """,
        "tries": """
            hold something cold or textured to bring your attention back to your body
            describe your surroundings to yourself in detail, one thing at a time
            keep a small notebook to jot down what you've done, so gaps are less frightening
        """,
    },
    "parenting_worry": {
        "reasons": """
            caring for others while carrying your own pain is a double load, and it's bound to show sometimes
            the people who depend on you tend to do best when they see the hard moments followed by care and repair
            caring this much about your impact on others is itself a sign of a caring parent or carer
            people in your care usually do better when hard moments are followed by repair, rather than never having hard moments at all
            being worn down makes patience harder for anyone, and it's not a measure of how much you love them
        """,
        "steps": """
            think about a simple way to repair after a hard moment
            look at small rituals that could stay steady even on bad days
            work out where you could get a bit more support, so you're not doing it all alone
        """,
        "tries": """
            say sorry simply after a hard moment, and let it be enough
            spend ten minutes of full attention on something small together
            ask for help with one regular task, so you have a little more in reserve
        """,
    },
}
