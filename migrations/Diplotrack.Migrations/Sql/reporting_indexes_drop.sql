-- Down of reporting_indexes.sql.
DROP INDEX IF EXISTS app.ix_coding_targets_reporting_actor;
DROP INDEX IF EXISTS app.ix_statement_codings_reporting_origin;
