-- A ratings import already done with this id (same file, same mapping): its row and accepted counts.
SELECT n_rows, n_accepted FROM rating_imports WHERE import_id = $import_id;
