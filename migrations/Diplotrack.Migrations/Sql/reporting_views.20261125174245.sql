-- reporting_views.20261125174245.sql: the documented, read-only `reporting` schema for analysts (docs/reporting.md),
-- as of migration 20261125174245_ReportingSummaries.
--
-- FROZEN (decision 0016). A migration must keep meaning what it meant, so this file never changes again: the four
-- migrations that run it (Reporting, ReportingSnapshot, StanceEvidenceArrays, ReportingSummaries) ran this text when it
-- was frozen, and a fresh database still ends with exactly these objects. To change a view, a column it reads, or a
-- snapshot: add a migration, copy the newest reporting_views.<id>.sql to reporting_views.<new migration id>.sql, edit
-- the copy, run it from the new migration, and point SqlScript.CurrentReportingViews at it. ReportingViewsFrozenTests
-- pins each file's hash.
--
-- The script is re-runnable: it drops every reporting view it owns and creates it again in one transaction (the
-- migration's), so a column rename or type change cannot leave a stale view. It also owns the snapshots (tables in
-- app, each with its <table>_source view) behind codings, statement_themes, formula_matches, formula_usage and the
-- summaries (document_targets, monthly_*, exchange_stance): rebuilt on every run, refreshed by
-- ReportingSnapshot.RefreshAsync (a new snapshot goes into its list too, after the snapshots it reads).
--
-- Security: the views run with the rights of their owner (the migration owner, security_invoker off), so the
-- read-only login `diplotrack_reporting` (created by `diplotrack reporting-role`) needs SELECT on the views
-- only and is refused on every app table. No view filters rows for security, so security_barrier is not
-- needed: the views expose whole tables' worth of rows by design, never users or audit data.
--
-- Conventions: one row means one thing (stated in each COMMENT ON VIEW); English snake_case; dates are the
-- document's date; `is_official_voice` marks the statements that stance aggregates count (codebook §1:
-- answers and openings, not questions, and never highlights, which repeat answer text).

CREATE SCHEMA IF NOT EXISTS reporting;
COMMENT ON SCHEMA reporting IS 'Documented read-only views for analysts (docs/reporting.md). Stable names; one row means one thing.';

DROP VIEW IF EXISTS
    reporting.monthly_themes,
    reporting.monthly_statements,
    reporting.monthly_targets,
    reporting.exchange_stance,
    reporting.document_targets,
    reporting.salience,
    reporting.stance_change_evidence,
    reporting.stance_changes,
    reporting.stance_timeline,
    reporting.ingestion_log,
    reporting.ingestion_runs,
    reporting.document_versions,
    reporting.coder_agreement,
    reporting.formula_usage,
    reporting.formula_matches,
    reporting.statement_themes,
    reporting.coding_history,
    reporting.codings,
    reporting.statements,
    reporting.exchanges,
    reporting.documents,
    reporting.themes,
    reporting.actors
    CASCADE;

-- ---------------------------------------------------------------------------------------------------------
CREATE VIEW reporting.actors AS
SELECT a.id      AS actor_id,
       a.kind    AS actor_kind,
       a.name_en,
       a.name_zh,
       a.aliases
FROM app.actors a;

COMMENT ON VIEW reporting.actors IS 'One row per actor a statement can be about or speak for (codebook §2): countries, territories, organisations, regions, UNNAMED.';
COMMENT ON COLUMN reporting.actors.actor_id IS 'Stable actor id: ISO 3166-1 alpha-2 for countries and territories (US, CN, TW), codebook id otherwise (EU, AFRICAN_UNION, GLOBAL_SOUTH, UNNAMED). Never reused.';
COMMENT ON COLUMN reporting.actors.actor_kind IS 'country, territory, organisation, region or unnamed.';
COMMENT ON COLUMN reporting.actors.name_en IS 'English name.';
COMMENT ON COLUMN reporting.actors.name_zh IS 'Chinese name.';
COMMENT ON COLUMN reporting.actors.aliases IS 'Chinese names and short forms the coder recognises (美国, 美方, ...).';

-- ---------------------------------------------------------------------------------------------------------
CREATE VIEW reporting.themes AS
SELECT t.id AS theme_id,
       t.name_en,
       t.name_zh,
       t.description
FROM app.themes t;

COMMENT ON VIEW reporting.themes IS 'One row per theme of codebook §3 (relations, trade, tech-sanctions, security, ...).';
COMMENT ON COLUMN reporting.themes.theme_id IS 'Stable theme id, e.g. trade, sovereignty, other.';
COMMENT ON COLUMN reporting.themes.name_en IS 'English name.';
COMMENT ON COLUMN reporting.themes.name_zh IS 'Chinese name, when set.';
COMMENT ON COLUMN reporting.themes.description IS 'What the theme covers.';

-- ---------------------------------------------------------------------------------------------------------
CREATE VIEW reporting.documents AS
SELECT d.id          AS document_id,
       d.title,
       d.date        AS document_date,
       d.kind        AS document_kind,
       d.place,
       d.occasion,
       d.language,
       d.source,
       d.format,
       d.sha256      AS content_sha256,
       d.ingested_at,
       (SELECT count(*) FROM app.exchanges e WHERE e.document_id = d.id)  AS exchange_count,
       (SELECT count(*) FROM app.statements s WHERE s.document_id = d.id) AS statement_count,
       char_length(d.normalised_text) AS text_length,
       d.normalised_text
FROM app.documents d;

COMMENT ON VIEW reporting.documents IS 'One row per stored document (press conference, briefing or statement). The same transcript is stored once (content hash).';
COMMENT ON COLUMN reporting.documents.document_id IS 'Document id; statements, exchanges and codings refer to it.';
COMMENT ON COLUMN reporting.documents.title IS 'Title as published.';
COMMENT ON COLUMN reporting.documents.document_date IS 'Date the document was delivered (never guessed).';
COMMENT ON COLUMN reporting.documents.document_kind IS 'Venue kind (npc-press-conference, regular-briefing, ...): compare documents only with their own kind.';
COMMENT ON COLUMN reporting.documents.place IS 'Where it was delivered, when known.';
COMMENT ON COLUMN reporting.documents.occasion IS 'The occasion (e.g. the NPC session), when known.';
COMMENT ON COLUMN reporting.documents.language IS 'Language of the text (zh, en).';
COMMENT ON COLUMN reporting.documents.source IS 'Source URL or file name.';
COMMENT ON COLUMN reporting.documents.format IS 'Parser format that read it (press-article-text, fmprc-briefing-html, ...).';
COMMENT ON COLUMN reporting.documents.content_sha256 IS 'SHA-256 of the normalised text.';
COMMENT ON COLUMN reporting.documents.ingested_at IS 'When it was loaded (UTC).';
COMMENT ON COLUMN reporting.documents.exchange_count IS 'Number of question-and-answer exchanges.';
COMMENT ON COLUMN reporting.documents.statement_count IS 'Number of statements of every kind, highlights included.';
COMMENT ON COLUMN reporting.documents.text_length IS 'Length of the normalised text in characters.';
COMMENT ON COLUMN reporting.documents.normalised_text IS 'The normalised full text; statement spans index into it (characters, 0-based, end exclusive).';

-- ---------------------------------------------------------------------------------------------------------
CREATE VIEW reporting.exchanges AS
SELECT e.id            AS exchange_id,
       e.document_id,
       d.date          AS document_date,
       d.kind          AS document_kind,
       e.ordinal,
       e.section,
       o.id            AS outlet_id,
       o.name          AS outlet_name,
       o.actor_id      AS outlet_country_id,
       oa.name_en      AS outlet_country_name,
       sp.name         AS answerer_name,
       sp.actor_id     AS answerer_actor_id,
       CASE WHEN o.actor_id IS NULL OR sp.actor_id IS NULL THEN NULL
            ELSE o.actor_id <> sp.actor_id END AS is_foreign_outlet,
       (SELECT string_agg(q.text, '' ORDER BY q.ordinal)
          FROM app.statements q WHERE q.exchange_id = e.id AND q.kind = 'question') AS question_text,
       e.span_start,
       e.span_end
FROM app.exchanges e
JOIN app.documents d ON d.id = e.document_id
LEFT JOIN app.outlets o ON o.id = e.outlet_id
LEFT JOIN app.actors oa ON oa.id = o.actor_id
LEFT JOIN app.speakers sp ON sp.id = e.answerer_id;

COMMENT ON VIEW reporting.exchanges IS 'One row per exchange: one question and its answer (or an opening announcement), with the asking outlet and its country.';
COMMENT ON COLUMN reporting.exchanges.exchange_id IS 'Exchange id.';
COMMENT ON COLUMN reporting.exchanges.document_id IS 'The document it belongs to.';
COMMENT ON COLUMN reporting.exchanges.document_date IS 'The document''s date.';
COMMENT ON COLUMN reporting.exchanges.document_kind IS 'The document''s venue kind.';
COMMENT ON COLUMN reporting.exchanges.ordinal IS '0-based order within the document.';
COMMENT ON COLUMN reporting.exchanges.section IS 'Section heading the exchange sits under, if the format has one.';
COMMENT ON COLUMN reporting.exchanges.outlet_id IS 'The asking outlet; NULL for an opening announcement or an unnamed asker.';
COMMENT ON COLUMN reporting.exchanges.outlet_name IS 'Outlet name as printed (e.g. 美国彭博社记者 is stored as the outlet 美国彭博社).';
COMMENT ON COLUMN reporting.exchanges.outlet_country_id IS 'Actor id of the outlet''s country, when known.';
COMMENT ON COLUMN reporting.exchanges.outlet_country_name IS 'English name of the outlet''s country, when known.';
COMMENT ON COLUMN reporting.exchanges.answerer_name IS 'Who answered.';
COMMENT ON COLUMN reporting.exchanges.answerer_actor_id IS 'Actor the answerer speaks for (CN for Chinese officials).';
COMMENT ON COLUMN reporting.exchanges.is_foreign_outlet IS 'True when the outlet''s country differs from the answerer''s actor; NULL when either is unknown.';
COMMENT ON COLUMN reporting.exchanges.question_text IS 'The question''s sentences joined in order; NULL when there is no question.';
COMMENT ON COLUMN reporting.exchanges.span_start IS 'Start of the exchange in the document''s normalised text (characters, 0-based).';
COMMENT ON COLUMN reporting.exchanges.span_end IS 'End of the exchange (exclusive).';

-- ---------------------------------------------------------------------------------------------------------
CREATE VIEW reporting.statements AS
SELECT s.id                              AS statement_id,
       s.document_id,
       d.date                            AS document_date,
       d.kind                            AS document_kind,
       s.exchange_id,
       s.ordinal,
       s.kind                            AS statement_kind,
       s.kind IN ('answer', 'opening')   AS is_official_voice,
       sp.id                             AS speaker_id,
       sp.name                           AS speaker_name,
       sp.role                           AS speaker_role,
       sp.actor_id                       AS speaker_actor_id,
       s.section,
       s.text,
       s.span_start,
       s.span_end,
       (SELECT array_agg(h.source_statement_id ORDER BY h.source_statement_id)
          FROM app.highlight_sources h WHERE h.highlight_id = s.id) AS repeats_statement_ids
