using Diplotrack.Data.Identity;
using Microsoft.Playwright;

namespace Diplotrack.Tests.Web;

/// <summary>
/// An analyst's path through the stance explorer in a real browser: open an actor, read the chart, click a point and a
/// change marker to reach the statements, follow one to its document, switch names to English. Screenshots go to
/// <c>TestResults/screenshots/explorer-*.png</c>.
/// </summary>
public sealed class ExplorerBrowserTests(ExplorerFixture fixture) : IClassFixture<ExplorerFixture>
{
    [BrowserFact]
    public async Task A_viewer_clicks_from_the_chart_to_the_evidence_and_its_document()
    {
        Directory.CreateDirectory(BrowserTests.Screenshots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserTests.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { BaseURL = fixture.App.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add($"{page.Url}: {message.Text}"); };
        page.PageError += (_, error) => { lock (errors) errors.Add($"{page.Url}: {error}"); };
        async Task Shot(string name) => await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTests.Screenshots, name), FullPage = true });

        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name=Email]", WebAppFixture.ViewerEmail);
        await page.FillAsync("input[name=Password]", WebAppFixture.Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForSelectorAsync("h1:has-text('Dashboard')");
        await page.WaitForSelectorAsync("#stance-chart");
        await Shot("explorer-01-dashboard.png");

        // From the nav to the actor list, then the actor.
        await page.ClickAsync("nav >> text=Stance explorer");
        await page.ClickAsync("#explorer-actors a:has-text('KR')");
        await page.WaitForSelectorAsync("#explorer-chart circle.point");
        Assert.Equal(4, await page.Locator("#explorer-chart circle.point").CountAsync());
        Assert.True(await page.Locator("#explorer-chart").IsVisibleAsync());
        await Shot("explorer-02-actor.png");

        // A click on January's point lists its five statements, the actor mention highlighted.
        await page.ClickAsync("#explorer-chart g.series[data-venue='npc-press-conference'] circle.point[data-period='2019-01-01']");
        await page.WaitForSelectorAsync("#statements .statement mark.actor");
        Assert.Equal(5, await page.Locator("#statements .statement").CountAsync());
        Assert.Contains("2019-01", await page.Locator("#statements h2").InnerTextAsync(), StringComparison.Ordinal);
        await Shot("explorer-03-point-statements.png");

        // A click on the change marker lists the evidence of the significant change, both sides.
        await page.ClickAsync("#explorer-chart polygon.change");
        await page.WaitForSelectorAsync("#statements .badge.side-current");
        Assert.Equal(3, await page.Locator("#statements .badge.side-current").CountAsync());
        Assert.Equal(3, await page.Locator("#statements .badge.side-previous").CountAsync());
        await Shot("explorer-04-change-evidence.png");

        // The evidence leads to the statement on its document's page.
        var first = page.Locator("#statements .statement").First;
        var text = await first.Locator(".text").InnerTextAsync();
        await first.Locator(".meta a").ClickAsync();
        await page.WaitForURLAsync($"**/documents/{fixture.FebruaryDocument}*");
        Assert.True(await page.Locator($".statement:has-text('{text}')").IsVisibleAsync());

        // Names in English, filters by form: quarterly, press conferences only.
        await page.GotoAsync("/explorer/KR");
        await page.ClickAsync("#language-switch button[value=en]");
        await page.WaitForSelectorAsync("#target-name:has-text('Republic of Korea')");
        await page.SelectOptionAsync("select[name=grain]", "quarter");
        await page.SelectOptionAsync("select[name=venue]", "npc-press-conference");
        await page.ClickAsync("#explorer-filters button[type=submit]");
        await page.WaitForSelectorAsync("#explorer-chart text.tick:has-text('2019 Q1')");
        Assert.Equal(2, await page.Locator("#explorer-chart circle.point").CountAsync());
        await Shot("explorer-05-english-quarterly.png");

        // A bigger view of the monthly chart alone, for the record.
        await page.GotoAsync("/explorer/KR?grain=month");
        await page.Locator(".chart-box").ScreenshotAsync(new() { Path = Path.Combine(BrowserTests.Screenshots, "explorer-06-chart.png") });

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
