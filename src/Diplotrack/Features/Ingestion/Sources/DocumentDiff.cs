using System.Text.Json;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Diplotrack.Features.Ingestion.Sources;

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

    /// <summary>Two units at least this alike (shared characters, Dice coefficient) are one unit edited.</summary>
    public const double SameUnitSimilarity = 0.5;

    /// <summary>2 × common characters / total characters, from a character diff.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length + b.Length == 0) return 1;
        var diff = Differ.Instance.CreateDiffs(a, b, ignoreWhiteSpace: false, ignoreCase: false, new CharacterChunker());
        var common = a.Length - diff.DiffBlocks.Sum(d => d.DeleteCountA);
        return 2.0 * common / (a.Length + b.Length);
    }

    /// <summary>
    /// A line diff (DiffPlex, Myers) over the units, one unit per line; the units of a block that deletes and
    /// inserts are paired as "changed" when alike, else reported as removed and added.
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
            // Within a block, a deleted unit and the next inserted one are the same unit edited when they are
            // mostly alike; otherwise one was removed and another added (a reworded sentence vs a new question).
            int i = 0, j = 0;
            while (i < block.DeleteCountA && j < block.InsertCountB)
            {
                DiffUnit o = before[block.DeleteStartA + i], n = after[block.InsertStartB + j];
                if (Similarity(o.Text, n.Text) >= SameUnitSimilarity)
                {
                    changes.Add(new UnitChange("changed", o.Ordinal, n.Ordinal, o.Text, n.Text));
                    i++;
                    j++;
                }
                else
                {
                    changes.Add(new UnitChange("removed", o.Ordinal, null, o.Text, null));
                    i++;
                }
            }
            for (; i < block.DeleteCountA; i++)
            {
                var o = before[block.DeleteStartA + i];
                changes.Add(new UnitChange("removed", o.Ordinal, null, o.Text, null));
            }
            for (; j < block.InsertCountB; j++)
            {
                var n = after[block.InsertStartB + j];
                changes.Add(new UnitChange("added", null, n.Ordinal, null, n.Text));
            }
        }
        return new UnitDiff(changes);
    }
}
