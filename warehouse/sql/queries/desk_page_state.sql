-- The last refresh of the desk's precomputed pages: its day and the list's scopes.
SELECT day, scopes FROM desk_page_refresh ORDER BY refreshed_at DESC LIMIT 1;
