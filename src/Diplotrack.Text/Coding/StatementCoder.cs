using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Text.Coding;

/// <summary>An actor named in a sentence: [Start, End) of the alias, its kind and the actor(s) it stands for.</summary>
public sealed record ActorMention(int Start, int End, string Term, string Kind, IReadOnlyList<string> Actors);

/// <summary>
/// The automatic coder (codebook §2–4): targets, themes and stance of every statement of a parsed document.
/// This class only coordinates: one sentence is read by <see cref="SentenceAnalyser"/> (mentions, cues, theme scores),
/// the exchange context by <see cref="ExchangeContexts"/>, targets and their stance by <see cref="TargetRules"/> and
/// <see cref="StanceRules"/>, themes by <see cref="ThemeRules"/>, highlights by <see cref="HighlightCoding"/>.
/// Build once per codebook version (the automaton is the expensive part) and reuse; thread-safe for reads.
/// </summary>
public sealed partial class StatementCoder
{
    public const string Unnamed = CoderLexicon.Unnamed;

    private readonly CoderLexicon _lexicon;
    private readonly ActorFinder _actors;
    private readonly CueFinder _cues;
    private readonly SentenceAnalyser _analyser;
    private readonly ExchangeContexts _contexts;
    private readonly TargetRules _targets;
    private readonly ThemeRules _themes;

    public int CodebookVersion => _lexicon.Codebook.Version;

    public StatementCoder(CodebookData codebook)
    {
        _lexicon = new CoderLexicon(codebook);
        _actors = new ActorFinder(_lexicon);
        _cues = new CueFinder(_lexicon);
        _analyser = new SentenceAnalyser(_lexicon, _actors, _cues);
        _contexts = new ExchangeContexts(_lexicon, _analyser);
        _targets = new TargetRules(_lexicon, new StanceRules(_lexicon));
        _themes = new ThemeRules(_lexicon);
    }

    /// <summary>The actor a person's name stands for (<c>王毅</c> → CN), from the person aliases.</summary>
    public string? PersonActor(string? name) => _lexicon.PersonActor(name);

    // ---------------------------------------------------------------- document

    public CodedDocument Code(ParsedDocument document) => Run(document, null);

    /// <summary>
    /// Codes a document and returns, beside the coding, what the rules saw in every statement (mentions, cues, theme
    /// scores, inherited context): the features a learned layer combines with the text. Same coding as <see cref="Code"/>.
    /// </summary>
    public (CodedDocument Coded, IReadOnlyList<SentenceFeatures> Features) CodeWithFeatures(ParsedDocument document)
    {
        var features = new SentenceFeatures[document.Statements.Count];
        return (Run(document, features), features);
    }

