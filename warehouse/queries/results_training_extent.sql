-- How much each fine-tuning run trained: optimiser steps, tokens seen (prompt + reply), reply tokens (the loss's),
-- wall seconds (validation included) and the validation loss at the start and at its best (training_log). The
-- embedded default's CPU run is a short fine-tune (28 steps); pages say so when steps are few.
SELECT ru.model_id, m.display_name, m.is_from_scratch, m.params_millions, l.run_id,
       max(l.step) FILTER (WHERE l.split = 'train') AS steps,
       max(l.tokens) FILTER (WHERE l.split = 'train') AS tokens,
       max(l.reply_tokens) FILTER (WHERE l.split = 'train') AS reply_tokens,
       max(l.seconds) AS seconds,
       arg_min(l.loss, l.step) FILTER (WHERE l.split = 'validation') AS val_loss_start,
       min(l.loss) FILTER (WHERE l.split = 'validation') AS val_loss_best
FROM training_log AS l
JOIN runs AS ru USING (run_id)
JOIN models AS m USING (model_id)
GROUP BY ALL
HAVING max(l.step) FILTER (WHERE l.split = 'train') IS NOT NULL
ORDER BY m.params_millions NULLS LAST;
