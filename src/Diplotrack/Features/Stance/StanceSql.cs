namespace Diplotrack.Features.Stance;

/// <summary>
/// The set-based part of the stance jobs. Every step writes a temporary table (dropped at commit) so that the final
/// tables are touched only at the end, by a diff: rows whose content did not change stay as they are.
/// Temporary tables use document_key = 0 instead of a null document id so that keys join with plain equality.
/// </summary>
internal static class StanceSql
{
    /// <summary>Serialises stance recomputes (nightly full run and per-ingestion runs may overlap).</summary>
    public const string Lock = "SELECT pg_advisory_xact_lock(hashtext('diplotrack.stance'))";

    public const string CreateScope = """
        CREATE TEMP TABLE stance_scope (
            speaker_actor_id varchar(32) NOT NULL,
            document_kind varchar(64) NOT NULL,
            PRIMARY KEY (speaker_actor_id, document_kind)) ON COMMIT DROP
        """;

    /// <summary>Full run: every speaker and venue with counted statements, and every one that has derived rows (so stale rows go).</summary>
    public const string ScopeAll = """
        INSERT INTO stance_scope
        SELECT sp.actor_id, d.kind
        FROM app.statements s
        JOIN app.speakers sp ON sp.id = s.speaker_id
        JOIN app.documents d ON d.id = s.document_id
        WHERE sp.actor_id IS NOT NULL AND s.kind IN ('answer', 'opening')
        UNION SELECT speaker_actor_id, document_kind FROM app.stance_observations
        UNION SELECT speaker_actor_id, document_kind FROM app.stance_changes
        """;

    /// <summary>
    /// Incremental run: the (speaker actor, venue) pairs the documents touch. A whole pair, not only the targets the
    /// documents name, because a new document changes the salience of every target of its speaker in its periods and can
    /// make a target disappear. Existing rows of the documents are in scope too, for documents re-coded or deleted.
    /// </summary>
    public const string ScopeDocuments = """
        INSERT INTO stance_scope
        SELECT sp.actor_id, d.kind
        FROM app.statements s
        JOIN app.speakers sp ON sp.id = s.speaker_id
        JOIN app.documents d ON d.id = s.document_id
        WHERE s.document_id = ANY(@documents) AND sp.actor_id IS NOT NULL
        UNION SELECT speaker_actor_id, document_kind FROM app.stance_observations WHERE document_id = ANY(@documents)
        UNION SELECT speaker_actor_id, document_kind FROM app.stance_changes
              WHERE current_document_id = ANY(@documents) OR previous_document_id = ANY(@documents)
        """;

    /// <summary>
    /// The statements that count: the official's voice (answer, opening; never questions, never highlights, which repeat
    /// answers), with a speaker whose actor is known and a current coding; one row per statement and grain.
    /// </summary>
    public const string StatementPeriods = """
        CREATE TEMP TABLE stance_statement_periods ON COMMIT DROP AS
        SELECT s.id AS statement_id, sp.actor_id AS speaker_actor_id, d.kind AS document_kind,
               c.id AS coding_id, c.codebook_version_id, c.themes,
               g.grain, g.period_start, g.document_key
        FROM app.statements s
        JOIN app.speakers sp ON sp.id = s.speaker_id
        JOIN app.documents d ON d.id = s.document_id
        JOIN app.statement_codings c ON c.statement_id = s.id AND c.is_current
        JOIN stance_scope sc ON sc.speaker_actor_id = sp.actor_id AND sc.document_kind = d.kind
        CROSS JOIN LATERAL (VALUES
            ('document', d.date, d.id),
            ('month', date_trunc('month', d.date::timestamp)::date, 0::bigint),
            ('quarter', date_trunc('quarter', d.date::timestamp)::date, 0::bigint),
            ('year', date_trunc('year', d.date::timestamp)::date, 0::bigint)) AS g(grain, period_start, document_key)
        WHERE s.kind IN ('answer', 'opening')
        """;

    /// <summary>
    /// The periods in which a speaker spoke at all, numbered in time order within each series (speaker actor, venue, grain):
    /// salience denominators, and the timeline on which "consecutive" and "disappeared" are defined. series_id and
    /// period_no are small integers so that the big joins and sorts below run on integers, not on text keys.
    /// </summary>
    public const string SpeakerPeriods = """
        CREATE TEMP TABLE stance_speaker_periods ON COMMIT DROP AS
        SELECT dense_rank() OVER (ORDER BY speaker_actor_id, document_kind, grain)::int AS series_id,
               row_number() OVER (PARTITION BY speaker_actor_id, document_kind, grain ORDER BY period_start, document_key)::int AS period_no,
               speaker_actor_id, document_kind, grain, period_start, document_key,
               count(*)::int AS speaker_statements
        FROM stance_statement_periods
        GROUP BY speaker_actor_id, document_kind, grain, period_start, document_key
        """;

