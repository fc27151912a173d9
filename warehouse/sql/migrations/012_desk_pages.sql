-- The desk's precomputed pages (desk/pages.py, docs/desk.md): publish writes small tables
-- (desk_page_*) with what the desk's list and narrative pages need, so a page is a few lookups
-- instead of queries over every post. This table records each refresh; the desk uses the
-- tables only when they were refreshed for the day it shows.
CREATE TABLE IF NOT EXISTS desk_page_refresh (
    day          DATE NOT NULL,          -- the processed day the tables describe
    scopes       VARCHAR[] NOT NULL,     -- the list's scopes precomputed ('' = national)
    refreshed_at TIMESTAMPTZ NOT NULL,
    seconds      DOUBLE
);