FROM app.statements s
JOIN app.documents d ON d.id = s.document_id
LEFT JOIN app.speakers sp ON sp.id = s.speaker_id;

COMMENT ON VIEW reporting.statements IS 'One row per statement: one sentence of one speaker, traced to its exact characters in the document.';
COMMENT ON COLUMN reporting.statements.statement_id IS 'Statement id.';
COMMENT ON COLUMN reporting.statements.document_id IS 'The document it belongs to.';
COMMENT ON COLUMN reporting.statements.document_date IS 'The document''s date.';
COMMENT ON COLUMN reporting.statements.document_kind IS 'The document''s venue kind.';
COMMENT ON COLUMN reporting.statements.exchange_id IS 'The exchange it belongs to; NULL outside exchanges (narrative, highlights).';
COMMENT ON COLUMN reporting.statements.ordinal IS '0-based order within the document.';
COMMENT ON COLUMN reporting.statements.statement_kind IS 'answer, question, opening, highlight (a pull-quote repeating answer text) or narrative (reporter''s lead).';
COMMENT ON COLUMN reporting.statements.is_official_voice IS 'True for answer and opening: the statements stance aggregates count. Questions and highlights are false.';
COMMENT ON COLUMN reporting.statements.speaker_id IS 'Speaker id, when known.';
COMMENT ON COLUMN reporting.statements.speaker_name IS 'Speaker name as printed.';
COMMENT ON COLUMN reporting.statements.speaker_role IS 'Speaker''s title, when known.';
COMMENT ON COLUMN reporting.statements.speaker_actor_id IS 'Actor the speaker speaks for (the speaker''s government; for journalists, the outlet''s country when known).';
COMMENT ON COLUMN reporting.statements.section IS 'Section heading it sits under, if any.';
COMMENT ON COLUMN reporting.statements.text IS 'The sentence, exactly as in the normalised text.';
COMMENT ON COLUMN reporting.statements.span_start IS 'Start in the document''s normalised text (characters, 0-based).';
COMMENT ON COLUMN reporting.statements.span_end IS 'End in the document''s normalised text (exclusive).';
COMMENT ON COLUMN reporting.statements.repeats_statement_ids IS 'For a highlight: the answer statements it repeats (count those, not the highlight). NULL otherwise.';

-- ---------------------------------------------------------------------------------------------------------
-- codings and coding_history share one shape; codings keeps the current coding only.
CREATE VIEW reporting.coding_history AS
SELECT c.id                                AS coding_id,
       ct.id                               AS coding_target_id,
       s.id                                AS statement_id,
       s.document_id,
       d.date                              AS document_date,
       d.kind                              AS document_kind,
       s.exchange_id,
       s.kind                              AS statement_kind,
       s.kind IN ('answer', 'opening')     AS is_official_voice,
       sp.actor_id                         AS speaker_actor_id,
       ct.actor_id                         AS target_actor_id,
       a.name_en                           AS target_name,
       a.kind                              AS target_kind,
       coalesce(ct.actor_id = sp.actor_id, false) AS is_self_reference,
       ct.source                           AS target_source,
       ct.phrase                           AS target_phrase,
       ct.stance,
       CASE ct.stance WHEN 2 THEN 'cooperative' WHEN 1 THEN 'positive' WHEN 0 THEN 'neutral'
                      WHEN -1 THEN 'critical' WHEN -2 THEN 'hostile' END AS stance_label,
       c.themes,
       c.themes[1]                         AS primary_theme,
       c.origin,
       ct.confidence,
       c.codebook_version_id               AS codebook_version,
       c.created_at                        AS coded_at,
       c.is_current,
       c.superseded_at,
       c.reason,
       ct.evidence
FROM app.statement_codings c
JOIN app.coding_targets ct ON ct.statement_coding_id = c.id
JOIN app.statements s ON s.id = c.statement_id
JOIN app.documents d ON d.id = s.document_id
LEFT JOIN app.speakers sp ON sp.id = s.speaker_id
LEFT JOIN app.actors a ON a.id = ct.actor_id;

COMMENT ON VIEW reporting.coding_history IS 'One row per (coding, target) of every coding ever made, current or superseded, automatic or manual: the audit trail of how each statement was coded.';

-- ---------------------------------------------------------------------------------------------------------
-- Snapshots. codings, statement_themes, formula_matches, formula_usage and the summaries read tables in app that hold
-- the result of a query (the view app.<table>_source next to each), refreshed by app.refresh_reporting_snapshot at the
-- end of every stance job, of the recode job, of `diplotrack recompute` and of seeding (ReportingSnapshot.RefreshAsync).
-- Tables rather than materialised views: REFRESH MATERIALIZED VIEW CONCURRENTLY first checks the new rows for exact
-- duplicates by sorting them on their whole record, which cost 2 of the 3 s the themes snapshot took to refresh on
-- 5,000 documents; the refresh below compares rows only where their keys match and rewrites only those that differ
-- (8.4 s -> 5.4 s for all nine snapshots). Rebuilt on every run of this script, so a change to the app tables
-- rebuilds them like the views. Releases before the ReportingSummaries migration made three of them materialised
-- views: drop whichever kind is there.
DO $drop$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT c.relname, c.relkind
        FROM pg_class c
        WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('r', 'm', 'v')
          AND c.relname ~ '^reporting_(current_codings|statement_themes|formula_matches|formula_usage|document_targets|monthly_targets|monthly_statements|monthly_themes|exchange_stance)(_source)?$'
        ORDER BY c.relkind DESC   -- views (their sources) before the tables they read
    LOOP
        EXECUTE format('DROP %s IF EXISTS app.%I CASCADE',
                       CASE r.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, r.relname);
    END LOOP;
END
$drop$;

-- Brings the snapshot table up to date with its source view (<table>_source): rows whose key is gone or whose values
-- differ are deleted, new and changed rows inserted, the rest left alone. The key is the table's unique index; rows
-- with a NULL in it never match, so they are rewritten every time (a few thousand small rows; correct). Readers are
-- never blocked (EXCLUSIVE allows SELECT) and see the change when the caller's transaction commits; two refreshes of
-- one snapshot take turns. Returns the number of rows deleted plus inserted.
CREATE OR REPLACE FUNCTION app.refresh_reporting_snapshot(snapshot regclass) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
    source  regclass := to_regclass(snapshot::text || '_source');
    keys    text;
    deleted bigint;
    inserted bigint;
    total   bigint;
