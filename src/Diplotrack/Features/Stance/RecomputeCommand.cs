using System.CommandLine;
using Diplotrack.Features.Reporting;
using Diplotrack.Hosting;

namespace Diplotrack.Features.Stance;

public static class RecomputeCommand
{
    public static Command Create()
    {
        var documents = new Option<string?>("--documents")
        {
            Description = "Comma-separated document ids: recompute only the speakers and venues they touch (default: everything).",
        };
        var command = new Command("recompute", "Recompute stance observations and changes from the current codings.") { documents };
        command.SetAction((parse, ct) => CliHost.RunAsync(async (services, token) =>
        {
            var raw = parse.GetValue(documents);
            if (raw is null)
            {
                await RecomputeAllAsync(services, token);
                return 0;
            }
            if (!TryParseIds(raw, out var ids, out var error))
            {
                await Console.Error.WriteLineAsync($"diplotrack recompute: {error}");
                return 2;
            }
            await services.GetRequiredService<StanceJobs>().RecomputeForDocumentsAsync(ids, token);
            await services.GetRequiredService<ReportingSnapshot>().RefreshAsync(token);
            Console.WriteLine($"Stance observations and changes recomputed for the speakers and venues of {ids.Count} document(s).");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>
    /// Every stance row, then the reporting snapshots: what <c>recompute</c> does, and what the bulk verbs do after loading
    /// or re-coding an archive, so a user can report on it at once instead of waiting for the nightly job.
    /// </summary>
    public static async Task RecomputeAllAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await scope.ServiceProvider.GetRequiredService<StanceJobs>().RecomputeAllAsync(ct);
        var stance = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        await scope.ServiceProvider.GetRequiredService<ReportingSnapshot>().RefreshAsync(ct);
        var snapshots = System.Diagnostics.Stopwatch.GetElapsedTime(started) - stance;
        Console.WriteLine($"Stance observations and changes recomputed for all documents in {stance.TotalSeconds:F1} s; " +
                          $"reporting snapshots refreshed in {snapshots.TotalSeconds:F1} s.");
    }

    public static bool TryParseIds(string raw, out IReadOnlyCollection<long> ids, out string? error)
    {
        var parsed = new SortedSet<long>();
        foreach (var part in raw.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                ids = [];
                error = $"'{part}' is not a document id (expected positive integers separated by commas, e.g. --documents 12,15).";
                return false;
            }
            parsed.Add(id);
        }
        ids = parsed;
        error = null;
        return true;
    }
}