    /// <summary>One row per counted statement, target and theme, plus the all-themes row '*'.</summary>
    public const string Units = """
        CREATE TEMP TABLE stance_units ON COMMIT DROP AS
        SELECT p.statement_id, sp.series_id, sp.period_no,
               t.actor_id::text COLLATE "C" AS target_actor_id, th.theme COLLATE "C" AS theme,
               t.stance, p.codebook_version_id
        FROM stance_statement_periods p
        JOIN stance_speaker_periods sp
          ON sp.speaker_actor_id = p.speaker_actor_id AND sp.document_kind = p.document_kind AND sp.grain = p.grain
         AND sp.period_start = p.period_start AND sp.document_key = p.document_key
        JOIN app.coding_targets t ON t.statement_coding_id = p.coding_id
        CROSS JOIN LATERAL (SELECT '*'::text UNION SELECT unnest(p.themes)::text) AS th(theme)
        """;

    /// <summary>
    /// Observations from stance histograms: counts are exact integers, and the mean, variance and salience are single
    /// IEEE divisions (and a square root) of exact integers, so the same input always gives bit-identical floats.
    /// </summary>
    public const string Observations = """
        CREATE TEMP TABLE stance_obs_stage ON COMMIT DROP AS
        WITH per_version AS (
            SELECT series_id, target_actor_id, theme, period_no, codebook_version_id,
                   count(*) FILTER (WHERE stance = -2) AS n_hostile,
                   count(*) FILTER (WHERE stance = -1) AS n_critical,
                   count(*) FILTER (WHERE stance = 0) AS n_neutral,
                   count(*) FILTER (WHERE stance = 1) AS n_positive,
                   count(*) FILTER (WHERE stance = 2) AS n_cooperative
            FROM stance_units
            GROUP BY series_id, target_actor_id, theme, period_no, codebook_version_id
        ), histograms AS (
            SELECT series_id, target_actor_id, theme, period_no,
                   sum(n_hostile)::int AS n_hostile, sum(n_critical)::int AS n_critical, sum(n_neutral)::int AS n_neutral,
                   sum(n_positive)::int AS n_positive, sum(n_cooperative)::int AS n_cooperative,
                   array_agg(codebook_version_id ORDER BY codebook_version_id) AS codebook_versions
            FROM per_version
            GROUP BY series_id, target_actor_id, theme, period_no
        ), observations AS (
            SELECT h.series_id, h.period_no, sp.speaker_actor_id, sp.document_kind, sp.grain, h.target_actor_id, h.theme,
                   sp.period_start, sp.document_key,
                   h.target_actor_id = sp.speaker_actor_id AS is_self_reference,
                   x.n AS n_statements, h.n_hostile, h.n_critical, h.n_neutral, h.n_positive, h.n_cooperative,
                   x.total::float8 / x.n AS stance_index,
                   CASE WHEN x.n > 1 THEN (x.n * x.squares - x.total * x.total)::float8 / (x.n * (x.n - 1)) END AS stance_variance,
                   CASE WHEN x.n > 1 THEN sqrt((x.n * x.squares - x.total * x.total)::float8 / (x.n * (x.n - 1))) END AS stance_sd,
                   sp.speaker_statements,
                   x.n::float8 / sp.speaker_statements AS salience,
                   h.codebook_versions
            FROM histograms h
            JOIN stance_speaker_periods sp ON sp.series_id = h.series_id AND sp.period_no = h.period_no
            CROSS JOIN LATERAL (SELECT
                (h.n_hostile + h.n_critical + h.n_neutral + h.n_positive + h.n_cooperative)::bigint AS n,
                (-2 * h.n_hostile - h.n_critical + h.n_positive + 2 * h.n_cooperative)::bigint AS total,
                (4 * h.n_hostile + h.n_critical + h.n_positive + 4 * h.n_cooperative)::bigint AS squares) x
        )
        SELECT o.*,
               md5(concat_ws('|', o.speaker_actor_id, o.document_kind, o.grain, o.target_actor_id, o.theme, o.period_start,
                   o.document_key, o.is_self_reference, o.n_statements, o.n_hostile, o.n_critical, o.n_neutral, o.n_positive,
                   o.n_cooperative, o.stance_index, o.stance_variance, o.stance_sd, o.speaker_statements, o.salience,
                   o.codebook_versions::text)) AS content_hash
        FROM observations o
        """;

