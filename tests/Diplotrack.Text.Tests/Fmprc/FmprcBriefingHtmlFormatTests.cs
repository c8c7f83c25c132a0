using System.Text;
using Diplotrack.Text.Documents;
using Diplotrack.Text.Parsing;
using Diplotrack.Text.Parsing.Fmprc;

namespace Diplotrack.Text.Tests.Fmprc;

public sealed class FmprcBriefingHtmlFormatTests
{
    private static readonly FmprcBriefingHtmlFormat Format = new();

    internal static (SourceFile File, string Text) Fixture(string name, DocumentMetadataOverrides? metadata = null)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fmprc", "Fixtures", name));
        return (new SourceFile(name, bytes, metadata), Encoding.UTF8.GetString(bytes));
    }

    private static ParsedDocument Parse(string name, DocumentMetadataOverrides? metadata = null)
    {
        var (file, text) = Fixture(name, metadata);
        Assert.True(Format.Recognises(file, text), $"{name} should be recognised");
        var doc = Format.Parse(file, text);
        AssertSpansExact(doc);
        return doc;
    }

    private static void AssertSpansExact(ParsedDocument doc)
    {
        for (var i = 0; i < doc.Statements.Count; i++)
        {
            var s = doc.Statements[i];
            Assert.Equal(i, s.Index);
            Assert.Equal(doc.NormalisedText[s.Start..s.End], s.Text);
        }
        foreach (var x in doc.Exchanges) Assert.InRange(x.End, x.Start, doc.NormalisedText.Length);
    }

    private static string[] Texts(ParsedDocument doc, StatementKind kind, int? exchange = -1) =>
        doc.Statements.Where(s => s.Kind == kind && (exchange == -1 || s.Exchange == exchange)).Select(s => s.Text).ToArray();

    [Fact]
    public void Chinese_page_metadata_comes_from_title_and_time_span()
    {
        var doc = Parse("zh-qa-2019.shtml");
        Assert.Equal("fmprc-briefing-html", Format.Id);
        Assert.Equal("2019年4月29日外交部发言人耿爽主持例行记者会", doc.Metadata.Title);
        Assert.Equal(new DateOnly(2019, 4, 29), doc.Metadata.Date);
        Assert.Equal("regular-briefing", doc.Metadata.Kind);
        Assert.Equal("zh", doc.Metadata.Language);
        Assert.Equal("北京", doc.Metadata.Place);
        Assert.Equal("外交部例行记者会", doc.Metadata.Occasion);
        Assert.Equal("zh-qa-2019.shtml", doc.Metadata.Source);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(doc.NormalisedText))), doc.Sha256);
    }

    [Fact]
    public void Crawler_supplied_url_and_metadata_win()
    {
        var doc = Parse("zh-qa-2019.shtml", new DocumentMetadataOverrides
        {
            Source = "https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t0000000.shtml",
            Place = "外交部蓝厅",
        });
        Assert.Equal("https://www.fmprc.gov.cn/web/wjdt_674879/fyrbt_674889/t0000000.shtml", doc.Metadata.Source);
        Assert.Equal("外交部蓝厅", doc.Metadata.Place);
    }

    [Fact]
    public void Normalised_text_is_the_paragraphs_without_indentation_images_or_lists()
    {
        var doc = Parse("zh-qa-2019.shtml");
        var paragraphs = doc.NormalisedText.Split("\n\n");
        Assert.Equal("应甲国政府邀请，乙国外长将于5月2日访问甲国。", paragraphs[0]);
        // &nbsp; and U+3000 indentation trimmed; the label stays in the text (statements skip it).
        Assert.Equal("问：据报道，丙国昨天宣布了新的港口计划。中方对此有何评论？", paragraphs[2]);
        // Entities decoded.
        Assert.Contains("公开透明——这是常识", doc.NormalisedText, StringComparison.Ordinal);
        Assert.Equal("我们已经多次阐明立场，不再重复。", paragraphs[^1]);
        Assert.DoesNotContain("相关新闻", doc.NormalisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("附件", doc.NormalisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("4月28日", doc.NormalisedText, StringComparison.Ordinal);
        Assert.DoesNotContain('\u3000', doc.NormalisedText);
        Assert.DoesNotContain('\u00A0', doc.NormalisedText);
        Assert.Equal(12, paragraphs.Length);
    }

    [Fact]
    public void Opening_announcement_is_the_spokespersons_and_outside_exchanges()
    {
        var doc = Parse("zh-qa-2019.shtml");
        var opening = doc.Statements.Where(s => s.Kind == StatementKind.Opening).ToList();
        Assert.Equal(["应甲国政府邀请，乙国外长将于5月2日访问甲国。", "双方将就双边关系交换意见。", "我们期待此访取得成功！"],
            opening.Select(s => s.Text));
        Assert.All(opening, s =>
        {
            Assert.Null(s.Exchange);
            Assert.Equal(new SpeakerRef("耿爽", "外交部发言人", "CN"), s.Speaker);
        });
    }

    [Fact]
    public void Old_style_labels_make_exchanges_with_follow_ups_and_continuations()
    {
        var doc = Parse("zh-qa-2019.shtml");
        Assert.Equal(3, doc.Exchanges.Count);
        Assert.All(doc.Exchanges, x =>
        {
            Assert.Null(x.Outlet);
            Assert.Equal("耿爽", x.Answerer?.Name);
            Assert.Equal("CN", x.Answerer?.ActorId);
        });

        Assert.Equal(["据报道，丙国昨天宣布了新的港口计划。", "中方对此有何评论？"], Texts(doc, StatementKind.Question, 0));
        // A quoted passage stays inside its sentence and 。” ends it (the closing mark stays with the sentence);
        // a paragraph ending in '：' is its own statement; the unlabelled paragraphs continue the answer.
        Assert.Equal(
        [
            "我们注意到有关报道。",
            "中方一贯认为，“合作共赢是正道。对抗没有出路。”",
            "各方应当相向而行。",
            "我还想强调两点：",
            "第一，港口合作应当公开透明——这是常识；第二，中方愿同各方一道努力？",
        ], Texts(doc, StatementKind.Answer, 0));

        // 追问 stays in the exchange of the question it follows; a book title's ！ does not end the sentence.
        Assert.Equal(["你提到的纪录片《你好，山城！》何时播出？", "是否会在海外播出？"], Texts(doc, StatementKind.Question, 1));
        Assert.Equal(["下周播出。", "我没有这方面的信息。"], Texts(doc, StatementKind.Answer, 1));
        Assert.All(doc.Statements.Where(s => s.Kind == StatementKind.Question), s => Assert.Equal("记者", s.Speaker?.Name));
    }

    [Fact]
    public void An_unlabelled_plain_paragraph_after_a_bold_question_is_the_answer()
    {
        var doc = Parse("zh-qa-2019.shtml");
        Assert.Equal(["丁国总统昨天发表讲话，你有何回应？"], Texts(doc, StatementKind.Question, 2));
        Assert.Equal(["我们已经多次阐明立场，不再重复。"], Texts(doc, StatementKind.Answer, 2));
    }

    [Fact]
    public void Exchange_spans_cover_the_question_and_its_answers()
    {
        var doc = Parse("zh-qa-2019.shtml");
        var first = doc.Exchanges[0];
        var text = doc.NormalisedText[first.Start..first.End];
        Assert.StartsWith("问：据报道", text, StringComparison.Ordinal);
        Assert.EndsWith("中方愿同各方一道努力？", text, StringComparison.Ordinal);
        Assert.All(doc.Statements.Where(s => s.Exchange == 0), s => Assert.InRange(s.Start, first.Start, first.End));
    }

    [Fact]
    public void Outlet_labels_from_2020_name_the_outlet_and_the_spokesperson()
    {
        var doc = Parse("zh-outlets-2020.shtml");
        Assert.Equal(new DateOnly(2020, 6, 1), doc.Metadata.Date);
        Assert.Equal(["路透社", "《环球时报》", null], doc.Exchanges.Select(x => x.Outlet));
        Assert.All(doc.Exchanges, x => Assert.Equal(new SpeakerRef("赵立坚", "外交部发言人", "CN"), x.Answerer));

        Assert.Equal(["首先向大家通报一个消息：戊国外长将于下周访华。"], Texts(doc, StatementKind.Opening));
        // Labels split over several <B> elements are still labels, and are not part of the statement.
        Assert.Equal(["第一个问题，甲国今天发表声明。", "中方是否同意？", "（记者点头）"], Texts(doc, StatementKind.Question, 0));
        Assert.Equal("路透社记者", doc.Statements.First(s => s.Exchange == 0).Speaker?.Name);
        // （记者点头） is the journalist's, and the spokesperson's turn continues after it.
        Assert.Equal(["中方不同意。", "我再补充一点。", "中方的立场是一贯的。"], Texts(doc, StatementKind.Answer, 0));

        Assert.Equal(["有评论称，乙国将退出某条约。", "你对此怎么看？", "中方会采取什么措施？"], Texts(doc, StatementKind.Question, 1));
        Assert.Equal("《环球时报》记者", doc.Statements.Last(s => s is { Kind: StatementKind.Question, Exchange: 1 }).Speaker?.Name);
        Assert.Equal(["丙国官员表示将访问台湾地区。", "中方有何评论？"], Texts(doc, StatementKind.Question, 2));
        Assert.Equal(["中方坚决反对。"], Texts(doc, StatementKind.Answer, 2));
        Assert.DoesNotContain("不是正文", doc.NormalisedText, StringComparison.Ordinal);
    }

    [Fact]
    public void English_page_takes_the_date_from_a_malformed_title_and_supports_both_label_styles()
    {
        var doc = Parse("en-2018.shtml");
        Assert.Equal(new DateOnly(2018, 6, 11), doc.Metadata.Date);
        Assert.Equal("en", doc.Metadata.Language);
        Assert.Equal([null, "Reuters"], doc.Exchanges.Select(x => x.Outlet));
        Assert.All(doc.Exchanges, x => Assert.Equal(new SpeakerRef("Lu Kang", "Foreign Ministry Spokesperson", "CN"), x.Answerer));
        Assert.Equal(["At the invitation of the Foreign Minister of Country A, Mr. B will visit Country A from June 12 to 14."],
            Texts(doc, StatementKind.Opening));
        Assert.Equal(["Country C said it would \"review every option.\"", "Do you have any comment?"], Texts(doc, StatementKind.Question, 0));
        Assert.Equal(["We have noted the reports.", "The U.S. side should respect the facts.", "We hope all parties will stay calm!"],
            Texts(doc, StatementKind.Answer, 0));
        Assert.Equal(["Will the two leaders meet next week?", "Can you confirm the date?"], Texts(doc, StatementKind.Question, 1));
        Assert.Equal(["I have no information to release at the moment.", "As I said, I have nothing further."], Texts(doc, StatementKind.Answer, 1));
        Assert.DoesNotContain("not part of the transcript", doc.NormalisedText, StringComparison.Ordinal);
    }

    [Fact]
    public void English_title_without_a_year_is_refused_unless_the_date_is_given()
    {
        var (file, text) = Fixture("en-no-year.shtml");
        var e = Assert.Throws<DocumentRejectedException>(() => Format.Parse(file, text));
        Assert.Contains("has no year", e.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Reason);

        var doc = Parse("en-no-year.shtml", new DocumentMetadataOverrides { Date = new DateOnly(2018, 9, 10) });
        Assert.Equal(new DateOnly(2018, 9, 10), doc.Metadata.Date);
        Assert.Equal(2, doc.Exchanges.Count);
    }

    [Fact]
    public void Page_without_a_transcript_container_is_refused()
    {
        const string html = "<html><head><title>x</title></head><body><div id=\"News_Body_Time\">2019-01-01</div><p>问：甲？</p><p>答：乙。</p></body></html>";
        var file = new SourceFile("no-container.html", Encoding.UTF8.GetBytes(html));
        Assert.False(Format.Recognises(file, html));
        var e = Assert.Throws<DocumentRejectedException>(() => Format.Parse(file, html));
        Assert.Contains("no transcript container", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_page_without_any_date_is_refused_unless_the_date_is_given()
    {
        var (file, text) = Fixture("zh-qa-2019.shtml");
        text = text.Replace("<span id=\"News_Body_Time\">2019-04-29</span>", "<span id=\"News_Body_Time\"></span>", StringComparison.Ordinal)
                   .Replace("2019年4月29日", "", StringComparison.Ordinal);
        var e = Assert.Throws<DocumentRejectedException>(() => Format.Parse(file, text));
        Assert.Contains("no date", e.Reason, StringComparison.Ordinal);

        var doc = Format.Parse(file with { Metadata = new DocumentMetadataOverrides { Date = new DateOnly(2019, 4, 29) } }, text);
        Assert.Equal(new DateOnly(2019, 4, 29), doc.Metadata.Date);
    }

    [Fact]
    public void Chinese_date_falls_back_to_the_title_when_the_time_span_is_empty()
    {
        var (file, text) = Fixture("zh-qa-2019.shtml");
        text = text.Replace("<span id=\"News_Body_Time\">2019-04-29</span>", "<span id=\"News_Body_Time\"></span>", StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2019, 4, 29), Format.Parse(file, text).Metadata.Date);
    }

    [Fact]
    public void Statement_page_without_labels_is_refused_but_an_announcement_only_briefing_is_kept()
    {
        var (file, text) = Fixture("zh-qa-2019.shtml");
        var body = text[..text.IndexOf("<P style=\"FONT-FAMILY: arial\">&nbsp;", StringComparison.Ordinal)]
                   + "</div>" + text[text.IndexOf("<div class=\"news\" id=\"appendix_list\"", StringComparison.Ordinal)..];

        // A briefing whose transcript is only the opening announcement (the corpus has one: 2017-10-24).
        var doc = Format.Parse(file, body);
        Assert.Empty(doc.Exchanges);
        Assert.Equal(3, doc.Statements.Count);
        Assert.All(doc.Statements, s => Assert.Equal(StatementKind.Opening, s.Kind));

        // Not a briefing and no labels: nothing to attribute, so refuse.
        var statement = body.Replace("2019年4月29日外交部发言人耿爽<br>主持例行记者会", "外交部发言人就某事发表谈话", StringComparison.Ordinal);
        var e = Assert.Throws<DocumentRejectedException>(() => Format.Parse(file, statement));
        Assert.Contains("no question/answer labels", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_labelled_statement_page_is_kept_as_spokesperson_remarks_not_a_briefing()
    {
        var (file, text) = Fixture("zh-qa-2019.shtml");
        text = text.Replace("2019年4月29日外交部发言人耿爽<br>主持例行记者会", "外交部发言人耿爽就某事答记者问", StringComparison.Ordinal);
        var doc = Format.Parse(file, text);
        Assert.Equal("spokesperson-remarks", doc.Metadata.Kind);
        Assert.Null(doc.Metadata.Occasion);
        Assert.Equal(new DateOnly(2019, 4, 29), doc.Metadata.Date);
        Assert.All(doc.Exchanges, x => Assert.Equal("耿爽", x.Answerer?.Name));
    }

    [Fact]
    public void Empty_container_is_refused()
    {
        const string html = "<html><body><div id=\"News_Body_Title\">2019年1月2日外交部发言人陆慷主持例行记者会</div>" +
                            "<span id=\"News_Body_Time\">2019-01-02</span><div id=\"News_Body_Txt_A\" class=\"content\"><P>　　</P><P align=center><IMG src=\"a.jpg\"/></P></div></body></html>";
        var file = new SourceFile("empty.html", Encoding.UTF8.GetBytes(html));
        Assert.True(Format.Recognises(file, html));
        var e = Assert.Throws<DocumentRejectedException>(() => Format.Parse(file, html));
        Assert.Contains("no text", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_is_not_recognised()
    {
        const string text = "问：这是一段文字。\n答：不是网页。";
        Assert.False(Format.Recognises(new SourceFile("a.txt", Encoding.UTF8.GetBytes(text)), text));
    }
}
