using System.Buffers;
using System.Text.RegularExpressions;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Documents;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Text.Coding;

/// <summary>An actor named in a sentence: [Start, End) of the alias, its kind and the actor(s) it stands for.</summary>
public sealed record ActorMention(int Start, int End, string Term, string Kind, IReadOnlyList<string> Actors);

/// <summary>
/// The automatic coder (codebook §2–4): targets, themes and stance of every statement of a parsed document.
/// Build once per codebook version (the automaton is the expensive part) and reuse; thread-safe for reads.
/// </summary>
public sealed partial class StatementCoder
{
    public const string Unnamed = "UNNAMED";
    private const string Explicit = "explicit";
    private const string Contextual = "contextual";
    private const string Alternative = "alternative";

    private readonly CodebookData _codebook;
    private English.EnglishCoder? _english;
    private readonly AhoCorasick _automaton = new();
    private readonly List<TermInfo> _terms = [];
    private readonly Dictionary<string, string> _personActor = new(StringComparer.Ordinal);
    private readonly string[] _compoundBefore, _compoundAfter, _objectMarkers, _conductMarkers, _elidedOpeners, _intentionMarkers,
        _statusSuffixes, _comply, _cooperate, _concessionAfter, _concessionBefore, _jointMarkers, _reportingVerbs, _continuationOpeners;
    private readonly HashSet<string> _anaphors;
    private readonly (Regex Regex, int Stance)[] _rhetorical;
    private readonly HashSet<string> _countries;

    public int CodebookVersion => _codebook.Version;

    public StatementCoder(CodebookData codebook)
    {
        _codebook = codebook;
        foreach (var a in codebook.Actors)
            if (a.Kind != "unnamed") Term(a.NameZh).Actors.Add((a.Id, "name"));
        foreach (var a in codebook.Aliases)
        {
            Term(a.Alias).Actors.Add((a.ActorId, a.Kind));
            if (a.Kind == "person") _personActor.TryAdd(a.Alias, a.ActorId);
        }
        foreach (var t in codebook.RuleTerms(CoderRules.Blocker)) Term(t).Blocker = true;
        foreach (var c in codebook.StanceCues) { var t = Term(c.Cue); t.Stance = c.Weight; t.Praise = c.Kind == "praise"; }
        foreach (var f in codebook.Ladder) { var t = Term(f.Formula); t.Stance = f.Stance; t.Formula = true; } // a formula overrides a plain cue of the same text
        foreach (var h in codebook.RuleTerms(CoderRules.HopeVerb)) Term(h).Hope = true;
        foreach (var c in codebook.ThemeCues) Term(c.Cue).Themes.Add((c.Theme, c.Weight));
        foreach (var n in codebook.Negators) Term(n).Negator = true;
        foreach (var i in codebook.Intensifiers) Term(i.Term).Intensity = i.Factor;
        _automaton.Build();

        _compoundBefore = [.. codebook.RuleTerms(CoderRules.CompoundBefore)];
        _compoundAfter = [.. codebook.RuleTerms(CoderRules.CompoundAfter)];
        _objectMarkers = [.. codebook.RuleTerms(CoderRules.ObjectMarker)];
        _conductMarkers = [.. codebook.RuleTerms(CoderRules.ConductMarker)];
        _elidedOpeners = [.. codebook.RuleTerms(CoderRules.ElidedOpener)];
        _intentionMarkers = [.. codebook.RuleTerms(CoderRules.IntentionMarker)];
        _statusSuffixes = [.. codebook.RuleTerms(CoderRules.StatusSuffix)];
        _comply = [.. codebook.RuleTerms(CoderRules.Comply)];
        _cooperate = [.. codebook.RuleTerms(CoderRules.Cooperate)];
        _jointMarkers = [.. codebook.RuleTerms(CoderRules.JointMarker)];
        _reportingVerbs = [.. codebook.RuleTerms(CoderRules.ReportingVerb)];
        _continuationOpeners = [.. codebook.RuleTerms(CoderRules.ContinuationOpener)];
        _anaphors = codebook.RuleTerms(CoderRules.Anaphor).ToHashSet(StringComparer.Ordinal);
        _concessionAfter = [.. codebook.Concessions.Where(c => c.Position == "after").Select(c => c.Term)];
        _concessionBefore = [.. codebook.Concessions.Where(c => c.Position == "before").Select(c => c.Term)];
        _countries = codebook.Actors.Where(a => a.Kind is "country" or "territory").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        _rhetorical = [.. codebook.Rhetorical.Select(r => (new Regex(r.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled), r.Stance))];
    }

    private TermInfo Term(string text)
    {
        var id = _automaton.Add(text);
        while (_terms.Count <= id) _terms.Add(new TermInfo());
        return _terms[id];
    }

    private sealed class TermInfo
    {
        public List<(string Actor, string Kind)> Actors { get; } = [];
        public bool Blocker { get; set; }
        public int? Stance { get; set; }
        public bool Hope { get; set; }
        public bool Formula { get; set; }
        public bool Praise { get; set; }
        public List<(string Theme, double Weight)> Themes { get; } = [];
        public bool Negator { get; set; }
        public double? Intensity { get; set; }
    }

    /// <summary>The actor a person's name stands for (<c>王毅</c> → CN), from the person aliases.</summary>
    public string? PersonActor(string? name) =>
        name is null ? null : _personActor.TryGetValue(name.Trim(), out var id) ? id : null;

