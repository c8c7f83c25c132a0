using Diplotrack.Text.Learning;

namespace Diplotrack.Learning.Tests;

public sealed class CrossValidationTests
{
    /// <summary>
    /// The learned layer must earn its place (ADR 0030): on held-out folds of the development gold (5 folds by briefing,
    /// the 14 DEV briefings only — the 6 TEST briefings are never used here), the combined coder beats the rules alone
    /// on stance and themes by the margins below and loses no target F1 beyond half a point (answer and opening
    /// sentences, without the speaker's country). ADR 0030 measured +0.044 (3-class), +0.038 (exact), +0.015 (themes),
    /// +0.008 (targets): the margins are about half of that, so a change of gold or rules does not flip the test on noise.
    /// </summary>
    [Fact]
    public void Combined_coder_beats_rules_alone_on_held_out_folds()
    {
        var all = TrainingDocuments.Load(TestData.Rules, TestData.Corpus, TestData.DevelopmentGold);
        Assert.Equal(20, all.Count);
        var dev = all.Take(14).ToList();
        var result = CrossValidation.Run(dev, TestData.Codebook, new TrainingOptions(),
            [("rules", LearnedPolicy.RulesOnly), ("combined", LearnedPolicy.Default)]);
        var rules = result.Variants[0].AnswerOpening;
        var combined = result.Variants[1].AnswerOpening;
        var table = result.Table();
        Assert.True(combined.TargetF1 >= rules.TargetF1 - 0.005, table);
        Assert.True(combined.StanceThreeClass >= rules.StanceThreeClass + 0.02, table);
        Assert.True(combined.StanceExact >= rules.StanceExact + 0.02, table);
        Assert.True(combined.ThemeF1 >= rules.ThemeF1 + 0.007, table);
        // Calibrated on other folds, confidence tracks accuracy: within 0.08 on average over the bins.
        Assert.True(result.CalibrationError <= 0.08, result.ReliabilityTable());
    }
}
