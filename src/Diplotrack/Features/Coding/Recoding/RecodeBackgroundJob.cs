using System.ComponentModel;
using Diplotrack.Features.Stance;
using Hangfire;

namespace Diplotrack.Features.Coding.Recoding;

/// <summary>
/// Re-codes what an older codebook version coded, then recomputes stance from the new codings. Queued when a new
/// codebook version is loaded (seed or admin edit); the same work as <c>diplotrack recode</c> + <c>recompute</c>.
/// </summary>
public sealed class RecodeBackgroundJob(Recoder recoder, DerivedData derived, ILogger<RecodeBackgroundJob> log)
{
    [DisplayName("Re-code with the current codebook, then recompute stance")]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken ct)
    {
        var report = await recoder.RecodeAsync(ct);
        log.LogInformation("Re-coded {Statements} statements in {Documents} documents with codebook v{Version}",
            report.Statements, report.Documents, report.CodebookVersion);
        if (report.Statements > 0) await derived.RefreshAllAsync(ct);
    }
}
