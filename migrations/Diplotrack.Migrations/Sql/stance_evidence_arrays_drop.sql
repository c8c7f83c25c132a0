-- Down of stance_evidence_arrays.sql: back to one jsonb array per change, and its view.
DROP VIEW IF EXISTS reporting.stance_change_evidence, reporting.stance_changes;
DROP VIEW IF EXISTS app.stance_change_evidence;

ALTER TABLE app.stance_changes ADD COLUMN evidence jsonb;
UPDATE app.stance_changes c
SET evidence = coalesce((
    SELECT jsonb_agg(jsonb_build_object(
               'side', CASE WHEN e.ord <= c.evidence_current_count THEN 'current' ELSE 'previous' END,
               'rank', CASE WHEN e.ord <= c.evidence_current_count THEN e.ord ELSE e.ord - c.evidence_current_count END,
               'statement_id', e.statement_id, 'stance', e.stance, 'contribution', e.contribution) ORDER BY e.ord)
    FROM unnest(c.evidence_statement_ids, c.evidence_stances, c.evidence_contributions)
        WITH ORDINALITY AS e(statement_id, stance, contribution, ord)), '[]');
ALTER TABLE app.stance_changes
    DROP COLUMN evidence_statement_ids, DROP COLUMN evidence_stances, DROP COLUMN evidence_contributions,
    DROP COLUMN evidence_current_count;

CREATE VIEW app.stance_change_evidence AS
SELECT c.id AS stance_change_id, e.side::varchar(8) AS side, e.rank, e.statement_id, e.stance, e.contribution
FROM app.stance_changes c
CROSS JOIN LATERAL jsonb_to_recordset(c.evidence) AS e(side text, rank smallint, statement_id bigint, stance smallint, contribution float8);
