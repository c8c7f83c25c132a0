using System.Globalization;
using System.Text;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Evaluation;
using Diplotrack.Text.Learning;
using CodebookData = Diplotrack.Text.Codebook.Codebook;

namespace Diplotrack.Learning;

/// <summary>The four figures issue #12 judges a coder by (without the speaker's own country), for one kind filter.</summary>
public sealed record Figures(double TargetF1, double StanceExact, double StanceThreeClass, double ThemeF1)
{
    public static Figures From(ScoreReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.TargetsWithoutSelf.F1, r.StanceWithoutSelf.ExactAccuracy, r.StanceWithoutSelf.ThreeClassAccuracy, r.Themes.F1);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TargetF1:0.000} | {StanceExact:0.000} | {StanceThreeClass:0.000} | {ThemeF1:0.000}");
}

/// <summary>A coding variant's figures on answer and opening sentences (what stance aggregates count) and on every kind.</summary>
public sealed record VariantScore(string Name, Figures AnswerOpening, Figures AllKinds, ScoreReport Report);

public sealed record CrossValidationResult(
    IReadOnlyList<VariantScore> Variants, IReadOnlyList<ReliabilityBin> Reliability, double CalibrationError, TimeSpan TrainingTime)
{
    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| variant | target F1 | stance exact | stance 3-class | theme F1 | all kinds: target F1 | exact | 3-class | theme F1 |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var v in Variants) sb.AppendLine($"| {v.Name} | {v.AnswerOpening} | {v.AllKinds} |");
        return sb.ToString();
    }

    public string ReliabilityTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| confidence | codings | mean confidence | observed accuracy |");
        sb.AppendLine("|---|---|---|---|");
        foreach (var b in Reliability)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {b.From:0.0}–{b.To:0.0} | {b.Count} | {b.MeanConfidence:0.000} | {b.Accuracy:0.000} |"));
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"expected calibration error {CalibrationError:0.000}"));
        return sb.ToString();
    }
}

/// <summary>
/// Cross-validation by document (issue #12 part 4): each fold's model is trained on the other folds' documents and codes
/// the held-out ones through the same <see cref="LearnedCoder"/> the product runs; codings are pooled and scored with
/// the README scorer. The rules' own coding of the same documents is the baseline. Confidence is calibrated cross-fitted:
/// a fold's raw confidences are mapped by an isotonic fit on the other folds' held-out confidences, so the reliability
/// table shows what calibration does on data it has not seen.
/// </summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(IReadOnlyList<TrainingDocument> documents, CodebookData codebook, TrainingOptions options,
        IReadOnlyList<(string Name, LearnedPolicy Policy)> policies, int folds = 5)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(policies);
        // The fold models do not need the inner calibration: the outer folds give held-out confidences directly.
        var trainer = new ModelTrainer(codebook, options with { CalibrationFolds = 0 });
        var coded = policies.ToDictionary(p => p.Name, _ => new List<(TrainingDocument, CodedDocument)>(), StringComparer.Ordinal);
        var raw = new List<List<(float, bool)>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (train, test) in Folds.ByDocument(documents, folds))
        {
            var coder = new LearnedCoder(trainer.Train(train), codebook);
            var points = new List<(float, bool)>();
            foreach (var d in test)
            {
                foreach (var (name, policy) in policies)
                    coded[name].Add((d, policy == LearnedPolicy.RulesOnly ? d.Rules : coder.WithPolicy(policy).Refine(d.Rules)));
                points.AddRange(ModelTrainer.ConfidencePoints(coder, d));
            }
            raw.Add(points);
        }
        var elapsed = clock.Elapsed;
        var calibrated = new List<(float, bool)>();
        for (var f = 0; f < raw.Count; f++)
        {
            var fit = Isotonic.Fit([.. raw.Where((_, g) => g != f).SelectMany(p => p)]);
            calibrated.AddRange(raw[f].Select(p => (fit.Apply(p.Item1), p.Item2)));
        }
        var table = Reliability.Table(calibrated);
        var variants = policies.Select(p => Score(p.Name, coded[p.Name])).ToList();
        return new CrossValidationResult(variants, table, Reliability.ExpectedError(table), elapsed);
    }

    /// <summary>Scores codings of gold documents on answer+opening sentences and on every kind.</summary>
    public static VariantScore Score(string name, IReadOnlyList<(TrainingDocument Document, CodedDocument Coded)> codings)
    {
        ArgumentNullException.ThrowIfNull(codings);
        var docs = codings.Select(c => (c.Document.Name, c.Document.Gold, SystemStatement.From(c.Coded))).ToList();
        var answer = GoldScorer.Score(docs, new ScoreOptions { Kinds = ScoreOptions.AnswerAndOpening });
        var all = GoldScorer.Score(docs, new ScoreOptions());
        return new VariantScore(name, Figures.From(answer), Figures.From(all), answer);
    }
}
