-- bench/bench_pages.py: one filler response per filler run and conversation (the reference reply as its text).
INSERT INTO responses SELECT ru.run_id || ':' || c.conversation_id, ru.run_id, c.conversation_id,
       c.reference_reply, 100 + random() * 900, 60, 80, now(), 'end_turn'
FROM runs ru, conversations c WHERE ru.run_id LIKE 'bench-%';
