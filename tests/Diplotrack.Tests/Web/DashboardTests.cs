using AngleSharp.Html.Parser;
using Diplotrack.Data.Identity;

namespace Diplotrack.Tests.Web;

public sealed class DashboardTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_stance_chart_draws_monthly_means_and_leaves_months_without_statements_empty()
    {
        async Task Coded(string date, string answer, string actor, short stance)
        {
            var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：" + answer), title: "图表 " + date, date: date);
            await app.AddAutoCodingAsync(await app.StatementIdAsync(id, answer), actor, stance, 0.9, "relations");
        }
        await Coded("2019-01-15", "日本应当正视历史。", "JP", -1);
        await Coded("2019-02-15", "美国应当停止单边制裁。", "US", -2);
        await Coded("2019-03-15", "日本愿同中方加强合作。", "JP", 1);

        using var viewer = await app.SignedInAsync(Roles.Viewer);
        var page = new HtmlParser().ParseDocument(await (await viewer.GetAsync("/")).Content.ReadAsStringAsync());
        var japan = page.QuerySelector("#stance-chart g.series[data-actor='JP']")!;
        var points = japan.QuerySelectorAll("circle title").Select(t => t.TextContent).ToList();
        Assert.Equal(["日本 2019-01: −1.00 (1 statements)", "日本 2019-03: +1.00 (1 statements)"], points);
        // February has a statement about the US only: Japan's line breaks there instead of dropping to zero.
        Assert.Equal(2, japan.QuerySelectorAll("polyline").Length);
        Assert.Contains("美国 2019-02: −2.00 (1 statements)", page.QuerySelector("#stance-chart g.series[data-actor='US']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("main table tbody tr").Length); // latest ingested
    }

    [Fact]
    public async Task The_codebook_page_lists_the_loaded_actors_and_themes()
    {
        using var viewer = await app.SignedInAsync(Roles.Viewer);
        var page = new HtmlParser().ParseDocument(await (await viewer.GetAsync("/codebook")).Content.ReadAsStringAsync());
        Assert.StartsWith("Codebook v", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var actors = page.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent).ToList();
        Assert.Contains("US", actors);
        Assert.Contains("AFRICAN_UNION", actors);
        Assert.Equal(11, page.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Length); // codebook §3
    }

    [Fact]
    public async Task The_ingestion_page_lists_runs_and_failed_files_with_their_errors_as_text()
    {
        await using (var db = app.Database.CreateContext())
        {
            var run = new Diplotrack.Data.Ingestion.IngestionRun
            {
                Trigger = "inbox", Status = "succeeded", StartedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow, Failed = 1,
            };
            db.IngestionRuns.Add(run);
            await db.SaveChangesAsync();
            db.IngestionFiles.Add(new Diplotrack.Data.Ingestion.IngestionFile
            {
                RunId = run.Id, FileName = "坏文件<script>.txt", Sha256 = new string('a', 64), Outcome = "failed",
                Error = "not UTF-8: looks like GBK/GB18030", MovedTo = "failed/坏文件.txt", At = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        using var viewer = await app.SignedInAsync(Roles.Viewer);
        var page = new HtmlParser().ParseDocument(await (await viewer.GetAsync("/ingestion")).Content.ReadAsStringAsync());
        var failed = page.QuerySelector("#failed-files tbody tr")!.TextContent;
        Assert.Contains("坏文件<script>.txt", failed, StringComparison.Ordinal);
        Assert.Contains("looks like GBK", failed, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Contains("inbox", page.QuerySelector("#runs tbody tr")!.TextContent, StringComparison.Ordinal);

        var dashboard = new HtmlParser().ParseDocument(await (await viewer.GetAsync("/")).Content.ReadAsStringAsync());
        Assert.Contains("坏文件<script>.txt", dashboard.QuerySelector("#latest-failures")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 failed", dashboard.QuerySelector("#latest-runs")!.TextContent, StringComparison.Ordinal);
    }
}
