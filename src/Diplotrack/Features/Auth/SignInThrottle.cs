using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Diplotrack.Features.Auth;

/// <summary>Section <c>SignIn</c>: how many sign-in attempts one client address may make per minute.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Enough for people mistyping behind one NAT; far too few for guessing (decision 0050).</summary>
    public int AttemptsPerMinute { get; set; } = 20;
}

/// <summary>
/// Throttles sign-in attempts (POSTs of the sign-in form) per client address, whatever the account: the account
/// lockout alone let one client guess against every account, and lock any of them, at full speed (issue 17, item 9;
/// decision 0050). The form itself (GET) is not counted.
/// </summary>
public static class SignInThrottle
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services)
    {
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter("form");
                var permits = context.RequestServices.GetRequiredService<IOptions<SignInThrottleOptions>>().Value.AttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/html; charset=utf-8";
                // Says nothing of the account: the limit is the client's, the same for every address tried.
                await response.WriteAsync("""
                    <!DOCTYPE html>
                    <html lang="en"><head><meta charset="utf-8"><title>Too many sign-in attempts – Diplotrack</title></head>
                    <body><h1>Too many sign-in attempts</h1><p>Too many sign-in attempts from your network. Wait a minute, then
                    <a href="/account/login">try again</a>.</p></body></html>
                    """, ct);
            };
        });
        return services;
    }
}
