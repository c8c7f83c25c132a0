using Diplotrack.Data;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Features.Coding.Recoding;
using Diplotrack.Features.Database;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Ingestion.Bulk;
using Diplotrack.Features.Ingestion.Seed;
using Diplotrack.Features.Reporting;
using Diplotrack.Features.Stance;
using Diplotrack.Features.Users;
using Diplotrack.Text.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Diplotrack.Hosting;

/// <summary>Services every role needs (web, worker and the CLI verbs): the database and the text pipeline.</summary>
public static class CoreServices
{
    public static IServiceCollection AddDiplotrackCore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = DiplotrackDatabase.GetConnectionString(configuration);
        services.AddDbContext<DiplotrackDbContext>(o => o.UseDiplotrack(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(TranscriptReader.Default);
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddOptions<CodingOptions>().Bind(configuration.GetSection(CodingOptions.Section));
        // In the order data flows: coding (codebook, re-code), ingestion (store, inbox, sources, bulk, seed), stance, reporting.
        services.AddSingleton<CoderCache>();
        services.AddScoped<CodebookService>();
        services.AddScoped<FormulaLadder>();
        services.AddScoped<Recoder>();
        services.AddScoped<RecodeBackgroundJob>();
        services.AddIngestion(configuration);
        services.AddScoped<Seeder>();
        services.AddStance();
        services.AddDiplotrackReporting(configuration);
        services.AddUsersFeature();
        services.AddBackgroundJobStorage(configuration);
        // The COPY paths share one raw Npgsql pool.
        services.AddSingleton(_ => new BulkDatabase(connectionString));
        services.AddSingleton(sp => new BulkIngestor(sp.GetRequiredService<BulkDatabase>().Source,
            sp.GetRequiredService<TranscriptReader>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new BulkRecoder(sp.GetRequiredService<BulkDatabase>().Source, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
