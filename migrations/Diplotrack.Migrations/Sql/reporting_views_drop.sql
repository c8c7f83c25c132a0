-- Down of reporting_views.sql: the reporting schema and every view in it. The role diplotrack_reporting is
-- cluster-wide and managed by `diplotrack reporting-role`, so it is left alone.
DROP SCHEMA IF EXISTS reporting CASCADE;
