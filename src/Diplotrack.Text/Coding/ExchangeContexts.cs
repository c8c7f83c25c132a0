using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;
using static Diplotrack.Text.Coding.TextSpans;

namespace Diplotrack.Text.Coding;

/// <summary>
/// What an exchange is about. <see cref="Parts"/>: one context per numbered sub-question (第一个问题…第二个问题…),
/// which the answer switches between at 关于第N个问题; null when the question is not numbered.
/// </summary>
internal sealed record ExchangeContext(
    IReadOnlyList<(string Actor, List<Evidence> Evidence, string? Phrase)> Foreign, (string Actor, List<Evidence> Evidence)? Self, string? Theme,
    IReadOnlyList<ExchangeContext>? Parts = null, IReadOnlySet<string>? Asked = null);

/// <summary>
/// Context and inheritance: the counterparts of each exchange (from its questions and section heading), the
/// sub-question an answer sentence is on, narrowing to what the answer names, and urging carried into the next sentence.
/// </summary>
internal sealed partial class ExchangeContexts(CoderLexicon lexicon, SentenceAnalyser analyser)
{
    // 关于第二个问题, 我先回答你的第一个问题, 关于你提到的第二个问题: a short lead-in before the number.
    [GeneratedRegex(@"^\s*[^，,。？]{0,8}?第([一二三四五六七八九]|[1-9])个问题")]
    private static partial Regex SubQuestion();

    // A journalist also numbers with a bare 第二，; in an answer that is an enumeration of points, not a switch.
    [GeneratedRegex(@"^\s*第([一二三四五六七八九]|[1-9])(?:个问题|[，,、])")]
    private static partial Regex NumberedQuestion();

    /// <summary>0-based number of the sub-question a sentence opens (第二个问题 → 1), or null.</summary>
    public static int? SubQuestionIndex(string sentence, bool question)
    {
        var regex = question ? NumberedQuestion() : SubQuestion();
        if (!regex.IsMatch(sentence)) return null;   // most sentences: no Match object allocated
        var m = regex.Match(sentence);
        var d = m.Groups[1].Value[0];
        return (d is >= '1' and <= '9' ? d - '1' : "一二三四五六七八九".IndexOf(d, StringComparison.Ordinal));
    }

    public ExchangeContext Build(ParsedDocument document, ParsedExchange exchange, List<Analysis> analyses, string? own)
    {
        var sources = new List<Analysis>();
        if (!string.IsNullOrEmpty(exchange.Section))
        {
            var at = document.NormalisedText.LastIndexOf(exchange.Section, Math.Min(exchange.Start, document.NormalisedText.Length - 1), StringComparison.Ordinal);
            sources.Add(analyser.Analyse(exchange.Section, Math.Max(at, 0), own) with { Offset = at });
        }
        var heading = sources.ToList();
        var parts = new List<List<Analysis>>();
        for (var i = 0; i < document.Statements.Count; i++)
            if (document.Statements[i].Exchange == exchange.Index && document.Statements[i].Kind == StatementKind.Question)
            {
                sources.Add(analyses[i]);
                if (SubQuestionIndex(analyses[i].Text, question: true) is not null || parts.Count == 0) parts.Add([.. heading]);
                parts[^1].Add(analyses[i]);
            }
        var whole = Merge(sources, own, ReportedAbout);
        return parts.Count > 1 ? whole with { Parts = [.. parts.Select(p => Merge(p, own, ReportedAbout))] } : whole;
    }

    /// <summary>
    /// In a question, an actor named inside someone else's reported words (美国报告指责俄罗斯…, X称，苹果公司正与俄罗斯合作…)
    /// is what the reporter talks about, not whom the question asks the official about. "有报道称/据报道称" names no reporter.
    /// </summary>
    private bool ReportedAbout(Analysis a, Mention m)
    {
        foreach (var v in lexicon.ReportingVerbs)
            for (var i = a.Text.IndexOf(v, StringComparison.Ordinal); i > 0 && i < m.Start; i = a.Text.IndexOf(v, i + 1, StringComparison.Ordinal))
                if (!EndsWithAny(a.Text, i, ["报道"])) return true;
        return false;
    }

