using System.Text;
using System.Text.Json;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Text.Tests.Parsing;

public sealed class SeedDocumentTests
{
    private static readonly byte[] SeedBytes = File.ReadAllBytes(TestFiles.SeedDocumentPath);
    private static readonly ParsedDocument Seed = TranscriptReader.Default.Read(new SourceFile("seed.txt", SeedBytes));

    private sealed record GoldStatement(string Text, string Kind, string Section);

    private static List<GoldStatement> Gold() =>
        File.ReadLines(Path.Combine(TestFiles.Shared, "eval", "seed-gold.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l =>
            {
                var o = JsonDocument.Parse(l).RootElement;
                return new GoldStatement(o.GetProperty("text").GetString()!, o.GetProperty("kind").GetString()!, o.GetProperty("section").GetString()!);
            })
            .ToList();

    /// <summary>The seed file with its front matter removed: only the source text.</summary>
    private static byte[] BodyOnly()
    {
        var text = Encoding.UTF8.GetString(SeedBytes);
        var close = text.IndexOf("\n---\n", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text[(close + 5)..]);
    }

    [Fact]
    public void Seed_body_is_the_shared_source_text_unchanged()
    {
        var source = File.ReadAllBytes(Path.Combine(TestFiles.Shared, "source", "000_ed602138bd357a0a.txt"));
        Assert.Equal(source, BodyOnly());
    }

    [Fact]
    public void Statements_are_the_gold_sentences_in_order_with_their_kinds_and_sections()
    {
        var gold = Gold();
        Assert.Equal(104, gold.Count);
        Assert.Equal(gold.Select(g => g.Text), Seed.Statements.Select(s => s.Text));
        Assert.Equal(gold.Select(g => g.Kind), Seed.Statements.Select(s => s.Kind.ToId()));
        Assert.Equal(gold.Select(g => g.Section), Seed.Statements.Select(s => s.Section ?? ""));
        var counts = Seed.Statements.CountBy(s => s.Kind).ToDictionary();
        Assert.Equal(79, counts[StatementKind.Answer]);
        Assert.Equal(14, counts[StatementKind.Question]);
        Assert.Equal(9, counts[StatementKind.Highlight]);
        Assert.Equal(2, counts[StatementKind.Narrative]);
        Assert.Equal(Enumerable.Range(0, 104), Seed.Statements.Select(s => s.Index));
    }

    [Fact]
    public void Every_span_points_at_its_statement_text()
    {
        foreach (var s in Seed.Statements)
        {
            Assert.Equal(s.Text, Seed.NormalisedText[s.Start..s.End]);
            Assert.DoesNotContain('\n', s.Text);
        }
        Assert.All(Seed.Statements.Zip(Seed.Statements.Skip(1)), p => Assert.True(p.First.End <= p.Second.Start));
        foreach (var e in Seed.Exchanges)
        {
            var inside = Seed.Statements.Where(s => s.Exchange == e.Index && s.Kind != StatementKind.Highlight).ToList();
            Assert.All(inside, s => Assert.True(s.Start >= e.Start && s.End <= e.End));
        }
    }

    [Fact]
    public void Title_metadata_and_hash_come_from_the_front_matter()
    {
        var m = Seed.Metadata;
        Assert.Equal("王毅外长答中外记者问：开创中国特色大国外交更有作为新局面", m.Title);
        Assert.Equal(new DateOnly(2024, 3, 7), m.Date);
        Assert.Equal("npc-press-conference", m.Kind);
        Assert.Equal("梅地亚中心", m.Place);
        Assert.Equal("十四届全国人大二次会议", m.Occasion);
        Assert.Equal("zh", m.Language);
        Assert.Equal("CN", m.Government);
        Assert.Equal("press-article-text", Seed.Format);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Seed.NormalisedText))), Seed.Sha256);
        Assert.Matches("^[0-9a-f]{64}$", Seed.Sha256);
        // Front matter is metadata, not text: no statement and no span covers it.
        Assert.DoesNotContain("government:", Seed.NormalisedText);
    }

    [Fact]
    public void Without_front_matter_the_date_comes_from_the_occasion_and_the_lead()
    {
        var doc = TranscriptReader.Default.Read(new SourceFile("bare.txt", BodyOnly()));
        Assert.Equal(new DateOnly(2024, 3, 7), doc.Metadata.Date);
        Assert.Equal("十四届全国人大二次会议", doc.Metadata.Occasion);
        Assert.Equal("梅地亚中心", doc.Metadata.Place);
        Assert.Equal("王毅外长答中外记者问：开创中国特色大国外交更有作为新局面", doc.Metadata.Title);
        Assert.Equal("npc-press-conference", doc.Metadata.Kind);
        Assert.Equal("bare.txt", doc.Metadata.Source);
        Assert.Null(doc.Metadata.Government);
        // Same text, same identity: the hash does not depend on the front matter.
        Assert.Equal(Seed.Sha256, doc.Sha256);
        Assert.Equal(Seed.Statements.Select(s => s.Text), doc.Statements.Select(s => s.Text));
    }

    [Fact]
    public void Front_matter_wins_over_what_the_text_says()
    {
        var edited = Encoding.UTF8.GetString(SeedBytes).Replace("date: 2024-03-07", "date: 2024-03-08").Replace("place: 梅地亚中心", "place: 人民大会堂");
        var doc = TranscriptReader.Default.Read(new SourceFile("seed.txt", Encoding.UTF8.GetBytes(edited)));
        Assert.Equal(new DateOnly(2024, 3, 8), doc.Metadata.Date);
        Assert.Equal("人民大会堂", doc.Metadata.Place);
    }

    [Fact]
    public void Caller_metadata_wins_over_front_matter()
    {
        var overrides = new DocumentMetadataOverrides { Date = new DateOnly(2024, 3, 8), Title = "T", Source = "https://example.org/a" };
        var doc = TranscriptReader.Default.Read(new SourceFile("seed.txt", SeedBytes, overrides));
        Assert.Equal(new DateOnly(2024, 3, 8), doc.Metadata.Date);
        Assert.Equal("T", doc.Metadata.Title);
        Assert.Equal("https://example.org/a", doc.Metadata.Source);
        Assert.Equal("梅地亚中心", doc.Metadata.Place);
    }

    [Fact]
    public void The_four_page_break_cuts_are_joined_and_recorded()
    {
        var joins = Seed.Repairs.Where(r => r.Kind == "page-break-join").ToList();
        Assert.Equal(["全\n\n球", "边\n\n协", "如\n\n果", "力\n\n与"], joins.Select(r => r.Before));
        Assert.Equal(["全球", "边协", "如果", "力与"], joins.Select(r => r.After));
        Assert.All(joins, r => Assert.Equal(r.After, Seed.NormalisedText.Substring(r.Position, r.After.Length)));
        Assert.Contains("巩固拓展全球伙伴关系网络", Seed.NormalisedText);
        Assert.Contains("加强国际多边协作，", Seed.NormalisedText);
        Assert.Contains("而不在中国。如果一门心思", Seed.NormalisedText);
        Assert.Contains("增长活力与动力。", Seed.NormalisedText);
        // Nothing but the four breaks changed: removing the joins' whitespace from the source gives the text.
        var source = Encoding.UTF8.GetString(BodyOnly());
        Assert.Equal(source.Length - 4 * 2, Seed.NormalisedText.Length);
        Assert.StartsWith("\n\n\n\n## 王毅外长答中外记者问\n\n# ", Seed.NormalisedText);
        Assert.EndsWith("\n\n据新华社电", Seed.NormalisedText.TrimEnd());
    }

    [Fact]
    public void Five_exchanges_with_sections_outlets_and_the_answerer()
    {
        Assert.Equal(
            [
                ("中国特色大国外交", "中央广播电视总台央视"),
                ("中俄关系", "今日俄罗斯国际通讯社"),
                ("中美关系", "彭博社"),
                ("世界多极化和经济全球化", "新华社"),
                ("中国外交服务中国式现代化", "中新社"),
            ],
            Seed.Exchanges.Select(e => (e.Section, e.Outlet)));
        Assert.All(Seed.Exchanges, e => Assert.Equal(new SpeakerRef("王毅", "外交部长", "CN"), e.Answerer));
        Assert.All(Seed.Statements.Where(s => s.Kind == StatementKind.Answer), s => Assert.Equal("王毅", s.Speaker?.Name));
        Assert.All(Seed.Statements.Where(s => s.Kind == StatementKind.Question),
            s => Assert.Equal(Seed.Exchanges[s.Exchange!.Value].Outlet + "记者", s.Speaker?.Name));
        Assert.All(Seed.Statements.Where(s => s.Kind == StatementKind.Narrative), s => Assert.Null(s.Exchange));
        // Speaker labels are not statement text.
        Assert.DoesNotContain(Seed.Statements, s => s.Text.StartsWith("王毅：", StringComparison.Ordinal) || s.Text.Contains("记者："));
    }

    [Fact]
    public void Highlights_link_to_the_answer_sentences_they_repeat()
    {
        var highlights = Seed.Statements.Where(s => s.Kind == StatementKind.Highlight).ToList();
        Assert.Equal(9, highlights.Count);
        // Five pull-quotes, one per section: each opens with “ and closes with ”.
        Assert.Equal(5, highlights.Count(h => h.Text.StartsWith('“')));
        Assert.Equal(5, highlights.Count(h => h.Text.EndsWith('”')));
        Assert.Equal([0, 1, 1, 2, 2, 2, 2, 3, 4], highlights.Select(h => h.Exchange!.Value));

        static string Key(string s) => new(s.Where(c => !"“”‘’。？；".Contains(c)).ToArray());
        foreach (var h in highlights)
        {
            Assert.NotEmpty(h.Repeats);
            foreach (var i in h.Repeats)
            {
                var answer = Seed.Statements[i];
                Assert.Equal(StatementKind.Answer, answer.Kind);
                Assert.Equal(h.Exchange, answer.Exchange);
                var (a, b) = (Key(h.Text), Key(answer.Text));
                Assert.True(a.Contains(b) || b.Contains(a), $"{h.Text} / {answer.Text}");
            }
        }

        var first = highlights[0];
        Assert.Equal(
            ["我们将更加自信自立，锻造中国外交的品格。", "我们将更加开放包容，展现中国外交的胸怀。", "我们将主持公道正义，亮明中国外交的风骨。", "我们将推动合作共赢，坚守中国外交的追求。"],
            first.Repeats.Select(i => Seed.Statements[i].Text));
        // ‘中国’ in the pull-quote repeats “中国” in the answer.
        var quoted = highlights.Single(h => h.Text.Contains("‘中国’"));
        Assert.Equal("美国如果一听到“中国”这两个字就紧张焦虑，大国的自信何在？", Seed.Statements[Assert.Single(quoted.Repeats)].Text);
        // The visa pull-quote is contained in a longer answer sentence.
        var visa = highlights[^1];
        Assert.StartsWith("我愿告诉大家，从3月14日起", Seed.Statements[Assert.Single(visa.Repeats)].Text);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\n\n\n")]
    [InlineData("   ")]
    [InlineData(" \t\u3000\n \n")]
    public void Whitespace_at_the_ends_does_not_change_the_identity(string extra)
    {
        // The same transcript saved by another editor must be recognised as the same document, not stored twice.
        var text = Encoding.UTF8.GetString(SeedBytes);
        var trailing = TranscriptReader.Default.Read(new SourceFile("t.txt", Encoding.UTF8.GetBytes(text + extra)));
        Assert.Equal(Seed.Sha256, trailing.Sha256);
        Assert.Equal(Seed.NormalisedText, trailing.NormalisedText);
        var spacedLines = text.Replace("\n", " \n");
        Assert.Equal(Seed.Sha256, TranscriptReader.Default.Read(new SourceFile("s.txt", Encoding.UTF8.GetBytes(spacedLines))).Sha256);
        var crlf = (text + extra).Replace("\n", "\r\n");
        Assert.Equal(Seed.Sha256, TranscriptReader.Default.Read(new SourceFile("c.txt", Encoding.UTF8.GetBytes(crlf))).Sha256);
    }
}
