"""Command line: `python -m tide_core <command> --help`.

    build    build the dataset and the DuckDB warehouse (reuses an up-to-date one unless --force); --generator claude
             has Claude write it in Message Batches (tide_core/claude_build)
    run      the main job: build, models (zero-shot, LoRA, generation), ONNX export, evaluation
    models   zero-shot and LoRA fine-tuned generation with the small models into the warehouse
    claude   the frontier reference: Claude's replies to the same test sample (when a key is configured)
    export-onnx  export the fine-tuned model to ONNX and load it with the torch-free generator
    variety  print the variety figures of the dataset text
    quality  print the dataset quality report (grounding, questions answered, reuse, bad joins, risk protocol)
    export   write the dataset as TIDE-release JSON, JSONL or Parquet (or every warehouse table as Parquet)
    import   load a TIDE-release folder, JSONL or Parquet export into a fresh warehouse
    evaluate score responses, simulate the default rater panel, run the statistics and findings
    safety-eval  evaluate the chat's crisis detector (corpus CV, frozen test, context, dataset) into the warehouse
    import-ratings  import ratings from a survey export (CSV or Parquet), reporting rejected rows
    ingest   accept live records over HTTP (POST /v1/<kind>) for survey tools; the load test uses it
    live     count or compact the live records (ratings, reviews, crisis counts) the dashboard wrote
    serve    start the Streamlit dashboard on the warehouse

Errors a user can fix print one line naming what was wrong and what was expected, and exit with status 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from tqdm import tqdm

import tide_core.pipeline.run as main_job
from tide_core import __version__
from tide_core.config import load_config
from tide_core.errors import TideError, WarehouseError
from warehouse import warehouse_path

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("tide_core")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _add_build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="YAML file of DatasetConfig settings (see docs/personas.md)")
    p.add_argument("--personas", type=int, dest="n_personas", help="number of personas (default 500)")
    p.add_argument("--conversations", type=int, dest="conversations_per_persona",
                   help="conversations per persona, each a distinct scenario (default 20)")
    p.add_argument("--seed", type=int, help="random seed (default 13)")
    p.add_argument("--scenarios", type=_csv, help="comma-separated scenario ids (default: all)")
    p.add_argument("--force", action="store_true", help="rebuild even if the warehouse is up to date")


def _config(args: argparse.Namespace):
    cfg = load_config(args.config)
    return cfg.with_overrides(n_personas=args.n_personas, conversations_per_persona=args.conversations_per_persona,
                              seed=args.seed, scenarios=args.scenarios)


def _add_claude_build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--generator", choices=("bank", "claude"), default="bank",
                   help="bank: the phrase banks (default); claude: Claude writes each conversation in Message Batches "
                        "(needs ANTHROPIC_API_KEY; goes to <warehouse stem>-claude.duckdb unless --warehouse is given)")
    p.add_argument("--max-cost", type=float, metavar="USD", help="with --generator claude: refuse to start (or to send "
                   "another batch) when the estimated cost would pass this many US dollars")
    p.add_argument("--dry-run", action="store_true", help="with --generator claude: print the cost estimate and one "
                   "rendered prompt, send nothing")
    p.add_argument("--claude-settings", type=Path, metavar="YAML", help="with --generator claude: override the price "
                   "table, attempts, batch size, poll interval or checks (tide_core/claude_build/data/settings.yaml)")


def cmd_build_claude(args: argparse.Namespace) -> int:
    """Claude writes the dataset (tide_core/claude_build): estimate, batches, checks, resume."""
    from tide_core.backends.claude import ClaudeConfig, resolve_api_key
    from tide_core.claude_build import claude_build, load_settings

    cfg = _config(args)
    settings = load_settings(args.claude_settings)
    key = resolve_api_key()
    if key is None and not args.dry_run:
        raise TideError("no Anthropic API key: set ANTHROPIC_API_KEY to build with Claude, or use --dry-run to see "
                        "the cost estimate and a prompt (nothing was sent)")
    path = args.warehouse
    if Path(path) == warehouse_path():  # the bank build keeps its file; Claude's goes beside it
        path = Path(path).with_name(f"{Path(path).stem}-claude.duckdb")
    claude = ClaudeConfig.from_env()
    with tqdm(total=cfg.n_personas * cfg.conversations_per_persona, desc="claude", unit="conv",
              disable=args.quiet or args.dry_run) as bar:
        def progress(p) -> None:
            bar.n = p.done + p.rejected
            bar.set_postfix(done=p.done, rejected=p.rejected, retried=p.retried, cost=f"${p.cost_usd:.2f}")
            bar.refresh()

        result = claude_build(cfg, path, model=claude.model, settings=settings, api_key=key,
                              base_url=claude.base_url, max_cost=args.max_cost, dry_run=args.dry_run,
                              force=args.force, progress=progress)
    print(result.summary())
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    if getattr(args, "generator", "bank") == "claude":
        return cmd_build_claude(args)
    if any(getattr(args, a, None) not in (None, False) for a in ("max_cost", "dry_run", "claude_settings")):
        raise TideError("--max-cost, --dry-run and --claude-settings go with --generator claude")
    main_job.build(_config(args), args.warehouse, force=args.force, quiet=args.quiet)
    return 0


def _add_scale_args(p: argparse.ArgumentParser) -> None:
    """The models stage's multi-process training and generation engine (docs/scale.md)."""
    p.add_argument("--launcher", choices=("none", "accelerate"), default="none",
                   help="none: train in this process; accelerate: `accelerate launch` --num-processes processes")
    p.add_argument("--num-processes", type=int, default=1,
                   help="training processes with --launcher accelerate (one per GPU; CPU processes without CUDA)")
    p.add_argument("--strategy", choices=("auto", "ddp", "fsdp"), default="auto",
                   help="auto: FSDP for the 3B-5B models, DDP below (FSDP needs GPUs)")
    p.add_argument("--engine", choices=("auto", "hf", "vllm"), default="auto",
                   help="generation: auto takes vLLM when installed on CUDA, else Hugging Face generate")


