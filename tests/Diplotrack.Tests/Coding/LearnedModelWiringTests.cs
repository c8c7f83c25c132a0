using System.Text;
using Diplotrack.Features.Coding.Codebooks;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Learning;
using Diplotrack.Text.Parsing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Diplotrack.Tests.Coding;

/// <summary>
/// The product codes through <see cref="CoderCache"/>: with the committed model (seed/models/coder.model, ADR 0030) the
/// learned layer refines the rules; with no model file the rules code alone, byte for byte.
/// </summary>
public class LearnedModelWiringTests
{
    private static readonly string SeedFile = Path.Combine(Repository.Seed, "documents", "2024-03-07-wang-yi-npc-press-conference.txt");
    private static readonly string ModelFile = Path.Combine(Repository.Seed, "models", "coder.model");

    private static ParsedDocument Parse() =>
        TranscriptReader.Default.Read(new SourceFile("seed.txt", File.ReadAllBytes(SeedFile)));

    private static string Json(CodedDocument coded)
    {
        using var stream = new MemoryStream();
        CodeJsonWriter.Write(stream, coded);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void With_the_committed_model_the_coding_differs_from_the_rules_and_the_model_version_is_exposed()
    {
        Assert.True(File.Exists(ModelFile), "seed/models/coder.model is committed: run `diplotrack train` to rebuild it");
        var codebook = CodebookLoader.Load(Path.Combine(Repository.Seed, "codebook"));
        var coder = CoderCache.ForFiles(codebook, ModelFile, NullLogger.Instance);

        Assert.Equal(LearnedModel.Load(ModelFile).Version, coder.ModelVersion);
        Assert.Matches("^[0-9a-f]{16}$", coder.ModelVersion!);
        var parsed = Parse();
        var rules = coder.Rules.Code(parsed);
        var combined = coder.Code(parsed);
        Assert.Equal(rules.Statements.Count, combined.Statements.Count);
        // The layer re-decides themes, keep/drop and non-formula stances: on 104 sentences some must change.
        Assert.NotEqual(Json(rules), Json(combined));
        // Where a rhetorical pattern fired the rules decide (ADR 0030 policy): the hostile questions to the US stay -2.
        var questions = parsed.Statements.Where(s => s.Text.Contains("大国的信誉何在", StringComparison.Ordinal)).Select(s => s.Index).ToHashSet();
        Assert.Contains(combined.Statements, c => questions.Contains(c.StatementIndex) && c.Targets.Any(t => t.Actor == "US" && t.Stance == -2));
    }

    [Fact]
    public void With_no_model_file_the_rules_code_alone()
    {
        var codebook = CodebookLoader.Load(Path.Combine(Repository.Seed, "codebook"));
        var coder = CoderCache.ForFiles(codebook, Path.Combine(Path.GetTempPath(), $"dt-no-model-{Guid.NewGuid():N}.model"), NullLogger.Instance);

        Assert.Null(coder.Learned);
        Assert.Null(coder.ModelVersion);
        var parsed = Parse();
        Assert.Equal(Json(new StatementCoder(codebook).Code(parsed)), Json(coder.Code(parsed)));
    }
}
