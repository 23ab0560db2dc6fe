# ruff: noqa: E501  (bank lines are prose, one template per line)
"""Trauma-type details: the concrete reminders, places, sounds and images each kind of experience leaves behind.

Scenario templates name slots (`{trigger}`, `{place}`); the values come from here, so a nightmare for a combat
veteran is about the convoy and for a fire survivor about smoke. Keys and the grammar each value must fit:

  event     noun phrase for the event, safe in both voices: "since {event}", "about {event}"
  kind      reply-only, after "after": "after {kind}" ("after a crash like that")
  trigger   noun phrase, a sensory reminder: "{Trigger} set me off"
  sound     noun phrase, a sudden noise: "when {sound} went off" -> keep it a thing: "a car backfiring"
  place     noun phrase, somewhere avoided: "go near {place}"
  avoid     gerund phrase, something avoided: "I keep avoiding {avoid}"
  nightmare first-person clause, client only: "I dreamed {nightmare}"
  image     first-person clause for a flashback, client only: "for a second {image}"
  media     noun phrase, something seen or heard: "I saw {media}"
  guilt     first-person clause: "I keep thinking {guilt}"

Values are brief and never graphic: the client alludes, as people do; the reply never asks for more.
Values may name persona slots ("{lost}", "{war}"), which persona_facts fills.
"""

from __future__ import annotations

import random

from tide_core.dialogue.fill import Source, words
from tide_core.dialogue.persona_facts import CURRENT_YEAR, FEMALE_NAMES, MALE_NAMES
from tide_core.personas import Persona

GENERIC_SOUNDS = words("""
a car backfiring
a door slamming down the hall
someone dropping a tray of dishes
a balloon popping
a truck's air brakes
a nail gun next door
""")

