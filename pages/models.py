"""Models: each model zero-shot against fine-tuned on every metric, the gain against model size, the training
curves, and the settings every run was generated with. Filters (ratings source, scenario, metric) live in the
sidebar and in the URL."""

import polars as pl
import streamlit as st

from dashboard import charts, components
from dashboard.data import dataset_counts_or_stop, live_query, query
from dashboard.filters import Choice, data_notes, ratings_source, select
from tide_core.evaluation.intervals import MIN_CELL_RELIABLE, with_t_interval

st.title("Models")
dataset_counts_or_stop()
status = live_query("results_status").row(0, named=True)
if not status["n_responses"]:
    st.info("No model responses yet: `python -m tide_core run` fine-tunes the models, generates their replies to the "
            "test conversations and scores them.", icon=":material/hourglass_empty:")
    st.stop()

st.sidebar.header("Filters")
simulated = ratings_source(status)
n_ratings = status["n_simulated_ratings" if simulated else "n_real_ratings"]
scenario = select(Choice("scenario", "Scenario", tuple(query("scenario_summary")["scenario_id"].sort())))
scored = live_query("results_metric_names")["metric"].to_list()
metrics = (["empathy"] if n_ratings else []) + sorted(scored, key=lambda m: (m not in charts.METRIC_LABELS, m))
metric = select(Choice("metric", "Metric", tuple(metrics), default="cosine_minilm" if "cosine_minilm" in metrics
                       else metrics[0], labels=charts.METRIC_LABELS))
label = charts.metric_label(metric)
data_notes(status, simulated)

st.subheader("Zero-shot vs fine-tuned")
long = with_t_interval(live_query("results_model_metrics", simulated=simulated, scenario=scenario))
chosen = long.filter(pl.col("metric") == metric)
st.plotly_chart(charts.mode_bars(chosen, f"{label} by model and mode", label), key="models.modes",
                config=charts.PLOTLY_CONFIG)
st.caption(f"Means over responses (human rating: each response's mean rating), 95 % t intervals. Grey bars: fewer "
           f"than {MIN_CELL_RELIABLE} responses.")
with st.expander("Every metric, every model (means; n = responses)"):
    wide = long.with_columns(cell=pl.format("{} (n={})", pl.col("mean").round_sig_figs(3), pl.col("n")),
                             metric=pl.col("metric").replace_strict(charts.METRIC_LABELS, default=pl.col("metric")))
    wide = wide.pivot(on="mode", index=["display_name", "metric"], values="cell").sort("display_name", "metric")
    st.dataframe(wide.select("display_name", "metric", *[m for m in charts.MODES if m in wide.columns]),
                 hide_index=True)

st.subheader("Gain versus model size")
components.short_training_note(query("results_training_extent"))
gains = with_t_interval(live_query("results_gains", simulated=simulated, metric=metric, scenario=scenario,
                                  by_scenario=False),
                        mean="gain_mean", sd="gain_sd", n="n_pairs")
if gains.is_empty():
    st.caption("No model has both zero-shot and fine-tuned replies to the same conversations, so there is no gain to "
               "show (from-scratch models have no zero-shot mode).")
else:
    st.plotly_chart(charts.gain_vs_size(gains, label), key="models.size", config=charts.PLOTLY_CONFIG)
    st.dataframe(gains.select("display_name", "params_millions", "n_pairs", "zero_shot_mean", "fine_tuned_mean",
                              "gain_mean", "ci_low", "ci_high"), hide_index=True)
    st.caption("Gain = fine-tuned minus zero-shot, paired by conversation; 95 % t interval over conversations."
               + (" One model size only: the default main job fine-tunes SmolLM2-135M on a CPU; "
                  "`python -m tide_core run --models-profile full` on a GPU adds the study's 0.5B-5B models."
                  if gains["params_millions"].n_unique() == 1 else ""))

st.subheader("Training curves")
curves = live_query("results_training_curves")
if curves.is_empty():
    st.caption("No training logs yet: `python -m tide_core run` fine-tunes the models and records their loss "
               "(table training_log).")
else:
    st.plotly_chart(charts.training_curves(curves), key="models.curves", config=charts.PLOTLY_CONFIG)
    extent = query("results_training_extent")
    st.dataframe(extent.select("display_name", "steps", "tokens", "reply_tokens", "seconds", "val_loss_start",
                               "val_loss_best", "run_id"), hide_index=True)
    st.caption("What each training run saw: optimiser steps, tokens (prompt + reply), reply tokens (the loss is "
               "taken on these), wall seconds with validation, validation loss at step 0 and at its best (the kept "
               "weights).")

st.subheader("Generation settings of each run")
runs = live_query("results_runs")
st.dataframe(runs.select("display_name", "mode", "split", "status", "n_responses", "truncated_share", "seed",
                         "decoding_json", "adapter_path", "code_version", "started_at", "finished_at", "run_id"),
             hide_index=True, column_config={"truncated_share": st.column_config.NumberColumn(
                 "cut by the token cap", format="percent", help="Share of the run's replies that reached "
                 "max_new_tokens before ending by themselves (blank: not recorded)")})
cut = runs.filter(pl.col("truncated_share") > 0.05)
if not cut.is_empty():
    st.caption("More than 5 % of replies cut by the token cap: " + ", ".join(
        f"{r['display_name']} ({r['mode']}): {r['truncated_share']:.0%}" for r in cut.iter_rows(named=True)) +
        ". A cut reply is marked on the Rate page.")
prompts = runs.filter(pl.col("system_prompt").is_not_null()).group_by("system_prompt", maintain_order=True).agg(
    pl.col("run_id"))
for i, row in enumerate(prompts.iter_rows(named=True), start=1):
    with st.expander(f"System prompt {i} — used by {len(row['run_id'])} run(s)"):
        st.text(row["system_prompt"])
        st.caption(", ".join(row["run_id"]))
if prompts.is_empty():
    st.caption("No run recorded a system prompt (from-scratch models and synthetic systems take none).")
