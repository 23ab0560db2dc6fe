"""Review page (clinicians): read a conversation's reference reply with its factor spans, then approve, flag or edit
it. Every review is kept (written to the live store at once); the latest is the conversation's status."""

import streamlit as st

from dashboard import charts, components
from dashboard.data import dataset_counts_or_stop, live_query, live_store, query
from dashboard.filters import Choice, select, toggle
from tide_core.errors import FormInputError
from tide_core.review import REVIEW_STATUSES, STATUS_LABELS, STATUSES, review_record
from warehouse.live import LiveRecordError

FIELD_LABELS = {"status": "Decision", "reviewer": "Reviewer", "notes": "Notes", "edited_reply": "Edited reply",
                "conversation_id": "Conversation"}


def filters() -> dict:
    """Sidebar filters, kept in the URL (`/review?review_status=flagged&risk=1` can be shared)."""
    st.sidebar.header("Review filters")
    scenarios = tuple(sorted(query("scenario_summary")["scenario_id"].to_list()))
    return {"scenario": select(Choice("scenario", "Scenario", scenarios)),
            "review_status": select(Choice("review_status", "Review status", REVIEW_STATUSES)),
            "risk_only": toggle("risk", "Only risk-language conversations")}


def review_form(row: dict) -> None:
    cid = row["conversation_id"]
    with st.form(f"review.form.{cid}"):
        st.radio("Decision", STATUSES, index=None, horizontal=True, format_func=STATUS_LABELS.get,
                 key=f"review.decision.{cid}")
        st.text_input("Reviewer", key="review.reviewer", placeholder="Your name or reviewer id")
        st.text_area("Notes", key=f"review.notes.{cid}", placeholder="Required when you flag the reply")
        st.text_area("Edited reply (saved only when the decision is Edit)", value=row["reference_reply"],
                     key=f"review.edited.{cid}", height=160)
        submitted = st.form_submit_button("Save review", type="primary", key="review.submit")
    if not submitted:
        return
    try:
        record = review_record(cid, st.session_state.get(f"review.decision.{cid}"),
                               st.session_state.get("review.reviewer"), st.session_state.get(f"review.notes.{cid}"),
                               st.session_state.get(f"review.edited.{cid}"), row["reference_reply"])
        live_store().append("reviews", record)
    except FormInputError as err:
        components.form_problems(err.problems, FIELD_LABELS)
        return
    except LiveRecordError as err:
        components.plain_error("Could not save the review.", str(err))
        return
    for key in (f"review.decision.{cid}", f"review.notes.{cid}", f"review.edited.{cid}"):
        st.session_state.pop(key, None)
    st.session_state["review.saved"] = f"Saved: {cid} {record['status']}."
    st.rerun()


def history(cid: str) -> None:
    st.markdown("**Review history** (newest first)")
    past = live_query("review_history", conversation_id=cid)
    if past.is_empty():
        st.caption("Not reviewed yet.")
        return
    latest = past.row(0, named=True)
    if latest["status"] == "edited" and latest["edited_reply"]:
        st.markdown("**Current reply** (edited in the latest review)")
        st.text(latest["edited_reply"])
    st.dataframe(past.drop("review_id"), hide_index=True, key=f"review.history.{cid}")


def review_tab() -> None:
    rows = live_query("review_conversations", limit=2000, **filters())
    st.caption(f"{rows.height:,} conversations match the filters" + (" (first 2,000 shown)" if rows.height == 2000
                                                                      else ""))
    if rows.is_empty():
        st.warning("No conversation matches these filters.")
        return
    status = dict(zip(rows["conversation_id"], rows["review_status"], strict=True))
    cid = st.selectbox("Conversation", list(status), format_func=lambda c: f"{c} · {status[c]}",
                       key="review.conversation")
    row = live_query("conversation_detail", conversation_id=cid).row(0, named=True)
    components.conversation_view(row)
    left, right = st.columns([3, 2])
    with left:
        review_form(row)
    with right:
        history(cid)


def summary_tab() -> None:
    counts = live_query("review_status_counts")
    by_status = dict(zip(counts["review_status"], counts["n_conversations"], strict=True))
    cols = st.columns(len(REVIEW_STATUSES))
    for col, name in zip(cols, REVIEW_STATUSES, strict=True):
        col.metric(name.capitalize(), f"{by_status.get(name, 0):,}")
    st.plotly_chart(charts.bar_counts(counts, "review_status", "n_conversations", "Conversations by review status"),
                    key="review.status_chart")
    st.markdown("**Who reviewed what**")
    st.dataframe(live_query("review_by_reviewer"), hide_index=True, key="review.by_reviewer")
    st.markdown("**Latest reviews**")
    st.dataframe(live_query("review_recent", limit=50), hide_index=True, key="review.recent")


st.title("Clinical review")
dataset_counts_or_stop()
if "review.saved" in st.session_state:
    st.success(st.session_state.pop("review.saved"))
tab_review, tab_summary = st.tabs(["Review", "Summary"])
with tab_review:
    review_tab()
with tab_summary:
    summary_tab()
