using Diplotrack.Data;
using Diplotrack.Features.Seeding;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Parsing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Diplotrack.Features.Ingestion.Bulk;

/// <summary>The bulk path's own connection pool: COPY needs raw Npgsql connections, not EF Core's.</summary>
public sealed class BulkDatabase(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}

public static class BulkServices
{
    public static IServiceCollection AddBulkIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new BulkDatabase(DiplotrackDatabase.GetConnectionString(configuration)));
        services.AddSingleton(sp => new BulkIngestor(sp.GetRequiredService<BulkDatabase>().Source,
            sp.GetRequiredService<TranscriptReader>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new BulkRecoder(sp.GetRequiredService<BulkDatabase>().Source, sp.GetRequiredService<TimeProvider>()));
        // The coder of seed/codebook, built once (its automaton is the expensive part) and shared by all workers.
        services.AddSingleton(LoadCodebook);
        services.AddSingleton(sp => new StatementCoder(sp.GetRequiredService<Codebook>()));
        return services;
    }

    public static Codebook LoadCodebook(IServiceProvider services) =>
        CodebookLoader.Load(Path.Combine(services.GetRequiredService<IOptions<SeedOptions>>().Value.ResolveDirectory(), "codebook"));
}