    /// <summary>
    /// Changes between consecutive observations of a key (lag over the key's observations), first appearances (no earlier
    /// observation) and disappearances (the speaker's next period has no observation of the key). p, q and the
    /// significance are filled in by the test afterwards; the content hash after the evidence.
    /// </summary>
    public const string Changes = """
        CREATE TEMP TABLE stance_change_stage ON COMMIT DROP AS
        WITH seq AS (
            SELECT o.*,
                   lag(o.period_no) OVER w AS prev_period_no,
                   lag(o.period_start) OVER w AS prev_period_start,
                   lag(o.document_key) OVER w AS prev_document_key,
                   lag(o.n_statements) OVER w AS prev_n,
                   lag(o.stance_index) OVER w AS prev_index,
                   lag(o.salience) OVER w AS prev_salience,
                   lag(ARRAY[o.n_hostile, o.n_critical, o.n_neutral, o.n_positive, o.n_cooperative]) OVER w AS prev_histogram,
                   lag(o.codebook_versions) OVER w AS prev_codebook_versions,
                   lead(o.period_no) OVER w AS next_period_no
            FROM stance_obs_stage o
            WINDOW w AS (PARTITION BY o.series_id, o.target_actor_id, o.theme ORDER BY o.period_no)
        ), events AS (
            SELECT s.series_id, s.speaker_actor_id, s.document_kind, s.grain, s.target_actor_id, s.theme, s.is_self_reference,
                   CASE WHEN s.prev_period_no IS NULL THEN 'first_appearance'
                        WHEN sign(s.prev_index) * sign(s.stance_index) < 0 THEN 'sign_flip'
                        ELSE 'change' END AS event_type,
                   s.prev_period_no, s.prev_period_start, s.prev_document_key,
                   s.period_no AS cur_period_no, s.period_start AS cur_period_start, s.document_key AS cur_document_key,
                   s.period_no - s.prev_period_no - 1 AS gap_periods,
                   s.prev_n, s.n_statements AS cur_n, s.prev_index, s.stance_index AS cur_index,
                   s.prev_salience, s.salience AS cur_salience,
                   s.prev_histogram, ARRAY[s.n_hostile, s.n_critical, s.n_neutral, s.n_positive, s.n_cooperative] AS cur_histogram,
                   ARRAY(SELECT DISTINCT v FROM unnest(coalesce(s.prev_codebook_versions, '{}') || s.codebook_versions) v ORDER BY v) AS codebook_versions
            FROM seq s
            UNION ALL
            SELECT s.series_id, s.speaker_actor_id, s.document_kind, s.grain, s.target_actor_id, s.theme, s.is_self_reference,
                   'disappearance',
                   s.period_no, s.period_start, s.document_key,
                   nx.period_no, nx.period_start, nx.document_key,
                   NULL::int,
                   s.n_statements, NULL::int, s.stance_index, NULL::float8,
                   s.salience, NULL::float8,
                   ARRAY[s.n_hostile, s.n_critical, s.n_neutral, s.n_positive, s.n_cooperative], NULL::int[],
                   s.codebook_versions
            FROM seq s
            JOIN stance_speaker_periods nx ON nx.series_id = s.series_id AND nx.period_no = s.period_no + 1
            WHERE s.next_period_no IS DISTINCT FROM s.period_no + 1
        )
        SELECT row_number() OVER (ORDER BY e.series_id, e.target_actor_id, e.theme, e.cur_period_no) AS stage_id,
               e.*,
               e.cur_index - e.prev_index AS delta_stance,
               e.cur_salience - e.prev_salience AS delta_salience,
               CASE WHEN e.event_type IN ('change', 'sign_flip') THEN
                    CASE sign(e.cur_index - e.prev_index) WHEN 1 THEN 'up' WHEN -1 THEN 'down' ELSE 'flat' END END AS direction,
               NULL::float8 AS p_value, NULL::float8 AS q_value, false AS significant, NULL::varchar(32) AS test_method,
               NULL::char(32) AS content_hash
        FROM events e
        """;

    /// <summary>
    /// What the test needs: the two stance histograms of each change, and its multiple-comparison family, which is every
    /// change of one series (speaker actor, venue, grain) into one period: "what moved at this briefing / in this month".
    /// A family never spans periods, so a later document cannot turn an earlier finding significant or not.
    /// </summary>
    public const string TestInputs = """
        SELECT stage_id, series_id, cur_period_no, prev_histogram, cur_histogram
        FROM stance_change_stage
        WHERE event_type IN ('change', 'sign_flip')
        ORDER BY stage_id
        """;

