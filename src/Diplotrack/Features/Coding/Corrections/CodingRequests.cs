namespace Diplotrack.Features.Coding.Corrections;

/// <summary>A person's coding of one statement; replaces the current coding (which is kept as history).</summary>
public sealed class CorrectCodingRequest
{
    public long StatementId { get; set; }
    /// <summary>The current coding the person saw (null if the statement had none)…</summary>
    public long? CodingId { get; set; }
    /// <summary>…and its version (<c>xmin</c>): if either is stale the correction is refused with 409.</summary>
    public uint? Version { get; set; }
    public List<string> Themes { get; set; } = [];
    public List<TargetInput> Targets { get; set; } = [];
    public string? Reason { get; set; }
}

public sealed class TargetInput
{
    public string? ActorId { get; set; }
    public int Stance { get; set; }
    /// <summary><c>explicit</c> (named in the sentence, the default) or <c>contextual</c>.</summary>
    public string? Source { get; set; }
    /// <summary>For <c>UNNAMED</c>: the words that refer to it.</summary>
    public string? Phrase { get; set; }
    /// <summary>Optional spans of the document's normalised text; they must lie inside the statement.</summary>
    public List<EvidenceInput> Evidence { get; set; } = [];
}

public sealed class EvidenceInput
{
    public int Start { get; set; }
    public int End { get; set; }
    /// <summary><c>actor</c> or <c>cue</c> (default).</summary>
    public string? Role { get; set; }
}
