"""The phrase banks, loaded from the data files under tide_core/dialogue/data/ into typed structures.

    load_banks() -> Banks        (cached; the files are read once per process)

  data/scenarios/<scenario>.yaml   per scenario: client (what the client may say), reply (whole factor sentences),
                                   parts (phrases for the shared reply frames in reply_frames)
  data/trauma/<trauma type>.yaml   per trauma type: slot values (trigger, place, nightmare...)
  data/client_slots.yaml           everyday slot values any client message may use ({clock}, {store}...)
  data/shared_replies.yaml         reply sentences for every scenario: the risk protocol, leads, generic factors
  data/answers.yaml                how a reply answers each type of client question (frames), the self-critical
                                   questions with their answers, the symptom and "tried" cue words of the frame

Each file's header says what its keys hold. Every entry is checked when loaded: a missing or unknown key, a value
that is not a list of non-empty strings, or a template whose {fields} do not parse raises BankError naming the
file, the key (and item) and what was expected. Nothing is skipped silently.
"""

from __future__ import annotations

import dataclasses
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from tide_core.dialogue.fill import Tpl, tpl

DATA_DIR = Path(__file__).resolve().parent / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class BankError(ValueError):
    """A bank file entry that is missing, of the wrong shape, or not a valid template."""


QUESTION_TYPES = ("how", "normal", "tell", "what_happens")


@dataclass(frozen=True)
class AskTpl(Tpl):
    """A question (or plain request) the client may ask, typed, with what the reply's answer needs: `about` (what
    it asks about, second person) and `answer` (the answer's content for the type, see data/answers.yaml), or
    `answers` (whole answer sentences). `reply_fields` are the slots the answer names."""

    type: str = "how"
    about: str = ""
    answer: str = ""
    answers: tuple[str, ...] = ()
    reply_fields: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClientBank:
    core: tuple[Tpl, ...]
    detail: tuple[Tpl, ...]
    terse: tuple[Tpl, ...]
    vague: tuple[Tpl, ...]
    insight: tuple[Tpl, ...]
    ask: tuple[AskTpl, ...]


@dataclass(frozen=True)
class AnswerBanks:
    frames: dict[str, tuple[Tpl, ...]]      # question type -> answer frames naming {about} and {answer}
    echo_frames: tuple[Tpl, ...]            # simple reflections naming {echo}, what the client said happened
    self_questions: tuple[AskTpl, ...]      # self-critical questions, each with whole answer sentences
    symptoms: dict[str, tuple[str, ...]]    # symptom -> the words that name it in a client message
    tried: tuple[str, ...]                  # words saying the client already tried something


@dataclass(frozen=True)
class ReplyBank:
    er: tuple[Tpl, ...]
    dn: tuple[Tpl, ...]
    strength: tuple[Tpl, ...]
    step: tuple[Tpl, ...]


@dataclass(frozen=True)
class ReplyParts:
    sit: tuple[str, ...]
    moments: tuple[Tpl, ...]
    reactions: tuple[Tpl, ...]
    reasons: tuple[str, ...]
    did: tuple[Tpl, ...]
    steps: tuple[Tpl, ...]
    tries: tuple[Tpl, ...]


@dataclass(frozen=True)
class ScenarioBanks:
    client: ClientBank
    reply: ReplyBank
    parts: ReplyParts


@dataclass(frozen=True)
class SharedReplies:
    risk_er: tuple[Tpl, ...]
    risk_dn: tuple[Tpl, ...]
    risk_sr: tuple[Tpl, ...]
    er_leads: tuple[Tpl, ...]
    er_frames: tuple[Tpl, ...]
    dn_any: tuple[Tpl, ...]
    dn_self_critical: tuple[Tpl, ...]
    strength_any: tuple[Tpl, ...]
    step_guarded: tuple[Tpl, ...]


TRAUMA_KEYS = ("event", "kind", "trigger", "sound", "place", "avoid", "nightmare", "image", "media", "guilt")


@dataclass(frozen=True)
class Banks:
    scenarios: dict[str, ScenarioBanks]
    trauma: dict[str, dict[str, tuple[str, ...]]]
    client_slots: dict[str, tuple[str, ...]]
    shared: SharedReplies
    answers: AnswerBanks


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise BankError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise BankError(f"{path}: expected a mapping of keys at the top level, got {type(data).__name__}")
    return data


def _keys(data: dict, where: str, expected: tuple[str, ...]) -> None:
    missing = [k for k in expected if k not in data]
    unknown = [k for k in data if k not in expected]
    if missing or unknown:
        raise BankError(f"{where}: expected exactly the keys {', '.join(expected)}"
                        + (f"; missing {', '.join(missing)}" if missing else "")
                        + (f"; unknown {', '.join(map(str, unknown))}" if unknown else ""))


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise BankError(f"{where}: expected a list of strings, got {type(value).__name__}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise BankError(f"{where}[{i}]: expected a non-empty string, got {item!r} "
                            "(quote values YAML would read as numbers, booleans or null)")
    return tuple(value)


def _templates(value: object, where: str) -> tuple[Tpl, ...]:
    out = []
    for i, text in enumerate(_strings(value, where)):
        try:
            list(string.Formatter().parse(text))
        except ValueError as exc:
            raise BankError(f"{where}[{i}]: expected a template with balanced {{slot}} fields: {text!r} ({exc})") \
                from exc
        out.append(tpl(text))
    return tuple(out)


