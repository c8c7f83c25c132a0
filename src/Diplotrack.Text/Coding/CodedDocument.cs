using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Coding;

/// <summary>Why a coding says what it says: the characters of an actor mention or of a cue.</summary>
/// <param name="Role"><c>actor</c> or <c>cue</c>.</param>
public sealed record Evidence(int Start, int End, string Role, string Term);

/// <summary>Stance toward one target (codebook §4), with the evidence that produced it.</summary>
/// <param name="Source"><c>explicit</c> (named in the sentence) or <c>contextual</c> (inherited from the exchange).</param>
/// <param name="Phrase">For <c>UNNAMED</c>: the words that refer to the unnamed actor.</param>
public sealed record TargetCoding(
    string Actor, int Stance, string Source, double Confidence, IReadOnlyList<Evidence> Evidence, string? Phrase = null);

/// <summary>The coding of one statement: 1 to 3 themes and zero or more targets.</summary>
public sealed record StatementCoding(int StatementIndex, IReadOnlyList<string> Themes, IReadOnlyList<TargetCoding> Targets);

public sealed record CodedDocument(ParsedDocument Document, int CodebookVersion, IReadOnlyList<StatementCoding> Statements)
{
    /// <summary>The learned model that refined these codings, or null when the rules coded alone; stored per coding.</summary>
    public string? ModelVersion { get; init; }
}
