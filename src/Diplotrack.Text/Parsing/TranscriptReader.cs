using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing.Fmprc;

namespace Diplotrack.Text.Parsing;

// Placeholder until the parser lands (branch `parser`), so the app compiles against the reader's shape.
public sealed class TranscriptReader(IEnumerable<ITranscriptFormat> formats)
{
    private readonly ITranscriptFormat[] _formats = formats.ToArray();
    // The briefing HTML format is on main; the parser branch adds the article format (merge: keep both in the list).
    public static TranscriptReader Default { get; } = new([new FmprcBriefingHtmlFormat()]);
    public long MaxBytes { get; init; } = 5 * 1024 * 1024;

    public ParsedDocument Read(SourceFile file)
    {
        var text = System.Text.Encoding.UTF8.GetString(file.Content);
        var format = _formats.FirstOrDefault(f => f.Recognises(file, text)) ?? throw new DocumentRejectedException("unsupported format");
        return format.Parse(file, text) with { Format = format.Id };
    }
}
