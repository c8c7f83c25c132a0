using System.Globalization;
using System.Text.RegularExpressions;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Coding.English;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Alignment;

/// <summary>
/// What two translations of one sentence share whatever the language: the actors it names (codebook ids, found by each
/// language's coder, so <c>美方</c> and <c>the US side</c> are both <c>US</c>), and its numbers (<c>4月17日</c> and
/// <c>April 17</c> both give 4 and 17; <c>三次</c> and <c>three times</c> give 3), and the stance of the diplomatic
/// formulas it uses (<c>强烈不满和坚决反对</c> and <c>We deplore and firmly oppose that.</c> both give <c>−2</c>): the English
/// often makes such a formula a sentence of its own, and without this anchor it drifts to the neighbouring sentence.
/// </summary>
public sealed record SentenceAnchors(IReadOnlySet<string> Actors, IReadOnlySet<string> Numbers, IReadOnlySet<string> Formulas)
{
    public static readonly SentenceAnchors None = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    public int Count => Actors.Count + Numbers.Count + Formulas.Count;

    /// <summary>Anchors found on both sides.</summary>
    public int Shared(SentenceAnchors other) =>
        Actors.Count(other.Actors.Contains) + Numbers.Count(other.Numbers.Contains) + Formulas.Count(other.Formulas.Contains);

    public static SentenceAnchors Union(IEnumerable<SentenceAnchors> parts)
    {
        var actors = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var formulas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parts) { actors.UnionWith(p.Actors); numbers.UnionWith(p.Numbers); formulas.UnionWith(p.Formulas); }
        return new SentenceAnchors(actors, numbers, formulas);
    }
}

/// <summary>Finds <see cref="SentenceAnchors"/> with the two coders' actor finders and the two formula ladders of one codebook version.</summary>
public sealed partial class AnchorFinder
{
    private readonly StatementCoder _chinese;
    private readonly EnglishCoder _english;
    private readonly (string Formula, string Token)[] _chineseFormulas;
    private readonly (Regex Formula, string Token)[] _englishFormulas;

    public AnchorFinder(Codebook.Codebook codebook, StatementCoder chinese, EnglishCoder english)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        _chinese = chinese;
        _english = english;
        // A formula anchors by its stance, not its words: the two ladders rank different phrasings of the same act.
        _chineseFormulas = [.. codebook.Ladder.Where(f => f.Stance != 0).OrderByDescending(f => f.Formula.Length).Select(f => (f.Formula, Token(f.Stance)))];
        _englishFormulas = [.. (codebook.English?.Formulas ?? []).Where(f => f.Stance != 0)
            .Select(f => (new Regex(@"\b" + Regex.Escape(f.Formula).Replace(@"\*", @"\w*", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant), Token(f.Stance)))];
    }

    private static string Token(int stance) => "formula" + stance.ToString("+0;-0", CultureInfo.InvariantCulture);

    public SentenceAnchors Find(string sentence, string language)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (language.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            return new(_english.FindActors(sentence, null).SelectMany(m => m.Actors).ToHashSet(StringComparer.Ordinal), EnglishNumbers(sentence),
                _englishFormulas.Where(f => f.Formula.IsMatch(sentence)).Select(f => f.Token).ToHashSet(StringComparer.Ordinal));
        return new(_chinese.FindActors(sentence, null).SelectMany(m => m.Actors).ToHashSet(StringComparer.Ordinal), ChineseNumbers(sentence),
            _chineseFormulas.Where(f => sentence.Contains(f.Formula, StringComparison.Ordinal)).Select(f => f.Token).ToHashSet(StringComparer.Ordinal));
    }

    public IReadOnlyList<SentenceAnchors> Find(ParsedDocument document) =>
        [.. document.Statements.Select(s => Find(s.Text, document.Metadata.Language))];

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    internal static HashSet<string> EnglishNumbers(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in EnglishNumber().Matches(text))
        {
            var digits = m.Value.Replace(",", "", StringComparison.Ordinal);
            if (decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) set.Add(Key(d));
        }
        foreach (Match m in EnglishWord().Matches(text))
        {
            var w = m.Value.ToLowerInvariant();
            var month = Array.IndexOf(Months, w);
            // "May" is also a verb; only a capitalised May followed by a day is the month.
            if (month >= 0 && (w != "may" || Regex.IsMatch(text[(m.Index + m.Length)..], @"^\s*\d"))) set.Add(Key(month + 1));
            var n = Array.IndexOf(NumberWords, w);
            if (n >= 2) set.Add(Key(n));   // "one" is too often a pronoun to anchor anything
        }
        return set;
    }

    private const string ChineseDigits = "〇零一二三四五六七八九";

    internal static HashSet<string> ChineseNumbers(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in ChineseArabic().Matches(text))
            if (decimal.TryParse(m.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
                set.Add(Key(d));
        // Chinese numerals before a measure word (三次, 两国, 十四天, 第二): small counts a translation writes as words or digits.
        foreach (Match m in ChineseNumeral().Matches(text))
            if (ParseChinese(m.Groups["n"].Value) is { } v && v >= 2) set.Add(Key(v));
        return set;
    }

    private static int? ParseChinese(string s)
    {
        s = s.Replace('两', '二');
        if (s.Length == 1) return s == "十" ? 10 : ChineseDigits.IndexOf(s[0], StringComparison.Ordinal) is var i and >= 0 ? Math.Max(0, i - 1) : null;
        var ten = s.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0 || s.Length > 3) return null;
        var tens = ten == 0 ? 1 : Math.Max(0, ChineseDigits.IndexOf(s[0], StringComparison.Ordinal) - 1);
        var ones = ten == s.Length - 1 ? 0 : Math.Max(0, ChineseDigits.IndexOf(s[^1], StringComparison.Ordinal) - 1);
        return tens * 10 + ones;
    }

    private static string Key(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?")]
    private static partial Regex EnglishNumber();

    [GeneratedRegex(@"\b[A-Za-z]+\b")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?")]
    private static partial Regex ChineseArabic();

    [GeneratedRegex(@"(?<n>[一二三四五六七八九十两]{1,3})(?=[次个年天名国位架艘项条周月日方轮批点家所])")]
    private static partial Regex ChineseNumeral();
}
