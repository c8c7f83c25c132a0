using System.Security.Cryptography;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Generation;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Text.Tests.Generation;

public sealed class SyntheticArchiveTests
{
    [Fact]
    public void SameSeedGivesIdenticalBytes_OtherSeedDiffers()
    {
        var a = new SyntheticArchive(7).Generate(60).ToList();
        var b = new SyntheticArchive(7).Generate(60).ToList();
        var c = new SyntheticArchive(8).Generate(60).ToList();
        Assert.Equal(a.Select(f => f.Name), b.Select(f => f.Name));
        for (var i = 0; i < a.Count; i++) Assert.Equal(a[i].Content, b[i].Content);
        Assert.NotEqual(Hash(a), Hash(c));
    }

    [Fact]
    public void BriefingsParseWithTheRealHtmlParser_IntoExchangesAndStatements()
    {
        var files = new SyntheticArchive(3).Generate(200).Where(f => f.Format == SyntheticArchive.BriefingFormat).ToList();
        Assert.True(files.Count > 180);
        var hashes = new HashSet<string>();
        foreach (var file in files)
        {
            var doc = TranscriptReader.Default.Read(new SourceFile(file.Name, file.Content));
            Assert.Equal("fmprc-briefing-html", doc.Format);
            Assert.Equal("regular-briefing", doc.Metadata.Kind);
            Assert.Equal(file.Date, doc.Metadata.Date);
            Assert.InRange(doc.Exchanges.Count, 6, 40);
            Assert.Contains(doc.Statements, s => s.Kind == StatementKind.Question);
            Assert.Contains(doc.Statements, s => s.Kind == StatementKind.Answer);
            Assert.All(doc.Statements, s => Assert.Equal(doc.NormalisedText[s.Start..s.End], s.Text));
            Assert.True(hashes.Add(doc.Sha256), $"{file.Name} duplicates another document");
        }
    }

    [Fact]
    public void DatesSpanTwentyYears_BothFormatsAppear_ActorsVary()
    {
        var files = new SyntheticArchive(1).Generate(400).ToList();
        Assert.Equal(SyntheticArchive.First.Year, files.Min(f => f.Date).Year);
        Assert.Equal(SyntheticArchive.Last.Year, files.Max(f => f.Date).Year);
        Assert.Contains(files, f => f.Format == SyntheticArchive.ArticleFormat);
        Assert.All(files.Where(f => f.Format == SyntheticArchive.BriefingFormat), f => Assert.NotEqual(DayOfWeek.Sunday, f.Date.DayOfWeek));
        var text = string.Concat(files.Take(50).Select(f => System.Text.Encoding.UTF8.GetString(f.Content)));
        Assert.True(new[] { "美国", "日本", "俄罗斯", "欧盟", "东盟", "印度" }.Count(a => text.Contains(a, StringComparison.Ordinal)) >= 5);
    }

    [Fact]
    public void ArticlesParseWithTheRealArticleParser_WithHighlightsThatRepeatAnswers()
    {
        var articles = new SyntheticArchive(5).Generate(400).Where(f => f.Format == SyntheticArchive.ArticleFormat).ToList();
        Assert.True(articles.Count >= 10);
        foreach (var file in articles)
        {
            var doc = TranscriptReader.Default.Read(new SourceFile(file.Name, file.Content));
            Assert.Equal("press-article-text", doc.Format);
            Assert.Equal("npc-press-conference", doc.Metadata.Kind);
            Assert.Equal(file.Date, doc.Metadata.Date);
            Assert.Equal("CN", doc.Metadata.Government);
            Assert.Empty(doc.Repairs);
            Assert.Equal(2, doc.Statements.Count(s => s.Kind == StatementKind.Narrative)); // the two sentences of the lead
            Assert.InRange(doc.Exchanges.Count, 6, 30);
            var highlights = doc.Statements.Where(s => s.Kind == StatementKind.Highlight).ToList();
            Assert.InRange(highlights.Count, 3, 5);
            Assert.All(highlights, h => Assert.NotEmpty(h.Repeats));
            Assert.All(doc.Statements.Where(s => s.Kind == StatementKind.Answer), s => Assert.Equal("CN", s.Speaker?.ActorId));
            Assert.All(doc.Statements, s => Assert.Equal(doc.NormalisedText[s.Start..s.End], s.Text));
        }
    }

    private static string Hash(IEnumerable<GeneratedFile> files) =>
        Convert.ToHexString(SHA256.HashData(files.SelectMany(f => f.Content).ToArray()));
}