    public const string ApplyTests = """
        UPDATE stance_change_stage c
        SET p_value = r.p_value, q_value = r.q_value, significant = r.significant, test_method = r.test_method
        FROM unnest(@ids, @p, @q, @significant, @method) AS r(stage_id, p_value, q_value, significant, test_method)
        WHERE c.stage_id = r.stage_id
        """;

    /// <summary>
    /// The statements that drove each change, top 3 per side. A statement's contribution is how far it pulls the mean in
    /// the change's direction: on the later side sign(delta)·(stance − earlier mean), on the earlier side
    /// sign(delta)·(later mean − stance); only positive contributions count. A first appearance shows the strongest
    /// statements of the new period, a disappearance those of the last period (contribution |stance|).
    /// </summary>
    public const string Evidence = """
        CREATE TEMP TABLE stance_evidence_stage ON COMMIT DROP AS
        SELECT stage_id, side, rank::smallint AS rank, statement_id, stance, contribution
        FROM (
            SELECT x.*, row_number() OVER (PARTITION BY x.stage_id, x.side ORDER BY x.contribution DESC, x.statement_id) AS rank
            FROM (
                SELECT c.stage_id, 'current' AS side, u.statement_id, u.stance,
                       CASE WHEN c.event_type = 'first_appearance' THEN abs(u.stance)::float8
                            ELSE sign(c.delta_stance) * (u.stance - c.prev_index) END AS contribution,
                       c.event_type
                FROM stance_change_stage c
                JOIN stance_units u
                  ON u.series_id = c.series_id AND u.period_no = c.cur_period_no
                 AND u.target_actor_id = c.target_actor_id AND u.theme = c.theme
                WHERE c.event_type <> 'disappearance'
                UNION ALL
                SELECT c.stage_id, 'previous', u.statement_id, u.stance,
                       CASE WHEN c.event_type = 'disappearance' THEN abs(u.stance)::float8
                            ELSE sign(c.delta_stance) * (c.cur_index - u.stance) END,
                       c.event_type
                FROM stance_change_stage c
                JOIN stance_units u
                  ON u.series_id = c.series_id AND u.period_no = c.prev_period_no
                 AND u.target_actor_id = c.target_actor_id AND u.theme = c.theme
                WHERE c.event_type <> 'first_appearance'
            ) x
            WHERE x.contribution > 0 OR x.event_type IN ('first_appearance', 'disappearance')
        ) ranked
        WHERE rank <= 3
        """;

    public const string ChangeHashes = """
        UPDATE stance_change_stage c
        SET content_hash = md5(concat_ws('|', c.speaker_actor_id, c.document_kind, c.grain, c.target_actor_id, c.theme,
                c.is_self_reference, c.event_type, c.prev_period_start, c.prev_document_key, c.cur_period_start, c.cur_document_key,
                c.gap_periods, c.prev_n, c.cur_n, c.prev_index, c.cur_index, c.prev_salience, c.cur_salience, c.delta_stance,
                c.delta_salience, c.direction, c.p_value, c.q_value, c.significant, c.test_method, c.codebook_versions::text,
                e.evidence))
        FROM stance_change_stage c2
        LEFT JOIN (
            SELECT stage_id, string_agg(concat_ws(':', side, rank, statement_id, stance, contribution), ',' ORDER BY side, rank) AS evidence
            FROM stance_evidence_stage GROUP BY stage_id
        ) e ON e.stage_id = c2.stage_id
        WHERE c2.stage_id = c.stage_id
        """;

    /// <summary>Sorts and hashes of a few hundred thousand rows: keep them in memory (this transaction only).</summary>
    public const string WorkMemory = "SET LOCAL work_mem = '256MB'";

    /// <summary>
    /// For the evidence step: the planner picks merge joins of the changes with the 3-million-row units table, which sort
    /// the units twice (measured 10 s of the step on 5,000 documents); hashing the changes instead needs no sort of units.
    /// </summary>
    public const string HashJoinsOnly = "SET LOCAL enable_mergejoin = off";

    public const string AllJoins = "SET LOCAL enable_mergejoin = on";

    /// <summary>Fresh temporary tables have no statistics: without them the planner picks nested loops over 100k-row tables.</summary>
    public static string Analyse(string table) => "ANALYZE " + table;

