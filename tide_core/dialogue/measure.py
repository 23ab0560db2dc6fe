"""Measure the variety and speed of the dialogue generator on the full default build.

    python -m tide_core.dialogue.measure [--samples N] [--seed S]

Builds 500 personas x 20 distinct scenarios the way the dataset build does (rng per conversation seeded
"13:{persona_id}:{scenario_id}", risk on about 3%, validate_first 50/50), then prints distinct-1/2, exact
duplicates, the largest single-sentence share, the largest 3-word reply-opening share, the top repeats, the time
taken, and a few sample dialogues with their factor spans marked.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter

from tide_core.config import DatasetConfig
from tide_core.dialogue.compose import compose_dialogue
from tide_core.dialogue.types import FACTOR_CODES, RISK_TYPES, Dialogue
from tide_core.personas import Persona, generate_personas
from tide_core.scenarios import SCENARIOS, Scenario
from tide_core.variety import distinct_n, sentences, tokens


def build_plan(seed: int = 13, n_personas: int = 500, per_persona: int = 20) -> list[tuple[Persona, Scenario, dict]]:
    """(persona, scenario, flags) for every conversation; flags = rng, risk_type, validate_first."""
    cfg = DatasetConfig()
    personas = generate_personas(n_personas, cfg.personas, seed)
    all_scenarios = list(SCENARIOS.values())
    plan = []
    for p in personas:
        plan_rng = random.Random(f"plan:{seed}:{p.persona_id}")
        for s in plan_rng.sample(all_scenarios, per_persona):
            risk = plan_rng.choice(RISK_TYPES) if plan_rng.random() < cfg.risk_share else None
            flags = {"rng": random.Random(f"{seed}:{p.persona_id}:{s.scenario_id}"), "risk_type": risk,
                     "validate_first": plan_rng.random() < cfg.validate_first_share}
            plan.append((p, s, flags))
    return plan


def marked(d: Dialogue) -> str:
    """The reply with [ER]/[DN]/[SR] in front of each span."""
    out, last = [], 0
    for factor in d.factor_order:
        start, end = d.spans[factor]
        out.append(d.reference_reply[last:start])
        out.append(f"[{FACTOR_CODES[factor]}] " + d.reference_reply[start:end])
        last = end
    return "".join(out)


def _share_report(name: str, texts: list[str]) -> None:
    sent_counts = Counter(s for t in texts for s in set(sentences(t)))
    top_sent = sent_counts.most_common(10)
    openings = Counter(" ".join(tokens(t)[:3]) for t in texts)
    lengths = [len(tokens(t)) for t in texts]
    print(f"\n== {name}: n={len(texts)}  distinct-1={distinct_n(texts, 1):.3f}  distinct-2={distinct_n(texts, 2):.3f}  "
          f"duplicates={len(texts) - len(set(texts))}  words min/mean/max={min(lengths)}/"
          f"{sum(lengths) / len(lengths):.1f}/{max(lengths)}")
    print(f"   max sentence share={top_sent[0][1] / len(texts):.2%}   "
          f"max 3-word opening share={openings.most_common(1)[0][1] / len(texts):.2%}")
    print("   top sentences:")
    for s, c in top_sent:
        print(f"     {c:5d}  {s}")
    print("   top openings:")
    for s, c in openings.most_common(10):
        print(f"     {c:5d}  {s}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=6)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--sample-seed", type=int, default=0)
    args = ap.parse_args(argv)
    plan = build_plan(args.seed)
    t0 = time.perf_counter()
    dialogues = [compose_dialogue(p, s, f["rng"], risk_type=f["risk_type"], validate_first=f["validate_first"])
                 for p, s, f in plan]
    elapsed = time.perf_counter() - t0
    for d in dialogues:
        d.check()
    print(f"composed {len(dialogues)} dialogues in {elapsed:.2f}s (all pass Dialogue.check)")
    _share_report("client messages", [d.client_message for d in dialogues])
    _share_report("reference replies", [d.reference_reply for d in dialogues])
    orders = Counter(d.order_code for d in dialogues)
    print("\nfactor orders:", dict(orders.most_common()))
    rng = random.Random(args.sample_seed)
    for i in rng.sample(range(len(dialogues)), args.samples):
        p, s, f = plan[i]
        d = dialogues[i]
        print(f"\n--- #{i} {p.first_name}, {p.age}, {p.occupation}, {p.trauma_type}, {p.communication_style}; "
              f"{s.scenario_id}; risk={d.risk_type}; order={d.order_code}")
        print("Client:", d.client_message)
        print("Reply: ", marked(d))


if __name__ == "__main__":
    main()
