using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Parsing;
using JiebaNet.Segmenter;

namespace Diplotrack.Benchmarks;

/// <summary>
/// The two candidate techniques for finding actor mentions (ADR 0003): our Aho–Corasick automaton with
/// leftmost-longest selection and the codebook's short-form rules, versus jieba.NET segmentation with every alias
/// as a user-dictionary word and a token lookup.
/// </summary>
internal sealed class JiebaActorMatcher
{
    private readonly JiebaSegmenter _segmenter = new();
    private readonly Dictionary<string, List<(string Actor, string Kind)>> _aliases = new(StringComparer.Ordinal);

    public JiebaActorMatcher(Codebook codebook)
    {
        void Add(string alias, string actor, string kind)
        {
            if (!_aliases.TryGetValue(alias, out var list)) _aliases[alias] = list = [];
            list.Add((actor, kind));
            _segmenter.AddWord(alias, 100000);
        }
        foreach (var a in codebook.Actors.Where(a => a.Kind != "unnamed")) Add(a.NameZh, a.Id, "name");
        foreach (var a in codebook.Aliases) Add(a.Alias, a.ActorId, a.Kind);
    }

    public List<(int Start, int End, IReadOnlyList<string> Actors)> Find(string sentence, string own)
    {
        var result = new List<(int, int, IReadOnlyList<string>)>();
        foreach (var token in _segmenter.Tokenize(sentence))
        {
            if (!_aliases.TryGetValue(token.Word, out var entries)) continue;
            var actors = entries.Select(e => e.Actor).Distinct().ToList();
            if (entries[0].Kind == "dyad" && actors.Contains(own)) actors.Remove(own);
            result.Add((token.StartIndex, token.EndIndex, actors));
        }
        return result;
    }
}

[MemoryDiagnoser]
public class MatchingTechniqueBenchmarks
{
    private string[] _sentences = [];
    private StatementCoder _coder = null!;
    private JiebaActorMatcher _jieba = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sentences = TranscriptReader.Default.Read(new SourceFile("seed.txt", System.Text.Encoding.UTF8.GetBytes(BenchmarkData.SeedText)))
            .Statements.Select(s => s.Text).ToArray();
        var codebook = CodebookLoader.Load(BenchmarkData.CodebookDirectory);
        _coder = new StatementCoder(codebook);
        _jieba = new JiebaActorMatcher(codebook);
    }

    [Benchmark(Baseline = true)]
    public int AhoCorasick() => _sentences.Sum(s => _coder.FindActors(s).Count);

    [Benchmark]
    public int Jieba() => _sentences.Sum(s => _jieba.Find(s, "CN").Count);
}

/// <summary>
/// Accuracy of each technique's raw actor mentions (no contextual or self rules) against the gold's non-CN actors:
/// how many of the gold's explicit actors it finds, and how many it invents. Run: <c>-- --compare-matching</c>.
/// </summary>
internal static class MatchingAccuracy
{
    public static void Run()
    {
        var shared = BenchmarkData.SharedDirectory ?? throw new DirectoryNotFoundException("shared/eval not found; set DIPLOTRACK_SHARED");
        var gold = File.ReadLines(Path.Combine(shared, "eval", "seed-gold.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var codebook = CodebookLoader.Load(BenchmarkData.CodebookDirectory);
        var coder = new StatementCoder(codebook);
        var jieba = new JiebaActorMatcher(codebook);
        Score("aho-corasick", gold, s => coder.FindActors(s).SelectMany(m => m.Actors));
        Score("jieba+userdict", gold, s => jieba.Find(s, "CN").SelectMany(m => m.Actors));
    }

    private static void Score(string name, List<JsonElement> gold, Func<string, IEnumerable<string>> find)
    {
        int tp = 0, sys = 0, gl = 0;
        foreach (var g in gold)
        {
            var expected = g.GetProperty("targets").EnumerateArray()
                .Where(t => t.GetProperty("source").GetString() == "explicit")
                .Select(t => t.GetProperty("actor").GetString()!).Where(a => a != "CN").ToHashSet();
            var found = find(g.GetProperty("text").GetString()!).Where(a => a != "CN").ToHashSet();
            tp += found.Count(expected.Contains);
            sys += found.Count;
            gl += expected.Count;
        }
        double p = sys == 0 ? 0 : (double)tp / sys, r = gl == 0 ? 0 : (double)tp / gl;
        Console.WriteLine($"{name,-16} explicit actors (no CN): P {p:0.000} R {r:0.000} F1 {(p + r == 0 ? 0 : 2 * p * r / (p + r)):0.000} (tp {tp}, sys {sys}, gold {gl})");
    }
}
