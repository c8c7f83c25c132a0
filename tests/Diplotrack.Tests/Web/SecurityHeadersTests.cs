using System.Net;
using AngleSharp.Html.Parser;
using Diplotrack.Data.Identity;

namespace Diplotrack.Tests.Web;

/// <summary>
/// The browser is told to run nothing but this server's own files on our pages and to never frame them, and the
/// pages give it nothing inline that such a policy would have to allow.
/// </summary>
public sealed class SecurityHeadersTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static Dictionary<string, string> Directives(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"no CSP on {response.RequestMessage?.RequestUri}");
        return values.Single().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Pages_forbid_inline_code_and_framing_and_load_their_stylesheet_from_the_server()
    {
        using var anonymous = app.Anonymous();
        var login = await anonymous.GetAsync("/account/login");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, login);
        AssertCommonHeaders(login);
        var csp = Directives(login);
        Assert.Equal("'self'", csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'self'", csp["style-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.DoesNotContain("unsafe", string.Join(' ', csp.Values), StringComparison.Ordinal);

        // The sign-in page is styled before anyone signs in: the stylesheet is a file anyone may fetch.
        var link = new HtmlParser().ParseDocument(await login.Content.ReadAsStringAsync()).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.StartsWith("/css/site.css", link, StringComparison.Ordinal);
        var css = await anonymous.GetAsync(link);
        await HttpAssert.StatusAsync(HttpStatusCode.OK, css);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--accent", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertCommonHeaders(css);

        using var api = app.Api(Roles.Viewer);
        AssertCommonHeaders(await api.GetAsync("/api/v1/codebook"));
    }

    [Fact]
    public async Task No_page_has_inline_scripts_styles_or_event_handlers_that_the_policy_would_block()
    {
        var documentId = await app.CreateDocumentAsync(WebAppFixture.Transcript(
            "王毅：中方愿同各国一道，推动构建人类命运共同体。",
            "彭博社记者：美国对华芯片出口管制不断升级，中方如何回应？",
            "王毅：美方不断翻新对华打压的花样，这不是公平竞争。"));
        var statementId = await app.StatementIdAsync(documentId, "美方不断翻新");
        await app.AddAutoCodingAsync(statementId, "US", -1, 0.5, "relations");
        using var admin = await app.SignedInAsync(Roles.Admin);
        string[] pages =
        [
            "/", "/documents", $"/documents/{documentId}", $"/documents/{documentId}/edit", $"/documents/{documentId}/delete",
            "/documents/new", $"/statements/{statementId}/coding", "/review", "/codebook", "/codebook/edit?actor=US",
            "/ingestion", "/reports", "/admin/users", "/account/access-denied",
        ];
        var parser = new HtmlParser();
        foreach (var path in pages)
        {
            var response = await admin.GetAsync(path);
            await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
            Assert.Equal("'self'", Directives(response)["style-src"]);
            var document = parser.ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Empty(document.QuerySelectorAll("style"));
            Assert.Empty(document.QuerySelectorAll("script:not([src])"));
            var inline = document.All.SelectMany(e => e.Attributes.Select(a => (Element: e.LocalName, Attribute: a.Name)))
                .Where(x => x.Attribute == "style" || x.Attribute.StartsWith("on", StringComparison.Ordinal)).ToList();
            Assert.True(inline.Count == 0, $"{path}: {string.Join(", ", inline.Select(x => $"<{x.Element} {x.Attribute}>"))}");
        }
    }

    [Fact]
    public async Task The_jobs_dashboard_may_use_its_own_inline_styles_but_nothing_else_inline()
    {
        using var admin = await app.SignedInAsync(Roles.Admin);
        var response = await admin.GetAsync("/hangfire");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, response);
        AssertCommonHeaders(response);
        var csp = Directives(response);
        Assert.Equal("'self' 'unsafe-inline'", csp["style-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
    }
}
