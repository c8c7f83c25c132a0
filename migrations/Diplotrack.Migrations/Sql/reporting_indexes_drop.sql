-- Down of reporting_indexes.sql.
DROP INDEX IF EXISTS app.ix_coding_targets_reporting_actor;
DROP INDEX IF EXISTS app.ix_statement_codings_reporting_origin;
DROP INDEX IF EXISTS app.ix_statements_reporting_text_trgm;
-- pg_trgm stays: other features may use it, and it holds no data.
