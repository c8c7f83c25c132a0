using System.ComponentModel;
using Diplotrack.Features.Reporting;
using Diplotrack.Features.Stance;
using Hangfire;

namespace Diplotrack.Features.Coding;

/// <summary>
/// Re-codes what an older codebook version coded, then recomputes stance from the new codings. Queued when a new
/// codebook version is loaded (seed or admin edit); the same work as <c>diplotrack recode</c> + <c>recompute</c>.
/// </summary>
public sealed class RecodeBackgroundJob(Recoder recoder, StanceJobs stance, ReportingSnapshot snapshot, ILogger<RecodeBackgroundJob> log)
{
    [DisplayName("Re-code with the current codebook, then recompute stance")]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken ct)
    {
        var report = await recoder.RecodeAsync(ct);
        log.LogInformation("Re-coded {Statements} statements in {Documents} documents with codebook v{Version}",
            report.Statements, report.Documents, report.CodebookVersion);
        if (report.Statements > 0)
        {
            await stance.RecomputeAllAsync(ct);
            await snapshot.RefreshAsync(ct); // reporting.codings shows the new codings
        }
    }
}
