using System.Text;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;

namespace Diplotrack.Text.Tests.Parsing;

public sealed class RejectionTests
{
    private const string Article = """
        # 外长记者会

        3月7日，十四届全国人大二次会议在梅地亚中心举行记者会。外交部长王毅回答中外记者提问。

        ### 中俄关系

        新华社记者：如何看待中俄关系？

        王毅：中俄关系保持高水平运行。
        """;

    private static string Reject(string text, DocumentMetadataOverrides? metadata = null) =>
        Reject(Encoding.UTF8.GetBytes(text), metadata);

    private static string Reject(byte[] bytes, DocumentMetadataOverrides? metadata = null, TranscriptReader? reader = null)
    {
        var ex = Assert.Throws<DocumentRejectedException>(() => (reader ?? TranscriptReader.Default).Read(new SourceFile("x.txt", bytes, metadata)));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(ex.Message, ex.Reason);
        return ex.Message;
    }

    [Fact]
    public void A_small_valid_article_is_accepted() // the baseline the rejections below differ from
    {
        var doc = TranscriptReader.Default.Read(new SourceFile("x.txt", Encoding.UTF8.GetBytes(Article)));
        Assert.Equal(new DateOnly(2024, 3, 7), doc.Metadata.Date);
        Assert.Equal("外长记者会", doc.Metadata.Title);
        Assert.Equal(["3月7日，十四届全国人大二次会议在梅地亚中心举行记者会。", "外交部长王毅回答中外记者提问。", "如何看待中俄关系？", "中俄关系保持高水平运行。"],
            doc.Statements.Select(s => s.Text));
        Assert.Equal(new SpeakerRef("王毅", "外交部长", null), Assert.Single(doc.Exchanges).Answerer);
    }

    [Fact]
    public void Empty_file() => Assert.StartsWith("empty file", Reject([]));

    [Fact]
    public void Whitespace_only_file() => Assert.Equal("empty file: only whitespace", Reject(" \n\r\n\t  \n"));

    [Fact]
    public void Binary_with_nul_bytes() => Assert.StartsWith("binary file: NUL byte", Reject([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]));

    [Fact]
    public void Binary_with_many_control_characters()
    {
        var bytes = Encoding.UTF8.GetBytes(Article).Concat(Enumerable.Repeat((byte)0x1B, 50)).ToArray();
        Assert.StartsWith("binary file: 50 control characters", Reject(bytes));
    }

    [Fact]
    public void Gbk_bytes_are_named_as_such()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030").GetBytes(Article);
        Assert.StartsWith("not UTF-8: looks like GBK/GB18030; convert it to UTF-8", Reject(gb18030));
    }

    [Fact]
    public void Other_invalid_utf8_is_not_called_gbk() =>
        Assert.StartsWith("not UTF-8: invalid byte sequence", Reject([.. Encoding.UTF8.GetBytes("王毅：好。"), 0xC3, 0x28, 0xFF, 0xFE]));

    [Fact]
    public void Utf16_is_named_as_such() =>
        Assert.StartsWith("not UTF-8: looks like UTF-16", Reject(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Article)).ToArray()));

    [Fact]
    public void Too_large_for_the_limit()
    {
        var bytes = Encoding.UTF8.GetBytes(Article);
        var reader = new TranscriptReader(TranscriptFormats.All) { MaxBytes = bytes.Length - 1 };
        Assert.Equal($"too large: {bytes.Length} bytes, the limit is {bytes.Length - 1} bytes", Reject(bytes, reader: reader));
        Assert.Equal(5 * 1024 * 1024, TranscriptReader.Default.MaxBytes);
        Assert.StartsWith("too large", Reject(new byte[5 * 1024 * 1024 + 1]));
    }

    [Fact]
    public void No_speaker_labels() =>
        Assert.StartsWith("no speaker labels", Reject(Article.Replace("新华社记者：", "").Replace("王毅：", "")));

    [Fact]
    public void No_format_recognises_plain_prose() =>
        Assert.StartsWith("unrecognised format", Reject("这是一段没有标题、没有发言人的普通文字。"));

    [Fact]
    public void No_date_without_front_matter_or_session()
    {
        var message = Reject(Article.Replace("十四届全国人大二次会议", "一场"));
        Assert.StartsWith("no date: add `date: YYYY-MM-DD` front matter", message);
    }

    [Fact]
    public void No_date_when_the_session_gives_a_year_but_the_lead_no_day() =>
        Assert.StartsWith("no date: `十四届全国人大二次会议` gives 2024", Reject(Article.Replace("3月7日，", "")));

    [Fact]
    public void A_caller_supplied_date_makes_an_undated_article_acceptable()
    {
        var doc = TranscriptReader.Default.Read(new SourceFile("x.txt", Encoding.UTF8.GetBytes(Article.Replace("十四届全国人大二次会议", "一场")),
            new DocumentMetadataOverrides { Date = new DateOnly(2024, 1, 2) }));
        Assert.Equal(new DateOnly(2024, 1, 2), doc.Metadata.Date);
    }

    [Theory]
    [InlineData("---\ndat: 2024-03-07\n---\n", "front matter: unknown key `dat`")]
    [InlineData("---\ndate: 7 March 2024\n---\n", "front matter: date `7 March 2024` is not YYYY-MM-DD")]
    [InlineData("---\ndate: 2024-03-07\n", "front matter: no closing `---` line")]
    [InlineData("---\ntitle: [a, b\n---\n", "front matter: not flat `key: value` YAML")]
    public void Bad_front_matter(string frontMatter, string reason) =>
        Assert.StartsWith(reason, Reject(frontMatter + Article));

    [Fact]
    public void A_chinese_briefing_page_without_its_body_is_refused_for_that_not_for_its_date()
    {
        // The title holds a date; what is missing is div#News_Body_Txt_A (the generic div.content is still there).
        const string page = """
            <html><head><meta charset="utf-8"><title>2018年8月29日外交部发言人耿爽主持例行记者会</title></head><body>
            <div id="News_Body_Title">2018年8月29日外交部发言人耿爽主持例行记者会</div>
            <span id="News_Body_Time">2018-08-29</span>
            <div class="content"><p>相关新闻</p></div>
            </body></html>
            """;
        Assert.Equal("no transcript body: the Chinese page has no div#News_Body_Txt_A", Reject(page));
    }
}
