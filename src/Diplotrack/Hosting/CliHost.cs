namespace Diplotrack.Hosting;

/// <summary>
/// A host for the one-shot verbs (migrate, seed, ingest, ...): the same configuration and services as the
/// server, without Kestrel or background workers.
/// </summary>
public static class CliHost
{
    public static IHost Build(Action<IServiceCollection, IConfiguration>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        // CLI output is for people and scripts: keep framework chatter (EF Core's SQL, host lifetime) out of it.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDiplotrackCore(builder.Configuration);
        configure?.Invoke(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>Runs <paramref name="work"/> in a DI scope and turns a configuration error into a one-line message.</summary>
    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken ct)
    {
        IHost host;
        try
        {
            host = Build();
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"diplotrack: {ex.Message}");
            return 2;
        }
        using (host)
        {
            await using var scope = host.Services.CreateAsyncScope();
            try
            {
                return await work(scope.ServiceProvider, ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Text.Codebook.CodebookException or Npgsql.NpgsqlException)
            {
                // Operator errors (no database, no codebook, a broken codebook file) get one line, not a stack trace.
                await Console.Error.WriteLineAsync($"diplotrack: {ex.Message}");
                return 2;
            }
        }
    }
}
