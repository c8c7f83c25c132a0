-- Down of the ReportingSummaries migration: the summary views and their snapshots go, formula_usage aggregates the
-- formula matches at query time again (its definition before), and one target's codings use the plain index again.
-- CREATE OR REPLACE keeps formula_usage's comments and grants (same columns and types).
DROP VIEW IF EXISTS reporting.monthly_themes, reporting.monthly_statements, reporting.monthly_targets,
    reporting.exchange_stance, reporting.document_targets;
DROP MATERIALIZED VIEW IF EXISTS app.reporting_monthly_themes, app.reporting_monthly_statements,
    app.reporting_monthly_targets, app.reporting_exchange_stance, app.reporting_document_targets;

CREATE OR REPLACE VIEW reporting.formula_usage AS
SELECT m.formula_id,
       m.formula_text,
       m.formula_rank,
       m.formula_stance,
       date_trunc('month', m.document_date)::date AS period_month,
       count(DISTINCT m.document_id)              AS documents,
       count(*)                                   AS statements,
       sum(m.occurrences)::bigint                 AS occurrences,
       min(m.document_date)                       AS first_seen_in_period,
       max(m.document_date)                       AS last_seen_in_period,
       min(min(m.document_date)) OVER w           AS first_seen,
       max(max(m.document_date)) OVER w           AS last_seen,
       date_trunc('month', min(min(m.document_date)) OVER w)::date = date_trunc('month', m.document_date)::date AS is_first_period
FROM reporting.formula_matches m
WHERE m.is_official_voice
GROUP BY m.formula_id, m.formula_text, m.formula_rank, m.formula_stance, date_trunc('month', m.document_date)
WINDOW w AS (PARTITION BY m.formula_id);

DROP MATERIALIZED VIEW IF EXISTS app.reporting_formula_usage;

DROP INDEX IF EXISTS app.ix_reporting_current_codings_actor_stance;
DROP INDEX IF EXISTS app.ix_reporting_current_codings_actor;
CREATE INDEX ix_reporting_current_codings_actor ON app.reporting_current_codings (target_actor_id, document_date);