BANK: dict[str, dict[str, tuple[str, ...]]] = {
    "combat": {
        "event": words("""
            {war}
            the deployment
            my time in {war}
            the tour in {war}
            what happened over there
        """),
        "kind": ("combat", "a deployment like that", "what you saw in {war}"),
        "trigger": words("""
            the smell of diesel
            a helicopter going over low
            the smell of burning trash
            a plastic bag on the shoulder of the highway
            the heat coming off the parking lot
            sand in my boots at the beach
            the sound of a radio crackling
            a guy in the checkout line with a beard and a backpack
        """),
        "sound": ("fireworks", "a car backfiring", "a helicopter", "a nail gun next door", "thunder"),
        "place": words("""
            the Fourth of July fireworks at the lake
            crowded stores
            the VA
            the reunion my unit does every year
            the mall on a Saturday
        """),
        "avoid": words("""
            crowds
            driving under overpasses
            sitting with my back to the door
            the reunion
            talking to the other guys from my unit
        """),
        "nightmare": words("""
            I was back on the convoy and the radio wouldn't work
            I was looking for someone in the dark and couldn't find him
            I was on watch and couldn't keep my eyes open
            I was trying to call in and nobody answered
            the truck in front of us kept disappearing
        """),
        "image": words("""
            I was back on the road outside the base
            I could smell the dust and the diesel again
            I was scanning the roofline like I was back on patrol
            I heard the radio calls in my head
        """),
        "media": words("""
            footage of the withdrawal on the news
            a war movie my {close_noun} put on
            a video of an IED blast somebody posted
            a documentary about {war}
        """),
        "guilt": words("""
            I should have been in that truck instead of him
            I should have seen it coming
            I made it home and some of my guys didn't
            I didn't say goodbye to him properly that morning
        """),
    },
    "sexual_assault": {
        "event": ("what happened", "the assault", "that night", "what he did"),
        "kind": ("an assault", "something like that", "sexual violence"),
        "trigger": words("""
            a cologne like the one he wore
            someone standing too close behind me in line
            a song that was playing that night
            a guy grabbing my arm to get past
            the smell of beer on someone's breath
            a doctor's appointment where they had to touch me
            a man with the same laugh
        """),
        "sound": ("footsteps behind me", "someone knocking late at night", "a door locking", "a man's voice yelling"),
        "place": words("""
            parties
            that part of campus
            bars
            the gym where I used to go
            the street he lived on
        """),
        "avoid": words("""
            going out at night
            dating
            being alone with men I don't know well
            parties
            being touched, even by people I love
        """),
        "nightmare": words("""
            I was back in that room and couldn't move
            I was trying to yell and nothing came out
            I was locked in somewhere and the door handle kept slipping
            he was standing at the end of my bed
        """),
        "image": words("""
            I was back in that room
            I could feel his weight again
            I couldn't move my arms
            I smelled that cologne again
        """),
        "media": words("""
            a news story about a trial that sounded a lot like what happened
            a TV show that had an assault scene with no warning
            comments on a post about a woman who came forward
            a podcast episode I wasn't ready for
        """),
        "guilt": words("""
            I shouldn't have gone to that party
            I should have fought harder
            I should have seen what he was
            I never reported it
        """),
    },
    "childhood_abuse": {
        "event": ("my childhood", "what happened growing up", "what my {abuser} did", "growing up in that house"),
        "kind": ("what you went through as a child", "growing up like that", "abuse in childhood"),
        "trigger": words("""
            the smell of cigarettes and beer
            a raised voice in the next room
            keys in the front door late at night
            someone saying my full name sharply
            a belt being pulled out of loops
            my {abuser}'s handwriting on a birthday card
        """),
        "sound": ("a door slamming", "a raised voice", "heavy footsteps on the stairs", "a glass breaking"),
        "place": ("my parents' house", "my hometown", "family holidays", "my {abuser}'s house"),
        "avoid": ("family gatherings", "going home for the holidays", "my {abuser}'s calls", "arguments with anyone in charge"),
        "nightmare": words("""
            I was little again, hiding in my closet
            I was a kid and could hear him coming up the stairs
            I was back in my old bedroom and the door wouldn't lock
            I was trying to protect my little brother and couldn't
        """),
        "image": words("""
            I was eight years old and hiding again
            I was back in that kitchen
            I felt tiny, like I was waiting to be hit
            I could hear my {abuser} yelling
        """),
        "media": words("""
            a movie scene where a dad loses it at his kid
            a news story about a kid who was taken out of a home
            a post about forgiving your parents
            a family sitcom, of all things
        """),
        "guilt": words("""
            I should have told someone
            I didn't protect my little sister
            I must have done something to deserve it
            I still answer my {abuser}'s calls
        """),
    },
    "serious_accident": {
        "event": ("the crash", "the accident", "the wreck", "the crash on {road}"),
        "kind": ("a crash like that", "a serious accident", "an accident that bad"),
        "trigger": words("""
            headlights coming up fast in the mirror
            the smell of burnt rubber
            the sound of brakes squealing
            the airbag smell
            glass crunching under my shoe
            a car drifting into my lane
        """),
        "sound": ("brakes squealing", "a horn blaring", "a crash on the TV", "a car door slamming"),
        "place": ("{road}", "the highway", "that intersection", "the passenger seat"),
        "avoid": ("driving at night", "the highway", "being a passenger", "driving in the rain", "merging onto the highway"),
        "nightmare": words("""
            I was back in the car and the headlights were coming at us
            I was upside down and couldn't get the seatbelt off
            I was driving and the brakes didn't work
            the car was filling with smoke and I couldn't find my phone
        """),
        "image": words("""
            I was back behind the wheel with the headlights coming
            I heard the glass breaking
            I was hanging in the seatbelt again
            I could smell the airbag
        """),
        "media": words("""
            dashcam footage somebody shared
            a traffic report about a pileup on {road}
            a car crash in a movie
            a local news story about a crash near my exit
        """),
        "guilt": words("""
            I was the one driving
            I should have seen the other car
            I was tired and I drove anyway
            I told them to take that road
        """),
    },
    "natural_disaster": {
        "event": ("{disaster}", "the {disaster_word}", "losing the house in the {disaster_word}", "the evacuation"),
        "kind": ("a disaster like that", "losing your home like that", "a {disaster_word} like that"),
        "trigger": ("{disaster_cue}",),
        "sound": ("{disaster_sound}", "thunder", "the emergency alert on my phone", "sirens"),
        "place": ("our old neighborhood", "the shelter where we stayed", "the coast", "where the house used to be"),
        "avoid": ("checking the weather", "driving through the old neighborhood", "storm season",
                  "looking at the old photos"),
        "nightmare": words("""
            {disaster_dream}
            we couldn't find the dog and the water kept rising
            I was packing the car and couldn't find the keys
            I was on the phone with my mom and the line went dead
        """),
        "image": ("{disaster_flash}", "I was back on the roof waiting", "I was loading the car again"),
        "media": ("coverage of another {disaster_word} on the news", "a weather alert for our county",
                  "pictures from the {disaster_word} on the anniversary post"),
        "guilt": words("""
            I should have left sooner
            I didn't go back for the neighbors
            I didn't grab my dad's things
            I waited too long to evacuate
        """),
    },
    "medical_trauma": {
        "event": ("the ICU", "the surgery", "my time in the ICU", "getting sick like that", "the emergency surgery"),
        "kind": ("time in the ICU", "a medical emergency like that", "a medical crisis like that"),
        "trigger": words("""
            the beeping of a monitor
            the smell of hand sanitizer
            a hospital bracelet
            the feeling of a blood pressure cuff
            someone in scrubs at the grocery store
            the taste of metal in my mouth
        """),
        "sound": ("a monitor alarm on a TV show", "beeping", "an ambulance", "a pager going off"),
        "place": ("the hospital", "the doctor's office", "my follow-up appointments", "the clinic"),
        "avoid": ("my follow-up appointments", "getting bloodwork", "hospitals", "anything medical"),
        "nightmare": words("""
            I was back in the ICU with the tube in my throat
            I couldn't breathe and nobody came
            I was awake during the surgery
            the alarms were going off and nobody looked at me
        """),
        "image": ("I was back on the table", "I couldn't breathe again", "I heard the monitors",
                  "I was strapped down again"),
        "media": ("a hospital show", "a post about ICU delirium", "a news story about a hospital outbreak"),
        "guilt": ("I ignored the symptoms for weeks", "I put my family through that",
                  "I should have gone in sooner"),
    },
    "witnessing_violence": {
        "event": ("what I saw", "the shooting on our street", "that night outside the bar", "seeing that happen"),
        "kind": ("seeing something that violent", "witnessing violence", "what you saw that night"),
        "trigger": ("people shouting in the street", "police lights", "a crowd gathering", "the smell of blood",
                    "two guys squaring up outside a bar"),
        "sound": ("a gunshot on TV", "someone screaming outside", "a car door slamming", "fireworks"),
        "place": ("that street", "the corner store", "bars downtown", "the bus stop where it happened"),
        "avoid": ("walking home after dark", "that street", "crowds", "going out on weekends"),
        "nightmare": ("I was watching it happen again and couldn't move",
                      "I was yelling for help and nobody heard",
                      "I was running and my legs wouldn't work"),
        "image": ("I saw it happening again", "I was standing on that sidewalk", "I heard the shouting"),
        "media": ("a video of a fight going around online", "a news clip of a shooting", "a crime show"),
        "guilt": ("I didn't do anything to help", "I froze", "I just stood there", "I should have called sooner"),
    },
    "first_responder": {
        "event": ("{fr_event}", "that call", "the calls", "all those years of calls"),
        "kind": ("the calls you've been on", "years of that kind of work", "a call like that"),
        "trigger": ("{fr_trigger}",),
        "sound": ("{fr_sound}", "a siren", "a phone ringing at night", "a radio crackling"),
        "place": ("{fr_place}", "that intersection", "that neighborhood", "the street where it happened"),
        "avoid": ("{fr_avoid}", "driving past that house", "talking about work", "kids' birthday parties"),
        "nightmare": ("{fr_dream}", "I was doing compressions and it never ended",
                      "I got there and I couldn't find the address"),
        "image": ("{fr_flash}", "I was back on that call", "I was kneeling on that floor again"),
        "media": ("a news story about a call like mine", "a medical drama", "a bodycam video online",
                  "a post about a first responder who died"),
        "guilt": ("{fr_guilt}", "we were too late", "I should have done something different on that call",
                  "I missed something"),
    },
    "domestic_violence": {
        "event": ("the marriage", "living with him", "those years with him", "what he did", "leaving him"),
        "kind": ("a relationship like that", "living with that kind of danger", "abuse from a partner"),
        "trigger": words("""
            a truck like his in the parking lot
            a man raising his voice
            the sound of keys in the door
            his aftershave on someone at work
            a text from an unknown number
            someone slamming a cabinet
        """),
        "sound": ("a cabinet slamming", "a raised voice", "keys in the door", "a car pulling into the driveway"),
        "place": ("the old apartment", "his side of town", "the courthouse", "the grocery store he used to go to"),
        "avoid": ("his side of town", "answering unknown numbers", "dating again", "arguments, even small ones"),
        "nightmare": words("""
            he found out where I live now
            he was in the house and I couldn't get the kids out
            he was standing in the kitchen like nothing happened
            I was trying to call for help and my phone wouldn't unlock
        """),
        "image": ("I was back in that kitchen", "he was yelling in my face again", "I was bracing for it"),
        "media": ("a news story about a woman attacked by her ex", "a movie with a controlling husband",
                  "a post about why people don't just leave"),
        "guilt": ("I stayed too long", "I let the kids see it", "I went back to him twice",
                  "I should have left the first time"),
    },
    "sudden_loss": {
        "event": ("losing {lost}", "{lost}'s death", "the phone call about {lost}", "when {lost} died"),
        "kind": ("a loss that sudden", "losing someone like that", "a death that came out of nowhere"),
        "trigger": words("""
            {lost_his} favorite song on the radio
            a car like {lost_his}
            {lost_his} name on a contact I still haven't deleted
            someone who laughed like {lost_him}
            the smell of {lost_his} jacket
            the phone ringing late at night
        """),
        "sound": ("the phone ringing late", "a knock at the door", "a siren", "a text notification at night"),
        "place": ("{lost_his} grave", "the cemetery", "{lost_his} old house", "the hospital where they took {lost_him}"),
        "avoid": ("{lost_his} room", "the cemetery", "answering the phone at night", "{lost_his} birthday"),
        "nightmare": ("{lost_he} was calling me and I couldn't pick up", "I was looking for {lost_him} in a crowd",
                      "{lost_he} was right there and then gone again", "the phone kept ringing and I couldn't move"),
        "image": ("I was back on the kitchen floor with the phone", "I heard that phone call again",
                  "I was standing in the hospital hallway"),
        "media": ("a news story about an accident like {lost_his}", "a movie where someone gets that call",
                  "a memory post on my phone with {lost_his} picture"),
        "guilt": ("I didn't pick up when {lost_he} called", "I should have seen something was wrong",
                  "the last thing I said to {lost_him} was stupid", "I wasn't there"),
    },
    "bullying": {
        "event": ("the bullying", "school", "what they did to me", "those years at {school}"),
        "kind": ("years of being targeted", "bullying like that", "being treated that way for so long"),
        "trigger": ("a group laughing behind me", "a group chat going quiet when I join",
                    "someone whispering and looking over", "the smell of a school hallway",
                    "a nickname they used to call me"),
        "sound": ("a group laughing", "my phone buzzing nonstop", "a locker slamming", "someone shouting my name"),
        "place": ("my old school", "the cafeteria at work", "group events", "my hometown"),
        "avoid": ("group chats", "reunions", "speaking up in meetings", "social media"),
        "nightmare": ("I was back in the hallway and everyone was laughing", "they were all waiting at my locker",
                      "I was stuck in the locker room and couldn't get out"),
        "image": ("I was back in that hallway", "I was fourteen and everyone was staring",
                  "I heard them laughing again"),
        "media": ("a viral video of a kid being bullied", "a teen show with a bullying plot",
                  "a post from one of them about being a good person"),
        "guilt": ("I never stood up for myself", "I let them treat me like that",
                  "I should have told my parents"),
    },
    "physical_assault": {
        "event": ("the attack", "getting jumped", "what happened in the parking lot", "the assault"),
        "kind": ("an attack like that", "being assaulted", "being hurt like that"),
        "trigger": ("someone walking fast behind me", "a hoodie pulled up", "the parking garage at night",
                    "someone reaching toward my face", "a guy shouting at the bus stop"),
        "sound": ("footsteps behind me", "someone yelling", "a bottle breaking", "a car door slamming"),
        "place": ("that parking lot", "the bus stop", "downtown at night", "the bar where it started"),
        "avoid": ("walking alone", "taking the bus", "going out after dark", "parking garages"),
        "nightmare": ("someone was coming up behind me and I couldn't turn around", "I was on the ground again",
                      "I was trying to run and my legs wouldn't work"),
        "image": ("I was on the ground again", "I felt the first hit again", "I was back in that lot"),
        "media": ("a video of a street fight online", "a news story about a mugging nearby", "a fight scene"),
        "guilt": ("I should have fought back", "I shouldn't have walked that way", "I was on my phone"),
    },
    "house_fire": {
        "event": ("the fire", "losing the house", "the night of the fire", "the fire {years_ago}"),
        "kind": ("a fire", "losing your home to fire", "a fire like that"),
        "trigger": words("""
            the smell of smoke
            someone's barbecue
            a candle burning at a friend's place
            a smoke alarm chirping for a battery
            the orange glow of a fireplace
            a burnt-toast smell at work
        """),
        "sound": ("a smoke alarm", "a fire truck siren", "crackling in a fireplace", "a fire alarm test"),
        "place": ("our old street", "friends' houses with fireplaces", "bonfires", "barbecues"),
        "avoid": ("cooking with gas", "candles", "barbecues", "sleeping on the second floor"),
        "nightmare": ("the house was filling with smoke and I couldn't find the door",
                      "I was crawling down the hallway and it kept getting longer",
                      "I was yelling for everyone and nobody answered"),
        "image": ("I was back in the hallway with the smoke", "I could feel the heat again",
                  "I heard the smoke alarm screaming"),
        "media": ("a news story about a house fire", "wildfire coverage on TV", "a video of a fire someone posted"),
        "guilt": ("I left the space heater on", "I didn't check the smoke alarm batteries",
                  "I didn't go back for the dog"),
    },
    "mass_shooting": {
        "event": ("the shooting", "what happened at {shoot_place}", "that day at {shoot_place}"),
        "kind": ("a shooting", "surviving something like that", "an attack like that"),
        "trigger": ("a loud bang in a crowded place", "exit signs", "a crowd running", "balloons popping",
                    "a backpack left on a chair"),
        "sound": ("a balloon popping", "fireworks", "a car backfiring", "a dropped stack of books", "a loud bang"),
        "place": ("{shoot_place}", "concerts", "crowded stores", "movie theaters"),
        "avoid": ("crowds", "concerts", "sitting with my back to the door", "big box stores"),
        "nightmare": ("I was hiding under a table and it was too quiet", "everybody was running and I couldn't",
                      "I was trying to text my mom and my hands wouldn't work"),
        "image": ("I was hiding again", "I was back on the floor", "I heard the shots again"),
        "media": ("coverage of another shooting", "a lockdown drill video", "a news alert about a shooting"),
        "guilt": ("I ran and didn't help anyone", "I survived and other people didn't",
                  "I left my friend behind"),
    },
    "refugee_displacement": {
        "event": ("the war", "leaving home", "the war back home", "the crossing", "the camp"),
        "kind": ("war and having to leave everything", "what you lived through", "being forced out of your home"),
        "trigger": ("planes flying low", "the smell of smoke", "uniforms", "checkpoints at the airport",
                    "news in my language"),
        "sound": ("a plane flying low", "fireworks", "a loud bang", "shouting in the street"),
        "place": ("the airport", "government offices", "crowded markets", "anywhere with police"),
        "avoid": ("the news from home", "talking about home", "airports", "calls from family back home"),
        "nightmare": ("I was back at the checkpoint", "we were running at night and I lost my brother",
                      "the house was shaking again", "I was on the boat and the water was coming in"),
        "image": ("I was back home and the sirens were going", "I was at the checkpoint again",
                  "I was on the road with everything we could carry"),
        "media": ("news footage from home", "a video from my city", "pictures of the camp"),
        "guilt": ("I left my parents behind", "I got out and my cousins didn't", "I should have gone back"),
    },
    "workplace_injury": {
        "event": ("the accident", "the accident at work", "{injury}", "getting hurt on the job"),
        "kind": ("an accident at work", "an injury like that", "getting hurt like that"),
        "trigger": ("{injury_cue}", "a machine starting up", "a backup alarm beeping", "metal scraping metal"),
        "sound": ("a backup alarm", "a loud clang", "metal hitting concrete", "a machine starting up"),
        "place": ("the plant", "the part of the floor where it happened", "job sites", "ladders"),
        "avoid": ("going back to work", "that machine", "ladders", "heights"),
        "nightmare": ("{injury_dream}", "I was back on the floor and nobody could hear me",
                      "the machine kept running and I couldn't reach the stop"),
        "image": ("{injury_flash}", "I was on the ground at work again", "I heard the crack again"),
        "media": ("a safety video at work", "a news story about a worker badly hurt on site",
                  "a post about an accident at another plant"),
        "guilt": ("I skipped a step that day", "I should have called it out", "I rushed the job"),
    },
    "kidnapping": {
        "event": ("the abduction", "when I was taken", "those days", "what happened"),
        "kind": ("being held against your will", "what you survived", "being taken like that"),
        "trigger": ("a van slowing down next to me", "duct tape", "a locked door", "being in the dark",
                    "a car trunk closing"),
        "sound": ("a door locking", "a van door sliding", "tires on gravel", "someone whispering"),
        "place": ("parking lots", "vans", "small rooms", "that town"),
        "avoid": ("being alone", "closed doors", "elevators", "the dark"),
        "nightmare": ("I was locked in again", "I couldn't see and I heard the door",
                      "they were coming back"),
        "image": ("I was back in that room", "I couldn't see again", "I heard the lock"),
        "media": ("a true crime show", "a missing person alert on my phone", "a movie about a kidnapping"),
        "guilt": ("I got in the car", "I didn't fight", "I trusted the wrong person"),
    },
    "childbirth_trauma": {
        "event": ("the birth", "the delivery", "the emergency C-section", "what happened in the delivery room"),
        "kind": ("a birth like that", "a delivery that frightening", "a birth that went so wrong"),
        "trigger": ("the smell of the hospital", "a pregnancy announcement", "a baby crying in a store",
                    "the monitors on a hospital show", "a nurse's scrubs"),
        "sound": ("a baby crying", "a monitor beeping", "an alarm", "a pager going off"),
        "place": ("the hospital", "the maternity ward", "baby showers", "my OB's office"),
        "avoid": ("baby showers", "my follow-up appointments", "talking about the birth", "the hospital"),
        "nightmare": ("I was back on the table and no one would tell me anything",
                      "they took the baby away and wouldn't bring her back", "the alarms wouldn't stop"),
        "image": ("I was back on the table", "I heard the alarms from the delivery room", "I felt the panic again"),
        "media": ("a birth scene in a show", "a birth video on my feed", "a friend's birth announcement"),
        "guilt": ("my body failed", "I couldn't hold the baby right away", "I didn't bond right away"),
    },
    "terror_attack": {
        "event": ("the attack", "that day", "the bombing", "what happened at the station"),
        "kind": ("an attack like that", "surviving something that violent", "an event like that"),
        "trigger": ("an unattended bag", "sirens downtown", "a crowd suddenly moving", "the smell of smoke"),
        "sound": ("a loud bang", "a siren", "fireworks", "a bus backfiring"),
        "place": ("the train station", "downtown", "big events", "the subway"),
        "avoid": ("public transit", "crowds", "big events", "downtown"),
        "nightmare": ("I was back in the station and the smoke was everywhere", "I was trying to find my friend",
                      "everyone was running and no one knew where"),
        "image": ("I was back in the station", "I heard the blast again", "I was in the smoke again"),
        "media": ("coverage of another attack", "the anniversary coverage", "a news alert"),
        "guilt": ("I survived and others didn't", "I didn't stop to help", "I was the one who wanted to go"),
    },
    "stalking": {
        "event": ("the stalking", "everything with him", "what he put me through", "those two years"),
        "kind": ("being stalked", "being watched and threatened", "living under threat like that"),
        "trigger": ("a car idling outside", "a message from an unknown number", "someone tagging my location",
                    "a man waiting near my car", "a package I didn't order"),
        "sound": ("my phone buzzing", "a car idling outside", "a knock at the door", "the doorbell"),
        "place": ("my old apartment", "the coffee shop where he used to wait", "the gym", "my old route home"),
        "avoid": ("posting anything online", "going out alone", "answering the door", "my old routine"),
        "nightmare": ("he was outside my window again", "he was in the backseat of my car",
                      "I moved and he was already there"),
        "image": ("I felt him watching again", "I saw his car again", "I was checking the locks again"),
        "media": ("a true crime podcast about a stalker", "a show where the guy just shows up",
                  "a news story about a protective order that didn't work"),
        "guilt": ("I was nice to him at first", "I should have gone to the police sooner", "I shared too much online"),
    },
}

