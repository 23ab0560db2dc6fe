# ruff: noqa: E501  (bank lines are prose, one template per line)
"""Further whole-sentence DN and step lines per scenario, merged into reply_bank.REPLIES (same house rules).

None names a slot, so each fits any client message for its scenario: DN lines explain the reaction in general terms,
and step lines are optional offers that never ask for details of what happened.
"""

from __future__ import annotations

EXTRA_REPLIES: dict[str, dict[str, str]] = {
    "nightmare": {
        "er": """
            What a frightening night, and the morning doesn't seem to have brought much relief.
            There's fear in this, and a bone-deep tiredness that comes from nights like that.
            Carrying a dream like that into the day sounds unsettling, and really draining.
        """,
        "dn": """
            A bad dream can leave the body flooded for hours, so feeling shaky and foggy the next day is a very ordinary aftermath.
            Plenty of people find the dreams come and go with how stretched they are during the day; that's the mind doing its filing at night.
            It's no small thing to wake up frightened in the dark, and wanting a light on or a familiar sound nearby is a sensible response.
        """,
        "step": """
            When you wake from one, would it help to have a couple of steady things ready, like a drink of water or a particular blanket?
            We could look at the hour before bed together and see if there's anything that could make it a little softer, if you'd like.
            Would it feel useful to plan what you'd do the next time, so the middle of the night feels less like facing it with nothing?
        """,
    },
    "public_trigger": {
        "er": """
            Being flooded with panic somewhere public sounds frightening, and exposing on top of it.
            There's fear in what you describe, and a sting of embarrassment that seems to have stayed with you.
            An ordinary outing turning frightening that fast is a lot to shake off.
        """,
        "dn": """
            Busy stores are full of noise, light and strangers, which is a lot for a nervous system that's already on alert.
            Wanting to get out fast is the body heading for safety, and the relief of leaving is part of why the urge is so strong.
            Plenty of people have a moment like this and then replay it for days; the afterglow of embarrassment is common too.
        """,
        "step": """
            Would it help to work out a couple of things to do in the first minute, like pressing your feet down or breathing out slowly?
            If it feels right, we could think about quieter times or smaller places for errands for a while.
            Would you want to think about a small, low-pressure trip where you can leave whenever you need to?
        """,
    },
    "anniversary": {
        "er": """
            This time of year sounds heavy for you, with dread building as the date comes closer.
            There's grief in what you wrote, and a restlessness that seems to come with the season.
            The date seems to be pressing on you already, and it's wearing you down.
        """,
        "dn": """
            The weeks leading up to a date like this are often harder than the day itself, because the waiting carries its own strain.
            Grief and fear around an anniversary often show up sideways, as tiredness, a short fuse or trouble sleeping.
            The body keeps its own calendar; changes in light and weather can start the feelings before you've even looked at a date.
        """,
        "step": """
            Would it help to think about how you'd like the day to go, so it feels a little more in your hands?
            We could think about who you'd want to know it's a hard week, if anyone, and what you'd want from them.
            Would it be worth planning something gentle for the day after, so there's something to move toward?
        """,
    },
    "flashback": {
        "er": """
            Being pulled back into it like that sounds frightening, and disorienting afterward.
            There's fear in this, and a shakiness that sounds like it hasn't fully left you.
            For a while the past seemed more real than the present, and that's deeply unsettling.
        """,
        "dn": """
            During a flashback, the part of the brain that keeps track of time goes quiet, which is why it can feel like it's happening now.
            Memories from overwhelming times are often stored as sensations rather than a story, so a smell or sound can bring them back whole.
            Feeling shaky and drained afterward is the body burning off a surge of adrenaline, and it's a very common aftermath.
        """,
        "step": """
            Would it help to put together a few grounding things that work for you, like saying the date or holding something cold?
            If you'd like, we could think about the earliest signs that one is starting, so you might catch it sooner.
            Would it be useful to plan what you need in the hour after one, so the comedown is a bit gentler?
        """,
    },
    "guilt_self_blame": {
        "er": """
            The guilt in what you wrote sounds heavy, and it seems to follow you everywhere.
            Putting yourself on trial over and over like this sounds exhausting.
            There's so much self-blame in this, and sadness sitting right underneath it.
        """,
        "dn": """
            Looking back, we know things we couldn't have known then, and the mind tends to judge the past with that hindsight.
            Guilt can be a way of holding on to a sense of control, because if it was your fault, it feels like it could have been prevented.
            Going over it again and again is often the mind searching for a different ending; many people describe exactly that.
        """,
        "step": """
            Would it help to look at what you actually knew and could do in those moments, rather than what you know now?
            If it feels okay, we could think about what you'd say to a close friend who told you this same story.
            Would talking with a therapist who works with guilt after trauma be something you'd consider at some point?
        """,
    },
    "anger_family": {
        "er": """
            The anger seems to have come fast, and the regret afterward is clearly weighing on you.
            There's frustration in this, and a lot of sadness about the effect on the people you love.
            You sound shaken by how quickly things boiled over, and worried about what it means.
        """,
        "dn": """
            When the body is running on high alert, small frustrations land like threats, and the fuse gets very short.
            Home is often where the strain spills out first, because it's where people feel safe enough to let it show.
            Anger is often fear wearing a different face, and many people notice it more after living through something frightening.
        """,
        "step": """
            Would it help to work out an early signal that the anger is building, and a way to step out before it peaks?
            We could think about how you'd like to come back to things once you've cooled down, if that would be useful.
            Would it be worth agreeing on a word with the people at home that means you need a short pause?
        """,
    },
    "isolation": {
        "er": """
            It sounds lonely, keeping the world at arm's length even when part of you misses people.
            There's tiredness in this, and a quiet sadness about how far away everyone feels.
            Pulling back sounds like it brings some relief, and a lot of loneliness along with it.
        """,
        "dn": """
            When being around people takes so much energy, pulling back can feel like the only way to get some quiet.
            The longer contact goes quiet, the harder it feels to reach out again, and that's true for nearly everyone.
            After trauma, part of you is always scanning when you're with people, which makes company far more tiring than it used to be.
        """,
        "step": """
            Would it help to think of one person who feels easiest to be around and a very small way to reach them?
            We could look at kinds of contact that ask very little of you, like a short message with no need for a reply.
            Would it feel doable to spend a little time somewhere with people around but no need to talk, like a park or a library?
        """,
    },
    "hypervigilance_work": {
        "er": """
            Staying on alert all day at work sounds exhausting, and lonely too.
            There's tension all through what you wrote, and frustration that your body won't stand down.
            Work seems to have become a place where you never quite get to relax, and that's exhausting.
        """,
        "dn": """
            Scanning for danger once kept you safe, and the body doesn't yet trust that this place is different.
            Being on guard all day uses a huge amount of energy, so feeling wiped out by evening makes a lot of sense.
            Offices are full of sudden sounds and movement, and a nervous system on alert has to check every one of them.
        """,
        "step": """
            Would it help to look at small changes to where and how you work, so your body can let down a little?
            We could think about short breaks across the day to let your shoulders come down, if you'd like.
            Would it be worth thinking about a way to mark the end of the workday, so the alert doesn't follow you home?
        """,
    },
    "avoidance_place": {
        "er": """
            It sounds frustrating to watch this place shape so much of your life, and frightening to imagine going back.
            There's fear in this, and some sadness about what the avoiding has cost you.
            You sound torn between wanting your world back and dreading the first step.
        """,
        "dn": """
            Each time you stay away, the relief teaches the brain the place really was dangerous, which is why the fear holds on.
            The brain links places to danger quickly and unlinks them slowly; that's how it's built, not a personal failing.
            Avoidance often spreads to nearby places and routes, because the alarm generalizes to anything that looks similar.
        """,
        "step": """
            Would it help to make a list of related places, from the least hard to the hardest, and start near the bottom?
            If it feels right, we could plan a very short first visit with a clear way out.
            Would you want to think about who you'd like with you the first time you go back?
        """,
    },
    "setback": {
        "er": """
            It sounds discouraging to feel the old struggles come back after working so hard.
            There's disappointment in what you wrote, and some fear about what this dip means.
            Feeling like you've lost ground sounds painful, especially after the progress you'd made.
        """,
        "dn": """
            Recovery tends to move in waves, and a dip often comes after a stretch of real progress.
            Stress, tiredness or a reminder can bring old reactions back for a while without undoing what's underneath.
            The fact that this feels so different from a few weeks ago shows how far things had moved.
        """,
        "step": """
            Would it help to look back at what was helping during the better weeks and pick one thing to return to?
            We could think about what changed just before this rough patch, if that feels useful.
            Would it be easier to set a few small aims for this week, rather than trying to get everything back at once?
        """,
    },
    "fear_disclosure": {
        "er": """
            It sounds like you want to be known and you're scared of how it'll land, both at once.
            There's fear in this, and a loneliness that comes from keeping something so big to yourself.
            You sound torn between wanting support and wanting to stay protected.
        """,
        "dn": """
            Telling someone can feel like handing over something fragile, and not knowing how they'll take it is frightening in itself.
            Many people want support and privacy at the same time, and both are completely reasonable.
            When being exposed has gone badly before, it makes sense to be careful about who you tell and when.
        """,
        "step": """
            Would it help to think about how much you want to share, and what you'd rather keep to yourself for now?
            We could think about where and when you'd feel most at ease saying it, if you'd like.
            Would writing it down and letting the other person read it feel easier than saying it out loud?
        """,
    },
    "numbness": {
        "er": """
            Feeling so flat sounds lonely, and a bit frightening when you can't find your way back to feeling.
            There's a real sense of distance in what you wrote, and sadness about what's gone missing.
            It sounds disorienting to go through your days and feel so little of them.
        """,
        "dn": """
            Feeling flat can be the mind turning the volume down on everything after it was overwhelmed, the good along with the bad.
            Numbness often follows a long stretch of being on high alert, a bit like a system running on low power to protect itself.
            Not feeling much doesn't mean you don't care; for many people the feelings are still there, just hard to reach for now.
        """,
        "step": """
            Would it help to notice one small physical sensation each day, like warmth from a mug or sun on your face?
            We could look for small moments when something flickers, even a little, if that feels okay.
            Would it be worth doing one thing you used to enjoy, without needing to enjoy it yet?
        """,
    },
    "treatment_hesitancy": {
        "er": """
            It sounds like part of you wants help and part of you is very wary, and both make sense.
            There's uncertainty in this, and some fear about what opening up might bring.
            You sound torn about taking that step, and tired of going back and forth on it.
        """,
        "dn": """
            Reaching out for help means trusting a stranger with something painful, and being wary of that is understandable.
            Many people hold off because they fear they'll have to go through everything at once; that worry alone can keep the door closed.
            Wanting to handle things yourself is a very natural instinct, especially if you've had to rely on yourself for a long time.
        """,
        "step": """
            Would it help to write down the questions you'd want to ask a therapist before agreeing to anything?
            We could go through what a first appointment usually involves, so it feels a bit less unknown, if you'd like.
            Would a short first call, without committing to more, feel like a manageable place to start?
        """,
    },
    "substance_urges": {
        "er": """
            The pull has clearly been strong, and fighting it sounds exhausting.
            There's strain in what you wrote, and worry about how close the urge feels.
            You sound drained from holding the line against the craving, and anxious about the evenings.
        """,
        "dn": """
            When something has taken the edge off before, the brain remembers it as relief and reaches for it under stress.
            Urges often come at the same times and places as the old habit, because the brain has linked them together.
            Cravings tend to rise, peak and then ease, even though in the middle of one it can feel like it'll never let up.
        """,
        "step": """
            Would it help to look at the times of day when the pull is strongest and plan something for those hours?
            We could put together a short list of people or things to turn to when an urge hits, if that would be useful.
            Would it be worth setting a timer and keeping your hands busy while you wait for the urge to ease?
        """,
    },
    "sleep_problems": {
        "er": """
            Night after night of broken sleep sounds exhausting, and the dread of bedtime comes through.
            There's weariness in this, and frustration that rest keeps slipping away.
            When nights become something to get through rather than rest, it's draining.
        """,
        "dn": """
            A body that's been on alert finds it hard to let go at night, because sleep means lowering your guard.
            Lying awake worrying about sleep can turn the bed itself into a cue for being awake; that happens to a lot of people.
            Broken sleep makes the next day harder, which feeds the worry about the next night, and round it goes.
        """,
        "step": """
            Would it help to look at what the hour before bed is like for you right now?
            We could think about what to do if you're still awake after twenty minutes, so the night feels less like a battle.
            Would keeping the same wake-up time, even after a rough night, be something you'd want to try?
        """,
    },
    "startle": {
        "er": """
            Being jolted like that sounds rattling, and tiring when it keeps happening.
            There's frustration in this, and some embarrassment about how big the reaction feels.
            It sounds like your body jumps before you can do anything about it, and that's unsettling.
        """,
        "dn": """
            The startle reflex runs faster than thought, so your body reacts before you've had any chance to decide.
            After trauma, the threshold for startling often drops, so ordinary sounds can set off the full alarm.
            The racing heart afterward is your body coming down from a surge, and that can take a while.
        """,
        "step": """
            Would it help to think about which sounds or situations set it off most, and where they could be softened?
            We could plan a couple of things to do in the seconds afterward to help your body settle, if you'd like.
            Would it be useful to let the people around you know it helps if they announce themselves?
        """,
    },
    "relationship_strain": {
        "er": """
            It sounds painful to feel this distance with someone you care about.
            There's sadness in what you wrote, and frustration that you can't find the words to bridge it.
            You sound lonely, even with someone right there, and worried about where this is heading.
        """,
        "dn": """
            Trauma can make closeness feel risky, so pulling away can happen even with someone you love.
            When you're stretched thin, there may be very little left over for the people you care about most.
            Both people can end up lonely in the same house, each waiting for the other to reach out; it's a common pattern.
        """,
        "step": """
            Would it help to think about a few simple words for what's going on inside you, to share when it feels right?
            We could look at small ways to stay close that don't take much energy, if that would be useful.
            Would a calm time to talk, rather than in the middle of an argument, feel possible?
        """,
    },
    "trust_safety": {
        "er": """
            Being on guard this much sounds tiring, and it seems to make the world feel small.
            There's wariness all through what you wrote, and a loneliness that comes with it.
            It sounds hard to relax anywhere right now, even in places that should feel safe.
        """,
        "dn": """
            When trust has been broken badly, the mind learns to be careful, and that caution can be hard to switch off.
            Checking and watching can feel like the only way to stay safe, even when it wears you out.
            Being wary even with kind people reflects how much your safety was once at risk, not a flaw in you.
        """,
        "step": """
            Would it help to think about what makes you feel a little safer at home?
            We could look at which safety habits feel helpful and which feel like they've grown too big, if you'd like.
            Would it feel right to think about trust in small, low-risk steps, with people who've already shown they're steady?
        """,
    },
    "media_reminder": {
        "er": """
            That story seems to have hit much harder than anyone around you might realize, and the shock is still there.
            There's shock in what you wrote, and a stirred-up feeling that hasn't settled yet.
            You sound rattled by it, and frustrated at how much it's taken over your day.
        """,
        "dn": """
            Images and sounds go straight to the brain's alarm system, which can't always tell a screen from real life.
            When something close to what happened shows up in the news, it can feel like it's happening all over again.
            Going back to the coverage again and again is often the mind trying to make sense of it, even though it keeps the alarm going.
        """,
        "step": """
            Would it help to look at what you'd like to filter out of your feeds for a while?
            We could plan what you'll do when something like that pops up without warning, if that would be useful.
            Would it be worth putting your phone in another room for a while after seeing something upsetting?
        """,
    },
    "physical_symptoms": {
        "er": """
            Your body seems to have been carrying a lot, and the aches are wearing you down.
            There's worry in this, and tiredness from feeling unwell so much of the time.
            Living with this much tension in your body sounds draining, and frustrating when nothing seems to explain it.
        """,
        "dn": """
            A body that's been on high alert for a long time tends to hold that tension in the muscles, stomach and jaw.
            Stress hormones affect digestion, sleep and the immune system, so feeling worn down in several ways at once makes sense.
            Trauma often shows up as aches and tension before it shows up as feelings; many people notice the body first.
        """,
        "step": """
            Would it help to look at when the symptoms are strongest and what's going on around those times?
            We could think about how you'd like to bring the stress side of this up with your doctor, if you'd like.
            Would gently tensing and releasing one muscle group at a time be something worth trying in the evenings?
        """,
    },
    "dissociation": {
        "er": """
            Feeling that far away from yourself sounds unsettling, and a bit frightening.
            There's confusion in what you wrote, and worry about the gaps.
            It sounds disorienting to drift off like that and come back not knowing where the time went.
        """,
        "dn": """
            Drifting away is a protective response the mind uses when something feels like too much.
            Feeling detached or unreal is common after trauma, and many people describe it in almost the same words.
            Dissociation often shows up when you're tired or stressed, which is when the mind is most stretched.
        """,
        "step": """
            Would it help to think about the early signs that you're starting to drift?
            We could put together a small grounding kit you can keep with you, if that sounds useful.
            Would keeping a few notes about your day help the gaps feel a little less unsettling?
        """,
    },
    "parenting_worry": {
        "er": """
            It sounds like you care deeply about the people depending on you, and the worry is heavy.
            There's guilt in this, and a lot of love underneath it.
            You sound stretched thin, and worried about how your struggle is landing at home.
        """,
        "dn": """
            Worrying this much about your effect on the people in your care is itself a sign of how much you care.
            What tends to matter most is repair after hard moments, not never having hard moments at all.
            Being worn down makes patience harder for anyone, and it isn't a measure of how much you love them.
        """,
        "step": """
            Would it help to think about a simple way to repair after a hard moment?
            We could look at one or two small routines that could stay steady even on bad days, if you'd like.
            Would it be worth thinking about where a bit more support could come from, so you're not doing it all alone?
        """,
    },
}
