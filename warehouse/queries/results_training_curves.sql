-- Training curves of every run with a training log: loss by step for the train and validation splits.
SELECT ru.model_id, m.display_name, l.run_id, l.step, l.split, l.loss, l.tokens
FROM training_log AS l
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
ORDER BY m.params_millions NULLS LAST, l.run_id, l.split, l.step;
