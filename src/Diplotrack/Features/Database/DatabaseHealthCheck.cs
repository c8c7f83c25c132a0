using Diplotrack.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Diplotrack.Features.Database;

/// <summary>
/// Readiness: can this process reach PostgreSQL now? Every page, API call and job needs it, so a process that cannot
/// is not ready, however alive it is (issue 17, item 7). Says nothing about why: the probe is anonymous.
/// </summary>
public sealed class DatabaseHealthCheck(DiplotrackDbContext db) : IHealthCheck
{
    public const string Name = "postgresql";
    public const string ReadyTag = "ready";

    /// <summary>A probe waits this long at most; a database slower than that is as good as down to a user.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return await db.Database.CanConnectAsync(timeout.Token)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("PostgreSQL cannot be reached.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL did not answer in time.");
        }
    }
}
