-- Conversations matching the filters (NULL filter = any), newest persona first, for the viewer.
SELECT conversation_id, persona_id, first_name, age, gender, education, trauma_type, scenario_id, scenario_title,
       split, review_status, is_risk, factor_order
FROM v_conversations
WHERE ($scenario IS NULL OR scenario_id = $scenario)
  AND ($trauma_type IS NULL OR trauma_type = $trauma_type)
  AND ($age_band IS NULL OR age_band = $age_band)
  AND ($gender IS NULL OR gender = $gender)
  AND ($education IS NULL OR education = $education)
  AND ($split IS NULL OR split = $split)
  AND ($review_status IS NULL OR review_status = $review_status)
  AND ($risk_only = false OR is_risk)
ORDER BY persona_id, conv_index
LIMIT $limit;
