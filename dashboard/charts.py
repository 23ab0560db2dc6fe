"""Plotly figure builders: pure functions of polars frames, unit-tested without a browser."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

LABEL_FIX = {"high_school_or_less": "High school or less", "some_college": "Some college",
             "bachelors": "Bachelor's", "graduate": "Graduate"}


def _pretty(value: object) -> str:
    s = str(value)
    return LABEL_FIX.get(s, s.replace("_", " "))


def bar_counts(df: pl.DataFrame, label: str, value: str, title: str, horizontal: bool = False) -> go.Figure:
    """A bar chart of `value` by `label`, largest first; labels made readable (underscores to spaces)."""
    df = df.sort(value, descending=not horizontal)
    labels = [_pretty(v) for v in df[label].to_list()]
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
    labels = [_pretty(v) for v in df["scenario_id"].to_list()]
    fig = go.Figure([
        go.Bar(y=labels, x=first.to_list(), name="distress normalized before support", orientation="h"),
        go.Bar(y=labels, x=(n - first).to_list(), name="support before normalization", orientation="h"),
    ])
    fig.update_layout(barmode="stack", title="Conversations per scenario, by factor order",
                      height=max(360, 24 * len(labels)), margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", y=-0.08))
    return fig
