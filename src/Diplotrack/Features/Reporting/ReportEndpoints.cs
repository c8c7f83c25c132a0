using System.Text;
using Diplotrack.Features.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Diplotrack.Features.Reporting;

/// <summary>CSV download of any reporting view for the admin UI: <c>GET /api/v1/reports/{view}.csv</c> (viewer role).</summary>
public static class ReportEndpoints
{
    /// <summary>Maps <c>/reports</c> under the API group (<c>/api/v1</c>): any signed-in role may read reports.</summary>
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").RequireAuthorization(Policies.Viewer).WithTags("Reports");
        group.MapGet("/", ListAsync);
        group.MapGet("/{view}.csv", DownloadAsync);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<string>>> ListAsync(ReportExporter exporter, CancellationToken ct) =>
        TypedResults.Ok(await exporter.ListViewsAsync(ct));

    private static async Task<Results<PushStreamHttpResult, NotFound<string>>> DownloadAsync(
        string view, ReportExporter exporter, IServiceScopeFactory scopes, CancellationToken ct)
    {
        // Checked before the response starts, so an unknown view is a clean 404 rather than a broken download.
        if (!(await exporter.ListViewsAsync(ct)).Contains(view, StringComparer.Ordinal))
            return TypedResults.NotFound($"'{view}' is not a reporting view.");
        return TypedResults.Stream(async body =>
        {
            // The stream callback runs after the handler returned: use a scope of its own for the DbContext.
            await using var scope = scopes.CreateAsyncScope();
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true);
            await scope.ServiceProvider.GetRequiredService<ReportExporter>().WriteCsvAsync(view, null, null, writer, ct);
        }, "text/csv; charset=utf-8", $"{view}.csv");
    }
}
