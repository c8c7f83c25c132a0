using Diplotrack.Text.Codebook;
using Npgsql;
using NpgsqlTypes;

namespace Diplotrack.Features.Ingestion.Bulk;

/// <summary>
/// The rows automatic codings point at: the codebook version and its actors. Inserted when missing, never changed,
/// so a bulk load can write codings on a database that has only been migrated.
/// </summary>
public static class CodebookReference
{
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, Codebook codebook, string? user, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var version = new NpgsqlBatchCommand(
            """
            INSERT INTO app.codebook_versions (id, content_sha256, content, description, created_at, created_by)
            VALUES (@id, @sha, @content, 'loaded by bulk ingest', now(), @user)
            ON CONFLICT DO NOTHING
            """);
        version.Parameters.AddWithValue("id", codebook.Version);
        version.Parameters.AddWithValue("sha", codebook.ContentSha256());
        version.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Jsonb) { Value = codebook.ToJson() });
        version.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Varchar) { Value = (object?)user ?? DBNull.Value });
        batch.BatchCommands.Add(version);
        var aliases = codebook.Aliases.ToLookup(a => a.ActorId, a => a.Alias);
        var actors = new NpgsqlBatchCommand(
            """
            INSERT INTO app.actors (id, kind, name_en, name_zh, aliases)
            SELECT id, kind, name_en, name_zh, string_to_array(aliases, E'\x1f')
            FROM unnest(@ids, @kinds, @en, @zh, @aliases) AS a(id, kind, name_en, name_zh, aliases)
            ON CONFLICT (id) DO NOTHING
            """);
        actors.Parameters.AddWithValue("ids", codebook.Actors.Select(a => a.Id).ToArray());
        actors.Parameters.AddWithValue("kinds", codebook.Actors.Select(a => a.Kind).ToArray());
        actors.Parameters.AddWithValue("en", codebook.Actors.Select(a => a.NameEn).ToArray());
        actors.Parameters.AddWithValue("zh", codebook.Actors.Select(a => a.NameZh).ToArray());
        // Aliases travel joined by the unit separator (never in a name) because unnest cannot take an array of arrays.
        actors.Parameters.AddWithValue("aliases", codebook.Actors.Select(a => string.Join('\x1f', aliases[a.Id])).ToArray());
        batch.BatchCommands.Add(actors);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
