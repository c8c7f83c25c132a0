using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing;

/// <summary>
/// Raw input to the pipeline: the bytes of one transcript and where they came from.
/// <paramref name="Metadata"/> lets a caller (the crawler, the admin form) supply what the bytes lack.
/// </summary>
public sealed record SourceFile(string Name, byte[] Content, DocumentMetadataOverrides? Metadata = null);

/// <summary>Metadata given from outside the text; any field set here wins over what the text says.</summary>
public sealed record DocumentMetadataOverrides
{
    public string? Title { get; init; }
    public DateOnly? Date { get; init; }
    public string? Kind { get; init; }
    public string? Place { get; init; }
    public string? Occasion { get; init; }
    public string? Language { get; init; }
    public string? Source { get; init; }
    public string? Government { get; init; }
}

/// <summary>One supported transcript format (the seed's article text, the Foreign Ministry's briefing HTML, ...).</summary>
public interface ITranscriptFormat
{
    /// <summary>Stable id, e.g. <c>press-article-text</c>, <c>fmprc-briefing-html</c>.</summary>
    string Id { get; }

    /// <summary>Whether this format recognises the decoded text (cheap sniffing, no full parse).</summary>
    bool Recognises(SourceFile file, string text);

    /// <summary>Parses decoded text; throws <see cref="DocumentRejectedException"/> for input it cannot accept.</summary>
    ParsedDocument Parse(SourceFile file, string text);
}