    private CodedDocument Run(ParsedDocument document, SentenceFeatures[]? features)
    {
        ArgumentNullException.ThrowIfNull(document);
        var docOwn = HostActor(document);
        var analyses = document.Statements.Select(s => _analyser.Analyse(s.Text, s.Start, OwnActor(document, s, docOwn))).ToList();
        _analyser.ResolveAmbiguous(document, analyses, s => OwnActor(document, s, docOwn));
        var contexts = document.Exchanges.ToDictionary(e => e.Index, e => _contexts.Build(document, e, analyses, SpeakerActor(e.Answerer) ?? docOwn));

        var codings = new StatementCoding[document.Statements.Count];
        // Exchange -> the sub-question its question sentences, and separately its answer sentences, are on.
        var questionPart = new Dictionary<int, int>();
        var answerPart = new Dictionary<int, int>();
        // Exchange -> the counterparts the answer last named explicitly (see ExchangeContexts.Narrow).
        var lastNamed = new Dictionary<int, ExchangeContext>();
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var s = document.Statements[i];
            var ctx = ExchangeContexts.ContextFor(document, s, contexts);
            var whole = ctx;
            if (ctx?.Parts is { } parts && s.Exchange is { } ex)
            {
                var part = s.Kind == StatementKind.Question ? questionPart : answerPart;
                if (s.Kind == StatementKind.Question) part.TryAdd(ex, 0);   // sentences before 第二个问题 belong to the first
                if (ExchangeContexts.SubQuestionIndex(s.Text, s.Kind == StatementKind.Question) is { } n && n < parts.Count)
                {
                    part[ex] = n;
                    if (s.Kind != StatementKind.Question) lastNamed.Remove(ex);   // a new part starts from its own question
                }
                if (part.TryGetValue(ex, out var p)) ctx = parts[p];
            }
            var answer = s.Kind is StatementKind.Answer or StatementKind.Opening && s.Exchange is not null;
            if (answer && lastNamed.TryGetValue(s.Exchange!.Value, out var near)) ctx = near with { Theme = ctx?.Theme };
            codings[i] = CodeStatement(s, analyses[i], ctx, out var used);
            if (features is not null) features[i] = Features(s, used, ctx);
            if (answer && i > 0 && _contexts.ContinuedUrging(document, i, analyses, codings) is { } carried) codings[i] = carried;
            if (answer && whole is not null && ExchangeContexts.Narrow(analyses[i], whole) is { } narrowed) lastNamed[s.Exchange!.Value] = narrowed;
        }
        // Highlights repeat answer sentences: same coding as what they repeat (eval README, codebook §1).
        var byIndex = document.Statements.Select((s, i) => (s.Index, i)).ToDictionary(p => p.Index, p => p.i);
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var s = document.Statements[i];
            if (s.Kind != StatementKind.Highlight || s.Repeats.Count == 0) continue;
            var repeated = s.Repeats.Where(byIndex.ContainsKey).Select(r => (document.Statements[byIndex[r]], codings[byIndex[r]])).ToList();
            if (repeated.Count == 0) continue;
            codings[i] = HighlightCoding.MergeRepeated(s, repeated);
        }
        return new CodedDocument(document, CodebookVersion, codings);
    }

    /// <summary>The actor mentions of one sentence after the alias rules (short forms, dyads, blockers), in text order.</summary>
    public IReadOnlyList<ActorMention> FindActors(string sentence, string? ownActor = "CN") =>
        _actors.FindMentions(sentence, _lexicon.Automaton.FindAll(sentence), ownActor)
            .Select(m => new ActorMention(m.Start, m.End, m.Term, m.Kind, m.Actors)).ToList();

    /// <summary>Codes a single sentence with no exchange context (for previews and tests).</summary>
    public StatementCoding CodeSentence(string sentence, string? ownActor = "CN") =>
        CodeStatement(new ParsedStatement { Index = 0, Kind = StatementKind.Answer, Start = 0, End = sentence.Length, Text = sentence },
            _analyser.Analyse(sentence, 0, ownActor), null, out _);

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

    // ---------------------------------------------------------------- one statement

    [GeneratedRegex(@"^\s*[（(][^（()）]*[）)]\s*[。.]?\s*$")]
    private static partial Regex StageDirection();

    // R12/R28: the spokesperson's call on the parties (当务之急是有关各方…, 各方应…, 这需要各方…, 建议/主张有关各方…) asks them
    // to restrain, stop or change course: −1 toward each party, whatever the cooperative words of what they are asked to do.
    [GeneratedRegex(@"(?:需要|当务之急是|建议|主张|要求|敦促|呼吁)(?:所有|各)?(?:有关|相关)?各方(?!面)|(?:所有)?(?:有关|相关)?各方(?!面)(?:都)?(?:应|应该|应当|要|需|必须)")]
    private static partial Regex CallOnParties();

    // R28: an appeal to treasure or preserve what the parties achieved (值得各方珍惜) is +1 toward them.
    [GeneratedRegex(@"珍惜")]
    private static partial Regex TreasureAppeal();

    private StatementCoding CodeStatement(ParsedStatement s, Analysis a, ExchangeContext? ctx, out Analysis used)
    {
        used = a;
        // （记者笑）: a stage direction the transcript adds, not words of the speaker; it is about no one.
        if (StageDirection().IsMatch(s.Text)) return new StatementCoding(s.Index, ["other"], []);
        used = a = CuesAsUsed(s, a);
        var targets = _targets.Targets(s, a, ctx);
        return new StatementCoding(s.Index, _themes.Themes(s, a, ctx, targets), targets);
    }

    /// <summary>The cues that code a statement: a question's reported words are not its stance; a spokesperson's question is rhetorical.</summary>
    private Analysis CuesAsUsed(ParsedStatement s, Analysis a)
    {
        // A question reporting another party's words (越方称，中国…侵犯…) reports them without judgement: those cues are the
        // reported party's stance, not the question's. What the journalist says in their own voice still counts (ADR 0003).
        if (s.Kind == StatementKind.Question && _cues.ReportedFrom(a.Text) is var from and >= 0)
            a = a with { Cues = [.. a.Cues.Where(c => c.Start < from)] };
        // The spokesperson does not ask the press questions: a question in an answer (他们又在哪里呢？, 起源是什么？) is
        // rhetorical and accuses whom it is about (codebook §4, −2), as the 何在？ patterns do (issue #12).
        if (s.Kind is StatementKind.Answer or StatementKind.Opening && a.Text.TrimEnd().TrimEnd('”', '"', '）', ')') is [.., '？' or '?'] q)
            a = a with { Cues = [.. a.Cues, new Cue(q.Length - 1, q.Length, q[^1..], -2, Dominant: true, Rhetorical: true)] };
        if (s.Kind is StatementKind.Answer or StatementKind.Opening && a.Text.Contains("各方", StringComparison.Ordinal)
            && !a.Cues.Any(c => c.Rhetorical))
        {
            if (TreasureAppeal().Match(a.Text) is { Success: true } t)
                a = a with { Cues = [.. a.Cues, new Cue(t.Index, t.Index + t.Length, t.Value, 1, Dominant: true)] };
            else if (CallOnParties().Match(a.Text) is { Success: true } m)
                a = a with { Cues = [.. a.Cues, new Cue(m.Index, m.Index + m.Length, m.Value, -1, Dominant: true)] };
        }
        return a;
    }

    private SentenceFeatures Features(ParsedStatement s, Analysis a, ExchangeContext? ctx) => new(
        s.Index, s.Text, s.Kind.ToId(), a.Own,
        [.. a.Mentions.Select(m => new ActorMention(m.Start, m.End, m.Term, m.Kind, m.Actors))],
        [.. a.Explicit.Select(t => t.Actor).Distinct()],
        [.. a.Cues.Select(c => new CueFeature(c.Start, c.End, c.Term, c.Weight, c.Dominant, c.Rhetorical, c.Conceded, c.Praise, c.Hope))],
        a.Themes.ToDictionary(t => t.Key, t => t.Value.Score, StringComparer.Ordinal),
        [.. ctx?.Foreign.Select(f => f.Actor) ?? []], ctx?.Theme,
        a.ElidedOpener, a.PointsBack, TargetRules.AboutAnything(a, TargetRules.Speaker(s)), _targets.OwnConductOnly(s, a));
}
