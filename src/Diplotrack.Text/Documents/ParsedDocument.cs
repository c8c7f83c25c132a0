namespace Diplotrack.Text.Documents;

/// <summary>Statement kinds of codebook §1, plus <c>narrative</c> for a reporter's lead paragraph.</summary>
public enum StatementKind { Answer, Question, Opening, Highlight, Narrative }

public static class StatementKinds
{
    /// <summary>The stored (database, JSON, report) spelling of a kind: lower case.</summary>
    public static string ToId(this StatementKind kind) => kind switch
    {
        StatementKind.Answer => "answer",
        StatementKind.Question => "question",
        StatementKind.Opening => "opening",
        StatementKind.Highlight => "highlight",
        StatementKind.Narrative => "narrative",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static StatementKind Parse(string id) => id switch
    {
        "answer" => StatementKind.Answer,
        "question" => StatementKind.Question,
        "opening" => StatementKind.Opening,
        "highlight" => StatementKind.Highlight,
        "narrative" => StatementKind.Narrative,
        _ => throw new ArgumentException($"unknown statement kind '{id}'", nameof(id)),
    };
}

/// <summary>What the source says about a document, from front matter, a page or the command line.</summary>
public sealed record DocumentMetadata
{
    public required string Title { get; init; }
    public required DateOnly Date { get; init; }
    /// <summary><c>npc-press-conference</c>, <c>regular-briefing</c>, ...</summary>
    public required string Kind { get; init; }
    public string? Place { get; init; }
    public string? Occasion { get; init; }
    /// <summary>BCP 47 language tag: <c>zh</c>, <c>en</c>.</summary>
    public required string Language { get; init; }
    /// <summary>Source URL or file name.</summary>
    public required string Source { get; init; }
    /// <summary>Actor id (codebook §2) of the government whose officials answer, e.g. <c>CN</c>; null when not given.</summary>
    public string? Government { get; init; }
}

/// <summary>A person who speaks; the actor is the one they speak for (codebook §2), when known.</summary>
public sealed record SpeakerRef(string Name, string? Role, string? ActorId);

/// <summary>One question (or opening) and its answer.</summary>
public sealed record ParsedExchange
{
    public required int Index { get; init; }
    /// <summary>The section heading (<c>###</c>) the exchange sits under; null when the format has none.</summary>
    public string? Section { get; init; }
    /// <summary>The asking outlet as printed (<c>彭博社</c>), null for unlabelled questions (<c>问：</c>).</summary>
    public string? Outlet { get; init; }
    public SpeakerRef? Answerer { get; init; }
    /// <summary>[Start, End) of the whole exchange in the normalised text.</summary>
    public required int Start { get; init; }
    public required int End { get; init; }
}

/// <summary>One sentence, traced to the exact characters of the normalised text.</summary>
public sealed record ParsedStatement
{
    /// <summary>0-based order in the document.</summary>
    public required int Index { get; init; }
    public required StatementKind Kind { get; init; }
    /// <summary>Index of the exchange, or null outside any exchange (lead). A highlight carries the exchange of its section.</summary>
    public int? Exchange { get; init; }
    public SpeakerRef? Speaker { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    /// <summary>Always equals <c>NormalisedText[Start..End]</c>.</summary>
    public required string Text { get; init; }
    public string? Section { get; init; }
    /// <summary>For a highlight: indexes of the answer statements it repeats.</summary>
    public IReadOnlyList<int> Repeats { get; init; } = [];
}

/// <summary>A layout repair made by normalisation, e.g. a sentence cut by a page break and joined again.</summary>
public sealed record TextRepair(string Kind, int Position, string Before, string After);

/// <summary>The output of parsing: normalised text plus its units, each with spans into that text.</summary>
public sealed record ParsedDocument
{
    public required DocumentMetadata Metadata { get; init; }
    /// <summary>The text all spans point into: the source after layout repairs, original characters kept.</summary>
    public required string NormalisedText { get; init; }
    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes of <see cref="NormalisedText"/>: a document's identity.</summary>
    public required string Sha256 { get; init; }
    public required IReadOnlyList<ParsedExchange> Exchanges { get; init; }
    public required IReadOnlyList<ParsedStatement> Statements { get; init; }
    public IReadOnlyList<TextRepair> Repairs { get; init; } = [];
    /// <summary>Id of the <c>ITranscriptFormat</c> that produced it; set by the reader that dispatched the file.</summary>
    public string Format { get; init; } = "";
}