_WARS = ((1976, "Vietnam"), (1990, "Beirut"), (1993, "the Gulf"), (2001, "Bosnia"), (2003, "Afghanistan"),
         (2012, "Iraq"), (2022, "Afghanistan"), (9999, "Syria"))
_DISASTERS = {
    "flood": ("the flood", "flood", "the smell of mud and wet drywall", "heavy rain on the roof",
              "the water was coming up the stairs and I couldn't wake everyone",
              "I was back on the roof watching the water"),
    "hurricane": ("the hurricane", "hurricane", "the wind howling", "the wind screaming through the windows",
                  "the windows were blowing in and we couldn't get to the hallway",
                  "I was back in the hallway with the windows blowing in"),
    "wildfire": ("the wildfire", "wildfire", "smoke haze in the air", "a fire crackling",
                 "the fire was coming over the ridge and the car wouldn't start",
                 "I was back on the road with the ridge on fire"),
    "tornado": ("the tornado", "tornado", "that green sky before a storm", "the tornado siren",
                "I was in the bathtub and the roof was gone", "I was back in the bathtub hearing the roof go"),
}
_FR_ROLES = {
    "medic": {"fr_event": ("the call with the little boy", "the pileup call", "that overdose call"),
              "fr_trigger": ("the smell of the rig", "a kid's car seat", "a call coming over the radio"),
              "fr_sound": ("the tones dropping",), "fr_place": ("that apartment complex", "the overpass"),
              "fr_avoid": ("the street where that call was",),
              "fr_dream": ("I was doing CPR on a kid and the ambulance never came",),
              "fr_flash": ("I was kneeling next to that car seat",),
              "fr_guilt": ("we took too long to get there",)},
    "fire": {"fr_event": ("the house fire with the kids", "that structure fire", "the fire on {road}"),
             "fr_trigger": ("the smell of a house fire", "turnout gear hanging up", "a smoke alarm"),
             "fr_sound": ("the tones going off", "the station alarm"), "fr_place": ("that house", "that street"),
             "fr_avoid": ("the street with that house",),
             "fr_dream": ("I was back in that house and I couldn't find the stairs",),
             "fr_flash": ("I was back in that hallway with my mask fogging",),
             "fr_guilt": ("we didn't get to the back bedroom in time",)},
    "police": {"fr_event": ("the shooting call", "the domestic call that went bad", "that crash on {road}"),
               "fr_trigger": ("blue lights in my mirror", "a call coming over the scanner", "a guy reaching "
                              "into his waistband"),
               "fr_sound": ("the radio tone",), "fr_place": ("that neighborhood", "that house on my beat"),
               "fr_avoid": ("that part of the county",),
               "fr_dream": ("I was walking up to a car and couldn't see the driver's hands",),
               "fr_flash": ("I was walking up to that house again",),
               "fr_guilt": ("I should have gotten there faster",)},
    "nurse": {"fr_event": ("the kid who coded on my shift", "the mass casualty night", "the COVID year"),
              "fr_trigger": ("a code being called overhead", "the smell of the trauma bay", "a monitor alarm"),
              "fr_sound": ("a code called overhead",), "fr_place": ("trauma bay two", "the peds room"),
              "fr_avoid": ("taking trauma patients",),
              "fr_dream": ("I was running a code and nobody came when I yelled",),
              "fr_flash": ("I was back in the trauma bay doing compressions",),
              "fr_guilt": ("I missed the signs on that patient",)},
    "dispatch": {"fr_event": ("the call where I heard it happen", "the call with the mom and the baby",
                              "that call I can't shake"),
                 "fr_trigger": ("a phone ringing", "someone screaming on a video", "a headset"),
                 "fr_sound": ("a phone ringing",), "fr_place": ("that address", "the dispatch floor"),
                 "fr_avoid": ("taking medical calls",),
                 "fr_dream": ("I was on the line with her and I couldn't send anyone",),
                 "fr_flash": ("I was back on that call hearing her breathe",),
                 "fr_guilt": ("I gave the wrong cross street",)},
    "sar": {"fr_event": ("the search for the little girl", "the recovery at the river", "that search"),
            "fr_trigger": ("the smell of the river", "a kid's shoe on the trail", "a pager going off"),
            "fr_sound": ("the pager going off",), "fr_place": ("the river", "that trail"),
            "fr_avoid": ("the river trail",),
            "fr_dream": ("I was searching the woods and I kept hearing her",),
            "fr_flash": ("I was back at the riverbank",),
            "fr_guilt": ("we searched the wrong side first",)},
}
_FR_OCCUPATIONS = {"paramedic": "medic", "EMT": "medic", "firefighter": "fire", "retired firefighter": "fire",
                   "police officer": "police", "sheriff's deputy": "police", "ER nurse": "nurse",
                   "911 dispatcher": "dispatch", "search-and-rescue volunteer": "sar"}
