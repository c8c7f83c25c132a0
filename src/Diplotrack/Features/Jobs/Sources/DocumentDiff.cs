using System.Text.Json;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Diplotrack.Features.Jobs.Sources;

/// <summary>One unit (exchange or statement) as compared between versions: its order and its text.</summary>
public sealed record DiffUnit(int Ordinal, string Text);

public sealed record UnitChange(string Change, int? OldOrdinal, int? NewOrdinal, string? OldText, string? NewText);

public sealed record UnitDiff(IReadOnlyList<UnitChange> Changes)
{
    public int Added => Changes.Count(c => c.Change == "added");
    public int Removed => Changes.Count(c => c.Change == "removed");
    public int Changed => Changes.Count(c => c.Change == "changed");
}

/// <summary>What changed between two versions of a document, at the level analysts care about: exchanges and statements.</summary>
public sealed record DocumentDiff(UnitDiff Exchanges, UnitDiff Statements)
{
    public static DocumentDiff Compute(
        IReadOnlyList<DiffUnit> oldExchanges, IReadOnlyList<DiffUnit> newExchanges,
        IReadOnlyList<DiffUnit> oldStatements, IReadOnlyList<DiffUnit> newStatements) =>
        new(Units(oldExchanges, newExchanges), Units(oldStatements, newStatements));

    public string ToJson() => JsonSerializer.Serialize(new
    {
        exchanges = new { added = Exchanges.Added, removed = Exchanges.Removed, changed = Exchanges.Changed, changes = Exchanges.Changes },
        statements = new { added = Statements.Added, removed = Statements.Removed, changed = Statements.Changed, changes = Statements.Changes },
    }, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // Keep Chinese readable in the stored JSON rather than \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// A line diff (DiffPlex, Myers) over the units, one unit per line: a block that deletes n units and inserts m
    /// pairs the first min(n, m) as changed (an edited sentence), the rest as removed or added.
    /// </summary>
    private static UnitDiff Units(IReadOnlyList<DiffUnit> before, IReadOnlyList<DiffUnit> after)
    {
        if (before.Count == 0 || after.Count == 0)
            return new UnitDiff(
                before.Select(o => new UnitChange("removed", o.Ordinal, null, o.Text, null))
                    .Concat(after.Select(n => new UnitChange("added", null, n.Ordinal, null, n.Text))).ToList());
        static string Lines(IReadOnlyList<DiffUnit> units) =>
            string.Join("\n", units.Select(u => u.Text.Replace('\r', ' ').Replace('\n', ' ')));
        var result = Differ.Instance.CreateDiffs(Lines(before), Lines(after), ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
        var changes = new List<UnitChange>();
        foreach (var block in result.DiffBlocks)
        {
            var paired = Math.Min(block.DeleteCountA, block.InsertCountB);
            for (var i = 0; i < paired; i++)
            {
                DiffUnit o = before[block.DeleteStartA + i], n = after[block.InsertStartB + i];
                changes.Add(new UnitChange("changed", o.Ordinal, n.Ordinal, o.Text, n.Text));
            }
            for (var i = paired; i < block.DeleteCountA; i++)
            {
                var o = before[block.DeleteStartA + i];
                changes.Add(new UnitChange("removed", o.Ordinal, null, o.Text, null));
            }
            for (var i = paired; i < block.InsertCountB; i++)
            {
                var n = after[block.InsertStartB + i];
                changes.Add(new UnitChange("added", null, n.Ordinal, null, n.Text));
            }
        }
        return new UnitDiff(changes);
    }
}
