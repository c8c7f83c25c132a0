using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
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

namespace Diplotrack.Tests.Reliability;

/// <summary>
/// Issue 17, item 9: the sign-in page tells nobody which accounts exist, even once one is locked out; attempts are
/// throttled per client; a lockout leaves the account's API tokens working (decision 0050).
/// </summary>
public sealed partial class SignInAbuseTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Wrong = "not the password at all";

    private sealed record Server(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Address,
        };

        public async ValueTask DisposeAsync()
        {
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private async Task<Server> StartAsync(int attemptsPerMinute)
    {
        var app = WebApp.Build(ServeRole.Web, "http://127.0.0.1:0",
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning),
            new Dictionary<string, string?>
            {
                [DiplotrackDatabase.EnvironmentVariable] = database.ConnectionString,
                ["Seed:Directory"] = Repository.Seed,
                ["SignIn:AttemptsPerMinute"] = attemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        await app.StartAsync();
        return new Server(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));
    }

    private static async Task<(HttpStatusCode Status, string? Message)> SignInAsync(Server server, string email, string password)
    {
        using var client = server.Client();
        var response = await WebAppFixture.PostFormAsync(client, "/account/login", new() { ["Email"] = email, ["Password"] = password });
        var match = Problem().Match(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null);
    }

    [GeneratedRegex("""<p class="problem">(.*?)</p>""")]
    private static partial Regex Problem();

    [Fact]
    public async Task A_locked_out_account_is_answered_like_an_unknown_one_and_its_API_token_keeps_working()
    {
        await using var server = await StartAsync(attemptsPerMinute: 1000);
        const string email = "locked@example.org";
        string token;
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var added = await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(email, Roles.Viewer, WebAppFixture.Password, default);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors));
            token = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(added.User!.Id, "script", "test", default))!.Secret;
        }

        var existing = new List<string?>();
        var unknown = new List<string?>();
        for (var attempt = 0; attempt < 10; attempt++) // the 10th failure locks the account (UsersFeature)
        {
            existing.Add((await SignInAsync(server, email, Wrong)).Message);
            unknown.Add((await SignInAsync(server, "nobody@example.org", Wrong)).Message);
        }
        // Now locked: even the right password is refused, in the same words as a wrong one for nobody.
        var locked = await SignInAsync(server, email, WebAppFixture.Password);

        Assert.NotNull(unknown[0]);
        Assert.Equal(unknown, existing);
        Assert.Equal((HttpStatusCode.OK, unknown[0]), locked);
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Diplotrack.Data.Identity.AppUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!), "the account should be locked out");
        }
        using var api = server.Client();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/documents")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_are_throttled_per_client_whatever_the_account()
    {
        await using var server = await StartAsync(attemptsPerMinute: 5);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 7; attempt++)
            statuses.Add((await SignInAsync(server, $"guess{attempt}@example.org", Wrong)).Status);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5), statuses.Take(5));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(5));
        // The form itself stays reachable: only attempts count.
        using var client = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
