using System.Net;
using Diplotrack.Data;
using Diplotrack.Hosting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Diplotrack.Tests.Web;

/// <summary>
/// Several web instances behind one address (compose's scaled web, `serve --role web` on several machines): a person
/// signed in on one instance stays signed in, and can submit a form, whichever instance answers next.
/// </summary>
public sealed class KeyRingTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_cookie_and_form_token_from_one_instance_are_accepted_by_another_on_the_same_database()
    {
        // Instance A is the fixture's server; it issues the sign-in cookie and the anti-forgery token.
        var jar = new CookieContainer();
        using var first = Client(jar, app.BaseAddress);
        var signIn = await WebAppFixture.PostFormAsync(first, "/account/login",
            new() { ["Email"] = WebAppFixture.AdminEmail, ["Password"] = WebAppFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var form = await first.GetStringAsync("/codebook/edit");
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(token);
        var version = await app.Database.ScalarAsync<int>("SELECT max(id) FROM app.codebook_versions");

        // Instance B: another server process built the same way on the same database, started after A signed in.
        await using var second = await StartSecondInstanceAsync();
        var secondJar = new CookieContainer();
        foreach (Cookie cookie in jar.GetCookies(app.BaseAddress)) secondJar.Add(second.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        using var other = Client(secondJar, second.BaseAddress);

        // The sign-in is recognised: the admin-only page answers instead of redirecting to the sign-in page.
        var page = await other.GetAsync("/codebook/edit");
        await HttpAssert.StatusAsync(HttpStatusCode.OK, page);
        Assert.Contains("Edit codebook", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A form rendered by A and posted to B passes B's anti-forgery check and is saved.
        var post = await other.PostAsync("/codebook/edit?handler=AddStanceCue", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["BaseVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AddStanceCue.Cue"] = "横加干涉", ["AddStanceCue.Weight"] = "-2", ["AddStanceCue.Kind"] = "hostile",
            ["AddStanceCue.Description"] = "posted to another instance",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(version + 1, await app.Database.ScalarAsync<int>("SELECT max(id) FROM app.codebook_versions"));

        // Both were protected with a key from the database's key ring, not with one only A's machine has.
        foreach (var name in new[] { "diplotrack.auth", "diplotrack.af" })
        {
            var keyId = ProtectingKeyId(jar.GetCookies(app.BaseAddress), name);
            Assert.Equal(1L, await app.Database.ScalarAsync<long>(
                $"SELECT count(*) FROM app.data_protection_keys WHERE xml LIKE '%id=\"{keyId}\"%'"));
        }
    }

    private static HttpClient Client(CookieContainer jar, Uri baseAddress) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar }) { BaseAddress = baseAddress };

    /// <summary>
    /// The key a cookie was protected with: a data-protection payload starts with a 4-byte magic header and the
    /// key's id. The sign-in cookie may be split into chunks (<c>chunks-N</c>, then <c>NAMEC1</c> … <c>NAMECN</c>).
    /// </summary>
    private static Guid ProtectingKeyId(CookieCollection cookies, string name)
    {
        var value = cookies[name]?.Value ?? throw new InvalidOperationException($"no cookie {name}");
        if (value.StartsWith("chunks-", StringComparison.Ordinal))
            value = string.Concat(Enumerable.Range(1, int.Parse(value["chunks-".Length..], System.Globalization.CultureInfo.InvariantCulture))
                .Select(i => cookies[$"{name}C{i}"]!.Value));
        var bytes = WebEncoders.Base64UrlDecode(value);
        Assert.Equal(new byte[] { 0x09, 0xF0, 0xC9, 0xF0 }, bytes[..4]);
        return new Guid(bytes.AsSpan(4, 16));
    }

    private async Task<SecondInstance> StartSecondInstanceAsync()
    {
        var web = WebApp.Build(ServeRole.Web, "http://127.0.0.1:0",
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning),
            new Dictionary<string, string?>
            {
                [DiplotrackDatabase.EnvironmentVariable] = app.Database.ConnectionString,
                ["Seed:Directory"] = Repository.Seed,
                ["Inbox:Path"] = app.InboxPath,
            });
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SecondInstance(web, new Uri(address));
    }

    private sealed record SecondInstance(WebApplication App, Uri BaseAddress) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
