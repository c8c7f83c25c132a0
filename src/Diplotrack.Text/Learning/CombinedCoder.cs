using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Learning;

/// <summary>
/// The coder the product codes with: the rules, refined by the learned layer when a model file was trained (ADR 0030).
/// One type for every path (code verb, ingestion, bulk, re-code) so none can forget the model or apply it twice.
/// Thread-safe, as both of its parts are.
/// </summary>
public sealed class CombinedCoder(StatementCoder rules, LearnedCoder? learned = null)
{
    public StatementCoder Rules { get; } = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>Null when no model file is present: the rules code alone.</summary>
    public LearnedCoder? Learned { get; } = learned;

    public int CodebookVersion => Rules.CodebookVersion;

    /// <summary>The model's version, or null for rules alone; stored per coding beside the codebook version.</summary>
    public string? ModelVersion => Learned?.ModelVersion;

    /// <summary>The only language the model refines (<see cref="Code"/>); a re-code compares model versions only there.</summary>
    public const string ModelLanguage = "zh";

    public CodedDocument Code(ParsedDocument document)
    {
        var coded = Rules.Code(document);
        // The model was trained on Chinese briefings with the Chinese rules' features; English keeps its own rules.
        if (Learned is null || document.Metadata.Language != ModelLanguage) return coded;
        return Learned.Refine(coded) with { ModelVersion = Learned.ModelVersion };
    }
}
