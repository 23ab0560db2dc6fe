"""The published TIDE release layout: per-persona JSON files (metadata/<N>_metadata.json,
conversations/<N>_conversation*.json), export and tolerant import (see the package docstring)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from tide_core.config import DatasetConfig
from tide_core.dataset import (
    CONVERSATION_SCHEMA,
    PERSONA_SCHEMA,
    SCENARIO_SCHEMA,
    SPLIT_SCHEMA,
    SPLITS,
    Dataset,
    conversation_id,
    split_of,
)
from tide_core.dialogue.types import FACTOR_CODES, FACTORS
from tide_core.errors import TideError
from tide_core.personas import AGE_BANDS, EDUCATION_LABELS, SYMPTOM_CLUSTERS, TRAUMA_TYPES
from tide_core.scenarios import SCENARIOS
from tide_core.tide_format.shared import (
    DEFAULT_SPLIT_SEED,
    RELEASE_SOURCE,
    _check_row,
    _dataset_source,
    _final_paths,
    _kind,
    _staged_folder,
    _Where,
)

SPAN_PREFIX = {"emotion_recognition": "er", "distress_normalization": "dn", "supportive_reflection": "sr"}

# ---------------------------------------------------------------------------------------------------------------
# Accepted key names of the TIDE layout. Keys are compared after `_norm_key` ("Education Level" -> education_level,
# "clientMessage" -> client_message), so only the normalised spelling is listed.
# ---------------------------------------------------------------------------------------------------------------
CLIENT_KEYS = ("person", "client", "user", "patient", "human", "seeker", "person_message", "client_message",
               "user_message", "patient_message", "seeker_message", "human_message", "input")
REPLY_KEYS = ("chatbot", "assistant", "response", "bot", "therapist", "supporter", "reply", "chatbot_response",
              "chatbot_message", "assistant_message", "assistant_response", "bot_response", "bot_message",
              "therapist_response", "supporter_response", "output", "reference_reply", "reference_response")
# Chat-style turns: {"role": "user", "content": "..."} (or speaker/text, from/value, ...).
ROLE_KEYS = ("role", "speaker", "from", "author", "sender")
TEXT_KEYS = ("content", "text", "message", "value", "utterance")
CLIENT_ROLES = frozenset({"user", "client", "person", "patient", "human", "seeker"})
REPLY_ROLES = frozenset({"assistant", "chatbot", "bot", "therapist", "supporter", "gpt", "model", "ai"})
SKIPPED_ROLES = frozenset({"system"})  # a system prompt in a chat export is not part of the two-turn pair
# Wrapper keys holding the list of pairs (or turns) in a conversations file.
CONTAINER_KEYS = ("conversations", "conversation", "dialogues", "dialogue", "dialogs", "turns", "pairs",
                  "messages", "exchanges", "data", "items")
# Metadata may group its fields; these groups are flattened into the top level.
METADATA_GROUPS = ("demographics", "demographic", "behavioral", "behavioural", "clinical", "profile",
                   "background", "persona", "metadata")

# Persona column -> accepted metadata keys (normalised).
METADATA_ALIASES: dict[str, tuple[str, ...]] = {
    "persona_id": ("persona_id",),
    "first_name": ("first_name", "firstname", "name", "persona_name", "client_name", "given_name"),
    "age": ("age", "age_years"),
    "age_band": ("age_band", "age_group", "age_range"),
    "gender": ("gender", "sex", "gender_identity"),
    "ethnicity": ("ethnicity", "race", "race_ethnicity", "ethnicity_race", "ethnic_background"),
    "education": ("education", "education_level", "highest_education", "educational_background"),
    "occupation": ("occupation", "job", "profession", "job_title", "employment"),
    "trauma_type": ("trauma_type", "trauma", "traumatic_event", "trauma_event", "index_trauma", "type_of_trauma",
                    "trauma_category"),
    "trauma_label": ("trauma_label", "trauma_description"),
    "years_since_trauma": ("years_since_trauma", "years_since_event", "time_since_trauma",
                           "years_since_traumatic_event"),
    "symptoms": ("symptoms", "ptsd_symptoms", "symptom_list", "symptom_profile"),
    "symptom_clusters": ("symptom_clusters", "clusters"),
    "severity": ("severity", "ptsd_severity", "symptom_severity", "severity_level"),
    "pcl5_score": ("pcl5_score", "pcl5", "pcl_5", "pcl_5_score"),
    # support_system / support may hold a level ("strong") or the people ("sister, old friend"): see _split_metadata.
    "support_level": ("support_level", "social_support", "support_system", "support"),
    "support_people": ("support_people", "support_network"),
    "partner": ("partner",),
    "children": ("children", "number_of_children", "num_children", "kids"),
    "communication_style": ("communication_style", "style", "speaking_style", "tone"),
    "is_synthetic": ("is_synthetic", "synthetic"),
    "source": ("source",),
    "extra_json": ("extra_json",),
    "split": ("split", "data_split"),
    "split_seed": ("split_seed",),
}
# Conversation column -> accepted pair keys (normalised), besides the speaker keys and spans.
PAIR_ALIASES: dict[str, tuple[str, ...]] = {
    "conversation_id": ("conversation_id",),
    "conv_index": ("conv_index", "conversation_index", "conversation_number"),
    "scenario_id": ("scenario_id",),
    "factor_order": ("factor_order",),
    "validates_first": ("validates_first",),
    "is_risk": ("is_risk",),
    "risk_type": ("risk_type",),
    "is_synthetic": ("is_synthetic", "synthetic"),
    "reference_source": ("reference_source",),
}
PERSONA_SOURCES = ("generator", RELEASE_SOURCE)
GENDER_SYNONYMS = {"female": "woman", "f": "woman", "woman": "woman", "male": "man", "m": "man", "man": "man",
                   "non_binary": "non-binary", "nonbinary": "non-binary", "nb": "non-binary"}
SPLIT_SYNONYMS = {"train": "train", "training": "train", "validation": "validation", "val": "validation",
                  "valid": "validation", "dev": "validation", "test": "test", "testing": "test"}
VOCABULARIES = {
    "severity": ("mild", "moderate", "severe"),
    "support_level": ("strong", "moderate", "limited", "isolated"),
    "communication_style": ("terse", "guarded", "verbose", "direct", "self_critical", "reflective"),
}

_META_FILE = re.compile(r"^(\d+)[_-]?metadata\.json$", re.IGNORECASE)
_CONV_FILE = re.compile(r"^(\d+)[_-]conversations?(?:[_-]?(\d+))?\.json$", re.IGNORECASE)


@lru_cache(maxsize=4096)  # called for every key of every pair: a release has few distinct keys
def _norm_key(key: str) -> str:
    """Compare keys loosely: camelCase, spaces, dashes and case do not matter ("Education Level" == education_level)."""
    key = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(key))
    return re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


# "Bachelor's degree" (our label) or "bachelors" (our slug) -> bachelors.
EDUCATION_SLUGS = {**{_slug(label): key for key, label in EDUCATION_LABELS.items()}, **{k: k for k in EDUCATION_LABELS}}


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------------
# TIDE layout: export
# ---------------------------------------------------------------------------------------------------------------
def _pair_of(row: dict) -> dict:
    """One conversation row as a release-style pair: "person"/"chatbot" plus our extra keys."""
    return {
        "person": row["client_message"],
        "chatbot": row["reference_reply"],
        "conversation_id": row["conversation_id"],
        "conv_index": row["conv_index"],
        "scenario_id": row["scenario_id"],
        "factor_order": row["factor_order"],
        "validates_first": row["validates_first"],
        "spans": {f: [row[f"{p}_start"], row[f"{p}_end"]] for f, p in SPAN_PREFIX.items()},
        "is_risk": row["is_risk"],
        "risk_type": row["risk_type"],
        "is_synthetic": row["is_synthetic"],
        "reference_source": row["reference_source"],
    }


def export_tide(ds: Dataset, out_dir: Path) -> list[Path]:
    """Write ds in the TIDE release layout under out_dir and return the written files (sorted).

    metadata/<N>_metadata.json: every persona column (lists as JSON lists, extra_json as its JSON text) plus
    split and split_seed; conversations/<N>_conversations.json: a list of pairs ("person", "chatbot" and our
    extra keys); scenarios.json: the scenario registry rows, when ds has scenarios. UTF-8, indent 2.
    Raises TideError when a persona has no conversation (the layout needs at least one pair per persona) or a
    conversation names an unknown persona; out_dir is then left as it was.
    """
    personas = ds.personas.sort("persona_id").to_dicts()
    splits = {r["persona_id"]: r for r in ds.splits.to_dicts()}
    pairs: dict[int, list[dict]] = {p["persona_id"]: [] for p in personas}
    for row in ds.conversations.sort(["persona_id", "conv_index"]).to_dicts():
        if row["persona_id"] not in pairs:
            raise TideError(f"conversation {row['conversation_id']} names persona {row['persona_id']}, "
                            "which is not in the personas frame; expected every conversation to have a persona")
        pairs[row["persona_id"]].append(_pair_of(row))
    empty = [n for n, rows in pairs.items() if not rows]
    if empty:
        raise TideError(f"personas {empty[:10]} have no conversations; the TIDE layout expects at least one pair "
                        "per persona")
    with _staged_folder(out_dir, {"metadata", "conversations", "scenarios.json"}, "tide") as tmp:
        written: list[Path] = []
        for persona in personas:
            n = persona["persona_id"]
            meta = dict(persona)
            if n in splits:
                meta["split"], meta["split_seed"] = splits[n]["split"], splits[n]["split_seed"]
            written.append(tmp / "metadata" / f"{n}_metadata.json")
            _write_json(written[-1], meta)
            written.append(tmp / "conversations" / f"{n}_conversations.json")
            _write_json(written[-1], pairs[n])
        if ds.scenarios.height:
            written.append(tmp / "scenarios.json")
            _write_json(written[-1], ds.scenarios.to_dicts())
    return _final_paths(out_dir, tmp, written)


# ---------------------------------------------------------------------------------------------------------------
# TIDE layout: reading files
# ---------------------------------------------------------------------------------------------------------------
def _read_json(file: Path) -> Any:
    try:
        text = file.read_text(encoding="utf-8-sig")  # -sig: tolerate a BOM left by editors
    except UnicodeDecodeError as exc:
        raise _Where(file).fail("(file)", "UTF-8 text", f"undecodable byte at offset {exc.start}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = _Where(file, row=exc.lineno, row_kind="line")
        raise where.fail("(JSON syntax)", "valid JSON (a JSON object or list)",
                         f"{exc.msg} at column {exc.colno}") from exc


def _tide_root(in_dir: Path) -> Path:
    """The folder holding metadata/ and conversations/: in_dir itself or its only subfolder that has them."""
    in_dir = Path(in_dir)
    if not in_dir.is_dir():
        raise _Where(in_dir).fail("(folder)", "a folder with metadata/ and conversations/ subfolders", "no such folder")
    if (in_dir / "metadata").is_dir() or (in_dir / "conversations").is_dir():
        root = in_dir
    else:
        # Release archives often unpack into one top-level folder (e.g. TIDE/metadata/...).
        nested = [d for d in in_dir.iterdir() if d.is_dir() and (d / "metadata").is_dir()]
        if len(nested) != 1:
            raise _Where(in_dir).fail("(folder)", "subfolders metadata/ (<N>_metadata.json files) and "
                                      "conversations/ (<N>_conversation*.json files)",
                                      value=sorted(p.name for p in in_dir.iterdir()))
        root = nested[0]
    for sub in ("metadata", "conversations"):
        if not (root / sub).is_dir():
            raise _Where(root / sub).fail("(folder)", f"a {sub}/ folder next to "
                                          f"{'conversations' if sub == 'metadata' else 'metadata'}/", "missing")
    return root


def _metadata_files(folder: Path) -> dict[int, Path]:
    files: dict[int, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() != ".json":
            continue  # README, .DS_Store and the like are not data
        m = _META_FILE.match(path.name)
        if not m:
            raise _Where(path).fail("(file name)", "<N>_metadata.json with N the persona number", value=path.name)
        n = int(m.group(1))
        if n in files:
            raise _Where(path).fail("(file name)", f"one metadata file per persona; {files[n].name} is persona {n} too")
        files[n] = path
    return files


def _conversation_files(folder: Path) -> dict[int, list[Path]]:
    """Persona -> its conversation files, in numeric order of the part number (1, 2, 10; not 1, 10, 2)."""
    found: dict[int, list[tuple[int, Path]]] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() != ".json":
            continue
        m = _CONV_FILE.match(path.name)
        if not m:
            raise _Where(path).fail("(file name)", "<N>_conversation.json, <N>_conversations.json or "
                                    "<N>_conversation_<k>.json with N the persona number", value=path.name)
        part = int(m.group(2)) if m.group(2) else 0
        found.setdefault(int(m.group(1)), []).append((part, path))
    out: dict[int, list[Path]] = {}
    for n, parts in found.items():
        numbers = [p for p, _ in parts]
        if len(set(numbers)) != len(numbers):
            dup = sorted(path.name for p, path in parts if numbers.count(p) > 1)
            raise _Where(folder).fail("(file name)", f"one file per conversation number for persona {n}", value=dup)
        out[n] = [path for _, path in sorted(parts, key=lambda t: t[0])]
    return out


# ---------------------------------------------------------------------------------------------------------------
# TIDE layout: value checks
# ---------------------------------------------------------------------------------------------------------------
def _as_int(value: Any, where: _Where, field: str, lo: int | None = None, hi: int | None = None) -> int:
    """A whole number (an int, a float like 34.0, or a digit string like "34") within [lo, hi]."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        number = int(value)
    expected = "a whole number" + (f" from {lo} to {hi}" if lo is not None and hi is not None else
                                   f" >= {lo}" if lo is not None else "")
    if number is None or (lo is not None and number < lo) or (hi is not None and number > hi):
        raise where.fail(field, expected, value=value)
    return number


