using Diplotrack.Data;
using Diplotrack.Text.Parsing;
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
        return services;
    }
}
