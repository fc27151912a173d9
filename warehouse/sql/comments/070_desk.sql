-- Descriptions of the desk's tables (migrations/013_desk.sql) and views (views/060_desk.sql);
-- docs/desk.md. The tables are mirrored from the desk store ($PANTAU_HOME/desk.sqlite) at the
-- start of publish and of training; the desk store is the source of truth.

COMMENT ON TABLE desk_action_log IS 'Desk. Every action an officer took in `pantau serve`, append-only: who, when, what it set and what it replaced. Mirrored from the desk store; read desk_actions.';
COMMENT ON COLUMN desk_action_log.kind IS 'label_post, label_narrative, match_confirmed, match_rejected, mark_countered, draft_message, validate_message or approve_message.';
COMMENT ON COLUMN desk_action_log.value IS 'What the action set (JSON).';
COMMENT ON COLUMN desk_action_log.previous IS 'What it replaced (JSON); NULL when nothing.';
COMMENT ON COLUMN desk_action_log.region_code IS 'Region the action was taken in (the officer''s scope, or the message''s region); NULL for national.';
COMMENT ON TABLE desk_labels IS 'Desk. Each officer''s current label of a post or a whole narrative (hoax / not_hoax). Post labels and the original member posts of labelled narratives go to `labels` (source_file ''desk'') for retraining.';
COMMENT ON TABLE desk_match_decisions IS 'Desk. A verifier''s decision on a fact-check matched to a narrative: confirmed (it answers the narrative) or rejected. Overrides the model''s match (narrative_fact_check_effective).';
COMMENT ON TABLE desk_counter_messages IS 'Desk. Counter-messages drafted at the desk, validated by a verifikator and approved by the kepala; approved ones appear in the next briefing as "Saran respons (disetujui)".';
COMMENT ON COLUMN desk_counter_messages.approved_day IS 'Local day (PANTAU_TIMEZONE) of the approval: the response day in narrative_response_effect.';
COMMENT ON TABLE desk_countered IS 'Desk. A narrative marked countered in a region, with the link to the rebuttal.';

COMMENT ON VIEW desk_actions IS 'Desk. Every desk action, newest first, with the region''s name: who, when, what it set, what it replaced.';
COMMENT ON VIEW narrative_reviews IS 'Desk. Per narrative reviewed at the desk: the officers'' majority label, votes, post labels, the fact-check in use and who decided it, the latest counter-message and its state, regions marked countered.';
COMMENT ON COLUMN narrative_reviews.desk_label IS 'hoax, not_hoax, or tie, from the officers'' narrative labels.';
COMMENT ON COLUMN narrative_reviews.message_status IS 'State of the latest counter-message: draft, validated or approved.';
COMMENT ON VIEW narrative_fact_check_effective IS 'Desk. The fact-check answering each narrative: the one a verifier confirmed, else the model''s match unless a verifier rejected it. The briefing reads this.';
COMMENT ON COLUMN narrative_fact_check_effective.decided_by IS 'desk (confirmed by a verifier), model, or NULL (none).';
COMMENT ON VIEW narrative_response_effect IS 'Desk. Did the response work? Per narrative and region: posts per day in up to 7 days before the first response there (official clarification, approved counter-message, or a countered mark) and up to 7 days after, the change with a 95 % Poisson interval, and an assessment. An association, not proof.';
COMMENT ON COLUMN narrative_response_effect.response_kind IS 'clarification, counter_message or marked_countered: the first response in the region.';
COMMENT ON COLUMN narrative_response_effect.change IS 'Rate after / rate before - 1 (-0.4 is 40 % fewer posts per day); NULL while too early.';
COMMENT ON COLUMN narrative_response_effect.change_low IS 'Lower end of the 95 % interval of change (log rate ratio, Poisson counts + 0.5).';
COMMENT ON COLUMN narrative_response_effect.change_high IS 'Upper end of the 95 % interval of change.';
COMMENT ON COLUMN narrative_response_effect.assessment IS 'fell or rose (the interval excludes no change), no_clear_change, or too_early (under 3 days on a side or under 10 posts in all).';

COMMENT ON TABLE desk_page_refresh IS 'The last refresh of the desk''s precomputed pages (desk_page_* tables, written by publish before the snapshot): the day they describe and the scopes of the precomputed list.';
COMMENT ON COLUMN desk_page_refresh.day IS 'The processed day the desk_page_* tables describe; the desk uses them only for this day.';
COMMENT ON COLUMN desk_page_refresh.scopes IS 'Scopes of the precomputed narrative list ('''' = national, else a region code of a desk user).';
COMMENT ON COLUMN desk_page_refresh.refreshed_at IS 'When publish wrote the tables.';
COMMENT ON COLUMN desk_page_refresh.seconds IS 'How long the refresh took.';
