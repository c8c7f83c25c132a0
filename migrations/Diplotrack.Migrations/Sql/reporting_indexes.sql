-- Indexes on app tables for the reporting views' typical queries (docs/reporting.md). Kept apart from the
-- views so re-running reporting_views.sql never rebuilds them. IF NOT EXISTS: safe to run again.

-- Stance toward one target over time: from the target to its current codings without touching other rows.
CREATE INDEX IF NOT EXISTS ix_coding_targets_reporting_actor
    ON app.coding_targets (actor_id, statement_coding_id) INCLUDE (stance, source, confidence);

-- Current codings only (codings, statement_themes) and the agreement view's manual/auto lookups.
CREATE INDEX IF NOT EXISTS ix_statement_codings_reporting_origin
    ON app.statement_codings (origin, statement_id, codebook_version_id, created_at DESC, id DESC);

-- Formula matching (reporting.formula_matches): a trigram index lets each formula of the ladder find its
-- statements with LIKE '%formula%' instead of scanning every statement (measured 2-4x on 117k statements with
-- frequent formulas; far more with rare ones). It costs ingestion time: a bulk load may drop and rebuild it.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS ix_statements_reporting_text_trgm
    ON app.statements USING gin (text gin_trgm_ops);
