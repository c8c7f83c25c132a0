using System.Text.Json;
using Diplotrack.Text.Codebook;
using Diplotrack.Text.Coding;
using Diplotrack.Text.Tests.Support;

namespace Diplotrack.Text.Tests;

public sealed class CodeJsonWriterTests
{
    [Fact]
    public void Writes_the_documented_contract_with_spans_that_give_back_the_text()
    {
        var document = SeedDocument.Parse();
        var coded = new StatementCoder(CodebookLoader.Load(RepoPaths.CodebookDirectory)).Code(document);
        using var json = JsonDocument.Parse(CodeJsonWriter.ToJson(coded));
        var root = json.RootElement;

        var doc = root.GetProperty("document");
        Assert.Equal("2024-03-07", doc.GetProperty("date").GetString());
        Assert.Equal("zh", doc.GetProperty("language").GetString());
        Assert.Equal(document.Sha256, doc.GetProperty("sha256").GetString());
        Assert.Equal(coded.CodebookVersion, root.GetProperty("codebook_version").GetInt32());

        var statements = root.GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(document.Statements.Count, statements.Count);
        foreach (var s in statements)
        {
            var start = s.GetProperty("start").GetInt32();
            var end = s.GetProperty("end").GetInt32();
            Assert.Equal(document.NormalisedText[start..end], s.GetProperty("text").GetString());
            Assert.Contains(s.GetProperty("kind").GetString(), new[] { "answer", "question", "opening", "highlight", "narrative" });
            Assert.InRange(s.GetProperty("themes").GetArrayLength(), 1, 3);
            foreach (var t in s.GetProperty("targets").EnumerateArray())
            {
                Assert.InRange(t.GetProperty("stance").GetInt32(), -2, 2);
                Assert.Contains(t.GetProperty("source").GetString(), new[] { "explicit", "contextual" });
                foreach (var e in t.GetProperty("evidence").EnumerateArray())
                {
                    Assert.Contains(e.GetProperty("role").GetString(), new[] { "actor", "cue" });
                    Assert.Equal(e.GetProperty("term").GetString(),
                        document.NormalisedText[e.GetProperty("start").GetInt32()..e.GetProperty("end").GetInt32()]);
                }
            }
        }
        var us = statements.SelectMany(s => s.GetProperty("targets").EnumerateArray()).First(t => t.GetProperty("actor").GetString() == "US");
        Assert.Equal(JsonValueKind.Number, us.GetProperty("confidence").ValueKind);
    }
}