def _as_bool(value: Any, where: _Where, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
        return value.strip().lower() in ("true", "yes")
    raise where.fail(field, "true or false", value=value)


def _as_str(value: Any, where: _Where, field: str) -> str:
    if not isinstance(value, str):
        raise where.fail(field, "a string", value=value)
    return value


def _as_text(value: Any, where: _Where, field: str) -> str:
    """Dialogue text: a non-empty string, kept verbatim (span offsets index into it)."""
    if not isinstance(value, str) or not value.strip():
        raise where.fail(field, "a non-empty string", value=value)
    return value


def _as_str_list(value: Any, where: _Where, field: str) -> list[str]:
    """A JSON list of strings, or one string with comma- or semicolon-separated items."""
    if isinstance(value, str):
        return [item.strip() for item in re.split(r"[,;]", value) if item.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise where.fail(field, "a list of strings or a comma-separated string", value=value)


# ---------------------------------------------------------------------------------------------------------------
# TIDE layout: metadata -> persona row
# ---------------------------------------------------------------------------------------------------------------
_ALIAS_TO_COLUMN = {alias: column for column, aliases in METADATA_ALIASES.items() for alias in aliases}


def _flatten_metadata(meta: Any, where: _Where) -> dict[str, Any]:
    """The metadata object with grouping sub-objects ("demographics": {...}) merged into the top level."""
    if not isinstance(meta, dict):
        raise where.fail("(top level)", "a JSON object of persona fields (age, gender, ...)", _kind(meta))
    flat: dict[str, Any] = {}
    for key, value in meta.items():
        if isinstance(value, dict) and _norm_key(key) in METADATA_GROUPS:
            for sub_key, sub_value in _flatten_metadata(value, where.at(path=f"{where.path}.{key}")).items():
                if sub_key in flat:
                    raise where.fail(sub_key, "each field once", f"{sub_key!r} both in {key!r} and elsewhere")
                flat[sub_key] = sub_value
        else:
            if key in flat:
                raise where.fail(key, "each field once", "a duplicate")
            flat[key] = value
    return flat


def _split_metadata(meta: dict[str, Any], where: _Where) -> tuple[dict[str, tuple[str, Any]], dict[str, Any]]:
    """(column -> (original key, value)) for mapped keys, and the unmapped keys for extra_json."""
    mapped: dict[str, tuple[str, Any]] = {}
    extra: dict[str, Any] = {}
    for key, value in meta.items():
        column = _ALIAS_TO_COLUMN.get(_norm_key(key))
        if column == "support_level" and (isinstance(value, list) or
                                          (isinstance(value, str) and _slug(value) not in VOCABULARIES[column])):
            column = "support_people"  # "support_system": ["sister", ...] names people, not a level
        if column == "source" and value not in PERSONA_SOURCES:
            column = None  # a release "source" field means something else; keep it, do not relabel the row
        if column is None:
            extra[key] = value
            continue
        if column in mapped:
            raise where.fail(key, f"one key for column {column} (accepted: {', '.join(METADATA_ALIASES[column])})",
                             f"both {mapped[column][0]!r} and {key!r}")
        mapped[column] = (key, value)
    return mapped, extra


def _age_band(age: int) -> str:
    """The personas.py band holding age; ages past the last band (81-100) go in the last band."""
    for band, (lo, hi) in AGE_BANDS.items():
        if lo <= age <= hi:
            return band
    return list(AGE_BANDS)[-1]


def _vocab(value: str, known: tuple[str, ...] | dict[str, str]) -> str:
    """A known slug when value names one ("Self Critical" -> self_critical); else value unchanged."""
    slug = _slug(value)
    if isinstance(known, dict):
        return known.get(slug, value)
    return slug if slug in known else value


def _trauma(value: str) -> tuple[str, str]:
    """(trauma_type slug, trauma_label words) for a trauma given by id, label or free text."""
    slug = _slug(value)
    if slug in TRAUMA_TYPES:
        return slug, TRAUMA_TYPES[slug].label
    for t in TRAUMA_TYPES.values():
        if _slug(t.label) == slug:
            return t.trauma_id, t.label
    return slug or "unknown", value.strip() or "unknown"


def _clusters_of(symptoms: list[str]) -> list[str]:
    lowered = {s.strip().lower() for s in symptoms}
    return [c for c, group in SYMPTOM_CLUSTERS.items() if lowered & set(group)]


def _extra_json(extra: dict[str, Any], given: tuple[str, Any] | None, where: _Where) -> str | None:
    """extra_json text: our own exports carry it verbatim; unmapped release keys are added, keys sorted."""
    base: dict[str, Any] = {}
    if given is not None and given[1] is not None:
        key, value = given
        if isinstance(value, str):
            try:
                base = json.loads(value)
            except json.JSONDecodeError:
                base = None
            if not isinstance(base, dict):
                raise where.fail(key, "JSON text of an object", value=value)
            if not extra:
                return value  # verbatim: exact round trip of our own export
        elif isinstance(value, dict):
            base = dict(value)
        else:
            raise where.fail(key, "JSON text of an object, or an object", value=value)
    merged = {**base, **extra}
    return json.dumps(merged, sort_keys=True, ensure_ascii=False) if merged else None


def _persona_from_metadata(n: int, meta: Any, where: _Where) -> tuple[dict, dict[str, Any]]:
    """(persona row, split info {"split", "split_seed"} when given) for persona n; see import_tide for defaults."""
    fields, extra = _split_metadata(_flatten_metadata(meta, where), where)

    def get(column: str) -> tuple[str, Any]:
        key, value = fields.get(column, (column, None))
        if isinstance(value, str) and not value.strip():
            value = None  # an empty string says as little as a missing field
        return key, value

    def text(column: str, default: str | None) -> str | None:
        key, value = get(column)
        return default if value is None else _as_str(value, where, key).strip()

    def number(column: str, lo: int, hi: int | None = None) -> int | None:
        key, value = get(column)
        return None if value is None else _as_int(value, where, key, lo, hi)

    key, pid = get("persona_id")
    if pid is not None and _as_int(pid, where, key) != n:
        raise where.fail(key, f"{n}, the number in the file name", value=pid)
    key, age = get("age")
    if age is None:
        accepted = ", ".join(METADATA_ALIASES["age"])
        raise where.fail("age", f"a whole number from 18 to 100 under one of the keys {accepted}", "no such key")
    age = _as_int(age, where, key, 18, 100)

    key, trauma = get("trauma_type")
    trauma_type, trauma_label = _trauma(_as_str(trauma, where, key)) if trauma is not None else ("unknown", "unknown")
    trauma_label = text("trauma_label", trauma_label)
    key, symptoms = get("symptoms")
    symptoms = [] if symptoms is None else _as_str_list(symptoms, where, key)
    key, clusters = get("symptom_clusters")
    clusters = _clusters_of(symptoms) if clusters is None else _as_str_list(clusters, where, key)
    key, people = get("support_people")
    people = None if people is None else _as_str_list(people, where, key)
    gender = text("gender", "unknown")
    education = text("education", "unknown")
    severity, support, style = text("severity", None), text("support_level", None), text("communication_style", None)
    key, synthetic = get("is_synthetic")
    row = {
        "persona_id": n,
        "first_name": text("first_name", f"Client {n}"),
        "age": age,
        "age_band": text("age_band", _age_band(age)),
        "gender": _vocab(gender, GENDER_SYNONYMS),
        "ethnicity": text("ethnicity", "unknown"),
        "education": _vocab(education, EDUCATION_SLUGS),
        "occupation": text("occupation", "unknown"),
        "trauma_type": trauma_type,
        "trauma_label": trauma_label,
        "years_since_trauma": number("years_since_trauma", 0, 100),
        "symptoms": symptoms,
        "symptom_clusters": clusters,
        "severity": None if severity is None else _vocab(severity, VOCABULARIES["severity"]),
        "pcl5_score": number("pcl5_score", 0, 80),
        "support_level": None if support is None else _vocab(support, VOCABULARIES["support_level"]),
        "support_people": people,
        "partner": text("partner", None),
        "children": number("children", 0, 30),
        "communication_style": None if style is None else _vocab(style, VOCABULARIES["communication_style"]),
        # The published TIDE personas and texts were themselves generated by a language model, so a release
        # file without the flag is synthetic too.
        "is_synthetic": True if synthetic is None else _as_bool(synthetic, where, key),
        "source": text("source", RELEASE_SOURCE),
        "extra_json": _extra_json(extra, fields.get("extra_json"), where),
    }
    split: dict[str, Any] = {}
    key, value = get("split")
    if value is not None:
        name = SPLIT_SYNONYMS.get(_slug(_as_str(value, where, key)))
        if name is None:
            raise where.fail(key, f"one of {', '.join(SPLITS)}", value=value)
        split["split"] = name
    split_seed = number("split_seed", -(2**63), 2**63 - 1)
    if split_seed is not None:
        split["split_seed"] = split_seed
    return row, split


# ---------------------------------------------------------------------------------------------------------------
# TIDE layout: conversations -> pairs
# ---------------------------------------------------------------------------------------------------------------
def _keys_by_norm(obj: dict) -> dict[str, str]:
    return {_norm_key(k): k for k in obj}


def _pick_key(obj: dict, accepted: tuple[str, ...], where: _Where, field: str) -> str | None:
    """The one key of obj among accepted (normalised); None when absent; an error when two are present."""
    present = [key for key in obj if _norm_key(key) in accepted]  # "Person" and "person" are two keys: ambiguous
    if len(present) > 1:
        raise where.fail(field, f"exactly one of the keys {', '.join(accepted)}", f"several: {present}")
    return present[0] if present else None


def _is_turn(item: Any) -> bool:
    if not isinstance(item, dict):
        return False
    norms = _keys_by_norm(item)
    return any(k in norms for k in ROLE_KEYS) and any(k in norms for k in TEXT_KEYS)


def _turn_role(turn: dict, where: _Where) -> tuple[str, Any]:
    """("client" | "reply" | "skip", text) of a chat-style turn."""
    role_key = _pick_key(turn, ROLE_KEYS, where, "role")
    text_key = _pick_key(turn, TEXT_KEYS, where, "content")
    role = turn[role_key]
    norm = _norm_key(role) if isinstance(role, str) else None
    if norm in CLIENT_ROLES:
        return "client", (text_key, turn[text_key])
    if norm in REPLY_ROLES:
        return "reply", (text_key, turn[text_key])
    if norm in SKIPPED_ROLES:
        return "skip", None
    raise where.fail(role_key, f"a client role ({', '.join(sorted(CLIENT_ROLES))}) or a reply role "
                     f"({', '.join(sorted(REPLY_ROLES))})", value=role)


def _pairs_from_turns(turns: list, where: _Where) -> list[tuple[dict, _Where]]:
    """Chat-style turns grouped into (client, reply) pairs, in order; system turns are skipped.

    Each pair's location is its client turn, numbered 1, 2, ... within this list of turns.
    """
    pairs: list[tuple[dict, _Where]] = []
    pending: tuple[str, Any, _Where] | None = None  # the client turn waiting for its reply
    for i, turn in enumerate(turns):
        turn_where = where.at(row=len(pairs) + 1, path=f"{where.path}[{i}]")
        role, key_text = _turn_role(turn, turn_where)
        if role == "skip":
            continue
        if role == "client":
            if pending is not None:
                raise turn_where.fail("role", "a reply turn after each client turn", "two client turns in a row")
            pending = (*key_text, turn_where)
            continue
        if pending is None:
            raise turn_where.fail("role", "a client turn before each reply turn", "a reply with no client turn")
        client_key, client, client_where = pending
        pair = {"client_message": _as_text(client, client_where, client_key),
                "reference_reply": _as_text(key_text[1], turn_where, key_text[0])}
        pairs.append((pair, client_where))
        pending = None
    if pending is not None:
        raise pending[2].fail("role", "a reply turn after the last client turn", "none")
    return pairs


def _pair_fields(obj: dict, pair: dict, where: _Where) -> dict:
    """Our extra keys of a pair object (scenario, spans, risk, ...) validated into conversation columns."""
    for column, aliases in PAIR_ALIASES.items():
        key = _pick_key(obj, aliases, where, column)
        if key is None or obj[key] is None:
            continue
        value = obj[key]
        if column == "conv_index":
            pair[column] = _as_int(value, where, key, 1)
        elif column in ("validates_first", "is_risk", "is_synthetic"):
            pair[column] = _as_bool(value, where, key)
        elif column in ("conversation_id", "reference_source"):
            pair[column] = _as_text(value, where, key)
        else:
            pair[column] = _as_str(value, where, key)
    pair.update(_spans(obj, pair["reference_reply"], where))
    return pair


def _spans(obj: dict, reply: str, where: _Where) -> dict[str, int | None]:
    """er_start..sr_end from "spans": {factor: [start, end]} (or flat er_start keys); checked against the reply."""
    out: dict[str, int | None] = {}
    key = _pick_key(obj, ("spans", "factor_spans"), where, "spans")
    norms = _keys_by_norm(obj)
    codes = {FACTOR_CODES[f].lower(): f for f in FACTORS}
    given: dict[str, Any] = {}
    if key is not None and obj[key] is not None:
        if not isinstance(obj[key], dict):
            expected = f"an object {{factor: [start, end]}} with factors {', '.join(FACTORS)}"
            raise where.fail(key, expected, value=obj[key])
        for name, span in obj[key].items():
            factor = codes.get(_norm_key(name), _norm_key(name))
            if factor not in FACTORS:
                raise where.fail(f"{key}.{name}", f"a factor name: {', '.join(FACTORS)}", value=name)
            given[factor] = span
    else:
        for factor, prefix in SPAN_PREFIX.items():
            if f"{prefix}_start" in norms or f"{prefix}_end" in norms:
                given[factor] = [obj.get(norms.get(f"{prefix}_start")), obj.get(norms.get(f"{prefix}_end"))]
    for factor, prefix in SPAN_PREFIX.items():
        span = given.get(factor)
        field = f"spans.{factor}"
        if span is None:
            span = [None, None]
        if not isinstance(span, list) or len(span) != 2:
            raise where.fail(field, "[start, end] character offsets into the reply", value=span)
        start, end = (None if v is None else _as_int(v, where, field, 0, len(reply)) for v in span)
        if start is not None and end is not None and not start < end:
            raise where.fail(field, f"start < end <= {len(reply)} (the reply's length)", value=span)
        out[f"{prefix}_start"], out[f"{prefix}_end"] = start, end
    return out


def _one_pair(item: Any, where: _Where) -> dict:
    """A pair object ({"person": ..., "chatbot": ...}), a pair of turns, or an object holding a pair of turns."""
    if isinstance(item, list) and item and all(_is_turn(t) for t in item):
        pairs = _pairs_from_turns(item, where)
        if len(pairs) != 1:
            raise where.fail("(turns)", "one client turn and one reply turn per pair", f"{len(pairs)} pairs")
        return pairs[0][0] | _spans({}, pairs[0][0]["reference_reply"], where)
    if not isinstance(item, dict):
        raise where.fail("(pair)", "an object with a client key and a reply key", _kind(item))
    client_key = _pick_key(item, CLIENT_KEYS, where, "client message")
    reply_key = _pick_key(item, REPLY_KEYS, where, "reply")
    if client_key is None and reply_key is None:
        container = _pick_key(item, CONTAINER_KEYS, where, "turns")
        turns = item.get(container) if container else None
        if isinstance(turns, list) and turns and all(_is_turn(t) for t in turns):
            pairs = _pairs_from_turns(turns, where.at(path=f"{where.path}.{container}"))
            if len(pairs) != 1:
                raise where.fail(container, "one client turn and one reply turn per pair", f"{len(pairs)} pairs")
            return _pair_fields(item, pairs[0][0], where)
    if client_key is None:
        raise where.fail("client message", f"one of the keys {', '.join(CLIENT_KEYS)} (or chat-style "
                         "role/content turns)", f"keys {sorted(item)}")
    if reply_key is None:
        raise where.fail("reply", f"one of the keys {', '.join(REPLY_KEYS)} (or chat-style role/content turns)",
                         f"keys {sorted(item)}")
    pair = {"client_message": _as_text(item[client_key], where, client_key),
            "reference_reply": _as_text(item[reply_key], where, reply_key)}
    return _pair_fields(item, pair, where)


def _pairs_from_list(items: list, where: _Where) -> list[tuple[dict, _Where]]:
    if items and all(_is_turn(t) for t in items):
        return [(pair | _spans({}, pair["reference_reply"], w), w) for pair, w in _pairs_from_turns(items, where)]
    out = []
    for i, item in enumerate(items):
        item_where = where.at(row=i + 1, path=f"{where.path}[{i}]")
        out.append((_one_pair(item, item_where), item_where))
    return out


def _pairs_in_document(doc: Any, where: _Where) -> list[tuple[dict, _Where]]:
    """All pairs of one conversations file, in file order, each with its location."""
    if isinstance(doc, list):
        return _pairs_from_list(doc, where)
    if not isinstance(doc, dict):
        raise where.fail("(top level)", "a pair object, a list of pairs, or an object with one of the keys "
                         f"{', '.join(CONTAINER_KEYS)}", _kind(doc))
    if _pick_key(doc, CLIENT_KEYS, where, "client message") or _pick_key(doc, REPLY_KEYS, where, "reply"):
        one = where.at(row=1)
        return [(_one_pair(doc, one), one)]
    container = _pick_key(doc, CONTAINER_KEYS, where, "conversations")
    if container is None:
        raise where.fail("(top level)", "a pair with a client key and a reply key, or one of the keys "
                         f"{', '.join(CONTAINER_KEYS)} holding the pairs", f"keys {sorted(doc)}")
    inner = doc[container]
    inner_where = where.at(path=f"$.{container}")
    if isinstance(inner, dict):
        return _pairs_in_document(inner, inner_where)
    if not isinstance(inner, list):
        raise inner_where.fail(container, "a list of pairs or of chat turns", _kind(inner))
    return _pairs_from_list(inner, inner_where)


# ---------------------------------------------------------------------------------------------------------------
# TIDE layout: import
# ---------------------------------------------------------------------------------------------------------------
def _conversation_rows(n: int, files: list[Path]) -> list[dict]:
    """Persona n's conversation rows from its files (in numeric file order); conv_index = position unless given."""
    rows: list[dict] = []
    seen: dict[int, _Where] = {}
    for file in files:
        where = _Where(file, persona=n)
        pairs = _pairs_in_document(_read_json(file), where)
        if not pairs:
            raise where.fail("(pairs)", "at least one client/reply pair", "an empty list")
        for pair, pair_where in pairs:
            index = pair.get("conv_index", len(rows) + 1)
            if index in seen:
                raise pair_where.fail("conv_index", f"a conversation number not used before; {index} is also at "
                                      f"{seen[index].file.name} {seen[index].row_kind} {seen[index].row}", value=index)
            seen[index] = pair_where
            rows.append({
                "conversation_id": pair.get("conversation_id", conversation_id(n, index)),
                "persona_id": n, "conv_index": index, "scenario_id": pair.get("scenario_id"),
                "client_message": pair["client_message"], "reference_reply": pair["reference_reply"],
                "factor_order": pair.get("factor_order"), "validates_first": pair.get("validates_first"),
                **{k: pair[k] for k in ("er_start", "er_end", "dn_start", "dn_end", "sr_start", "sr_end")},
                "is_risk": pair.get("is_risk", pair.get("risk_type") is not None),
                "risk_type": pair.get("risk_type"),
                "reference_source": pair.get("reference_source", RELEASE_SOURCE),
                # Published TIDE replies (and client messages) were model-generated: synthetic unless stated.
                "is_synthetic": pair.get("is_synthetic", True),
                "_where": pair_where,
            })
    return rows


def _scenarios_json(file: Path) -> pl.DataFrame:
    doc = _read_json(file)
    if not isinstance(doc, list):
        raise _Where(file).fail("(top level)", "a list of scenario objects", _kind(doc))
    rows = [_check_row(item, "scenarios", _Where(file, row=i + 1, row_kind="row", path=f"$[{i}]"))
            for i, item in enumerate(doc)]
    return pl.DataFrame(rows, schema=SCENARIO_SCHEMA)


def _referenced_scenarios(ids: set[str]) -> pl.DataFrame:
    """Rows for the scenario ids conversations use: from the registry, or a placeholder for unknown ids."""
    rows = []
    for sid in sorted(ids):
        s = SCENARIOS.get(sid)
        rows.append({"scenario_id": sid, "title": s.title, "description": s.description,
                     "primary_emotions": list(s.primary_emotions), "cluster": s.cluster} if s else
                    {"scenario_id": sid, "title": sid.replace("_", " "), "description": "", "primary_emotions": [],
                     "cluster": "unknown"})
    return pl.DataFrame(rows, schema=SCENARIO_SCHEMA)


def import_tide(in_dir: Path, seed: int = DEFAULT_SPLIT_SEED) -> Dataset:
    """Read a TIDE-layout folder (the published release or our export_tide output) into a complete Dataset.

    Layout: metadata/<N>_metadata.json and conversations/<N>_conversation*.json for each persona N (the folder
    may also be the single subfolder of in_dir). A conversations file holds one pair, a list of pairs, a list of
    chat-style turns, or an object whose "conversations"/"dialogues"/"turns"/"pairs"/... key holds them; several
    files per persona are read in numeric order (1, 2, 10). conv_index is the pair's position over the persona's
    files unless the pair gives it.

    Persona defaults when the metadata lacks a field: first_name "Client <N>", age_band from age, gender,
    ethnicity, education, occupation and trauma "unknown", empty symptom lists (clusters derived from known
    symptoms), other fields NULL, is_synthetic True, source "tide_release"; unmapped keys go to extra_json.
    Conversation defaults: scenario, factor order, spans NULL, is_risk False, reference_source "tide_release",
    is_synthetic True. Splits come from the metadata "split" key, else `split_of(persona, seed, DatasetConfig())`.
    Scenarios: our scenarios.json when present, else the referenced ids only.

    Raises ImportFormatError (naming file, persona, pair, field and the accepted forms) for an unknown layout,
    broken JSON, a missing age or pair, wrong types, empty text, or a persona with metadata but no conversations
    (or the reverse). Nothing is returned half-imported.
    """
    root = _tide_root(in_dir)
    metadata = _metadata_files(root / "metadata")
    conversations = _conversation_files(root / "conversations")
    orphans = sorted(set(conversations) - set(metadata))
    if orphans:
        n = orphans[0]
        raise _Where(conversations[n][0], persona=n).fail(
            "(metadata)", f"a metadata file metadata/{n}_metadata.json for this persona's conversations", "none")
    lonely = sorted(set(metadata) - set(conversations))
    if lonely:
        n = lonely[0]
        raise _Where(metadata[n], persona=n).fail(
            "(conversations)", f"conversations/{n}_conversation*.json for this persona's metadata", "none")
    if not metadata:
        raise _Where(root / "metadata").fail("(files)", "at least one <N>_metadata.json file", "none")

    cfg = DatasetConfig()
    persona_rows, split_rows, conversation_rows = [], [], []
    for n in sorted(metadata):
        persona, split = _persona_from_metadata(n, _read_json(metadata[n]), _Where(metadata[n], persona=n))
        persona_rows.append(persona)
        split_rows.append({"persona_id": n, "split": split.get("split") or split_of(n, seed, cfg),
                           "split_seed": split.get("split_seed", seed)})
        conversation_rows.extend(_conversation_rows(n, conversations[n]))

    scenarios_file = root / "scenarios.json"
    referenced = {r["scenario_id"] for r in conversation_rows if r["scenario_id"] is not None}
    if scenarios_file.is_file():
        scenarios = _scenarios_json(scenarios_file)
        known = set(scenarios["scenario_id"].to_list())
        for r in conversation_rows:
            if r["scenario_id"] is not None and r["scenario_id"] not in known:
                raise r["_where"].fail("scenario_id", f"an id listed in {scenarios_file.name}",
                                         value=r["scenario_id"])
    else:
        scenarios = _referenced_scenarios(referenced)
    ids: dict[str, _Where] = {}
    for r in conversation_rows:
        where = r.pop("_where")
        if r["conversation_id"] in ids:
            raise where.fail("conversation_id", f"a unique id; also used at {ids[r['conversation_id']].file.name}",
                             value=r["conversation_id"])
        ids[r["conversation_id"]] = where
    personas = pl.DataFrame(persona_rows, schema=PERSONA_SCHEMA)
    return Dataset(
        personas=personas,
        scenarios=scenarios,
        conversations=pl.DataFrame(conversation_rows, schema=CONVERSATION_SCHEMA).sort(["persona_id", "conv_index"]),
        splits=pl.DataFrame(split_rows, schema=SPLIT_SCHEMA),
        source=_dataset_source(personas, RELEASE_SOURCE),
    )
