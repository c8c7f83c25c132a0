using System.Text;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Text.Tests.Parsing;

/// <summary>The general rules behind the seed's results, on small inputs the seed does not contain.</summary>
public sealed class ArticleFormatRulesTests
{
    private static ParsedDocument Read(string text) =>
        TranscriptReader.Default.Read(new SourceFile("x.txt", Encoding.UTF8.GetBytes(text)));

    private static List<string> Split(string paragraph) =>
        SentenceSplitter.Split(paragraph, 0, paragraph.Length).Select(s => paragraph[s.Start..s.End]).ToList();

    [Theory]
    [InlineData("他说：“我们走。他们留。”然后离开了。", new[] { "他说：“我们走。他们留。”", "然后离开了。" })]
    [InlineData("增速为5.2%。真的吗？是的！", new[] { "增速为5.2%。", "真的吗？", "是的！" })]
    [InlineData("What? Yes. It is 5.2 now", new[] { "What?", "Yes.", "It is 5.2 now" })]
    [InlineData("“甲。乙？”", new[] { "“甲。", "乙？”" })]
    [InlineData("这里，请注意几个趋势：", new[] { "这里，请注意几个趋势：" })]
    [InlineData("真的吗？！当然。", new[] { "真的吗？！", "当然。" })]
    public void Sentences_split_at_end_marks_but_not_inside_quotes(string paragraph, string[] expected) =>
        Assert.Equal(expected, Split(paragraph));

    [Fact]
    public void Crlf_line_endings_are_unified_and_recorded()
    {
        var doc = Read("---\r\ndate: 2024-01-02\r\n---\r\n# 标题\r\n\r\n外长王毅答问。\r\n\r\n王毅：第一句，\r\n\r\n第二句。\r\n");
        Assert.DoesNotContain('\r', doc.NormalisedText);
        Assert.Equal(["line-endings", "page-break-join"], doc.Repairs.Select(r => r.Kind));
        Assert.Equal(["外长王毅答问。", "第一句，第二句。"], doc.Statements.Select(s => s.Text));
    }

    [Fact]
    public void Headings_titles_labels_and_bylines_are_never_joined()
    {
        var doc = Read("---\ndate: 2024-01-02\n---\n外长记者会\n\n# 标题\n\n王毅：没有句号，\n\n问：下一位发言\n\n王毅：回答\n\n据新华社电\n");
        Assert.Empty(doc.Repairs);
        Assert.Equal(["外长记者会", "没有句号，", "下一位发言", "回答"], doc.Statements.Select(s => s.Text));
        Assert.Equal([StatementKind.Narrative, StatementKind.Opening, StatementKind.Question, StatementKind.Answer], doc.Statements.Select(s => s.Kind));
        Assert.Null(Assert.Single(doc.Exchanges).Outlet);
    }

    [Fact]
    public void A_colon_after_a_few_words_is_not_a_speaker_unless_it_recurs_or_the_lead_names_it()
    {
        var doc = Read("---\ndate: 2024-01-02\n---\n# 标题\n\n发言人李明回答提问。\n\n记者：问题？\n\n李明：回答如下。\n\n首先：第一点。\n");
        Assert.Equal(["发言人李明回答提问。", "问题？", "回答如下。", "首先：第一点。"], doc.Statements.Select(s => s.Text));
        Assert.Equal(new SpeakerRef("李明", "发言人", null), doc.Exchanges[0].Answerer);
        Assert.All(doc.Statements.Skip(2), s => Assert.Equal(StatementKind.Answer, s.Kind));
    }

    [Theory]
    [InlineData("十四届全国人大二次会议", 2024)]
    [InlineData("十三届全国人大一次会议", 2018)]
    [InlineData("第十四届全国人民代表大会第一次会议", 2023)]
    [InlineData("全国政协十四届二次会议", 2024)]
    [InlineData("五届全国人大一次会议", 1978)]
    public void Session_years(string occasion, int year) =>
        Assert.Equal(year, ChineseDates.FindSession("在" + occasion + "期间")?.Year);

    [Theory]
    [InlineData("全国人大常委会第八次会议")]
    [InlineData("二次会议")]
    public void Not_annual_sessions(string text) => Assert.Null(ChineseDates.FindSession(text));

    [Fact]
    public void A_full_date_in_the_lead_is_used_without_front_matter()
    {
        var doc = Read("# 标题\n\n2023年3月7日，外交部长秦刚举行记者会。\n\n记者：问题？\n\n秦刚：回答。\n");
        Assert.Equal(new DateOnly(2023, 3, 7), doc.Metadata.Date);
        Assert.Equal("press-conference", doc.Metadata.Kind);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_stripped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("---\ndate: 2024-01-02\n---\n王毅：好。\n\n王毅：是。\n")).ToArray();
        var doc = TranscriptReader.Default.Read(new SourceFile("x.txt", bytes));
        Assert.Equal(2024, doc.Metadata.Date.Year);
        Assert.DoesNotContain('\uFEFF', doc.NormalisedText);
    }

    [Fact]
    public void A_join_next_to_a_character_outside_the_basic_plane_keeps_it_whole()
    {
        var doc = Read("---\ndate: 2024-01-02\n---\n王毅：这是𠮷\n\n𠀀字。\n\n王毅：好。\n");
        var join = Assert.Single(doc.Repairs);
        Assert.Equal("𠮷\n\n𠀀", join.Before);
        Assert.Equal("𠮷𠀀", join.After);
        Assert.Equal(join.After, doc.NormalisedText.Substring(join.Position, join.After.Length));
        Assert.Equal("这是𠮷𠀀字。", doc.Statements[0].Text);
    }
}
