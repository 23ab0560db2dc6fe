-- Confusion matrix (true label x given category) of one detector version on one evaluation set.
SELECT true_label, predicted, n
FROM safety_eval_confusion
WHERE detector_version = $version AND eval_set = $eval_set
ORDER BY true_label, predicted;
