-- Down of stance_evidence_view.sql: the evidence table again, filled from the jsonb column (which the migration then drops).
DROP VIEW IF EXISTS reporting.stance_change_evidence, reporting.stance_changes;
DROP VIEW app.stance_change_evidence;

CREATE TABLE app.stance_change_evidence (
    stance_change_id bigint NOT NULL REFERENCES app.stance_changes (id) ON DELETE CASCADE,
    side character varying(8) NOT NULL,
    rank smallint NOT NULL,
    statement_id bigint NOT NULL,
    contribution double precision NOT NULL,
    stance smallint NOT NULL,
    CONSTRAINT pk_stance_change_evidence PRIMARY KEY (stance_change_id, side, rank),
    CONSTRAINT ck_stance_change_evidence_side CHECK (side IN ('previous', 'current')),
    CONSTRAINT ck_stance_change_evidence_stance CHECK (stance BETWEEN -2 AND 2));
ALTER TABLE app.stance_change_evidence
    RENAME CONSTRAINT stance_change_evidence_stance_change_id_fkey TO fk_stance_change_evidence_stance_changes_stance_change_id;

INSERT INTO app.stance_change_evidence (stance_change_id, side, rank, statement_id, contribution, stance)
SELECT c.id, e.side, e.rank, e.statement_id, e.contribution, e.stance
FROM app.stance_changes c
CROSS JOIN LATERAL jsonb_to_recordset(c.evidence) AS e(side text, rank smallint, statement_id bigint, stance smallint, contribution float8)
WHERE EXISTS (SELECT 1 FROM app.statements s WHERE s.id = e.statement_id);

ALTER TABLE app.stance_change_evidence ADD CONSTRAINT fk_stance_change_evidence_statements_statement_id
    FOREIGN KEY (statement_id) REFERENCES app.statements (id) ON DELETE CASCADE;
CREATE INDEX ix_stance_change_evidence_statement_id ON app.stance_change_evidence (statement_id);
