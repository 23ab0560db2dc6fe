"""The scenario registry: the situations a client brings to a conversation, each with its primary emotions.

Scenarios register themselves with `@scenario`-style calls to `register`; `SCENARIOS` is the registry and one
conformance test walks it. Dialogue text for each scenario lives in tide_core.dialogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from tide_core.errors import ConfigError


@dataclass(frozen=True)
class Scenario:
    scenario_id: str
    title: str
    description: str
    primary_emotions: tuple[str, ...]
    # The PTSD symptom cluster the scenario mostly speaks to (DSM-5: intrusion, avoidance, mood, arousal).
    cluster: str


SCENARIOS: dict[str, Scenario] = {}


def register(scenario_id: str, title: str, description: str, emotions: tuple[str, ...], cluster: str) -> Scenario:
    if scenario_id in SCENARIOS:
        raise ValueError(f"scenario {scenario_id!r} registered twice")
    s = Scenario(scenario_id, title, description, emotions, cluster)
    SCENARIOS[scenario_id] = s
    return s


register("nightmare", "A nightmare the night before", "Woke from a trauma nightmare and is still shaken.",
         ("fear", "exhaustion", "shame"), "intrusion")
register("public_trigger", "A trigger in public", "Something in a public place set off a flood of reactions.",
         ("panic", "embarrassment", "fear"), "intrusion")
register("anniversary", "An anniversary reaction", "The date of the trauma is near and symptoms are rising.",
         ("grief", "irritability", "dread"), "intrusion")
register("flashback", "A flashback", "Briefly felt back inside the event while doing something ordinary.",
         ("terror", "confusion", "shame"), "intrusion")
register("guilt_self_blame", "Guilt and self-blame", "Keeps going over what they should have done differently.",
         ("guilt", "shame", "sadness"), "mood")
register("anger_family", "Anger that scared the family", "Lost their temper and frightened someone close.",
         ("anger", "remorse", "fear"), "arousal")
register("isolation", "Isolation", "Has been pulling away from people and feels cut off.",
         ("loneliness", "sadness", "numbness"), "mood")
register("hypervigilance_work", "Hypervigilance at work", "Cannot switch off watching for danger at work.",
         ("anxiety", "exhaustion", "frustration"), "arousal")
register("avoidance_place", "Avoiding a place", "Keeps avoiding a place they need or want to go.",
         ("fear", "frustration", "shame"), "avoidance")
register("setback", "A setback after progress", "Was doing better and now feels back at the start.",
         ("disappointment", "discouragement", "fear"), "mood")
register("fear_disclosure", "Fear of disclosure", "Unsure whether or how to tell someone about the trauma.",
         ("fear", "vulnerability", "uncertainty"), "avoidance")
register("numbness", "Emotional numbness", "Feels nothing at moments that should matter.",
         ("numbness", "emptiness", "worry"), "mood")
register("treatment_hesitancy", "Treatment hesitancy", "Unsure about starting or continuing therapy.",
         ("ambivalence", "fear", "skepticism"), "avoidance")
register("substance_urges", "Substance urges", "Urges to drink or use to quiet the symptoms.",
         ("craving", "shame", "anxiety"), "arousal")
register("sleep_problems", "Insomnia", "Cannot fall or stay asleep; dreads bedtime.",
         ("exhaustion", "frustration", "dread"), "arousal")
register("startle", "An exaggerated startle", "A sudden noise caused a big startle in front of others.",
         ("embarrassment", "fear", "frustration"), "arousal")
register("relationship_strain", "Strain in a relationship", "Symptoms are straining a partnership or friendship.",
         ("sadness", "frustration", "fear of loss"), "mood")
register("trust_safety", "Trouble trusting others", "Finds it hard to feel safe with or trust people.",
         ("suspicion", "loneliness", "fear"), "mood")
register("media_reminder", "A reminder in the news or media", "A news story, film or post brought the event back.",
         ("shock", "anxiety", "anger"), "intrusion")
register("physical_symptoms", "Body reactions", "Racing heart, tension or pain that comes with reminders.",
         ("alarm", "worry", "frustration"), "arousal")
register("dissociation", "Feeling detached or unreal", "Lost time or felt outside their body.",
         ("confusion", "fear", "disconnection"), "intrusion")
register("parenting_worry", "Worry about parenting or caregiving",
         "Afraid their symptoms are affecting the people who depend on them.",
         ("worry", "guilt", "protectiveness"), "mood")


def resolve_scenarios(ids: list[str] | None) -> list[Scenario]:
    """The scenarios for a build: all when `ids` is None; unknown ids raise ConfigError listing the known ones."""
    if ids is None:
        return list(SCENARIOS.values())
    unknown = [i for i in ids if i not in SCENARIOS]
    if unknown:
        raise ConfigError(f"unknown scenario name(s) {unknown}; expected some of {sorted(SCENARIOS)}")
    if len(set(ids)) != len(ids):
        raise ConfigError(f"scenario names must be distinct, got {ids}")
    if not ids:
        raise ConfigError("config.scenarios must list at least one scenario (or be omitted for all)")
    return [SCENARIOS[i] for i in ids]
