using System.Globalization;
using System.Text;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Diplotrack.Features.Explorer;

/// <summary>
/// The explorer's exports: the chart's data as CSV and the chart as SVG, for exactly the filter on the page. Beside the
/// page (under <c>/explorer</c>, not <c>/api/v1</c>) because they are the page's downloads: they use the browser's
/// session cookie, which the API never reads.
/// </summary>
public static class ExplorerEndpoints
{
    public static IServiceCollection AddExplorerFeature(this IServiceCollection services)
    {
        services.AddScoped<ExplorerQueries>();
        return services;
    }

    public static WebApplication MapExplorerExports(this WebApplication app)
    {
        var group = app.MapGroup("/explorer/{actor}").RequireAuthorization(Policies.Viewer).ExcludeFromDescription();
        group.MapGet("/data.csv", CsvAsync);
        group.MapGet("/chart.svg", SvgAsync);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> CsvAsync(string actor, string? speaker, string? theme, string? venue, string? grain,
        ExplorerQueries queries, CancellationToken ct)
    {
        var data = await queries.LoadAsync(new ExplorerFilter(actor, speaker, theme, venue, grain), ct);
        if (data is null) return TypedResults.NotFound();
        return TypedResults.File(Encoding.UTF8.GetBytes(Csv(data)), "text/csv; charset=utf-8", FileName(data, "csv"));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> SvgAsync(string actor, string? speaker, string? theme, string? venue, string? grain,
        ExplorerQueries queries, CancellationToken ct)
    {
        var data = await queries.LoadAsync(new ExplorerFilter(actor, speaker, theme, venue, grain), ct);
        if (data is null) return TypedResults.NotFound();
        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + ExplorerChart.Render(data, standalone: true);
        return TypedResults.File(new UTF8Encoding(false).GetBytes(svg), "image/svg+xml", FileName(data, "svg"));
    }

    /// <summary>
    /// One row per plotted point, with the figures the chart draws (interval included) and the significant change into
    /// that period, if any; ISO dates and invariant numbers so that any tool reads it back.
    /// </summary>
    public static string Csv(ExplorerData data)
    {
        var csv = new StringBuilder();
        csv.Append("speaker_actor_id,target_actor_id,target_name,theme,venue,grain,period_start,period_label,n_statements,stance_index,stance_sd,ci_low,ci_high,salience,significant_change_id,delta_stance,q_value\r\n");
        var changes = data.Changes.GroupBy(c => (c.Venue, c.CurrentPeriod)).ToDictionary(g => g.Key, g => g.Last());
        foreach (var series in data.Series)
        foreach (var p in series.Points)
        {
            var change = changes.GetValueOrDefault((series.Venue, p.Period));
            string?[] cells =
            [
                data.Speaker, data.Target.Id, data.Target.Name, data.Theme, series.Venue, data.Grain, p.Period.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Web.Charts.TimeAxis.Label(data.Grain, p.Period), N(p.N), N(p.Mean), N(p.Sd), N(p.Interval?.Low), N(p.Interval?.High), N(p.Salience),
                change is null ? null : N(change.Id), N(change?.Delta), N(change?.Q),
            ];
            csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static string? N<T>(T? v) where T : struct, IFormattable => v?.ToString(null, CultureInfo.InvariantCulture);
    private static string N<T>(T v) where T : struct, IFormattable => v.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, and a leading apostrophe before =, +, - and @ so a spreadsheet never runs a name as a formula.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var isNumber = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (!isNumber && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string FileName(ExplorerData data, string extension) => string.Create(CultureInfo.InvariantCulture,
        $"stance-{data.Speaker}-{data.Target.Id}-{(data.Theme == "*" ? "all" : data.Theme)}-{data.Venue}-{data.Grain}.{extension}");
}
