-- stance_evidence_view.sql: evidence moves into app.stance_changes.evidence (jsonb, ADR 0013). The view keeps the old
-- table's name and columns, one row per evidence statement, for SQL users and for the reporting views that read it.
-- Run by the StanceEvidenceInChanges migration after the column exists and before the table is dropped.

-- The reporting views that read the table are rebuilt by reporting_views.sql at the end of the migration.
DROP VIEW IF EXISTS reporting.stance_change_evidence, reporting.stance_changes;

UPDATE app.stance_changes c
SET evidence = e.evidence
FROM (SELECT stance_change_id,
             jsonb_agg(jsonb_build_object('side', side, 'rank', rank, 'statement_id', statement_id, 'stance', stance,
                                          'contribution', contribution) ORDER BY side, rank) AS evidence
      FROM app.stance_change_evidence GROUP BY stance_change_id) e
WHERE e.stance_change_id = c.id;
UPDATE app.stance_changes SET evidence = '[]' WHERE evidence IS NULL;

DROP TABLE app.stance_change_evidence;

CREATE VIEW app.stance_change_evidence AS
SELECT c.id AS stance_change_id, e.side::varchar(8) AS side, e.rank, e.statement_id, e.stance, e.contribution
FROM app.stance_changes c
CROSS JOIN LATERAL jsonb_to_recordset(c.evidence) AS e(side text, rank smallint, statement_id bigint, stance smallint, contribution float8);

COMMENT ON VIEW app.stance_change_evidence IS
    'One row per statement that drove a stance change (top 3 per side), read from stance_changes.evidence.';
