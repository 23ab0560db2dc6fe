-- The rejected rows of one ratings import: row, field, value and reason.
SELECT i.file_name, r.row_number, r.field, r.value, r.reason
FROM rating_import_rejects AS r
JOIN rating_imports AS i USING (import_id)
WHERE r.import_id = $import_id
ORDER BY r.row_number, r.field;
