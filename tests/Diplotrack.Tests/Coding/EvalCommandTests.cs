using System.Text.Json;
using Diplotrack.Tests.Infrastructure;

namespace Diplotrack.Tests.Coding;

public class EvalCommandTests
{
    private static readonly string SeedGold = Path.Combine(Repository.Shared, "eval", "seed-gold.jsonl");

    [Fact]
    public async Task Eval_scores_the_seed_gold_against_the_seed_document_with_no_database()
    {
        var result = await Cli.RunAsync(null, "eval", SeedGold, "--json", "--worst", "3");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(104, report.GetProperty("statements").GetProperty("gold").GetInt32());
        Assert.True(report.GetProperty("statements").GetProperty("matched").GetInt32() >= 101);
        // The same floors as GoldAccuracyTests: the verb must print the library's figures, not its own.
        Assert.True(report.GetProperty("targets_without_self").GetProperty("f1").GetDouble() >= 0.9999);
        Assert.True(report.GetProperty("stance").GetProperty("three_class").GetDouble() >= 0.929);
        Assert.True(report.GetProperty("themes").GetProperty("f1").GetDouble() >= 0.805);
        Assert.Equal(5, report.GetProperty("stance_without_self").GetProperty("confusion").GetArrayLength());
        Assert.True(report.GetProperty("themes_by_class").TryGetProperty("relations", out _));
        Assert.Equal(3, report.GetProperty("worst").GetArrayLength());
    }

    [Fact]
    public async Task Eval_prints_a_readable_report_restricted_to_the_kinds_asked_for()
    {
        var result = await Cli.RunAsync(null, "eval", SeedGold, "--kinds", "answer,opening", "--worst", "2");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("(kinds answer,opening)", result.Stdout);
        // The seed has 79 answer sentences and no opening.
        Assert.Contains("statements: gold 79,", result.Stdout);
        foreach (var line in new[] { "target P/R/F1", "stance exact", "stance ±1", "stance 3-class", "theme micro P/R/F1", "stance confusion", "worst 2 statements" })
            Assert.Contains(line, result.Stdout);
    }

    [Fact]
    public async Task Eval_of_briefing_gold_without_its_corpus_says_where_to_point()
    {
        var result = await Cli.RunAsync(null, new Dictionary<string, string> { ["DIPLOTRACK_CORPUS"] = "" },
            "eval", Path.Combine(Repository.Seed, "gold", "fmprc"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("DIPLOTRACK_CORPUS", result.Stderr);
    }
}
