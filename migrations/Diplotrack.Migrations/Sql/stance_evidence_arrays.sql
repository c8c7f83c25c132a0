-- stance_evidence_arrays.sql: evidence moves from a jsonb array to three parallel arrays on app.stance_changes (ADR 0013:
-- a full recompute copies half a million changes, and parsing their jsonb cost more than the rest of the row).
-- Later side first, strongest first; evidence_current_count says where the earlier side starts.
DROP VIEW IF EXISTS reporting.stance_change_evidence, reporting.stance_changes;
DROP VIEW IF EXISTS app.stance_change_evidence;

ALTER TABLE app.stance_changes
    ADD COLUMN evidence_statement_ids bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN evidence_stances smallint[] NOT NULL DEFAULT '{}',
    ADD COLUMN evidence_contributions double precision[] NOT NULL DEFAULT '{}',
    ADD COLUMN evidence_current_count smallint NOT NULL DEFAULT 0;

UPDATE app.stance_changes c
SET evidence_statement_ids = e.ids, evidence_stances = e.stances, evidence_contributions = e.contributions,
    evidence_current_count = e.current
FROM (SELECT c2.id,
             array_agg(x.statement_id ORDER BY x.side, x.rank) AS ids,
             array_agg(x.stance ORDER BY x.side, x.rank) AS stances,
             array_agg(x.contribution ORDER BY x.side, x.rank) AS contributions,
             count(*) FILTER (WHERE x.side = 'current')::smallint AS current
      FROM app.stance_changes c2
      CROSS JOIN LATERAL jsonb_to_recordset(c2.evidence)
          AS x(side text, rank smallint, statement_id bigint, stance smallint, contribution float8)
      GROUP BY c2.id) e
WHERE e.id = c.id;

ALTER TABLE app.stance_changes
    ALTER COLUMN evidence_statement_ids DROP DEFAULT,
    ALTER COLUMN evidence_stances DROP DEFAULT,
    ALTER COLUMN evidence_contributions DROP DEFAULT,
    ALTER COLUMN evidence_current_count DROP DEFAULT,
    DROP COLUMN evidence;

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
