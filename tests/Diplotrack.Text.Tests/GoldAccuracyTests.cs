using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Evaluation;
using Diplotrack.Text.Tests.Support;
using Xunit.Abstractions;

namespace Diplotrack.Text.Tests;

/// <summary>
/// The coder against the hand-annotated seed (shared/eval). Thresholds are the team's acceptance bar;
/// the same coder must generalise to briefings it has never seen, so failures are fixed in reference data and rules.
/// </summary>
public sealed class GoldAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void Seed_coding_meets_the_accuracy_bar()
    {
        var gold = GoldSet.ReadFile(RepoPaths.GoldFile);
        var document = SeedDocument.Parse();
        var coder = new StatementCoder(CodebookLoader.Load(RepoPaths.CodebookDirectory));
        var coded = coder.Code(document);

        var all = GoldScorer.Score(gold, coded);
        var answers = GoldScorer.Score(gold, coded, kind => kind == "answer");
        output.WriteLine(all.Summary("all kinds"));
        output.WriteLine(answers.Summary("answers only"));
        if (Environment.GetEnvironmentVariable("DIPLOTRACK_SCORE_DETAIL") == "1")
            foreach (var d in all.Differences) output.WriteLine(d);

        // Floors are the figures before the issue #12 rule changes (ADR 0003: F1 w/o CN 1.000, exact 115/141 = 0.8156,
        // 3-class 131/141 = 0.929, themes 0.805): rules written for unseen briefings must not cost the seed anything.
        Assert.True(all.Matched >= gold.Count - 3, $"only {all.Matched} of {gold.Count} gold statements matched");
        Assert.True(all.TargetsWithoutSelf.F1 >= 0.9999, $"target F1 without CN {all.TargetsWithoutSelf.F1:0.000} < 1.000");
        Assert.True(all.Stance.ThreeClassAccuracy >= 0.929, $"3-class stance {all.Stance.ThreeClassAccuracy:0.000} < 0.929");
        Assert.True(all.Stance.ExactAccuracy >= 0.815, $"exact stance {all.Stance.ExactAccuracy:0.000} < 0.815");
        Assert.True(all.Themes.F1 >= 0.805, $"theme micro-F1 {all.Themes.F1:0.000} < 0.805");
    }
}
