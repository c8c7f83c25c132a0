using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Evaluation;
using Diplotrack.Text.Tests.Support;
using Xunit.Abstractions;

namespace Diplotrack.Text.Tests;

/// <summary>
/// The coder against the adjudicated development gold (seed/gold/fmprc: 20 real briefings, docs/coding-guide.md), scored
/// without the speaker's own country as issue #12 measures it. Floors are the figures measured when they were set minus
/// a small margin (≈0.01), so a rule change that loses accuracy on real briefings fails CI; raise them when rules improve.
/// </summary>
public sealed class DevelopmentGoldAccuracyTests(ITestOutputHelper output)
{
    private static string GoldFolder => Path.Combine(TestFiles.RepositoryRoot, "seed", "gold", "fmprc");

    private static ScoreReport Score(ScoreOptions options)
    {
        var coder = new StatementCoder(CodebookLoader.Load(RepoPaths.CodebookDirectory));
        var gold = GoldSet.ReadFolder(GoldFolder);
        Assert.Equal(20, gold.Count);
        return CoderEvaluation.Run(coder, gold, g => CoderEvaluation.Parse(CoderEvaluation.FindSource(CorpusFactAttribute.Corpus!, g.Name)), options);
    }

    [CorpusFact]
    public void Development_gold_answers_and_openings_meet_their_floors()
    {
        var r = Score(new ScoreOptions { Kinds = ScoreOptions.AnswerAndOpening, Worst = 0 });
        output.WriteLine(ScoreReportWriter.Text(r, "seed/gold/fmprc, answer+opening"));

        // Every gold sentence is one the parser produces: a segmentation change shows here first.
        Assert.True(r.Matched >= r.GoldStatements - 2, $"only {r.Matched} of {r.GoldStatements} gold statements matched");
        Floor(r.TargetsWithoutSelf.F1, FloorsAnswerOpening.TargetF1, "target F1 w/o CN");
        Floor(r.StanceWithoutSelf.ExactAccuracy, FloorsAnswerOpening.Exact, "stance exact w/o CN");
        Floor(r.StanceWithoutSelf.ThreeClassAccuracy, FloorsAnswerOpening.ThreeClass, "stance 3-class w/o CN");
        Floor(r.Themes.F1, FloorsAnswerOpening.ThemeF1, "theme micro-F1");
    }

    [CorpusFact]
    public void Development_gold_all_kinds_meet_their_floors()
    {
        var r = Score(new ScoreOptions { Worst = 0 });
        output.WriteLine(ScoreReportWriter.Text(r, "seed/gold/fmprc, all kinds"));

        Assert.True(r.Matched >= r.GoldStatements - 2, $"only {r.Matched} of {r.GoldStatements} gold statements matched");
        Floor(r.TargetsWithoutSelf.F1, FloorsAll.TargetF1, "target F1 w/o CN");
        Floor(r.StanceWithoutSelf.ExactAccuracy, FloorsAll.Exact, "stance exact w/o CN");
        Floor(r.StanceWithoutSelf.ThreeClassAccuracy, FloorsAll.ThreeClass, "stance 3-class w/o CN");
        Floor(r.Themes.F1, FloorsAll.ThemeF1, "theme micro-F1");
    }

    private sealed record Floors(double TargetF1, double Exact, double ThreeClass, double ThemeF1);

    // All 20 briefings (DEV and TEST together: a floor guards against loss, it is not a tuning target). Measured
    // 2026-12-04 after decision 0021: answer+opening 0.815 · 0.562 · 0.685 · 0.631; all kinds 0.826 · 0.641 · 0.721 · 0.614.
    private static readonly Floors FloorsAnswerOpening = new(TargetF1: 0.805, Exact: 0.550, ThreeClass: 0.675, ThemeF1: 0.620);
    private static readonly Floors FloorsAll = new(TargetF1: 0.815, Exact: 0.630, ThreeClass: 0.710, ThemeF1: 0.605);

    private static void Floor(double value, double floor, string what) =>
        Assert.True(value >= floor, $"{what} {value:0.000} < floor {floor:0.000}");
}
