using System.Text.RegularExpressions;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Documents;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Text.Coding.English;

/// <summary>
/// The automatic coder for English transcripts (codebook §2–4), with the Chinese coder's output contract
/// (<see cref="CodedDocument"/>, evidence spans into the normalised text) and conventions: the speaker's own country
/// is a target only for its own conduct or position, a sentence inherits the exchange's counterparts only when it says
/// something about them, and a region is a target only when the text names it as an actor. English differs from Chinese
/// in how those show: word boundaries and case decide a match, a trailing <c>*</c> covers inflection, and whether
/// <c>China</c> is its own subject is read from the words around it (<c>China will</c> vs <c>China welcomes</c>,
/// <c>against China</c>). See docs/decisions/0040-english-coding.md.
/// </summary>
public sealed partial class EnglishCoder
{
    public const string Unnamed = "UNNAMED";
    private const string Explicit = "explicit";
    private const string Contextual = "contextual";

    private readonly CodebookData _codebook;
    private readonly EnglishCodebook _en;
    private readonly EnglishLexicon _lexicon = new();
    private readonly Dictionary<string, string> _personActor = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _countries;
    private readonly string[] _objectMarkers, _conductMarkers, _speechActs, _intentionMarkers, _comply, _cooperate, _jointMarkers,
        _reportingVerbs, _anaphors, _procedural, _statusSuffixes, _concessionAfter, _concessionBefore, _pronounMarkers, _venueWords, _titles;
    private readonly (Regex Regex, int Stance)[] _rhetorical;

    public int CodebookVersion => _codebook.Version;

    public EnglishCoder(CodebookData codebook)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        _codebook = codebook;
        _en = codebook.English ?? throw new ArgumentException("the codebook has no English data (seed/codebook/en/)", nameof(codebook));
        // The shared English names of actors.csv are names too; the alias file adds what the Ministry writes.
        foreach (var a in codebook.Actors.Where(a => a.Kind != "unnamed"))
            AddActor(a.NameEn, a.Id, "name");
        foreach (var a in _en.Aliases)
        {
            AddActor(a.Alias, a.ActorId, a.Kind);
            if (a.Kind == "person") _personActor.TryAdd(a.Alias, a.ActorId);
        }
        foreach (var t in _en.RuleTerms(EnglishRules.Blocker)) _lexicon.Add(t).Term.Blocker = true;
        foreach (var c in _en.StanceCues)
            foreach (var form in Inflect(c.Cue))
            {
                var (t, prefix) = _lexicon.Add(form);
                t.Stance = (c.Weight, c.Kind == "praise", prefix);
            }
        foreach (var f in _en.Formulas)
            foreach (var form in Inflect(f.Formula))
            {
                var (t, prefix) = _lexicon.Add(form);
                t.Formula = (f.Rank, f.Stance, prefix);
            }
        foreach (var h in _en.RuleTerms(EnglishRules.HopeVerb)) _lexicon.Add(h).Term.Hope = true;
        foreach (var c in _en.ThemeCues)
            foreach (var form in Inflect(c.Cue))
            {
                var (t, prefix) = _lexicon.Add(form);
                t.Themes.Add((c.Theme, c.Weight, prefix));
            }
        foreach (var n in _en.Negators) _lexicon.Add(n).Term.Negator = true;
        foreach (var i in _en.Intensifiers) _lexicon.Add(i.Term).Term.Intensity = i.Factor;
        _lexicon.Build();