_FR_FORMER = {"medic": "a paramedic", "fire": "a firefighter", "police": "a cop", "nurse": "an ER nurse",
              "dispatch": "a dispatcher", "sar": "on a search-and-rescue team"}
_INJURIES = (("the fall", "the sound of a harness clip", "I was falling and grabbing at nothing",
              "I was falling again"),
             ("the forklift accident", "a forklift reversing", "the forklift was tipping and I couldn't get out",
              "the forklift was coming over again"),
             ("my hand in the press", "the hiss of the press", "my hand was stuck and the press kept coming down",
              "I felt my hand caught again"),
             ("the shock", "the hum of a transformer", "I was back up on the pole and the line went live",
              "I felt the jolt again"))
_ROADS = ("Route 9", "I-95", "the 405", "Highway 61", "County Road 12", "the interstate", "Route 30")
_LOST = (("brother", "m"), ("sister", "f"), ("mom", "f"), ("dad", "m"), ("best friend", "m"), ("best friend", "f"),
         ("son", "m"), ("daughter", "f"), ("husband", "m"), ("wife", "f"), ("fiancé", "m"))


def _war(p: Persona) -> str:
    year = CURRENT_YEAR - p.years_since_trauma
    return next(w for limit, w in _WARS if year < limit)


def _lost(p: Persona, rng: random.Random) -> dict[str, Source]:
    options = [o for o in _LOST if not (o[0] in ("husband", "wife", "fiancé") and p.partner)
               and not (o[0] in ("son", "daughter") and p.age - p.years_since_trauma < 38)]
    noun, gender = rng.choice(options)
    name = rng.choice(MALE_NAMES if gender == "m" else FEMALE_NAMES)
    he, him, his = ("he", "him", "his") if gender == "m" else ("she", "her", "her")
    return {"lost": (f"my {noun}", f"my {noun} {name}", name, f"my {noun}"), "lost_he": he, "lost_him": him,
            "lost_his": his}


