using System.Globalization;
using System.Text;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Tests.Support;

public sealed record PrfScore(int TruePositives, int SystemCount, int GoldCount)
{
    public double Precision => SystemCount == 0 ? 0 : (double)TruePositives / SystemCount;
    public double Recall => GoldCount == 0 ? 0 : (double)TruePositives / GoldCount;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P {Precision:0.000} R {Recall:0.000} F1 {F1:0.000} (tp {TruePositives}, sys {SystemCount}, gold {GoldCount})");
}

public sealed record StanceScore(int Pairs, int Exact, int WithinOne, int SameClass)
{
    public double ExactAccuracy => Pairs == 0 ? 0 : (double)Exact / Pairs;
    public double WithinOneAccuracy => Pairs == 0 ? 0 : (double)WithinOne / Pairs;
    public double ThreeClassAccuracy => Pairs == 0 ? 0 : (double)SameClass / Pairs;
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"exact {ExactAccuracy:0.000} ±1 {WithinOneAccuracy:0.000} 3-class {ThreeClassAccuracy:0.000} (pairs {Pairs})");
}

public sealed record ScoreReport(
    int GoldStatements, int SystemStatements, int Matched,
    PrfScore Targets, PrfScore TargetsWithoutSelf, StanceScore Stance, PrfScore Themes,
    IReadOnlyList<string> Differences)
{
    public string Summary(string label) => new StringBuilder()
        .AppendLine($"[{label}] statements gold {GoldStatements}, system {SystemStatements}, matched {Matched}")
        .AppendLine($"  targets (all)      {Targets}")
        .AppendLine($"  targets (no CN)    {TargetsWithoutSelf}")
        .AppendLine($"  stance             {Stance}")
        .AppendLine($"  themes (micro)     {Themes}").ToString();
}

/// <summary>Scores a coding against the gold file exactly as shared/eval/README.md says.</summary>
public static class GoldScorer
{
    public const string Self = "CN";

    private sealed record SystemStatement(string Text, string Kind, IReadOnlyDictionary<string, int> Targets, IReadOnlyList<string> Themes);

    public static ScoreReport Score(IReadOnlyList<GoldStatement> gold, CodedDocument coded, Func<string, bool>? kindFilter = null)
    {
        var system = coded.Document.Statements.Zip(coded.Statements, (s, c) => new SystemStatement(
            s.Text, s.Kind.ToId(),
            c.Targets.GroupBy(t => t.Actor).ToDictionary(g => g.Key, g => g.First().Stance),
            c.Themes)).ToList();
        var match = Match(gold.Select(g => g.Text).ToList(), system.Select(s => s.Text).ToList());
        var goldIdx = Enumerable.Range(0, gold.Count).Where(i => kindFilter?.Invoke(gold[i].Kind) ?? true).ToList();
        var sysIdx = Enumerable.Range(0, system.Count).Where(i => kindFilter?.Invoke(system[i].Kind) ?? true).ToList();
        var goldOf = match.ToDictionary(m => m.Value, m => m.Key);     // system -> gold

        PrfScore Pairs(Func<string, bool> keep, Func<GoldStatement, IEnumerable<string>> goldItems, Func<SystemStatement, IEnumerable<string>> sysItems)
        {
            int tp = 0, sys = 0, gl = 0;
            foreach (var i in goldIdx) gl += goldItems(gold[i]).Where(keep).Distinct().Count();
            foreach (var j in sysIdx)
            {
                var items = sysItems(system[j]).Where(keep).Distinct().ToList();
                sys += items.Count;
                if (goldOf.TryGetValue(j, out var g) && goldIdx.Contains(g))
                    tp += items.Count(a => goldItems(gold[g]).Contains(a));
            }
            return new PrfScore(tp, sys, gl);
        }

        var targets = Pairs(_ => true, g => g.Targets.Select(t => t.Actor), s => s.Targets.Keys);
        var noSelf = Pairs(a => a != Self, g => g.Targets.Select(t => t.Actor), s => s.Targets.Keys);
        var themes = Pairs(_ => true, g => g.Themes, s => s.Themes);

        int pairs = 0, exact = 0, within = 0, cls = 0;
        var diffs = new List<string>();
        foreach (var j in sysIdx)
        {
            var s = system[j];
            if (!goldOf.TryGetValue(j, out var gi) || !goldIdx.Contains(gi))
            {
                diffs.Add($"UNMATCHED system [{s.Kind}] {s.Text}");
                continue;
            }
            var g = gold[gi];
            foreach (var t in g.Targets.GroupBy(t => t.Actor).Select(x => x.First()))
            {
                if (!s.Targets.TryGetValue(t.Actor, out var st)) continue;
                pairs++;
                if (st == t.Stance) exact++;
                if (Math.Abs(st - t.Stance) <= 1) within++;
                if (Math.Sign(st) == Math.Sign(t.Stance)) cls++;
            }
            var goldT = string.Join(" ", g.Targets.Select(t => $"{t.Actor}{t.Stance:+0;-0;0}"));
            var sysT = string.Join(" ", s.Targets.Select(t => $"{t.Key}{t.Value:+0;-0;0}"));
            var goldTh = string.Join(",", g.Themes);
            var sysTh = string.Join(",", s.Themes);
            if (!SameSet(goldT, sysT) || goldTh != sysTh)
                diffs.Add($"[{s.Kind}] gold {goldT} | sys {sysT} || gold {goldTh} | sys {sysTh} :: {s.Text}");
        }
        foreach (var i in goldIdx.Where(i => !match.ContainsKey(i))) diffs.Add($"UNMATCHED gold [{gold[i].Kind}] {gold[i].Text}");
        return new ScoreReport(goldIdx.Count, sysIdx.Count, match.Count(m => goldIdx.Contains(m.Key)), targets, noSelf,
            new StanceScore(pairs, exact, within, cls), themes, diffs);
    }

    private static bool SameSet(string a, string b) =>
        a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order().SequenceEqual(b.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order());

    private static string Norm(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// One-to-one matching: equal normalised texts first, then containment with the shorter at least 80% of the longer,
    /// highest ratio first, ties in document order. Returns gold index -> system index.
    /// </summary>
    public static Dictionary<int, int> Match(IReadOnlyList<string> gold, IReadOnlyList<string> system)
    {
        var g = gold.Select(Norm).ToList();
        var s = system.Select(Norm).ToList();
        var candidates = new List<(double Ratio, int Gold, int Sys)>();
        for (var i = 0; i < g.Count; i++)
            for (var j = 0; j < s.Count; j++)
            {
                if (g[i].Length == 0 || s[j].Length == 0) continue;
                if (g[i] == s[j]) { candidates.Add((2.0, i, j)); continue; }   // equal texts rank before any ratio
                var (shorter, longer) = g[i].Length <= s[j].Length ? (g[i], s[j]) : (s[j], g[i]);
                var ratio = (double)shorter.Length / longer.Length;
                if (ratio >= 0.8 && longer.Contains(shorter, StringComparison.Ordinal)) candidates.Add((ratio, i, j));
            }
        var result = new Dictionary<int, int>();
        var usedSys = new HashSet<int>();
        foreach (var c in candidates.OrderByDescending(c => c.Ratio).ThenBy(c => c.Gold).ThenBy(c => c.Sys))
        {
            if (result.ContainsKey(c.Gold) || usedSys.Contains(c.Sys)) continue;
            result[c.Gold] = c.Sys;
            usedSys.Add(c.Sys);
        }
        return result;
    }
}
