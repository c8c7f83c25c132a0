using System.Globalization;
using System.Text;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Evaluation;

public sealed record PrfScore(int TruePositives, int SystemCount, int GoldCount)
{
    public double Precision => SystemCount == 0 ? 0 : (double)TruePositives / SystemCount;
    public double Recall => GoldCount == 0 ? 0 : (double)TruePositives / GoldCount;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public static PrfScore operator +(PrfScore a, PrfScore b) =>
        new(a.TruePositives + b.TruePositives, a.SystemCount + b.SystemCount, a.GoldCount + b.GoldCount);
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P {Precision:0.000} R {Recall:0.000} F1 {F1:0.000} (tp {TruePositives}, sys {SystemCount}, gold {GoldCount})");
}

/// <summary>
/// Stance over the (statement, actor) pairs present in gold and system. <see cref="Confusion"/>[gold + 2][system + 2]
/// counts the pairs by gold stance (rows −2..+2) and system stance (columns −2..+2).
/// </summary>
public sealed record StanceScore(int Pairs, int Exact, int WithinOne, int SameClass, IReadOnlyList<IReadOnlyList<int>> Confusion)
{
    public double ExactAccuracy => Pairs == 0 ? 0 : (double)Exact / Pairs;
    public double WithinOneAccuracy => Pairs == 0 ? 0 : (double)WithinOne / Pairs;
    public double ThreeClassAccuracy => Pairs == 0 ? 0 : (double)SameClass / Pairs;
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"exact {ExactAccuracy:0.000} ±1 {WithinOneAccuracy:0.000} 3-class {ThreeClassAccuracy:0.000} (pairs {Pairs})");
}

/// <summary>A statement with errors: <see cref="Errors"/> = missed + extra targets + stance distance on shared targets + missed + extra themes.</summary>
public sealed record StatementError(string Document, string Kind, string Text, string Gold, string System, int Errors);

public sealed record ScoreReport(
    int GoldStatements, int SystemStatements, int Matched,
    PrfScore Targets, PrfScore TargetsWithoutSelf, StanceScore Stance, StanceScore StanceWithoutSelf,
    PrfScore Themes, IReadOnlyDictionary<string, PrfScore> ThemesByClass,
    IReadOnlyList<StatementError> Worst, IReadOnlyList<string> Differences)
{
    public string Summary(string label) => new StringBuilder()
        .AppendLine($"[{label}] statements gold {GoldStatements}, system {SystemStatements}, matched {Matched}")
        .AppendLine($"  targets (all)      {Targets}")
        .AppendLine($"  targets (no CN)    {TargetsWithoutSelf}")
        .AppendLine($"  stance             {Stance}")
        .AppendLine($"  stance (no CN)     {StanceWithoutSelf}")
        .AppendLine($"  themes (micro)     {Themes}").ToString();
}

/// <summary>What to score: <see cref="Kinds"/> null = every kind; <see cref="Worst"/> = how many worst statements to keep.</summary>
public sealed record ScoreOptions
{
    public IReadOnlySet<string>? Kinds { get; init; }
    public int Worst { get; init; } = 20;
    public string Self { get; init; } = GoldScorer.Self;

    public static readonly IReadOnlySet<string> AnswerAndOpening = new HashSet<string>(StringComparer.Ordinal) { "answer", "opening" };
}

/// <summary>A system's coding of one statement, in the terms the scorer compares: text, kind, actor → stance, themes.</summary>
public sealed record SystemStatement(string Text, string Kind, IReadOnlyDictionary<string, int> Targets, IReadOnlyList<string> Themes)
{
    public static IReadOnlyList<SystemStatement> From(CodedDocument coded) =>
        coded.Document.Statements.Zip(coded.Statements, (s, c) => new SystemStatement(
            s.Text, s.Kind.ToId(),
            c.Targets.GroupBy(t => t.Actor).ToDictionary(g => g.Key, g => g.First().Stance, StringComparer.Ordinal),
            c.Themes)).ToList();

