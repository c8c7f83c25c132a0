using Microsoft.Extensions.DependencyInjection.Extensions;
using Diplotrack.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Diplotrack.Features.Auth;

/// <summary>
/// Sign-in for the web role: Identity cookies for the admin UI, personal API tokens for scripts. One policy
/// scheme picks per request, so the same role policies serve the pages, <c>/api/v1</c> and the Hangfire dashboard.
/// </summary>
public static class AuthFeature
{
    public const string SelectorScheme = "Diplotrack";

    public static IServiceCollection AddAuthFeature(this IServiceCollection services)
    {
        services.TryAddScoped<ApiTokenService>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultAuthenticateScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
                o.DefaultForbidScheme = SelectorScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignOutScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/access-denied";
                o.Cookie.Name = "diplotrack.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            }));
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole), services).AddSignInManager<DiplotrackSignInManager>();
        // A disabled user or a changed password ends existing sessions within a minute, not after the default 30.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder().AddDiplotrackPolicies();
        services.AddSignInThrottle();
        return services;
    }

    /// <summary>
    /// A bearer header means a script; so does any <c>/api</c> path (it must get 401, not a redirect to the sign-in
    /// page). The API never reads the cookie, so a browser session cannot be used for cross-site API writes.
    /// </summary>
    private static string SelectScheme(HttpContext context) =>
        AuthenticationHeaderValueParser.TryGetBearer(context.Request.Headers.Authorization.ToString(), out _)
        || context.Request.Path.StartsWithSegments("/api")
            ? ApiTokenAuthenticationHandler.SchemeName
            : IdentityConstants.ApplicationScheme;
}
