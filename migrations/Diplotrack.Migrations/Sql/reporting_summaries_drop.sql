-- Down of the ReportingSummaries migration, back to what the code before it expects: the summary views and their
-- snapshots go; formula_usage aggregates the formula matches at query time again (its definition before); the
-- snapshots behind codings, statement_themes and formula_matches become materialised views again (that code refreshes
-- them with REFRESH MATERIALIZED VIEW CONCURRENTLY), with their indexes of before; the refresh function goes.
-- CREATE OR REPLACE keeps the views' comments and grants (same columns and types).
DROP VIEW IF EXISTS reporting.monthly_themes, reporting.monthly_statements, reporting.monthly_targets,
    reporting.exchange_stance, reporting.document_targets;
DROP VIEW IF EXISTS app.reporting_monthly_themes_source, app.reporting_monthly_statements_source,
    app.reporting_monthly_targets_source, app.reporting_exchange_stance_source, app.reporting_document_targets_source;
DROP TABLE IF EXISTS app.reporting_monthly_themes, app.reporting_monthly_statements, app.reporting_monthly_targets,
    app.reporting_exchange_stance, app.reporting_document_targets;

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

DROP VIEW IF EXISTS app.reporting_formula_usage_source;
DROP TABLE IF EXISTS app.reporting_formula_usage;

-- Each table becomes a materialised view of its source view's query (an independent copy of the text), the reporting
-- view reading it is pointed at the materialised view, then the table and its source view go.
DO $to_matviews$
DECLARE
    s record;
BEGIN
    FOR s IN SELECT * FROM (VALUES ('reporting_current_codings', 'codings'),
                                   ('reporting_statement_themes', 'statement_themes'),
                                   ('reporting_formula_matches', 'formula_matches')) AS t(snapshot, view_name)
    LOOP
        IF to_regclass('app.' || s.snapshot || '_source') IS NULL THEN
            CONTINUE;
        END IF;
        EXECUTE format('ALTER TABLE app.%I RENAME TO %I', s.snapshot, s.snapshot || '_table');
        EXECUTE format('CREATE MATERIALIZED VIEW app.%I AS %s WITH DATA', s.snapshot,
                       rtrim(pg_get_viewdef(format('app.%I', s.snapshot || '_source')::regclass), '; '));
        EXECUTE format('CREATE OR REPLACE VIEW reporting.%I AS %s', s.view_name,
                       replace(rtrim(pg_get_viewdef(format('reporting.%I', s.view_name)::regclass), '; '),
                               s.snapshot || '_table', s.snapshot));
        EXECUTE format('DROP TABLE app.%I', s.snapshot || '_table');
        EXECUTE format('DROP VIEW app.%I', s.snapshot || '_source');
    END LOOP;
END
$to_matviews$;

COMMENT ON MATERIALIZED VIEW app.reporting_current_codings IS 'Snapshot behind reporting.codings (one row per target of a current coding), refreshed by the stance and recode jobs and `diplotrack recompute`. Internal: analysts read reporting.codings.';
CREATE UNIQUE INDEX ux_reporting_current_codings_target ON app.reporting_current_codings (coding_target_id);
CREATE INDEX ix_reporting_current_codings_actor ON app.reporting_current_codings (target_actor_id, document_date);
CREATE INDEX ix_reporting_current_codings_document ON app.reporting_current_codings (document_id, target_actor_id);
CREATE INDEX ix_reporting_current_codings_statement ON app.reporting_current_codings (statement_id);
CREATE INDEX ix_reporting_current_codings_exchange ON app.reporting_current_codings (exchange_id);

COMMENT ON MATERIALIZED VIEW app.reporting_statement_themes IS 'Snapshot behind reporting.statement_themes, refreshed with app.reporting_current_codings. Internal: analysts read reporting.statement_themes.';
CREATE UNIQUE INDEX ux_reporting_statement_themes ON app.reporting_statement_themes (statement_id, theme_rank);
CREATE INDEX ix_reporting_statement_themes_theme ON app.reporting_statement_themes (theme_id, document_date);

COMMENT ON MATERIALIZED VIEW app.reporting_formula_matches IS 'Snapshot behind reporting.formula_matches, refreshed with app.reporting_current_codings. Internal: analysts read reporting.formula_matches.';
CREATE UNIQUE INDEX ux_reporting_formula_matches ON app.reporting_formula_matches (formula_id, statement_id);
CREATE INDEX ix_reporting_formula_matches_text ON app.reporting_formula_matches (formula_text);

DROP FUNCTION IF EXISTS app.refresh_reporting_snapshot(regclass);
