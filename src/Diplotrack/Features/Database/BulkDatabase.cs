using Npgsql;

namespace Diplotrack.Features.Database;

/// <summary>The bulk paths' own connection pool: COPY needs raw Npgsql connections, not EF Core's.</summary>
public sealed class BulkDatabase(string connectionString) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = NpgsqlDataSource.Create(connectionString);

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}

/// <summary>How the COPY paths (bulk ingest and bulk re-code) batch and parallelise their work.</summary>
public sealed record BulkOptions
{
    /// <summary>Documents per transaction: large enough to amortise round trips, small enough to bound memory.</summary>
    public int BatchDocuments { get; init; } = 200;
    /// <summary>A batch is also closed at this many statements (a few huge transcripts must not make a huge batch).</summary>
    public int BatchStatements { get; init; } = 40_000;
    /// <summary>Parse/code workers; the writer and the reader run beside them.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Batches in flight at once, each on its own connection and transaction.</summary>
    public int Writers { get; init; } = 2;
    /// <summary>When a batch fails, store its documents one by one so only the bad one is refused.</summary>
    public bool RetryFailedBatchPerDocument { get; init; } = true;
    public string? User { get; init; }
}
