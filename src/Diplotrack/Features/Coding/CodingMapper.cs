using Diplotrack.Data.Coding;
using Diplotrack.Text.Coding;
using ParsedCoding = Diplotrack.Text.Coding.StatementCoding;
using StoredCoding = Diplotrack.Data.Coding.StatementCoding;

namespace Diplotrack.Features.Coding;

/// <summary>Turns the pipeline's coding of a statement into the rows that store it.</summary>
public static class CodingMapper
{
    public static StoredCoding ToAutoCoding(ParsedCoding coding, int codebookVersion, DateTimeOffset at, bool isCurrent) => new()
    {
        Origin = StoredCoding.Auto,
        CodebookVersionId = codebookVersion,
        Themes = coding.Themes.Take(3).ToList(),
        IsCurrent = isCurrent,
        CreatedAt = at,
        CreatedBy = "coder",
        Targets = coding.Targets.Select(ToTarget).ToList(),
    };

    private static CodingTarget ToTarget(TargetCoding t) => new()
    {
        ActorId = t.Actor,
        Stance = (short)t.Stance,
        Source = t.Source,
        Confidence = Math.Clamp(t.Confidence, 0, 1),
        Phrase = t.Phrase,
        Evidence = t.Evidence.Select(e => new EvidenceSpan { Start = e.Start, End = e.End, Role = e.Role, Term = e.Term }).ToList(),
    };
}