def trauma_sources(p: Persona, rng: random.Random) -> dict[str, Source]:
    """Slot sources for this persona's trauma type, with the persona-stable specifics filled in."""
    src: dict[str, Source] = dict(BANK[p.trauma_type])
    src["road"] = rng.choice(_ROADS)
    src["close_noun"] = p.partner or "kid" if p.partner or p.children else "buddy"
    tt = p.trauma_type
    if tt == "combat":
        src["war"] = _war(p)
    elif tt == "natural_disaster":
        d = _DISASTERS[rng.choice(tuple(_DISASTERS))]
        src.update(disaster=d[0], disaster_word=d[1], disaster_cue=(d[2], "a weather alert on my phone", d[3]),
                   disaster_sound=d[3], disaster_dream=d[4], disaster_flash=d[5])
    elif tt == "first_responder":
        role = _FR_OCCUPATIONS.get(p.occupation) or rng.choice(tuple(_FR_FORMER))
        src.update(_FR_ROLES[role])
        if p.occupation not in _FR_OCCUPATIONS or p.occupation.startswith("retired"):
            src["fr_former"] = f"when I was {_FR_FORMER[role]}"
    elif tt == "sudden_loss":
        src.update(_lost(p, rng))
    elif tt == "childhood_abuse":
        src["abuser"] = rng.choice(("dad", "stepdad", "mom", "father", "uncle"))
    elif tt == "bullying":
        src["school"] = rng.choice(("middle school", "high school", "that school", "my first job"))
    elif tt == "mass_shooting":
        src["shoot_place"] = rng.choice(("the mall", "the festival", "school", "the grocery store", "the concert"))
    elif tt == "workplace_injury":
        inj = _INJURIES[rng.randrange(len(_INJURIES))]
        src.update(injury=inj[0], injury_cue=inj[1], injury_dream=inj[2], injury_flash=inj[3])
    return src


