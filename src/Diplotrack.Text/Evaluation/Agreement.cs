using System.Globalization;
using System.Text;

namespace Diplotrack.Text.Evaluation;

/// <summary>Alpha of one field with the number of units it was computed over.</summary>
public sealed record AlphaFigure(string Field, AlphaMetric Metric, double Alpha, int Units)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Field,-34} {Metric,-8} α {(double.IsNaN(Alpha) ? "  n/a" : Alpha.ToString("0.000", CultureInfo.InvariantCulture))}  ({Units} units)");
}

public sealed record AgreementReport(
    int PairedStatements, int UnpairedStatements, IReadOnlyList<AlphaFigure> Fields,
    IReadOnlyList<AlphaFigure> ByActor, IReadOnlyList<AlphaFigure> ByTheme)
{
    public string Summary()
    {
        var sb = new StringBuilder().AppendLine($"paired statements {PairedStatements}, unpaired {UnpairedStatements}");
        foreach (var f in Fields) sb.AppendLine($"  {f}");
        return sb.ToString();
    }
}

/// <summary>
/// Agreement between two independent codings of the same statements (two gold passes), per field, as Krippendorff's alpha:
/// <list type="bullet">
/// <item>target presence: a unit per (statement, actor) for every actor either coder used anywhere in that document,
/// value 1 when the coder gave the statement that target (nominal); with and without the self actor; and per actor over
/// all statements;</item>
/// <item>stance: a unit per (statement, actor) both coders gave, interval and ordinal on −2..+2, and nominal on the sign
/// (the 3-class reading);</item>
/// <item>themes: a unit per (statement, theme) for every theme either coder used in that document (nominal presence), per
/// theme over all statements, and the first (main) theme as one nominal value per statement.</item>
/// </list>
/// Statements are paired by <c>index</c> when both files carry it, else by the scorer's text matching.
/// </summary>
public static class Agreement
{
    public static AgreementReport Compute(IReadOnlyList<(string Document, IReadOnlyList<GoldStatement> A, IReadOnlyList<GoldStatement> B)> documents,
        string self = GoldScorer.Self, int minActorUnits = 10)
    {
        var presence = new List<IReadOnlyList<double?>>();
        var presenceNoSelf = new List<IReadOnlyList<double?>>();
        var stance = new List<(double, double)>();
        var stanceNoSelf = new List<(double, double)>();
        var themePresence = new List<IReadOnlyList<double?>>();
        var mainTheme = new List<(double, double)>();
        var byActor = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        var byTheme = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        var themeIds = new Dictionary<string, double>(StringComparer.Ordinal);
        int paired = 0, unpaired = 0;
        var pairedDocs = new List<List<(GoldStatement A, GoldStatement B)>>();

        foreach (var (_, a, b) in documents)
        {
            var pairs = Pair(a, b);
            paired += pairs.Count;
            unpaired += a.Count + b.Count - 2 * pairs.Count;
            pairedDocs.Add(pairs);
        }
        // Per-actor and per-theme figures run over every paired statement of the whole set.
        var allActors = pairedDocs.SelectMany(p => p).SelectMany(p => p.A.Targets.Concat(p.B.Targets)).Select(t => t.Actor).ToHashSet(StringComparer.Ordinal);
        var allThemes = pairedDocs.SelectMany(p => p).SelectMany(p => p.A.Themes.Concat(p.B.Themes)).ToHashSet(StringComparer.Ordinal);
        foreach (var pairs in pairedDocs)
        {
            var actors = pairs.SelectMany(p => p.A.Targets.Concat(p.B.Targets)).Select(t => t.Actor).Distinct(StringComparer.Ordinal).ToList();
            var themes = pairs.SelectMany(p => p.A.Themes.Concat(p.B.Themes)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (a, b) in pairs)
            {
                var ta = a.Targets.GroupBy(t => t.Actor).ToDictionary(g => g.Key, g => g.First().Stance, StringComparer.Ordinal);
                var tb = b.Targets.GroupBy(t => t.Actor).ToDictionary(g => g.Key, g => g.First().Stance, StringComparer.Ordinal);
                foreach (var actor in actors)
                {
                    IReadOnlyList<double?> unit = [ta.ContainsKey(actor) ? 1 : 0, tb.ContainsKey(actor) ? 1 : 0];
                    presence.Add(unit);
                    if (actor != self) presenceNoSelf.Add(unit);
                    if (ta.TryGetValue(actor, out var sa) && tb.TryGetValue(actor, out var sb))
                    {
                        stance.Add((sa, sb));
                        if (actor != self) stanceNoSelf.Add((sa, sb));
                    }
                }
                foreach (var actor in allActors)
                    (byActor.TryGetValue(actor, out var l) ? l : byActor[actor] = []).Add((ta.ContainsKey(actor) ? 1 : 0, tb.ContainsKey(actor) ? 1 : 0));
                foreach (var theme in themes) themePresence.Add([a.Themes.Contains(theme) ? 1 : 0, b.Themes.Contains(theme) ? 1 : 0]);
                foreach (var theme in allThemes)
                    (byTheme.TryGetValue(theme, out var l) ? l : byTheme[theme] = []).Add((a.Themes.Contains(theme) ? 1 : 0, b.Themes.Contains(theme) ? 1 : 0));
                if (a.Themes.Count > 0 && b.Themes.Count > 0) mainTheme.Add((Id(a.Themes[0]), Id(b.Themes[0])));
            }
        }
        double Id(string theme) => themeIds.TryGetValue(theme, out var v) ? v : themeIds[theme] = themeIds.Count;

        var sign = stance.Select(p => ((double)Math.Sign(p.Item1), (double)Math.Sign(p.Item2))).ToList();
        var signNoSelf = stanceNoSelf.Select(p => ((double)Math.Sign(p.Item1), (double)Math.Sign(p.Item2))).ToList();
        var fields = new List<AlphaFigure>
        {
            new("target presence (all actors)", AlphaMetric.Nominal, KrippendorffAlpha.Compute(presence, AlphaMetric.Nominal), presence.Count),
            new("target presence (no CN)", AlphaMetric.Nominal, KrippendorffAlpha.Compute(presenceNoSelf, AlphaMetric.Nominal), presenceNoSelf.Count),
            new("stance (all actors)", AlphaMetric.Interval, KrippendorffAlpha.Compute(stance, AlphaMetric.Interval), stance.Count),
            new("stance (all actors)", AlphaMetric.Ordinal, KrippendorffAlpha.Compute(stance, AlphaMetric.Ordinal), stance.Count),
            new("stance 3-class (all actors)", AlphaMetric.Nominal, KrippendorffAlpha.Compute(sign, AlphaMetric.Nominal), sign.Count),
            new("stance (no CN)", AlphaMetric.Interval, KrippendorffAlpha.Compute(stanceNoSelf, AlphaMetric.Interval), stanceNoSelf.Count),
            new("stance (no CN)", AlphaMetric.Ordinal, KrippendorffAlpha.Compute(stanceNoSelf, AlphaMetric.Ordinal), stanceNoSelf.Count),
            new("stance 3-class (no CN)", AlphaMetric.Nominal, KrippendorffAlpha.Compute(signNoSelf, AlphaMetric.Nominal), signNoSelf.Count),
            new("theme presence", AlphaMetric.Nominal, KrippendorffAlpha.Compute(themePresence, AlphaMetric.Nominal), themePresence.Count),
            new("main theme", AlphaMetric.Nominal, KrippendorffAlpha.Compute(mainTheme, AlphaMetric.Nominal), mainTheme.Count),
        };
        var actorFigures = byActor.Where(x => x.Value.Count(p => p.Item1 + p.Item2 > 0) >= minActorUnits)
            .OrderByDescending(x => x.Value.Count(p => p.Item1 + p.Item2 > 0)).ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new AlphaFigure($"target {x.Key}", AlphaMetric.Nominal, KrippendorffAlpha.Compute(x.Value, AlphaMetric.Nominal), x.Value.Count)).ToList();
        var themeFigures = byTheme.OrderBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => new AlphaFigure($"theme {x.Key}", AlphaMetric.Nominal, KrippendorffAlpha.Compute(x.Value, AlphaMetric.Nominal), x.Value.Count)).ToList();
        return new AgreementReport(paired, unpaired, fields, actorFigures, themeFigures);
    }

    /// <summary>Pairs the two codings' statements: by <c>index</c> when every statement of both has one, else by text.</summary>
    public static List<(GoldStatement A, GoldStatement B)> Pair(IReadOnlyList<GoldStatement> a, IReadOnlyList<GoldStatement> b)
    {
        if (a.All(s => s.Index is not null) && b.All(s => s.Index is not null))
        {
            var byIndex = b.GroupBy(s => s.Index!.Value).ToDictionary(g => g.Key, g => g.First());
            return [.. a.Where(s => byIndex.ContainsKey(s.Index!.Value)).Select(s => (s, byIndex[s.Index!.Value]))];
        }
        var match = GoldScorer.Match(a.Select(s => s.Text).ToList(), b.Select(s => s.Text).ToList());
        return [.. match.OrderBy(m => m.Key).Select(m => (a[m.Key], b[m.Value]))];
    }
}
