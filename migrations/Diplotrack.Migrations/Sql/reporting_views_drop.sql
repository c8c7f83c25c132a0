-- Down of reporting_views.sql: the reporting schema, every view in it and the snapshots behind them. The role diplotrack_reporting is
-- cluster-wide and managed by `diplotrack reporting-role`, so it is left alone.
DROP SCHEMA IF EXISTS reporting CASCADE;
DROP MATERIALIZED VIEW IF EXISTS app.reporting_current_codings, app.reporting_formula_matches,
    app.reporting_statement_themes, app.reporting_formula_usage, app.reporting_document_targets,
    app.reporting_monthly_targets, app.reporting_exchange_stance, app.reporting_monthly_statements,
    app.reporting_monthly_themes;
