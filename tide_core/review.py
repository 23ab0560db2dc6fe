"""Clinical review of a conversation's reference reply: approve, flag or edit, checked before it is stored.

    rec = review_record("P0001-C01", "edited", reviewer="Dr Lee", notes="softer opening",
                        edited_reply=text, reference_reply=original)
    LiveStore.for_warehouse(path).append("reviews", rec)

Reviews are events: every one is kept (v_review_history) and the latest is the conversation's status
(v_review_status). Nothing here imports streamlit; the Review page shows the FormInputError problems.
"""

from __future__ import annotations

from tide_core.errors import FormInputError
from warehouse.live import REVIEW_DECISIONS as STATUSES  # what a review can decide; the live store checks it too

REVIEW_STATUSES = ("pending", *STATUSES)  # a conversation's status: pending until its first review
STATUS_LABELS = {"approved": "Approve", "flagged": "Flag", "edited": "Edit the reply"}
MAX_REVIEWER = 80


def review_record(conversation_id: str, status: str, reviewer: str | None, notes: str | None = None,
                  edited_reply: str | None = None, reference_reply: str | None = None) -> dict:
    """The live 'reviews' record; FormInputError naming every field to fix.

    A reviewer name is required; a flag needs a note saying what is wrong; an edit needs a reply that differs from
    the reference. Text is stripped; empty notes become None; the edited reply is kept only for edits."""
    reviewer = (reviewer or "").strip()
    notes = (notes or "").strip() or None
    edited = (edited_reply or "").strip()
    problems = {}
    if status not in STATUSES:
        problems["status"] = f"expected one of {', '.join(STATUSES)}"
    if not reviewer:
        problems["reviewer"] = "enter your name (or reviewer id)"
    elif len(reviewer) > MAX_REVIEWER:
        problems["reviewer"] = f"at most {MAX_REVIEWER} characters"
    if status == "flagged" and not notes:
        problems["notes"] = "say what is wrong with the reply when you flag it"
    if status == "edited":
        if not edited:
            problems["edited_reply"] = "enter the corrected reply"
        elif reference_reply is not None and edited == reference_reply.strip():
            problems["edited_reply"] = "the reply is unchanged: edit it, or approve it instead"
    if not conversation_id:
        problems["conversation_id"] = "choose a conversation"
    if problems:
        raise FormInputError(problems)
    return {"conversation_id": conversation_id, "status": status, "reviewer": reviewer, "notes": notes,
            "edited_reply": edited if status == "edited" else None}
