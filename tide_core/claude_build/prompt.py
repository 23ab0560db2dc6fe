"""The versioned prompt (data/prompt.yaml) and the plan of conversations it is rendered for.

    plan = plan_conversations(cfg)              # the bank build's personas and scenario plan, conversation by conversation
    prompt = load_prompt()                      # prompt.version: "<version>-<hash of the file>"
    prompt.system, prompt.tool                  # shared by every request (cached)
    prompt.user(item, retry_reason=None)        # one conversation's request text

The plan is the bank generator's own (tide_core.dataset.build_dataset): the same personas, the same 20 scenarios per
persona, the same factor order and risk draw per conversation, so a Claude-built and a bank-built dataset of one
config differ only in who wrote the text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from tide_core.config import DatasetConfig
from tide_core.dataset import build_dataset
from tide_core.dialogue import FACTOR_CODES, FACTORS
from tide_core.dialogue.persona_facts import persona_facts
from tide_core.errors import ConfigError
from tide_core.personas import Persona
from tide_core.scenarios import Scenario, resolve_scenarios

PROMPT_FILE = Path(__file__).resolve().parent / "data" / "prompt.yaml"
_CODE_TO_FACTOR = {code: f for f, code in FACTOR_CODES.items()}


@dataclass(frozen=True)
class PlannedConversation:
    conversation_id: str
    persona: Persona
    conv_index: int
    scenario: Scenario
    factor_order: tuple[str, ...]
    risk_type: str | None

    @property
    def order_code(self) -> str:
        return ">".join(FACTOR_CODES[f] for f in self.factor_order)

    @property
    def validates_first(self) -> bool:
        return self.factor_order.index("distress_normalization") < self.factor_order.index("supportive_reflection")


@dataclass(frozen=True)
class Plan:
    conversations: list[PlannedConversation]
    bank: object  # the bank-built Dataset of the same config (kept for the side-by-side comparison)


def factor_order_of(code: str) -> tuple[str, ...]:
    order = tuple(_CODE_TO_FACTOR[c] for c in code.split(">"))
    if sorted(order) != sorted(FACTORS):
        raise ValueError(f"factor order {code!r} must name ER, DN and SR once each")
    return order


def plan_conversations(cfg: DatasetConfig) -> Plan:
    """The conversations to write: the bank build of `cfg` gives each one's persona, scenario, order and risk."""
    ds = build_dataset(cfg)
    personas = {}
    for row in ds.personas.iter_rows(named=True):
        fields = {k: v for k, v in row.items() if k not in ("source", "extra_json")}
        for k in ("symptoms", "symptom_clusters", "support_people"):
            fields[k] = tuple(fields[k] or ())
        personas[row["persona_id"]] = Persona(**fields)
    scenarios = {s.scenario_id: s for s in resolve_scenarios(cfg.scenarios)}
    items = [PlannedConversation(r["conversation_id"], personas[r["persona_id"]], r["conv_index"],
                                 scenarios[r["scenario_id"]], factor_order_of(r["factor_order"]), r["risk_type"])
             for r in ds.conversations.iter_rows(named=True)]
    return Plan(items, ds)


def _first(source) -> str | None:
    """A persona-facts source as one plain phrase (the first variant without a slot brace)."""
    options = (source,) if isinstance(source, str) else tuple(source)
    return next((o for o in options if o and "{" not in o), None)


def persona_block(p: Persona) -> str:
    """The persona facts the client may mention, one per line (tide_core.dialogue.persona_facts keeps them stable
    across a persona's conversations: the same partner's name, children and date)."""
    src = persona_facts(p).sources
    lines = [f"Name: {p.first_name}, {p.age}, {p.gender}, {p.ethnicity}; education: {p.education.replace('_', ' ')}; "
             f"work: {p.occupation}.",
             f"Index trauma: {p.trauma_label}, {src.get('years_ago', '')} (the date: {_first(src.get('date', ''))}); "
             f"they call it \"{_first(src.get('event', '')) or p.trauma_label}\".",
             f"Symptoms: {', '.join(p.symptoms)}. Severity: {p.severity} (PCL-5 {p.pcl5_score}).",
             f"Partner: their {src['partner']} {src['partner_name']}." if "partner" in src else "Partner: none (single).",
             (f"Children: {p.children}; the one they mention most: {_first(src['kid'])}, {src['kid_name']}, "
              f"{src['kid_age']}." if p.children else "Children: none."),
             f"Support: {p.support_level}; people they lean on: {', '.join(p.support_people) or 'nobody'}"
             + (f" (e.g. {', '.join(dict.fromkeys(s for s in src['support'] if '{' not in s))})"
                if "support" in src and not isinstance(src["support"], str) else "") + ".",
             f"Communication style: {p.communication_style.replace('_', '-')}."]
    return "\n".join(lines)


@dataclass(frozen=True)
class Prompt:
    version: str
    text: str  # the whole prompt file, stored with the build
    system: str
    tool: dict
    data: dict

    def user(self, item: PlannedConversation, retry_reason: str | None = None) -> str:
        d = self.data
        words = [d["factor_words"][f] for f in item.factor_order]
        order_words = f"{words[0]}, then {words[1]}, then {words[2]}"
        if item.risk_type:
            risk = d["risk_planned"].format(risk_type=item.risk_type, risk_words=d["risk_words"][item.risk_type])
        else:
            risk = d["risk_none"]
        retry = d["retry"].format(reason=retry_reason) if retry_reason else ""
        s = item.scenario
        return d["user"].format(persona=persona_block(item.persona), scenario_title=s.title,
                                scenario_description=s.description, emotions=", ".join(s.primary_emotions),
                                order_words=order_words, order_code=item.order_code, risk=risk,
                                retry=retry).strip() + "\n"

    def params(self, model: str, max_tokens: int, item: PlannedConversation, retry_reason: str | None = None) -> dict:
        """The Messages API parameters of one request: the shared system text marked for prompt caching (the cache
        prefix is the tool definition and the system text), the tool forced, the conversation's own text last."""
        return {"model": model, "max_tokens": max_tokens,
                "system": [{"type": "text", "text": self.system, "cache_control": {"type": "ephemeral"}}],
                "tools": [self.tool], "tool_choice": {"type": "tool", "name": self.tool["name"]},
                "messages": [{"role": "user", "content": self.user(item, retry_reason)}]}


@cache
def load_prompt(path: Path = PROMPT_FILE) -> Prompt:
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        version = f"{data['version']}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
        for key in ("system", "user", "risk_none", "risk_planned", "risk_words", "retry", "factor_words", "tool"):
            data[key]  # noqa: B018 - every part must be there
    except (yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"the Claude build prompt {path} is not usable: {type(exc).__name__} {exc}") from None
    return Prompt(version, text, data["system"].strip(), data["tool"], data)
