using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Coding;

/// <summary>Themes (codebook §3): from a sentence's theme-cue scores, else the exchange's theme, else <c>other</c>.</summary>
internal sealed class ThemeRules(CoderLexicon lexicon)
{
    /// <summary>A secondary theme needs this share of the top theme's score (chosen by measurement on the seed, see ADR 0003).</summary>
    internal static double ThemeRatio { get; set; } = 0.4;

    public IReadOnlyList<string> Themes(ParsedStatement s, Analysis a, ExchangeContext? ctx, IReadOnlyList<TargetCoding> targets)
    {
        var themes = Ranked(a, ctx, TargetRules.AboutAnything(a, TargetRules.Speaker(s)));
        // A sentence with no theme word of its own, in an exchange with no theme, that still codes a foreign country
        // (敦促美方立即撤销…, 习近平主席已向肯尼亚总统致慰问电) is about the relationship with it, not procedural.
        if (a.Themes.Count == 0 && ctx?.Theme is null && themes is ["other"]
            && targets.Any(t => t.Actor != a.Own && lexicon.Countries.Contains(t.Actor)))
            themes = ["relations"];
        // About a named foreign country, a word on the relationship (关系, 互信, 会晤; not the weak 双方, 合作 alone) makes it a
        // relations statement too.
        if (themes.Count < 3 && !themes.Contains("relations") && a.Themes.TryGetValue("relations", out var rel) && rel.Score >= 2
            && targets.Any(t => t.Actor != a.Own && lexicon.Countries.Contains(t.Actor)))
            themes = [.. themes, "relations"];
        return themes;
    }

    private static IReadOnlyList<string> Ranked(Analysis a, ExchangeContext? ctx, bool aboutAnything)
    {
        // A sentence about nothing in particular takes no theme from its exchange: it is procedural (`other`).
        if (a.Themes.Count == 0) return [aboutAnything ? ctx?.Theme ?? "other" : "other"];
        var ranked = a.Themes.OrderByDescending(t => t.Value.Score).ThenBy(t => t.Value.First).ToList();
        var top = ranked[0].Value.Score;
        // Secondary themes need a strong cue of their own (weight 2) and half the top score: general words do not add themes.
        return ranked.Where((t, i) => i == 0 || (t.Value.Score >= top * ThemeRatio && t.Value.Score >= 2)).Take(3).Select(t => t.Key).ToList();
    }
}