def cmd_models(args: argparse.Namespace) -> int:
    main_job.models(args.warehouse, args.models_profile, launcher=args.launcher, num_processes=args.num_processes,
                    strategy=args.strategy, engine=args.engine, quiet=args.quiet)
    return 0


def cmd_claude(args: argparse.Namespace) -> int:
    main_job.claude(args.warehouse)
    return 0


def cmd_serve_export(args: argparse.Namespace) -> int:
    main_job.onnx(args.model, args.variant)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job (tide_core/pipeline/run.py): build, live store, models, Claude, ONNX export, safety, evaluation."""
    main_job.run_main_job(args.warehouse, _config(args), force=args.force, models_profile=args.models_profile,
                          skip_models=args.skip_models, seed=args.seed, launcher=args.launcher,
                          num_processes=args.num_processes, strategy=args.strategy, engine=args.engine,
                          quiet=args.quiet)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    main_job.evaluate(args.warehouse, args.seed, quiet=args.quiet)
    return 0


def cmd_safety_eval(args: argparse.Namespace) -> int:
    """Train (once) and evaluate the chat's crisis detector; print the table and store it in the warehouse."""
    main_job.safety(args.warehouse, n_dataset_negatives=args.dataset_negatives, quiet=args.quiet)
    return 0


def _mapping(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    out = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field or not column:
            raise TideError(f"--map takes field=column (e.g. empathy=Q3_empathy), got {pair!r}")
        out[field] = column
    return out


def cmd_import_ratings(args: argparse.Namespace) -> int:
    from tide_core.evaluation.ratings_import import import_ratings
    from warehouse.writer import open_readwrite

    with open_readwrite(args.warehouse) as con:
        report = import_ratings(con, args.path, _mapping(args.map))
    if report.already_imported:
        print(f"{report.file} was already imported ({report.n_accepted} of {report.n_rows} rows accepted then)")
        return 0
    print(f"imported {report.n_accepted} of {report.n_rows} rows from {report.file}; {report.n_rejected} rejected")
    for r in report.rejects[: args.show]:
        where = f"{report.file}:{r.line}" if r.line else report.file
        value = repr(r.value) if r.value is None or len(r.value) <= 60 else repr(r.value[:57] + "...")
        print(f"  {where}: row {r.row_number}, field {r.field}: {r.reason} (value {value})")
    if len(report.rejects) > args.show:
        print(f"  ... {len(report.rejects) - args.show} more (all in the table rating_import_rejects; --show N)")
    return 0


def cmd_quality(args: argparse.Namespace) -> int:
    from tide_core.quality import format_report
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query, table_exists

    with connect_readonly(args.warehouse) as con:
        df = run_query(con, "dataset_quality_report") if table_exists(con, "dataset_quality_report") else None
    if df is None or df.is_empty():
        print(f"no quality report in {args.warehouse}: rebuild it (python -m tide_core build --force)")
        return 1
    if args.fluency:
        from tide_core.pipeline.quality import store_fluency

        seconds = store_fluency(args.warehouse, sample=args.fluency_sample)
        print(f"fluency screen: {args.fluency_sample:,} reply sentences scored with SmolLM2-135M in {seconds:.1f} s")
        with connect_readonly(args.warehouse) as con:
            df = run_query(con, "dataset_quality_report")
    print(format_report(df.to_dicts(), examples=args.examples))
    return 0


def cmd_variety(args: argparse.Namespace) -> int:
    from warehouse.loader import connect_readonly
    from warehouse.queries import run_query

    with connect_readonly(args.warehouse) as con:
        df = run_query(con, "dataset_quality")
    for scope in ("client_message", "reference_reply"):
        part = df.filter(df["scope"] == scope)
        print(f"== {scope}")
        for row in part.iter_rows(named=True):
            if row["detail"] is None:
                print(f"  {row['metric']:<18} {row['value']:.4f}")
        for kind in ("top_sentence", "top_opening"):
            print(f"  {kind.replace('_', ' ')}s:")
            for row in part.filter(part["metric"] == kind).head(args.top).iter_rows(named=True):
                print(f"    {int(row['value']):>5}  {row['detail']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from warehouse.loader import connect_readonly, export_parquet

    if args.partition_by and args.format != "tables":
        raise TideError(f"--partition-by goes with --format tables (got --format {args.format})")
    if args.format == "tables" and args.partition_by:
        from warehouse.partitioned_export import export_partitioned, parse_partition_by

        written = export_partitioned(args.warehouse, args.out, parse_partition_by(args.partition_by))
    elif args.format == "tables":
        written = export_parquet(args.warehouse, args.out)
    else:
        from tide_core.pipeline.build import load_dataset
        from tide_core.tide_format import FORMATS

        with connect_readonly(args.warehouse) as con:
            ds = load_dataset(con)
        written = FORMATS[args.format][0](ds, args.out)
    print(f"wrote {len(written)} files under {args.out}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from tide_core.pipeline.build import import_step
    from tide_core.tide_format import FORMATS

    ds = FORMATS[args.format][1](args.path)
    result = import_step(ds, args.warehouse, f"{args.format}:{args.path}")
    print(f"imported {result.n_personas} personas, {result.n_conversations} conversations into {result.path}")
    return 0


def cmd_live(args: argparse.Namespace) -> int:
    """Show or compact the live records (ratings, reviews, ... written by the dashboard) of a warehouse."""
    from warehouse.live import LiveStore

    if args.compact:
        main_job.live(args.warehouse, compact=True)
    else:
        store = LiveStore.for_warehouse(args.warehouse)
        print(f"{store.folder}: " + ", ".join(f"{k} {n}" for k, n in store.counts().items()))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from tide_core.ingest import IngestLimits, serve

    limits = IngestLimits(max_body_bytes=args.max_body_bytes, max_connections=args.max_connections)
    serve(args.warehouse, args.address, args.port, limits)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from warehouse.loader import read_build_info

    if read_build_info(args.warehouse) is None:
        raise TideError(f"no warehouse at {args.warehouse}; run `python -m tide_core run` first")
    try:
        main_job.live(args.warehouse, compact=False)
    except WarehouseError as exc:  # someone holds it (an analyst's shell): serve with the views it has
        log.warning("could not refresh the live views (%s); serving with the views the warehouse has", exc)
    os.environ["TIDE_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    cmd = [sys.executable, "-m", "dashboard.serve", "--server.port", str(args.port), "--server.address", args.address]
    print(f"dashboard: http://{args.address}:{args.port}  (Ctrl+C stops it)", flush=True)
    os.chdir(ROOT)
    os.execv(sys.executable, cmd)
    return 0  # not reached


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tide_core", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"tide_core {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="<command>")

    def add(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--warehouse", type=Path, default=warehouse_path(),
                       help="DuckDB warehouse file (default warehouse/tide.duckdb or $TIDE_WAREHOUSE)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
        p.set_defaults(func=func)
        return p

    p = add("build", cmd_build, "Build the dataset and the DuckDB warehouse (from the phrase banks, or written by "
            "Claude with --generator claude).")
    _add_build_args(p)
    _add_claude_build_args(p)
    p = add("run", cmd_run, "The main job: build everything the dashboard shows.")
    _add_build_args(p)
    p.add_argument("--models-profile", default="cpu-default", choices=main_job.MODELS_PROFILES,
                   help="cpu-default: SmolLM2 on a CPU (about 6 min on 2 cores); cpu-ladder: plus two from-scratch "
                        "models (about 90 s more); full: every present model, all data")
    p.add_argument("--skip-models", action="store_true", help="build and evaluate without the model stages")
    _add_scale_args(p)
    p = add("models", cmd_models, "Zero-shot, LoRA fine-tune, merge and generate with the small models.")
    p.add_argument("--profile", dest="models_profile", default="cpu-default", choices=main_job.MODELS_PROFILES)
    _add_scale_args(p)
    add("claude", cmd_claude, "Claude's replies to the test sample (needs ANTHROPIC_API_KEY; says why when absent).")
    p = add("export-onnx", cmd_serve_export, "Export the fine-tuned model and its zero-shot base to ONNX (once, onnxruntime-genai) and load it torch-free.")
    p.add_argument("--model", default="smollm2-135m", help="model id of a merged fine-tuned model")
    p.add_argument("--variant", default="int4", choices=("int4", "fp32"), help="precision to export and load "
                   "(onnxruntime-genai builder)")
    add("variety", cmd_variety, "Print the variety figures of the dataset text.").add_argument(
        "--top", type=int, default=10, help="how many repeated sentences and openings to list")
    p = add("quality", cmd_quality, "Print the dataset quality report: ungrounded feelings, questions answered, "
            "sentence and opening reuse, distinct-n, known-bad joins, the risk protocol.")
    p.add_argument("--examples", type=int, default=3, help="how many examples to list per measure")
    p.add_argument("--fluency", action="store_true", help="first score a sample of reply sentences with the "
                   "embedded SmolLM2-135M (mean token log-probability; the worst listed) and store it beside the report")
    p.add_argument("--fluency-sample", type=int, default=300, help="how many distinct reply sentences to score")
    add("evaluate", cmd_evaluate, "Score responses, simulate the default rater panel, run the statistics.").add_argument(
        "--seed", type=int, default=13, help="seed of the simulated panel and bootstraps")
    add("safety-eval", cmd_safety_eval, "Evaluate the chat's crisis detector (grouped CV on the corpus, frozen "
        "test, context windows, the dataset's messages) and store it in the warehouse.").add_argument(
        "--dataset-negatives", type=int, default=300, help="non-risk dataset messages sampled (default 300)")
    p = add("import-ratings", cmd_import_ratings, "Import ratings from a survey export (CSV or Parquet).")
    p.add_argument("path", type=Path, help="the survey export file")
    p.add_argument("--map", action="append", metavar="FIELD=COLUMN",
                   help="map a rating field to the export's column name (repeatable); default: same names")
    p.add_argument("--show", type=int, default=20, help="how many rejected rows to print")
    p = add("export", cmd_export, "Export the dataset (tide, jsonl, parquet) or every table as Parquet (tables).")
    p.add_argument("--format", choices=("tide", "jsonl", "parquet", "tables"), default="tide")
    p.add_argument("--out", type=Path, required=True, help="output folder")
    p.add_argument("--partition-by", metavar="KEYS", help="with --format tables: Hive-style Parquet folders per "
                   "model and/or scenario (model,scenario) for Spark or Trino")
    p = add("import", cmd_import, "Import a dataset into a fresh warehouse (replaces it atomically).")
    p.add_argument("--format", choices=("tide", "jsonl", "parquet"), default="tide")
    p.add_argument("path", type=Path, help="folder to import (TIDE release: holds metadata/ and conversations/)")
    add("live", cmd_live, "Count the live records beside the warehouse (ratings, reviews, ... from the dashboard), "
        "or --compact them into Parquet.").add_argument(
        "--compact", action="store_true", help="fold files of exited dashboard processes into Parquet")
    p = add("ingest", cmd_ingest, "Accept live records (ratings, reviews, ...) over HTTP: POST /v1/<kind>.")
    p.add_argument("--port", type=int, default=8502)
    p.add_argument("--address", default="127.0.0.1", help="loopback unless TIDE_INGEST_TOKEN is set")
    p.add_argument("--max-body-bytes", type=int, default=1 << 20, help="largest request body (default 1 MiB)")
    p.add_argument("--max-connections", type=int, default=200,
                   help="open connections and requests in progress; beyond it new requests get 503")
    p = add("serve", cmd_serve, "Start the Streamlit dashboard.")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--address", default="127.0.0.1")
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("onnxscript", "onnx_ir", "torch.onnx"):  # thousands of INFO lines per ONNX export otherwise
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except TideError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
