using Diplotrack.Data.Identity;
using Diplotrack.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Diplotrack.Tests.Web;

/// <summary>Runs only where Debian's Chromium is installed (<c>apt-get install -y chromium fonts-wqy-zenhei</c>).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
            Skip = $"Browser test skipped: no Chromium at {ChromiumPath}. Install it with `apt-get install -y chromium fonts-wqy-zenhei` (.ci/run does).";
    }
}

/// <summary>
/// A person's whole path through the admin UI in a real browser: sign in, paste a transcript, preview, save,
/// correct a coding, and see the correction in the document list and in the history. Screenshots are kept in
/// <c>TestResults/screenshots</c> (or DIPLOTRACK_SCREENSHOTS) as test artefacts.
/// </summary>
public sealed class BrowserTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string Transcript = WebAppFixture.Transcript(
        "王毅：中方愿同各国一道，推动构建人类命运共同体。",
        "彭博社记者：美国对华芯片出口管制不断升级，中方如何回应？",
        "王毅：美方不断翻新对华打压的花样，这不是公平竞争。我们敦促美方停止单边制裁。");

    /// <summary>Beside the .trx files of scripts/test (TestResults/, or DIPLOTRACK_TEST_RESULTS), so CI keeps them together.</summary>
    internal static readonly string Screenshots =
        Environment.GetEnvironmentVariable("DIPLOTRACK_SCREENSHOTS") is { Length: > 0 } dir ? dir
        : Path.Combine(Environment.GetEnvironmentVariable("DIPLOTRACK_TEST_RESULTS") is { Length: > 0 } results ? results : Path.Combine(Repository.Root, "TestResults"),
            "screenshots");

    [BrowserFact]
    public async Task An_editor_enters_a_transcript_and_corrects_a_coding_in_the_browser()
    {
        Directory.CreateDirectory(Screenshots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, errors) = await NewPageAsync(browser);
        async Task Shot(string name) => await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name), FullPage = true });

        // Sign in: an anonymous visit lands on the sign-in page, styled by the stylesheet the CSP allows.
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        Assert.Equal("rgb(246, 247, 250)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await page.FillAsync("input[name=Email]", WebAppFixture.EditorEmail);
        await page.FillAsync("input[name=Password]", WebAppFixture.Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForSelectorAsync("h1:has-text('Dashboard')");

        // Paste, preview: the parse is shown and nothing is stored yet.
        await page.ClickAsync("nav >> text=New document");
        await page.FillAsync("textarea[name='Input.Text']", Transcript);
        await page.FillAsync("input[name='Input.Title']", "王毅外长记者会（浏览器测试）");
        await page.FillAsync("input[name='Input.Date']", "2024-03-07");
        await page.FillAsync("input[name='Input.Kind']", "npc-press-conference");
        await page.FillAsync("input[name='Input.Place']", "北京");
        await page.FillAsync("input[name='Input.Government']", "CN");
        await page.ClickAsync("#preview");
        await page.WaitForSelectorAsync("#preview-result");
        Assert.Equal(5, await page.Locator("#preview-result ~ table tbody tr").CountAsync()); // lead, opening, question, two answer sentences
        var codedRow = page.Locator("#preview-result ~ table tbody tr", new() { HasText = "我们敦促美方停止单边制裁" });
        Assert.Contains("美国", await codedRow.Locator("td").Nth(5).InnerTextAsync(), StringComparison.Ordinal); // the coder's preview
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM app.documents"));
        await Shot("01-preview.png");

        // Save: the document page shows the statements.
        await page.ClickAsync("#save");
        await page.WaitForURLAsync("**/documents/*");
        await page.WaitForSelectorAsync("text=美方不断翻新对华打压的花样");
        var documentId = long.Parse(page.Url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        // An automatic coding of known content (a re-coding would store one like it), then a person's correction.
        var statement = await app.StatementIdAsync(documentId, "美方不断翻新");
        await app.AddAutoCodingAsync(statement, "US", 0, 0.31, "relations");
        await page.ReloadAsync();
        Assert.Contains("美国 0 neutral", await page.Locator($"#s{statement} .coding").InnerTextAsync(), StringComparison.Ordinal);
        await Shot("02-document-auto-coding.png");

        await page.ClickAsync($"#s{statement} >> text=Correct / history");
        await page.WaitForSelectorAsync("h2:has-text('History')");
        await page.CheckAsync("input[name='Input.Themes'][value='tech-sanctions']");
        await page.SelectOptionAsync("select[name='Input.Targets[0].Stance']", "-2");
        await page.FillAsync("textarea[name='Input.Reason']", "“打压”是指责：应为 −2 敌对");
        await page.ClickAsync("#save-coding");
        await page.WaitForSelectorAsync(".flash");
        var history = await page.Locator("#history tbody tr").First.InnerTextAsync();
        Assert.Contains(WebAppFixture.EditorEmail, history, StringComparison.Ordinal);
        Assert.Contains("“打压”是指责", history, StringComparison.Ordinal);
        Assert.Contains("美国 −2 hostile", history, StringComparison.Ordinal);
        await Shot("03-coding-history.png");

        // The list counts the correction; the document shows the manual coding.
        await page.GotoAsync("/documents?q=浏览器测试");
        var row = page.Locator("table tbody tr", new() { HasText = "王毅外长记者会（浏览器测试）" });
        Assert.Equal("1", (await row.Locator("td").Nth(5).InnerTextAsync()).Trim());
        await Shot("04-documents-list.png");
        await row.Locator("a").ClickAsync();
        var coding = await page.Locator($"#s{statement} .coding").InnerTextAsync();
        Assert.Contains("manual", coding, StringComparison.Ordinal);
        Assert.Contains("美国 −2 hostile", coding, StringComparison.Ordinal);
        await Shot("05-document-manual-coding.png");

        await page.ClickAsync("nav >> text=Dashboard");
        await page.WaitForSelectorAsync("#stance-chart");
        await Shot("06-dashboard.png");

        // The Content-Security-Policy blocked nothing on the way (a blocked style or script is a console error).
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [BrowserFact]
    public async Task An_admin_uses_the_codebook_editor_and_the_jobs_dashboard_without_anything_blocked()
    {
        Directory.CreateDirectory(Screenshots);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var (page, errors) = await NewPageAsync(browser);

        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name=Email]", WebAppFixture.AdminEmail);
        await page.FillAsync("input[name=Password]", WebAppFixture.Password);
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForSelectorAsync("h1:has-text('Dashboard')");

        await page.GotoAsync("/codebook/edit?actor=JP");
        await page.FillAsync("textarea[name='Actor.Aliases']", (await page.InputValueAsync("textarea[name='Actor.Aliases']")) + "\n东瀛");
        await page.FillAsync("input[name='Actor.Description']", "东瀛 is a literary name of Japan");
        await page.ClickAsync("button:has-text('Save actor')");
        await page.WaitForSelectorAsync(".flash");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "07-codebook-saved.png"), FullPage = true });

        // Hangfire's own pages: its scripts are files; its style attributes are allowed there only.
        await page.GotoAsync("/hangfire");
        await page.WaitForSelectorAsync("text=Diplotrack jobs");
        await page.GotoAsync("/hangfire/jobs/enqueued");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "08-jobs.png"), FullPage = true });

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    internal static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        Headless = true,
        ExecutablePath = BrowserFactAttribute.ChromiumPath,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A page that records console errors and uncaught exceptions: Chromium reports each CSP violation as one.</summary>
    private async Task<(IPage Page, List<string> Errors)> NewPageAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add($"{page.Url}: {message.Text} ({message.Location})"); };
        page.PageError += (_, error) => { lock (errors) errors.Add($"{page.Url}: {error}"); };
        return (page, errors);
    }
}