    /// <param name="reported">Marks question mentions inside reported words: those actors are dropped from the counterparts
    /// when some other actor is named outside reported words (they stay in <see cref="ExchangeContext.Asked"/> for narrowing).</param>
    private static ExchangeContext Merge(List<Analysis> sources, string? own, Func<Analysis, Mention, bool>? reported = null)
    {
        var primary = new HashSet<string>(StringComparer.Ordinal);
        var foreign = new List<(string Actor, List<Evidence> Evidence, string? Phrase)>();
        List<Evidence>? self = null;
        var themes = new Dictionary<string, (double Score, int First)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var a in sources)
        {
            foreach (var (actor, m) in a.Explicit)
            {
                var ev = a.Offset >= 0 ? new Evidence(a.Offset + m.Start, a.Offset + m.End, "actor", m.Term) : null;
                if (actor == own) { self ??= []; if (ev is not null) self.Add(ev); continue; }
                if (actor == CoderLexicon.Unnamed || m.Status) continue;   // an unnamed critic or a status is not the exchange's counterpart
                var i = foreign.FindIndex(f => f.Actor == actor);
                if (i < 0) { foreign.Add((actor, [], null)); i = foreign.Count - 1; }
                if (ev is not null) foreign[i].Evidence.Add(ev);
                if (reported is null || !reported(a, m)) primary.Add(actor);
            }
            foreach (var (theme, (score, _)) in a.Themes) SentenceAnalyser.AddTheme(themes, theme, score, order++);
        }
        var top = themes.OrderByDescending(t => t.Value.Score).ThenBy(t => t.Value.First).Select(t => t.Key).FirstOrDefault();
        var asked = foreign.Select(f => f.Actor).ToHashSet(StringComparer.Ordinal);
        if (primary.Count > 0) foreign = foreign.Where(f => primary.Contains(f.Actor)).ToList();
        return new ExchangeContext(foreign, self is not null && own is not null ? (own, self) : null, top, Asked: asked);
    }

    /// <summary>
    /// An answer that names some of its question's counterparts explicitly is about those until it names others: a
    /// following sentence naming no actor inherits only them (two questions about different countries, a report by one
    /// country about others). Actors the question does not ask about (a treaty's 联合国 in passing) do not narrow.
    /// </summary>
    public static ExchangeContext? Narrow(Analysis a, ExchangeContext whole)
    {
        var asked = whole.Asked ?? whole.Foreign.Select(f => f.Actor).ToHashSet(StringComparer.Ordinal);
        var named = Merge([a], a.Own).Foreign.Where(f => asked.Contains(f.Actor)).ToList();
        return named.Count == 0 ? null : new ExchangeContext(named, null, whole.Theme);
    }

    public static ExchangeContext? ContextFor(ParsedDocument document, ParsedStatement s, Dictionary<int, ExchangeContext> contexts)
    {
        if (s.Exchange is { } e && contexts.TryGetValue(e, out var ctx)) return ctx;
        if (s.Section is null) return null;
        // A highlight sits under a heading, outside any exchange: it continues that section's exchange.
        var ex = document.Exchanges.FirstOrDefault(x => x.Section == s.Section);
        return ex is not null && contexts.TryGetValue(ex.Index, out var c) ? c : null;
    }

    /// <summary>
    /// A subjectless sentence that goes on with the previous sentence's urging (…敦促美方停止…。同中方一道…) in the same
    /// answer paragraph is part of that speech act: it is about the urged party with the urging's stance.
    /// </summary>
    public StatementCoding? ContinuedUrging(ParsedDocument document, int i, List<Analysis> analyses, StatementCoding[] codings)
    {
        var s = document.Statements[i];
        var prev = document.Statements[i - 1];
        var a = analyses[i];
        if (prev.Exchange != s.Exchange || prev.Kind != s.Kind || a.Mentions.Any(m => m.Actors.Any(x => x != a.Own))) return null;
        if (!StartsWithAny(a.Text.TrimStart(), 0, lexicon.ContinuationOpeners)) return null;
        var gap = document.NormalisedText.AsSpan(prev.End, Math.Max(0, s.Start - prev.End));
        if (gap.IndexOfAny('\n', '\r') >= 0) return null;   // a new paragraph is a new point
        var urging = analyses[i - 1].Cues.Where(c => c.Dominant && !c.Rhetorical && c.Weight < 0).ToList();
        if (urging.Count == 0) return null;
        var urged = codings[i - 1].Targets.Where(t => t.Actor != a.Own && t.Stance < 0).ToList();
        if (urged.Count == 0) return null;
        var carried = urged.Select(t => new TargetCoding(t.Actor, t.Stance, CoderLexicon.Contextual, StanceRules.Confidence(false, [.. urging]),
            [.. t.Evidence.Where(e => e.Role == "actor"), .. urging.Select(c => StanceRules.CueEvidence(prev, c))], t.Phrase));
        return codings[i] with { Targets = [.. codings[i].Targets.Where(t => t.Actor == a.Own), .. carried] };
    }
}
