using DiffPlex;
using DiffPlex.Chunkers;

namespace Diplotrack.Features.Ingestion;

/// <summary>Which units (sentences) of an old text reappear unchanged, in order, in a new one.</summary>
public static class UnchangedUnits
{
    /// <summary>
    /// Pairs (old index, new index) of units outside every difference block of a line diff (DiffPlex, Myers)
    /// over the unit texts, one unit per line.
    /// </summary>
    public static IReadOnlyList<(int Old, int New)> Match(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        if (before.Count == 0 || after.Count == 0) return [];
        static string Lines(IReadOnlyList<string> units) => string.Join("\n", units.Select(u => u.Replace('\r', ' ').Replace('\n', ' ')));
        var result = Differ.Instance.CreateDiffs(Lines(before), Lines(after), ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
        var pairs = new List<(int, int)>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            while (a < block.DeleteStartA && b < block.InsertStartB) pairs.Add((a++, b++));
            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }
        while (a < before.Count && b < after.Count) pairs.Add((a++, b++));
        return pairs;
    }
}
