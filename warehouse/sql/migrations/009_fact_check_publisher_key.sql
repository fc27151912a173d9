-- Fact-checks are keyed by (publisher, link), not by link alone: a feed that reuses a genuine
-- fact-check's link can no longer replace its verdict (issue 13). The id is the first 16 hex of
-- sha1(publisher || U+001F || url), as pipelines/connectors/factcheck_rss.fact_check_id makes
-- it; existing rows and every reference to them get the new id.
CREATE TEMP TABLE _fact_check_rekey AS
SELECT fact_check_id AS old_id, substr(sha1(publisher || chr(31) || url), 1, 16) AS new_id
FROM fact_checks;

UPDATE post_scores SET fact_check_id = k.new_id
FROM _fact_check_rekey k WHERE post_scores.fact_check_id = k.old_id;
UPDATE narrative_dim SET fact_check_id = k.new_id
FROM _fact_check_rekey k WHERE narrative_dim.fact_check_id = k.old_id;
UPDATE mart_posts SET fact_check_id = k.new_id
FROM _fact_check_rekey k WHERE mart_posts.fact_check_id = k.old_id;

-- Key columns: rewritten by delete and insert (DuckDB does not update indexed columns in place).
CREATE TEMP TABLE _narrative_fact_checks AS
SELECT n.* REPLACE (k.new_id AS fact_check_id)
FROM narrative_fact_checks n JOIN _fact_check_rekey k ON n.fact_check_id = k.old_id;
DELETE FROM narrative_fact_checks WHERE fact_check_id IN (SELECT old_id FROM _fact_check_rekey);
INSERT INTO narrative_fact_checks BY NAME SELECT * FROM _narrative_fact_checks;

CREATE TEMP TABLE _fact_checks AS
SELECT f.* REPLACE (k.new_id AS fact_check_id)
FROM fact_checks f JOIN _fact_check_rekey k ON f.fact_check_id = k.old_id;
DELETE FROM fact_checks;
INSERT INTO fact_checks BY NAME SELECT * FROM _fact_checks;

DROP TABLE _fact_checks;
DROP TABLE _narrative_fact_checks;
DROP TABLE _fact_check_rekey;
