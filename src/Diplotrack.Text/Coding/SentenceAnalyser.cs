using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Coding;

/// <summary>
/// Reads one sentence on its own: one automaton pass, then actor mentions (<see cref="ActorFinder"/>), stance cues
/// (<see cref="CueFinder"/>) and theme-cue scores. Context is applied later, by the coordinator.
/// </summary>
internal sealed partial class SentenceAnalyser(CoderLexicon lexicon, ActorFinder actors, CueFinder cues)
{
    // R5 (docs/coding-guide.md): 各方 / 有关各方 / 所有有关各方 are the parties of the exchange, an anaphor like 对方;
    // 各方面 ("in all respects") is not. A sentence about them predicates something of the parties.
    [GeneratedRegex(@"各方(?!面)")]
    private static partial Regex Parties();

    private static readonly string[] FullNameKinds = ["name", "official", "person"];
    private static readonly char[] OpeningQuotes = ['“', '"', '‘', ' '];

    public Analysis Analyse(string text, int offset, string? own, NameScope? scope = null)
    {
        var matches = lexicon.Automaton.FindAll(text);
        var mentions = actors.FindMentions(text, matches, own, scope);
        var found = cues.FindCues(text, matches);
        var themes = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        foreach (var m in AhoCorasick.LeftmostLongest(matches, p => lexicon[p].Themes.Count > 0))
            foreach (var (theme, w) in lexicon[m.Pattern].Themes)
                themes[theme] = themes.TryGetValue(theme, out var cur) ? (cur.Item1 + w, cur.Item2) : (w, m.Start);
        foreach (var m in mentions)
            if (m.Actors.Any(a => a is "TW" or "HK" or "MO")) AddTheme(themes, "sovereignty", 1, m.Start);

        var explicitTargets = actors.ExplicitTargets(text, mentions, own);
        var trimmed = text.TrimStart(OpeningQuotes);
        var elided = lexicon.ElidedOpeners.Any(o => trimmed.StartsWith(o, StringComparison.Ordinal));
        var pointsBack = lexicon.CounterpartReferences.Any(r => text.Contains(r, StringComparison.Ordinal))
            || (text.Contains("各方", StringComparison.Ordinal) && Parties().IsMatch(text));
        return new Analysis(text, offset, own, mentions, found, themes, explicitTargets, elided, pointsBack);
    }

    public static void AddTheme(Dictionary<string, (double Score, int First)> themes, string theme, double w, int pos) =>
        themes[theme] = themes.TryGetValue(theme, out var cur) ? (cur.Score + w, cur.First) : (w, pos);

    /// <summary>
    /// Re-analyses the statements holding an ambiguous short form (中巴, 中阿, 巴) once the full names of their exchange
    /// and document are known: 阿富汗 named in the exchange makes 中阿 Afghanistan, not the Arab world.
    /// </summary>
    public void ResolveAmbiguous(ParsedDocument document, List<Analysis> analyses, Func<ParsedStatement, string?> ownOf)
    {
        if (!analyses.Any(a => a.Mentions.Any(m => m.Ambiguous))) return;
        HashSet<string> Named(IEnumerable<Analysis> source) =>
            source.SelectMany(a => a.Mentions).Where(m => !m.Ambiguous && FullNameKinds.Contains(m.Kind)).SelectMany(m => m.Actors).ToHashSet(StringComparer.Ordinal);
        var inDocument = Named(analyses);
        var byExchange = new Dictionary<int, HashSet<string>>();
        for (var i = 0; i < analyses.Count; i++)
        {
            if (!analyses[i].Mentions.Any(m => m.Ambiguous)) continue;
            var s = document.Statements[i];
            var inExchange = s.Exchange is { } e
                ? byExchange.TryGetValue(e, out var set) ? set
                    : byExchange[e] = Named(analyses.Where((_, j) => document.Statements[j].Exchange == e))
                : new HashSet<string>(StringComparer.Ordinal);
            analyses[i] = Analyse(s.Text, s.Start, ownOf(s), new NameScope(inExchange, inDocument));
        }
    }
}
