using Diplotrack.Data.Documents;

namespace Diplotrack.Features.Documents;

/// <summary>Metadata a person enters; shared by create (all optional: they override what the text says) and update.</summary>
public interface IDocumentMetadata
{
    string? Title { get; }
    DateOnly? Date { get; }
    string? Kind { get; }
    string? Place { get; }
    string? Occasion { get; }
    string? Language { get; }
    string? Source { get; }
}

/// <summary>A transcript pasted as text or uploaded as a file (base64), with metadata the text may lack.</summary>
public sealed class CreateDocumentRequest : IDocumentMetadata
{
    public string? Text { get; set; }
    /// <summary>An uploaded file's bytes, base64; the reader detects its encoding. Used instead of <see cref="Text"/>.</summary>
    public string? ContentBase64 { get; set; }
    public string? FileName { get; set; }
    public string? Title { get; set; }
    public DateOnly? Date { get; set; }
    public string? Kind { get; set; }
    public string? Place { get; set; }
    public string? Occasion { get; set; }
    public string? Language { get; set; }
    public string? Source { get; set; }
    /// <summary>Actor id of the government whose officials answer (<c>CN</c>): the speakers' actor.</summary>
    public string? Government { get; set; }
}

public sealed class UpdateDocumentRequest : IDocumentMetadata
{
    public string? Title { get; set; }
    public DateOnly? Date { get; set; }
    public string? Kind { get; set; }
    public string? Place { get; set; }
    public string? Occasion { get; set; }
    public string? Language { get; set; }
    public string? Source { get; set; }
    /// <summary>The row version (<c>xmin</c>) the client read: a stale one is refused with 409.</summary>
    public uint Version { get; set; }

    public static UpdateDocumentRequest From(Document d) => new()
    {
        Title = d.Title, Date = d.Date, Kind = d.Kind, Place = d.Place, Occasion = d.Occasion,
        Language = d.Language, Source = d.Source, Version = d.RowVersion,
    };
}

public sealed class DeleteDocumentRequest
{
    public string? Reason { get; set; }
    public uint Version { get; set; }
}

/// <summary>Query string of <c>GET /api/v1/documents</c> and of the documents page.</summary>
public sealed class DocumentFilter
{
    public const int MaxPageSize = 100;
    // Nullable so that an absent query parameter means "default", not "400: required parameter missing".
    public int? Page { get; set; }
    public int? PageSize { get; set; }
    public int PageNumber => Page ?? 1;
    public int Size => PageSize ?? 20;
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Kind { get; set; }
    /// <summary>Part of a speaker's name.</summary>
    public string? Speaker { get; set; }
    /// <summary>An actor id that a current coding targets.</summary>
    public string? Actor { get; set; }
    /// <summary>A theme id of a current coding.</summary>
    public string? Theme { get; set; }
    /// <summary>Words in the title or the text.</summary>
    public string? Q { get; set; }
}