# Trauma-bank keys: when the client used any of them, the reply may speak of "{kind}".
TRAUMA_KEYS = frozenset({"event", "trigger", "sound", "place", "avoid", "nightmare", "image", "media", "guilt"})


# Further values per trauma type, appended to BANK (same grammar per key as above; never graphic).
_MORE: dict[str, dict[str, str]] = {
    "combat": {
        "nightmare": "I was packing my gear and kept forgetting something important\nI was back in the tent and the alarm kept going off\nI was counting heads again and kept coming up one short",
        "image": "I was back on watch, scanning the tree line",
        "trigger": "the smell of diesel\nhelicopter blades overhead\nsand in my boots at the beach",
        "media": "a war movie trailer before a film\na documentary about the deployment",
        "avoid": "fireworks shows\ncrowded parking garages",
    },
    "sexual_assault": {
        "nightmare": "I was at a party and every door I tried was locked\nI was trying to shout and no sound came out\nI was back in that room and couldn't find the way out",
        "image": "I was back in that room",
        "trigger": "a certain cologne\nsomeone standing too close in line\na song that was playing that night",
        "media": "a TV plot about a college party\na news story about a trial",
        "avoid": "parties\ndating apps",
    },
    "childhood_abuse": {
        "nightmare": "I was a kid again hiding under the stairs\nI could hear the front door and I knew what was coming\nI was small again and listening for footsteps",
        "image": "I was a kid again listening for the door",
        "trigger": "the sound of keys in the front door\nsomeone raising their voice in the next room\nthe smell of cigarette smoke",
        "media": "a show about a family that looked just like ours\na parenting video online",
        "avoid": "family holidays\nvisits to my hometown",
    },
    "serious_accident": {
        "nightmare": "I was driving and the brakes wouldn't work\nI was in the passenger seat and couldn't reach the wheel\nI heard the tires again and everything went white",
        "image": "I was back in the car waiting for help",
        "trigger": "headlights coming up fast behind me\nthe sound of tires skidding\nbeing a passenger in the back seat",
        "media": "dashcam footage online\na crash scene in a movie",
        "avoid": "driving at night\nmerging onto the highway",
    },
    "natural_disaster": {
        "nightmare": "the water kept coming up the stairs\nI was trying to get everyone into the car and the doors wouldn't open\nI was back in the house watching the sky change color",
        "image": "I was back on the porch watching the water rise",
        "trigger": "the sky going that yellow-gray color\nthe smell of wet drywall\nthe wind picking up at night",
        "media": "a storm tracker on the local news\nphotos of flooded streets online",
        "avoid": "checking the forecast\nthe old neighborhood",
    },
    "medical_trauma": {
        "nightmare": "I kept pressing the call button and nobody came\nI was trying to tell them something and they couldn't hear me\nI was back in that hospital bed with wires everywhere",
        "image": "I was back under those lights",
        "trigger": "the smell of rubbing alcohol\na nurse's shoes squeaking on the floor\nan IV pole in a TV show",
        "media": "a hospital drama on TV\na fundraiser video about the ICU",
        "avoid": "the dentist\nvisiting friends in the hospital",
    },
    "witnessing_violence": {
        "nightmare": "I was standing there again and couldn't move\nI was shouting for help and everyone walked past\nI was back on that street and it was happening again",
        "image": "I was back on that corner",
        "trigger": "people shouting outside a bar\nthe sound of glass breaking\nsomeone running past me on the street",
        "media": "a fight video in my feed\nsecurity camera footage on the news",
        "avoid": "downtown on weekend nights\ncrowded bars",
    },
    "first_responder": {
        "nightmare": "the pager kept going off and I couldn't find my keys\nI was on a call and my hands wouldn't work\nI was driving to a call and the road kept getting longer",
        "image": "I was back on that call",
        "trigger": "the smell of burnt coffee at the station\na radio crackling\nflashing lights in my mirror",
        "media": "a call that sounded like ours on the news\na rescue show on TV",
        "avoid": "the old station\nreunions with the crew",
    },
    "domestic_violence": {
        "nightmare": "I heard his car in the driveway\nI was hiding in the bathroom holding my breath\nhe was at the door and the lock wouldn't turn",
        "image": "I was back in that kitchen",
        "trigger": "a car pulling into the driveway late\nthe sound of a bottle being opened\na certain tone of voice",
        "media": "a movie where the husband seems perfect at first\na true crime podcast",
        "avoid": "his side of town\nanyone who still talks to him",
    },
    "sudden_loss": {
        "nightmare": "I was trying to call them and the phone kept ringing out\nI was at the door and they were just about to leave\nI was looking for them in a crowd and couldn't find them",
        "image": "I was back in the hallway getting the phone call",
        "trigger": "the ringtone I had that night\na voicemail I still haven't deleted\nthe smell of their shampoo",
        "media": "a song that was on at the service\nan old video that came up in my memories",
        "avoid": "their favorite restaurant\nfamily dinners",
    },
    "bullying": {
        "nightmare": "I was late for class and everyone turned around to stare\nI was back in the cafeteria with nowhere to sit\nthey were all laughing and I couldn't work out why",
        "image": "I was back in the cafeteria",
        "trigger": "a group laughing behind me\na school bell\nsomeone whispering and glancing over",
        "media": "a teen show set in a high school\na viral prank video",
        "avoid": "reunions\ngroup chats",
    },
    "physical_assault": {
        "nightmare": "someone was following me and I couldn't run\nI was walking home and the footsteps got closer\nI tried to call out and nothing came out",
        "image": "I was back on that sidewalk",
        "trigger": "footsteps speeding up behind me\nsomeone reaching toward my face\nthe smell of beer on someone's breath",
        "media": "a fight scene in a movie\nvideo of an attack on the news",
        "avoid": "walking alone after dark\nthat street",
    },
    "house_fire": {
        "nightmare": "I smelled smoke and couldn't find the door\nthe alarm was going and I couldn't wake anyone\nI was back in the hallway and it was filling with smoke",
        "image": "I could smell the smoke again",
        "trigger": "the smell of a neighbor's fireplace\na candle left burning\nthe beep of a smoke detector battery",
        "media": "news footage of a house fire\na fire safety ad",
        "avoid": "cooking with the burners on high\ncampfires",
    },
    "mass_shooting": {
        "nightmare": "I was in a crowd and couldn't find the exit\nI was hiding and trying to keep my phone quiet\neveryone was running and I was stuck in place",
        "image": "I was back in the crowd",
        "trigger": "a crowd suddenly running\npeople screaming at a concert\na loud pop in a parking lot",
        "media": "breaking news alerts on my phone\na memorial post online",
        "avoid": "concerts\nbig crowds",
    },
    "refugee_displacement": {
        "nightmare": "I was at a checkpoint and my papers were gone\nI was packing and we had no time\nI was on the road and couldn't find my family",
        "image": "I was back at the border",
        "trigger": "the sound of planes low overhead\nlong lines at an office\na uniform at the door",
        "media": "footage from back home\nphotos of the border on the news",
        "avoid": "government offices\ncalls from home",
    },
    "workplace_injury": {
        "nightmare": "the machine started up again and I couldn't get clear of it\nI was back on the floor and nobody could hear me\nI was at work and the alarm wouldn't stop",
        "image": "I was back on the floor at work",
        "trigger": "the whine of machinery\nthe smell of hydraulic fluid\na safety briefing",
        "media": "a workplace safety video\na news story about an accident at a plant",
        "avoid": "the shop floor\nheavy machinery",
    },
    "kidnapping": {
        "nightmare": "I was in the back of a car and the doors wouldn't open\nI was trying to remember the way home and couldn't\nsomeone was waiting for me outside my building",
        "image": "I was back in that car",
        "trigger": "a van idling by the curb\nthe click of car doors locking\nsomeone grabbing my arm",
        "media": "a missing person alert\na thriller movie about an abduction",
        "avoid": "parking garages\nbeing alone in a car",
    },
    "childbirth_trauma": {
        "nightmare": "I was back in the delivery room and nobody would tell me anything\nI was calling for the baby and nobody answered\nthe monitor was beeping and everyone was rushing",
        "image": "I was back in the delivery room",
        "trigger": "the smell of the maternity ward\na baby crying in a store\nthe sound of a fetal monitor on TV",
        "media": "a birth scene in a show\nbirth announcements online",
        "avoid": "the maternity ward\nbaby showers",
    },
    "terror_attack": {
        "nightmare": "I was on a train and everyone started running\nI was in the crowd again and couldn't get out\nI was trying to call home and there was no signal",
        "image": "I was back in the station",
        "trigger": "an unattended bag\nsirens in the city\na crowd surging at a station",
        "media": "anniversary coverage of the attack\na live feed from another attack",
        "avoid": "train stations\nbig public events",
    },
    "stalking": {
        "nightmare": "my phone kept lighting up with his number\nI looked out the window and his car was there\nI moved house and he was already on the street",
        "image": "I was back in the parking lot seeing his car",
        "trigger": "an unknown number calling\nthe same car twice on my street\na message from an account I don't know",
        "media": "a true crime show about stalking\na news story about someone being followed",
        "avoid": "posting online\nmy old gym",
    },
}
for _tt, _more in _MORE.items():
    BANK[_tt] = {k: v + words(_more.get(k, "")) for k, v in BANK[_tt].items()}