        string[] Terms(string kind) => [.. _en.RuleTerms(kind).Select(EnglishLexicon.Fold).OrderByDescending(t => t.Length)];
        _objectMarkers = Terms(EnglishRules.ObjectMarker);
        _conductMarkers = Terms(EnglishRules.ConductMarker);
        _speechActs = Terms(EnglishRules.SpeechAct);
        _intentionMarkers = Terms(EnglishRules.IntentionMarker);
        _comply = Terms(EnglishRules.Comply);
        _cooperate = Terms(EnglishRules.Cooperate);
        _jointMarkers = Terms(EnglishRules.JointMarker);
        _reportingVerbs = Terms(EnglishRules.ReportingVerb);
        _anaphors = Terms(EnglishRules.Anaphor);
        _procedural = Terms(EnglishRules.Procedural);
        _statusSuffixes = Terms(EnglishRules.StatusSuffix);
        _pronounMarkers = Terms(EnglishRules.PronounMarker);
        _venueWords = Terms(EnglishRules.VenueWord);
        _titles = [.. _en.RuleTerms(EnglishRules.Title).OrderByDescending(t => t.Length)];
        _concessionAfter = [.. _en.Concessions.Where(c => c.Position == "after").Select(c => EnglishLexicon.Fold(c.Term))];
        _concessionBefore = [.. _en.Concessions.Where(c => c.Position == "before").Select(c => EnglishLexicon.Fold(c.Term))];
        _countries = codebook.Actors.Where(a => a.Kind is "country" or "territory").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        _rhetorical = [.. _en.Rhetorical.Select(r => (new Regex(r.Pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled), r.Stance))];
    }

    /// <summary>
    /// A <c>*</c> inside a multi-word term (<c>call* on</c>, <c>express* concern</c>) stands for the verb's regular forms;
    /// at the end it stays for the lexicon (any ending). Listed out because a prefix inside a phrase cannot be matched.
    /// </summary>
    private static IEnumerable<string> Inflect(string term)
    {
        var star = term.IndexOf('*', StringComparison.Ordinal);
        if (star < 0 || star == term.Length - 1) return [term];
        var stem = term[..star];
        var rest = term[(star + 1)..];
        return new[] { "", "s", "es", "ed", "d", "ing" }.Select(e => stem + e + rest).SelectMany(Inflect).Distinct();
    }

    private void AddActor(string alias, string actor, string kind)
    {
        var (t, _) = _lexicon.Add(alias);
        if (!t.Actors.Any(a => a.Actor == actor && a.Original == alias)) t.Actors.Add((actor, kind, alias));
    }

    /// <summary>Whether this coder is the one for a document: English (<c>en</c>, <c>en-GB</c> …) transcripts.</summary>
    public static bool Handles(ParsedDocument document) =>
        document.Metadata.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>The actor an English person name stands for (<c>Zhao Lijian</c> → CN), from the person aliases.</summary>
    public string? PersonActor(string? name) =>
        name is null ? null : _personActor.TryGetValue(name.Trim(), out var id) ? id : null;

    // ---------------------------------------------------------------- document

    public CodedDocument Code(ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var docOwn = document.Exchanges.Select(e => SpeakerActor(e.Answerer))
            .Concat(document.Statements.Where(s => s.Kind is StatementKind.Answer or StatementKind.Opening).Select(s => SpeakerActor(s.Speaker)))
            .OfType<string>().GroupBy(a => a).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key ?? document.Metadata.Government;
        var analyses = document.Statements.Select(s => Analyse(s.Text, s.Start, OwnActor(s, docOwn), s.Kind == StatementKind.Question)).ToList();
        var contexts = document.Exchanges.ToDictionary(e => e.Index, e => ExchangeContext(document, e, analyses));
        var lastNamed = new Dictionary<int, Context>();
        var codings = new StatementCoding[document.Statements.Count];
        for (var i = 0; i < document.Statements.Count; i++)
        {
            var s = document.Statements[i];
            var ctx = s.Exchange is { } e && contexts.TryGetValue(e, out var c) ? c : null;
            var answer = s.Kind is StatementKind.Answer or StatementKind.Opening;
            if (answer && s.Exchange is { } ex && lastNamed.TryGetValue(ex, out var near)) ctx = near with { Theme = ctx?.Theme };
            codings[i] = CodeStatement(s, analyses[i], ctx);
            // An answer that names some of the question's counterparts is about those until it names others.
            if (answer && ctx is not null && s.Exchange is { } x && Narrow(analyses[i], contexts[x]) is { } narrowed) lastNamed[x] = narrowed;
        }
        return new CodedDocument(document, _codebook.Version, codings);
    }

    /// <summary>Codes one sentence with no exchange context (for previews and tests).</summary>
    public StatementCoding CodeSentence(string sentence, string? ownActor = "CN", StatementKind kind = StatementKind.Answer) =>
        CodeStatement(new ParsedStatement { Index = 0, Kind = kind, Start = 0, End = sentence.Length, Text = sentence },
            Analyse(sentence, 0, ownActor, kind == StatementKind.Question), null);

    /// <summary>The actor mentions of one sentence (after blockers, case and dyad rules), in text order; used by alignment.</summary>
    public IReadOnlyList<ActorMention> FindActors(string sentence, string? ownActor = "CN") =>
        Analyse(sentence, 0, ownActor).Mentions.Select(m => new ActorMention(m.Start, m.End, m.Term, m.Kind, m.Actors)).ToList();

    private string? SpeakerActor(SpeakerRef? speaker) => speaker is null ? null : speaker.ActorId ?? PersonActor(speaker.Name);

    // Questions and openings are coded from the answering government's side (as the Chinese coder does).
    private string? OwnActor(ParsedStatement s, string? docOwn) =>
        s.Kind is StatementKind.Answer or StatementKind.Opening && SpeakerActor(s.Speaker) is { } own ? own : docOwn;

    // ---------------------------------------------------------------- one sentence

    private sealed record Mention(int Start, int End, string Term, string Kind, IReadOnlyList<string> Actors, bool Dyad, bool Status, int PhraseEnd = -1);

    private sealed record Cue(int Start, int End, string Term, double Weight, bool Dominant = false, bool Rhetorical = false,
        bool Conceded = false, bool Praise = false, bool Hope = false);

    private sealed record Analysis(
        string Text, string Folded, int Offset, string? Own, List<Mention> Mentions, List<Cue> Cues,
        Dictionary<string, (double Score, int First)> Themes, List<(string Actor, Mention Mention)> Explicit, bool Procedural, bool Anaphor);

    private Analysis Analyse(string text, int offset, string? own, bool question = false)
    {
        var folded = EnglishLexicon.Fold(text);
        var raw = _lexicon.FindAll(folded);
        var mentions = FindMentions(text, folded, raw, own);
        var cues = FindCues(text, folded, raw);
        var themes = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        foreach (var f in _lexicon.Layer(folded, raw, (t, _) => t.Themes.Count > 0 ? t.Themes[0].Prefix : null))
            foreach (var (theme, w, _) in f.Term.Themes) AddTheme(themes, theme, w, f.Start);
        foreach (var m in mentions)
            if (m.Actors.Any(a => a is "TW" or "HK" or "MO")) AddTheme(themes, "sovereignty", 1, m.Start);

        var foreignPresent = mentions.Any(m => m.Actors.Any(a => a != own && a != Unnamed));
        var explicitTargets = new List<(string, Mention)>();
        foreach (var m in mentions)
            foreach (var a in m.Actors)
            {
                if (a == own && (m.Dyad || !IsSelfReference(folded, m, foreignPresent, question))) continue;
                // "certain people in the US": the phrase is veiled, but the country it is placed in is named (R5).
                if (a == Unnamed && mentions.Any(x => x.Start > m.End && x.Actors.Any(y => y != own && y != Unnamed) && Regex.IsMatch(folded[m.End..x.Start], @"^\s*(in|from|of)\s+(the\s+)?$"))) continue;
                if (a != own && IsVenue(folded, m)) continue;
                explicitTargets.Add((a, m));
            }
        var procedural = _procedural.Any(p => ContainsWord(folded, p));
        var anaphor = _anaphors.Any(p => ContainsWord(folded, p));
        return new Analysis(text, folded, offset, own, mentions, cues, themes, explicitTargets, procedural, anaphor);
    }

    private static void AddTheme(Dictionary<string, (double Score, int First)> themes, string theme, double w, int pos) =>
        themes[theme] = themes.TryGetValue(theme, out var cur) ? (cur.Score + w, cur.First) : (w, pos);

    private List<Mention> FindMentions(string text, string folded, List<TermMatch> raw, string? own)
    {
        var layer = _lexicon.Layer(folded, raw, (t, start) =>
            t.Blocker || t.Actors.Any(a => EnglishLexicon.CaseMatches(text, start, a.Original)) ? false : null);
        var result = new List<Mention>();
        foreach (var f in layer)
        {
            if (f.Term.Actors.Count == 0) continue;   // a blocker: South China Sea, African American
            var entries = f.Term.Actors.Where(a => EnglishLexicon.CaseMatches(text, f.Start, a.Original)).ToList();
            var kind = entries[0].Kind;
            // "we" inside quotation marks is the quoted speaker's, not the official's own country.
            IReadOnlyList<string> actors = kind == "self-pronoun"
                ? own is null || InsideQuote(text, f.Start) ? [] : [own]
                : entries.Select(a => a.Actor).Distinct().ToList();
            if (actors.Count == 0) continue;
            var status = StartsWithWord(folded, SkipSpaces(folded, f.End), _statusSuffixes) is not null;
            result.Add(new Mention(f.Start, f.End, text[f.Start..f.End], kind, actors, Dyad: false, status));
        }
        // Dyads: China-US, Sino-Japanese, China/US name the pair and target the other party. Actors joined by "and"
        // (China and ASEAN countries have …) are a joint subject: each is read from the end of the whole phrase.
        for (var i = 0; i < result.Count; i++)
        {
            var m = result[i];
            var hyphenBefore = i > 0 && Hyphenated(folded, result[i - 1].End, m.Start);
            var hyphenAfter = i + 1 < result.Count && Hyphenated(folded, m.End, result[i + 1].Start);
            var sino = m.Start >= 5 && folded.AsSpan(m.Start - 5, 5).SequenceEqual("sino-");
            var end = m.End;
            for (var j = i; j + 1 < result.Count && Coordinated(folded, result[j].End, result[j + 1].Start); j++) end = result[j + 1].End;
            if (hyphenBefore || hyphenAfter || sino) result[i] = m with { Dyad = true };
            else if (end > m.End) result[i] = m with { PhraseEnd = end };
        }
        for (var i = 1; i < result.Count; i++)
            if (result[i].PhraseEnd < 0 && !result[i].Dyad && Coordinated(folded, result[i - 1].End, result[i].Start))
                result[i] = result[i] with { PhraseEnd = Math.Max(result[i].End, result[i - 1].PhraseEnd) };
        return result;
    }

    private static bool InsideQuote(string text, int pos)
    {
        var open = 0;
        for (var i = 0; i < pos; i++)
            if (text[i] == '\u201c') open++;
            else if (text[i] == '\u201d') open = Math.Max(0, open - 1);
            else if (text[i] == '"') open = open > 0 ? open - 1 : 1;
        return open > 0;
    }

    /// <summary>The place of an event (a meeting in Singapore, talks held in Beijing), not an actor: "in X" after an event word.</summary>
    private bool IsVenue(string folded, Mention m)
    {
        var before = folded[..m.Start].TrimEnd();
        if (!before.EndsWith(" in", StringComparison.Ordinal) && !before.EndsWith(" at", StringComparison.Ordinal)) return false;
        var window = before[Math.Max(0, before.Length - 60)..];
        return _venueWords.Any(v => WordPositions(window, v).Any());
    }

    /// <summary>Two mentions written as one word: <c>China-US</c>, <c>China/US</c>.</summary>
    private static bool Hyphenated(string folded, int from, int to) =>
        to >= from && folded.AsSpan(from, to - from).Trim() is "-" or "/" || (to == from);

    /// <summary>Two mentions joined by <c>and</c> or a comma in a list: <c>China and ASEAN countries</c>.</summary>
    private static bool Coordinated(string folded, int from, int to) =>
        to > from && folded.AsSpan(from, to - from).Trim() is "and" or "," or ", and" or "and the" or ", the";

    /// <summary>Codebook §2: own country's conduct, position or leader; not the object of another's action nor the voice of a speech act.</summary>
    private bool IsSelfReference(string folded, Mention m, bool foreignPresent, bool question)
    {
        if (m.Kind == "person") return true;
        if (PreviousWordIsAny(folded, m.Start, _objectMarkers)) return false;
        var end = m.PhraseEnd > 0 ? m.PhraseEnd : m.End;
        var after = SkipAdverbs(folded, end);
        if (StartsWithWord(folded, after, _speechActs) is not null) return false;   // China (always) welcomes X: the voice (R2)
        // "we" is China only where it states China's own intention or standing position (we will, we always, we maintain),
        // not in every sentence the official speaks in the first person (we have noted, we believe that her visit …).
        if (m.Kind == "self-pronoun") return StartsWithWord(folded, after, _pronounMarkers) is not null || StartsWithWord(folded, end, _pronounMarkers) is not null;
        // A journalist naming China asks about China (R1: 中方对此有何评论 → CN).
        if (question) return true;
        var conduct = StartsWithWord(folded, after, _conductMarkers) is not null || StartsWithWord(folded, end, _conductMarkers) is not null;
        return !foreignPresent || conduct;
    }

    private List<Cue> FindCues(string text, string folded, List<TermMatch> raw)
    {
        var cues = new List<Cue>();
        var negators = _lexicon.Layer(folded, raw, (t, _) => t.Negator ? false : null);
        var intensifiers = _lexicon.Layer(folded, raw, (t, _) => t.Intensity is not null ? false : null);
        var layer = _lexicon.Layer(folded, raw, (t, _) => t.Formula is { } f ? f.Prefix : t.Stance is { } s ? s.Prefix : t.Hope ? false : null);
        foreach (var f in layer)
        {
            var t = f.Term;
            double w = t.Formula is { } formula ? formula.Stance : t.Stance is { } st ? st.Weight : HopeWeight(folded, f.End);
            // A negator within three words before the cue, in its clause (does not seek to contain, has not honoured).
            var negated = negators.Any(n => n.End <= f.Start && WordsBetween(folded, n.End, f.Start) <= 2 && NoBoundary(folded, n.End, f.Start));
            if (negated) w = w > 0 ? -1 : 0;
            var intensity = intensifiers.Where(x => x.End <= f.Start && WordsBetween(folded, x.End, f.Start) == 0)
                .Select(x => x.Term.Intensity!.Value).DefaultIfEmpty(1).Max();
            w = Math.Clamp(w * intensity, -2, 2);
            var praise = t.Stance is { Praise: true } && t.Formula is null;
            if (w != 0) cues.Add(new Cue(f.Start, f.End, text[f.Start..f.End], w, t.Formula is not null && !negated, Praise: praise && !negated, Hope: t.Hope));
        }
        // A hope is +1 or −1 whatever it asks for (R12, codebook §4 "hopeful"): the words of what it asks (stop
        // interfering …, a successful visit) are its content, neither accusation nor praise, so the hope alone decides.
        foreach (var h in cues.Where(c => c.Hope).ToList())
        {
            var end = ClauseEnd(folded, h.End, commas: false);
            cues.RemoveAll(c => !c.Dominant && !c.Hope && c.Start >= h.End && c.Start < end);
            cues[cues.IndexOf(h)] = h with { Dominant = true };
        }
        // Cues inside a formula's object that are the object, not the stance (firmly opposes … interference): the formula decides.
        var concessionAt = -1;
        foreach (var c in _concessionAfter)
            foreach (var p in WordPositions(folded, c))
                if (p > 0) concessionAt = Math.Max(concessionAt, p);
        var conceded = new List<(int From, int To)>();
        foreach (var c in _concessionBefore)
            foreach (var p in WordPositions(folded, c))
                conceded.Add((p, ClauseEnd(folded, p)));
        return [.. cues.Select(c => c.Start < concessionAt || conceded.Any(r => c.Start >= r.From && c.Start < r.To)
            ? c with { Weight = c.Weight * 0.3, Conceded = true } : c).OrderBy(c => c.Start)];
    }

    /// <summary>Rhetorical accusations are the official's voice: only answers and openings are read for them (a journalist's
    /// "Why did China …?" asks; codebook §4 counts a question's stance only when its own wording accuses).</summary>
    private List<Cue> RhetoricalCues(string text)
    {
        var cues = new List<Cue>();
        foreach (var (regex, stance) in _rhetorical)
        {
            var m = regex.Match(text);
            if (m.Success) cues.Add(new Cue(m.Index, m.Index + m.Length, m.Value.Trim(), stance, Dominant: true, Rhetorical: true));
        }
        return cues;
    }

    /// <summary>Codebook §4 and R12: a hope that the other side complies (stops, honours, refrains) is −1, a hope to work together is +1.</summary>
    private double HopeWeight(string folded, int from)
    {
        var end = Math.Min(ClauseEnd(folded, from, commas: false), from + 160);
        int First(string[] terms)
        {
            var best = int.MaxValue;
            foreach (var t in terms)
                foreach (var p in WordPositions(folded, t, from, end)) { best = Math.Min(best, p); break; }
            return best;
        }
        var comply = First(_comply);
        return comply < int.MaxValue && comply < First(_cooperate) ? -1 : 1;
    }

    // ---------------------------------------------------------------- exchange context

    private sealed record Context(
        IReadOnlyList<(string Actor, List<Evidence> Evidence, string? Phrase)> Foreign, string? Theme, IReadOnlySet<string>? Asked = null);

    private Context ExchangeContext(ParsedDocument document, ParsedExchange exchange, List<Analysis> analyses)
    {
        var sources = new List<Analysis>();
        for (var i = 0; i < document.Statements.Count; i++)
            if (document.Statements[i].Exchange == exchange.Index && document.Statements[i].Kind == StatementKind.Question)
                sources.Add(analyses[i]);
        return Merge(sources, ReportedAbout);
    }

    /// <summary>In a question, an actor named inside someone else's reported words (X said that Y …) is what is reported, not whom the official is asked about.</summary>
    private bool ReportedAbout(Analysis a, Mention m)
    {
        foreach (var v in _reportingVerbs)
            foreach (var p in WordPositions(a.Folded, v))
                if (p > 0 && p < m.Start && a.Mentions.Any(x => x.End <= p)) return true;
        return false;
    }

    private static Context Merge(List<Analysis> sources, Func<Analysis, Mention, bool>? reported = null)
    {
        var primary = new HashSet<string>(StringComparer.Ordinal);
        var foreign = new List<(string Actor, List<Evidence> Evidence, string? Phrase)>();
        var themes = new Dictionary<string, (double Score, int First)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var a in sources)
        {
            foreach (var (actor, m) in a.Explicit)
            {
                if (actor == a.Own || actor == Unnamed || m.Status) continue;
                var i = foreign.FindIndex(f => f.Actor == actor);
                if (i < 0) { foreign.Add((actor, [], null)); i = foreign.Count - 1; }
                foreign[i].Evidence.Add(new Evidence(a.Offset + m.Start, a.Offset + m.End, "actor", m.Term));
                if (reported is null || !reported(a, m)) primary.Add(actor);
            }
            foreach (var (theme, (score, _)) in a.Themes) AddTheme(themes, theme, score, order++);
        }
        var top = themes.OrderByDescending(t => t.Value.Score).ThenBy(t => t.Value.First).Select(t => t.Key).FirstOrDefault();
        var asked = foreign.Select(f => f.Actor).ToHashSet(StringComparer.Ordinal);
        if (primary.Count > 0) foreign = [.. foreign.Where(f => primary.Contains(f.Actor))];
        return new Context(foreign, top, asked);
    }

    private static Context? Narrow(Analysis a, Context whole)
    {
        var asked = whole.Asked ?? whole.Foreign.Select(f => f.Actor).ToHashSet(StringComparer.Ordinal);
        var named = Merge([a]).Foreign.Where(f => asked.Contains(f.Actor)).ToList();
        return named.Count == 0 ? null : new Context(named, whole.Theme, whole.Asked);
    }

    // ---------------------------------------------------------------- coding

    private StatementCoding CodeStatement(ParsedStatement s, Analysis a, Context? ctx)
    {
        var official = s.Kind is StatementKind.Answer or StatementKind.Opening;
        if (official) a = a with { Cues = [.. a.Cues, .. RhetoricalCues(a.Text)] };
        // A question reporting another party's words reports them without judgement: those cues are not the question's.
        if (s.Kind == StatementKind.Question && ReportedFrom(a) is var from and >= 0)
            a = a with { Cues = [.. a.Cues.Where(c => c.Start < from)] };
        // A question asks rather than asserts (would that improve relations?): its praise words are not praise, and its
        // critical words count at most as insinuation, −1 (R16).
        if (s.Kind == StatementKind.Question && a.Text.TrimEnd().EndsWith('?'))
            a = a with { Cues = [.. a.Cues.Where(c => c.Weight < 0).Select(c => c with { Weight = Math.Max(c.Weight, -1), Dominant = false })] };
        // A question sentence that is a quotation is someone else's words, reported without the journalist's judgement.
        if (s.Kind == StatementKind.Question && a.Text.TrimStart().StartsWith(['"', '\u201c', '\u2018', '\'']))
            a = a with { Cues = [] };

        var targets = new List<TargetCoding>();
        foreach (var group in a.Explicit.GroupBy(t => t.Actor))
        {
            var mentions = group.Select(g => g.Mention).ToList();
            var self = group.Key == a.Own;
            var intention = self && mentions.Any(m => StartsWithWord(a.Folded, SkipAdverbs(a.Folded, m.End), _intentionMarkers) is not null);
            var stance = mentions.All(m => m.Status) ? (0, new List<Cue>()) : Stance(a, mentions, self, intention);
            var evidence = mentions.Select(m => new Evidence(s.Start + m.Start, s.Start + m.End, "actor", m.Term))
                .Concat(stance.Item2.Select(c => CueEvidence(s, c))).ToList();
            var phrase = group.Key == Unnamed ? string.Join("; ", mentions.Select(m => m.Term).Distinct()) : null;
            targets.Add(new TargetCoding(group.Key, stance.Item1, Explicit, Confidence(true, stance.Item2), evidence, phrase));
        }

        if (ctx is { Foreign.Count: > 0 } && Inherits(a, official, targets))
        {
            // A sentence about China's own conduct inherits only what it says to the counterpart (formulas, hopes, criticism).
            var selfNamed = targets.Any(t => t.Actor == a.Own);
            var stance = Stance(selfNamed ? a with { Cues = [.. a.Cues.Where(c => !c.Praise && (c.Weight < 0 || c.Dominant || c.Hope || Joint(a, c)))] } : a, null);
            // A question does not judge an actor it does not name (R16): what it asks about is coded neutral.
            if (!official) stance = (0, []);
            foreach (var (actor, ev, phrase) in ctx.Foreign)
                if (targets.All(t => t.Actor != actor))
                    targets.Add(new TargetCoding(actor, stance.Item1, Contextual, Confidence(false, stance.Item2),
                        [.. ev, .. stance.Item2.Select(c => CueEvidence(s, c))], phrase));
        }

        // R20: a procedural sentence (no information, refer to the authorities, we have issued a readout) is "other".
        IReadOnlyList<string> themes = a.Procedural && targets.All(t => t.Actor == a.Own) ? ["other"]
            : a.Themes.Count > 0 ? Themes(a)
            : ctx?.Theme is null ? ["other"] : [ctx.Theme];
        if (themes.Count < 3 && !themes.Contains("relations") && !themes.Contains("other") && a.Themes.ContainsKey("relations")
            && targets.Any(t => t.Actor != a.Own && _countries.Contains(t.Actor)))
            themes = [.. themes, "relations"];
        return new StatementCoding(s.Index, themes, targets);
    }

    /// <summary>
    /// R4: a sentence inherits the exchange's counterparts only when it says something about them. Not when it names
    /// another actor itself, is procedural (I have no information, please refer to …), or, in an answer, is only about
    /// China's own conduct (no formula, hope or criticism aimed outward). An anaphor (the relevant country, both sides)
    /// points at the counterparts whatever else the sentence does.
    /// </summary>
    private bool Inherits(Analysis a, bool official, List<TargetCoding> targets)
    {
        var namesOther = targets.Any(t => t.Actor != a.Own && t.Actor != Unnamed) || targets.Any(t => t.Actor == Unnamed);
        if (namesOther) return false;
        if (a.Anaphor) return true;
        if (a.Procedural) return false;
        if (!official) return true;
        if (targets.Any(t => t.Actor == a.Own))
            return a.Cues.Any(c => c.Dominant || c.Hope || c.Weight < 0 || Joint(a, c));
        // An answer sentence naming no one speaks of the counterpart when it refers to them (they, its), addresses them
        // (a formula, a hope, a rhetorical question) or accuses (hostile words); otherwise it is a maxim (R4).
        return ThirdPerson().IsMatch(a.Folded) || NamesTitledPerson(a.Text) || a.Cues.Any(c => c.Dominant || c.Hope || c.Weight <= -1.5);
    }

    /// <summary>An official named by title (Prime Minister Ardern, Foreign Minister Atamkulov) whom the codebook does not list: someone of the exchange.</summary>
    private bool NamesTitledPerson(string text)
    {
        foreach (var t in _titles)
            for (var p = text.IndexOf(t, StringComparison.Ordinal); p >= 0; p = text.IndexOf(t, p + 1, StringComparison.Ordinal))
            {
                var q = p + t.Length;
                if (q + 1 < text.Length && text[q] == ' ' && char.IsUpper(text[q + 1])) return true;
            }
        return false;
    }

    [GeneratedRegex(@"\b(they|them|their|theirs|themselves|its|itself|he|his|him|she|her)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ThirdPerson();

    private static bool JointClause(Analysis a, Cue c) =>
        Regex.IsMatch(a.Folded.AsSpan(ClauseStart(a.Folded, c.Start), c.Start - ClauseStart(a.Folded, c.Start)).ToString(), @"\b(mutual|each other|both)\b");

    private bool Joint(Analysis a, Cue c)
    {
        var from = ClauseStart(a.Folded, c.Start);
        var to = ClauseEnd(a.Folded, c.Start);
        return _jointMarkers.Any(j => WordPositions(a.Folded, j, from, to).Any());
    }

    private int ReportedFrom(Analysis a)
    {
        var first = -1;
        foreach (var v in _reportingVerbs)
            foreach (var p in WordPositions(a.Folded, v))
                if (p > 0 && (first < 0 || p < first)) { first = p; break; }
        return first;
    }

    private static Evidence CueEvidence(ParsedStatement s, Cue c) => new(s.Start + c.Start, s.Start + c.End, "cue", c.Term);

    /// <summary>Same rule as the Chinese coder (ADR 0003): a formula or rhetorical accusation decides alone; else cues are summed,
    /// the clause naming the target first; toward the own country only positive cues count.</summary>
    private static (int, List<Cue>) Stance(Analysis a, IReadOnlyList<Mention>? mentions, bool self = false, bool intention = false)
    {
        if (a.Cues.Count == 0) return (intention ? 1 : 0, []);
        if (self)
        {
            var positive = a.Cues.Where(c => c.Weight > 0 && !c.Dominant).ToList();
            if (intention) return (1, positive);
            if (positive.Count == 0) return (0, []);
            return (positive.Max(c => c.Weight) >= 1.5 ? 2 : 1, positive);
        }
        var clauses = mentions?.Select(m => ClauseOf(a.Folded, m.Start)).ToHashSet();
        bool Near(Cue c) => clauses is null || clauses.Contains(ClauseOf(a.Folded, c.Start));
        // A formula is about what follows it (China firmly opposes the US side's …, urges the US to …); an actor before it is
        // its subject (China and Russia … oppose attempts to distort history), unless the official is the subject in between
        // (the US act, which we firmly oppose). The words of its object are the object's, not the subject's stance.
        // A positive formula of a foreign subject (the British side highly appreciated …) is reported praise: it stays;
        // so does one said of both sides together (express mutual support).
        bool Governs(Cue c) => mentions is null || mentions.Any(m => m.Start > c.Start)
            || mentions.Any(m => a.Mentions.Any(x => x.Start > m.End && x.End <= c.Start && x.Actors.Contains(a.Own ?? "")))
            || (c.Weight > 0 && !self) || JointClause(a, c);
        var dominant = a.Cues.Where(c => c.Dominant && (c.Rhetorical || Governs(c))).ToList();
        if (dominant.Count > 0)
        {
            var strongest = dominant.OrderByDescending(c => Math.Abs(c.Weight)).ThenBy(c => c.Weight).First();
            return ((int)Math.Round(strongest.Weight), dominant);
        }
        var objectFrom = a.Cues.Where(c => c.Dominant && !c.Rhetorical && !Governs(c)).Select(c => c.Start).DefaultIfEmpty(int.MaxValue).Min();
        var cues = a.Cues.Where(c => c.Start < objectFrom || (c.Start > objectFrom && ClauseOf(a.Folded, c.Start) != ClauseOf(a.Folded, objectFrom))).ToList();
        if (cues.Count == 0) return (0, []);
        var near = cues.Where(c => Near(c) && !c.Conceded).ToList();
        var used = near.Count > 0 ? near : cues;
        double net = 0, maxPos = 0, maxNeg = 0;
        foreach (var c in used)
        {
            net += c.Weight;
            if (c.Weight > 0) maxPos = Math.Max(maxPos, c.Weight); else maxNeg = Math.Max(maxNeg, -c.Weight);
        }
        var stance = net > 0 ? (maxPos >= 1.5 ? 2 : 1) : net < 0 ? (maxNeg >= 1.5 ? -2 : -1) : 0;
        return (stance, used);
    }

    private static double Confidence(bool isExplicit, List<Cue> cues)
    {
        var c = (isExplicit ? 0.6 : 0.45) + 0.08 * Math.Min(3, cues.Count);
        if (cues.Any(x => x.Weight > 0) && cues.Any(x => x.Weight < 0)) c -= 0.15;
        return Math.Round(Math.Clamp(c, 0.05, 0.95), 2);
    }

    private static IReadOnlyList<string> Themes(Analysis a)
    {
        var ranked = a.Themes.OrderByDescending(t => t.Value.Score).ThenBy(t => t.Value.First).ToList();
        var top = ranked[0].Value.Score;
        // Secondary themes need a strong cue of their own and 40% of the top score (the Chinese coder's ratio, ADR 0003).
        return [.. ranked.Where((t, i) => i == 0 || (t.Value.Score >= top * 0.4 && t.Value.Score >= 2)).Take(3).Select(t => t.Key)];
    }

    // ---------------------------------------------------------------- text helpers (over the folded text)

    private static bool IsBoundary(char c) => c is ',' or ';' or ':' or '!' or '?' or '(' or ')' or '"' or '\u201c' or '\u201d';

    private static bool NoBoundary(string text, int from, int to)
    {
        for (var i = from; i < to; i++) if (IsBoundary(text[i])) return false;
        return true;
    }

    private static int ClauseEnd(string text, int from, bool commas = true)
    {
        for (var i = from; i < text.Length; i++)
            if (commas ? IsBoundary(text[i]) : text[i] is ';' or '!' or '?') return i;
        return text.Length;
    }

    private static int ClauseStart(string text, int pos)
    {
        var i = Math.Min(pos, text.Length);
        while (i > 0 && !IsBoundary(text[i - 1])) i--;
        return i;
    }

    private static int ClauseOf(string text, int pos)
    {
        var n = 0;
        for (var i = 0; i < pos && i < text.Length; i++) if (IsBoundary(text[i])) n++;
        return n;
    }

    private static int WordsBetween(string text, int from, int to)
    {
        var words = 0;
        var inWord = false;
        for (var i = from; i < to; i++)
        {
            var w = EnglishLexicon.IsWordChar(text[i]) || text[i] == '\'';
            if (w && !inWord) words++;
            inWord = w;
        }
        return words;
    }

    private static int SkipSpaces(string text, int pos)
    {
        while (pos < text.Length && text[pos] == ' ') pos++;
        return pos;
    }

    private static readonly string[] SkippedAdverbs = ["also", "once again", "again", "hereby", "therefore", "thus", "all", "both", "too", "still", "always", "consistently", "all along", "firmly", "strongly", "fully"];

    /// <summary>Past adverbs between a subject and its verb (China also firmly opposes → opposes; strongly stays: it is part of formulas).</summary>
    private static int SkipAdverbs(string text, int pos)
    {
        while (true)
        {
            var p = SkipSpaces(text, pos);
            var word = StartsWithWord(text, p, SkippedAdverbs);
            if (word is not null) { pos = p + word.Length; continue; }
            return p;
        }
    }

    /// <summary>The first of <paramref name="terms"/> (longest first) that starts at <paramref name="pos"/> and ends at a word end.</summary>
    private static string? StartsWithWord(string text, int pos, string[] terms)
    {
        foreach (var t in terms)
            if (pos + t.Length <= text.Length && string.CompareOrdinal(text, pos, t, 0, t.Length) == 0
                && (pos + t.Length == text.Length || !EnglishLexicon.IsWordChar(text[pos + t.Length]) || !EnglishLexicon.IsWordChar(t[^1])))
                return t;
        return null;
    }

    private static readonly string[] Determiners = ["the", "all", "a", "an", "both"];

    private static bool PreviousWordIsAny(string text, int pos, string[] terms)
    {
        var end = pos;
        while (end > 0 && text[end - 1] == ' ') end--;
        // A determiner between the marker and the name (against the Chinese side, to all Chinese citizens) changes nothing.
        foreach (var d in Determiners)
            if (end >= d.Length && text.AsSpan(end - d.Length, d.Length).SequenceEqual(d) && (end == d.Length || text[end - d.Length - 1] == ' '))
            {
                end -= d.Length;
                while (end > 0 && text[end - 1] == ' ') end--;
                break;
            }
        foreach (var t in terms)
            if (end >= t.Length && string.CompareOrdinal(text, end - t.Length, t, 0, t.Length) == 0
                && (end == t.Length || !EnglishLexicon.IsWordChar(text[end - t.Length - 1])))
                return true;
        return false;
    }

    private static bool ContainsWord(string text, string term) => WordPositions(text, term).Any();

    private static IEnumerable<int> WordPositions(string text, string term, int from = 0, int to = -1)
    {
        if (to < 0) to = text.Length;
        for (var p = text.IndexOf(term, from, StringComparison.Ordinal); p >= 0 && p < to; p = text.IndexOf(term, p + 1, StringComparison.Ordinal))
        {
            var leftOk = p == 0 || !EnglishLexicon.IsWordChar(text[p - 1]) || !EnglishLexicon.IsWordChar(term[0]);
            var end = p + term.Length;
            var rightOk = end == text.Length || !EnglishLexicon.IsWordChar(text[end]) || !EnglishLexicon.IsWordChar(term[^1]);
            if (leftOk && rightOk) yield return p;
        }
    }
}
