"""The Claude step of the main job, through the real anthropic client against the local fake Messages API."""

import duckdb
import pytest

from tests.fake_anthropic import FakeAnthropic
from tide_core.pipeline.claude import claude_step

FAKE_KEY = "sk-ant-FAKEKEY-stage-77"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "TIDE_CLAUDE_MODEL"):
        monkeypatch.delenv(name, raising=False)


def test_without_a_key_nothing_is_written_and_the_reason_is_given(fresh_warehouse):
    message = claude_step(fresh_warehouse)
    assert message.startswith("Claude skipped:") and "ANTHROPIC_API_KEY" in message
    with duckdb.connect(str(fresh_warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM runs").fetchall() == [(0,)]


def test_with_a_key_claude_answers_the_sample_once_and_resumes(fresh_warehouse, monkeypatch):
    with FakeAnthropic() as fake:
        monkeypatch.setenv("ANTHROPIC_BASE_URL", fake.url)
        first = claude_step(fresh_warehouse, api_key=FAKE_KEY, sample_size=4)
        again = claude_step(fresh_warehouse, api_key=FAKE_KEY, sample_size=4)
        assert len(fake.requests) == 4
    assert "4 new replies" in first and "0 new replies, 4 already there" in again
    assert FAKE_KEY not in first + again
    with duckdb.connect(str(fresh_warehouse), read_only=True) as con:
        rows = con.execute("SELECT r.mode, r.split, r.status, m.family, x.response_text FROM responses x "
                           "JOIN runs r USING (run_id) JOIN models m USING (model_id)").fetchall()
        stored = " ".join(str(v) for t in con.execute("SELECT * FROM runs").fetchall() for v in t)
    assert len(rows) == 4 and {r[:4] for r in rows} == {("zero_shot", "test", "finished", "claude")}
    assert rows[0][4] == fake.reply_text
    assert FAKE_KEY not in stored
