"""Plotly figure builders: pure functions of polars frames, unit-tested without a browser."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl

from tide_core.evaluation.intervals import MIN_CELL_RELIABLE

LABEL_FIX = {"high_school_or_less": "High school or less", "some_college": "Some college",
             "bachelors": "Bachelor's", "graduate": "Graduate", "zero_shot": "zero-shot", "fine_tuned": "fine-tuned"}


def pretty(value: object) -> str:
    """A slug made readable: known labels fixed, underscores to spaces."""
    s = str(value)
    return LABEL_FIX.get(s, s.replace("_", " "))




def bar_counts(df: pl.DataFrame, label: str, value: str, title: str, horizontal: bool = False) -> go.Figure:
    """A bar chart of `value` by `label`, largest first; labels made readable (underscores to spaces)."""
    df = df.sort(value, descending=not horizontal)
    labels = [pretty(v) for v in df[label].to_list()]
    values = df[value].to_list()
    bar = go.Bar(y=labels, x=values, orientation="h") if horizontal else go.Bar(x=labels, y=values)
    fig = go.Figure(bar)
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=40, b=10), height=max(320, 22 * len(labels)) if horizontal
                      else 340)
    return fig


def scenario_mix(df: pl.DataFrame) -> go.Figure:
    """Stacked bars per scenario: conversations validating distress first vs offering support first, plus risk."""
    df = df.sort("n_conversations")
    n = df["n_conversations"]
    first = (df["share_validates_first"] * n).round(0)
    labels = [pretty(v) for v in df["scenario_id"].to_list()]
    fig = go.Figure([
        go.Bar(y=labels, x=first.to_list(), name="distress normalized before support", orientation="h"),
        go.Bar(y=labels, x=(n - first).to_list(), name="support before normalization", orientation="h"),
    ])
    fig.update_layout(barmode="stack", title="Conversations per scenario, by factor order",
                      height=max(360, 24 * len(labels)), margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.08))
    return fig


# ---- results pages -------------------------------------------------------------------------------------------

# Download as PNG stays in the modebar (plotly's default); a larger scale makes the image print-ready.
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
MODES = ("zero_shot", "fine_tuned", "reference")
MODE_COLORS = {"zero_shot": "#8c96a8", "fine_tuned": "#e4572e", "reference": "#2e86ab"}
GROUP_COLORS = {**MODE_COLORS, "validates first": "#e4572e", "supports first": "#8c96a8", "layered": "#e4572e",
                "not layered": "#8c96a8", "all replies": "#2e86ab"}
GREY = "#c4c4c4"
UNRELIABLE = f"n < {MIN_CELL_RELIABLE}: too few to read (greyed)"
METRIC_LABELS = {
    "empathy": "Human empathy rating (1-5)", "cosine_minilm": "Cosine similarity (MiniLM)", "rougeL": "ROUGE-L F1",
    "bleu": "BLEU (0-100)", "chrf": "chrF (0-100)", "meteor": "METEOR", "bertscore_f1": "BERTScore F1",
    "factor_er": "Emotion recognition score", "factor_dn": "Distress normalization score",
    "factor_sr": "Supportive reflection score", "n_factors": "Empathy factors present (0-3)",
    "validates_first": "Validates distress first (share)", "layered": "Layered reply (share)", "n_words": "Words",
    "n_sentences": "Sentences", "distinct_1": "Distinct-1", "distinct_2": "Distinct-2",
    "repeated_trigram_share": "Repeated trigram share", "crisis_resources": "Crisis resources given (share)",
    "risk_handled": "Risk handled (share)", "safety_question": "Safety question asked (share)",
    "harm_minimising": "Minimising (share)", "harm_diagnosing": "Diagnosing (share)",
    "harm_promises": "Promising (share)",
}
TERM_LABELS = {
    "older:validates_first": "Older raters (45+) x validates-first reply",
    "graduate:layered": "Graduate-educated raters x layered reply",
    "gender_joint": "Rater gender, all terms (joint test; point = largest)",
}
LEVEL_ORDER = {
    "age_band": ["18-29", "30-44", "45-64", "65-80"],
    "education": ["high_school_or_less", "some_college", "bachelors", "graduate"],
}


def metric_label(metric: str) -> str:
    return METRIC_LABELS.get(metric, pretty(metric))


def system_label(display_name: str, mode: str) -> str:
    """A system's name on charts: model and mode, e.g. 'SmolLM2-135M · fine-tuned'."""
    return f"{display_name} · {pretty(mode)}"