    /// <summary>A second hand coding seen as the system (agreement figures, or scoring one pass against the adjudicated gold).</summary>
    public static IReadOnlyList<SystemStatement> From(IReadOnlyList<GoldStatement> coding) =>
        coding.Select(g => new SystemStatement(g.Text, g.Kind,
            g.Targets.GroupBy(t => t.Actor).ToDictionary(x => x.Key, x => x.First().Stance, StringComparer.Ordinal), g.Themes)).ToList();
}

/// <summary>
/// Scores a coding against gold exactly as <c>shared/eval/README.md</c> says: one-to-one text matching, target P/R/F1
/// over (statement, actor) pairs (with and without the self actor), stance over the pairs in both, theme micro-F1 and
/// per theme. Several documents are pooled (micro-averaged): every pair counts once, whatever its document.
/// </summary>
public static class GoldScorer
{
    public const string Self = "CN";

    public static ScoreReport Score(IReadOnlyList<GoldStatement> gold, CodedDocument coded, Func<string, bool>? kindFilter = null) =>
        Score([("", gold, SystemStatement.From(coded))], new ScoreOptions(), kindFilter);

    public static ScoreReport Score(IReadOnlyList<(string Document, IReadOnlyList<GoldStatement> Gold, IReadOnlyList<SystemStatement> System)> documents,
        ScoreOptions options) => Score(documents, options, null);

    private static ScoreReport Score(IReadOnlyList<(string Document, IReadOnlyList<GoldStatement> Gold, IReadOnlyList<SystemStatement> System)> documents,
        ScoreOptions options, Func<string, bool>? kindFilter)
    {
        var keepKind = kindFilter ?? (options.Kinds is { } kinds ? kinds.Contains : _ => true);
        var acc = new Accumulator(options.Self);
        foreach (var (name, gold, system) in documents) acc.Add(name, gold, system, keepKind);
        return acc.Report(options.Worst);
    }

    private sealed class Accumulator(string self)
    {
        private int _gold, _system, _matched;
        private PrfScore _targets = new(0, 0, 0), _noSelf = new(0, 0, 0), _themes = new(0, 0, 0);
        private readonly int[,] _confusion = new int[5, 5], _confusionNoSelf = new int[5, 5];
        private readonly Dictionary<string, (int Tp, int Sys, int Gold)> _byTheme = new(StringComparer.Ordinal);
        private readonly List<StatementError> _errors = [];
        private readonly List<string> _diffs = [];

