using System.Diagnostics;
using System.Globalization;
using System.Text;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Learning;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Learning;

/// <summary>What <see cref="TrainingRun.Run"/> did: the cross-validated comparison it measured before training, and the model it wrote.</summary>
public sealed record TrainingReport(int Documents, CrossValidationResult? CrossValidation, LearnedModel Model, string Path, TimeSpan TrainingTime)
{
    public string Summary()
    {
        var sb = new StringBuilder();
        if (CrossValidation is { } cv)
        {
            sb.AppendLine($"{Math.Min(5, Documents)}-fold cross-validation by document on {Documents} gold documents (answer+opening, without CN):");
            sb.Append(cv.Table());
            sb.AppendLine();
            sb.Append(cv.ReliabilityTable());
        }
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"model {Model.Version} written to {Path} ({Model.Description}); trained in {TrainingTime.TotalSeconds:0.0} s"));
        return sb.ToString();
    }
}

/// <summary>
/// The training entry point behind <c>diplotrack train</c> (issue #12 parts 4–5): reads gold folders — the development
/// gold first, then corrections exported as the same JSONL records (a later folder's file of the same name wins) —
/// cross-validates rules against the combined coder so the change is reported before the new model is used, trains
/// on every document and writes the model file.
/// </summary>
public static class TrainingRun
{
    public static TrainingReport Run(CodebookData codebook, string corpus, IReadOnlyList<string> goldFolders, string output,
        TrainingOptions? options = null, bool crossValidate = true)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        ArgumentNullException.ThrowIfNull(goldFolders);
        options ??= new TrainingOptions();
        var documents = TrainingDocuments.Load(new StatementCoder(codebook), corpus, goldFolders);
        if (documents.Count == 0) throw new InvalidDataException("no gold documents to train on");
        var cv = crossValidate && documents.Count >= 5
            ? CrossValidation.Run(documents, codebook, options, [("rules", LearnedPolicy.RulesOnly), ("model", LearnedPolicy.ModelAlone), ("combined", LearnedPolicy.Default)])
            : null;
        var clock = Stopwatch.StartNew();
        var model = new ModelTrainer(codebook, options).Train(documents, string.Join(",", goldFolders.Select(Path.GetFileName)));
        var elapsed = clock.Elapsed;
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir is not null) Directory.CreateDirectory(dir);
        // Write next to the target and move: a coder loading the file never sees half of it.
        var temp = output + ".tmp";
        model.Save(temp);
        File.Move(temp, output, overwrite: true);
        return new TrainingReport(documents.Count, cv, model, output, elapsed);
    }
}
