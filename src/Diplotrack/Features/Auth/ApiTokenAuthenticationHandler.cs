using System.Text.Encodings.Web;
using Diplotrack.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Auth;

/// <summary><c>Authorization: Bearer dt_…</c>: a personal API token stands for its user, with the user's roles.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    IUserClaimsPrincipalFactory<AppUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValueParser.TryGetBearer(Request.Headers.Authorization.ToString(), out var secret))
            return AuthenticateResult.NoResult();
        var user = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("The API token is unknown, revoked, or its user is disabled.");
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}

public static class AuthenticationHeaderValueParser
{
    public static bool TryGetBearer(string? header, out string token)
    {
        token = "";
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        token = header["Bearer ".Length..].Trim();
        return token.Length > 0;
    }
}