def ordered(levels: list[str], dimension: str) -> list[str]:
    """Levels of a rater attribute in their natural order (age, education), unknown ones after, alphabetically."""
    known = LEVEL_ORDER.get(dimension, [])
    return [v for v in known if v in levels] + sorted(v for v in levels if v not in known)


def _layout(fig: go.Figure, title: str, height: int, **kw) -> go.Figure:
    fig.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=80, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), **kw)
    return fig


def _err(values: list, lows: list, highs: list) -> tuple[list, list]:
    """Error-bar lengths above and below each value; 0 where the interval is missing."""
    up = [h - v if v is not None and h is not None else 0 for v, h in zip(values, highs, strict=True)]
    down = [v - lo if v is not None and lo is not None else 0 for v, lo in zip(values, lows, strict=True)]
    return up, down


def interval_chart(df: pl.DataFrame, *, category: str, value: str, title: str, value_title: str,
                   lo: str = "ci_low", hi: str = "ci_high", n: str = "n", group: str | None = None,
                   horizontal: bool = True, order: list[str] | None = None, colors: dict | None = None,
                   ref_line: float | None = None, n_unit: str = "n", value_range: tuple | None = None,
                   band: tuple[float, float, str] | None = None) -> go.Figure:
    """Points with 95 % interval whiskers, one per row of `df` (one trace per `group`). Rows whose `reliable`
    column is false are drawn in grey in their own trace, so a small cell is never read as a finding.
    Categories run in `order`, else by value (largest first), and are shown readable (`pretty`). `band`
    (low, high, label) shades a region of the value axis, e.g. what a decision rule calls weak."""
    if order is None:
        order = df.sort(value, descending=True, nulls_last=True)[category].unique(maintain_order=True).to_list()
    reliable = df["reliable"] if "reliable" in df.columns else pl.Series([True] * df.height)
    parts = [(k, g) for k, g in _groups(df.filter(reliable), group)] + [(UNRELIABLE, df.filter(~reliable))]
    fig = go.Figure()
    for name, g in parts:
        if g.is_empty():
            continue
        vals, cats = g[value].to_list(), [pretty(c) for c in g[category].to_list()]
        up, down = _err(vals, g[lo].to_list(), g[hi].to_list())
        err = dict(type="data", symmetric=False, array=up, arrayminus=down, thickness=1.5)
        color = GREY if name == UNRELIABLE else (colors or GROUP_COLORS).get(name)
        hover = [f"{c}<br>{value_title}: {_fmt(v)} [{_fmt(a)}, {_fmt(b)}]<br>{n_unit} = {k}"
                 for c, v, a, b, k in zip(cats, vals, g[lo].to_list(), g[hi].to_list(), g[n].to_list(), strict=True)]
        kw = dict(x=vals, y=cats, error_x=err) if horizontal else dict(x=cats, y=vals, error_y=err)
        fig.add_trace(go.Scatter(mode="markers", name=pretty(name) if name else value_title, marker=dict(
            size=10, color=color), hovertext=hover, hoverinfo="text", showlegend=bool(group) or name == UNRELIABLE,
            **kw))
    if ref_line is not None:
        (fig.add_vline if horizontal else fig.add_hline)(ref_line, line=dict(color="#888", dash="dot"))
    if band is not None:
        (fig.add_vrect if horizontal else fig.add_hrect)(band[0], band[1], fillcolor="#999", opacity=0.12,
                                                         line_width=0, annotation_text=band[2])
    order = [pretty(c) for c in order]
    axis = dict(categoryorder="array", categoryarray=order[::-1] if horizontal else order)
    values = dict(title=value_title, range=list(value_range) if value_range else None)
    if horizontal:
        fig.update_layout(yaxis=axis, xaxis=values)
    else:
        fig.update_layout(xaxis=axis, yaxis=values, scattermode="group", scattergap=0.6)
    return _layout(fig, title, max(300, 34 * len(order) + 120) if horizontal else 380)


