-- The desk's labels into `labels`, the table training reads (models/training.py): a post label
-- as it is; a narrative label for each original member post (clarifications and duplicates
-- left out, merged narratives' posts included), unless the same officer labelled that post
-- itself. Rows from the desk carry source_file 'desk' and are replaced on every mirror, so a
-- changed label replaces the old one instead of voting against it.
DELETE FROM labels WHERE source_file = 'desk';
INSERT INTO labels (label_id, post_id, text, label, labeller, labelled_at, note, source_file,
                    imported_at)
WITH post_labels AS (
    SELECT target_id AS post_id, username, label, labelled_at, 'desk: post label' AS note
    FROM desk_labels WHERE target = 'post'
), narrative_labels AS (
    SELECT np.post_id, l.username, l.label, l.labelled_at,
           'desk: narrative ' || l.target_id AS note
    FROM desk_labels l
    JOIN narrative_canonical c ON c.canonical_id = l.target_id
    JOIN narrative_posts np ON np.narrative_id = c.narrative_id
    JOIN stg_posts s ON s.post_id = np.post_id
    WHERE l.target = 'narrative' AND s.duplicate_of IS NULL
      AND np.assigned_by NOT LIKE 'clarification%'
      AND NOT EXISTS (SELECT 1 FROM post_labels p
                      WHERE p.post_id = np.post_id AND p.username = l.username)
)
SELECT 'desk:' || md5(post_id || '|' || username), post_id, NULL, label, username, labelled_at,
       note, 'desk', now()
FROM (SELECT * FROM post_labels UNION ALL SELECT * FROM narrative_labels);
