using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Diplotrack.Data;
using Diplotrack.Data.Coding;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Text.Codebook;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Users;
using Diplotrack.Hosting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diplotrack.Tests.Web;

/// <summary>
/// The real web app (WebApp.Build, the same as <c>serve --role web</c>) on Kestrel at 127.0.0.1, port 0, over a
/// fresh migrated database with reference data and one user per role. Browsers and HttpClients talk to it over TCP.
/// </summary>
public sealed partial class WebAppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    public static readonly string AdminEmail = "admin@example.org";
    public static readonly string EditorEmail = "editor@example.org";
    public static readonly string ViewerEmail = "viewer@example.org";

    public TestDatabase Database { get; } = new();
    public WebApplication App { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    /// <summary>This server's own inbox (failed/, discarded/ ... live under it), removed with the fixture.</summary>
    public string InboxPath { get; } = Directory.CreateTempSubdirectory("diplotrack-web-inbox-").FullName;
    private readonly Dictionary<string, string> _tokens = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        App = WebApp.Build(ServeRole.Web, "http://127.0.0.1:0",
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning),
            new Dictionary<string, string?>
            {
                [DiplotrackDatabase.EnvironmentVariable] = Database.ConnectionString,
                ["Seed:Directory"] = Repository.Seed,
                ["Inbox:Path"] = InboxPath,
            });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        // Hangfire keeps its log provider in a static, pointing at this app's logger factory: detach it before the
        // factory is disposed, or another test class's first Hangfire use fails with ObjectDisposedException.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(InboxPath, recursive: true);
    }

    private async Task SeedAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        // The real codebook (actors, themes, cues): documents saved through the app are coded by the real coder.
        await scope.ServiceProvider.GetRequiredService<CodebookService>()
            .StoreAsync(CodebookLoader.Load(Path.Combine(Repository.Seed, "codebook")), "fixture", null, default);
        var users = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        foreach (var (email, role) in new[] { (AdminEmail, Roles.Admin), (EditorEmail, Roles.Editor), (ViewerEmail, Roles.Viewer) })
        {
            var added = await users.AddAsync(email, role, Password, default);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors));
            var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(added.User!.Id, "tests", "fixture", default);
            _tokens[role] = token!.Secret;
        }
    }

    /// <summary>A client with no credentials that does not follow redirects (so a redirect to sign-in is visible).</summary>
    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseAddress,
    };

    /// <summary>A client holding the personal API token of a user in <paramref name="role"/>.</summary>
    public HttpClient Api(string role)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[role]);
        return client;
    }

    /// <summary>A browser-like client signed in through the login form (cookie + anti-forgery, as a person does it).</summary>
    public async Task<HttpClient> SignedInAsync(string role)
    {
        var client = Anonymous();
        var email = role switch { Roles.Admin => AdminEmail, Roles.Editor => EditorEmail, _ => ViewerEmail };
        var response = await PostFormAsync(client, "/account/login", new() { ["Email"] = email, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs the form page, then posts its fields with the page's anti-forgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? path);
        Assert.True(page.IsSuccessStatusCode, $"GET {formPage ?? path}: {(int)page.StatusCode}");
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"no anti-forgery token on {formPage ?? path}");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>
    /// A pasted press-article transcript: a lead naming the minister (so the parser accepts his label), then one
    /// paragraph per turn, separated by blank lines as in the source articles.
    /// </summary>
    public static string Transcript(params string[] paragraphs) => string.Join("\n\n", ["外交部长王毅回答中外记者提问。", .. paragraphs]);

    public async Task<long> StatementIdAsync(long documentId, string textStart) =>
        await Database.ScalarAsync<long>($"SELECT id FROM app.statements WHERE document_id = {documentId} AND starts_with(text, '{textStart.Replace("'", "''")}')");

    public async Task<long> CreateDocumentAsync(string text, string title = "测试记者会", string date = "2024-03-07")
    {
        var response = await Api(Roles.Editor).PostAsJsonAsync("/api/v1/documents", new { text, title, date, kind = "npc-press-conference", source = "test", government = "CN" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedDocumentDto>())!.Id;
    }

    /// <summary>
    /// Replaces a statement's current coding with an automatic one of known content (as a re-coding would), so
    /// a test does not depend on what the rule-based coder happens to decide today.
    /// </summary>
    public async Task<long> AddAutoCodingAsync(long statementId, string actor, short stance, double confidence, params string[] themes)
    {
        await using var db = Database.CreateContext();
        var statement = await db.Statements.SingleAsync(s => s.Id == statementId);
        await db.StatementCodings.Where(c => c.StatementId == statementId && c.IsCurrent)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IsCurrent, false).SetProperty(c => c.SupersededAt, DateTimeOffset.UtcNow));
        var coding = new StatementCoding
        {
            StatementId = statementId, Origin = StatementCoding.Auto, CodebookVersionId = await db.CodebookVersions.MaxAsync(v => v.Id), Themes = themes.ToList(), IsCurrent = true,
            CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "coder",
            Targets =
            [
                new CodingTarget
                {
                    ActorId = actor, Stance = stance, Source = "explicit", Confidence = confidence,
                    Evidence = [new EvidenceSpan { Start = statement.SpanStart, End = statement.SpanStart + 2, Role = "actor", Term = statement.Text[..2] }],
                },
            ],
        };
        db.StatementCodings.Add(coding);
        await db.SaveChangesAsync();
        return coding.Id;
    }

    public sealed record CreatedDocumentDto(long Id, bool Created);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
