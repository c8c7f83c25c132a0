using Hangfire.Common;
using Hangfire.States;

namespace Diplotrack.Jobs;

/// <summary>
/// Keeps the Hangfire dashboard's Succeeded list to jobs that did work (issue 13): a job that found nothing to do (an
/// empty inbox every minute, a stance drain whose queue an earlier drain emptied) returns <see cref="Idle"/>, and this
/// filter files it as Deleted with that reason instead of Succeeded. The recurring job's "last execution" on the
/// dashboard's Recurring page still shows that the poll ran (the heartbeat).
/// </summary>
public sealed class IdleJobsFilter : JobFilterAttribute, IElectStateFilter
{
    /// <summary>What a job returns when it found nothing to do.</summary>
    public const string Idle = "idle: nothing to do";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is SucceededState { Result: var result } && IsIdle(result))
            context.CandidateState = new DeletedState { Reason = Idle };
    }

    // Hangfire keeps the return value as it was, or serialized as JSON, depending on where the state is built.
    private static bool IsIdle(object? result) => result is string text && (text == Idle || text == $"\"{Idle}\"");
}
