using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing;

/// <summary>
/// Entry point of the text pipeline: validates and decodes the bytes of one transcript, repairs line endings,
/// then hands the text to the first format that recognises it.
/// Every refusal is a <see cref="DocumentRejectedException"/> with a one-line reason.
/// </summary>
public sealed class TranscriptReader(IEnumerable<ITranscriptFormat> formats)
{
    public const long DefaultMaxBytes = 5 * 1024 * 1024;

    private readonly ITranscriptFormat[] _formats = formats.ToArray();

    /// <summary>A reader over every known format (<see cref="TranscriptFormats.All"/>).</summary>
    public static TranscriptReader Default { get; } = new(TranscriptFormats.All);

    /// <summary>Files larger than this are refused before decoding (a transcript is tens of KiB; this stops accidents).</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    public ParsedDocument Read(SourceFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var decoded = TextDecoder.Decode(file.Content, MaxBytes);
        var format = _formats.FirstOrDefault(f => f.Recognises(file, decoded.Text))
            ?? throw new DocumentRejectedException(
                $"unrecognised format: none of [{string.Join(", ", _formats.Select(f => f.Id))}] recognises this text");
        var document = format.Parse(file, decoded.Text);
        return document with
        {
            Format = format.Id,
            Repairs = decoded.LineEndingsRepaired ? [LineEndingRepair, .. document.Repairs] : document.Repairs,
        };
    }

    /// <summary>Whole-text repair: CRLF and lone CR became LF before parsing (position 0 = applies to the whole text).</summary>
    public static readonly TextRepair LineEndingRepair = new("line-endings", 0, "\r\n", "\n");
}

/// <summary>The formats <see cref="TranscriptReader.Default"/> tries, in order. Add a format here to support it.</summary>
public static class TranscriptFormats
{
    public static IReadOnlyList<ITranscriptFormat> All { get; } =
    [
        new Fmprc.FmprcBriefingHtmlFormat(),
        new PressArticleFormat(),
    ];
}
