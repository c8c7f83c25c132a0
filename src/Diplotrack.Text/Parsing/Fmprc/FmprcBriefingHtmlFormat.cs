using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Diplotrack.Text.Documents;

namespace Diplotrack.Text.Parsing.Fmprc;

/// <summary>
/// The transcript pages of the Chinese Foreign Ministry's regular press conference (fmprc.gov.cn, 例行记者会),
/// Chinese (<c>div#News_Body_Txt_A</c>) and English (<c>div.content</c>). Described in docs/transcript-formats.md.
/// </summary>
public sealed partial class FmprcBriefingHtmlFormat : ITranscriptFormat
{
    public const string FormatId = "fmprc-briefing-html";
    public const string DocumentKind = "regular-briefing";
    /// <summary>Kind of the section's other labelled pages (<c>…答记者问</c>, <c>…'s Remarks on …</c>): not a briefing.</summary>
    public const string RemarksKind = "spokesperson-remarks";

    private const string ChineseContainerId = "News_Body_Txt_A";
    // Lists the page shows below the transcript; never content. Traversal stops at the first one it meets.
    private static readonly HashSet<string> NotContentIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "relnews_list", "id_RelNewsList", "appendix_list", "Appendix_article",
    };
    // Elements that start a new paragraph in the rendered page.
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "table", "tbody", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
        "center", "blockquote", "section", "article", "hr", "img",
    };

    public string Id => FormatId;

    public bool Recognises(SourceFile file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("<html", StringComparison.OrdinalIgnoreCase) && !text.Contains("<div", StringComparison.OrdinalIgnoreCase))
            return false;
        if (text.Contains("id=\"" + ChineseContainerId + "\"", StringComparison.OrdinalIgnoreCase)) return true;
        // English pages: the generic content div, on a page that carries the Ministry's News_Body_Time marker.
        return text.Contains("class=\"content\"", StringComparison.OrdinalIgnoreCase)
               && text.Contains("News_Body_Time", StringComparison.Ordinal);
    }

    public ParsedDocument Parse(SourceFile file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);

        var document = new HtmlParser().ParseDocument(text);
        var chinese = document.GetElementById(ChineseContainerId);
        // A Chinese page (it has #News_Body_Title) that lost its body would otherwise fall through to the English
        // reading and be refused for its title's date, which is not what is wrong with it.
        if (chinese is null && document.GetElementById("News_Body_Title") is not null)
            throw new DocumentRejectedException(
                $"no transcript body: the Chinese page has no div#{ChineseContainerId}");
        var container = chinese ?? document.QuerySelector("div.content")
            ?? throw new DocumentRejectedException(
                "no transcript container (div#News_Body_Txt_A or div.content): not a Foreign Ministry briefing page");
        var page = chinese is not null ? ReadChineseHead(document) : ReadEnglishHead(document);
        var overrides = file.Metadata;

        var title = overrides?.Title ?? page.Title;
        if (string.IsNullOrWhiteSpace(title))
            throw new DocumentRejectedException("the page has no title (#News_Body_Title / <title>)");
        var date = overrides?.Date ?? page.Date
            ?? throw new DocumentRejectedException(page.DateProblem ?? "the page gives no date; give the date explicitly");

        var paragraphs = ExtractParagraphs(container);
        if (paragraphs.Count == 0)
            throw new DocumentRejectedException("the transcript container holds no text");

        var builder = new StringBuilder();
        var spans = new List<(int Start, int End)>(paragraphs.Count);
        foreach (var paragraph in paragraphs)
        {
            if (builder.Length > 0) builder.Append("\n\n");
            spans.Add((builder.Length, builder.Length + paragraph.Text.Length));
            builder.Append(paragraph.Text);
        }
        var normalised = builder.ToString();

        var names = new List<string>();
        if (page.Spokesperson is not null) names.Add(page.Spokesperson);
        names.AddRange(page.Language == "zh" ? FmprcSpeakerLabels.KnownChineseNames : FmprcSpeakerLabels.KnownEnglishNames);
        var turns = new TurnBuilder(normalised, page.Language, page.Spokesperson);
        for (var p = 0; p < spans.Count; p++)
        {
            var (start, end) = spans[p];
            var label = page.Language == "zh"
                ? FmprcSpeakerLabels.Chinese(paragraphs[p].Text, names)
                : FmprcSpeakerLabels.English(paragraphs[p].Text, names);
            turns.Add(start, end, label, paragraphs[p].Bold);
        }

        if (turns.QuestionCount == 0 && !page.IsRegularBriefing)
            throw new DocumentRejectedException("no question/answer labels (问：/答：, …记者：, Q:/A:) found in the transcript");
        if (turns.QuestionCount > 0 && turns.AnswerCount == 0)
            throw new DocumentRejectedException($"{turns.QuestionCount} question(s) but no answer label (答：, spokesperson's name, A:)");

        var metadata = new DocumentMetadata
        {
            Title = title,
            Date = date,
            Kind = overrides?.Kind ?? (page.IsRegularBriefing ? DocumentKind : RemarksKind),
            Place = overrides?.Place ?? (page.Language == "zh" ? "北京" : "Beijing"),
            Occasion = overrides?.Occasion ?? (!page.IsRegularBriefing ? null
                : page.Language == "zh" ? "外交部例行记者会" : "Foreign Ministry regular press conference"),
            Language = overrides?.Language ?? page.Language,
            Source = overrides?.Source ?? file.Name,
        };
        return new ParsedDocument
        {
            Metadata = metadata,
            NormalisedText = normalised,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))),
            Exchanges = turns.Exchanges(),
            Statements = turns.Statements,
        };
    }

    private sealed record PageHead(string Language, string? Title, DateOnly? Date, string? DateProblem, string? Spokesperson, bool IsRegularBriefing);

    private static PageHead ReadChineseHead(IDocument document)
    {
        var titleElement = document.GetElementById("News_Body_Title");
        var title = titleElement is null ? document.Title?.Trim() : Collapse(titleElement.TextContent);
        DateOnly? date = null;
        string? problem = null;
        var time = document.GetElementById("News_Body_Time")?.TextContent.Trim();
        if (!string.IsNullOrEmpty(time))
        {
            if (DateOnly.TryParseExact(time, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) date = d;
            else problem = $"#News_Body_Time holds '{time}', not a YYYY-MM-DD date";
        }
        if (date is null && title is not null && ChineseTitleDate().Match(title) is { Success: true } m)
        {
            date = MakeDate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value);
            problem = date is null ? $"the title's date in '{title}' is not a real date" : null;
        }
        problem ??= date is null ? "no date: #News_Body_Time is empty and the title has none; give the date explicitly" : null;
        var spokesperson = title is null ? null
            : ChineseTitleSpokesperson().Match(title) is { Success: true } s ? s.Groups["name"].Value
            // 外交部发言人华春莹就…答记者问: no 主持, but a known name.
            : FmprcSpeakerLabels.KnownChineseNames.FirstOrDefault(n => title.Contains("发言人" + n, StringComparison.Ordinal));
        var briefing = title is not null && title.Contains("例行记者会", StringComparison.Ordinal);
        return new PageHead("zh", title, date, problem, spokesperson, briefing);
    }

    private static PageHead ReadEnglishHead(IDocument document)
    {
        var heading = document.QuerySelector("h2.title")?.TextContent;
        var title = Collapse(string.IsNullOrWhiteSpace(heading) ? document.Title ?? "" : heading);
        DateOnly? date = null;
        string? problem;
        var m = EnglishTitleDate().Match(title);
        if (!m.Success)
        {
            problem = $"no date in the title '{title}'; give the date explicitly";
        }
        else if (!m.Groups["y"].Success)
        {
            problem = $"the title '{title}' has no year; give the date explicitly";
        }
        else
        {
            date = DateOnly.TryParseExact($"{m.Groups["mon"].Value} {m.Groups["d"].Value} {m.Groups["y"].Value}", "MMMM d yyyy",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            problem = date is null ? $"the title's date in '{title}' is not a real date" : null;
        }
        var s = EnglishTitleSpokesperson().Match(title);
        var briefing = title.Contains("Regular Press Conference", StringComparison.OrdinalIgnoreCase)
                       || title.Contains("Daily Briefing", StringComparison.OrdinalIgnoreCase);
        return new PageHead("en", title, date, problem, s.Success ? s.Groups["name"].Value : null, briefing);
    }

    private static DateOnly? MakeDate(string y, string m, string d) =>
        DateOnly.TryParseExact($"{y}-{int.Parse(m, CultureInfo.InvariantCulture):00}-{int.Parse(d, CultureInfo.InvariantCulture):00}",
            "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <param name="Bold">Most of its visible characters are in &lt;b&gt;/&lt;strong&gt;: how the pages set questions.</param>
    internal sealed record Paragraph(string Text, bool Bold);

    private sealed class Buffer
    {
        public readonly StringBuilder Text = new();
        public int BoldDepth;
        public int Visible;
        public int BoldVisible;
    }

    /// <summary>The container's paragraphs as rendered text: blocks and images end a paragraph, empty ones are dropped.</summary>
    internal static List<Paragraph> ExtractParagraphs(IElement container)
    {
        var paragraphs = new List<Paragraph>();
        var buffer = new Buffer();
        Walk(container, buffer, paragraphs);
        Flush(buffer, paragraphs);
        return paragraphs;
    }

    // Returns false once a related-news or appendix list is reached: nothing after it is transcript.
    private static bool Walk(INode node, Buffer buffer, List<Paragraph> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IElement element:
                    if (element.Id is { } id && NotContentIds.Contains(id)) return false;
                    var name = element.LocalName;
                    if (name is "script" or "style" or "noscript") continue;
                    if (BlockElements.Contains(name))
                    {
                        Flush(buffer, paragraphs);
                        if (!Walk(element, buffer, paragraphs)) return false;
                        Flush(buffer, paragraphs);
                    }
                    else
                    {
                        var bold = name is "b" or "strong";
                        if (bold) buffer.BoldDepth++;
                        var more = Walk(element, buffer, paragraphs);
                        if (bold) buffer.BoldDepth--;
                        if (!more) return false;
                    }
                    break;
                case IText textNode:
                    buffer.Text.Append(textNode.Data);
                    var visible = CountVisible(textNode.Data);
                    buffer.Visible += visible;
                    if (buffer.BoldDepth > 0) buffer.BoldVisible += visible;
                    break;
            }
        }
        return true;
    }

    private static int CountVisible(string data)
    {
        var count = 0;
        foreach (var c in data) if (!char.IsWhiteSpace(c)) count++;
        return count;
    }

    private static void Flush(Buffer buffer, List<Paragraph> paragraphs)
    {
        if (buffer.Text.Length == 0) return;
        var text = Collapse(buffer.Text.ToString());
        if (text.Length > 0) paragraphs.Add(new Paragraph(text, buffer.BoldVisible * 2 > buffer.Visible));
        buffer.Text.Clear();
        buffer.Visible = buffer.BoldVisible = 0;
    }

    /// <summary>
    /// HTML white space rendering: runs of ASCII white space and no-break spaces become one space; the leading
    /// full-width indentation (U+3000) and spaces are trimmed. U+3000 inside a paragraph is kept.
    /// </summary>
    private static string Collapse(string raw) => HtmlWhitespace.Collapse(raw);

    [GeneratedRegex(@"(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})日")]
    private static partial Regex ChineseTitleDate();

    [GeneratedRegex(@"外交部发言人(?<name>\p{IsCJKUnifiedIdeographs}{2,4}?)主持")]
    private static partial Regex ChineseTitleSpokesperson();

    // "on June 11, 2018", "on June11, 2018" (space missing), "on September 10" (no year).
    [GeneratedRegex(@"\bon\s+(?<mon>January|February|March|April|May|June|July|August|September|October|November|December)\s*(?<d>\d{1,2})(,?\s*(?<y>\d{4}))?", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishTitleDate();

    [GeneratedRegex(@"Spokesperson\s+(?<name>[A-Z][a-z]+ [A-Z][a-z]+)['’]s")]
    private static partial Regex EnglishTitleSpokesperson();
}
