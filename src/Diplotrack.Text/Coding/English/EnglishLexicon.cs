namespace Diplotrack.Text.Coding.English;

/// <summary>What a term of the English codebook is, per role. One term text can hold several roles (<c>support</c>: formula and speech act).</summary>
internal sealed class EnglishTerm
{
    public List<(string Actor, string Kind, string Original)> Actors { get; } = [];
    public bool Blocker { get; set; }
    public (double Weight, bool Praise, bool Prefix)? Stance { get; set; }
    public (int Rank, int Stance, bool Prefix)? Formula { get; set; }
    public bool Hope { get; set; }
    public List<(string Theme, double Weight, bool Prefix)> Themes { get; } = [];
    public bool Negator { get; set; }
    public double? Intensity { get; set; }
}

/// <summary>A term found in a sentence: [Start, End) in the sentence, the term and what it is.</summary>
internal readonly record struct Found(int Start, int End, EnglishTerm Term);

/// <summary>
/// Finds codebook terms in English text: the Aho–Corasick automaton of the Chinese coder run over a lower-cased copy
/// (same length, so spans stay valid), then kept only at word boundaries. English needs what Chinese does not:
/// whole words (<c>aid</c> is not in <c>said</c>), case for acronyms (<c>US</c> is not <c>us</c>, <c>WHO</c> not
/// <c>who</c>: a term with no lower-case letter must match its case) and inflection (a trailing <c>*</c> in the
/// data lets the last word run on: <c>condemn*</c> finds <c>condemned</c>, <c>condemnation</c>).
/// </summary>
internal sealed class EnglishLexicon
{
    private readonly AhoCorasick _automaton = new();
    private readonly List<EnglishTerm> _terms = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    /// <summary>Adds (or finds) a term; returns it and whether the data marked it as a prefix (<c>*</c>).</summary>
    public (EnglishTerm Term, bool Prefix) Add(string text)
    {
        var prefix = text.EndsWith('*');
        var key = Fold(prefix ? text[..^1] : text);
        if (!_ids.TryGetValue(key, out var id))
        {
            id = _automaton.Add(key);
            _ids[key] = id;
            while (_terms.Count <= id) _terms.Add(new EnglishTerm());
        }
        return (_terms[id], prefix);
    }

    public void Build() => _automaton.Build();

    /// <summary>The search copy: lower case, typographic apostrophes and no-break spaces as plain ones. Same length.</summary>
    public static string Fold(string text)
    {
        var chars = text.ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            chars[i] = chars[i] switch { '\u2019' or '\u2018' or '`' => '\'', '\u00a0' => ' ', '\u2013' or '\u2014' => '-', var c => c };
        return new string(chars);
    }

    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    /// <summary>All raw occurrences, before boundaries: the caller keeps those valid for the role it looks at.</summary>
    public List<TermMatch> FindAll(string folded) => _automaton.FindAll(folded);

    public EnglishTerm Term(int pattern) => _terms[pattern];

    /// <summary>The left edge is a word start, unless the term itself starts inside a word (<c>n't</c>, <c>'s</c>).</summary>
    public static bool LeftOk(string folded, TermMatch m) =>
        m.Start == 0 || !IsWordChar(folded[m.Start - 1]) || !IsWordChar(folded[m.Start]) || folded.AsSpan(m.Start).StartsWith("n'");

    /// <summary>End of the match for a role: the term end at a word end, or (prefix) the end of the word it runs into; -1 if invalid.</summary>
    public static int EndFor(string folded, TermMatch m, bool prefix)
    {
        if (!prefix) return m.End == folded.Length || !IsWordChar(folded[m.End]) || !IsWordChar(folded[m.End - 1]) ? m.End : -1;
        var e = m.End;
        while (e < folded.Length && IsWordChar(folded[e])) e++;
        return e;
    }

    /// <summary>
    /// Leftmost-longest matches of one role (<paramref name="select"/> gives the prefix flag of the role, null when the
    /// term does not have it, or when it does not hold at that position, e.g. a case-sensitive actor).
    /// </summary>
    public List<Found> Layer(string folded, List<TermMatch> raw, Func<EnglishTerm, int, bool?> select)
    {
        var valid = new List<TermMatch>();
        foreach (var m in raw)
        {
            var info = _terms[m.Pattern];
            if (select(info, m.Start) is not { } prefix || !LeftOk(folded, m)) continue;
            var end = EndFor(folded, m, prefix);
            if (end >= 0) valid.Add(new TermMatch(m.Start, end, m.Pattern));
        }
        return [.. AhoCorasick.LeftmostLongest(valid).Select(m => new Found(m.Start, m.End, _terms[m.Pattern]))];
    }

    /// <summary>A term written with no lower-case letter (US, WHO, UN) names an actor only in that case.</summary>
    public static bool CaseMatches(string original, int start, string alias) =>
        !alias.Any(char.IsLower) ? string.CompareOrdinal(original, start, alias, 0, alias.Length) == 0 : true;
}
