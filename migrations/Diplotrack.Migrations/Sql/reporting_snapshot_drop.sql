-- Down of the ReportingSnapshot migration: reporting.codings, statement_themes and formula_matches read the live joins again (its definition before the
-- snapshot) and the snapshots go. CREATE OR REPLACE keeps the view's comments and grants (same columns and types).
-- The migrations that rebuild the views all run reporting_views.20261125174245.sql, so the snapshots may be tables with
-- source views (ReportingSummaries and later) or materialised views, and the summaries and formula_usage's snapshot
-- may exist: they go too, and formula_usage aggregates the matches at query time as before.
DROP VIEW IF EXISTS reporting.monthly_themes, reporting.monthly_statements, reporting.monthly_targets,
    reporting.exchange_stance, reporting.document_targets;

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

CREATE OR REPLACE VIEW reporting.codings AS
SELECT coding_id, coding_target_id, statement_id, document_id, document_date, document_kind, exchange_id,
       statement_kind, is_official_voice, speaker_actor_id, target_actor_id, target_name, target_kind,
       is_self_reference, target_source, target_phrase, stance, stance_label, themes, primary_theme, origin,
       confidence, codebook_version, coded_at, evidence
FROM reporting.coding_history
WHERE is_current;


CREATE OR REPLACE VIEW reporting.formula_matches AS
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


CREATE OR REPLACE VIEW reporting.statement_themes AS
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

-- No view reads the snapshots any more: drop them, whichever kind they are, with their source views.
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
