using System.Text.Json;
using Diplotrack.Tests.Infrastructure;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Tests.Coding;

public class CodeCommandTests
{
    private static readonly string SeedFile = Path.Combine(Repository.Seed, "documents", "2024-03-07-wang-yi-npc-press-conference.txt");

    [Fact]
    public async Task Code_json_needs_no_database_and_its_evidence_spans_point_at_the_cue_and_actor_characters()
    {
        var result = await Cli.RunAsync(null, "code", SeedFile, "--json");

        Assert.Equal(0, result.ExitCode);
        var text = TranscriptReader.Default.Read(new SourceFile("seed.txt", await File.ReadAllBytesAsync(SeedFile))).NormalisedText;
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("2024-03-07", root.GetProperty("document").GetProperty("date").GetString());
        Assert.True(root.GetProperty("codebook_version").GetInt32() >= 1);
        var statements = root.GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(104, statements.Count);
        var evidence = 0;
        foreach (var s in statements)
        {
            var (start, end) = (s.GetProperty("start").GetInt32(), s.GetProperty("end").GetInt32());
            Assert.Equal(text[start..end], s.GetProperty("text").GetString());
            foreach (var t in s.GetProperty("targets").EnumerateArray())
                foreach (var e in t.GetProperty("evidence").EnumerateArray())
                {
                    evidence++;
                    Assert.Equal(e.GetProperty("term").GetString(), text[e.GetProperty("start").GetInt32()..e.GetProperty("end").GetInt32()]);
                }
        }
        Assert.True(evidence > 100, $"only {evidence} evidence spans");
        // The China–US section's rhetorical questions are hostile toward the US.
        Assert.Contains(statements, s => s.GetProperty("text").GetString()!.Contains("大国的信誉何在")
            && s.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("actor").GetString() == "US" && t.GetProperty("stance").GetInt32() == -2));
    }

    [Fact]
    public async Task Code_refuses_a_file_it_cannot_read_with_a_one_line_reason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dt-empty-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(path, []);
        try
        {
            var result = await Cli.RunAsync(null, "code", path);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("empty file", result.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
