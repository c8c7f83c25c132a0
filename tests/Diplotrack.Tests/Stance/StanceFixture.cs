using Diplotrack.Features.Stance;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplotrack.Tests.Stance;

/// <summary>One statement to insert: who said it (speaker id), its kind, and its current coding.</summary>
public sealed record FixtureStatement(int Speaker, string Kind, (string Actor, short Stance)[] Targets, string[] Themes)
{
    public static FixtureStatement Answer(int speaker, string actor, int stance, params string[] themes) =>
        new(speaker, "answer", [(actor, (short)stance)], themes);
}

/// <summary>
/// Builds coded documents directly in the database (the coder and parser are not needed): documents, statements,
/// current codings and targets with known stances, and runs the app's real <see cref="StanceJobs"/> from DI.
/// </summary>
public sealed class StanceFixture(TestDatabase database)
{
    public const string Briefing = "regular-briefing";
    public const string PressConference = "npc-press-conference";

    public int ChinaSpokesperson { get; private set; }
    public int ChinaMinister { get; private set; }
    public int UsSpokesperson { get; private set; }
    public int Journalist { get; private set; }

    private int _documents;

    /// <summary>Empties every document and derived row and loads the few actors, speakers and the codebook version needed.</summary>
    public async Task ResetAsync()
    {
        await ExecuteAsync("""
            TRUNCATE app.stance_changes, app.stance_observations, app.coding_targets,
                     app.statement_codings, app.highlight_sources, app.statements, app.exchanges, app.documents, app.speakers
                     RESTART IDENTITY CASCADE;
            INSERT INTO app.codebook_versions (id, content_sha256, content, created_at)
            VALUES (1, repeat('a', 64), '{}', now()), (2, repeat('b', 64), '{}', now()) ON CONFLICT DO NOTHING;
            INSERT INTO app.actors (id, kind, name_en, name_zh, aliases) VALUES
              ('CN', 'country', 'China', '中国', '{}'), ('US', 'country', 'United States', '美国', '{}'),
              ('RU', 'country', 'Russia', '俄罗斯', '{}'), ('JP', 'country', 'Japan', '日本', '{}'),
              ('PH', 'country', 'Philippines', '菲律宾', '{}')
            ON CONFLICT DO NOTHING;
            """);
        ChinaSpokesperson = await SpeakerAsync("汪文斌", "CN");
        ChinaMinister = await SpeakerAsync("王毅", "CN");
        UsSpokesperson = await SpeakerAsync("Matthew Miller", "US");
        Journalist = await SpeakerAsync("记者", null);
        _documents = 0;
    }

