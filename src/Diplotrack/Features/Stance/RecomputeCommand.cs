using System.CommandLine;
using Diplotrack.Verbs;

namespace Diplotrack.Features.Stance;

public static class RecomputeCommand
{
    public static Command Create(CliRunner run)
    {
        var documents = new Option<string?>("--documents")
        {
            Description = "Comma-separated document ids: recompute only the speakers and venues they touch (default: everything).",
        };
        var command = new Command("recompute", "Recompute stance observations and changes from the current codings.") { documents };
        command.SetAction((parse, ct) => run(async (services, token) =>
        {
            var raw = parse.GetValue(documents);
            if (raw is null)
            {
                Console.WriteLine((await services.GetRequiredService<DerivedData>().RefreshAllAsync(token)).Summary);
                return 0;
            }
            if (!TryParseIds(raw, out var ids, out var error))
            {
                await Console.Error.WriteLineAsync($"diplotrack recompute: {error}");
                return 2;
            }
            await services.GetRequiredService<DerivedData>().RefreshForDocumentsAsync(ids, token);
            Console.WriteLine($"Stance observations and changes recomputed for the speakers and venues of {ids.Count} document(s).");
            return 0;
        }, ct));
        return command;
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