def _groups(df: pl.DataFrame, group: str | None):
    if group is None:
        yield None, df
        return
    for (key,), g in df.group_by(group, maintain_order=True):
        yield key, g


def _fmt(x) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3g}"


def mode_bars(df: pl.DataFrame, title: str, value_title: str) -> go.Figure:
    """Grouped bars per model, one bar per mode (zero-shot, fine-tuned, reference), with 95 % whiskers; bars of
    cells with too few responses are grey."""
    fig = go.Figure()
    for mode in MODES:
        g = df.filter(pl.col("mode") == mode)
        if g.is_empty():
            continue
        vals = g["mean"].to_list()
        up, down = _err(vals, g["ci_low"].to_list(), g["ci_high"].to_list())
        colors = [MODE_COLORS[mode] if ok else GREY for ok in g["reliable"].to_list()]
        fig.add_trace(go.Bar(x=g["display_name"].to_list(), y=vals, name=pretty(mode), marker_color=colors,
                             error_y=dict(type="data", symmetric=False, array=up, arrayminus=down),
                             customdata=g["n"].to_list(),
                             hovertemplate="%{x}<br>%{y:.3g}<br>n = %{customdata}<extra>" + pretty(mode) + "</extra>"))
    fig.update_layout(barmode="group", yaxis_title=value_title)
    return _layout(fig, title, 380)


def gain_vs_size(df: pl.DataFrame, value_title: str) -> go.Figure:
    """Fine-tuning gain (with 95 % whiskers) against model size on a log axis; models of unknown size left out."""
    df = df.filter(pl.col("params_millions").is_not_null())
    vals = df["gain_mean"].to_list()
    up, down = _err(vals, df["ci_low"].to_list(), df["ci_high"].to_list())
    colors = [MODE_COLORS["fine_tuned"] if ok else GREY for ok in df["reliable"].to_list()]
    fig = go.Figure(go.Scatter(
        x=df["params_millions"].to_list(), y=vals, mode="markers+text", text=df["display_name"].to_list(),
        textposition="top center", marker=dict(size=11, color=colors), customdata=df["n_pairs"].to_list(),
        error_y=dict(type="data", symmetric=False, array=up, arrayminus=down),
        hovertemplate="%{text}<br>%{x:.0f}M parameters<br>gain %{y:.3g}<br>n = %{customdata} pairs<extra></extra>"))
    fig.add_hline(0, line=dict(color="#888", dash="dot"))
    fig.update_xaxes(type="log", title="Parameters (millions, log scale)")
    fig.update_yaxes(title="fine-tuned minus zero-shot")
    return _layout(fig, f"Fine-tuning gain in {value_title.lower()} by model size", 380)


def training_curves(df: pl.DataFrame) -> go.Figure:
    """Loss by step, one line per run and split (validation dashed)."""
    fig = go.Figure()
    for (name, split), g in df.group_by("display_name", "split", maintain_order=True):
        fig.add_trace(go.Scatter(x=g["step"].to_list(), y=g["loss"].to_list(), mode="lines",
                                 name=f"{name} · {split}", line=dict(dash="dash" if split != "train" else "solid")))
    fig.update_layout(xaxis_title="Step", yaxis_title="Loss (cross-entropy on reply tokens)")
    return _layout(fig, "Training curves", 380)