    private async Task<int> SpeakerAsync(string name, string? actor)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO app.speakers (name, actor_id) VALUES (@n, @a) RETURNING id", connection);
        command.Parameters.AddWithValue("n", name);
        command.Parameters.AddWithValue("a", (object?)actor ?? DBNull.Value);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Inserts a document with its statements; returns the document id and the statement ids in order.</summary>
    public async Task<(long Document, long[] Statements)> AddDocumentAsync(DateOnly date, string kind, IReadOnlyList<FixtureStatement> statements,
        int codebookVersion = 1)
    {
        var n = ++_documents;
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        long document;
        await using (var command = new NpgsqlCommand("""
            INSERT INTO app.documents (title, date, kind, language, source, format, sha256, normalised_text, ingested_at)
            VALUES (@title, @date, @kind, 'zh', @source, 'fixture', @sha, 'x', now()) RETURNING id
            """, connection, tx))
        {
            command.Parameters.AddWithValue("title", $"fixture {n}");
            command.Parameters.AddWithValue("date", date);
            command.Parameters.AddWithValue("kind", kind);
            command.Parameters.AddWithValue("source", $"fixture-{n}.txt");
            command.Parameters.AddWithValue("sha", Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"));
            document = (long)(await command.ExecuteScalarAsync())!;
        }
        var ids = new long[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            await using var command = new NpgsqlCommand("""
                WITH s AS (
                    INSERT INTO app.statements (document_id, ordinal, kind, speaker_id, span_start, span_end, text)
                    VALUES (@document, @ordinal, @kind, @speaker, @ordinal * 10, @ordinal * 10 + 9, 'statement')
                    RETURNING id),
                c AS (
                    INSERT INTO app.statement_codings (statement_id, origin, codebook_version_id, themes, is_current, created_at)
                    SELECT id, 'auto', @version, @themes, true, now() FROM s RETURNING id),
                t AS (
                    INSERT INTO app.coding_targets (statement_coding_id, actor_id, stance, source, confidence)
                    SELECT c.id, x.actor, x.stance, 'explicit', 0.9 FROM c, unnest(@actors, @stances) AS x(actor, stance))
                SELECT id FROM s
                """, connection, tx);
            command.Parameters.AddWithValue("document", document);
            command.Parameters.AddWithValue("ordinal", i);
            command.Parameters.AddWithValue("kind", s.Kind);
            command.Parameters.AddWithValue("speaker", s.Speaker);
            command.Parameters.AddWithValue("version", codebookVersion);
            command.Parameters.AddWithValue("themes", s.Themes);
            command.Parameters.AddWithValue("actors", s.Targets.Select(t => t.Actor).ToArray());
            command.Parameters.AddWithValue("stances", s.Targets.Select(t => t.Stance).ToArray());
            ids[i] = (long)(await command.ExecuteScalarAsync())!;
        }
        await tx.CommitAsync();
        return (document, ids);
    }

    /// <summary>Replaces a statement's current coding by a manual one (the old one is kept, superseded).</summary>
    public Task RecodeAsync(long statement, string actor, int stance, params string[] themes) =>
        ExecuteAsync($"""
            UPDATE app.statement_codings SET is_current = false, superseded_at = now() WHERE statement_id = {statement} AND is_current;
            WITH c AS (
                INSERT INTO app.statement_codings (statement_id, origin, codebook_version_id, themes, is_current, created_at, reason)
                VALUES ({statement}, 'manual', 2, ARRAY[{string.Join(", ", themes.Select(t => $"'{t}'"))}]::text[], true, now(), 'test')
                RETURNING id)
            INSERT INTO app.coding_targets (statement_coding_id, actor_id, stance, source, confidence)
            SELECT id, '{actor}', {stance}, 'explicit', 1 FROM c;
            """);

    public async Task RecomputeAllAsync(CancellationToken ct = default)
    {
        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StanceJobs>().RecomputeAllAsync(ct);
    }

    public async Task RecomputeForDocumentsAsync(params long[] documents)
    {
        await using var services = AppServices.Create(database);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StanceJobs>().RecomputeForDocumentsAsync(documents, CancellationToken.None);
    }

    /// <summary>
    /// Every derived row as JSON, physical identity included (id, computed_at, xmin): equal only if nothing was written.
    /// A change's evidence is a column of its row, so it is included.
    /// </summary>
    public Task<List<string>> PhysicalSnapshotAsync() => StringsAsync("""
        SELECT (to_jsonb(o) || jsonb_build_object('xmin', o.xmin::text))::text FROM app.stance_observations o
        UNION ALL
        SELECT (to_jsonb(c) || jsonb_build_object('xmin', c.xmin::text))::text FROM app.stance_changes c
        ORDER BY 1
        """);

    /// <summary>Every derived row's content (without id and computed_at), changes with their evidence, in key order.</summary>
    public Task<List<string>> ContentSnapshotAsync() => StringsAsync("""
        SELECT x FROM (
            SELECT (to_jsonb(o) - 'id' - 'computed_at')::text AS x FROM app.stance_observations o
            UNION ALL
            SELECT (to_jsonb(c) - 'id' - 'computed_at')::text FROM app.stance_changes c) rows
        ORDER BY x
        """);

    public async Task<List<string>> StringsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
