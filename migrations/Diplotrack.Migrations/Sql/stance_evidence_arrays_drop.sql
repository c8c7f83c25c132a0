-- Down of stance_evidence_arrays.sql: the evidence table again, filled from the arrays, which are then dropped.
DROP VIEW IF EXISTS reporting.stance_change_evidence, reporting.stance_changes;
DROP VIEW IF EXISTS app.stance_change_evidence;

CREATE TABLE app.stance_change_evidence (
    stance_change_id bigint NOT NULL,
    side character varying(8) NOT NULL,
    rank smallint NOT NULL,
    statement_id bigint NOT NULL,
    contribution double precision NOT NULL,
    stance smallint NOT NULL,
    CONSTRAINT pk_stance_change_evidence PRIMARY KEY (stance_change_id, side, rank),
    CONSTRAINT ck_stance_change_evidence_side CHECK (side IN ('previous', 'current')),
    CONSTRAINT ck_stance_change_evidence_stance CHECK (stance BETWEEN -2 AND 2),
    CONSTRAINT fk_stance_change_evidence_stance_changes_stance_change_id
        FOREIGN KEY (stance_change_id) REFERENCES app.stance_changes (id) ON DELETE CASCADE);

-- Ids of statements deleted since the run cannot come back under the restored foreign key: they are left out.
INSERT INTO app.stance_change_evidence (stance_change_id, side, rank, statement_id, contribution, stance)
SELECT c.id,
       CASE WHEN e.ord <= c.evidence_current_count THEN 'current' ELSE 'previous' END,
       CASE WHEN e.ord <= c.evidence_current_count THEN e.ord ELSE e.ord - c.evidence_current_count END,
       e.statement_id, e.contribution, e.stance
FROM app.stance_changes c
CROSS JOIN LATERAL unnest(c.evidence_statement_ids, c.evidence_stances, c.evidence_contributions)
    WITH ORDINALITY AS e(statement_id, stance, contribution, ord)
WHERE EXISTS (SELECT 1 FROM app.statements s WHERE s.id = e.statement_id);

ALTER TABLE app.stance_change_evidence ADD CONSTRAINT fk_stance_change_evidence_statements_statement_id
    FOREIGN KEY (statement_id) REFERENCES app.statements (id) ON DELETE CASCADE;
CREATE INDEX ix_stance_change_evidence_statement_id ON app.stance_change_evidence (statement_id);

ALTER TABLE app.stance_changes
    DROP COLUMN evidence_statement_ids, DROP COLUMN evidence_stances, DROP COLUMN evidence_contributions,
    DROP COLUMN evidence_current_count;
