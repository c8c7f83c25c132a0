namespace Diplotrack.Features.Stance;

/// <summary>
/// The SQL of the stance jobs: which (speaker actor, venue) pairs a run covers, the statements it reads, and the
/// difference it writes. The computation itself is <see cref="StanceCalculator"/>.
/// </summary>
internal static class StanceSql
{
    /// <summary>Serialises stance recomputes (nightly full run and per-ingestion runs may overlap).</summary>
    public const string Lock = "SELECT pg_advisory_xact_lock(hashtext('diplotrack.stance'))";

    /// <summary>The statement query hashes a few hundred thousand codings and targets: in memory, not in batches on disk.</summary>
    public const string WorkMemory = "SET LOCAL work_mem = '64MB'";

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
    /// The statements that count, one row per statement and target (a statement without targets once, with null target:
    /// it still counts in its speaker's denominator): the official's voice (answer, opening; never questions, never
    /// highlights, which repeat answers), with a speaker whose actor is known and a current coding.
    /// </summary>
    public const string Statements = """
        SELECT s.id, sp.actor_id, d.kind, d.id, d.date, c.codebook_version_id, c.themes, t.actor_id, t.stance
        FROM app.statements s
        JOIN app.speakers sp ON sp.id = s.speaker_id
        JOIN app.documents d ON d.id = s.document_id
        JOIN stance_scope sc ON sc.speaker_actor_id = sp.actor_id AND sc.document_kind = d.kind
        JOIN app.statement_codings c ON c.statement_id = s.id AND c.is_current
        LEFT JOIN app.coding_targets t ON t.statement_coding_id = c.id
        WHERE s.kind IN ('answer', 'opening')
        """;

    /// <summary>The scope's stored rows, by content: the run keeps those it computes again and deletes the others.</summary>
    public const string ExistingObservations = """
        SELECT o.id, o.content_hash FROM app.stance_observations o
        JOIN stance_scope sc ON sc.speaker_actor_id = o.speaker_actor_id AND sc.document_kind = o.document_kind
        """;

    public const string ExistingChanges = """
        SELECT c.id, c.content_hash FROM app.stance_changes c
        JOIN stance_scope sc ON sc.speaker_actor_id = c.speaker_actor_id AND sc.document_kind = c.document_kind
        """;

    public const string Analyse = "ANALYZE app.stance_observations, app.stance_changes";

    public const string DeleteObservations = "DELETE FROM app.stance_observations WHERE id = ANY(@ids)";

    public const string DeleteChanges = "DELETE FROM app.stance_changes WHERE id = ANY(@ids)";

    public const string CopyObservations = """
        COPY app.stance_observations (speaker_actor_id, target_actor_id, theme, grain, period_start, document_id, document_kind,
            is_self_reference, n_statements, n_hostile, n_critical, n_neutral, n_positive, n_cooperative, stance_index,
            stance_variance, stance_sd, speaker_statements, salience, codebook_versions, content_hash, computed_at)
        FROM STDIN (FORMAT BINARY)
        """;

    public const string CopyChanges = """
        COPY app.stance_changes (speaker_actor_id, target_actor_id, theme, grain, document_kind, is_self_reference, event_type,
            previous_period_start, previous_document_id, current_period_start, current_document_id, gap_periods, previous_n,
            current_n, previous_stance_index, current_stance_index, previous_salience, current_salience, delta_stance,
            delta_salience, direction, p_value, q_value, significant, test_method, codebook_versions, evidence_statement_ids,
            evidence_stances, evidence_contributions, evidence_current_count, content_hash, computed_at)
        FROM STDIN (FORMAT BINARY)
        """;
}
