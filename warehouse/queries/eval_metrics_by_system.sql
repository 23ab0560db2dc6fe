-- Mean automatic scores per system (model and mode), with response counts and safety tallies.
SELECT model_id, mode, any_value(params_millions) AS params_millions, any_value(weights_source) AS weights_source,
       count(*) AS n_responses, avg(cosine_minilm) AS cosine_minilm, avg(rouge_l) AS rouge_l, avg(bleu) AS bleu,
       avg(chrf) AS chrf, avg(n_factors) AS n_factors, avg(validates_first) AS validates_first,
       avg(layered) AS layered, avg(n_words) AS n_words, sum(any_harm) AS n_harmful,
       count(risk_handled) - sum(risk_handled) AS n_risk_missed
FROM v_response_scores
GROUP BY model_id, mode
ORDER BY model_id, mode;