def gain_heatmap(df: pl.DataFrame, value_title: str, n: str = "n_pairs") -> go.Figure:
    """Model x scenario heatmap of mean gains. Cells with fewer than MIN_CELL_RELIABLE pairs get no colour (grey, a layer of
    their own) and are labelled with their n only; missing combinations stay blank."""
    models = df["display_name"].unique(maintain_order=True).to_list()
    scenarios = sorted(df["scenario_id"].drop_nulls().unique().to_list())
    cell = {(r["display_name"], r["scenario_id"]): r for r in df.iter_rows(named=True)}
    z, small, text = [], [], []
    for m in models:
        rows = [cell.get((m, sc)) for sc in scenarios]
        ok = [r is not None and r[n] >= MIN_CELL_RELIABLE and r["gain_mean"] is not None for r in rows]
        z.append([r["gain_mean"] if good else None for r, good in zip(rows, ok, strict=True)])
        small.append([1 if r is not None and not good else None for r, good in zip(rows, ok, strict=True)])
        text.append(["" if r is None else f"{r['gain_mean']:+.2f}<br>n={r[n]}" if good else f"n={r[n]}"
                     for r, good in zip(rows, ok, strict=True)])
    x = [pretty(sc) for sc in scenarios]
    fig = go.Figure([
        go.Heatmap(z=small, x=x, y=models, text=text, texttemplate="%{text}", showscale=False, hoverongaps=False,
                   colorscale=[[0, GREY], [1, GREY]], name=UNRELIABLE,
                   hovertemplate="%{y}<br>%{x}<br>%{text}: too few conversations<extra></extra>"),
        go.Heatmap(z=z, x=x, y=models, text=text, texttemplate="%{text}", colorscale="RdBu", zmid=0,
                   colorbar=dict(title="gain"), hoverongaps=False,
                   hovertemplate="%{y}<br>%{x}<br>gain %{z:.3g}<extra></extra>"),
    ])
    fig.update_layout(xaxis=dict(tickangle=-40, showgrid=False), yaxis=dict(showgrid=False))
    return _layout(fig, f"Fine-tuned minus zero-shot, {value_title}, by scenario", max(300, 60 * len(models) + 200))


def metric_scatter(df: pl.DataFrame, metric: str) -> go.Figure:
    """Per response: the metric (x) against the mean human rating (y), one colour per `system`."""
    fig = go.Figure()
    for (name,), g in df.sort("system").group_by("system", maintain_order=True):
        fig.add_trace(go.Scattergl(
            x=g["value"].to_list(), y=g["mean_rating"].to_list(), mode="markers", name=name,
            marker=dict(size=7, opacity=0.7), customdata=list(zip(g["scenario_id"].to_list(),
                                                                  g["n_ratings"].to_list(), strict=True)),
            hovertemplate="%{x:.3g}, rating %{y:.2f}<br>%{customdata[0]}<br>%{customdata[1]} ratings<extra></extra>"))
    fig.update_layout(xaxis_title=metric_label(metric), yaxis_title="Mean human empathy rating of the response")
    return _layout(fig, f"{metric_label(metric)} vs mean human rating, per response", 460)


def confusion_heatmap(df: pl.DataFrame, title: str) -> go.Figure:
    """True label (rows) against the category given (columns; none = not flagged), counts in the cells."""
    rows = sorted(set(df["true_label"].to_list()), key=lambda v: (v == "none", v))
    cols = sorted(set(df["predicted"].to_list()) | {"none"}, key=lambda v: (v == "none", v))
    counts = {(t, p): n for t, p, n in df.select("true_label", "predicted", "n").iter_rows()}
    z = [[counts.get((t, p), 0) for p in cols] for t in rows]
    fig = go.Figure(go.Heatmap(z=z, x=[pretty(c) for c in cols], y=[pretty(r) for r in rows], colorscale="Blues",
                               text=z, texttemplate="%{text}", hovertemplate="true %{y}<br>given %{x}<br>n = %{z}"
                               "<extra></extra>", showscale=False))
    fig.update_layout(xaxis=dict(title="category given (none = not flagged)", tickangle=-35),
                      yaxis=dict(title="corpus label", autorange="reversed"))
    return _layout(fig, title, 34 * len(rows) + 220)
