"""Run a Claude build: plan, estimate, send in Message Batches, check each answer, land it, resume after a kill.

    result = claude_build(cfg, path, model=..., settings=load_settings(), api_key=key, max_cost=20.0)

The warehouse at `path` is the build's home from its first step: it is created (atomically, like a bank build) with
the personas, scenarios and splits of the plan and no conversations, then the state tables (warehouse/schema/
claude_build) record every batch and every request as it moves: pending -> in_batch -> done | pending (retry) |
rejected. Each step is one transaction, so a run killed at any point leaves a consistent state, and a rerun with the
same build key (config, model, prompt version) picks up where it stopped:
- a batch already sent is polled, never sent again; its results are downloaded again if they were not applied;
- a batch whose create call was in flight when the run died (state creating) is found in the API's batch list by its
  time and size and adopted; if none matches, its requests go back to pending (they never reached the API).
A conversation lands in `conversations` only in the transaction that found its answer valid; one that fails every
attempt stays out, recorded as rejected with the reason (claude_requests.last_reason).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl

from tide_core.backends.claude import KEY_ENV, ClaudeConfig, _scrub, _translate
from tide_core.claude_build.cost import Estimate, estimate, usage_cost, usage_tokens
from tide_core.claude_build.prompt import (
    Plan,
    PlannedConversation,
    Prompt,
    factor_order_of,
    load_prompt,
    plan_conversations,
)
from tide_core.claude_build.settings import BuildSettings
from tide_core.claude_build.validate import check_answer
from tide_core.config import DatasetConfig
from tide_core.dataset import CONVERSATION_SCHEMA, Dataset, _conversation_row, build_info
from tide_core.errors import TideError
from tide_core.pipeline.build import load_dataset, quality_rows, report_rows
from warehouse.loader import QUALITY_REPORT_SCHEMA, apply_sql, build_warehouse, connect_readonly, read_build_info
from warehouse.queries import load_query, query_params, run_query
from warehouse.writer import append_frame, open_readwrite, transaction

log = logging.getLogger(__name__)

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "warehouse" / "schema" / "claude_build" / "claude_build.sql"
# Failures that are not Claude's answer: the request is sent again unchanged (but still counts as an attempt).
_NOT_THE_ANSWER = ("errored", "expired", "canceled", "missing")


@dataclass(frozen=True)
class Progress:
    done: int
    rejected: int
    open: int
    total: int
    retried: int
    cost_usd: float


@dataclass(frozen=True)
class ClaudeBuildResult:
    path: Path
    build_key: str
    model: str
    prompt_version: str
    estimate: Estimate
    progress: Progress | None
    batch_ids: tuple[str, ...]
    dry_run: bool
    seconds: float
    rendered_prompt: str | None = None

    def summary(self) -> str:
        if self.dry_run:
            return "dry run: nothing sent"
        p = self.progress
        return (f"Claude build {self.build_key} ({self.model}, prompt {self.prompt_version}) in {self.path}: "
                f"{p.done:,} conversations landed, {p.rejected:,} rejected, {p.retried:,} requests retried, "
                f"{len(self.batch_ids)} batches, cost ${p.cost_usd:,.2f} in {self.seconds:.1f} s")


def build_key(cfg: DatasetConfig, model: str, prompt_version: str) -> str:
    blob = json.dumps({"config": cfg.to_dict(), "model": model, "prompt": prompt_version}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def custom_id(conversation_id: str, attempt: int) -> str:
    return f"{conversation_id}-a{attempt}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _exec(con, name: str, **params) -> None:
    if set(params) != query_params(name):
        raise TideError(f"query {name!r} takes {sorted(query_params(name))}, got {sorted(params)}")
    con.execute(load_query(name), params)


def _rows(con, name: str, **params) -> list[dict]:
    return run_query(con, name, **params).to_dicts()


def render_prompt(prompt: Prompt, item: PlannedConversation) -> str:
    return (f"--- system (cached; prompt {prompt.version}) ---\n{prompt.system}\n\n--- tool ---\n"
            f"{json.dumps(prompt.tool, indent=1)}\n\n--- user ({item.conversation_id}) ---\n{prompt.user(item)}")


class _Store:
    """The build's state in the warehouse; every method is one short read-write session (the file is free between)."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key

    def connect(self):
        return open_readwrite(self.path)

    def exists(self) -> bool:
        info = read_build_info(self.path)
        return bool(info) and info.get("claude_build_key") == self.key and info.get("claude_state") == "ready"

    def describe_other(self) -> str | None:
        info = read_build_info(self.path)
        if not Path(self.path).exists():
            return None
        if not info:
            return "a file that is not a readable warehouse"
        if info.get("claude_build_key") and info.get("claude_state") != "ready":
            return None  # our own first step was cut short: start it again
        if info.get("claude_build_key"):
            return f"the Claude build {info['claude_build_key']} (another config, model or prompt version)"
        return f"a {info.get('dataset_source', 'bank')}-built dataset"

    def create(self, cfg: DatasetConfig, plan: Plan, prompt: Prompt, model: str, settings: BuildSettings) -> None:
        """The warehouse with the plan's personas, scenarios and splits, no conversations, and every request
        pending; the bank build's quality report for the comparison."""
        bank = plan.bank
        empty = Dataset(bank.personas, bank.scenarios, pl.DataFrame(schema=CONVERSATION_SCHEMA), bank.splits,
                        source=f"claude:{model}")
        info = build_info(cfg, empty, 0.0)
        info.update(config_fingerprint=f"claude-{self.key}", bank_fingerprint=cfg.fingerprint(),
                    claude_build_key=self.key, claude_model=model, claude_prompt_version=prompt.version,
                    claude_state="creating")
        build_warehouse(empty, info, self.path, [], [])
        now = _now()
        requests = pl.DataFrame([{
            "conversation_id": i.conversation_id, "build_key": self.key, "persona_id": i.persona.persona_id,
            "conv_index": i.conv_index, "scenario_id": i.scenario.scenario_id, "factor_order": i.order_code,
            "risk_type": i.risk_type, "state": "pending", "attempts": 0, "batch_id": None, "last_reason": None,
            "retry_reason": None, "updated_at": now} for i in plan.conversations])
        build = pl.DataFrame([{"build_key": self.key, "model": model, "prompt_version": prompt.version,
                               "prompt_text": prompt.text, "settings_json": json.dumps(settings.to_dict()),
                               "config_json": json.dumps(cfg.to_dict()), "created_at": now, "finished_at": None}])

        bank_report = pl.DataFrame(report_rows(bank, cfg.fingerprint()), schema=QUALITY_REPORT_SCHEMA)
        with self.connect() as con, transaction(con):
            apply_sql(con, [SCHEMA_FILE])
            append_frame(con, "claude_builds", build)
            append_frame(con, "claude_requests", requests)
            append_frame(con, "bank_conversations", bank.conversations)
            append_frame(con, "dataset_quality_report", bank_report, skip_existing=False)
            _exec(con, "claude_set_info", key="claude_state", value="ready")

    def requests(self) -> dict[str, dict]:
        with connect_readonly(self.path) as con:
            return {r["conversation_id"]: r for r in _rows(con, "claude_requests_state", build_key=self.key)}

    def open_batches(self) -> list[dict]:
        with connect_readonly(self.path) as con:
            return _rows(con, "claude_batches_open", build_key=self.key)

    def batch_ids(self) -> list[str]:
        with connect_readonly(self.path) as con:
            return [r["batch_id"] for r in _rows(con, "claude_batches_all", build_key=self.key)
                    if r["state"] != "creating"]

    def progress(self) -> Progress:
        with connect_readonly(self.path) as con:
            row = _rows(con, "claude_progress", build_key=self.key)[0]
        return Progress(row["done"], row["rejected"], row["open"], row["total"], row["retried"],
                        float(row["cost_usd"] or 0.0))

    def reserve(self, local_id: str, ids: list[str]) -> None:
        with self.connect() as con, transaction(con):
            _exec(con, "claude_batch_insert", batch_id=local_id, build_key=self.key, state="creating",
                  n_requests=len(ids), created_at=_now())
            _exec(con, "claude_requests_assign", batch_id=local_id, conversation_ids=ids, now=_now())

    def confirm(self, local_id: str, batch_id: str) -> None:
        with self.connect() as con, transaction(con):
            _exec(con, "claude_batch_rename", batch_id=batch_id, local_id=local_id)
            _exec(con, "claude_requests_rebatch", batch_id=batch_id, local_id=local_id)

    def release(self, local_id: str) -> None:
        with self.connect() as con, transaction(con):
            _exec(con, "claude_requests_unassign", batch_id=local_id, now=_now())
            _exec(con, "claude_batch_delete", batch_id=local_id)

    def apply(self, batch_id: str, outcomes: list[dict], landed: list[dict], counts: dict) -> None:
        now = _now()
        attempts = pl.DataFrame([{**o["attempt"], "recorded_at": now} for o in outcomes]) if outcomes else None
        with self.connect() as con, transaction(con):
            if attempts is not None:
                append_frame(con, "claude_attempts", attempts)
            for o in outcomes:
                _exec(con, "claude_request_result", conversation_id=o["conversation_id"], state=o["state"],
                      last_reason=o["reason"], retry_reason=o["retry_reason"], now=now)
            if landed:
                append_frame(con, "conversations", pl.DataFrame(landed, schema=CONVERSATION_SCHEMA))
            _exec(con, "claude_batch_applied", batch_id=batch_id, applied_at=now, request_counts=json.dumps(counts))

    def finish(self, model: str, batch_ids: list[str], progress: Progress) -> None:
        """The build's quality report and variety figures, and its provenance in build_info."""
        with self.connect() as con, transaction(con):
            ds = load_dataset(con)
            fingerprint = f"claude-{self.key}"
            variety, report = quality_rows(ds), report_rows(ds, fingerprint)
            _exec(con, "claude_quality_delete", fingerprint=fingerprint)
            _exec(con, "claude_variety_delete")
            if variety:
                append_frame(con, "dataset_quality", pl.DataFrame(variety, schema={
                    "scope": pl.String, "metric": pl.String, "value": pl.Float64, "detail": pl.String}),
                    skip_existing=False)
            append_frame(con, "dataset_quality_report", pl.DataFrame(report, schema=QUALITY_REPORT_SCHEMA),
                         skip_existing=False)
            for key, value in {"n_conversations": str(progress.done), "claude_rejected": str(progress.rejected),
                               "claude_retried": str(progress.retried), "claude_cost_usd": f"{progress.cost_usd:.4f}",
                               "claude_batch_ids": ",".join(batch_ids), "dataset_source": f"claude:{model}",
                               "claude_finished_at": _now().isoformat(timespec="seconds")}.items():
                _exec(con, "claude_set_info", key=key, value=value)
            _exec(con, "claude_finish", build_key=self.key, finished_at=_now())


