-- Every clinical review event: those loaded with the dataset (table reviews) and those made in the dashboard
-- (live_reviews, written to the live folder while others read). Nothing is overwritten: history is kept.
CREATE VIEW v_review_history AS
SELECT review_id, conversation_id, status, reviewer, notes, edited_reply, reviewed_at, 'warehouse' AS stored_in
FROM reviews
UNION ALL
SELECT review_id, conversation_id, status, reviewer, notes, edited_reply, reviewed_at, 'live' AS stored_in
FROM live_reviews;

COMMENT ON VIEW v_review_history IS 'Every clinical review event (dataset reviews and live reviews from the dashboard), never overwritten.';
COMMENT ON COLUMN v_review_history.review_id IS 'Review event id (client-made for live reviews).';
COMMENT ON COLUMN v_review_history.conversation_id IS 'The reviewed conversation.';
COMMENT ON COLUMN v_review_history.status IS 'approved, flagged or edited (pending in imported dataset reviews).';
COMMENT ON COLUMN v_review_history.reviewer IS 'Name the reviewer entered.';
COMMENT ON COLUMN v_review_history.notes IS 'Reviewer notes.';
COMMENT ON COLUMN v_review_history.edited_reply IS 'The edited reference reply when status is edited.';
COMMENT ON COLUMN v_review_history.reviewed_at IS 'When the review was made (UTC).';
COMMENT ON COLUMN v_review_history.stored_in IS 'warehouse (table reviews) or live (the live folder beside the warehouse file).';