def _ask(value: object, where: str, whole: bool = False) -> tuple[AskTpl, ...]:
    """Typed questions: q, type, about and answer (or, with `whole`, answers: whole sentences)."""
    if not isinstance(value, list):
        raise BankError(f"{where}: expected a list of questions, got {type(value).__name__}")
    out = []
    for i, item in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(item, dict):
            raise BankError(f"{at}: expected a mapping with q, type, about, {'answers' if whole else 'answer'}")
        _keys(item, at, ("q", "type", "about", "answers" if whole else "answer"))
        if item["type"] not in QUESTION_TYPES:
            raise BankError(f"{at}: type must be one of {', '.join(QUESTION_TYPES)}, got {item['type']!r}")
        q, about = _templates([item["q"]], f"{at}: q")[0], _templates([item["about"]], f"{at}: about")[0]
        said = _templates(list(item["answers"]) if whole else [item["answer"]],
                          f"{at}: {'answers' if whole else 'answer'}")
        out.append(AskTpl(q.text, q.fields, type=item["type"], about=about.text,
                          answer="" if whole else said[0].text, answers=tuple(s.text for s in said) if whole else (),
                          reply_fields=about.fields.union(*(s.fields for s in said))))
    return tuple(out)


def _record(cls: type, data: object, where: str, plain: tuple[str, ...] = ()):
    """Build the dataclass `cls` from a mapping: template lists, except the fields in `plain` (plain strings)."""
    if not isinstance(data, dict):
        raise BankError(f"{where}: expected a mapping, got {type(data).__name__}")
    names = tuple(f.name for f in dataclasses.fields(cls))
    _keys(data, where, names)
    return cls(**{n: (_strings if n in plain else _ask if n == "ask" else _templates)(data[n], f"{where}: {n}")
                  for n in names})


def load_answers(path: Path) -> AnswerBanks:
    data = _read(path)
    _keys(data, str(path), ("frames", "echo_frames", "self_questions", "symptoms", "tried"))
    frames = data["frames"]
    if not isinstance(frames, dict):
        raise BankError(f"{path}: frames: expected a mapping of question type to frames")
    _keys(frames, f"{path}: frames", QUESTION_TYPES)
    symptoms = data["symptoms"]
    if not isinstance(symptoms, dict):
        raise BankError(f"{path}: symptoms: expected a mapping of symptom to cue words")
    return AnswerBanks(frames={k: _templates(frames[k], f"{path}: frames: {k}") for k in QUESTION_TYPES},
                       echo_frames=_templates(data["echo_frames"], f"{path}: echo_frames"),
                       self_questions=_ask(data["self_questions"], f"{path}: self_questions", whole=True),
                       symptoms={str(k): _strings(v, f"{path}: symptoms: {k}") for k, v in symptoms.items()},
                       tried=_strings(data["tried"], f"{path}: tried"))


def load_scenario(path: Path) -> ScenarioBanks:
    data = _read(path)
    _keys(data, str(path), ("client", "reply", "parts"))
    return ScenarioBanks(client=_record(ClientBank, data["client"], f"{path}: client"),
                         reply=_record(ReplyBank, data["reply"], f"{path}: reply"),
                         parts=_record(ReplyParts, data["parts"], f"{path}: parts", plain=("sit", "reasons")))


def load_trauma(path: Path) -> dict[str, tuple[str, ...]]:
    data = _read(path)
    _keys(data, str(path), TRAUMA_KEYS)
    for key in data:  # values may name persona slots: check they parse
        _templates(data[key], f"{path}: {key}")
    return {key: _strings(data[key], f"{path}: {key}") for key in data}


def _by_stem(folder: Path, expected: list[str], what: str) -> dict[str, Path]:
    files = {p.stem: p for p in sorted(folder.glob("*.yaml"))}
    missing = [k for k in expected if k not in files]
    unknown = [k for k in files if k not in expected]
    if missing or unknown:
        raise BankError(f"{folder}: expected one file per {what}"
                        + (f"; missing {', '.join(f'{k}.yaml' for k in missing)}" if missing else "")
                        + (f"; unknown {', '.join(f'{k}.yaml' for k in unknown)}" if unknown else ""))
    return {k: files[k] for k in expected}


@lru_cache(maxsize=4)
def load_banks(data_dir: Path = DATA_DIR) -> Banks:
    """Every bank file under `data_dir`, checked; scenarios and trauma types must match their registries."""
    from tide_core.personas import TRAUMA_TYPES
    from tide_core.scenarios import SCENARIOS

    scenarios = {sid: load_scenario(p) for sid, p in _by_stem(data_dir / "scenarios", list(SCENARIOS),
                                                              "scenario").items()}
    trauma = {tt: load_trauma(p) for tt, p in _by_stem(data_dir / "trauma", list(TRAUMA_TYPES),
                                                       "trauma type").items()}
    slots_path = data_dir / "client_slots.yaml"
    slots = _read(slots_path)
    client_slots = {str(k): _strings(v, f"{slots_path}: {k}") for k, v in slots.items()}
    shared_path = data_dir / "shared_replies.yaml"
    shared = _record(SharedReplies, _read(shared_path), str(shared_path))
    return Banks(scenarios=scenarios, trauma=trauma, client_slots=client_slots, shared=shared,
                 answers=load_answers(data_dir / "answers.yaml"))