class _Api:
    """The Message Batches calls, through the official SDK; failures become ClaudeError with key-free messages."""

    def __init__(self, api_key: str, base_url: str | None, model: str) -> None:
        import anthropic

        self._config = ClaudeConfig(model=model, base_url=base_url)
        self._client = anthropic.Anthropic(api_key=api_key, base_url=base_url, timeout=self._config.timeout_s,
                                           max_retries=self._config.max_retries)

    def __repr__(self) -> str:  # never the client: its attributes hold the key
        return f"_Api(base_url={self._config.base_url!r})"

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - translated below; anything unknown is re-raised unchanged
            translated = _translate(exc, self._config)
            if translated is None:
                raise
            raise _scrub(translated, self._client.api_key) from exc

    def create(self, requests: list[dict]):
        # No automatic retry of the create call: a retry after a lost answer could create (and bill) a second batch.
        return self._call(self._client.with_options(max_retries=0).messages.batches.create, requests=requests)

    def retrieve(self, batch_id: str):
        return self._call(self._client.messages.batches.retrieve, batch_id)

    def results(self, batch_id: str) -> list:
        return self._call(lambda: list(self._client.messages.batches.results(batch_id)))

    def recent(self, limit: int = 100) -> list:
        return self._call(lambda: list(self._client.messages.batches.list(limit=limit)))


