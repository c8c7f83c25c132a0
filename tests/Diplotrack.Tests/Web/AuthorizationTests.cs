using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Diplotrack.Data.Identity;
using Diplotrack.Features.Auth;
using Diplotrack.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Diplotrack.Tests.Web;

/// <summary>Who may do what: nobody anonymous, viewers read only, forms need their anti-forgery token.</summary>
public sealed partial class AuthorizationTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    /// <summary>The only things reachable without signing in: the probes (liveness, readiness) and the pages needed to sign in.</summary>
    private static readonly HashSet<string> Public = ["/health", "/health/live", "/health/ready", "/account/login", "/account/access-denied"];

    private sealed record Probe(string Method, string Path, RouteEndpoint Endpoint);

    /// <summary>Every endpoint the app maps, so an endpoint added later is checked without anyone listing it here.</summary>
    private List<Probe> Endpoints()
    {
        var probes = new List<Probe>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (raw == "/Index") raw = "/"; // the Razor page "/Index" is served at "/"
            // Route values: 1 fits every id; a catch-all gets one segment.
            var path = RouteParameter().Replace(raw, "1").ToLowerInvariant();
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET", "POST"];
            probes.AddRange(methods.Select(method => new Probe(method, path, endpoint)));
        }
        return probes;
    }

    [Fact]
    public async Task Every_page_and_endpoint_refuses_anonymous_users()
    {
        var probes = Endpoints();
        Assert.Contains(probes, p => p.Path.StartsWith("/api/v1/documents", StringComparison.Ordinal));
        Assert.Contains(probes, p => p.Path == "/documents/new");
        Assert.Contains(probes, p => p.Path.StartsWith("/openapi", StringComparison.Ordinal));
        using var client = app.Anonymous();
        var checkedCount = 0;
        foreach (var probe in probes.Where(p => !Public.Contains(p.Path)))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path)
            {
                Content = probe.Method is "GET" or "HEAD" ? null : JsonContent.Create(new { }),
            });
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                          || (response.StatusCode == HttpStatusCode.Redirect
                              && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal));
            Assert.True(refused, $"{probe.Method} {probe.Path} answered {(int)response.StatusCode} to an anonymous user");
            if (probe.Path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // scripts get 401, not a sign-in page
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            checkedCount++;
        }
        Assert.True(checkedCount >= 20, $"only {checkedCount} endpoints checked");
    }

    [Fact]
    public async Task The_public_endpoints_are_only_the_probe_and_sign_in()
    {
        foreach (var probe in Endpoints().Where(p => !Public.Contains(p.Path)))
        {
            var allowsAnonymous = probe.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            Assert.False(allowsAnonymous, $"{probe.Path} allows anonymous users");
        }
        using var client = app.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task A_viewer_cannot_use_any_api_write_endpoint()
    {
        var writes = Endpoints().Where(p => p.Path.StartsWith("/api/", StringComparison.Ordinal) && p.Method is not "GET").ToList();
        Assert.True(writes.Count >= 8, $"only {writes.Count} write endpoints found");
        using var viewer = app.Api(Roles.Viewer);
        foreach (var probe in writes)
        {
            var policies = probe.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(policies.Contains(Policies.Editor) || policies.Contains(Policies.Admin), $"{probe.Method} {probe.Path} does not require editor or admin");
            var response = await viewer.SendAsync(new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path) { Content = JsonContent.Create(new { }) });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{probe.Method} {probe.Path} answered {(int)response.StatusCode} to a viewer");
        }
    }

    [Fact]
    public async Task A_viewer_can_read_but_not_write_documents()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：中方愿同各方一道努力。"));
        using var viewer = app.Api(Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/documents/{id}")).StatusCode);
        var put = await viewer.PutAsJsonAsync($"/api/v1/documents/{id}", new { title = "改", date = "2024-03-07", kind = "x", language = "zh", source = "s", version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);

        using var page = await app.SignedInAsync(Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync($"/documents/{id}")).StatusCode);
        foreach (var writePage in new[] { "/documents/new", $"/documents/{id}/edit", $"/documents/{id}/delete", "/admin/users", "/review" })
        {
            var response = await page.GetAsync(writePage);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_editor_cannot_delete_documents_or_manage_users()
    {
        var id = await app.CreateDocumentAsync(WebAppFixture.Transcript("王毅：编辑不能删除文件。"));
        using var editor = app.Api(Roles.Editor);
        var delete = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/documents/{id}") { Content = JsonContent.Create(new { reason = "x", version = 1 }) });
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        using var editor = await app.SignedInAsync(Roles.Editor);
        var refused = await editor.GetAsync("/hangfire");
        // A signed-in user without the role is sent to the UI's access-denied page.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        using var admin = await app.SignedInAsync(Roles.Admin);
        var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Diplotrack jobs", await dashboard.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        using var editor = await app.SignedInAsync(Roles.Editor);
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Text"] = "王毅：你好。", ["Input.Date"] = "2024-03-07" });
        var response = await editor.PostAsync("/documents/new?handler=save", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var logout = await editor.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/")).StatusCode); // still signed in: the forged sign-out did nothing
    }

    [Fact]
    public async Task The_sign_out_button_ends_the_session()
    {
        using var viewer = await app.SignedInAsync(Roles.Viewer);
        var signOut = await WebAppFixture.PostFormAsync(viewer, "/account/logout", [], formPage: "/"); // the form in the page header
        await HttpAssert.StatusAsync(HttpStatusCode.Redirect, signOut);
        var after = await viewer.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_does_not_sign_in()
    {
        using var client = app.Anonymous();
        var response = await WebAppFixture.PostFormAsync(client, "/account/login", new() { ["Email"] = WebAppFixture.EditorEmail, ["Password"] = "wrong password!" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong e-mail or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_is_refused_and_a_used_one_records_its_use()
    {
        using var admin = app.Api(Roles.Admin);
        var user = await admin.PostAsJsonAsync("/api/v1/users", new { email = "script@example.org", role = Roles.Viewer });
        await HttpAssert.StatusAsync(HttpStatusCode.OK, user);
        var created = await (await admin.PostAsJsonAsync("/api/v1/tokens", new { userEmail = "script@example.org", name = "export" }))
            .Content.ReadFromJsonAsync<NewApiToken>();
        Assert.StartsWith(ApiTokenService.Prefix, created!.Secret, StringComparison.Ordinal);
        var stored = await app.Database.ScalarAsync<string>($"SELECT token_hash FROM app.api_tokens WHERE id = {created.Token.Id}");
        Assert.Equal(ApiTokenService.Hash(created.Secret), stored);
        Assert.DoesNotContain(created.Secret, stored, StringComparison.Ordinal);

        using var script = app.Anonymous();
        script.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/documents")).StatusCode);
        Assert.True(await app.Database.ScalarAsync<bool>($"SELECT last_used_at IS NOT NULL FROM app.api_tokens WHERE id = {created.Token.Id}"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/tokens/{created.Token.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/documents")).StatusCode);

        using var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", ApiTokenService.Prefix + "not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/v1/documents")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_user_can_neither_sign_in_nor_use_a_token()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var added = await users.AddAsync("leaver@example.org", Roles.Editor, WebAppFixture.Password, default);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync(added.User!.Id, "t", null, default);
        Assert.True((await users.SetDisabledAsync("leaver@example.org", true, default)).Succeeded);

        using var client = app.Anonymous();
        var login = await WebAppFixture.PostFormAsync(client, "/account/login", new() { ["Email"] = "leaver@example.org", ["Password"] = WebAppFixture.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // the form again, with an error: no session
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/documents")).StatusCode);
    }

    [Fact]
    public async Task The_first_start_creates_one_admin_with_a_generated_password_and_only_once()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        // Users exist in this database: nothing is created.
        Assert.Null(await users.EnsureFirstAdminAsync(null, default));

        await using var empty = new Infrastructure.TestDatabase();
        await empty.InitializeAsync();
        await using var services = Infrastructure.AppServices.Create(empty);
        await using var s2 = services.CreateAsyncScope();
        var first = await s2.ServiceProvider.GetRequiredService<UserAdmin>().EnsureFirstAdminAsync(null, default);
        Assert.NotNull(first);
        Assert.True(first.Succeeded);
        Assert.Equal([Roles.Admin], first.User!.Roles);
        Assert.Matches("^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$", first.Password);
        var again = await s2.ServiceProvider.GetRequiredService<UserAdmin>().EnsureFirstAdminAsync(null, default);
        Assert.Null(again);
        Assert.Equal(3L, await empty.ScalarAsync<long>("SELECT count(*) FROM app.roles"));
        Assert.NotEqual(first.Password, PasswordGenerator.Generate());
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