    // The diff: delete the scope's rows whose content is not recomputed identically, insert the recomputed rows that are not
    // there yet. A re-run with the same input changes nothing, not even computed_at.
    public const string DeleteObservations = """
        DELETE FROM app.stance_observations o
        USING stance_scope sc
        WHERE o.speaker_actor_id = sc.speaker_actor_id AND o.document_kind = sc.document_kind
          AND NOT EXISTS (
              SELECT 1 FROM stance_obs_stage s
              WHERE s.speaker_actor_id = o.speaker_actor_id AND s.document_kind = o.document_kind AND s.grain = o.grain
                AND s.target_actor_id = o.target_actor_id AND s.theme = o.theme AND s.period_start = o.period_start
                AND s.document_key = coalesce(o.document_id, 0) AND s.content_hash = o.content_hash)
        """;

    public const string InsertObservations = """
        INSERT INTO app.stance_observations (speaker_actor_id, target_actor_id, theme, grain, period_start, document_id,
            document_kind, is_self_reference, n_statements, n_hostile, n_critical, n_neutral, n_positive, n_cooperative,
            stance_index, stance_variance, stance_sd, speaker_statements, salience, codebook_versions, content_hash, computed_at)
        SELECT s.speaker_actor_id, s.target_actor_id, s.theme, s.grain, s.period_start, nullif(s.document_key, 0),
               s.document_kind, s.is_self_reference, s.n_statements, s.n_hostile, s.n_critical, s.n_neutral, s.n_positive,
               s.n_cooperative, s.stance_index, s.stance_variance, s.stance_sd, s.speaker_statements, s.salience,
               s.codebook_versions, s.content_hash, now()
        FROM stance_obs_stage s
        WHERE NOT EXISTS (
            SELECT 1 FROM app.stance_observations o
            WHERE s.speaker_actor_id = o.speaker_actor_id AND s.document_kind = o.document_kind AND s.grain = o.grain
              AND s.target_actor_id = o.target_actor_id AND s.theme = o.theme AND s.period_start = o.period_start
              AND s.document_key = coalesce(o.document_id, 0))
        ORDER BY s.speaker_actor_id, s.document_kind, s.grain, s.target_actor_id, s.theme, s.period_start, s.document_key
        """;

    public const string DeleteChanges = """
        DELETE FROM app.stance_changes o
        USING stance_scope sc
        WHERE o.speaker_actor_id = sc.speaker_actor_id AND o.document_kind = sc.document_kind
          AND NOT EXISTS (
              SELECT 1 FROM stance_change_stage s
              WHERE s.speaker_actor_id = o.speaker_actor_id AND s.document_kind = o.document_kind AND s.grain = o.grain
                AND s.target_actor_id = o.target_actor_id AND s.theme = o.theme AND s.cur_period_start = o.current_period_start
                AND s.cur_document_key = coalesce(o.current_document_id, 0) AND s.content_hash = o.content_hash)
        """;

    public const string InsertChanges = """
        WITH inserted AS (
            INSERT INTO app.stance_changes (speaker_actor_id, target_actor_id, theme, grain, document_kind, is_self_reference,
                event_type, previous_period_start, previous_document_id, current_period_start, current_document_id, gap_periods,
                previous_n, current_n, previous_stance_index, current_stance_index, previous_salience, current_salience,
                delta_stance, delta_salience, direction, p_value, q_value, significant, test_method, codebook_versions,
                content_hash, computed_at)
            SELECT s.speaker_actor_id, s.target_actor_id, s.theme, s.grain, s.document_kind, s.is_self_reference,
                   s.event_type, s.prev_period_start, nullif(s.prev_document_key, 0), s.cur_period_start, nullif(s.cur_document_key, 0),
                   s.gap_periods, s.prev_n, s.cur_n, s.prev_index, s.cur_index, s.prev_salience, s.cur_salience,
                   s.delta_stance, s.delta_salience, s.direction, s.p_value, s.q_value, s.significant, s.test_method,
                   s.codebook_versions, s.content_hash, now()
            FROM stance_change_stage s
            WHERE NOT EXISTS (
                SELECT 1 FROM app.stance_changes o
                WHERE s.speaker_actor_id = o.speaker_actor_id AND s.document_kind = o.document_kind AND s.grain = o.grain
                  AND s.target_actor_id = o.target_actor_id AND s.theme = o.theme AND s.cur_period_start = o.current_period_start
                  AND s.cur_document_key = coalesce(o.current_document_id, 0))
            ORDER BY s.stage_id
            RETURNING id, content_hash
        )
        INSERT INTO app.stance_change_evidence (stance_change_id, side, rank, statement_id, stance, contribution)
        SELECT i.id, e.side, e.rank, e.statement_id, e.stance, e.contribution
        FROM inserted i
        JOIN stance_change_stage s ON s.content_hash = i.content_hash
        JOIN stance_evidence_stage e ON e.stage_id = s.stage_id
        ORDER BY i.id, e.side, e.rank
        """;
}
