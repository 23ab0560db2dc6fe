"""Benchmark: time to the first streamed token in the chat demo, first reply after loading vs later replies, with
and without the warm-up the page does when it loads the model.

    .venv/bin/python bench/bench_chat_ttft.py [--system smollm2-ft|smollm2-zs] [--rounds 5]

The clock starts where the page starts a turn (ChatSession.start_turn: cap check and crisis check) and stops at the
first text piece of ChatSession.reply_stream, the code path the page streams with st.write_stream (Streamlit's own
rerun overhead is not included; the crisis check is, so this is the README's first-token time plus the detector's
cost). Per round, a fresh onnxruntime-genai generator is loaded twice, once warmed (what the page does:
tide_core.chat.engine.load_generator, which appends the calm and crisis system prompts once and runs one short
prompt) and
once not (the baseline: the first reply computes the prefix itself), alternating which goes first so a noisy
neighbour slows both alike; each answers its first message (the cold first reply) and then the remaining
messages (warm replies). A third generator with the prefix cache off shows what every reply would cost without it.
Medians over rounds (cold) and over messages (warm); target from issue 11: first token under 150 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tide_core.backends.onnx_backend import OnnxGenerator  # noqa: E402
from tide_core.chat.crisis import detect_crisis  # noqa: E402
from tide_core.chat.engine import (  # noqa: E402
    EMBEDDED,
    SYSTEMS,
    ChatSession,
    export_problem,
    load_generator,
    warm_up,
)
from tide_core.chat.limits import ChatLimits  # noqa: E402

# Typical client messages (the dataset's mean is about 37 words); the same set as bench_onnx.py plus shorter ones.
MESSAGES = [
    "Ever since the car accident I can't get into a car without my heart racing. Yesterday my sister offered to "
    "drive me to work and I made an excuse. I feel like I'm letting everyone down.",
    "I keep waking up at 3am with my chest tight, like I'm back there. My partner says I shout in my sleep.",
    "Someone dropped a tray at the cafe today and I ended up crouched under the table. Everyone stared.",
    "It's been two years since the assault and I still can't be in a room with the door closed.",
    "I had the nightmare again last night and I've been shaky all morning.",
    "Fireworks next door. Couldn't breathe. Hid in the bathroom for an hour.",
]


def first_token_ms(session: ChatSession, system, generator, message: str) -> float:
    """Milliseconds from starting the turn to the first streamed piece (the rest of the reply is not generated)."""
    started = time.perf_counter()
    turn = session.start_turn(message, [system], blind=False)
    stream = session.reply_stream(turn, system, generator)
    next(stream)
    elapsed = (time.perf_counter() - started) * 1000
    stream.close()
    return elapsed


def one_generator(system, message_order: list[str], warm: bool, prefix_cache: bool = True) -> dict:
    started = time.perf_counter()
    if prefix_cache:
        generator = load_generator(system.folder, system.variant, warm=warm)  # what the page calls
    else:
        generator = OnnxGenerator(system.folder, variant=system.variant, prefix_cache=False)
        if warm:
            warm_up(generator)  # onnxruntime's first runs only: nothing is cached
    load_s = time.perf_counter() - started
    session = ChatSession(ChatLimits(max_new_tokens=8, max_requests=len(message_order)))
    times = [first_token_ms(session, system, generator, m) for m in message_order]
    return {"load_s": load_s, "cold": times[0], "warm": times[1:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--system", default=EMBEDDED[0].key, choices=[s.key for s in EMBEDDED])
    parser.add_argument("--rounds", type=int, default=5, help="fresh loads per condition (cold first replies)")
    args = parser.parse_args()
    system = SYSTEMS[args.system]
    problem = export_problem(system)
    if problem:
        print(problem)
        return 2
    detect_crisis("warm-up", "user_message")  # the detector loads once per server (the page does it before a turn)
    print(f"{system.label}: {system.folder} ({system.variant}); {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores")
    runs: dict[str, list[dict]] = {"warmed (page)": [], "no warm-up (baseline)": [], "no prefix cache": []}
    for r in range(args.rounds):
        order = MESSAGES[r % len(MESSAGES):] + MESSAGES[: r % len(MESSAGES)]  # a different first message per round
        pair = [("warmed (page)", True), ("no warm-up (baseline)", False)]
        for name, warm in pair if r % 2 == 0 else pair[::-1]:
            runs[name].append(one_generator(system, order, warm))
        runs["no prefix cache"].append(one_generator(system, order, warm=True, prefix_cache=False))
    print(f"\n{'condition':<24}{'load+warm s':>12}{'cold first ms':>15}{'warm ms':>10}   (medians; {args.rounds} "
          f"loads, {len(MESSAGES) - 1} warm replies each)")
    medians = {}
    for name, results in runs.items():
        load = statistics.median(x["load_s"] for x in results)
        cold = statistics.median(x["cold"] for x in results)
        warm = statistics.median(t for x in results for t in x["warm"])
        medians[name] = (cold, warm)
        print(f"{name:<24}{load:>12.2f}{cold:>15.0f}{warm:>10.0f}")
    (page_cold, page_warm), (base_cold, _) = medians["warmed (page)"], medians["no warm-up (baseline)"]
    print(f"\nfirst reply, baseline / warmed: {base_cold / page_cold:.2f}x faster with the warm-up "
          f"({base_cold:.0f} -> {page_cold:.0f} ms)")
    print(f"warmed page, first reply / later replies: {page_cold / page_warm:.2f}x")
    print(f"no prefix cache / prefix cache (later replies): {medians['no prefix cache'][1] / page_warm:.2f}x")
    verdict = "met" if page_cold < 150 and page_warm < 150 else "NOT met"
    print(f"target first token < 150 ms: {verdict} (first reply {page_cold:.0f} ms, later {page_warm:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
