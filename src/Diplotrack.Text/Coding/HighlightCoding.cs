using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Coding;

/// <summary>Highlights repeat answer sentences: they carry the coding of what they repeat (eval README, codebook §1).</summary>
internal static class HighlightCoding
{
    public static StatementCoding MergeRepeated(ParsedStatement highlight, List<(ParsedStatement Statement, StatementCoding Coding)> repeated)
    {
        var targets = new Dictionary<string, TargetCoding>(StringComparer.Ordinal);
        foreach (var (answer, coding) in repeated)
            foreach (var t in coding.Targets)
                if (!targets.ContainsKey(t.Actor))
                    targets[t.Actor] = t with { Evidence = [.. t.Evidence.Select(e => IntoHighlight(highlight, answer, e))] };
        return new StatementCoding(highlight.Index, repeated[0].Coding.Themes, [.. targets.Values]);
    }

    /// <summary>
    /// Evidence lies inside its own statement: a term found in the repeated answer sentence is pointed at in the highlight's
    /// text (same offset after aligning the two texts, else its first occurrence); a term the highlight does not contain
    /// (the question's mention behind a contextual target) keeps its span.
    /// </summary>
    private static Evidence IntoHighlight(ParsedStatement highlight, ParsedStatement answer, Evidence e)
    {
        var first = highlight.Text.IndexOf(e.Term, StringComparison.Ordinal);
        if (e.Start < answer.Start || e.End > answer.End || first < 0) return e;
        var core = highlight.Text.Trim().Trim('“', '”', '"');
        var shift = answer.Text.IndexOf(core, StringComparison.Ordinal) is var at and >= 0
            ? highlight.Text.IndexOf(core, StringComparison.Ordinal) - at
            : int.MinValue;
        if (shift != int.MinValue)
        {
            var rel = e.Start - answer.Start + shift;
            if (rel >= 0 && rel + e.Term.Length <= highlight.Text.Length && string.CompareOrdinal(highlight.Text, rel, e.Term, 0, e.Term.Length) == 0)
                return e with { Start = highlight.Start + rel, End = highlight.Start + rel + e.Term.Length };
        }
        return e with { Start = highlight.Start + first, End = highlight.Start + first + e.Term.Length };
    }
}
