using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Parsing;
using Diplotrack.Text.Parsing.Fmprc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Diplotrack.Tests.Jobs;

/// <summary>The app's real services for the job tests, reading the Foreign Ministry's format.</summary>
public static class JobServices
{
    /// <summary>
    /// The app's reader has no formats until the parser branch wires them, so the tests name the one they read.
    /// </summary>
    public static TranscriptReader Reader { get; } = new([new FmprcBriefingHtmlFormat()]);

    public static ServiceProvider Create(TestDatabase database, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        EnsureSpokespersonActor(database);
        // The local test sites need no politeness delay between requests.
        var values = new Dictionary<string, string?> { ["Sources:RequestDelayMilliseconds"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return AppServices.Create(database, values, services =>
        {
            services.AddSingleton(Reader);
            configure?.Invoke(services);
        });
    }

    /// <summary>
    /// The format attributes spokespersons to actor <c>CN</c>; the codebook's reference data is not seeded in test
    /// databases (seed/ lands with another branch), so the one row the pages need is added here.
    /// </summary>
    private static void EnsureSpokespersonActor(TestDatabase database)
    {
        using var connection = new NpgsqlConnection(database.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "INSERT INTO app.actors (id, kind, name_en, name_zh, aliases) VALUES ('CN', 'country', 'China', '中国', '{}') ON CONFLICT (id) DO NOTHING",
            connection);
        command.ExecuteNonQuery();
    }
}
