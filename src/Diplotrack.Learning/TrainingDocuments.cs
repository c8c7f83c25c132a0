using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Evaluation;

namespace Diplotrack.Learning;

/// <summary>
/// One gold document ready for training: the rules' coding of the parsed source, the gold coding, and which gold
/// statement each system statement is (matched exactly as the scorer matches, so labels and scores agree).
/// </summary>
public sealed record TrainingDocument(string Name, CodedDocument Rules, IReadOnlyList<GoldStatement> Gold, IReadOnlyDictionary<int, GoldStatement> GoldBySystem)
{
    public static TrainingDocument Create(string name, CodedDocument rules, IReadOnlyList<GoldStatement> gold)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(gold);
        var match = GoldScorer.Match(gold.Select(g => g.Text).ToList(), rules.Document.Statements.Select(s => s.Text).ToList());
        return new TrainingDocument(name, rules, gold, match.ToDictionary(m => m.Value, m => gold[m.Key]));
    }
}

/// <summary>Builds training documents from gold folders (the development gold, and corrections in the same JSONL format).</summary>
public static class TrainingDocuments
{
    /// <summary>
    /// Every gold file of <paramref name="goldFolders"/>, parsed from its source page under <paramref name="corpus"/> and
    /// coded by <paramref name="coder"/>. A later folder's file of the same name replaces an earlier one: corrections win.
    /// </summary>
    public static IReadOnlyList<TrainingDocument> Load(StatementCoder coder, string corpus, params IEnumerable<string> goldFolders)
    {
        ArgumentNullException.ThrowIfNull(coder);
        var byName = new SortedDictionary<string, GoldDocument>(StringComparer.Ordinal);
        foreach (var folder in goldFolders)
            foreach (var g in GoldSet.ReadFolder(folder)) byName[g.Name] = g;
        return byName.Values
            .Select(g => TrainingDocument.Create(g.Name, coder.Code(CoderEvaluation.Parse(CoderEvaluation.FindSource(corpus, g.Name))), g.Statements))
            .ToList();
    }

    /// <summary>Training documents from already parsed documents (tests, and callers that hold the documents).</summary>
    public static TrainingDocument FromParsed(StatementCoder coder, string name, ParsedDocument document, IReadOnlyList<GoldStatement> gold)
    {
        ArgumentNullException.ThrowIfNull(coder);
        return TrainingDocument.Create(name, coder.Code(document), gold);
    }
}
