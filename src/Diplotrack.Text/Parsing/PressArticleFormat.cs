using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing;

/// <summary>
/// A Chinese news article reporting a press conference, as plain text (the seed document's format; rules in
/// docs/transcript-formats.md): optional front matter, <c>#</c>/<c>##</c> title headings, a narrative lead,
/// <c>###</c> sections each opening with a pull-quote, <c>…记者：</c> questions, <c>王毅：</c> answers with
/// continuation paragraphs, and a closing byline such as <c>据新华社电</c>.
/// </summary>
public sealed partial class PressArticleFormat : ITranscriptFormat
{
    public string Id => "press-article-text";

    [GeneratedRegex(@"在(?<place>[^，。、；\s在]{2,20}?(?:中心|大厅|大会堂|会堂|饭店|酒店|宾馆|会议室|会场|新闻厅|发布厅))举行")]
    private static partial Regex Place();

    public bool Recognises(SourceFile file, string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.StartsWith("<")) return false; // markup belongs to the HTML formats
        if (trimmed.StartsWith("---")) return true;
        return ArticleLayout.Paragraphs(text).Any(p =>
        {
            var line = p.Text(text);
            return ArticleLayout.IsHeading(line) || ArticleLayout.StartsWithLabel(line);
        });
    }

    public ParsedDocument Parse(SourceFile file, string text)
    {
        var (frontMatter, body) = FrontMatter.Split(text);
        var (normalised, repairs) = ArticleLayout.JoinPageBreaks(ArticleLayout.TrimLayoutWhitespace(body));
        var paragraphs = ArticleLayout.Paragraphs(normalised).Select(p => Classify(normalised, p)).ToList();
        AcceptSpeakerLabels(normalised, paragraphs);
        if (!paragraphs.Any(p => p.Label is not null))
            throw new DocumentRejectedException(
                "no speaker labels: expected paragraphs starting with `<name>：` (e.g. `王毅：`, `新华社记者：`)");

        var lead = string.Concat(paragraphs.TakeWhile(p => p.Kind != Line.Section && p.Label is null)
            .Where(p => p.Kind == Line.Text).Select(p => p.Paragraph.Text(normalised)));
        var metadata = BuildMetadata(file, frontMatter, paragraphs, normalised, lead);

        var builder = new Builder(normalised, metadata, lead);
        foreach (var p in paragraphs) builder.Add(p);
        var (statements, exchanges) = builder.Finish();

        return new ParsedDocument
        {
            Metadata = metadata,
            NormalisedText = normalised,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))),
            Exchanges = exchanges,
            Statements = statements,
            Repairs = repairs,
        };
    }

    private enum Line { Title, Section, Byline, Text }

    private sealed record ClassifiedParagraph(Paragraph Paragraph, Line Kind, string? HeadingText)
    {
        /// <summary>The speaker label, once accepted as one (see <see cref="AcceptSpeakerLabels"/>).</summary>
        public string? Label { get; set; }
        /// <summary>Where the text after the label starts.</summary>
        public int ContentStart { get; set; } = Paragraph.Start;
        public string? Candidate { get; init; }
        public int CandidateContentStart { get; init; }
    }

    private static ClassifiedParagraph Classify(string text, Paragraph p)
    {
        var line = p.Text(text);
        var heading = ArticleLayout.Heading().Match(line);
        if (heading.Success)
            return new(p, heading.Groups["level"].Length <= 2 ? Line.Title : Line.Section, heading.Groups["text"].Value);
        if (ArticleLayout.IsByline(line)) return new(p, Line.Byline, null);
        var label = ArticleLayout.SpeakerLabel().Match(line);
        if (!label.Success) return new(p, Line.Text, null);
        var contentStart = p.Start + label.Length;
        while (contentStart < p.End && char.IsWhiteSpace(text[contentStart])) contentStart++;
        return new(p, Line.Text, null) { Candidate = label.Groups["label"].Value, CandidateContentStart = contentStart };
    }

    /// <summary>
    /// A colon after a few words is not always a speaker (<c>首先：</c>). A label counts when it names a journalist
    /// (<c>…记者</c>), is <c>问</c>, names someone the lead introduces, or opens at least two paragraphs.
    /// </summary>
    private static void AcceptSpeakerLabels(string text, List<ClassifiedParagraph> paragraphs)
    {
        var lead = string.Concat(paragraphs.TakeWhile(p => p.Kind != Line.Section && p.Candidate is null)
            .Where(p => p.Kind == Line.Text).Select(p => p.Paragraph.Text(text)));
        var counts = paragraphs.Where(p => p.Candidate is not null).CountBy(p => p.Candidate!).ToDictionary();
        foreach (var p in paragraphs.Where(p => p.Candidate is not null))
        {
            var label = p.Candidate!;
            if (IsQuestionLabel(label) || (label.Length >= 2 && lead.Contains(label, StringComparison.Ordinal)) || counts[label] >= 2)
            {
                p.Label = label;
                p.ContentStart = p.CandidateContentStart;
            }
        }
    }

    private static bool IsQuestionLabel(string label) => label == "问" || label.EndsWith("记者", StringComparison.Ordinal);

    private static DocumentMetadata BuildMetadata(
        SourceFile file, DocumentMetadataOverrides? fm, List<ClassifiedParagraph> paragraphs, string text, string lead)
    {
        var o = file.Metadata ?? new DocumentMetadataOverrides();
        var headings = paragraphs.TakeWhile(p => p.Kind != Line.Section && p.Label is null)
            .Where(p => p.Kind == Line.Title).Select(p => p.HeadingText!).Where(t => t.Length > 0).ToList();
        // A ## kicker printed above the # headline belongs to the title: 王毅外长答中外记者问：开创….
        var title = o.Title ?? fm?.Title ?? (headings.Count > 0 ? string.Join("：", headings) : null)
            ?? paragraphs.FirstOrDefault(p => p.HeadingText is { Length: > 0 })?.HeadingText
            ?? Path.GetFileNameWithoutExtension(file.Name);

        var session = ChineseDates.FindSession(o.Occasion ?? fm?.Occasion ?? lead);
        var occasion = o.Occasion ?? fm?.Occasion ?? session?.Occasion;
        var date = o.Date ?? fm?.Date ?? ChineseDates.FindFullDate(lead) ?? DateFromSession(session, lead);
        if (date is null)
        {
            throw new DocumentRejectedException(session is null
                ? "no date: add `date: YYYY-MM-DD` front matter (the lead gives no year and names no NPC/CPPCC session)"
                : $"no date: `{session.Value.Occasion}` gives {session.Value.Year} but the lead has no `M月D日`; add `date: YYYY-MM-DD` front matter");
        }

        var kind = o.Kind ?? fm?.Kind ?? (occasion switch
        {
            not null when occasion.Contains("人大") || occasion.Contains("人民代表大会") => "npc-press-conference",
            not null when occasion.Contains("政协") => "cppcc-press-conference",
            _ => "press-conference",
        });
        var hasCjk = text.Any(c => c is >= '\u4E00' and <= '\u9FFF');
        return new DocumentMetadata
        {
            Title = title,
            Date = date.Value,
            Kind = kind,
            Place = o.Place ?? fm?.Place ?? (Place().Match(lead) is { Success: true } m ? m.Groups["place"].Value : null),
            Occasion = occasion,
            Language = o.Language ?? fm?.Language ?? (hasCjk ? "zh" : "en"),
            Source = o.Source ?? fm?.Source ?? file.Name,
            Government = o.Government ?? fm?.Government,
        };
    }

    private static DateOnly? DateFromSession((string Occasion, int Year)? session, string lead) =>
        session is { } s && ChineseDates.FindMonthDay(lead) is { } md ? ChineseDates.TryDate(s.Year, md.Month, md.Day) : null;

    /// <summary>Walks the classified paragraphs in order and collects statements and exchanges.</summary>
    private sealed class Builder(string text, DocumentMetadata metadata, string lead)
    {
        private sealed class MutableStatement
        {
            public required StatementKind Kind;
            public required int Start;
            public required int End;
            public string? Section;
            public SpeakerRef? Speaker;
            public int? Exchange;
            public List<int> Repeats = [];
        }

        private sealed class MutableExchange
        {
            public required int Index;
            public string? Section;
            public string? Outlet;
            public SpeakerRef? Answerer;
            public required int Start;
            public required int End;
        }

        private readonly List<MutableStatement> _statements = [];
        private readonly List<MutableExchange> _exchanges = [];
        private readonly Dictionary<string, SpeakerRef> _speakers = [];
        private string? _section;
        private bool _sectionHasContent;
        private StatementKind? _turnKind; // kind of the current speaker's turn; continuation paragraphs inherit it
        private SpeakerRef? _turnSpeaker;
        private MutableExchange? _exchange;

        public void Add(ClassifiedParagraph p)
        {
            switch (p.Kind)
            {
                case Line.Title:
                case Line.Section:
                    if (p.Kind == Line.Section) { _section = p.HeadingText; _sectionHasContent = false; }
                    EndTurn();
                    return;
                case Line.Byline:
                    EndTurn();
                    return;
            }

            if (p.Label is { } label)
            {
                if (IsQuestionLabel(label))
                {
                    _exchange = new MutableExchange
                    {
                        Index = _exchanges.Count,
                        Section = _section,
                        Outlet = label == "问" ? null : NullIfEmpty(label[..^2]),
                        Start = p.Paragraph.Start,
                        End = p.Paragraph.End,
                    };
                    _exchanges.Add(_exchange);
                    _turnKind = StatementKind.Question;
                    _turnSpeaker = new SpeakerRef(label, label == "问" ? null : "记者", null);
                }
                else
                {
                    _turnSpeaker = Speaker(label);
                    if (_exchange is null || _exchange.Section != _section || _turnKind is null)
                    {
                        // An official speaking before any question of this section opens the conference.
                        _exchange = null;
                        _turnKind = StatementKind.Opening;
                    }
                    else
                    {
                        _exchange.Answerer ??= _turnSpeaker;
                        _turnKind = StatementKind.Answer;
                    }
                }
                _sectionHasContent = true;
                AddSentences(p.ContentStart, p.Paragraph.End, _turnKind.Value, _turnSpeaker);
                return;
            }

            if (_turnKind is { } kind)
            {
                AddSentences(p.Paragraph.Start, p.Paragraph.End, kind, _turnSpeaker);
                return;
            }

            var first = text[p.Paragraph.Start];
            var pullQuote = _section is not null && !_sectionHasContent && first is '“' or '「' or '『';
            _sectionHasContent = true;
            AddSentences(p.Paragraph.Start, p.Paragraph.End, pullQuote ? StatementKind.Highlight : StatementKind.Narrative, null);
        }

        private void EndTurn()
        {
            _turnKind = null;
            _turnSpeaker = null;
            _exchange = null;
        }

        private void AddSentences(int start, int end, StatementKind kind, SpeakerRef? speaker)
        {
            foreach (var (s, e) in SentenceSplitter.Split(text, start, end))
            {
                _statements.Add(new MutableStatement
                {
                    Kind = kind, Start = s, End = e, Section = _section, Speaker = speaker,
                    Exchange = kind is StatementKind.Question or StatementKind.Answer ? _exchange?.Index : null,
                });
            }
            if (_exchange is not null && kind is StatementKind.Question or StatementKind.Answer)
                _exchange.End = Math.Max(_exchange.End, end);
        }

        private SpeakerRef Speaker(string name)
        {
            if (!_speakers.TryGetValue(name, out var speaker))
                _speakers[name] = speaker = new SpeakerRef(name, RoleFromLead(name), metadata.Government);
            return speaker;
        }

        /// <summary>The title printed right before the name in the lead: 中共中央政治局委员、外交部长王毅 → 外交部长.</summary>
        private string? RoleFromLead(string name)
        {
            var at = lead.IndexOf(name, StringComparison.Ordinal);
            if (at <= 0) return null;
            var from = lead.LastIndexOfAny("、，,。；：“”（(".ToCharArray(), at - 1) + 1;
            var role = lead[from..at];
            return role.Length is >= 2 and <= 15 ? role : null;
        }

        public (IReadOnlyList<ParsedStatement>, IReadOnlyList<ParsedExchange>) Finish()
        {
            LinkHighlights();
            var statements = _statements.Select((s, i) => new ParsedStatement
            {
                Index = i,
                Kind = s.Kind,
                Exchange = s.Exchange,
                Speaker = s.Speaker,
                Start = s.Start,
                End = s.End,
                Text = text[s.Start..s.End],
                Section = s.Section,
                Repeats = s.Repeats,
            }).ToList();
            var exchanges = _exchanges.Select(e => new ParsedExchange
            {
                Index = e.Index, Section = e.Section, Outlet = e.Outlet, Answerer = e.Answerer, Start = e.Start, End = e.End,
            }).ToList();
            return (statements, exchanges);
        }

        /// <summary>
        /// A highlight belongs to the first exchange of its section and repeats the answer sentences whose text it
        /// contains or that contain it, compared without quotes, whitespace and final punctuation (a pull-quote may
        /// join several answer sentences with ；, or change “” to ‘’).
        /// </summary>
        private void LinkHighlights()
        {
            // The answers and their keys do not change while highlights are linked: computed once, not per highlight.
            if (!_statements.Any(s => s.Kind == StatementKind.Highlight)) return;
            var answers = _statements.Select((s, i) => (s, i)).Where(x => x.s.Kind == StatementKind.Answer)
                .Select(x => (x.s, x.i, Key: MatchKey(text[x.s.Start..x.s.End]))).ToList();
            foreach (var h in _statements.Where(s => s.Kind == StatementKind.Highlight))
            {
                h.Exchange = _exchanges.FirstOrDefault(e => e.Section == h.Section)?.Index;
                var key = MatchKey(text[h.Start..h.End]);
                var inSection = answers.Where(x => x.s.Section == h.Section).ToList();
                foreach (var candidates in new[] { inSection, answers })
                {
                    h.Repeats = candidates.Where(x => Repeats(key, x.Key)).Select(x => x.i).ToList();
                    if (h.Repeats.Count > 0) break;
                }
                if (h.Speaker is null && h.Exchange is { } ex) h.Speaker = _exchanges[ex].Answerer;
            }
        }

        private static bool Repeats(string highlight, string answer)
        {
            if (highlight.Length == 0 || answer.Length == 0) return false;
            if (highlight == answer) return true;
            // Containment of a very short sentence is coincidence, not quotation.
            return Math.Min(highlight.Length, answer.Length) >= 8
                && (highlight.Contains(answer, StringComparison.Ordinal) || answer.Contains(highlight, StringComparison.Ordinal));
        }

        private static string MatchKey(string sentence)
        {
            var sb = new StringBuilder(sentence.Length);
            foreach (var c in sentence)
            {
                if (char.IsWhiteSpace(c) || "“”‘’「」『』\"'".Contains(c)) continue;
                sb.Append(c);
            }
            while (sb.Length > 0 && "。！？!?.；;，,".Contains(sb[^1])) sb.Length--;
            return sb.ToString();
        }

        private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
    }
}