    // ---------------------------------------------------------------- document

    public CodedDocument Code(ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        // English transcripts have their own coder and data (seed/codebook/en, ADR 0040); built on first use, like this one per version.
        if (English.EnglishCoder.Handles(document) && _codebook.English is not null)
            return LazyInitializer.EnsureInitialized(ref _english, () => new English.EnglishCoder(_codebook)).Code(document);
        var docOwn = HostActor(document);
        var analyses = document.Statements.Select(s => Analyse(s.Text, s.Start, OwnActor(document, s, docOwn))).ToList();
        ResolveAmbiguous(document, analyses, docOwn);
        var contexts = document.Exchanges.ToDictionary(e => e.Index, e => ExchangeContext(document, e, analyses, docOwn));

        var codings = new StatementCoding[document.Statements.Count];
        // Exchange -> the sub-question its question sentences, and separately its answer sentences, are on.
        var questionPart = new Dictionary<int, int>();
        var answerPart = new Dictionary<int, int>();
        // Exchange -> the counterparts the answer last named explicitly (see Narrow).
        var lastNamed = new Dictionary<int, Context>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var s = document.Statements[i];
            var ctx = ContextFor(document, s, contexts);
            var whole = ctx;
            if (ctx?.Parts is { } parts && s.Exchange is { } ex)
            {
                var part = s.Kind == StatementKind.Question ? questionPart : answerPart;
                if (s.Kind == StatementKind.Question) part.TryAdd(ex, 0);   // sentences before 第二个问题 belong to the first
                if (SubQuestionIndex(s.Text, s.Kind == StatementKind.Question) is { } n && n < parts.Count)
                {
                    part[ex] = n;
                    if (s.Kind != StatementKind.Question) lastNamed.Remove(ex);   // a new part starts from its own question
                }
                if (part.TryGetValue(ex, out var p)) ctx = parts[p];
            }
            var answer = s.Kind is StatementKind.Answer or StatementKind.Opening && s.Exchange is not null;
            if (answer && lastNamed.TryGetValue(s.Exchange!.Value, out var near)) ctx = near with { Theme = ctx?.Theme };
            codings[i] = CodeStatement(s, analyses[i], ctx);
            if (answer && i > 0 && ContinuedUrging(document, i, analyses, codings) is { } carried) codings[i] = carried;
            if (answer && whole is not null && Narrow(analyses[i], whole) is { } narrowed) lastNamed[s.Exchange!.Value] = narrowed;
        }
        // Highlights repeat answer sentences: same coding as what they repeat (eval README, codebook §1).
        var byIndex = document.Statements.Select((s, i) => (s.Index, i)).ToDictionary(p => p.Index, p => p.i);
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var s = document.Statements[i];
            if (s.Kind != StatementKind.Highlight || s.Repeats.Count == 0) continue;
            var repeated = s.Repeats.Where(byIndex.ContainsKey).Select(r => (document.Statements[byIndex[r]], codings[byIndex[r]])).ToList();
            if (repeated.Count == 0) continue;
            codings[i] = MergeRepeated(s, repeated);
        }
        return new CodedDocument(document, _codebook.Version, codings);
    }

    /// <summary>The actor mentions of one sentence after the alias rules (short forms, dyads, blockers), in text order.</summary>
    public IReadOnlyList<ActorMention> FindActors(string sentence, string? ownActor = "CN") =>
        FindMentions(sentence, _automaton.FindAll(sentence), ownActor)
            .Select(m => new ActorMention(m.Start, m.End, m.Term, m.Kind, m.Actors)).ToList();

    /// <summary>Codes a single sentence with no exchange context (for previews and tests).</summary>
    public StatementCoding CodeSentence(string sentence, string? ownActor = "CN") =>
        CodeStatement(new ParsedStatement { Index = 0, Kind = StatementKind.Answer, Start = 0, End = sentence.Length, Text = sentence },
            Analyse(sentence, 0, ownActor), null);

    private string? HostActor(ParsedDocument document)
    {
        // The official who answers: most frequent actor among answerers; questions and lead are coded from that side.
        var top = document.Exchanges.Select(e => SpeakerActor(e.Answerer))
            .Concat(document.Statements.Where(s => s.Kind is StatementKind.Answer or StatementKind.Opening).Select(s => SpeakerActor(s.Speaker)))
            .OfType<string>().GroupBy(a => a).OrderByDescending(g => g.Count()).FirstOrDefault();
        return top?.Key;
    }

    private string? SpeakerActor(SpeakerRef? speaker) => speaker is null ? null : speaker.ActorId ?? PersonActor(speaker.Name);

    private string? OwnActor(ParsedDocument document, ParsedStatement s, string? docOwn)
    {
        if (s.Kind is StatementKind.Answer or StatementKind.Opening && SpeakerActor(s.Speaker) is { } own) return own;
        var ex = s.Exchange is { } e ? document.Exchanges.FirstOrDefault(x => x.Index == e) : null;
        return SpeakerActor(ex?.Answerer) ?? docOwn;
    }

    // ---------------------------------------------------------------- analysis of one sentence

    /// <summary><see cref="Ambiguous"/>: the alias also has <c>alternative</c> rows (中巴: Pakistan or Brazil), resolved by <see cref="NameScope"/>.</summary>
    private sealed record Mention(int Start, int End, string Term, string Kind, IReadOnlyList<string> Actors, bool Dyad, bool Status, bool Ambiguous = false);

    /// <summary>Actors named in full (name, official, person) in a statement's exchange and in its document.</summary>
    private sealed record NameScope(IReadOnlySet<string> Exchange, IReadOnlySet<string> Document);

    private static readonly string[] FullNameKinds = ["name", "official", "person"];

    /// <summary>
    /// Re-analyses the statements holding an ambiguous short form (中巴, 中阿, 巴) once the full names of their exchange
    /// and document are known: 阿富汗 named in the exchange makes 中阿 Afghanistan, not the Arab world.
    /// </summary>
    private void ResolveAmbiguous(ParsedDocument document, List<Analysis> analyses, string? docOwn)
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
            analyses[i] = Analyse(s.Text, s.Start, OwnActor(document, s, docOwn), new NameScope(inExchange, inDocument));
        }
    }

    /// <summary>The default reading of an ambiguous alias unless only an alternative is named in full nearby (exchange first, then document).</summary>
    private static IReadOnlyList<string> Resolve(IReadOnlyList<string> defaults, IReadOnlyList<string> alternatives, NameScope? scope)
    {
        if (scope is null) return defaults;
        foreach (var named in new[] { scope.Exchange, scope.Document })
        {
            if (defaults.Any(named.Contains)) return defaults;
            var hit = alternatives.Where(named.Contains).ToList();
            if (hit.Count > 0) return hit;
        }
        return defaults;
    }

    /// <summary><see cref="Dominant"/>: a diplomatic formula or a rhetorical accusation, which decides the stance on its own.</summary>
    private sealed record Cue(int Start, int End, string Term, double Weight, bool Dominant = false, bool Rhetorical = false, bool Conceded = false, bool Praise = false, bool Hope = false);

    private sealed record Analysis(
        string Text, int Offset, string? Own, List<Mention> Mentions, List<Cue> Cues,
        Dictionary<string, (double Score, int First)> Themes, List<(string Actor, Mention Mention)> Explicit, bool ElidedOpener);

    private Analysis Analyse(string text, int offset, string? own, NameScope? scope = null)
    {
        var matches = _automaton.FindAll(text);
        var mentions = FindMentions(text, matches, own, scope);
        var cues = FindCues(text, matches);
        var themes = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        foreach (var m in AhoCorasick.LeftmostLongest(matches, p => _terms[p].Themes.Count > 0))
            foreach (var (theme, w) in _terms[m.Pattern].Themes)
                themes[theme] = themes.TryGetValue(theme, out var cur) ? (cur.Item1 + w, cur.Item2) : (w, m.Start);
        foreach (var m in mentions)
            if (m.Actors.Any(a => a is "TW" or "HK" or "MO")) Add(themes, "sovereignty", 1, m.Start);

        var foreignPresent = mentions.Any(m => m.Actors.Any(a => a != own && a != Unnamed));
        var explicitTargets = new List<(string, Mention)>();
        foreach (var m in mentions)
            foreach (var a in m.Actors)
            {
                if (a == own && (m.Dyad || !IsSelfReference(text, m, foreignPresent))) continue;
                explicitTargets.Add((a, m));
            }
        var trimmed = text.TrimStart(OpeningQuotes);
        var elided = _elidedOpeners.Any(o => trimmed.StartsWith(o, StringComparison.Ordinal));
        return new Analysis(text, offset, own, mentions, cues, themes, explicitTargets, elided);
    }

    private static void Add(Dictionary<string, (double Score, int First)> themes, string theme, double w, int pos) =>
        themes[theme] = themes.TryGetValue(theme, out var cur) ? (cur.Score + w, cur.First) : (w, pos);

    private List<Mention> FindMentions(string text, List<TermMatch> matches, string? own, NameScope? scope = null)
    {
        var layer = AhoCorasick.LeftmostLongest(matches, p => _terms[p].Actors.Count > 0 || _terms[p].Blocker)
            .Where(m => _terms[m.Pattern].Actors.Count > 0).ToList();
        // An `alternative` row never gives the kind: the alias's default rows (short, dyad) do.
        var kinds = layer.Select(m => _terms[m.Pattern].Actors.Select(a => a.Kind).FirstOrDefault(k => k != Alternative) ?? "short").ToArray();
        // One-char forms (美, 俄, 华) count only in compounds: 对美, 访华, 美军, or next to another actor (美日菲).
        // One-char forms listed with 、 (美、加 / 中、日、韩) name each other, as a chain does.
        bool Listed(int i, int j) => j >= 0 && j < layer.Count && kinds[j] == "short"
            && Math.Abs(layer[Math.Max(i, j)].Start - layer[Math.Min(i, j)].End) == 1 && text[layer[Math.Min(i, j)].End] == '、'
            && !(layer[i].Start > 0 && char.IsDigit(text[layer[i].Start - 1]));
        var valid = layer.Select((m, i) => kinds[i] != "short"
            || EndsWithAny(text, m.Start, _compoundBefore) || StartsWithAny(text, m.End, _compoundAfter)
            || Listed(i, i - 1) || Listed(i, i + 1)).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < layer.Count; i++)
            {
                if (valid[i]) continue;
                // A digit before a one-char form is a date (30日古巴), never a country chain.
                if (layer[i].Start > 0 && char.IsDigit(text[layer[i].Start - 1])) continue;
                if ((i > 0 && valid[i - 1] && layer[i - 1].End == layer[i].Start)
                    || (i + 1 < layer.Count && valid[i + 1] && layer[i + 1].Start == layer[i].End))
                    valid[i] = changed = true;
            }
        }
        var result = new List<Mention>();
        for (var i = 0; i < layer.Count; i++)
        {
            if (!valid[i]) continue;
            var m = layer[i];
            var info = _terms[m.Pattern];
            var kind = kinds[i];
            IReadOnlyList<string> actors = kind == "self-pronoun" && own is not null
                ? [own]
                : info.Actors.Where(a => a.Kind != Alternative).Select(a => a.Actor).Distinct().ToList();
            var dyad = kind == "dyad";
            if (dyad && own is not null && actors.Contains(own)) actors = actors.Where(a => a != own).ToList();
            var alternatives = info.Actors.Where(a => a.Kind == Alternative && a.Actor != own).Select(a => a.Actor).Distinct().ToList();
            if (alternatives.Count > 0) actors = Resolve(actors, alternatives, scope);
            var status = StartsWithAny(text, m.End, _statusSuffixes);
            result.Add(new Mention(m.Start, m.End, text[m.Start..m.End], kind, actors, dyad, status, alternatives.Count > 0));
        }
        return result;
    }

    /// <summary>Codebook §2: own country's conduct, position or leader — not the object of another's action nor the voice of a speech act.</summary>
    private bool IsSelfReference(string text, Mention m, bool foreignPresent)
    {
        if (m.Kind == "person") return true;
        if (m.Kind == "short") return false;                     // 对华, 访华: China as object
        if (EndsWithAny(text, m.Start, _objectMarkers)) return false;
        var conduct = StartsWithAny(text, m.End, _conductMarkers);
        if (m.Kind == "self-pronoun" || foreignPresent) return conduct;
        return true;
    }

    private List<Cue> FindCues(string text, List<TermMatch> matches)
    {
        var cues = new List<Cue>();
        var negators = matches.Where(m => _terms[m.Pattern].Negator).ToList();
        var intensifiers = matches.Where(m => _terms[m.Pattern].Intensity is not null).ToList();
        foreach (var m in AhoCorasick.LeftmostLongest(matches, p => _terms[p].Stance is not null || _terms[p].Hope))
        {
            var info = _terms[m.Pattern];
            double w = info.Hope ? HopeWeight(text, m.End) : info.Stance!.Value;
            // A negator right before the cue (不寻求打压, 没有兑现) flips praise to criticism and cancels hostility.
            var negated = negators.Any(n => n.End <= m.Start && n.End >= m.Start - 2 && n.Start < m.Start && NoBoundary(text, n.End, m.Start));
            if (negated) w = w > 0 ? -1 : 0;
            var intensity = MaxIntensity(intensifiers, m.Start);
            w = Math.Clamp(w * intensity, -2, 2);
            if (w != 0) cues.Add(new Cue(m.Start, m.End, text[m.Start..m.End], w, info.Formula && !negated, Praise: info.Praise && !negated, Hope: info.Hope));
        }
        // What a compliance hope asks for (希望X切实尊重…) is its content, not praise: the hope alone decides.
        foreach (var h in cues.Where(c => c.Hope && c.Weight < 0).ToList())
        {
            var end = Math.Min(text.Length, h.End + 30);
            var stop = text.IndexOfAny(['。', '！', '？', '；', '!', '?', ';'], h.End);
            if (stop >= 0) end = Math.Min(end, stop);
            cues.RemoveAll(c => c.Weight > 0 && !c.Dominant && c.Start >= h.End && c.Start < end);
        }
        foreach (var (regex, stance) in _rhetorical)
            foreach (var r in regex.EnumerateMatches(text))   // no MatchCollection per sentence and pattern
                cues.Add(new Cue(r.Index, r.Index + r.Length, text.Substring(r.Index, r.Length), stance, Dominant: true, Rhetorical: true));

        // Concession: after 但/然而 the stance is carried by what follows; a 虽然/尽管 clause is conceded.
        var concessionAt = -1;
        foreach (var c in _concessionAfter)
        {
            for (var p = text.IndexOf(c, StringComparison.Ordinal); p >= 0; p = text.IndexOf(c, p + 1, StringComparison.Ordinal))
                if (p > 0 && text[p - 1] != '不') concessionAt = Math.Max(concessionAt, p);
        }
        var conceded = new List<(int From, int To)>();
        foreach (var c in _concessionBefore)
            for (var p = text.IndexOf(c, StringComparison.Ordinal); p >= 0; p = text.IndexOf(c, p + 1, StringComparison.Ordinal))
                conceded.Add((p, NextBoundary(text, p)));
        return cues.Select(c => c.Start < concessionAt || conceded.Any(r => c.Start >= r.From && c.Start < r.To)
            ? c with { Weight = c.Weight * 0.3, Conceded = true } : c).OrderBy(c => c.Start).ToList();
    }

    /// <summary>Codebook §4: a hope that the other side complies is critical (−1), a hope to work together is positive (+1).</summary>
    private double HopeWeight(string text, int from)
    {
        var end = Math.Min(text.Length, from + 30);
        var stop = text.AsSpan(from).IndexOfAny(HopeStops) is var s and >= 0 ? from + s : -1;
        if (stop >= 0) end = Math.Min(end, stop);
        var window = text.Substring(from, end - from);
        // Whichever the hope asks first: compliance (说到做到, 停止) is criticism, working together (同中方一道) is positive.
        int First(string[] terms)
        {
            var best = int.MaxValue;
            foreach (var t in terms) { var i = window.IndexOf(t, StringComparison.Ordinal); if (i >= 0 && i < best) best = i; }
            return best;
        }
        var comply = First(_comply);
        return comply < int.MaxValue && comply < First(_cooperate) ? -1 : 1;
    }

    // Static so that no array is built per sentence or per cue (ADR 0014).
    private static readonly char[] OpeningQuotes = ['“', '"', '‘', ' '];
    private static readonly SearchValues<char> HopeStops = SearchValues.Create("。！？；!?;");

    /// <summary>The strongest intensifier ending right before <paramref name="cueStart"/> (or one char before), 1 if none.</summary>
    private double MaxIntensity(List<TermMatch> intensifiers, int cueStart)
    {
        double max = 1;
        var any = false;
        foreach (var x in intensifiers)
        {
            if (x.End > cueStart || x.End < cueStart - 1) continue;
            var factor = _terms[x.Pattern].Intensity!.Value;
            max = any ? Math.Max(max, factor) : factor;
            any = true;
        }
        return max;
    }

    private static bool IsBoundary(char c) => c is '，' or '；' or '：' or '。' or '！' or '？' or ',' or ';' or ':' or '!' or '?';

    private static bool NoBoundary(string text, int from, int to)
    {
        for (var i = from; i < to; i++) if (IsBoundary(text[i])) return false;
        return true;
    }

    private static int NextBoundary(string text, int from)
    {
        for (var i = from; i < text.Length; i++) if (IsBoundary(text[i])) return i;
        return text.Length;
    }

    private static int ClauseOf(string text, int pos)
    {
        var n = 0;
        for (var i = 0; i < pos && i < text.Length; i++) if (IsBoundary(text[i])) n++;
        return n;
    }

    private static bool EndsWithAny(string text, int pos, string[] terms)
    {
        foreach (var t in terms)
            if (pos >= t.Length && string.CompareOrdinal(text, pos - t.Length, t, 0, t.Length) == 0) return true;
        return false;
    }

    private static bool StartsWithAny(string text, int pos, string[] terms)
    {
        foreach (var t in terms)
            if (pos + t.Length <= text.Length && string.CompareOrdinal(text, pos, t, 0, t.Length) == 0) return true;
        return false;
    }

    // ---------------------------------------------------------------- exchange context

    /// <summary>
    /// What an exchange is about. <see cref="Parts"/>: one context per numbered sub-question (第一个问题…第二个问题…),
    /// which the answer switches between at 关于第N个问题; null when the question is not numbered.
    /// </summary>
    private sealed record Context(
        IReadOnlyList<(string Actor, List<Evidence> Evidence, string? Phrase)> Foreign, (string Actor, List<Evidence> Evidence)? Self, string? Theme,
        IReadOnlyList<Context>? Parts = null, IReadOnlySet<string>? Asked = null);

    // 关于第二个问题, 我先回答你的第一个问题, 关于你提到的第二个问题: a short lead-in before the number.
    [GeneratedRegex(@"^\s*[^，,。？]{0,8}?第([一二三四五六七八九]|[1-9])个问题")]
    private static partial Regex SubQuestion();

    // A journalist also numbers with a bare 第二，; in an answer that is an enumeration of points, not a switch.
    [GeneratedRegex(@"^\s*第([一二三四五六七八九]|[1-9])(?:个问题|[，,、])")]
    private static partial Regex NumberedQuestion();

    [GeneratedRegex(@"^\s*[（(][^（()）]*[）)]\s*[。.]?\s*$")]
    private static partial Regex StageDirection();


    /// <summary>0-based number of the sub-question a sentence opens (第二个问题 → 1), or null.</summary>
    private static int? SubQuestionIndex(string sentence, bool question)
    {
        var regex = question ? NumberedQuestion() : SubQuestion();
        if (!regex.IsMatch(sentence)) return null;   // most sentences: no Match object allocated
        var m = regex.Match(sentence);
        var d = m.Groups[1].Value[0];
        return (d is >= '1' and <= '9' ? d - '1' : "一二三四五六七八九".IndexOf(d, StringComparison.Ordinal));
    }

    private Context ExchangeContext(ParsedDocument document, ParsedExchange exchange, List<Analysis> analyses, string? docOwn)
    {
        var own = SpeakerActor(exchange.Answerer) ?? docOwn;
        var sources = new List<Analysis>();
        if (!string.IsNullOrEmpty(exchange.Section))
        {
            var at = document.NormalisedText.LastIndexOf(exchange.Section, Math.Min(exchange.Start, document.NormalisedText.Length - 1), StringComparison.Ordinal);
            sources.Add(Analyse(exchange.Section, Math.Max(at, 0), own) with { Offset = at });
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
        foreach (var v in _reportingVerbs)
            for (var i = a.Text.IndexOf(v, StringComparison.Ordinal); i > 0 && i < m.Start; i = a.Text.IndexOf(v, i + 1, StringComparison.Ordinal))
                if (!EndsWithAny(a.Text, i, ["报道"])) return true;
        return false;
    }

    /// <param name="reported">Marks question mentions inside reported words: those actors are dropped from the counterparts
    /// when some other actor is named outside reported words (they stay in <see cref="Context.Asked"/> for narrowing).</param>
    private static Context Merge(List<Analysis> sources, string? own, Func<Analysis, Mention, bool>? reported = null)
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
                if (actor == Unnamed || m.Status) continue;   // an unnamed critic or a status is not the exchange's counterpart
                var i = foreign.FindIndex(f => f.Actor == actor);
                if (i < 0) { foreign.Add((actor, [], null)); i = foreign.Count - 1; }
                if (ev is not null) foreign[i].Evidence.Add(ev);
                if (reported is null || !reported(a, m)) primary.Add(actor);
            }
            foreach (var (theme, (score, _)) in a.Themes) Add(themes, theme, score, order++);
        }
        var top = themes.OrderByDescending(t => t.Value.Score).ThenBy(t => t.Value.First).Select(t => t.Key).FirstOrDefault();
        var asked = foreign.Select(f => f.Actor).ToHashSet(StringComparer.Ordinal);
        if (primary.Count > 0) foreign = foreign.Where(f => primary.Contains(f.Actor)).ToList();
        return new Context(foreign, self is not null && own is not null ? (own, self) : null, top, Asked: asked);
    }

    /// <summary>
    /// An answer that names some of its question's counterparts explicitly is about those until it names others: a
    /// following sentence naming no actor inherits only them (two questions about different countries, a report by one
    /// country about others). Actors the question does not ask about (a treaty's 联合国 in passing) do not narrow.
    /// </summary>
    private static Context? Narrow(Analysis a, Context whole)
    {
        var asked = whole.Asked ?? whole.Foreign.Select(f => f.Actor).ToHashSet(StringComparer.Ordinal);
        var named = Merge([a], a.Own).Foreign.Where(f => asked.Contains(f.Actor)).ToList();
        return named.Count == 0 ? null : new Context(named, null, whole.Theme);
    }

    private static Context? ContextFor(ParsedDocument document, ParsedStatement s, Dictionary<int, Context> contexts)
    {
        if (s.Exchange is { } e && contexts.TryGetValue(e, out var ctx)) return ctx;
        if (s.Section is null) return null;
        // A highlight sits under a heading, outside any exchange: it continues that section's exchange.
        var ex = document.Exchanges.FirstOrDefault(x => x.Section == s.Section);
        return ex is not null && contexts.TryGetValue(ex.Index, out var c) ? c : null;
    }

    // ---------------------------------------------------------------- coding

    private StatementCoding CodeStatement(ParsedStatement s, Analysis a, Context? ctx)
    {
        // （记者笑）: a stage direction the transcript adds, not words of the speaker; it is about no one.
        if (StageDirection().IsMatch(s.Text)) return new StatementCoding(s.Index, ["other"], []);
        // A question reporting another party's words (越方称，中国…侵犯…) reports them without judgement: those cues are the
        // reported party's stance, not the question's. What the journalist says in their own voice still counts (ADR 0003).
        if (s.Kind == StatementKind.Question && ReportedFrom(a.Text) is var from and >= 0)
            a = a with { Cues = [.. a.Cues.Where(c => c.Start < from)] };
        var targets = new List<TargetCoding>();
        foreach (var group in a.Explicit.GroupBy(t => t.Actor))
        {
            var mentions = group.Select(g => g.Mention).ToList();
            var status = mentions.All(m => m.Status);
            var self = group.Key == a.Own;
            var intention = self && mentions.Any(m => StartsWithAny(a.Text, m.End, _intentionMarkers));
            var stance = status ? (0, new List<Cue>()) : Stance(a, mentions, self, intention);
            var evidence = mentions.Select(m => new Evidence(s.Start + m.Start, s.Start + m.End, "actor", m.Term))
                .Concat(stance.Item2.Select(c => CueEvidence(s, c))).ToList();
            var phrase = group.Key == Unnamed ? string.Join("；", mentions.Select(m => m.Term).Distinct()) : null;
            targets.Add(new TargetCoding(group.Key, stance.Item1, Explicit, Confidence(true, stance.Item2), evidence, phrase));
        }

        if (ctx is { Foreign.Count: > 0 })
        {
            // 有关国家 / 有关方面 in an exchange whose question names the counterpart is that counterpart, not an unknown actor.
            // Not when the sentence names other countries itself (应有关国家请求…向意大利、塞尔维亚…): they are what it means.
            var anaphor = a.Explicit.Any(t => t.Actor != a.Own && t.Actor != Unnamed) ? -1
                : targets.FindIndex(t => t.Actor == Unnamed && a.Explicit.Where(x => x.Actor == Unnamed).All(x => _anaphors.Contains(x.Mention.Term)));
            if (anaphor >= 0)
            {
                var u = targets[anaphor];
                targets.RemoveAt(anaphor);
                foreach (var (actor, ev, phrase) in ctx.Foreign)
                    if (targets.All(t => t.Actor != actor))
                        targets.Add(new TargetCoding(actor, u.Stance, Contextual, Math.Round(u.Confidence - 0.1, 2), [.. ev, .. u.Evidence], phrase));
            }
        }
        if (ctx is not null)
        {
            var namesOther = a.Explicit.Any(t => t.Actor != a.Own && t.Actor != Unnamed) || targets.Any(t => t.Actor != a.Own);
            if (ctx.Foreign.Count > 0 && !namesOther)
            {
                // Praise in a sentence about the speaker's own country (中国举措卓有成效) is self-praise, not praise of the
                // counterpart the sentence inherits: those cues do not carry over to it.
                var selfNamed = a.Explicit.Any(t => t.Actor == a.Own);
                var stance = Stance(selfNamed ? a with { Cues = OtherDirectedCues(a) } : a, null);
                foreach (var (actor, ev, phrase) in ctx.Foreign)
                    targets.Add(new TargetCoding(actor, stance.Item1, Contextual, Confidence(false, stance.Item2),
                        [.. ev, .. stance.Item2.Select(c => CueEvidence(s, c))], phrase));
            }
            else if (ctx.Foreign.Count == 0 && ctx.Self is { } self && targets.All(t => t.Actor != self.Actor)
                     && (!namesOther || a.ElidedOpener))
            {
                // An elided-subject sentence in an exchange about the speaker's own country describes its own conduct.
                var stance = Stance(a, null, self: true);
                targets.Add(new TargetCoding(self.Actor, stance.Item1, Contextual, Confidence(false, stance.Item2),
                    [.. self.Evidence, .. stance.Item2.Select(c => CueEvidence(s, c))]));
            }
        }
        var themes = Themes(a, ctx);
        // About a named foreign country, any word on the relationship (双方, 两国, 合作) makes it a relations statement too.
        if (themes.Count < 3 && !themes.Contains("relations") && a.Themes.ContainsKey("relations")
            && targets.Any(t => t.Actor != a.Own && _countries.Contains(t.Actor)))
            themes = [.. themes, "relations"];
        return new StatementCoding(s.Index, themes, targets);
    }

    /// <summary>
    /// The cues of a sentence about the speaker's own country that still say something about the inherited counterpart.
    /// From the clause naming the own country on, positive words describe its own conduct (中方愿…, 我们始终…) unless it
    /// acts together with others (同…一道); criticism, formulas (坚决反对, 表示欢迎) and hopes stay speech acts toward the
    /// counterpart. Praise anywhere in such a sentence is self-praise.
    /// </summary>
    private List<Cue> OtherDirectedCues(Analysis a)
    {
        var selfClause = a.Explicit.Where(t => t.Actor == a.Own).Select(t => ClauseOf(a.Text, t.Mention.Start)).DefaultIfEmpty(int.MaxValue).Min();
        bool Joint(Cue c)
        {
            var from = c.Start;
            while (from > 0 && !IsBoundary(a.Text[from - 1])) from--;
            var to = NextBoundary(a.Text, c.Start);
            return _jointMarkers.Any(j => a.Text.IndexOf(j, from, to - from, StringComparison.Ordinal) >= 0);
        }
        return [.. a.Cues.Where(c => !c.Praise
            && (c.Weight < 0 || c.Dominant || c.Hope || ClauseOf(a.Text, c.Start) < selfClause || Joint(c)))];
    }

    /// <summary>Start of the first reporting verb (X称, 指责) in a question, or -1.</summary>
    private int ReportedFrom(string text)
    {
        var first = -1;
        foreach (var v in _reportingVerbs)
        {
            var i = text.IndexOf(v, StringComparison.Ordinal);
            if (i > 0 && (first < 0 || i < first)) first = i;   // at position 0 there is no one whose words are reported
        }
        return first;
    }

    private static Evidence CueEvidence(ParsedStatement s, Cue c) => new(s.Start + c.Start, s.Start + c.End, "cue", c.Term);

    /// <summary>
    /// Stance toward one target (codebook §4). A rhetorical accusation or a diplomatic formula (敦促, 坚决反对, 表示欢迎)
    /// decides on its own, the strongest one winning. Otherwise cues are summed, those in the clause naming the target
    /// weighing fully; the sign comes from the sum, the strength from the strongest cue on that side (many mild cues
    /// do not make praise). Toward the speaker's own country only positive cues count: an official does not criticise
    /// their own side, the negative words of such a sentence are about others; a stated intention (中方愿/我们将) is +1.
    /// </summary>
    private static (int, List<Cue>) Stance(Analysis a, IReadOnlyList<Mention>? mentions, bool self = false, bool intention = false)
    {
        if (a.Cues.Count == 0) return (intention ? 1 : 0, []);
        if (self)
        {
            var positive = a.Cues.Where(c => c.Weight > 0).ToList();
            if (intention) return (1, positive);
            if (positive.Count == 0) return (0, []);
            return (positive.Max(c => c.Weight) >= 1.5 ? 2 : 1, positive);
        }
        var clauses = mentions?.Select(m => ClauseOf(a.Text, m.Start)).ToHashSet();
        bool Near(Cue c) => clauses is null || clauses.Contains(ClauseOf(a.Text, c.Start));
        // A rhetorical accusation is about the sentence's subject, wherever it stands; a formula about the clause it is in.
        var dominant = a.Cues.Where(c => c.Dominant && (c.Rhetorical || Near(c))).ToList();
        if (dominant.Count > 0)
        {
            var strongest = dominant.OrderByDescending(c => Math.Abs(c.Weight)).ThenBy(c => c.Weight).First();
            return ((int)Math.Round(strongest.Weight), dominant);
        }
        // Per-target stance: when the clause naming the target has cues of its own, those decide (praise for one, blame for another).
        // A conceded clause (虽然…, … 但) does not decide even for the actor it names.
        var near = a.Cues.Where(c => Near(c) && !c.Conceded).ToList();
        var used = near.Count > 0 ? near : a.Cues;
        double net = 0, maxPos = 0, maxNeg = 0;
        foreach (var c in used)
        {
            net += c.Weight;
            if (c.Weight > 0) maxPos = Math.Max(maxPos, c.Weight); else maxNeg = Math.Max(maxNeg, -c.Weight);
        }
        var stance = net > 0 ? (maxPos >= 1.5 ? 2 : 1)
            : net < 0 ? (maxNeg >= 1.5 ? -2 : -1)
            : 0;
        return (stance, used);
    }


    private static double Confidence(bool isExplicit, List<Cue> cues)
    {
        var c = (isExplicit ? 0.6 : 0.45) + 0.08 * Math.Min(3, cues.Count);
        if (cues.Any(x => x.Weight > 0) && cues.Any(x => x.Weight < 0)) c -= 0.15;
        return Math.Round(Math.Clamp(c, 0.05, 0.95), 2);
    }

    /// <summary>A secondary theme needs this share of the top theme's score (chosen by measurement on the seed, see ADR 0003).</summary>
    internal static double ThemeRatio { get; set; } = 0.4;

    private static IReadOnlyList<string> Themes(Analysis a, Context? ctx)
    {
        if (a.Themes.Count == 0) return [ctx?.Theme ?? "other"];
        var ranked = a.Themes.OrderByDescending(t => t.Value.Score).ThenBy(t => t.Value.First).ToList();
        var top = ranked[0].Value.Score;
        // Secondary themes need a strong cue of their own (weight 2) and half the top score: general words do not add themes.
        return ranked.Where((t, i) => i == 0 || (t.Value.Score >= top * ThemeRatio && t.Value.Score >= 2)).Take(3).Select(t => t.Key).ToList();
    }

    private static StatementCoding MergeRepeated(ParsedStatement highlight, List<(ParsedStatement Statement, StatementCoding Coding)> repeated)
    {
        var targets = new Dictionary<string, TargetCoding>(StringComparer.Ordinal);
        foreach (var (answer, coding) in repeated)
            foreach (var t in coding.Targets)
                if (!targets.ContainsKey(t.Actor))
                    targets[t.Actor] = t with { Evidence = [.. t.Evidence.Select(e => IntoHighlight(highlight, answer, e))] };
        return new StatementCoding(highlight.Index, repeated[0].Coding.Themes, [.. targets.Values]);
    }

    /// <summary>
    /// Evidence lies inside its own statement: a term found in the repeated answer sentence is pointed at in the highlight's
    /// text (same offset after aligning the two texts, else its first occurrence); a term the highlight does not contain
    /// (the question's mention behind a contextual target) keeps its span.
    /// </summary>
    private static Evidence IntoHighlight(ParsedStatement highlight, ParsedStatement answer, Evidence e)
    {
        var first = highlight.Text.IndexOf(e.Term, StringComparison.Ordinal);
        if (e.Start < answer.Start || e.End > answer.End || first < 0) return e;
        var core = highlight.Text.Trim().Trim('“', '”', '"');
        var shift = answer.Text.IndexOf(core, StringComparison.Ordinal) is var at and >= 0
            ? highlight.Text.IndexOf(core, StringComparison.Ordinal) - at
            : int.MinValue;
        if (shift != int.MinValue)
        {
            var rel = e.Start - answer.Start + shift;
            if (rel >= 0 && rel + e.Term.Length <= highlight.Text.Length && string.CompareOrdinal(highlight.Text, rel, e.Term, 0, e.Term.Length) == 0)
                return e with { Start = highlight.Start + rel, End = highlight.Start + rel + e.Term.Length };
        }
        return e with { Start = highlight.Start + first, End = highlight.Start + first + e.Term.Length };
    }

    /// <summary>
    /// A subjectless sentence that goes on with the previous sentence's urging (…敦促美方停止…。同中方一道…) in the same
    /// answer paragraph is part of that speech act: it is about the urged party with the urging's stance.
    /// </summary>
    private StatementCoding? ContinuedUrging(ParsedDocument document, int i, List<Analysis> analyses, StatementCoding[] codings)
    {
        var s = document.Statements[i];
        var prev = document.Statements[i - 1];
        var a = analyses[i];
        if (prev.Exchange != s.Exchange || prev.Kind != s.Kind || a.Mentions.Any(m => m.Actors.Any(x => x != a.Own))) return null;
        if (!StartsWithAny(a.Text.TrimStart(), 0, _continuationOpeners)) return null;
        var gap = document.NormalisedText.AsSpan(prev.End, Math.Max(0, s.Start - prev.End));
        if (gap.IndexOfAny('\n', '\r') >= 0) return null;   // a new paragraph is a new point
        var urging = analyses[i - 1].Cues.Where(c => c.Dominant && !c.Rhetorical && c.Weight < 0).ToList();
        if (urging.Count == 0) return null;
        var urged = codings[i - 1].Targets.Where(t => t.Actor != a.Own && t.Stance < 0).ToList();
        if (urged.Count == 0) return null;
        var carried = urged.Select(t => new TargetCoding(t.Actor, t.Stance, Contextual, Confidence(false, [.. urging]),
            [.. t.Evidence.Where(e => e.Role == "actor"), .. urging.Select(c => CueEvidence(prev, c))], t.Phrase));
        return codings[i] with { Targets = [.. codings[i].Targets.Where(t => t.Actor == a.Own), .. carried] };
    }
}
