namespace Diplotrack.Features.Web;

/// <summary>
/// Browser-enforced limits on every response: our pages load scripts, styles and images from this server only
/// (no inline code or styles at all, so injected markup cannot run or restyle anything), cannot be framed
/// (clickjacking) and only submit forms to this server. Docs: decision 0014.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Hangfire dashboard, a third-party UI we cannot change: it sets style attributes.</summary>
    public const string HangfireDashboardPolicy = "hangfire-dashboard";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services) =>
        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(p => p.Common().AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                // data: for the images browsers draw themselves (select arrows, checkbox marks in some themes).
                csp.AddImgSrc().Self().Data();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddObjectSrc().None();
            }))
            .AddPolicy(HangfireDashboardPolicy, p => p.Common().AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddObjectSrc().None();
            })));

    private static HeaderPolicyCollection Common(this HeaderPolicyCollection p) => p
        .AddContentTypeOptionsNoSniff()
        // Links out of the admin UI do not tell other sites which document or search someone was looking at.
        .AddReferrerPolicySameOrigin()
        // For browsers that predate frame-ancestors.
        .AddFrameOptionsDeny();
}