def _is_status_error(exc: BaseException) -> bool:
    import anthropic

    return isinstance(exc.__cause__, anthropic.APIStatusError)


def _total(counts) -> int:
    return sum(int(getattr(counts, k, 0) or 0) for k in ("processing", "succeeded", "errored", "canceled", "expired"))


def _counts(batch) -> dict:
    c = batch.request_counts
    return {k: int(getattr(c, k, 0) or 0) for k in ("processing", "succeeded", "errored", "canceled", "expired")}


def _utc_naive(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


class _Run:
    def __init__(self, store: _Store, api: _Api, plan: Plan, prompt: Prompt, model: str, settings: BuildSettings,
                 max_cost: float | None, progress: Callable[[Progress], None] | None) -> None:
        self.store, self.api, self.prompt, self.model, self.settings = store, api, prompt, model, settings
        self.by_id = stored_plan(plan, store.requests())
        self.max_cost, self.on_progress = max_cost, progress

    def loop(self) -> None:
        while True:
            for b in self.store.open_batches():
                if b["state"] == "creating":
                    self.reconcile(b)
            state = self.store.requests()
            pending = [cid for cid, r in state.items() if r["state"] == "pending"]
            size = self.settings.batch_size
            for start in range(0, len(pending), size):
                self.submit(pending[start:start + size], state)
            in_progress = [b for b in self.store.open_batches() if b["state"] == "in_progress"]
            if not in_progress:
                if any(b["state"] == "creating" for b in self.store.open_batches()):
                    continue
                return
            ended = 0
            for b in in_progress:
                batch = self.api.retrieve(b["batch_id"])
                if batch.processing_status == "ended":
                    self.apply(b["batch_id"], batch)
                    ended += 1
            self.report()
            if not ended:
                time.sleep(self.settings.poll_interval_s)

    def report(self) -> None:
        if self.on_progress:
            self.on_progress(self.store.progress())

    def check_budget(self, ids: list[str], state: dict[str, dict]) -> None:
        if self.max_cost is None:
            return

        exact = dataclasses.replace(self.settings, retry_share=0.0)
        chunk = estimate(self.model, self.prompt.system, self.prompt.tool,
                         [self.prompt.user(self.by_id[c], state[c]["retry_reason"]) for c in ids], exact).cost_usd
        in_flight = [c for c, r in state.items() if r["state"] == "in_batch"]
        flying = estimate(self.model, self.prompt.system, self.prompt.tool,
                          [self.prompt.user(self.by_id[c]) for c in in_flight], exact).cost_usd if in_flight else 0.0
        spent = self.store.progress().cost_usd
        if spent + flying + chunk > self.max_cost:
            raise TideError(f"stopping before sending {len(ids):,} more requests: spent ${spent:,.2f}, about "
                            f"${flying:,.2f} in batches in flight, and this batch about ${chunk:,.2f} would pass "
                            f"--max-cost ${self.max_cost:,.2f}; the state is kept in {self.store.path}: rerun with a "
                            f"higher --max-cost to go on")

    def submit(self, ids: list[str], state: dict[str, dict]) -> None:
        self.check_budget(ids, state)
        local = f"local-{uuid.uuid4().hex[:12]}"
        self.store.reserve(local, ids)
        requests = [{"custom_id": custom_id(c, state[c]["attempts"] + 1),
                     "params": self.prompt.params(self.model, self.settings.max_tokens, self.by_id[c],
                                                  state[c]["retry_reason"])} for c in ids]
        try:
            batch = self.api.create(requests)
        except TideError as exc:
            if _is_status_error(exc):  # the API answered with an error: no batch exists
                self.store.release(local)
            raise  # otherwise the answer was lost: the next run looks the batch up (reconcile)
        self.store.confirm(local, batch.id)
        log.info("sent batch %s with %d requests", batch.id, len(ids))

    def reconcile(self, b: dict) -> None:
        """A batch whose create call's answer was lost: adopt the API's batch of the same size sent then, else
        return its requests to pending (they never reached the API)."""
        known = set(self.store.batch_ids())
        since = b["created_at"] - timedelta(minutes=2)
        found = [x for x in self.api.recent() if x.id not in known and _utc_naive(x.created_at) >= since
                 and _total(x.request_counts) == b["n_requests"]]
        if len(found) == 1:
            log.info("adopted batch %s for the requests of %s", found[0].id, b["batch_id"])
            self.store.confirm(b["batch_id"], found[0].id)
        else:
            log.info("batch %s never reached the API (%d matches); its requests go back to pending",
                     b["batch_id"], len(found))
            self.store.release(b["batch_id"])

    def apply(self, batch_id: str, batch) -> None:
        state = self.store.requests()
        waiting = {c: r for c, r in state.items() if r["state"] == "in_batch" and r["batch_id"] == batch_id}
        answered: dict[str, tuple[str, object]] = {}
        for line in self.api.results(batch_id):
            conv, _, _ = line.custom_id.rpartition("-a")
            if conv in waiting and line.custom_id == custom_id(conv, waiting[conv]["attempts"]):
                answered.setdefault(conv, (line.result.type, line.result))
        outcomes, landed = [], []
        for conv, r in waiting.items():
            item, attempt = self.by_id[conv], r["attempts"]
            kind, result = answered.get(conv, ("missing", None))
            tokens = {"input_tokens": None, "output_tokens": None, "cache_write_tokens": None,
                      "cache_read_tokens": None}
            cost, dialogue, reason, retry_reason = None, None, None, None
            if kind == "succeeded":
                tokens = usage_tokens(result.message.usage)
                cost = usage_cost(tokens, self.model, self.settings)
                verdict = check_answer(item, result.message, self.settings.checks)
                dialogue, reason = verdict.dialogue, verdict.reason
                retry_reason = reason
            elif kind == "errored":
                err = getattr(result.error, "error", None)
                reason = (f"the request errored in the batch ({getattr(err, 'type', 'unknown_error')}: "
                          f"{str(getattr(err, 'message', ''))[:160]})")
            elif kind == "expired":
                reason = "the request expired before the batch processed it (batches end within 24 hours)"
            elif kind == "canceled":
                reason = "the batch was canceled before this request ran"
            else:
                reason = "the batch's results hold no line for this request"
            if dialogue is not None:
                row = _conversation_row(item.persona, item.conv_index, item.scenario, dialogue)
                row["reference_source"] = f"claude:{self.model}"
                landed.append(row)
                new_state = "done"
            else:
                new_state = "rejected" if attempt >= self.settings.max_attempts else "pending"
            outcomes.append({"conversation_id": conv, "state": new_state, "reason": reason,
                             "retry_reason": retry_reason, "attempt": {
                                 "custom_id": custom_id(conv, attempt), "conversation_id": conv, "attempt": attempt,
                                 "batch_id": batch_id, "result_type": kind,
                                 "outcome": {"done": "done", "rejected": "rejected"}.get(new_state, "retry"),
                                 "reason": reason, **tokens, "cost_usd": cost}})
        self.store.apply(batch_id, outcomes, landed, _counts(batch))
        log.info("applied batch %s: %d landed, %d to retry, %d rejected", batch_id, len(landed),
                 sum(o["state"] == "pending" for o in outcomes), sum(o["state"] == "rejected" for o in outcomes))


def stored_plan(plan: Plan, state: dict[str, dict]) -> dict[str, PlannedConversation]:
    """The plan as the build stored it when it started: the factor order and risk of each conversation come from
    claude_requests, so an edit to the phrase banks since then (which can change the bank build's draws) never
    changes what a resumed build checks its answers against. Personas and scenario picks do not depend on the banks;
    a mismatch there means the plan itself changed, and the build refuses to go on."""
    items = {}
    for item in plan.conversations:
        r = state.get(item.conversation_id)
        if r is None or r["scenario_id"] != item.scenario.scenario_id:
            raise TideError(f"the plan of this build changed since it started ({item.conversation_id}: scenario "
                            f"{r and r['scenario_id']} stored, {item.scenario.scenario_id} now): the persona "
                            f"generator or the scenario registry changed; start a new build (--force)")
        items[item.conversation_id] = dataclasses.replace(item, factor_order=factor_order_of(r["factor_order"]),
                                                          risk_type=r["risk_type"])
    return items


def claude_build(cfg: DatasetConfig, path: Path, *, model: str, settings: BuildSettings, api_key: str | None,
                 base_url: str | None = None, max_cost: float | None = None, dry_run: bool = False,
                 force: bool = False, progress: Callable[[Progress], None] | None = None,
                 out: Callable[[str], None] = print) -> ClaudeBuildResult:
    """Build (or resume) the Claude-written dataset of `cfg` in the warehouse at `path`; see the module docstring.
    Raises TideError (exit status 2 on the command line) for a missing key, a refused budget, an unknown model or a
    warehouse that holds something else (unless `force`)."""
    started = time.perf_counter()
    path = Path(path)
    prompt = load_prompt()
    settings.price(model)  # an unknown model cannot be estimated: refuse before anything else
    key = build_key(cfg, model, prompt.version)
    store = _Store(path, key)
    resuming = store.exists()
    if not resuming and not dry_run and not force and (other := store.describe_other()):
        raise TideError(f"{path} holds {other}; choose another --warehouse, or --force to replace it (what it holds "
                        f"is lost)")
    plan = plan_conversations(cfg)
    state = store.requests() if resuming else {}
    items = list(stored_plan(plan, state).values()) if resuming else plan.conversations
    todo = [i for i in items if state.get(i.conversation_id, {}).get("state", "pending") == "pending"]
    est = estimate(model, prompt.system, prompt.tool,
                   [prompt.user(i, state.get(i.conversation_id, {}).get("retry_reason")) for i in todo], settings)
    out(est.summary())
    before = store.progress() if resuming else None
    if before:
        out(f"resuming build {key} in {path}: {before.done:,} done, {before.rejected:,} rejected, {before.open:,} "
            f"waiting or in batches; spent ${before.cost_usd:,.2f} so far")
    if dry_run:
        rendered = render_prompt(prompt, plan.conversations[0])
        out(rendered)
        return ClaudeBuildResult(path, key, model, prompt.version, est, before, (), True,
                                 time.perf_counter() - started, rendered)
    spent = before.cost_usd if before else 0.0
    if max_cost is not None and spent + est.cost_usd > max_cost:
        raise TideError(f"the estimated cost ${est.cost_usd:,.2f} (plus ${spent:,.2f} spent) is above --max-cost "
                        f"${max_cost:,.2f}; nothing was sent")
    if not api_key:
        raise TideError(f"no Anthropic API key: set {KEY_ENV} to build with Claude (nothing was sent)")
    api = _Api(api_key, base_url, model)
    if not resuming:
        store.create(cfg, plan, prompt, model, settings)
    run = _Run(store, api, plan, prompt, model, settings, max_cost, progress)
    run.report()
    run.loop()
    final = store.progress()
    batch_ids = store.batch_ids()
    store.finish(model, batch_ids, final)
    return ClaudeBuildResult(path, key, model, prompt.version, est, final, tuple(batch_ids), False,
                             time.perf_counter() - started)
