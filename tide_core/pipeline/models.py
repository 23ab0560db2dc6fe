"""The models stage of the main job: zero-shot, LoRA fine-tuning, merge, fine-tuned and from-scratch generation.

    result = models_step(Path("warehouse/tide.duckdb"))                  # cpu-default: about 6 minutes on 2 cores
    result = models_step(Path("warehouse/tide.duckdb"), profile="cpu-ladder")  # + two from-scratch rungs (~90 s)
    result = models_step(Path("warehouse/tide.duckdb"), profile="full")  # every present model, all data (a GPU)

For each LoRA model of the profile: make sure the weights are here, generate zero-shot replies on a seeded test
sample, fine-tune (time-boxed in cpu-default), merge into artifacts/models/<id>-ft-merged/, and generate with the
merged model on the same sample. Then (cpu-ladder, full), while the stage's time budget allows, train the from-scratch
ladder and generate with it. Every piece is keyed by a fingerprint of its inputs (dataset, recipe, sample, decoding) and
skipped when already done, so a rerun with the same settings takes seconds.

On a multi-GPU machine (docs/scale.md): `launch=LaunchSpec("accelerate", 8)` trains each adapter on 8 processes
(train_distributed), and `engine="auto"` generates on vLLM when it is installed on CUDA, the fine-tuned replies
through the adapter served by vLLM's LoRA support (backends/vllm_backend.py); HF generate stays the CPU path and fallback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tide_core.backends.torch_backend import TorchBackend
from tide_core.backends.vllm_backend import VLLM_CHUNK, VllmBackend, lora_rank_slot, pick_engine
from tide_core.errors import ConfigError
from tide_core.models import catalog
from tide_core.models.device import configure_threads, generation_dtype, pick_device
from tide_core.models.generate import generate_responses, sample_conversations
from tide_core.models.merge_lora import merge_adapter, merged_dir, read_merge_marker
from tide_core.models.recipe import RECIPES_DIR, Recipe, get_recipe
from tide_core.models.resolve_weights import WeightsMissingError, resolve_weights
from tide_core.models.train_distributed import LaunchSpec, launch_fine_tune
from tide_core.models.train_lora import (
    default_adapter_dir,
    fine_tune_lora,
    read_marker,
    record_from_marker,
    system_for,
    training_fingerprint,
)
from tide_core.models.train_scratch import default_scratch_dir, record_scratch, train_scratch

log = logging.getLogger(__name__)
_GENERATION_RESERVE_S = 25.0  # what a scratch rung's generation and loading take on 2 cores, kept in reserve


@dataclass(frozen=True)
class StageProfile:
    name: str
    sample_size: int | None  # test conversations answered by every system; None: the whole test split
    sample_seed: int
    batch_size: int  # generation batch (left-padded)
    lora_models: tuple[str, ...]  # zero-shot + LoRA + merge + fine-tuned generation
    scratch_models: tuple[str, ...]  # trained from scratch, then generated, while the budget allows
    train_profile: str | None  # the recipes' training profile (None: their base settings)
    budget_s: float | None  # the whole stage; from-scratch rungs that would not fit are skipped
    required: tuple[str, ...] = ()  # models whose missing weights fail the stage instead of being skipped
    per_scenario: int | None = None  # when set: this many test conversations of every scenario (sample_size ignored)


_STUDY = ("qwen2.5-0.5b", "qwen2.5-1.5b", "qwen2.5-3b", "llama3.2-1b", "llama3.2-3b", "gemma2-2b", "phi3.5-mini",
          "smollm2-1.7b")
_LADDER = ("gpt2-scratch-2m", "gpt2-scratch-7m", "gpt2-scratch-14m")
PROFILES = {
    # The main job's default: SmolLM2 zero-shot and LoRA fine-tuned on 5 test conversations of each of the 22
    # scenarios (110), generated in bf16 batches of 32 where the CPU has bf16 (MODELS.md); about 6 min on 2 quiet
    # cores. The from-scratch ladder is left to `cpu-ladder` and `full`: its two CPU rungs cost about 90 s, which
    # the 10-minute main job cannot spare, and the study itself compared pretrained models only.
    "cpu-default": StageProfile("cpu-default", None, 13, 32, ("smollm2-135m",), (), None, 600.0,
                                required=("smollm2-135m",), per_scenario=5),
    # cpu-default plus the 2 M and 7 M from-scratch rungs (the 14 M rung does not fit on 2 cores): the size axis
    # behind the small-model-ceiling finding. 720 s: the rungs are skipped when the SmolLM2 part ran long.
    "cpu-ladder": StageProfile("cpu-ladder", None, 13, 32, ("smollm2-135m",), _LADDER[:2], None, 720.0,
                               required=("smollm2-135m",), per_scenario=5),
    "full": StageProfile("full", None, 13, 64, ("smollm2-135m", "gemma3-270m", *_STUDY), _LADDER, "full", None),
}


@dataclass(frozen=True)
class StepRecord:
    name: str
    seconds: float
    reused: bool
    detail: str = ""


@dataclass
class ModelsResult:
    profile: str
    steps: list[StepRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "<model>: why"
    run_ids: list[str] = field(default_factory=list)  # generation runs (split test) now complete
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"{s.name:<34} {s.seconds:7.1f} s{'  (reused)' if s.reused else ''}  {s.detail}" for s in self.steps]
        lines += [f"skipped {s}" for s in self.skipped]
        return "\n".join(lines + [f"models stage ({self.profile}): {self.seconds:.1f} s"])


class _Stage:
    """One models_step call: the profile, the sample, the clock and the record of what was done."""

    def __init__(self, warehouse: Path, profile: StageProfile, recipes_dir: Path, progress,
                 launch: LaunchSpec | None = None, engine: str = "auto"):
        self.warehouse, self.profile, self.recipes_dir = warehouse, profile, recipes_dir
        self.launch, self.engine = launch or LaunchSpec(), pick_engine(engine)
        self.progress = progress or (lambda _msg: None)
        self.started = time.perf_counter()
        self.result = ModelsResult(profile.name)
        self.dataset_fp = catalog.dataset_fingerprint(warehouse)
        n = profile.sample_size or 10**9
        self.sample = sample_conversations(warehouse, "test", n, profile.sample_seed, profile.per_scenario)
        self.dtype = generation_dtype(pick_device())

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def timed(self, name: str, work: Callable[[], tuple[bool, str]]) -> None:
        """Run `work` (returns (reused, detail)) and record how long it took."""
        self.progress(name)
        started = time.perf_counter()
        reused, detail = work()
        self.result.steps.append(StepRecord(name, time.perf_counter() - started, reused, detail))

    def gen_fingerprint(self, recipe: Recipe, *parts: str) -> str:
        engine = [f"engine={self.engine}"] if self.engine != "hf" else []  # HF runs keep their fingerprints
        blob = json.dumps([self.dataset_fp, self.sample, recipe.decoding.as_dict(), recipe.system_prompt,
                           recipe.chat_template, recipe.weights.__dict__, str(self.dtype), self.profile.batch_size,
                           *parts, *engine], sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:10]

    def generate(self, recipe: Recipe, run_id: str, model_dir: Path, mode: str, adapter: Path | None,
                 params_m: float | None = None, lora_base: Path | None = None) -> tuple[bool, str]:
        """Answer the sample under `run_id` unless that run is already complete. `lora_base`: the base the
        adapter was trained on (vLLM serves base + adapter; HF generate reads the merged `model_dir`)."""
        self.result.run_ids.append(run_id)
        state = catalog.run_state(self.warehouse, run_id)
        if state and state["status"] == "finished" and state["n_responses"] == len(self.sample):
            return True, run_id
        if self.engine == "vllm":
            return self._generate_vllm(recipe, run_id, model_dir, mode, adapter, params_m, lora_base)
        backend = TorchBackend.from_folder(recipe.model_id, model_dir, chat_template=recipe.chat_template,
                                           dtype=self.dtype)
        params_m = params_m or backend.n_params() / 1e6
        res = generate_responses(self.warehouse, backend, mode, self.sample, recipe.decoding, run_id,
                                 system_prompt=system_for(recipe), adapter_path=adapter,
                                 batch_size=self.profile.batch_size, model_row=catalog.model_row(recipe, params_m),
                                 extra_decoding={"dtype": backend.dtype_name})
        return False, f"{run_id}: {res.written} new replies, {res.truncated} cut by the token cap"

    def _generate_vllm(self, recipe: Recipe, run_id: str, model_dir: Path, mode: str, adapter: Path | None,
                       params_m: float | None, lora_base: Path | None) -> tuple[bool, str]:
        served = adapter if lora_base is not None else None
        backend = VllmBackend.from_folder(recipe.model_id, lora_base or model_dir, adapter_dir=served,
                                          chat_template=recipe.chat_template,
                                          max_lora_rank=lora_rank_slot(recipe.lora.r))
        try:
            res = generate_responses(self.warehouse, backend, mode, self.sample, recipe.decoding, run_id,
                                     system_prompt=system_for(recipe), adapter_path=adapter, batch_size=VLLM_CHUNK,
                                     model_row=catalog.model_row(recipe, params_m),
                                     extra_decoding=backend.decoding_record())
        finally:
            backend.close()
        return False, f"{run_id} (vLLM): {res.written} new replies, {res.truncated} cut by the token cap"

    def lora_model(self, recipe: Recipe) -> None:
        try:
            base = self._weights(recipe)
        except WeightsMissingError as exc:
            if recipe.model_id in self.profile.required:
                raise
            self.result.skipped.append(f"{recipe.model_id}: {exc}")
            return
        zs_run = f"{recipe.model_id}-zs-{self.gen_fingerprint(recipe)}"
        self.timed(f"zero-shot {recipe.model_id}", lambda: self.generate(recipe, zs_run, base, "zero_shot", None))
        train_fp = training_fingerprint(recipe, self.profile.train_profile, self.dataset_fp)
        adapter = default_adapter_dir(recipe)
        self.timed(f"LoRA fine-tune {recipe.model_id}", lambda: self._fine_tune(recipe, base, adapter, train_fp))
        out = merged_dir(recipe.model_id)
        self.timed(f"merge {recipe.model_id}", lambda: self._merge(base, adapter, out, train_fp))
        ft_run = f"{recipe.model_id}-ft-{self.gen_fingerprint(recipe, train_fp)}"
        self.timed(f"fine-tuned {recipe.model_id}",
                   lambda: self.generate(recipe, ft_run, out, "fine_tuned", adapter, lora_base=base))

    def _weights(self, recipe: Recipe) -> Path:
        holder: list[Path] = []

        def work() -> tuple[bool, str]:
            holder.append(resolve_weights(recipe))
            return False, str(holder[0])

        self.timed(f"weights {recipe.model_id}", work)
        return holder[0]

    def _fine_tune(self, recipe: Recipe, base: Path, adapter: Path, fp: str) -> tuple[bool, str]:
        marker = read_marker(adapter)
        if marker and marker["fingerprint"] == fp:
            if catalog.run_state(self.warehouse, marker["run_id"]) is None:  # e.g. the warehouse was rebuilt
                record_from_marker(self.warehouse, recipe, marker, adapter)
            return True, marker["run_id"]
        if self.launch.distributed:
            res = launch_fine_tune(recipe, self.warehouse, launch=self.launch, profile=self.profile.train_profile,
                                   base_dir=base, adapter_dir=adapter)
        else:
            res = fine_tune_lora(recipe, self.warehouse, profile=self.profile.train_profile, base_dir=base,
                                 adapter_dir=adapter)
        return False, (f"{res.steps} steps, {res.tokens} tokens ({res.reply_tokens} reply), {res.tokens / res.seconds:.0f}"
                       f" tokens/s, val loss {res.best_val_loss:.3f} ({res.stop_reason})")

    def _merge(self, base: Path, adapter: Path, out: Path, fp: str) -> tuple[bool, str]:
        marker = read_merge_marker(out)
        if marker and marker.get("fingerprint") == fp:
            return True, str(out)
        merge_adapter(base, adapter, out, fingerprint=fp)
        return False, str(out)

    def scratch_model(self, recipe: Recipe) -> None:
        spec = recipe.train_for(self.profile.train_profile)
        folder = default_scratch_dir(recipe)
        fp = training_fingerprint(recipe, self.profile.train_profile, self.dataset_fp)
        marker = read_marker(folder)
        done = bool(marker and marker["fingerprint"] == fp)
        if not done and not self._fits(spec.time_budget_s):
            self.result.skipped.append(f"{recipe.model_id}: not enough of the stage's time budget left")
            return
        self.timed(f"train from scratch {recipe.model_id}", lambda: self._train_scratch(recipe, folder, fp))
        run = f"{recipe.model_id}-gen-{self.gen_fingerprint(recipe, fp)}"
        params_m = (read_marker(folder) or {}).get("params_millions")
        self.timed(f"generate {recipe.model_id}",
                   lambda: self.generate(recipe, run, folder, "fine_tuned", None, params_m))

    def _fits(self, train_s: float | None) -> bool:
        if self.profile.budget_s is None:
            return True
        if train_s is None:
            return False
        return self.elapsed() + train_s + _GENERATION_RESERVE_S <= self.profile.budget_s

    def _train_scratch(self, recipe: Recipe, folder: Path, fp: str) -> tuple[bool, str]:
        marker = read_marker(folder)
        if marker and marker["fingerprint"] == fp:
            if catalog.run_state(self.warehouse, marker["run_id"]) is None:
                record_scratch(self.warehouse, recipe, marker)
            return True, marker["run_id"]
        res = train_scratch(recipe, self.warehouse, profile=self.profile.train_profile, out_dir=folder)
        return False, f"{res.steps} steps, {res.tokens} tokens, val loss {res.best_val_loss:.3f} ({res.stop_reason})"


def resolve_profile(profile: str | StageProfile) -> StageProfile:
    if isinstance(profile, StageProfile):
        return profile
    if profile not in PROFILES:
        raise ConfigError(f"unknown models profile {profile!r}; expected one of {sorted(PROFILES)}")
    return PROFILES[profile]


def models_step(warehouse_path: Path, profile: str | StageProfile = "cpu-default",
                progress: Callable[[str], None] | None = None, recipes_dir: Path = RECIPES_DIR,
                launch: LaunchSpec | None = None, engine: str = "auto") -> ModelsResult:
    """Run (or reuse) the models stage on the warehouse; see the module docstring. `progress(msg)` per step.

    `launch`: how adapters are trained (default: in this process); `engine`: auto, hf or vllm for generation."""
    stage = _Stage(Path(warehouse_path), resolve_profile(profile), recipes_dir, progress, launch, engine)
    log.info("models stage (%s) on %d torch thread(s); generation on %s; training: %s x %d",
             stage.profile.name, configure_threads(), stage.engine, stage.launch.launcher, stage.launch.num_processes)
    for model_id in stage.profile.lora_models:
        stage.lora_model(get_recipe(model_id, recipes_dir))
    for model_id in stage.profile.scratch_models:
        stage.scratch_model(get_recipe(model_id, recipes_dir))
    stage.result.seconds = stage.elapsed()
    log.info("models stage:\n%s", stage.result.summary())
    return stage.result