        public void Add(string document, IReadOnlyList<GoldStatement> gold, IReadOnlyList<SystemStatement> system, Func<string, bool> keepKind)
        {
            var match = Match(gold.Select(g => g.Text).ToList(), system.Select(s => s.Text).ToList());
            var goldIdx = Enumerable.Range(0, gold.Count).Where(i => keepKind(gold[i].Kind)).ToHashSet();
            var sysIdx = Enumerable.Range(0, system.Count).Where(i => keepKind(system[i].Kind)).ToList();
            var goldOf = match.ToDictionary(m => m.Value, m => m.Key);     // system -> gold
            _gold += goldIdx.Count;
            _system += sysIdx.Count;
            _matched += match.Count(m => goldIdx.Contains(m.Key));

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

            _targets += Pairs(_ => true, g => g.Targets.Select(t => t.Actor), s => s.Targets.Keys);
            _noSelf += Pairs(a => a != self, g => g.Targets.Select(t => t.Actor), s => s.Targets.Keys);
            _themes += Pairs(_ => true, g => g.Themes, s => s.Themes);
            foreach (var theme in gold.Where((_, i) => goldIdx.Contains(i)).SelectMany(g => g.Themes)
                         .Concat(sysIdx.SelectMany(j => system[j].Themes)).Distinct())
            {
                var p = Pairs(t => t == theme, g => g.Themes, s => s.Themes);
                var cur = _byTheme.GetValueOrDefault(theme);
                _byTheme[theme] = (cur.Tp + p.TruePositives, cur.Sys + p.SystemCount, cur.Gold + p.GoldCount);
            }

            foreach (var j in sysIdx)
            {
                var s = system[j];
                var sysT = string.Join(" ", s.Targets.Select(t => $"{t.Key}{t.Value:+0;-0;0}"));
                if (!goldOf.TryGetValue(j, out var gi) || !goldIdx.Contains(gi))
                {
                    _diffs.Add($"UNMATCHED system [{s.Kind}] {s.Text}");
                    _errors.Add(new StatementError(document, s.Kind, s.Text, "(unmatched)", $"{sysT} || {string.Join(",", s.Themes)}",
                        s.Targets.Count + s.Themes.Count));
                    continue;
                }
                var g = gold[gi];
                var errors = 0;
                foreach (var t in g.Targets.GroupBy(t => t.Actor).Select(x => x.First()))
                {
                    if (!s.Targets.TryGetValue(t.Actor, out var st)) { errors++; continue; }
                    var d = Math.Abs(st - t.Stance);
                    errors += d;
                    if (!InRange(st) || !InRange(t.Stance)) continue;
                    _confusion[t.Stance + 2, st + 2]++;
                    if (t.Actor != self) _confusionNoSelf[t.Stance + 2, st + 2]++;
                }
                errors += s.Targets.Keys.Count(a => g.Targets.All(t => t.Actor != a));
                errors += g.Themes.Distinct().Count(t => !s.Themes.Contains(t)) + s.Themes.Distinct().Count(t => !g.Themes.Contains(t));
                var goldT = string.Join(" ", g.Targets.Select(t => $"{t.Actor}{t.Stance:+0;-0;0}"));
                var goldTh = string.Join(",", g.Themes);
                var sysTh = string.Join(",", s.Themes);
                if (!SameSet(goldT, sysT) || goldTh != sysTh)
                    _diffs.Add($"[{s.Kind}] gold {goldT} | sys {sysT} || gold {goldTh} | sys {sysTh} :: {s.Text}");
                if (errors > 0) _errors.Add(new StatementError(document, s.Kind, s.Text, $"{goldT} || {goldTh}", $"{sysT} || {sysTh}", errors));
            }
            foreach (var i in goldIdx.Where(i => !match.ContainsKey(i)).Order())
            {
                _diffs.Add($"UNMATCHED gold [{gold[i].Kind}] {gold[i].Text}");
                _errors.Add(new StatementError(document, gold[i].Kind, gold[i].Text,
                    $"{string.Join(" ", gold[i].Targets.Select(t => $"{t.Actor}{t.Stance:+0;-0;0}"))} || {string.Join(",", gold[i].Themes)}",
                    "(unmatched)", gold[i].Targets.Count + gold[i].Themes.Count));
            }
        }

        private static bool InRange(int stance) => stance is >= -2 and <= 2;

        public ScoreReport Report(int worst) => new(_gold, _system, _matched, _targets, _noSelf,
            Stance(_confusion), Stance(_confusionNoSelf), _themes,
            _byTheme.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => new PrfScore(t.Value.Tp, t.Value.Sys, t.Value.Gold), StringComparer.Ordinal),
            // Stable: most errors first, then the order the documents and statements were scored in.
            _errors.Select((e, i) => (e, i)).OrderByDescending(x => x.e.Errors).ThenBy(x => x.i).Take(worst).Select(x => x.e).ToList(),
            _diffs);

        private static StanceScore Stance(int[,] m)
        {
            int pairs = 0, exact = 0, within = 0, cls = 0;
            var rows = new List<IReadOnlyList<int>>();
            for (var g = 0; g < 5; g++)
            {
                var row = new int[5];
                for (var s = 0; s < 5; s++)
                {
                    var n = m[g, s];
                    row[s] = n;
                    pairs += n;
                    if (g == s) exact += n;
                    if (Math.Abs(g - s) <= 1) within += n;
                    if (Math.Sign(g - 2) == Math.Sign(s - 2)) cls += n;
                }
                rows.Add(row);
            }
            return new StanceScore(pairs, exact, within, cls, rows);
        }
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
