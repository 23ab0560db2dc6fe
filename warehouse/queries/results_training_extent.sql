-- How much each fine-tuning run trained: optimiser steps and tokens seen (training split of training_log). The
-- embedded default's CPU run is a short, time-boxed demonstration; pages say so when steps are few.
SELECT ru.model_id, m.display_name, m.is_from_scratch, m.params_millions, l.run_id,
       max(l.step) AS steps, max(l.tokens) AS tokens
FROM training_log AS l
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
WHERE l.split = 'train'
GROUP BY ALL
ORDER BY m.params_millions NULLS LAST;
