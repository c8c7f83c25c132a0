using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Diplotrack.Data;
using Diplotrack.Features.Reporting;
using Diplotrack.Hosting;
using Diplotrack.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Diplotrack.Tests.Reporting;

/// <summary>
/// GET /api/v1/reports/{view}.csv on the app's real services. Sign-in belongs to the web feature; here a stand-in
/// scheme signs requests in with the roles named in a header, and the "viewer" policy requires the viewer role.
/// </summary>
[Collection(ReportingRoleCollection.Name)]
public sealed class ReportEndpointTests(CorpusDatabaseWithLogin fixture) : IClassFixture<CorpusDatabaseWithLogin>, IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration[DiplotrackDatabase.EnvironmentVariable] = fixture.Database.ConnectionString;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDiplotrackCore(builder.Configuration);
        builder.Services.AddAuthentication(HeaderRoles.Name).AddScheme<AuthenticationSchemeOptions, HeaderRoles>(HeaderRoles.Name, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(Diplotrack.Features.Auth.Policies.Viewer, p => p.RequireRole("viewer"));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGroup("/api/v1").MapReportsApi();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? roles)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (roles is not null) request.Headers.Add(HeaderRoles.Header, roles);
        return _client.SendAsync(request);
    }

    [Fact]
    public async Task A_viewer_downloads_any_reporting_view_as_csv()
    {
        var response = await GetAsync("/api/v1/reports/statements.csv", "viewer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("statements.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("statement_id,document_id,document_date,", lines[0]);
        Assert.Equal(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM app.statements") + 1, lines.Length);
    }

    [Fact]
    public async Task Lists_the_views_for_a_viewer()
    {
        var views = await (await GetAsync("/api/v1/reports/", "viewer")).Content.ReadFromJsonAsync<string[]>();
        Assert.Contains("codings", views!);
        Assert.Contains("coder_agreement", views!);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("editor-without-viewer", HttpStatusCode.Forbidden)]
    [InlineData("someone-else", HttpStatusCode.Forbidden)]
    public async Task Refuses_anyone_without_the_viewer_role(string? roles, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await GetAsync("/api/v1/reports/codings.csv", roles)).StatusCode);
        Assert.Equal(expected, (await GetAsync("/api/v1/reports/", roles)).StatusCode);
    }

    [Theory]
    [InlineData("users")]
    [InlineData("no_such_view")]
    public async Task Answers_404_for_anything_but_a_reporting_view(string view)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/reports/{view}.csv", "viewer")).StatusCode);
    }

    /// <summary>Signs a request in when it carries the header; its value lists the user's roles.</summary>
    private sealed class HeaderRoles(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "HeaderRoles", Header = "X-Test-Roles";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var roles)) return Task.FromResult(AuthenticateResult.NoResult());
            var claims = roles.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, "tester"));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
        }
    }
}
