using System.Net;
using AngleSharp.Html.Parser;
using Diplotrack.Data.Identity;

namespace Diplotrack.Tests.Web;

/// <summary>People download each reporting view as CSV with their sign-in cookie; the content is the API's.</summary>
public sealed class ReportsPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_signed_in_viewer_downloads_each_reporting_view_as_the_same_csv_the_api_serves()
    {
        await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：中方愿同各方一道努力。"));
        using var viewer = await app.SignedInAsync(Roles.Viewer);
        var page = new HtmlParser().ParseDocument(await viewer.GetStringAsync("/reports"));
        var links = page.QuerySelectorAll("#reports a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains("/reports/statements.csv", links);

        var response = await viewer.GetAsync("/reports/statements.csv");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("statements.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("中方愿同各方一道努力", csv);
        Assert.Equal(await app.Api(Roles.Viewer).GetStringAsync("/api/v1/reports/statements.csv"), csv);

        // Every listed link works, not just one.
        foreach (var link in links)
            await HttpAssert.StatusAsync(HttpStatusCode.OK, await viewer.GetAsync(link));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/reports/no_such_view.csv")).StatusCode);
    }

    [Fact]
    public async Task Without_a_sign_in_the_csv_is_refused()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/reports/statements.csv");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
