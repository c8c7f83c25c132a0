namespace Diplotrack.Features.Reporting;

public static class ReportingServices
{
    public static IServiceCollection AddDiplotrackReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section));
        services.AddScoped<ReportingRole>();
        services.AddScoped<ReportExporter>();
        services.AddScoped<ReportingSnapshot>();
        return services;
    }
}
