using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diplotrack.Text.Alignment;

/// <summary>One page of a hand-aligned pair: its corpus path and the SHA-256 of its normalised text (statement indexes refer to it).</summary>
public sealed record AlignmentGoldPage(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("sha256")] string Sha256);

public sealed record AlignmentGoldExchange(
    [property: JsonPropertyName("zh")] IReadOnlyList<int> Zh,
    [property: JsonPropertyName("en")] IReadOnlyList<int> En);

/// <summary>A gold sentence link; the texts are there for people reading the file and to catch a parser change.</summary>
public sealed record AlignmentGoldSentence(
    [property: JsonPropertyName("zh")] IReadOnlyList<int> Zh,
    [property: JsonPropertyName("en")] IReadOnlyList<int> En,
    [property: JsonPropertyName("zh_text")] string ZhText,
    [property: JsonPropertyName("en_text")] string EnText);

/// <summary>A briefing pair aligned by hand (<c>seed/gold/alignment/*.json</c>, described in its README).</summary>
public sealed record AlignmentGold(
    [property: JsonPropertyName("zh")] AlignmentGoldPage Zh,
    [property: JsonPropertyName("en")] AlignmentGoldPage En,
    [property: JsonPropertyName("exchanges")] IReadOnlyList<AlignmentGoldExchange> Exchanges,
    [property: JsonPropertyName("sentences")] IReadOnlyList<AlignmentGoldSentence> Sentences)
{
    public static AlignmentGold Read(string path) =>
        JsonSerializer.Deserialize<AlignmentGold>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty");
}

/// <summary>How a system alignment compares with a gold one.</summary>
/// <param name="ExchangesExact">Every exchange link equal to the gold's (same exchanges grouped, same one-sided ones).</param>
public sealed record AlignmentScore(bool ExchangesExact, int ExchangeErrors, int TruePositives, int SystemPairs, int GoldPairs)
{
    public double Precision => SystemPairs == 0 ? 0 : (double)TruePositives / SystemPairs;
    public double Recall => GoldPairs == 0 ? 0 : (double)TruePositives / GoldPairs;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"exchanges {(ExchangesExact ? "exact" : $"{ExchangeErrors} wrong")}; sentences P {Precision:0.000} R {Recall:0.000} F1 {F1:0.000} (tp {TruePositives}, sys {SystemPairs}, gold {GoldPairs})");

    /// <summary>
    /// Sentence alignment is scored over atomic pairs, as is usual for sentence aligners: a 1-2 link gives two pairs
    /// (z, e1), (z, e2); a sentence present on one side only gives the pair (z, none) or (none, e), so finding an omission
    /// counts like finding a translation.
    /// </summary>
    public static AlignmentScore Compare(BriefingAlignment system, AlignmentGold gold)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(gold);
        static string Key(IEnumerable<int> zh, IEnumerable<int> en) => string.Join(",", zh) + "~" + string.Join(",", en);
        var goldExchanges = gold.Exchanges.Select(x => Key(x.Zh, x.En)).ToHashSet(StringComparer.Ordinal);
        var systemExchanges = system.Exchanges.Select(x => Key(x.Zh, x.En)).ToHashSet(StringComparer.Ordinal);
        var exchangeErrors = goldExchanges.Except(systemExchanges).Count() + systemExchanges.Except(goldExchanges).Count();

        var goldPairs = Pairs(gold.Sentences.Select(s => (s.Zh, s.En)));
        var systemPairs = Pairs(system.Sentences.Select(s => (s.Zh, s.En)));
        return new AlignmentScore(exchangeErrors == 0, exchangeErrors, systemPairs.Count(goldPairs.Contains), systemPairs.Count, goldPairs.Count);
    }

    private static HashSet<(int Zh, int En)> Pairs(IEnumerable<(IReadOnlyList<int> Zh, IReadOnlyList<int> En)> links)
    {
        var pairs = new HashSet<(int, int)>();
        foreach (var (zh, en) in links)
        {
            if (zh.Count == 0) foreach (var e in en) pairs.Add((-1, e));
            else if (en.Count == 0) foreach (var z in zh) pairs.Add((z, -1));
            else foreach (var z in zh) foreach (var e in en) pairs.Add((z, e));
        }
        return pairs;
    }
}
