-- Down of reporting_views.sql: the reporting schema, every view in it and the snapshots behind them (tables with their
-- source views, or materialised views after a later migration's Down). The role diplotrack_reporting is cluster-wide
-- and managed by `diplotrack reporting-role`, so it is left alone.
DROP SCHEMA IF EXISTS reporting CASCADE;
DO $drop$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.relname, c.relkind
        FROM pg_class c
        WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('r', 'm', 'v')
          AND c.relname ~ '^reporting_(current_codings|statement_themes|formula_matches|formula_usage|document_targets|monthly_targets|monthly_statements|monthly_themes|exchange_stance)(_source)?$'
        ORDER BY c.relkind DESC
    LOOP
        EXECUTE format('DROP %s IF EXISTS app.%I CASCADE',
                       CASE r.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, r.relname);
    END LOOP;
END
$drop$;
DROP FUNCTION IF EXISTS app.refresh_reporting_snapshot(regclass);
