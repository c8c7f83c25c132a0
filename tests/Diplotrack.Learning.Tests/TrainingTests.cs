using Diplotrack.Text.Learning;

namespace Diplotrack.Learning.Tests;

public sealed class TrainingTests
{
    // Small and fast: 2^14 hashed features are plenty for one document, and the tests need no calibration folds.
    private static readonly TrainingOptions Small = new() { Bits = 14, CalibrationFolds = 0 };

    [Fact]
    public void Training_on_a_fixed_set_is_deterministic()
    {
        var a = new ModelTrainer(TestData.Codebook, Small).Train([TestData.Seed]);
        var b = new ModelTrainer(TestData.Codebook, Small).Train([TestData.Seed]);
        Assert.Equal(a.Version, b.Version);
        foreach (var (name, head) in a.Heads)
        {
            Assert.Equal(head.Bias, b.Heads[name].Bias);
            Assert.Equal(head.Weights, b.Heads[name].Weights);
        }
    }

    [Theory]
    [InlineData(TrainerKind.LbfgsMaximumEntropy)]
    [InlineData(TrainerKind.SdcaMaximumEntropy)]
    public void Each_trainer_learns_its_training_data(TrainerKind trainer)
    {
        // A linear model over character n-grams separates one document's statements: if it does not, the export from
        // ML.NET (class order, label encoding) is broken, which is what this guards.
        var model = new ModelTrainer(TestData.Codebook, Small with { Trainer = trainer }).Train([TestData.Seed]);
        var coded = new LearnedCoder(model, TestData.Codebook).Refine(TestData.Seed.Rules);
        var score = CrossValidation.Score("train", [(TestData.Seed, coded)]);
        Assert.True(score.AllKinds.ThemeF1 > 0.9, $"theme F1 on its own training data {score.AllKinds.ThemeF1:0.000}");
        Assert.True(score.AllKinds.StanceThreeClass > 0.9, $"stance 3-class on its own training data {score.AllKinds.StanceThreeClass:0.000}");
    }

    [Fact]
    public void The_model_round_trips_through_its_file()
    {
        var model = new ModelTrainer(TestData.Codebook, Small).Train([TestData.Seed])
            .WithConfidence(new Calibration([0.2f, 0.5f, 0.9f], [0.1f, 0.6f, 0.8f]));
        var path = Path.Combine(Path.GetTempPath(), $"diplotrack-model-{Guid.NewGuid():N}.bin");
        try
        {
            model.Save(path);
            var loaded = LearnedModel.Load(path);
            Assert.Equal(model.Version, loaded.Version);
            Assert.Equal(model.Description, loaded.Description);
            Assert.Equal(model.Confidence, loaded.Confidence, (x, y) => x.Scores.SequenceEqual(y.Scores) && x.Rates.SequenceEqual(y.Rates));
            var before = new LearnedCoder(model, TestData.Codebook).Refine(TestData.Seed.Rules);
            var after = new LearnedCoder(loaded, TestData.Codebook).Refine(TestData.Seed.Rules);
            Assert.Equal(Describe(before), Describe(after));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_rejected()
    {
        using var stream = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Compress, leaveOpen: true))
            gz.Write("JUNKJUNK"u8);
        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));
    }

    [Fact]
    public void The_version_changes_with_the_weights()
    {
        var model = new ModelTrainer(TestData.Codebook, Small).Train([TestData.Seed]);
        var other = new ModelTrainer(TestData.Codebook, Small with { L2 = 5f }).Train([TestData.Seed]);
        Assert.NotEqual(model.Version, other.Version);
        Assert.Matches("^[0-9a-f]{16}$", model.Version);
    }

    private static string Describe(Text.Coding.CodedDocument coded) => string.Join("\n", coded.Statements.Select(s =>
        $"{s.StatementIndex} {string.Join(",", s.Themes)} {string.Join(",", s.Targets.Select(t => $"{t.Actor}:{t.Stance}:{t.Confidence}"))}"));
}

public sealed class TrainingRunTests
{
    [Fact]
    public void A_run_writes_a_model_the_coder_loads_and_no_file_means_rules_alone()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"diplotrack-train-{Guid.NewGuid():N}");
        var gold = Path.Combine(dir, "gold");
        Directory.CreateDirectory(gold);
        try
        {
            // Two gold briefings of the development set are enough to exercise the whole path.
            foreach (var f in Directory.EnumerateFiles(TestData.DevelopmentGold, "*.jsonl").Order(StringComparer.Ordinal).Take(2))
                File.Copy(f, Path.Combine(gold, Path.GetFileName(f)));
            var output = Path.Combine(dir, "model", "learned.bin");
            var report = TrainingRun.Run(TestData.Codebook, TestData.Corpus, [gold], output,
                new TrainingOptions { Bits = 14, CalibrationFolds = 0 }, crossValidate: false);
            Assert.Equal(2, report.Documents);
            var coder = LearnedModels.TryLoad(output, TestData.Codebook);
            Assert.NotNull(coder);
            Assert.Equal(report.Model.Version, coder.ModelVersion);
            Assert.Null(LearnedModels.TryLoad(Path.Combine(dir, "absent.bin"), TestData.Codebook));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
