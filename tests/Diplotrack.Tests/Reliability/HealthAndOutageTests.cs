using System.Net;
using System.Net.Http.Headers;
using Diplotrack.Data;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Users;
using Diplotrack.Hosting;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Tests.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Diplotrack.Tests.Reliability;

/// <summary>
/// Issue 17, item 7: liveness apart from readiness, readiness checking PostgreSQL; while the database is down, pages
/// answer an HTML page with 503 and the API a problem+json 503. The app reaches its database through a
/// <see cref="TcpProxy"/>, which the tests take down.
/// </summary>
public sealed class HealthAndOutageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    // One instance per test over one database: each signs up its own user.
    private readonly string _email = $"outage-{Guid.NewGuid():N}@example.org";
    private readonly string _inbox = Directory.CreateTempSubdirectory("diplotrack-outage-inbox-").FullName;
    private TcpProxy _proxy = null!;
    private WebApplication _app = null!;
    private Uri _address = null!;
    private string _token = "";

    public async Task InitializeAsync()
    {
        var direct = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        _proxy = new TcpProxy(direct.Host!, direct.Port);
        // A short connect timeout: a refused or cut connection fails at once, as with a stopped server.
        var proxied = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Timeout = 3 };
        _app = WebApp.Build(ServeRole.Web, "http://127.0.0.1:0",
            builder => builder.Logging.SetMinimumLevel(LogLevel.Critical),
            new Dictionary<string, string?>
            {
                [DiplotrackDatabase.EnvironmentVariable] = proxied.ConnectionString,
                ["Seed:Directory"] = Repository.Seed,
                ["Inbox:Path"] = _inbox,
            });
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        await using var scope = _app.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(_email, Roles.Admin, WebAppFixture.Password, default);
        Assert.True(added.Succeeded, string.Join("; ", added.Errors));
        _token = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(added.User!.Id, "outage", "test", default))!.Secret;
    }

    public async Task DisposeAsync()
    {
        _proxy.Up();
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        await _app.StopAsync();
        await _app.DisposeAsync();
        _proxy.Dispose();
        Directory.Delete(_inbox, recursive: true);
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = _address,
    };

    /// <summary>Polls until the status is the expected one (a pool holding cut connections needs a request or two to notice).</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        var status = HttpStatusCode.Continue;
        for (var attempt = 0; attempt < 20 && status != expected; attempt++)
        {
            if (attempt > 0) await Task.Delay(250);
            status = (await client.GetAsync(path)).StatusCode;
        }
        return status;
    }

    [Fact]
    public async Task Liveness_stays_up_while_readiness_follows_the_database()
    {
        using var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        _proxy.Down();
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await EventuallyAsync(client, "/health/ready", HttpStatusCode.ServiceUnavailable));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            _proxy.Up();
        }
        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(client, "/health/ready", HttpStatusCode.OK));
    }

    [Fact]
    public async Task During_an_outage_pages_answer_an_HTML_503_and_the_API_a_problem_json_503()
    {
        using var browser = Client();
        var signIn = await WebAppFixture.PostFormAsync(browser, "/account/login", new() { ["Email"] = _email, ["Password"] = WebAppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var api = Client();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/documents")).StatusCode);

        _proxy.Down();
        try
        {
            var page = await browser.GetAsync("/documents");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync());

            var list = await api.GetAsync("/api/v1/documents");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
            Assert.Equal("application/problem+json", list.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            _proxy.Up();
        }
        Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(browser, "/documents", HttpStatusCode.OK));
    }
}
