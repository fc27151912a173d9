-- The last day the pipeline processed successfully (the desk's "today").
SELECT coalesce(max(day), current_date) AS day FROM runs WHERE status = 'success';
