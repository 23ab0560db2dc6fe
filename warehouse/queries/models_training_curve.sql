-- The training curve of a run: loss by step for the train and validation splits.
SELECT l.step, l.split, l.loss, l.tokens
FROM training_log AS l
WHERE l.run_id = $run_id
ORDER BY l.split, l.step
