using Diplotrack.Data;
using Diplotrack.Features.Codebook;
using Diplotrack.Features.Coding;
using Diplotrack.Features.Ingestion;
using Diplotrack.Features.Jobs;
using Diplotrack.Features.Seeding;
using Diplotrack.Features.Users;
using Diplotrack.Features.Stance;
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
        services.AddSingleton<CoderCache>();
        services.AddScoped<CodebookService>();
        services.AddScoped<DocumentStore>();
        services.AddScoped<Recoder>();
        services.AddScoped<RecodeBackgroundJob>();
        services.AddScoped<DocumentIngestor>();
        services.AddScoped<Seeder>();
        services.AddUsersFeature();
        services.AddDiplotrackJobServices(configuration);
        services.AddStance();
        return services;
    }
}
