using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing.Fmprc;

/// <summary>
/// Turns labelled paragraphs into exchanges and sentence statements. A labelled paragraph starts a turn; an
/// unlabelled one continues the current turn; paragraphs before the first question are the opening announcement
/// (kind <c>Opening</c>, spokesperson, no exchange). A new question starts a new exchange; a follow-up
/// (<c>追问：</c>, <c>记者：</c>) and the answers stay in the current one. See docs/decisions/0004-fmprc-html.md.
/// </summary>
internal sealed class TurnBuilder(string text, string language, string? spokesperson)
{
    private sealed class OpenExchange
    {
        public required int Index;
        public required string? Outlet;
        public required int Start;
        public int End;
        public SpeakerRef? Answerer;
    }

    private readonly List<ParsedStatement> _statements = [];
    private readonly List<OpenExchange> _exchanges = [];
    private readonly SpeakerRef _spokesperson = Spokesperson(spokesperson ?? (language == "zh" ? "外交部发言人" : "Foreign Ministry Spokesperson"), language);
    private readonly Dictionary<string, SpeakerRef> _namedSpokespersons = [];
    private StatementKind _kind = StatementKind.Opening;
    private SpeakerRef? _speaker;
    private bool _questionBold;

    public int QuestionCount { get; private set; }
    public int AnswerCount { get; private set; }
    public IReadOnlyList<ParsedStatement> Statements => _statements;

    private OpenExchange? Current => _exchanges.Count == 0 ? null : _exchanges[^1];

    public void Add(int start, int end, SpeakerLabel? label, bool bold)
    {
        // Some answers lack their 答： label. Questions are set in bold and answers are not, so a plain paragraph
        // after an all-bold question is the answer, not more question.
        if (label is null && _kind == StatementKind.Question && _questionBold && !bold)
            label = new SpeakerLabel(TurnRole.Answer, 0);
        (StatementKind, SpeakerRef?)? resume = label is { Aside: true } && Current is not null ? (_kind, _speaker) : null;
        if (label is not null) StartTurn(label, start);
        else if (Current is null) { _kind = StatementKind.Opening; _speaker = _spokesperson; }

        var bodyStart = start + (label?.Length ?? 0);
        foreach (var (s, e) in SentenceSplitter.Split(text, bodyStart, end))
        {
            _statements.Add(new ParsedStatement
            {
                Index = _statements.Count,
                Kind = _kind,
                Exchange = _kind == StatementKind.Opening ? null : Current?.Index,
                Speaker = _speaker,
                Start = s,
                End = e,
                Text = text[s..e],
            });
        }
        if (_kind != StatementKind.Opening && Current is not null) Current.End = end;
        if (_kind == StatementKind.Question) _questionBold &= bold;
        if (label is { Aside: true } && resume is { } r)
        {
            // （记者点头）: a one-paragraph interjection; the spokesperson's turn goes on after it.
            (_kind, _speaker) = r;
        }
    }

    private void StartTurn(SpeakerLabel label, int start)
    {
        var role = label.Role;
        // A follow-up before any question has nothing to follow: it opens the first exchange.
        if (role == TurnRole.FollowUp && Current is null) role = TurnRole.Question;
        switch (role)
        {
            case TurnRole.Question:
                _exchanges.Add(new OpenExchange { Index = _exchanges.Count, Outlet = label.Outlet, Start = start, End = start });
                QuestionCount++;
                _kind = StatementKind.Question;
                _questionBold = true;
                _speaker = Journalist(label.Outlet);
                break;
            case TurnRole.FollowUp:
                _kind = StatementKind.Question;
                _questionBold = true;
                _speaker = Journalist(Current!.Outlet);
                break;
            case TurnRole.Answer:
                var speaker = label.SpeakerName is null ? _spokesperson : Named(label.SpeakerName);
                _speaker = speaker;
                if (Current is null)
                {
                    // "赵立坚：" before any question: the spokesperson's own announcement.
                    _kind = StatementKind.Opening;
                    break;
                }
                _kind = StatementKind.Answer;
                AnswerCount++;
                Current.Answerer ??= speaker;
                break;
        }
    }

    private SpeakerRef Named(string name)
    {
        if (spokesperson == name) return _spokesperson;
        if (!_namedSpokespersons.TryGetValue(name, out var s)) _namedSpokespersons[name] = s = Spokesperson(name, language);
        return s;
    }

    private static SpeakerRef Spokesperson(string name, string language) =>
        new(name, language == "zh" ? "外交部发言人" : "Foreign Ministry Spokesperson", "CN");

    private SpeakerRef Journalist(string? outlet) => language == "zh"
        ? new SpeakerRef(outlet is null ? "记者" : outlet + "记者", "记者", null)
        : new SpeakerRef(outlet ?? "Journalist", "journalist", null);

    public IReadOnlyList<ParsedExchange> Exchanges() =>
        _exchanges.Select(e => new ParsedExchange
        {
            Index = e.Index,
            Outlet = e.Outlet,
            Answerer = e.Answerer ?? _spokesperson,
            Start = e.Start,
            End = Math.Max(e.Start, e.End),
        }).ToList();
}