BEGIN
    IF source IS NULL THEN
        RAISE EXCEPTION 'snapshot % has no source view %_source', snapshot, snapshot;
    END IF;
    SELECT string_agg(format('t.%1$I = f.%1$I', a.attname), ' AND ' ORDER BY k.ord) INTO keys
    FROM pg_index i
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indexrelid = (SELECT min(x.indexrelid) FROM pg_index x
                          WHERE x.indrelid = snapshot AND x.indisunique AND x.indpred IS NULL AND x.indexprs IS NULL);
    IF keys IS NULL THEN
        RAISE EXCEPTION 'snapshot % has no unique index on plain columns to compare old and new rows by', snapshot;
    END IF;

    EXECUTE format('LOCK TABLE %s IN EXCLUSIVE MODE', snapshot);
    EXECUTE format('CREATE TEMP TABLE reporting_fresh AS SELECT * FROM %s', source);
    ANALYZE reporting_fresh;
    -- A FULL JOIN runs only as a hash or merge join: a stale row estimate cannot turn it into a nested loop.
    EXECUTE format('CREATE TEMP TABLE reporting_diff AS
                    SELECT t.ctid AS old_row, f.ctid AS new_row
                    FROM %s t FULL JOIN reporting_fresh f ON %s
                    WHERE t.ctid IS NULL OR f.ctid IS NULL OR ROW(t.*) IS DISTINCT FROM ROW(f.*)', snapshot, keys);
    EXECUTE format('DELETE FROM %s WHERE ctid = ANY (ARRAY(SELECT old_row FROM reporting_diff WHERE old_row IS NOT NULL))', snapshot);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    EXECUTE format('INSERT INTO %s SELECT * FROM reporting_fresh WHERE ctid = ANY (ARRAY(SELECT new_row FROM reporting_diff WHERE new_row IS NOT NULL))', snapshot);
    GET DIAGNOSTICS inserted = ROW_COUNT;
    SELECT count(*) INTO total FROM reporting_fresh;
    DROP TABLE reporting_fresh, reporting_diff;
    -- After a large change (a recode, a bulk load) give the planner the new figures at once rather than at autovacuum.
    IF deleted + inserted > 0.1 * total THEN
        EXECUTE format('ANALYZE %s', snapshot);
    END IF;
    RETURN deleted + inserted;
END
$fn$;

COMMENT ON FUNCTION app.refresh_reporting_snapshot(regclass) IS 'Brings a reporting snapshot table up to date with its <table>_source view, changing only the rows that differ. Called by ReportingSnapshot.RefreshAsync.';

-- codings reads a SNAPSHOT of the current codings (app.reporting_current_codings) instead of joining statement
-- codings, targets, statements, documents and speakers at query time: whole-corpus aggregates over that join took
-- 170-330 ms on 94k targets (docs/reporting.md, Speed); a scan of one pre-joined table takes a fraction of that.
-- The price is staleness: the snapshot is refreshed (readers never block) at the end of every stance recompute job,
-- of the recode job, of `diplotrack recompute` and of seeding (see Snapshots above). coding_history stays live for
-- anyone who needs a coding the moment it is written. Wide or volatile columns (evidence, names) are joined back by
-- primary key; PostgreSQL drops those LEFT JOINs when a query does not use their columns.
CREATE VIEW app.reporting_current_codings_source AS
SELECT c.id                                AS coding_id,
       ct.id                               AS coding_target_id,
       s.id                                AS statement_id,
       s.document_id,
       d.date                              AS document_date,
       d.kind                              AS document_kind,
       s.exchange_id,
       s.kind                              AS statement_kind,
       s.kind IN ('answer', 'opening')     AS is_official_voice,
       sp.actor_id                         AS speaker_actor_id,
       ct.actor_id                         AS target_actor_id,
       coalesce(ct.actor_id = sp.actor_id, false) AS is_self_reference,
       ct.source                           AS target_source,
       ct.phrase                           AS target_phrase,
       ct.stance,
       c.themes,
       c.origin,
       ct.confidence,
       c.codebook_version_id               AS codebook_version,
       c.created_at                        AS coded_at
FROM app.statement_codings c
JOIN app.coding_targets ct ON ct.statement_coding_id = c.id
JOIN app.statements s ON s.id = c.statement_id
JOIN app.documents d ON d.id = s.document_id
LEFT JOIN app.speakers sp ON sp.id = s.speaker_id
WHERE c.is_current;

CREATE TABLE app.reporting_current_codings AS SELECT * FROM app.reporting_current_codings_source;

COMMENT ON TABLE app.reporting_current_codings IS 'Snapshot behind reporting.codings (one row per target of a current coding), refreshed by the stance and recode jobs and `diplotrack recompute`. Internal: analysts read reporting.codings.';
COMMENT ON VIEW app.reporting_current_codings_source IS 'What app.reporting_current_codings holds; app.refresh_reporting_snapshot brings the table up to date with it.';
-- The unique index is the key the refresh compares rows by; the others serve one target, one document, one exchange.
CREATE UNIQUE INDEX ux_reporting_current_codings_target ON app.reporting_current_codings (coding_target_id);
-- One target over time reads the index alone (no visit to ~5,000 scattered pages for a frequent target), and one
-- target's most critical official statements come out of the second index in order, so LIMIT stops early.
CREATE INDEX ix_reporting_current_codings_actor ON app.reporting_current_codings (target_actor_id, document_date)
    INCLUDE (is_official_voice, stance);
CREATE INDEX ix_reporting_current_codings_actor_stance ON app.reporting_current_codings
    (target_actor_id, stance, document_date DESC, confidence DESC) WHERE is_official_voice;
CREATE INDEX ix_reporting_current_codings_document ON app.reporting_current_codings (document_id, target_actor_id);
CREATE INDEX ix_reporting_current_codings_statement ON app.reporting_current_codings (statement_id);
CREATE INDEX ix_reporting_current_codings_exchange ON app.reporting_current_codings (exchange_id);

CREATE VIEW reporting.codings AS
SELECT m.coding_id, m.coding_target_id, m.statement_id, m.document_id, m.document_date, m.document_kind,
       m.exchange_id, m.statement_kind, m.is_official_voice, m.speaker_actor_id, m.target_actor_id,
       a.name_en                           AS target_name,
       a.kind                              AS target_kind,
       m.is_self_reference, m.target_source, m.target_phrase, m.stance,
       CASE m.stance WHEN 2 THEN 'cooperative' WHEN 1 THEN 'positive' WHEN 0 THEN 'neutral'
                     WHEN -1 THEN 'critical' WHEN -2 THEN 'hostile' END AS stance_label,
       m.themes,
       m.themes[1]                         AS primary_theme,
       m.origin, m.confidence, m.codebook_version, m.coded_at,
       ct.evidence
FROM app.reporting_current_codings m
LEFT JOIN app.actors a ON a.id = m.target_actor_id
LEFT JOIN app.coding_targets ct ON ct.id = m.coding_target_id;

COMMENT ON VIEW reporting.codings IS 'One row per (statement, target) of the CURRENT coding of each statement (a manual coding wins over automatic ones), as of the last stance recompute or recode (a snapshot: coding_history WHERE is_current is live). Statements about no actor have no row (see statement_themes). For stance figures filter is_official_voice and keep is_self_reference apart.';

-- Column comments for both views (same meaning).
DO $comments$
DECLARE
    v text;
BEGIN
    FOREACH v IN ARRAY ARRAY['reporting.coding_history', 'reporting.codings'] LOOP
        EXECUTE format($f$
            COMMENT ON COLUMN %1$s.coding_id IS 'The coding (one per statement per coding run or correction).';
            COMMENT ON COLUMN %1$s.coding_target_id IS 'The (coding, target) row.';
            COMMENT ON COLUMN %1$s.statement_id IS 'The coded statement.';
            COMMENT ON COLUMN %1$s.document_id IS 'The statement''s document.';
            COMMENT ON COLUMN %1$s.document_date IS 'The document''s date: use it for periods.';
            COMMENT ON COLUMN %1$s.document_kind IS 'The document''s venue kind.';
            COMMENT ON COLUMN %1$s.exchange_id IS 'The statement''s exchange, if any.';
            COMMENT ON COLUMN %1$s.statement_kind IS 'answer, question, opening, highlight or narrative.';
            COMMENT ON COLUMN %1$s.is_official_voice IS 'True for answer and opening: count only these in stance aggregates (highlights repeat answers).';
            COMMENT ON COLUMN %1$s.speaker_actor_id IS 'Actor the speaker speaks for.';
            COMMENT ON COLUMN %1$s.target_actor_id IS 'Actor the statement is about (reporting.actors).';
            COMMENT ON COLUMN %1$s.target_name IS 'English name of the target.';
            COMMENT ON COLUMN %1$s.target_kind IS 'country, territory, organisation, region or unnamed.';
            COMMENT ON COLUMN %1$s.is_self_reference IS 'True when the target is the speaker''s own actor (reports show these apart).';
            COMMENT ON COLUMN %1$s.target_source IS 'explicit (the sentence names the target) or contextual (inherited from the exchange).';
            COMMENT ON COLUMN %1$s.target_phrase IS 'For UNNAMED targets: the words used (个别国家, ...).';
            COMMENT ON COLUMN %1$s.stance IS 'Stance toward the target: -2 hostile, -1 critical, 0 neutral, +1 positive, +2 cooperative (codebook §4).';
            COMMENT ON COLUMN %1$s.stance_label IS 'The stance as a word: hostile, critical, neutral, positive, cooperative.';
            COMMENT ON COLUMN %1$s.themes IS '1 to 3 theme ids, most important first (reporting.themes).';
            COMMENT ON COLUMN %1$s.primary_theme IS 'The first (most important) theme.';
            COMMENT ON COLUMN %1$s.origin IS 'auto (the coder) or manual (a person).';
            COMMENT ON COLUMN %1$s.confidence IS 'Confidence in [0, 1]; 1 for a person''s coding.';
            COMMENT ON COLUMN %1$s.codebook_version IS 'Codebook version that produced the coding.';
            COMMENT ON COLUMN %1$s.coded_at IS 'When the coding was made (UTC).';
            COMMENT ON COLUMN %1$s.evidence IS 'JSON array of {start, end, role, term}: the actor mentions and cue words (document character spans) behind the coding.';
        $f$, v);
    END LOOP;
END
$comments$;

COMMENT ON COLUMN reporting.coding_history.is_current IS 'True for the coding that counts now (exactly one per statement).';
COMMENT ON COLUMN reporting.coding_history.superseded_at IS 'When a newer coding replaced it; NULL while current.';
COMMENT ON COLUMN reporting.coding_history.reason IS 'Why a person made or changed the coding (manual codings).';

-- ---------------------------------------------------------------------------------------------------------
-- A snapshot like codings (same refresh, same staleness): theme shares and salience by theme aggregate every
-- current coding, and unnesting them at query time took 80-300 ms.
CREATE VIEW app.reporting_statement_themes_source AS
SELECT c.statement_id,
       s.document_id,
       d.date                            AS document_date,
       d.kind                            AS document_kind,
       s.kind                            AS statement_kind,
       s.kind IN ('answer', 'opening')   AS is_official_voice,
       sp.actor_id                       AS speaker_actor_id,
       t.theme_id,
       th.name_en                        AS theme_name,
       t.theme_rank::int                 AS theme_rank,
       c.origin,
       c.codebook_version_id             AS codebook_version
FROM app.statement_codings c
CROSS JOIN LATERAL unnest(c.themes) WITH ORDINALITY AS t(theme_id, theme_rank)
JOIN app.statements s ON s.id = c.statement_id
JOIN app.documents d ON d.id = s.document_id
LEFT JOIN app.speakers sp ON sp.id = s.speaker_id
LEFT JOIN app.themes th ON th.id = t.theme_id
WHERE c.is_current;

CREATE TABLE app.reporting_statement_themes AS SELECT * FROM app.reporting_statement_themes_source;

COMMENT ON TABLE app.reporting_statement_themes IS 'Snapshot behind reporting.statement_themes, refreshed with app.reporting_current_codings. Internal: analysts read reporting.statement_themes.';
COMMENT ON VIEW app.reporting_statement_themes_source IS 'What app.reporting_statement_themes holds; app.refresh_reporting_snapshot brings the table up to date with it.';
CREATE UNIQUE INDEX ux_reporting_statement_themes ON app.reporting_statement_themes (statement_id, theme_rank);
CREATE INDEX ix_reporting_statement_themes_theme ON app.reporting_statement_themes (theme_id, document_date);

CREATE VIEW reporting.statement_themes AS
SELECT statement_id, document_id, document_date, document_kind, statement_kind, is_official_voice, speaker_actor_id,
       theme_id, theme_name, theme_rank, origin, codebook_version
FROM app.reporting_statement_themes;

COMMENT ON VIEW reporting.statement_themes IS 'One row per (statement, theme) of the current coding, including statements about no actor, as of the last stance recompute or recode (a snapshot).';
COMMENT ON COLUMN reporting.statement_themes.statement_id IS 'The statement.';
COMMENT ON COLUMN reporting.statement_themes.document_id IS 'The statement''s document.';
COMMENT ON COLUMN reporting.statement_themes.document_date IS 'The document''s date.';
COMMENT ON COLUMN reporting.statement_themes.document_kind IS 'The document''s venue kind.';
COMMENT ON COLUMN reporting.statement_themes.statement_kind IS 'answer, question, opening, highlight or narrative.';
COMMENT ON COLUMN reporting.statement_themes.is_official_voice IS 'True for answer and opening.';
COMMENT ON COLUMN reporting.statement_themes.speaker_actor_id IS 'Actor the speaker speaks for.';
COMMENT ON COLUMN reporting.statement_themes.theme_id IS 'Theme id (reporting.themes).';
COMMENT ON COLUMN reporting.statement_themes.theme_name IS 'English theme name.';
COMMENT ON COLUMN reporting.statement_themes.theme_rank IS '1 for the most important theme of the statement, then 2, 3.';
COMMENT ON COLUMN reporting.statement_themes.origin IS 'auto or manual coding.';
COMMENT ON COLUMN reporting.statement_themes.codebook_version IS 'Codebook version of the coding.';

-- ---------------------------------------------------------------------------------------------------------
-- Formulas: the codebook's formula ladder (seed/codebook/ladder.csv), mirrored into app.formulas by the seeder,
-- matched against statement text by their exact characters, as the coder matches them.
-- Matching 29 formulas against every statement took ~300 ms per query even with the trigram index, so the matches
-- are a snapshot (app.reporting_formula_matches) refreshed with the codings snapshot (ReportingSnapshot.RefreshAsync):
-- at the end of the stance jobs, the recode job and `diplotrack recompute`. Statements change only on ingest, and
-- every ingested document is followed by a stance job.
CREATE VIEW app.reporting_formula_matches_source AS
SELECT f.id                              AS formula_id,
       f.text                            AS formula_text,
       f.rank                            AS formula_rank,
       f.stance                          AS formula_stance,
       s.id                              AS statement_id,
       s.document_id,
       d.date                            AS document_date,
       d.kind                            AS document_kind,
       s.kind                            AS statement_kind,
       s.kind IN ('answer', 'opening')   AS is_official_voice,
       sp.actor_id                       AS speaker_actor_id,
       (char_length(s.text) - char_length(replace(s.text, f.text, ''))) / char_length(f.text) AS occurrences,
       s.span_start + strpos(s.text, f.text) - 1 AS first_match_start
FROM app.formulas f
-- LIKE (with the formula's wildcards escaped) so the trigram index can serve it; it matches exactly what strpos would.
JOIN app.statements s
  ON s.text LIKE '%' || replace(replace(replace(f.text, '\', '\\'), '%', '\%'), '_', '\_') || '%'
 AND s.kind <> 'highlight'
JOIN app.documents d ON d.id = s.document_id
LEFT JOIN app.speakers sp ON sp.id = s.speaker_id;

CREATE TABLE app.reporting_formula_matches AS SELECT * FROM app.reporting_formula_matches_source;

COMMENT ON TABLE app.reporting_formula_matches IS 'Snapshot behind reporting.formula_matches, refreshed with app.reporting_current_codings. Internal: analysts read reporting.formula_matches.';
COMMENT ON VIEW app.reporting_formula_matches_source IS 'What app.reporting_formula_matches holds; app.refresh_reporting_snapshot brings the table up to date with it.';
CREATE UNIQUE INDEX ux_reporting_formula_matches ON app.reporting_formula_matches (formula_id, statement_id);
CREATE INDEX ix_reporting_formula_matches_text ON app.reporting_formula_matches (formula_text);

CREATE VIEW reporting.formula_matches AS
SELECT formula_id, formula_text, formula_rank, formula_stance, statement_id, document_id, document_date,
       document_kind, statement_kind, is_official_voice, speaker_actor_id, occurrences, first_match_start
FROM app.reporting_formula_matches;

COMMENT ON VIEW reporting.formula_matches IS 'One row per (formula, statement) where the statement contains a formula of the codebook''s ladder, as of the last stance recompute or recode (a snapshot). Highlights are left out (they repeat answers).';
COMMENT ON COLUMN reporting.formula_matches.formula_id IS 'Formula id (app.formulas, rebuilt from the codebook by the seeder: use formula_text to compare across databases).';
COMMENT ON COLUMN reporting.formula_matches.formula_text IS 'The formula as matched (Chinese), e.g. 坚决反对.';
COMMENT ON COLUMN reporting.formula_matches.formula_rank IS 'Position on the codebook''s ladder: lower = stronger rejection, higher = warmer.';
COMMENT ON COLUMN reporting.formula_matches.formula_stance IS 'Stance the formula signals, -2..+2 (codebook §4).';
COMMENT ON COLUMN reporting.formula_matches.statement_id IS 'The statement containing it.';
COMMENT ON COLUMN reporting.formula_matches.document_id IS 'The statement''s document.';
COMMENT ON COLUMN reporting.formula_matches.document_date IS 'The document''s date.';
COMMENT ON COLUMN reporting.formula_matches.document_kind IS 'The document''s venue kind.';
COMMENT ON COLUMN reporting.formula_matches.statement_kind IS 'answer, question, opening or narrative.';
COMMENT ON COLUMN reporting.formula_matches.is_official_voice IS 'True for answer and opening (formula_usage counts only these).';
COMMENT ON COLUMN reporting.formula_matches.speaker_actor_id IS 'Actor the speaker speaks for.';
COMMENT ON COLUMN reporting.formula_matches.occurrences IS 'How many times the formula occurs in the statement.';
COMMENT ON COLUMN reporting.formula_matches.first_match_start IS 'Start of the first occurrence in the document''s normalised text (characters, 0-based).';

-- formula_usage is a snapshot too, computed from the matches snapshot in the same refresh: counting distinct documents
-- per formula and month over 110k matches took 100-200 ms per query on 5,000 documents; the result is ~2,400 rows.
CREATE VIEW app.reporting_formula_usage_source AS
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
FROM app.reporting_formula_matches m
WHERE m.is_official_voice
GROUP BY m.formula_id, m.formula_text, m.formula_rank, m.formula_stance, date_trunc('month', m.document_date)
WINDOW w AS (PARTITION BY m.formula_id);

CREATE TABLE app.reporting_formula_usage AS SELECT * FROM app.reporting_formula_usage_source;

COMMENT ON TABLE app.reporting_formula_usage IS 'Snapshot behind reporting.formula_usage, refreshed after app.reporting_formula_matches. Internal: analysts read reporting.formula_usage.';
COMMENT ON VIEW app.reporting_formula_usage_source IS 'What app.reporting_formula_usage holds; app.refresh_reporting_snapshot brings the table up to date with it.';
CREATE UNIQUE INDEX ux_reporting_formula_usage ON app.reporting_formula_usage (formula_id, period_month);

CREATE VIEW reporting.formula_usage AS
SELECT formula_id, formula_text, formula_rank, formula_stance, period_month, documents, statements, occurrences,
       first_seen_in_period, last_seen_in_period, first_seen, last_seen, is_first_period
FROM app.reporting_formula_usage;

COMMENT ON VIEW reporting.formula_usage IS 'One row per (formula, calendar month) in which officials used the formula (answers and openings), as of the last snapshot refresh. A month without use has no row (missing, not zero).';
COMMENT ON COLUMN reporting.formula_usage.formula_id IS 'Formula id.';
COMMENT ON COLUMN reporting.formula_usage.formula_text IS 'The formula (Chinese).';
COMMENT ON COLUMN reporting.formula_usage.formula_rank IS 'Position on the codebook''s ladder: lower = stronger rejection.';
COMMENT ON COLUMN reporting.formula_usage.formula_stance IS 'Stance the formula signals, -2..+2.';
COMMENT ON COLUMN reporting.formula_usage.period_month IS 'First day of the calendar month (roll up with date_trunc for quarters and years).';
COMMENT ON COLUMN reporting.formula_usage.documents IS 'Documents in the month that used it.';
COMMENT ON COLUMN reporting.formula_usage.statements IS 'Official statements in the month that used it.';
COMMENT ON COLUMN reporting.formula_usage.occurrences IS 'Occurrences in the month (a statement may repeat it).';
COMMENT ON COLUMN reporting.formula_usage.first_seen_in_period IS 'First document date in the month using it.';
COMMENT ON COLUMN reporting.formula_usage.last_seen_in_period IS 'Last document date in the month using it.';
COMMENT ON COLUMN reporting.formula_usage.first_seen IS 'First document date ever using it (same on every row of the formula).';
COMMENT ON COLUMN reporting.formula_usage.last_seen IS 'Last document date ever using it.';
COMMENT ON COLUMN reporting.formula_usage.is_first_period IS 'True on the month the formula first appeared.';

-- ---------------------------------------------------------------------------------------------------------
-- Summaries: the current codings counted per document, per exchange and per month, so that questions about the whole
-- archive (attention and tone per year, questions versus answers, the largest change between two documents, theme
-- shares) read thousands of rows instead of aggregating every (statement, target) row of codings at query time: that
-- took 100-400 ms per query on 5,000 documents (470k targets; docs/reporting.md, Speed). Snapshots computed from the
-- snapshots above in the same refresh (ReportingSnapshot.RefreshAsync), so they always agree with codings and
-- statement_themes. Counts and sums are integers: sum(stance_sum) / sum(statements) over any group of rows is exactly
-- avg(stance) over the codings behind them.

-- Per (document, target): official voice and questions, and the comparison with the previous document about the same
-- target (same venue kind, same self-reference), computed once here: the window over ~50k rows took 30-45 ms a query.
CREATE VIEW app.reporting_document_targets_source AS
SELECT p.*, p.stance_index - p.previous_stance_index AS stance_change
FROM (
    SELECT t.*,
           CASE WHEN t.statements > 0 THEN lag(t.document_id) OVER w END  AS previous_document_id,
           CASE WHEN t.statements > 0 THEN lag(t.stance_index) OVER w END AS previous_stance_index
    FROM (
        SELECT m.document_id, m.document_date, m.document_kind, m.target_actor_id, m.is_self_reference,
               count(*) FILTER (WHERE m.is_official_voice)::int                    AS statements,
               coalesce(sum(m.stance) FILTER (WHERE m.is_official_voice), 0)::int AS stance_sum,
               count(*) FILTER (WHERE m.is_official_voice AND m.stance = -2)::int  AS hostile,
               count(*) FILTER (WHERE m.is_official_voice AND m.stance = -1)::int  AS critical,
               count(*) FILTER (WHERE m.is_official_voice AND m.stance = 0)::int   AS neutral,
               count(*) FILTER (WHERE m.is_official_voice AND m.stance = 1)::int   AS positive,
               count(*) FILTER (WHERE m.is_official_voice AND m.stance = 2)::int   AS cooperative,
               avg(m.stance) FILTER (WHERE m.is_official_voice)                    AS stance_index,
               count(*) FILTER (WHERE m.statement_kind = 'question')::int          AS questions
        FROM app.reporting_current_codings m
        WHERE m.is_official_voice OR m.statement_kind = 'question'
        GROUP BY m.document_id, m.document_date, m.document_kind, m.target_actor_id, m.is_self_reference
    ) t
    -- Rows with official statements chain to each other; a row with questions only has no previous document.
    WINDOW w AS (PARTITION BY t.target_actor_id, t.document_kind, t.is_self_reference, t.statements > 0
                 ORDER BY t.document_date, t.document_id)
) p;

CREATE TABLE app.reporting_document_targets AS SELECT * FROM app.reporting_document_targets_source;

COMMENT ON TABLE app.reporting_document_targets IS 'Snapshot behind reporting.document_targets, refreshed after app.reporting_current_codings. Internal: analysts read reporting.document_targets.';
COMMENT ON VIEW app.reporting_document_targets_source IS 'What app.reporting_document_targets holds; app.refresh_reporting_snapshot brings the table up to date with it.';
CREATE UNIQUE INDEX ux_reporting_document_targets ON app.reporting_document_targets (document_id, target_actor_id, is_self_reference);
-- The latest documents first (walked in order until LIMIT is met), and the largest changes first.
CREATE INDEX ix_reporting_document_targets_date ON app.reporting_document_targets (document_date, document_id);
CREATE INDEX ix_reporting_document_targets_change ON app.reporting_document_targets
    (abs(stance_change) DESC, statements DESC, document_date DESC) WHERE stance_change IS NOT NULL;

CREATE VIEW reporting.document_targets AS
SELECT t.document_id, t.document_date, t.document_kind, t.target_actor_id,
       a.name_en AS target_name,
       a.kind    AS target_kind,
       t.is_self_reference, t.statements, t.stance_sum, t.hostile, t.critical, t.neutral, t.positive, t.cooperative,
       t.stance_index, t.questions, t.previous_document_id, t.previous_stance_index, t.stance_change
FROM app.reporting_document_targets t
LEFT JOIN app.actors a ON a.id = t.target_actor_id;

COMMENT ON VIEW reporting.document_targets IS 'One row per (document, target, self-reference) that officials spoke about or journalists asked about: the document''s current codings counted, with the change from the previous document about the target, as of the last snapshot refresh. Sum the counts over documents; sum(stance_sum) / sum(statements) is the stance index of any group of rows.';
COMMENT ON COLUMN reporting.document_targets.document_id IS 'The document.';
COMMENT ON COLUMN reporting.document_targets.document_date IS 'The document''s date.';
COMMENT ON COLUMN reporting.document_targets.document_kind IS 'The document''s venue kind.';
COMMENT ON COLUMN reporting.document_targets.target_actor_id IS 'Actor spoken or asked about (reporting.actors).';
COMMENT ON COLUMN reporting.document_targets.target_name IS 'English name of the target.';
COMMENT ON COLUMN reporting.document_targets.target_kind IS 'country, territory, organisation, region or unnamed.';
COMMENT ON COLUMN reporting.document_targets.is_self_reference IS 'The target is the speaker''s own actor (a document has a row of each when speakers of several actors spoke about it).';
COMMENT ON COLUMN reporting.document_targets.statements IS 'Official statements (answers and openings) about the target: its rows of codings with is_official_voice. 0 when only questions mention it.';
COMMENT ON COLUMN reporting.document_targets.stance_sum IS 'Sum of their stances.';
COMMENT ON COLUMN reporting.document_targets.hostile IS 'How many of them had stance -2.';
COMMENT ON COLUMN reporting.document_targets.critical IS 'How many had stance -1.';
COMMENT ON COLUMN reporting.document_targets.neutral IS 'How many had stance 0.';
COMMENT ON COLUMN reporting.document_targets.positive IS 'How many had stance +1.';
COMMENT ON COLUMN reporting.document_targets.cooperative IS 'How many had stance +2.';
COMMENT ON COLUMN reporting.document_targets.stance_index IS 'Their mean stance (stance_sum / statements); NULL when there are none.';
COMMENT ON COLUMN reporting.document_targets.questions IS 'Questions (statement_kind question) about the target.';
COMMENT ON COLUMN reporting.document_targets.previous_document_id IS 'The latest earlier document of the same venue kind with official statements about the target (same is_self_reference; same date: the lower document_id is earlier). NULL for the first such document and for rows without official statements.';
COMMENT ON COLUMN reporting.document_targets.previous_stance_index IS 'The stance index toward the target in that previous document.';
COMMENT ON COLUMN reporting.document_targets.stance_change IS 'stance_index - previous_stance_index: how far the tone moved from the previous document.';

-- Per (month, venue kind, target): the same counts rolled up to months, for periods and whole-archive totals.
CREATE VIEW app.reporting_monthly_targets_source AS
SELECT date_trunc('month', t.document_date)::date      AS period_month,
       t.document_kind, t.target_actor_id, t.is_self_reference,
       count(*) FILTER (WHERE t.statements > 0)::int  AS documents,
       sum(t.statements)::int                         AS statements,
       sum(t.stance_sum)::int                         AS stance_sum,
       sum(t.hostile)::int                            AS hostile,
       sum(t.critical)::int                           AS critical,
       sum(t.neutral)::int                            AS neutral,
       sum(t.positive)::int                           AS positive,
       sum(t.cooperative)::int                        AS cooperative,
       sum(t.stance_sum)::numeric / nullif(sum(t.statements), 0) AS stance_index,
       sum(t.questions)::int                          AS questions
FROM app.reporting_document_targets t
GROUP BY 1, t.document_kind, t.target_actor_id, t.is_self_reference;

CREATE TABLE app.reporting_monthly_targets AS SELECT * FROM app.reporting_monthly_targets_source;

COMMENT ON TABLE app.reporting_monthly_targets IS 'Snapshot behind reporting.monthly_targets, refreshed after app.reporting_document_targets. Internal: analysts read reporting.monthly_targets.';
COMMENT ON VIEW app.reporting_monthly_targets_source IS 'What app.reporting_monthly_targets holds; app.refresh_reporting_snapshot brings the table up to date with it.';
CREATE UNIQUE INDEX ux_reporting_monthly_targets ON app.reporting_monthly_targets (period_month, document_kind, target_actor_id, is_self_reference);

CREATE VIEW reporting.monthly_targets AS
SELECT t.period_month, t.document_kind, t.target_actor_id,
       a.name_en AS target_name,
       a.kind    AS target_kind,
       t.is_self_reference, t.documents, t.statements, t.stance_sum, t.hostile, t.critical, t.neutral, t.positive,
       t.cooperative, t.stance_index, t.questions
FROM app.reporting_monthly_targets t
LEFT JOIN app.actors a ON a.id = t.target_actor_id;

COMMENT ON VIEW reporting.monthly_targets IS 'One row per (calendar month, venue kind, target, self-reference): document_targets summed per month, as of the last snapshot refresh. Roll up to quarters, years or the whole archive by summing; sum(stance_sum) / sum(statements) is the stance index.';
COMMENT ON COLUMN reporting.monthly_targets.period_month IS 'First day of the month (date_trunc(''quarter'' | ''year'', period_month) rolls it up).';
COMMENT ON COLUMN reporting.monthly_targets.document_kind IS 'Venue kind.';
COMMENT ON COLUMN reporting.monthly_targets.target_actor_id IS 'Actor spoken or asked about.';
COMMENT ON COLUMN reporting.monthly_targets.target_name IS 'English name of the target.';
COMMENT ON COLUMN reporting.monthly_targets.target_kind IS 'country, territory, organisation, region or unnamed.';
COMMENT ON COLUMN reporting.monthly_targets.is_self_reference IS 'The target is the speaker''s own actor.';
COMMENT ON COLUMN reporting.monthly_targets.documents IS 'Documents of the month with official statements about the target.';
COMMENT ON COLUMN reporting.monthly_targets.statements IS 'Official statements (answers and openings) about the target in the month.';
COMMENT ON COLUMN reporting.monthly_targets.stance_sum IS 'Sum of their stances.';
COMMENT ON COLUMN reporting.monthly_targets.hostile IS 'How many of them had stance -2.';
COMMENT ON COLUMN reporting.monthly_targets.critical IS 'How many had stance -1.';
COMMENT ON COLUMN reporting.monthly_targets.neutral IS 'How many had stance 0.';
COMMENT ON COLUMN reporting.monthly_targets.positive IS 'How many had stance +1.';
COMMENT ON COLUMN reporting.monthly_targets.cooperative IS 'How many had stance +2.';
COMMENT ON COLUMN reporting.monthly_targets.stance_index IS 'Their mean stance in the month; NULL when there are none.';
COMMENT ON COLUMN reporting.monthly_targets.questions IS 'Questions about the target in the month.';

-- Per (month, venue kind, statement kind): the denominators of attention shares, from the statements, coded or not.
CREATE VIEW app.reporting_monthly_statements_source AS
SELECT date_trunc('month', d.date)::date       AS period_month,
       d.kind                                  AS document_kind,
       s.kind                                  AS statement_kind,
       s.kind IN ('answer', 'opening')         AS is_official_voice,
       count(DISTINCT s.document_id)::int      AS documents,
       count(*)::int                           AS statements
FROM app.statements s
JOIN app.documents d ON d.id = s.document_id
GROUP BY 1, d.kind, s.kind;

CREATE TABLE app.reporting_monthly_statements AS SELECT * FROM app.reporting_monthly_statements_source;

COMMENT ON TABLE app.reporting_monthly_statements IS 'Snapshot behind reporting.monthly_statements, refreshed with the other reporting snapshots. Internal: analysts read reporting.monthly_statements.';
COMMENT ON VIEW app.reporting_monthly_statements_source IS 'What app.reporting_monthly_statements holds; app.refresh_reporting_snapshot brings the table up to date with it.';
CREATE UNIQUE INDEX ux_reporting_monthly_statements ON app.reporting_monthly_statements (period_month, document_kind, statement_kind);

CREATE VIEW reporting.monthly_statements AS
SELECT period_month, document_kind, statement_kind, is_official_voice, documents, statements
FROM app.reporting_monthly_statements;

COMMENT ON VIEW reporting.monthly_statements IS 'One row per (calendar month, venue kind, statement kind): how many statements were made, coded or not, as of the last snapshot refresh. The denominator of shares of attention (salience) over months, quarters or years.';
COMMENT ON COLUMN reporting.monthly_statements.period_month IS 'First day of the month.';
COMMENT ON COLUMN reporting.monthly_statements.document_kind IS 'Venue kind.';
COMMENT ON COLUMN reporting.monthly_statements.statement_kind IS 'answer, question, opening, highlight or narrative.';
COMMENT ON COLUMN reporting.monthly_statements.is_official_voice IS 'True for answer and opening.';
COMMENT ON COLUMN reporting.monthly_statements.documents IS 'Documents of the month with statements of that kind.';
COMMENT ON COLUMN reporting.monthly_statements.statements IS 'Statements of that kind in the month.';

-- Per (month, venue kind, statement kind, speaker's actor, theme): theme shares without unnesting every coding.
CREATE VIEW app.reporting_monthly_themes_source AS
SELECT date_trunc('month', t.document_date)::date      AS period_month,
       t.document_kind, t.statement_kind, t.is_official_voice, t.speaker_actor_id, t.theme_id,
       count(*)::int                                   AS statements,
       count(*) FILTER (WHERE t.theme_rank = 1)::int   AS primary_statements
FROM app.reporting_statement_themes t
GROUP BY 1, t.document_kind, t.statement_kind, t.is_official_voice, t.speaker_actor_id, t.theme_id;

CREATE TABLE app.reporting_monthly_themes AS SELECT * FROM app.reporting_monthly_themes_source;

COMMENT ON TABLE app.reporting_monthly_themes IS 'Snapshot behind reporting.monthly_themes, refreshed after app.reporting_statement_themes. Internal: analysts read reporting.monthly_themes.';
COMMENT ON VIEW app.reporting_monthly_themes_source IS 'What app.reporting_monthly_themes holds; app.refresh_reporting_snapshot brings the table up to date with it.';
-- Rows without a speaker actor (NULL: questions) never match in the refresh's comparison, so they are rewritten on
-- every refresh: ~5,000 small rows on 5,000 documents, and correct.
CREATE UNIQUE INDEX ux_reporting_monthly_themes ON app.reporting_monthly_themes (period_month, document_kind, statement_kind, speaker_actor_id, theme_id);

CREATE VIEW reporting.monthly_themes AS
SELECT t.period_month, t.document_kind, t.statement_kind, t.is_official_voice, t.speaker_actor_id, t.theme_id,
       th.name_en AS theme_name,
       t.statements, t.primary_statements
FROM app.reporting_monthly_themes t
LEFT JOIN app.themes th ON th.id = t.theme_id;

COMMENT ON VIEW reporting.monthly_themes IS 'One row per (calendar month, venue kind, statement kind, speaker''s actor, theme): statement_themes counted per month, as of the last snapshot refresh. The fast way to compute theme shares over periods.';
COMMENT ON COLUMN reporting.monthly_themes.period_month IS 'First day of the month.';
COMMENT ON COLUMN reporting.monthly_themes.document_kind IS 'Venue kind.';
COMMENT ON COLUMN reporting.monthly_themes.statement_kind IS 'answer, question, opening, highlight or narrative.';
COMMENT ON COLUMN reporting.monthly_themes.is_official_voice IS 'True for answer and opening.';
COMMENT ON COLUMN reporting.monthly_themes.speaker_actor_id IS 'Actor the speakers speak for; NULL when unknown (most journalists).';
COMMENT ON COLUMN reporting.monthly_themes.theme_id IS 'Theme id (reporting.themes).';
COMMENT ON COLUMN reporting.monthly_themes.theme_name IS 'English theme name.';
COMMENT ON COLUMN reporting.monthly_themes.statements IS 'Statements carrying the theme (at any rank).';
COMMENT ON COLUMN reporting.monthly_themes.primary_statements IS 'Statements whose main theme (theme_rank 1) it is. Summed over the themes: the statements with at least one theme.';

-- Per exchange: how officials spoke about other actors in it (the tone of the answer).
CREATE VIEW app.reporting_exchange_stance_source AS
SELECT m.exchange_id, m.document_id, m.document_date, m.document_kind,
       count(*)::int                                AS codings,
       sum(m.stance)::int                           AS stance_sum,
       count(*) FILTER (WHERE m.stance = -2)::int   AS hostile,
       count(*) FILTER (WHERE m.stance = -1)::int   AS critical,
       count(*) FILTER (WHERE m.stance = 0)::int    AS neutral,
       count(*) FILTER (WHERE m.stance = 1)::int    AS positive,
       count(*) FILTER (WHERE m.stance = 2)::int    AS cooperative,
       avg(m.stance)                                AS stance_index
FROM app.reporting_current_codings m
WHERE m.is_official_voice AND NOT m.is_self_reference AND m.exchange_id IS NOT NULL
GROUP BY m.exchange_id, m.document_id, m.document_date, m.document_kind;

CREATE TABLE app.reporting_exchange_stance AS SELECT * FROM app.reporting_exchange_stance_source;

COMMENT ON TABLE app.reporting_exchange_stance IS 'Snapshot behind reporting.exchange_stance, refreshed after app.reporting_current_codings. Internal: analysts read reporting.exchange_stance.';
COMMENT ON VIEW app.reporting_exchange_stance_source IS 'What app.reporting_exchange_stance holds; app.refresh_reporting_snapshot brings the table up to date with it.';
CREATE UNIQUE INDEX ux_reporting_exchange_stance ON app.reporting_exchange_stance (exchange_id);
-- The most critical answers first: walked in order and joined to their exchanges until LIMIT is met.
CREATE INDEX ix_reporting_exchange_stance_index ON app.reporting_exchange_stance (stance_index, (hostile + critical) DESC);

CREATE VIEW reporting.exchange_stance AS
SELECT exchange_id, document_id, document_date, document_kind, codings, stance_sum,
       hostile, critical, neutral, positive, cooperative, stance_index
FROM app.reporting_exchange_stance;

COMMENT ON VIEW reporting.exchange_stance IS 'One row per exchange in which officials spoke about other actors (answers and openings, self-references left out): the tone of the answer, from the current codings as of the last snapshot refresh. Join reporting.exchanges for the outlet and the question.';
COMMENT ON COLUMN reporting.exchange_stance.exchange_id IS 'The exchange (reporting.exchanges).';
COMMENT ON COLUMN reporting.exchange_stance.document_id IS 'Its document.';
COMMENT ON COLUMN reporting.exchange_stance.document_date IS 'The document''s date.';
COMMENT ON COLUMN reporting.exchange_stance.document_kind IS 'The document''s venue kind.';
COMMENT ON COLUMN reporting.exchange_stance.codings IS '(statement, target) codings of official statements about other actors in the exchange: a statement about two actors counts twice.';
COMMENT ON COLUMN reporting.exchange_stance.stance_sum IS 'Sum of their stances.';
COMMENT ON COLUMN reporting.exchange_stance.hostile IS 'How many had stance -2.';
COMMENT ON COLUMN reporting.exchange_stance.critical IS 'How many had stance -1.';
COMMENT ON COLUMN reporting.exchange_stance.neutral IS 'How many had stance 0.';
COMMENT ON COLUMN reporting.exchange_stance.positive IS 'How many had stance +1.';
COMMENT ON COLUMN reporting.exchange_stance.cooperative IS 'How many had stance +2.';
COMMENT ON COLUMN reporting.exchange_stance.stance_index IS 'Mean stance of those codings (stance_sum / codings), -2..+2.';

-- ---------------------------------------------------------------------------------------------------------
-- Agreement between the coder and people. For every statement a person coded (its latest manual coding) and
-- every codebook version that coded it automatically (the latest automatic coding of that version), the units
-- are (statement, target) pairs found by either side. Stance is compared where both found the target.
-- Krippendorff's alpha uses the INTERVAL metric (stance -2..+2 as numbers; squared difference), two coders,
-- no missing values within a unit: alpha = 1 - D_o / D_e with D_o = mean over units of (a - m)^2 and
-- D_e = 2 * sample variance of all 2N pooled values. NULL when D_e = 0 or fewer than two units.
CREATE VIEW reporting.coder_agreement AS
WITH manual AS (
    SELECT DISTINCT ON (c.statement_id) c.id, c.statement_id, c.themes
    FROM app.statement_codings c
    JOIN app.statements s ON s.id = c.statement_id AND s.kind <> 'highlight'
    WHERE c.origin = 'manual'
    ORDER BY c.statement_id, c.created_at DESC, c.id DESC
), auto AS (
    SELECT DISTINCT ON (c.statement_id, c.codebook_version_id) c.id, c.statement_id, c.codebook_version_id, c.themes
    FROM app.statement_codings c
    JOIN manual m ON m.statement_id = c.statement_id
    WHERE c.origin = 'auto'
    ORDER BY c.statement_id, c.codebook_version_id, c.created_at DESC, c.id DESC
), statement_pairs AS (
    SELECT a.codebook_version_id, a.statement_id, a.id AS auto_id, m.id AS manual_id,
           (a.themes @> m.themes AND a.themes <@ m.themes) AS same_themes
    FROM auto a JOIN manual m ON m.statement_id = a.statement_id
), auto_targets AS (
    SELECT p.codebook_version_id, p.statement_id, t.actor_id, t.stance::int AS stance
    FROM statement_pairs p JOIN app.coding_targets t ON t.statement_coding_id = p.auto_id
), manual_targets AS (
    SELECT p.codebook_version_id, p.statement_id, t.actor_id, t.stance::int AS stance
    FROM statement_pairs p JOIN app.coding_targets t ON t.statement_coding_id = p.manual_id
), units AS (
    SELECT coalesce(a.codebook_version_id, m.codebook_version_id) AS codebook_version_id,
           a.stance AS auto_stance, m.stance AS manual_stance
    FROM auto_targets a
    FULL JOIN manual_targets m
      ON m.codebook_version_id = a.codebook_version_id AND m.statement_id = a.statement_id AND m.actor_id = a.actor_id
), unit_stats AS (
    SELECT codebook_version_id,
           count(*)                                                                      AS target_units,
           count(*) FILTER (WHERE auto_stance IS NOT NULL AND manual_stance IS NOT NULL)  AS stance_units,
           avg((auto_stance = manual_stance)::int)                                       AS stance_agreement,
           avg(abs(auto_stance - manual_stance))                                         AS mean_abs_difference,
           sum((auto_stance - manual_stance) * (auto_stance - manual_stance))::numeric AS squared_differences,
           sum(auto_stance + manual_stance)::numeric                                     AS pooled_sum,
           sum(auto_stance * auto_stance + manual_stance * manual_stance)::numeric AS pooled_sum_squares
    FROM units
    GROUP BY codebook_version_id
), statement_stats AS (
    SELECT codebook_version_id, count(*) AS statements_compared, avg(same_themes::int) AS theme_agreement
    FROM statement_pairs
    GROUP BY codebook_version_id
)
SELECT s.codebook_version_id                              AS codebook_version,
       s.statements_compared,
       coalesce(u.target_units, 0)                        AS target_units,
       round(coalesce(u.stance_units, 0)::numeric / nullif(u.target_units, 0), 4) AS target_agreement_share,
       coalesce(u.stance_units, 0)                        AS stance_units,
       round(u.stance_agreement, 4)                       AS stance_agreement_share,
       CASE WHEN u.stance_units >= 2 AND u.pooled_sum_squares - u.pooled_sum ^ 2 / (2 * u.stance_units) > 0
            THEN round(1 - (u.squared_differences / u.stance_units)
                         / (2 * (u.pooled_sum_squares - u.pooled_sum ^ 2 / (2 * u.stance_units)) / (2 * u.stance_units - 1)), 4)
       END                                                AS krippendorff_alpha_stance,
       round(u.mean_abs_difference, 4)                    AS mean_abs_stance_difference,
       round(s.theme_agreement, 4)                        AS theme_agreement_share
FROM statement_stats s
LEFT JOIN unit_stats u ON u.codebook_version_id = s.codebook_version_id;

COMMENT ON VIEW reporting.coder_agreement IS 'One row per codebook version: how far the automatic coding (latest automatic coding of that version) agrees with people (latest manual coding) on the statements people coded. Highlights are left out.';
COMMENT ON COLUMN reporting.coder_agreement.codebook_version IS 'Codebook version of the automatic codings compared.';
COMMENT ON COLUMN reporting.coder_agreement.statements_compared IS 'Statements coded both by this version and by a person.';
COMMENT ON COLUMN reporting.coder_agreement.target_units IS '(statement, target) pairs found by the coder, the person, or both.';
COMMENT ON COLUMN reporting.coder_agreement.target_agreement_share IS 'Share of target_units found by both (0..1).';
COMMENT ON COLUMN reporting.coder_agreement.stance_units IS '(statement, target) pairs found by both, on which stance is compared.';
COMMENT ON COLUMN reporting.coder_agreement.stance_agreement_share IS 'Share of stance_units with exactly the same stance (0..1).';
COMMENT ON COLUMN reporting.coder_agreement.krippendorff_alpha_stance IS 'Krippendorff''s alpha on stance, INTERVAL metric (squared difference of -2..+2), over stance_units: 1 perfect, 0 chance level, below 0 worse than chance. NULL with fewer than two units or no variation.';
COMMENT ON COLUMN reporting.coder_agreement.mean_abs_stance_difference IS 'Mean absolute stance difference over stance_units (0..4).';
COMMENT ON COLUMN reporting.coder_agreement.theme_agreement_share IS 'Share of compared statements whose theme sets are equal (order ignored).';

-- ---------------------------------------------------------------------------------------------------------
-- Document versions and ingestion (from the ingestion jobs' tables).
CREATE VIEW reporting.document_versions AS
SELECT v.document_id,
       v.version,
       v.version = max(v.version) OVER (PARTITION BY v.document_id) AS is_current,
       d.title,
       d.date               AS document_date,
       v.sha256             AS content_sha256,
       v.fetched_at,
       v.snapshot_sha256,
       v.exchanges_added,
       v.exchanges_removed,
       v.exchanges_changed,
       v.statements_added,
       v.statements_removed,
       v.statements_changed,
       v.diff,
       char_length(v.normalised_text) AS text_length,
       v.normalised_text
FROM app.document_versions v
JOIN app.documents d ON d.id = v.document_id;

COMMENT ON VIEW reporting.document_versions IS 'One row per version of a document''s text: a source page that changed after publication becomes version 2, 3, ... with what changed from the previous version. reporting.documents holds the current text.';
COMMENT ON COLUMN reporting.document_versions.document_id IS 'The document.';
COMMENT ON COLUMN reporting.document_versions.version IS '1 for the text first stored, then 2, 3, ...';
COMMENT ON COLUMN reporting.document_versions.is_current IS 'True for the latest version (the text in reporting.documents).';
COMMENT ON COLUMN reporting.document_versions.title IS 'The document''s current title.';
COMMENT ON COLUMN reporting.document_versions.document_date IS 'The document''s date.';
COMMENT ON COLUMN reporting.document_versions.content_sha256 IS 'SHA-256 of this version''s normalised text.';
COMMENT ON COLUMN reporting.document_versions.fetched_at IS 'When this version was fetched or loaded (UTC).';
COMMENT ON COLUMN reporting.document_versions.snapshot_sha256 IS 'SHA-256 of the raw page it was parsed from, when fetched.';
COMMENT ON COLUMN reporting.document_versions.exchanges_added IS 'Exchanges added since the previous version.';
COMMENT ON COLUMN reporting.document_versions.exchanges_removed IS 'Exchanges removed since the previous version.';
COMMENT ON COLUMN reporting.document_versions.exchanges_changed IS 'Exchanges changed since the previous version.';
COMMENT ON COLUMN reporting.document_versions.statements_added IS 'Statements added since the previous version.';
COMMENT ON COLUMN reporting.document_versions.statements_removed IS 'Statements removed since the previous version.';
COMMENT ON COLUMN reporting.document_versions.statements_changed IS 'Statements changed since the previous version.';
COMMENT ON COLUMN reporting.document_versions.diff IS 'JSON difference from the previous version (exchanges and statements added, removed, changed, with texts); NULL for version 1.';
COMMENT ON COLUMN reporting.document_versions.text_length IS 'Length of this version''s text in characters.';
COMMENT ON COLUMN reporting.document_versions.normalised_text IS 'This version''s normalised text.';

CREATE VIEW reporting.ingestion_runs AS
SELECT r.id            AS run_id,
       r.trigger,
       r.started_at,
       r.finished_at,
       r.finished_at - r.started_at AS duration,
       r.status,
       r.created,
       r.duplicates,
       r.updated,
       r.failed,
       r.error
FROM app.ingestion_runs r;

COMMENT ON VIEW reporting.ingestion_runs IS 'One row per run of an ingestion job (inbox scan, CLI ingest --dir, source poll, re-fetch): when, why and what it did.';
COMMENT ON COLUMN reporting.ingestion_runs.run_id IS 'Run id.';
COMMENT ON COLUMN reporting.ingestion_runs.trigger IS 'inbox, cli, sources or refetch.';
COMMENT ON COLUMN reporting.ingestion_runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN reporting.ingestion_runs.finished_at IS 'End (UTC); NULL while running.';
COMMENT ON COLUMN reporting.ingestion_runs.duration IS 'finished_at - started_at.';
COMMENT ON COLUMN reporting.ingestion_runs.status IS 'running, succeeded or failed (the job itself failed and is retried).';
COMMENT ON COLUMN reporting.ingestion_runs.created IS 'Documents stored.';
COMMENT ON COLUMN reporting.ingestion_runs.duplicates IS 'Files already stored (same content).';
COMMENT ON COLUMN reporting.ingestion_runs.updated IS 'Documents that got a new version.';
COMMENT ON COLUMN reporting.ingestion_runs.failed IS 'Files refused.';
COMMENT ON COLUMN reporting.ingestion_runs.error IS 'Why the run failed, when it did.';

CREATE VIEW reporting.ingestion_log AS
SELECT f.id            AS file_id,
       f.run_id,
       r.trigger,
       f.at,
       f.file_name,
       f.sha256        AS file_sha256,
       f.bytes,
       f.outcome,
       f.outcome = 'failed' AS is_failure,
       f.error,
       f.document_id,
       f.moved_to
FROM app.ingestion_files f
JOIN app.ingestion_runs r ON r.id = f.run_id;

COMMENT ON VIEW reporting.ingestion_log IS 'One row per file an ingestion run handled: stored, already present, or refused with its reason. Failures are the rows with is_failure.';
COMMENT ON COLUMN reporting.ingestion_log.file_id IS 'Row id.';
COMMENT ON COLUMN reporting.ingestion_log.run_id IS 'The run (reporting.ingestion_runs).';
COMMENT ON COLUMN reporting.ingestion_log.trigger IS 'The run''s trigger: inbox, cli, sources or refetch.';
COMMENT ON COLUMN reporting.ingestion_log.at IS 'When the file was handled (UTC).';
COMMENT ON COLUMN reporting.ingestion_log.file_name IS 'Name of the file in the inbox.';
COMMENT ON COLUMN reporting.ingestion_log.file_sha256 IS 'SHA-256 of the file''s bytes.';
COMMENT ON COLUMN reporting.ingestion_log.bytes IS 'File size.';
COMMENT ON COLUMN reporting.ingestion_log.outcome IS 'created, duplicate or failed.';
COMMENT ON COLUMN reporting.ingestion_log.is_failure IS 'True when the file was refused.';
COMMENT ON COLUMN reporting.ingestion_log.error IS 'Why it was refused.';
COMMENT ON COLUMN reporting.ingestion_log.document_id IS 'The document stored or found.';
COMMENT ON COLUMN reporting.ingestion_log.moved_to IS 'Where the file was moved (processed/ or failed/), relative to the inbox.';

-- ---------------------------------------------------------------------------------------------------------
-- Stance over time (codebook §5), from the stance jobs' derived tables. Derived rows are recomputed by the jobs,
-- never edited; a period with no statement about a target has no row (missing, not zero).
CREATE VIEW reporting.stance_timeline AS
SELECT o.id                  AS observation_id,
       o.speaker_actor_id,
       o.target_actor_id,
       a.name_en             AS target_name,
       o.theme,
       o.grain,
       o.period_start,
       o.document_id,
       o.document_kind,
       o.is_self_reference,
       o.n_statements        AS statements,
       o.n_hostile           AS hostile,
       o.n_critical          AS critical,
       o.n_neutral           AS neutral,
       o.n_positive          AS positive,
       o.n_cooperative       AS cooperative,
       o.stance_index,
       o.stance_sd,
       o.speaker_statements,
       o.salience,
       o.codebook_versions,
       o.computed_at
FROM app.stance_observations o
LEFT JOIN app.actors a ON a.id = o.target_actor_id;

COMMENT ON VIEW reporting.stance_timeline IS 'One row per observation of the stance jobs: how one speaker''s government spoke about one target, on one theme or all themes (*), in one period of one grain (document, month, quarter, year), per document kind. Counts official voice only (answers, openings).';
COMMENT ON COLUMN reporting.stance_timeline.observation_id IS 'Observation id (recomputed rows may get new ids: join on the key columns, not on this).';
COMMENT ON COLUMN reporting.stance_timeline.speaker_actor_id IS 'Actor of the speakers (CN for Chinese officials).';
COMMENT ON COLUMN reporting.stance_timeline.target_actor_id IS 'Actor spoken about.';
COMMENT ON COLUMN reporting.stance_timeline.target_name IS 'English name of the target.';
COMMENT ON COLUMN reporting.stance_timeline.theme IS 'Theme id, or * for statements of every theme.';
COMMENT ON COLUMN reporting.stance_timeline.grain IS 'Period grain: document, month, quarter or year.';
COMMENT ON COLUMN reporting.stance_timeline.period_start IS 'First day of the month/quarter/year; the document''s date for the document grain.';
COMMENT ON COLUMN reporting.stance_timeline.document_id IS 'The document, for the document grain only.';
COMMENT ON COLUMN reporting.stance_timeline.document_kind IS 'Venue kind: observations compare a venue only with itself.';
COMMENT ON COLUMN reporting.stance_timeline.is_self_reference IS 'Target is the speaker''s own actor (report apart).';
COMMENT ON COLUMN reporting.stance_timeline.statements IS 'Statements about the target in the period.';
COMMENT ON COLUMN reporting.stance_timeline.hostile IS 'Of which stance -2.';
COMMENT ON COLUMN reporting.stance_timeline.critical IS 'Of which stance -1.';
COMMENT ON COLUMN reporting.stance_timeline.neutral IS 'Of which stance 0.';
COMMENT ON COLUMN reporting.stance_timeline.positive IS 'Of which stance +1.';
COMMENT ON COLUMN reporting.stance_timeline.cooperative IS 'Of which stance +2.';
COMMENT ON COLUMN reporting.stance_timeline.stance_index IS 'Mean stance, -2..+2.';
COMMENT ON COLUMN reporting.stance_timeline.stance_sd IS 'Standard deviation of stance; NULL for a single statement.';
COMMENT ON COLUMN reporting.stance_timeline.speaker_statements IS 'All counted statements of the speaker in the period (salience denominator).';
COMMENT ON COLUMN reporting.stance_timeline.salience IS 'statements / speaker_statements: the share of attention the target got.';
COMMENT ON COLUMN reporting.stance_timeline.codebook_versions IS 'Codebook versions of the codings behind the row.';
COMMENT ON COLUMN reporting.stance_timeline.computed_at IS 'When the stance jobs computed the row.';

CREATE VIEW reporting.stance_changes AS
SELECT c.id                     AS change_id,
       c.speaker_actor_id,
       c.target_actor_id,
       a.name_en                AS target_name,
       c.theme,
       c.grain,
       c.document_kind,
       c.is_self_reference,
       c.event_type,
       c.previous_period_start,
       c.previous_document_id,
       c.current_period_start,
       c.current_document_id,
       c.gap_periods,
       c.previous_n,
       c.current_n,
       c.previous_stance_index,
       c.current_stance_index,
       c.delta_stance,
       c.previous_salience,
       c.current_salience,
       c.delta_salience,
       c.direction,
       c.p_value,
       c.q_value,
       c.significant,
       c.test_method,
       -- Through app.stance_change_evidence (a table before migration StanceEvidenceArrays, a view since), because
       -- every migration that rebuilds these views runs this file as it is now. Later side first, strongest first.
       (SELECT array_agg(e.statement_id ORDER BY e.side = 'previous', e.rank)
          FROM app.stance_change_evidence e WHERE e.stance_change_id = c.id) AS evidence_statement_ids,
       c.codebook_versions,
       c.computed_at
FROM app.stance_changes c
LEFT JOIN app.actors a ON a.id = c.target_actor_id;

COMMENT ON VIEW reporting.stance_changes IS 'One row per event between consecutive observations of the same key (speaker, document kind, grain, target, theme): a change or sign flip with its significance, a first appearance, or a disappearance. Evidence in stance_change_evidence.';
COMMENT ON COLUMN reporting.stance_changes.change_id IS 'Event id (recomputed rows may get new ids).';
COMMENT ON COLUMN reporting.stance_changes.speaker_actor_id IS 'Actor of the speakers.';
COMMENT ON COLUMN reporting.stance_changes.target_actor_id IS 'Actor spoken about.';
COMMENT ON COLUMN reporting.stance_changes.target_name IS 'English name of the target.';
COMMENT ON COLUMN reporting.stance_changes.theme IS 'Theme id, or * for all themes.';
COMMENT ON COLUMN reporting.stance_changes.grain IS 'document, month, quarter or year.';
COMMENT ON COLUMN reporting.stance_changes.document_kind IS 'Venue kind.';
COMMENT ON COLUMN reporting.stance_changes.is_self_reference IS 'Target is the speaker''s own actor.';
COMMENT ON COLUMN reporting.stance_changes.event_type IS 'change, sign_flip, first_appearance or disappearance.';
COMMENT ON COLUMN reporting.stance_changes.previous_period_start IS 'Earlier observation''s period; NULL for a first appearance.';
COMMENT ON COLUMN reporting.stance_changes.previous_document_id IS 'Earlier document (document grain).';
COMMENT ON COLUMN reporting.stance_changes.current_period_start IS 'Later period (for a disappearance: the speaker''s next period without the target).';
COMMENT ON COLUMN reporting.stance_changes.current_document_id IS 'Later document (document grain).';
COMMENT ON COLUMN reporting.stance_changes.gap_periods IS 'Periods between the two in which the speaker spoke but not about the target.';
COMMENT ON COLUMN reporting.stance_changes.previous_n IS 'Statements in the earlier observation.';
COMMENT ON COLUMN reporting.stance_changes.current_n IS 'Statements in the later observation.';
COMMENT ON COLUMN reporting.stance_changes.previous_stance_index IS 'Earlier stance index.';
COMMENT ON COLUMN reporting.stance_changes.current_stance_index IS 'Later stance index.';
COMMENT ON COLUMN reporting.stance_changes.delta_stance IS 'current - previous stance index.';
COMMENT ON COLUMN reporting.stance_changes.previous_salience IS 'Earlier salience.';
COMMENT ON COLUMN reporting.stance_changes.current_salience IS 'Later salience.';
COMMENT ON COLUMN reporting.stance_changes.delta_salience IS 'current - previous salience.';
COMMENT ON COLUMN reporting.stance_changes.direction IS 'up, down or flat; NULL for appearances and disappearances.';
COMMENT ON COLUMN reporting.stance_changes.p_value IS 'Two-sided p of the permutation test of the difference in mean stance.';
COMMENT ON COLUMN reporting.stance_changes.q_value IS 'Benjamini-Hochberg adjusted p within (speaker, document kind, grain).';
COMMENT ON COLUMN reporting.stance_changes.significant IS 'True when the change is significant (see the stance documentation).';
COMMENT ON COLUMN reporting.stance_changes.test_method IS 'permutation-exact or permutation-normal.';
COMMENT ON COLUMN reporting.stance_changes.evidence_statement_ids IS 'Statements that drove the change: later side first, strongest first (details in stance_change_evidence).';
COMMENT ON COLUMN reporting.stance_changes.codebook_versions IS 'Codebook versions behind the two observations.';
COMMENT ON COLUMN reporting.stance_changes.computed_at IS 'When the stance jobs computed the row.';

CREATE VIEW reporting.stance_change_evidence AS
SELECT e.stance_change_id   AS change_id,
       e.side,
       e.rank,
       e.statement_id,
       s.document_id,
       d.date               AS document_date,
       e.stance,
       e.contribution,
       s.text,
       s.span_start,
       s.span_end
FROM app.stance_change_evidence e
JOIN app.statements s ON s.id = e.statement_id
JOIN app.documents d ON d.id = s.document_id;

COMMENT ON VIEW reporting.stance_change_evidence IS 'One row per (stance change, statement that drove it): the top contributors on the earlier and the later side.';
COMMENT ON COLUMN reporting.stance_change_evidence.change_id IS 'The stance change (reporting.stance_changes).';
COMMENT ON COLUMN reporting.stance_change_evidence.side IS 'previous (earlier observation) or current (later).';
COMMENT ON COLUMN reporting.stance_change_evidence.rank IS '1 = strongest contributor on its side.';
COMMENT ON COLUMN reporting.stance_change_evidence.statement_id IS 'The statement.';
COMMENT ON COLUMN reporting.stance_change_evidence.document_id IS 'Its document.';
COMMENT ON COLUMN reporting.stance_change_evidence.document_date IS 'Its document''s date.';
COMMENT ON COLUMN reporting.stance_change_evidence.stance IS 'Its stance toward the target, -2..+2.';
COMMENT ON COLUMN reporting.stance_change_evidence.contribution IS 'How far it pulls in the change''s direction, in stance points.';
COMMENT ON COLUMN reporting.stance_change_evidence.text IS 'The sentence.';
COMMENT ON COLUMN reporting.stance_change_evidence.span_start IS 'Start in the document''s normalised text.';
COMMENT ON COLUMN reporting.stance_change_evidence.span_end IS 'End (exclusive).';

CREATE VIEW reporting.salience AS
-- Actors: the stance jobs' observations over all themes (theme = '*').
-- Both branches give every column the same type, so a filter on the view (grain = 'year') reaches each branch.
SELECT o.speaker_actor_id::text  AS speaker_actor_id,
       o.document_kind::text     AS document_kind,
       o.grain::text             AS grain,
       o.period_start,
       o.document_id,
       'actor'::text            AS subject_kind,
       o.target_actor_id::text  AS subject_id,
       a.name_en::text          AS subject_name,
       o.is_self_reference,
       o.n_statements::bigint   AS statements,
       o.speaker_statements::bigint AS speaker_statements,
       o.salience
FROM app.stance_observations o
LEFT JOIN app.actors a ON a.id = o.target_actor_id
WHERE o.theme = '*'
UNION ALL
-- Themes: the share of the speaker's counted statements (official voice, current coding) that carry the theme.
-- One pass: a statement has exactly one current coding and so exactly one rank-1 theme, so the speaker's statements
-- in a period are the sum of the rank-1 counts over its themes (no second scan and no count(DISTINCT)). The window
-- partitions by every key but the theme, so a filter on grain or speaker still reaches the grains.
SELECT t.speaker_actor_id, t.document_kind, t.grain, t.period_start, t.document_id,
       'theme', t.theme_id::text, th.name_en::text, NULL::boolean,
       t.statements, t.speaker_statements, t.statements::double precision / t.speaker_statements
FROM (
    SELECT x.*, (sum(x.rank_one) OVER (PARTITION BY x.speaker_actor_id, x.document_kind, x.grain, x.period_start,
                                                    x.document_id))::bigint AS speaker_statements
    FROM (
        -- Count per document first (plain columns, no per-row date_trunc), then roll the few thousand
        -- per-document rows up to each grain.
        SELECT p.speaker_actor_id, p.document_kind, g.grain,
               CASE g.grain WHEN 'document' THEN p.document_date ELSE date_trunc(g.grain, p.document_date)::date END AS period_start,
               CASE g.grain WHEN 'document' THEN p.document_id END AS document_id,
               p.theme_id, sum(p.statements)::bigint AS statements, sum(p.rank_one)::bigint AS rank_one
        FROM (
            SELECT st.speaker_actor_id::text AS speaker_actor_id, st.document_kind::text AS document_kind,
                   st.document_date, st.document_id, st.theme_id,
                   count(*) AS statements, count(*) FILTER (WHERE st.theme_rank = 1) AS rank_one
            FROM reporting.statement_themes st
            WHERE st.is_official_voice AND st.speaker_actor_id IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5
        ) p
        CROSS JOIN (VALUES ('document'::text), ('month'), ('quarter'), ('year')) AS g(grain)
        GROUP BY 1, 2, 3, 4, 5, 6
    ) x
) t
LEFT JOIN app.themes th ON th.id = t.theme_id;

COMMENT ON VIEW reporting.salience IS 'One row per (speaker''s actor, document kind, grain, period, subject) where the subject is an actor (from the stance jobs'' observations, all themes) or a theme (from the current codings): how much of the speaker''s attention it got. Official voice only; a period without mention has no row.';
COMMENT ON COLUMN reporting.salience.speaker_actor_id IS 'Actor of the speakers (CN for Chinese officials).';
COMMENT ON COLUMN reporting.salience.document_kind IS 'Venue kind.';
COMMENT ON COLUMN reporting.salience.grain IS 'document, month, quarter or year.';
COMMENT ON COLUMN reporting.salience.period_start IS 'First day of the period; the document''s date for the document grain.';
COMMENT ON COLUMN reporting.salience.document_id IS 'The document, for the document grain only.';
COMMENT ON COLUMN reporting.salience.subject_kind IS 'actor or theme.';
COMMENT ON COLUMN reporting.salience.subject_id IS 'Actor id or theme id.';
COMMENT ON COLUMN reporting.salience.subject_name IS 'English name of the actor or theme.';
COMMENT ON COLUMN reporting.salience.is_self_reference IS 'For actors: the speaker''s own actor. NULL for themes.';
COMMENT ON COLUMN reporting.salience.statements IS 'Counted statements about the subject in the period.';
COMMENT ON COLUMN reporting.salience.speaker_statements IS 'All counted statements of the speaker in the period.';
COMMENT ON COLUMN reporting.salience.salience IS 'statements / speaker_statements (0..1].';

-- ---------------------------------------------------------------------------------------------------------
-- The snapshot tables were just filled: statistics now rather than at the next autovacuum.
ANALYZE app.reporting_current_codings, app.reporting_statement_themes, app.reporting_formula_matches,
    app.reporting_formula_usage, app.reporting_document_targets, app.reporting_monthly_targets,
    app.reporting_monthly_statements, app.reporting_monthly_themes, app.reporting_exchange_stance;

-- ---------------------------------------------------------------------------------------------------------
-- Dropping and re-creating views loses their grants: give them back to the reporting role when it exists
-- (`diplotrack reporting-role` grants the same on first creation).
DO $grants$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'diplotrack_reporting') THEN
        GRANT USAGE ON SCHEMA reporting TO diplotrack_reporting;
        GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO diplotrack_reporting;
    END IF;
END
$grants$;
