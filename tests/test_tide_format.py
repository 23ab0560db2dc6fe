"""Export/import of the dataset: TIDE release layout, JSON Lines, Parquet (tide_core.tide_format)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from tide_core import tide_format
from tide_core.config import DatasetConfig
from tide_core.dataset import (
    CONVERSATION_SCHEMA,
    PERSONA_SCHEMA,
    SCENARIO_SCHEMA,
    SPLIT_SCHEMA,
    Dataset,
    build_dataset,
    conversation_id,
    scenarios_frame,
    split_of,
)
from tide_core.errors import ImportFormatError, TideError
from tide_core.scenarios import SCENARIOS
from tide_core.tide_format import FORMATS, import_jsonl, import_parquet, import_tide, sorted_frames

RELEASE = Path(__file__).parent / "data" / "tide_release"
SCHEMAS = {"personas": PERSONA_SCHEMA, "scenarios": SCENARIO_SCHEMA, "conversations": CONVERSATION_SCHEMA,
           "splits": SPLIT_SCHEMA}


# ---------------------------------------------------------------------------------------------------------------
# A tiny hand-made dataset with the exact schemas (independent of the dialogue generator)
# ---------------------------------------------------------------------------------------------------------------
def _persona(pid: int, **fields) -> dict:
    row = {
        "persona_id": pid, "first_name": "Maria", "age": 34, "age_band": "30-44", "gender": "woman",
        "ethnicity": "Hispanic or Latino", "education": "bachelors", "occupation": "teacher",
        "trauma_type": "sexual_assault", "trauma_label": "sexual assault", "years_since_trauma": 6,
        "symptoms": ["nightmares", "guilt", "insomnia"], "symptom_clusters": ["intrusion", "mood_cognition", "arousal"],
        "severity": "moderate", "pcl5_score": 47, "support_level": "moderate", "support_people": ["sibling"],
        "partner": None, "children": 0, "communication_style": "guarded", "is_synthetic": True,
        "source": "generator", "extra_json": None,
    }
    return row | fields


def _conversation(pid: int, index: int, client: str, parts: tuple[str, str, str] | None, **fields) -> dict:
    """A conversation row; `parts` = (ER, DN, SR) sentences joined into the reply, with their spans."""
    row = {"conversation_id": conversation_id(pid, index), "persona_id": pid, "conv_index": index,
           "scenario_id": None, "client_message": client, "factor_order": None, "validates_first": None,
           "is_risk": False, "risk_type": None, "reference_source": "generator", "is_synthetic": True}
    if parts is None:
        row["reference_reply"] = "I'm here with you."
        row |= {f"{p}_{e}": None for p in ("er", "dn", "sr") for e in ("start", "end")}
    else:
        row["reference_reply"] = " ".join(parts)
        offset = 0
        for prefix, part in zip(("er", "dn", "sr"), parts, strict=True):
            row[f"{prefix}_start"], row[f"{prefix}_end"] = offset, offset + len(part)
            offset += len(part) + 1
        row |= {"factor_order": "ER>DN>SR", "validates_first": True}
    return row | fields


def tiny_dataset() -> Dataset:
    personas = [
        _persona(1),
        _persona(2, first_name="Zoë", age=27, age_band="18-29", gender="non-binary", symptoms=[], symptom_clusters=[],
                 severity=None, pcl5_score=None, support_people=None, years_since_trauma=None, source="tide_release",
                 is_synthetic=False, extra_json='{"Hobbies": ["café"], "Marital Status": "Single"}'),
        _persona(3, first_name="Frank", age=90, age_band="65-80", gender="man", partner="wife", children=2,
                 trauma_type="combat", trauma_label="combat deployment", communication_style="terse"),
    ]
    conversations = [
        _conversation(1, 1, "I had the nightmare again.", ("That sounds frightening.", "Nightmares are common.",
                                                           "You got through the night."), scenario_id="nightmare"),
        _conversation(1, 2, "What's the point anymore.", ("You sound worn down.", "Many people feel this way.",
                                                          "Are you safe right now? You can call 988."),
                      scenario_id="isolation", is_risk=True, risk_type="hopelessness", factor_order="ER>SR>DN",
                      validates_first=False),
        _conversation(2, 1, "Je ne sais pas — I can't explain it.\nIt just happens.", None,
                      reference_source="tide_release", is_synthetic=False),
        _conversation(3, 1, "Loud bang at the café.", ("That startled you.", "That's a normal reaction.",
                                                       "You noticed it."), scenario_id="flashback"),
        _conversation(3, 3, "Skipped the VA again.", None),  # a gap in conv_index must survive
    ]
    return Dataset(
        personas=pl.DataFrame(personas, schema=PERSONA_SCHEMA),
        scenarios=scenarios_frame([SCENARIOS["nightmare"], SCENARIOS["isolation"], SCENARIOS["flashback"]]),
        conversations=pl.DataFrame(conversations, schema=CONVERSATION_SCHEMA),
        splits=pl.DataFrame([{"persona_id": 1, "split": "train", "split_seed": 13},
                             {"persona_id": 2, "split": "validation", "split_seed": 13},
                             {"persona_id": 3, "split": "test", "split_seed": 7}], schema=SPLIT_SCHEMA),
    )


def _generated_dataset() -> Dataset:
    return build_dataset(DatasetConfig(n_personas=6, conversations_per_persona=4))


def assert_same(a: Dataset, b: Dataset) -> None:
    fa, fb = sorted_frames(a), sorted_frames(b)
    for table in fa:
        assert fb[table].schema == pl.Schema(SCHEMAS[table]), table
        assert fa[table].equals(fb[table]), f"{table} differs:\n{fa[table]}\n{fb[table]}"
    # Dataset.source is not stored; importers derive it from the personas' source labels.
    assert b.source == "+".join(sorted(set(a.personas["source"])))


# ---------------------------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_tiny(fmt: str, tmp_path: Path) -> None:
    export, load = FORMATS[fmt]
    ds = tiny_dataset()
    written = export(ds, tmp_path / "out")
    assert written and all(p.is_file() and (tmp_path / "out") in p.parents for p in written)
    assert_same(ds, load(tmp_path / "out"))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_generated(fmt: str, tmp_path: Path) -> None:
    ds = _generated_dataset()
    export, load = FORMATS[fmt]
    export(ds, tmp_path / "out")
    assert_same(ds, load(tmp_path / "out"))


def test_export_tide_layout(tmp_path: Path) -> None:
    written = tide_format.export_tide(tiny_dataset(), tmp_path / "out")
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in written)
    assert names == ["conversations/1_conversations.json", "conversations/2_conversations.json",
                     "conversations/3_conversations.json", "metadata/1_metadata.json", "metadata/2_metadata.json",
                     "metadata/3_metadata.json", "scenarios.json"]
    raw = (tmp_path / "out" / "metadata" / "2_metadata.json").read_text(encoding="utf-8")
    assert "Zoë" in raw  # ensure_ascii=False
    meta = json.loads(raw)
    assert meta["split"] == "validation" and meta["symptoms"] == [] and meta["is_synthetic"] is False
    pairs = json.loads((tmp_path / "out" / "conversations" / "1_conversations.json").read_text(encoding="utf-8"))
    assert [p["conv_index"] for p in pairs] == [1, 2]
    assert pairs[0]["person"] == "I had the nightmare again."
    assert pairs[0]["spans"]["emotion_recognition"] == [0, len("That sounds frightening.")]
    assert pairs[1]["is_risk"] is True and pairs[1]["risk_type"] == "hopelessness"
    assert set(pairs[0]) >= {"person", "chatbot", "conversation_id", "scenario_id", "factor_order", "validates_first",
                             "spans", "is_synthetic", "reference_source"}


def test_export_replaces_previous_export_but_not_foreign_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    tide_format.export_jsonl(tiny_dataset(), out)
    tide_format.export_jsonl(tiny_dataset(), out)  # a previous export is replaced
    assert sorted(p.name for p in out.iterdir()) == ["conversations.jsonl", "personas.jsonl", "scenarios.jsonl",
                                                      "splits.jsonl"]
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("keep me")
    with pytest.raises(TideError, match="thesis.docx"):
        tide_format.export_parquet(tiny_dataset(), foreign)
    assert [p.name for p in foreign.iterdir()] == ["thesis.docx"]


# ---------------------------------------------------------------------------------------------------------------
# Hand-written release fixtures
# ---------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def release() -> Dataset:
    return import_tide(RELEASE)


def _persona_row(ds: Dataset, pid: int) -> dict:
    return ds.personas.filter(pl.col("persona_id") == pid).to_dicts()[0]


def _messages(ds: Dataset, pid: int) -> list[tuple[int, str, str]]:
    rows = ds.conversations.filter(pl.col("persona_id") == pid).sort("conv_index")
    return list(zip(rows["conv_index"], rows["client_message"], rows["reference_reply"], strict=True))


def test_release_frames_have_exact_schemas(release: Dataset) -> None:
    for table, frame in sorted_frames(release).items():
        assert frame.schema == pl.Schema(SCHEMAS[table])
    assert release.personas["persona_id"].to_list() == [1, 2, 3, 4]
    assert release.conversations.height == 3 + 3 + 2 + 2
    assert release.scenarios.height == 0  # no scenarios.json and no scenario ids in the pairs
    assert release.source == "tide_release"
    assert set(release.personas["source"]) == {"tide_release"}
    assert set(release.conversations["reference_source"]) == {"tide_release"}
    assert release.conversations["is_synthetic"].all() and release.personas["is_synthetic"].all()
    assert not release.conversations["is_risk"].any()
    assert release.conversations["scenario_id"].null_count() == release.conversations.height
    assert release.conversations["er_start"].null_count() == release.conversations.height


def test_release_persona_1_list_of_person_chatbot_pairs(release: Dataset) -> None:
    p = _persona_row(release, 1)
    assert (p["first_name"], p["age"], p["age_band"], p["gender"]) == ("Maria", 34, "30-44", "woman")
    assert (p["education"], p["occupation"]) == ("bachelors", "Teacher")
    assert (p["trauma_type"], p["trauma_label"]) == ("sexual_assault", "sexual assault")
    assert p["symptoms"] == ["nightmares", "flashbacks", "hypervigilance"]
    assert p["symptom_clusters"] == ["intrusion", "arousal"]
    assert (p["severity"], p["communication_style"]) == ("moderate", "guarded")
    assert p["support_people"] == ["Sister", "close friend"] and p["support_level"] is None
    # Unmapped keys kept as JSON text, keys sorted.
    assert p["extra_json"] == '{"Hobbies": ["painting", "running"], "Marital Status": "Single"}'
    msgs = _messages(release, 1)
    assert [m[0] for m in msgs] == [1, 2, 3]
    assert msgs[0][1].startswith("I woke up at 3am") and msgs[2][2].startswith("I hear how heavy")
    ids = release.conversations.filter(pl.col("persona_id") == 1)["conversation_id"].to_list()
    assert ids == ["P0001-C01", "P0001-C02", "P0001-C03"]


def test_release_persona_2_one_file_per_pair_sorted_numerically(release: Dataset) -> None:
    p = _persona_row(release, 2)
    assert (p["age"], p["gender"], p["ethnicity"]) == (52, "man", "Black or African American")
    assert (p["first_name"], p["education"], p["occupation"]) == ("Client 2", "High school", "truck driver")
    assert (p["trauma_type"], p["trauma_label"]) == ("combat", "combat deployment")
    assert (p["years_since_trauma"], p["pcl5_score"], p["support_level"]) == (20, 61, "limited")
    assert p["symptom_clusters"] == ["arousal"]
    assert json.loads(p["extra_json"]) == {"Veteran": True}
    # Files 1, 2, 10: numeric order, so file 10 is the third pair (lexical order would put it second).
    assert [m[1] for m in _messages(release, 2)] == ["Fireworks last night. Didn't sleep.", "Snapped at my son again.",
                                                     "The VA called. I didn't pick up."]


def test_release_persona_3_chat_turns_in_conversations_key(release: Dataset) -> None:
    p = _persona_row(release, 3)
    assert (p["first_name"], p["age"], p["gender"], p["education"]) == ("Zoë", 27, "non-binary", "some_college")
    assert (p["trauma_type"], p["trauma_label"]) == ("car_crash", "Car crash")
    assert p["symptom_clusters"] == ["intrusion", "avoidance"]
    msgs = _messages(release, 3)
    assert msgs[0][1] == "I still can't drive past the intersection near the café."
    assert msgs[1][2].startswith("That sounds like a flashback")
    split = release.splits.filter(pl.col("persona_id") == 3).to_dicts()[0]
    assert split == {"persona_id": 3, "split": "test", "split_seed": 13}


def test_release_persona_4_flat_messages_and_defaults(release: Dataset) -> None:
    p = _persona_row(release, 4)
    assert (p["first_name"], p["age"], p["age_band"], p["gender"]) == ("Client 4", 85, "65-80", "woman")
    assert (p["ethnicity"], p["trauma_type"], p["symptoms"], p["extra_json"]) == ("unknown", "unknown", [], None)
    msgs = _messages(release, 4)
    assert [m[1] for m in msgs] == ["The smoke alarm went off while I was cooking and I froze.",
                                    "I don't tell anyone about the fire anymore."]  # the system turn is skipped


def test_release_splits_default_to_hash(release: Dataset) -> None:
    cfg = DatasetConfig()
    got = dict(zip(release.splits["persona_id"], release.splits["split"], strict=True))
    assert {n: got[n] for n in (1, 2, 4)} == {n: split_of(n, 13, cfg) for n in (1, 2, 4)}
    other = import_tide(RELEASE, seed=99)
    assert set(other.splits["split_seed"]) == {99}
    assert other.splits.filter(pl.col("persona_id") == 1)["split"][0] == split_of(1, 99, cfg)


def test_release_reexport_round_trips(release: Dataset, tmp_path: Path) -> None:
    tide_format.export_tide(release, tmp_path / "again")
    assert_same(release, import_tide(tmp_path / "again"))


def test_release_nested_in_one_top_folder(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(RELEASE, tmp_path / "unpacked" / "TIDE")
    assert import_tide(tmp_path / "unpacked").personas.height == 4


# ---------------------------------------------------------------------------------------------------------------
# Bad inputs: ImportFormatError naming file, field and expectation
# ---------------------------------------------------------------------------------------------------------------
GOOD_META = {"age": 40, "gender": "woman"}
GOOD_PAIRS = [{"person": "I can't sleep.", "chatbot": "That sounds hard."}]


def _release(tmp_path: Path, meta=GOOD_META, conv=GOOD_PAIRS, conv_name: str = "7_conversations.json") -> Path:
    root = tmp_path / "rel"
    for sub in ("metadata", "conversations"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    if meta is not None:
        text = meta if isinstance(meta, str) else json.dumps(meta)
        (root / "metadata" / "7_metadata.json").write_text(text, encoding="utf-8")
    if conv is not None:
        text = conv if isinstance(conv, str) else json.dumps(conv)
        (root / "conversations" / conv_name).write_text(text, encoding="utf-8")
    return root


def _error(root: Path) -> str:
    with pytest.raises(ImportFormatError) as info:
        import_tide(root)
    return str(info.value)


def test_good_minimal_release_imports(tmp_path: Path) -> None:
    ds = import_tide(_release(tmp_path))
    assert ds.conversations["conversation_id"].to_list() == ["P0007-C01"]


def test_broken_json(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, conv='[{"person": "hi",\n  "chatbot": }]'))
    assert "7_conversations.json" in msg and "line 2" in msg and "valid JSON" in msg


def test_unknown_speaker_keys(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, conv=[{"speaker_a": "hi", "speaker_b": "hello"}]))
    assert "7_conversations.json" in msg and "persona 7" in msg and "pair 1" in msg
    assert "client message" in msg and "person, client, user" in msg and "speaker_a" in msg


def test_unknown_reply_key(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, conv=[GOOD_PAIRS[0], {"client": "hi", "answer": "hello"}]))
    assert "pair 2" in msg and "'reply'" in msg and "chatbot, assistant" in msg


def test_unknown_top_level_layout(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, conv={"persona": 7, "chats": []}))
    assert "7_conversations.json" in msg and "conversations, " in msg and "chats" in msg


def test_missing_age(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, meta={"gender": "woman"}))
    assert "7_metadata.json" in msg and "'age'" in msg and "18 to 100" in msg


@pytest.mark.parametrize("age", ["forty", 40.5, True, 17, 101])
def test_bad_age(tmp_path: Path, age) -> None:
    msg = _error(_release(tmp_path, meta={"Age": age}))
    assert "7_metadata.json" in msg and "'Age'" in msg and "whole number from 18 to 100" in msg


@pytest.mark.parametrize("text", ["", "   ", None, 42])
def test_empty_or_non_string_message(tmp_path: Path, text) -> None:
    msg = _error(_release(tmp_path, conv=[{"person": text, "chatbot": "ok"}]))
    assert "7_conversations.json" in msg and "'person'" in msg and "non-empty string" in msg


def test_empty_reply_in_chat_turns(tmp_path: Path) -> None:
    conv = {"turns": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": ""}]}
    msg = _error(_release(tmp_path, conv=conv))
    assert "'content'" in msg and "non-empty string" in msg and "$.turns[1]" in msg


def test_unknown_role_and_unpaired_turns(tmp_path: Path) -> None:
    turns = [{"role": "narrator", "content": "hi"}, {"role": "assistant", "content": "x"}]
    msg = _error(_release(tmp_path, conv=turns))
    assert "'role'" in msg and "a client role" in msg and "narrator" in msg
    msg = _error(_release(tmp_path, conv=[{"role": "user", "content": "hi"}]))
    assert "reply turn after the last client turn" in msg


def test_metadata_without_conversations(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, conv=None))
    assert "7_metadata.json" in msg and "conversations/7_conversation" in msg


def test_conversations_without_metadata(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, meta=None))
    assert "7_conversations.json" in msg and "metadata/7_metadata.json" in msg


def test_empty_pair_list(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, conv={"conversations": []}))
    assert "7_conversations.json" in msg and "at least one" in msg


def test_unrecognised_file_name(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, conv_name="dialogue-seven.json"))
    assert "dialogue-seven.json" in msg and "<N>_conversation_<k>.json" in msg


def test_bad_span_and_duplicate_index(tmp_path: Path) -> None:
    conv = [{"person": "a", "chatbot": "short", "spans": {"emotion_recognition": [0, 99]}}]
    msg = _error(_release(tmp_path, conv=conv))
    assert "spans.emotion_recognition" in msg and "from 0 to 5" in msg
    conv = [{"person": "a", "chatbot": "b", "conv_index": 1}, {"person": "c", "chatbot": "d", "conv_index": 1}]
    msg = _error(_release(tmp_path, conv=conv))
    assert "pair 2" in msg and "conv_index" in msg


def test_ambiguous_metadata_keys(tmp_path: Path) -> None:
    msg = _error(_release(tmp_path, meta={"age": 40, "gender": "woman", "Sex": "female"}))
    assert "'Sex'" in msg and "gender" in msg and "sex" in msg


def test_one_bad_persona_fails_the_whole_import(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "rel"
    shutil.copytree(RELEASE, root)
    (root / "conversations" / "2_conversation_10.json").write_text('{"client": "x", "assistant": 5}')
    with pytest.raises(ImportFormatError, match=r"2_conversation_10\.json, persona 2, pair 1.*'assistant'"):
        import_tide(root)


# ---------------------------------------------------------------------------------------------------------------
# JSON Lines and Parquet validation
# ---------------------------------------------------------------------------------------------------------------
def _edit_jsonl(path: Path, line_no: int, change) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_no - 1] = change(lines[line_no - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_errors_name_file_line_field(tmp_path: Path) -> None:
    out = tmp_path / "j"
    tide_format.export_jsonl(tiny_dataset(), out)
    personas = out / "personas.jsonl"
    original = personas.read_text(encoding="utf-8")

    _edit_jsonl(personas, 2, lambda line: json.dumps(json.loads(line) | {"age": "27"}))
    with pytest.raises(ImportFormatError, match=r"personas\.jsonl, line 2: field 'age': expected a whole number"):
        import_jsonl(out)

    personas.write_text(original, encoding="utf-8")
    _edit_jsonl(personas, 3, lambda line: json.dumps({k: v for k, v in json.loads(line).items() if k != "gender"}))
    with pytest.raises(ImportFormatError, match=r"personas\.jsonl, line 3: field 'gender'"):
        import_jsonl(out)

    personas.write_text(original, encoding="utf-8")
    _edit_jsonl(personas, 1, lambda line: line[:-3])
    with pytest.raises(ImportFormatError, match=r"personas\.jsonl, line 1: field '\(JSON syntax\)'"):
        import_jsonl(out)

    personas.write_text(original, encoding="utf-8")
    convs = out / "conversations.jsonl"
    _edit_jsonl(convs, 1, lambda line: json.dumps(json.loads(line) | {"persona_id": 99}))
    with pytest.raises(ImportFormatError, match=r"conversations\.jsonl, row 1: field 'persona_id'"):
        import_jsonl(out)


def test_parquet_errors_name_file_column_dtype(tmp_path: Path) -> None:
    out = tmp_path / "p"
    tide_format.export_parquet(tiny_dataset(), out)
    splits = out / "splits.parquet"
    pl.read_parquet(splits).with_columns(pl.col("split_seed").cast(pl.Int32)).write_parquet(splits)
    with pytest.raises(ImportFormatError, match=r"splits\.parquet: field 'split_seed': expected dtype Int64"):
        import_parquet(out)
    pl.read_parquet(splits).drop("split_seed").write_parquet(splits)
    with pytest.raises(ImportFormatError, match=r"splits\.parquet: field 'split_seed': expected a column of dtype"):
        import_parquet(out)
    splits.write_bytes(b"not parquet")
    with pytest.raises(ImportFormatError, match=r"splits\.parquet.*readable Parquet"):
        import_parquet(out)


# ---------------------------------------------------------------------------------------------------------------
# Atomic exports
# ---------------------------------------------------------------------------------------------------------------
def _boom_after(n: int, real):
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > n:
            raise OSError("disk full (simulated)")
        return real(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_failed_export_leaves_no_partial_folder(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if fmt == "tide":
        monkeypatch.setattr(tide_format.tide_release, "_write_json", _boom_after(2, tide_format.tide_release._write_json))
    elif fmt == "jsonl":
        monkeypatch.setattr(tide_format.json, "dumps", _boom_after(3, json.dumps))
    else:
        monkeypatch.setattr(pl.DataFrame, "write_parquet", _boom_after(2, pl.DataFrame.write_parquet))
    with pytest.raises(OSError, match="simulated"):
        FORMATS[fmt][0](tiny_dataset(), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []  # neither the folder nor a hidden temporary sibling


def test_failed_export_keeps_previous_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    before = tide_format.export_tide(tiny_dataset(), out)
    snapshot = {p: p.read_bytes() for p in before}
    monkeypatch.setattr(tide_format.tide_release, "_write_json", _boom_after(1, tide_format.tide_release._write_json))
    with pytest.raises(OSError):
        tide_format.export_tide(tiny_dataset(), out)
    assert {p: p.read_bytes() for p in before} == snapshot
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_export_refuses_persona_without_conversations(tmp_path: Path) -> None:
    ds = tiny_dataset()
    ds.conversations = ds.conversations.filter(pl.col("persona_id") != 2)
    with pytest.raises(TideError, match=r"\[2\]"):
        tide_format.export_tide(ds, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_scenarios_without_registry_file_are_the_referenced_ones(tmp_path: Path) -> None:
    ds = tiny_dataset()
    tide_format.export_tide(ds, tmp_path / "out")
    (tmp_path / "out" / "scenarios.json").unlink()
    back = import_tide(tmp_path / "out")
    assert sorted_frames(back)["scenarios"].equals(sorted_frames(ds)["scenarios"])  # filled from the registry
    pairs_file = tmp_path / "out" / "conversations" / "3_conversations.json"
    pairs = json.loads(pairs_file.read_text(encoding="utf-8"))
    pairs[0]["scenario_id"] = "court_date"
    pairs_file.write_text(json.dumps(pairs), encoding="utf-8")
    unknown = import_tide(tmp_path / "out").scenarios.filter(pl.col("scenario_id") == "court_date").to_dicts()
    assert unknown == [{"scenario_id": "court_date", "title": "court date", "description": "", "primary_emotions": [],
                        "cluster": "unknown"}]


def test_scenario_missing_from_scenarios_json(tmp_path: Path) -> None:
    tide_format.export_tide(tiny_dataset(), tmp_path / "out")
    pairs_file = tmp_path / "out" / "conversations" / "1_conversations.json"
    pairs = json.loads(pairs_file.read_text(encoding="utf-8"))
    pairs[1]["scenario_id"] = "court_date"
    pairs_file.write_text(json.dumps(pairs), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"1_conversations\.json, persona 1, pair 2.*'scenario_id'.*scenarios"):
        import_tide(tmp_path / "out")
