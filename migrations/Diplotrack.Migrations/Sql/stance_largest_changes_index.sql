-- The question analysts ask first of the stance jobs (docs/reporting.md, example 14; the dashboard's list): the largest
-- changes of the all-themes rows, significant first. Without this index it sorts every change (~100 ms on 5,000
-- documents); with it the first rows are read in order. Partial, so a recompute maintains it for a quarter of the rows.
CREATE INDEX IF NOT EXISTS ix_stance_changes_largest ON app.stance_changes (significant DESC, abs(delta_stance) DESC, id)
    WHERE theme = '*' AND event_type IN ('change', 'sign_flip') AND NOT is_self_reference;
