using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Tests.Web;

/// <summary>
/// A small transcript format for the web tests (the real parser is another branch's work): lines
/// <c>记者（彭博社）：…</c> are questions that open an exchange, <c>王毅：…</c> answers; sentences end at 。！？.
/// Metadata comes from the form; a missing date is refused, as the real reader does.
/// </summary>
internal sealed partial class LineTranscriptFormat : ITranscriptFormat
{
    public string Id => "test-lines";

    public bool Recognises(SourceFile file, string text) => true;

    public ParsedDocument Parse(SourceFile file, string text)
    {
        var normalised = text.Replace("\r\n", "\n").Trim();
        if (normalised.Length == 0) throw new DocumentRejectedException("the text is empty");
        var meta = file.Metadata ?? new DocumentMetadataOverrides();
        if (meta.Date is null) throw new DocumentRejectedException("no date: enter the date of the event");
        var exchanges = new List<ParsedExchange>();
        var statements = new List<ParsedStatement>();
        var position = 0;
        int? exchange = null;
        var exchangeStart = 0;
        string? currentOutlet = null;
        foreach (var line in normalised.Split('\n'))
        {
            var lineStart = position;
            position += line.Length + 1;
            var m = SpeakerLine().Match(line);
            if (!m.Success) continue;
            var speaker = m.Groups["speaker"].Value;
            var outlet = m.Groups["outlet"].Success ? m.Groups["outlet"].Value : null;
            var isQuestion = speaker == "记者";
            if (isQuestion)
            {
                if (exchange is { } open) exchanges.Add(Exchange(open, exchangeStart, lineStart - 1, currentOutlet));
                exchange = exchanges.Count;
                exchangeStart = lineStart;
                currentOutlet = outlet;
            }
            var bodyStart = lineStart + m.Groups["body"].Index;
            foreach (Match s in Sentence().Matches(m.Groups["body"].Value))
            {
                if (string.IsNullOrWhiteSpace(s.Value)) continue;
                var start = bodyStart + s.Index;
                statements.Add(new ParsedStatement
                {
                    Index = statements.Count,
                    Kind = isQuestion ? StatementKind.Question : exchange is null ? StatementKind.Opening : StatementKind.Answer,
                    Exchange = exchange,
                    Speaker = isQuestion ? null : new SpeakerRef(speaker, "外交部长", "CN"),
                    Start = start,
                    End = start + s.Length,
                    Text = normalised.Substring(start, s.Length),
                });
            }
        }
        if (exchange is { } last) exchanges.Add(Exchange(last, exchangeStart, normalised.Length, currentOutlet));
        if (statements.Count == 0) throw new DocumentRejectedException("no speaker lines (name：text) found");
        return new ParsedDocument
        {
            Metadata = new DocumentMetadata
            {
                Title = meta.Title ?? "Untitled", Date = meta.Date.Value, Kind = meta.Kind ?? "press-conference",
                Place = meta.Place, Occasion = meta.Occasion, Language = meta.Language ?? "zh", Source = meta.Source ?? file.Name,
            },
            NormalisedText = normalised,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))),
            Exchanges = exchanges,
            Statements = statements,
        };
    }

    private static ParsedExchange Exchange(int index, int start, int end, string? outlet) => new()
    {
        Index = index, Outlet = outlet, Answerer = new SpeakerRef("王毅", "外交部长", "CN"), Start = start, End = end,
    };

    [GeneratedRegex(@"^(?<speaker>[^：（]{1,10})(（(?<outlet>[^）]+)）)?：(?<body>.+)$")]
    private static partial Regex SpeakerLine();

    [GeneratedRegex(@"[^。！？]+[。！？]?")]
    private static partial Regex Sentence();
}
