-- The three empathy-factor spans of one reference reply, cut out of the text (offsets are 0-based, end exclusive).
SELECT conversation_id, factor_order,
       substr(reference_reply, er_start + 1, er_end - er_start) AS emotion_recognition,
       substr(reference_reply, dn_start + 1, dn_end - dn_start) AS distress_normalization,
       substr(reference_reply, sr_start + 1, sr_end - sr_start) AS supportive_reflection
FROM conversations
ORDER BY conversation_id
LIMIT 3;
