-- stance_evidence_arrays.sql: a change's evidence moves from the table app.stance_change_evidence into three parallel
-- arrays on app.stance_changes (ADR 0013: a full recompute writes half a million changes; as rows the evidence tripled
-- the rows written, each with two key checks). Later side first, strongest first; evidence_current_count says where
-- the earlier side starts. The table's name and columns survive as a view.
DROP VIEW IF EXISTS reporting.stance_change_evidence, reporting.stance_changes;

ALTER TABLE app.stance_changes
    ADD COLUMN evidence_statement_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN evidence_stances smallint[] NOT NULL DEFAULT '{}',
    ADD COLUMN evidence_contributions double precision[] NOT NULL DEFAULT '{}',
    ADD COLUMN evidence_current_count smallint NOT NULL DEFAULT 0;

-- 'current' sorts before 'previous': the later side first.
UPDATE app.stance_changes c
SET evidence_statement_ids = e.ids, evidence_stances = e.stances, evidence_contributions = e.contributions,
    evidence_current_count = e.current
FROM (SELECT stance_change_id,
             array_agg(statement_id ORDER BY side, rank) AS ids,
             array_agg(stance ORDER BY side, rank) AS stances,
             array_agg(contribution ORDER BY side, rank) AS contributions,
             count(*) FILTER (WHERE side = 'current')::smallint AS current
      FROM app.stance_change_evidence GROUP BY stance_change_id) e
WHERE e.stance_change_id = c.id;

ALTER TABLE app.stance_changes
    ALTER COLUMN evidence_statement_ids DROP DEFAULT,
    ALTER COLUMN evidence_stances DROP DEFAULT,
    ALTER COLUMN evidence_contributions DROP DEFAULT,
    ALTER COLUMN evidence_current_count DROP DEFAULT;

DROP TABLE app.stance_change_evidence;

-- The old table's name and columns, one row per evidence statement, for SQL users and the reporting views.
CREATE VIEW app.stance_change_evidence AS
SELECT c.id AS stance_change_id,
       (CASE WHEN e.ord <= c.evidence_current_count THEN 'current' ELSE 'previous' END)::varchar(8) AS side,
       (CASE WHEN e.ord <= c.evidence_current_count THEN e.ord ELSE e.ord - c.evidence_current_count END)::smallint AS rank,
       e.statement_id, e.stance, e.contribution
FROM app.stance_changes c
CROSS JOIN LATERAL unnest(c.evidence_statement_ids, c.evidence_stances, c.evidence_contributions)
    WITH ORDINALITY AS e(statement_id, stance, contribution, ord);

COMMENT ON VIEW app.stance_change_evidence IS
    'One row per statement that drove a stance change (top 3 per side), read from the evidence_* arrays of stance_changes.';
