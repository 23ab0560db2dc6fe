-- bench/bench_pages.py: a zero-shot and a fine-tuned run for every filler model.
INSERT INTO runs (run_id, model_id, mode, decoding_json, seed, code_version, split, started_at, finished_at,
                  status)
SELECT model_id || '-' || mode, model_id, mode, '{"temperature": 0.7}', 13, 'bench', 'all', now(), now(),
       'done'
FROM models, (VALUES ('zero_shot'), ('fine_tuned')) m(mode) WHERE model_id LIKE 'bench-%';
