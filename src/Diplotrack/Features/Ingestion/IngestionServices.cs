using Diplotrack.Features.Ingestion.Inbox;
using Diplotrack.Features.Ingestion.Sources;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Ingestion;

public static class IngestionServices
{
    /// <summary>The ingestion work itself (inbox, sources, the document store), for every role and the CLI.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.Section));
        services.AddOptions<SourcesOptions>().Bind(configuration.GetSection(SourcesOptions.Section));
        services.AddScoped<DocumentStore>();
        services.AddScoped<DocumentIngestor>();
        services.AddSingleton<InboxIngestion>();
        services.AddSingleton<IListingParser, HtmlListingParser>();
        services.AddSingleton<PageFetcher>();
        services.AddSingleton<SourceCrawler>();
        services.AddTransient<IngestionJobs>();
        services.AddHttpClient(PageFetcher.ClientName, (sp, client) =>
        {
            var o = sp.GetRequiredService<IOptions<SourcesOptions>>().Value;
            client.Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds);
            client.DefaultRequestHeaders.UserAgent.ParseAdd(o.UserAgent);
        });
        return services;
    }
}
